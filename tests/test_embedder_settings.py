"""The encoder's settings reach the model the services build, and loading it stays offline
without touching the process's environment."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import torch

from bot.services import build_services
from casework.settings import BUNDLED_MODEL, load_settings
from retrieval.embeddings import SentenceTransformerEmbedder, resolve_model_path
from tests.conftest import REPO_ROOT


@pytest.fixture
def restore_torch_threads() -> Iterator[None]:
    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


@pytest.mark.usefixtures("restore_torch_threads")
def test_embedding_threads_limits_the_encoder() -> None:
    torch.set_num_threads(2)
    services = build_services(
        load_settings(CASEBOT_EMBEDDING_THREADS=1, CASEBOT_EMBEDDING_BATCH_SIZE=4)
    )

    vectors = services.embedder.embed_documents(["Seized 400 counterfeit airbags at Newark."])

    assert vectors.shape == (1, 384)
    assert torch.get_num_threads() == 1


@pytest.mark.usefixtures("restore_torch_threads")
def test_by_default_the_encoder_keeps_torchs_threads() -> None:
    torch.set_num_threads(2)
    services = build_services(load_settings())

    services.embedder.embed_documents(["Seized 400 counterfeit airbags at Newark."])

    assert torch.get_num_threads() == 2


def test_loading_the_encoder_leaves_the_environment_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE")
    before = dict(os.environ)
    embedder = SentenceTransformerEmbedder()

    embedder.embed_documents(["Seized 400 counterfeit airbags at Newark."])
    embedder.tokenizer.count("Seized 400 counterfeit airbags at Newark.")

    assert dict(os.environ) == before


LOAD_WITHOUT_OFFLINE_SETTING = """
from retrieval.embeddings import ModelNotOnDiskError, SentenceTransformerEmbedder

print(SentenceTransformerEmbedder().embed_query("counterfeit airbags").shape)
print(SentenceTransformerEmbedder("acme/minilm").embed_query("counterfeit airbags").shape)
try:
    SentenceTransformerEmbedder("sentence-transformers/all-MiniLM-L6-v2").model
except ModelNotOnDiskError:
    print("not on disk")
"""


def cache_the_bundled_model_as(repo_id: str, hf_home: Path) -> None:
    """The layout huggingface_hub's cache gives a downloaded model, its files linked."""
    repo = hf_home / "hub" / f"models--{repo_id.replace('/', '--')}"
    snapshot = repo / "snapshots" / ("0" * 40)
    snapshot.mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text("0" * 40)
    for path in Path(resolve_model_path(BUNDLED_MODEL)).rglob("*"):
        target = snapshot / path.relative_to(resolve_model_path(BUNDLED_MODEL))
        if path.is_dir():
            target.mkdir()
        else:
            target.symlink_to(path)


class HubRequests(BaseHTTPRequestHandler):
    paths: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self._refuse()

    def do_HEAD(self) -> None:
        self._refuse()

    def _refuse(self) -> None:
        self.paths.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def fake_hub() -> Iterator[str]:
    HubRequests.paths = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), HubRequests)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    thread.join()


def test_the_encoder_never_asks_a_hub_even_without_hf_hub_offline(
    fake_hub: str, tmp_path: Path
) -> None:
    """In a fresh process, so no earlier import has read HF_HUB_OFFLINE already."""
    environment = {name: value for name, value in os.environ.items() if not name.startswith("HF_")}
    environment |= {"HF_ENDPOINT": fake_hub, "HF_HOME": str(tmp_path / "hf-home")}
    cache_the_bundled_model_as("acme/minilm", tmp_path / "hf-home")
    environment["PYTHONPATH"] = str(REPO_ROOT)

    run = subprocess.run(
        [sys.executable, "-c", LOAD_WITHOUT_OFFLINE_SETTING],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["(384,)", "(384,)", "not on disk"]
    assert HubRequests.paths == []
