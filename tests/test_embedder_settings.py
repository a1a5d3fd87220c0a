"""The encoder's settings reach the model the services build."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import torch

from bot.services import build_services
from casework.settings import load_settings


@pytest.fixture
def restore_torch_threads() -> Iterator[None]:
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


@pytest.mark.usefixtures("restore_torch_threads")
def test_embedding_threads_limits_the_encoder() -> None:
    torch.set_num_threads(2)
    services = build_services(load_settings(EMBEDDING_THREADS=1, EMBEDDING_BATCH_SIZE=4))

    vectors = services.embedder.embed_documents(["Seized 400 counterfeit airbags at Newark."])

    assert vectors.shape == (1, 384)
    assert torch.get_num_threads() == 1


@pytest.mark.usefixtures("restore_torch_threads")
def test_by_default_the_encoder_keeps_torchs_threads() -> None:
    torch.set_num_threads(2)
    services = build_services(load_settings())

    services.embedder.embed_documents(["Seized 400 counterfeit airbags at Newark."])

    assert torch.get_num_threads() == 2
