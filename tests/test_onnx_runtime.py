"""The sentences an answer compares with the question are embedded by ONNX Runtime: the same
vectors as torch's, the export kept for the next process, and torch wherever ONNX cannot serve."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import pytest

from bot.services import build_services
from casework.settings import load_settings
from retrieval.embeddings import SentenceTransformerEmbedder, resolve_model_path
from retrieval.onnx_runtime import OnnxEmbedder
from retrieval.testing import HashingEmbedder

SENTENCES = [
    "Seized 960 counterfeit batteries at the Memphis hub.",
    "The defendant was sentenced to 37 months in prison and ordered to pay $1.2 million in "
    "restitution to the trademark holders whose marks were copied.",
    "Plea entered.",
    # longer than the model's 256 tokens: cut as torch cuts it
    "Shipment " + " ".join(f"HAWB-{number} declared as toys" for number in range(120)),
]


@pytest.fixture(scope="module")
def onnx_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def onnx_embedder(real_embedder: SentenceTransformerEmbedder, onnx_folder: Path) -> OnnxEmbedder:
    return OnnxEmbedder(real_embedder, onnx_folder)


def test_onnx_runtime_gives_the_vectors_torch_gives(
    onnx_embedder: OnnxEmbedder, real_embedder: SentenceTransformerEmbedder
) -> None:
    vectors = onnx_embedder.embed_documents(SENTENCES)

    assert onnx_embedder.runs_onnx
    assert vectors.shape == (len(SENTENCES), 384)
    np.testing.assert_allclose(vectors, real_embedder.embed_documents(SENTENCES), atol=1e-5)
    np.testing.assert_allclose(
        onnx_embedder.embed_query("restitution ordered"),
        real_embedder.embed_query("restitution ordered"),
        atol=1e-5,
    )


def test_the_export_is_kept_for_the_next_process(
    onnx_embedder: OnnxEmbedder,
    real_embedder: SentenceTransformerEmbedder,
    onnx_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert onnx_embedder.runs_onnx
    assert len(list(onnx_folder.glob("*.onnx"))) == 1
    assert not list(onnx_folder.glob("*.partial"))

    def no_export(self: OnnxEmbedder, file: object) -> None:
        raise AssertionError("exported again although the export was kept")

    monkeypatch.setattr(OnnxEmbedder, "_export", no_export)
    later = OnnxEmbedder(real_embedder, onnx_folder)

    assert later.runs_onnx
    np.testing.assert_allclose(
        later.embed_documents(SENTENCES[:1]),
        real_embedder.embed_documents(SENTENCES[:1]),
        atol=1e-5,
    )


def test_a_failed_export_leaves_torch_to_embed(
    real_embedder: SentenceTransformerEmbedder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    not_a_folder = tmp_path / "models"
    not_a_folder.write_text("a file where the export's folder should be")
    embedder = OnnxEmbedder(real_embedder, not_a_folder)

    with caplog.at_level(logging.WARNING, logger="retrieval.onnx_runtime"):
        vectors = embedder.embed_documents(SENTENCES[:2])

    assert not embedder.runs_onnx
    assert "torch embeds instead" in caplog.text
    np.testing.assert_allclose(vectors, real_embedder.embed_documents(SENTENCES[:2]), atol=1e-6)


def test_a_model_that_is_not_mean_pooled_is_embedded_by_torch(tmp_path: Path) -> None:
    """Pooling ONNX does not reproduce (here the [CLS] token's vector) is left to torch."""
    bundled = Path(resolve_model_path(SentenceTransformerEmbedder().model_name))
    model = tmp_path / "cls-pooled"
    for path in bundled.rglob("*"):
        if path.is_file():
            link = model / path.relative_to(bundled)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(path)
    pooling = model / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    pooling.unlink()
    pooling.write_text(
        json.dumps(config | {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True})
    )
    torch_embedder = SentenceTransformerEmbedder(str(model))
    embedder = OnnxEmbedder(torch_embedder, tmp_path / "models")

    vectors = embedder.embed_documents(SENTENCES[:2])

    assert not embedder.runs_onnx
    assert not (tmp_path / "models").exists()
    np.testing.assert_allclose(vectors, torch_embedder.embed_documents(SENTENCES[:2]), atol=1e-6)


def test_questions_and_answers_sentences_are_embedded_by_the_runtime_the_settings_name(
    real_embedder: SentenceTransformerEmbedder, tmp_path: Path
) -> None:
    default = build_services(load_settings(CASEBOT_HOME=tmp_path / "a"), embedder=real_embedder)
    by_torch = build_services(
        load_settings(CASEBOT_HOME=tmp_path / "b", CASEBOT_SENTENCE_RUNTIME="torch"),
        embedder=real_embedder,
    )
    hashing = HashingEmbedder()
    without_model = build_services(load_settings(CASEBOT_HOME=tmp_path / "c"), embedder=hashing)

    assert isinstance(default.sentence_embedder, OnnxEmbedder)
    assert default.sentence_embedder is real_embedder.onnx_twin()
    assert by_torch.sentence_embedder is real_embedder
    assert without_model.sentence_embedder is hashing
    assert default.searcher.query_embedder is default.sentence_embedder
    assert by_torch.searcher.query_embedder is real_embedder


def test_an_unknown_runtime_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="onnx"):
        load_settings(CASEBOT_SENTENCE_RUNTIME="tensorflow")
