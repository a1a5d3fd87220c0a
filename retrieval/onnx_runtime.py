"""The embedding model run by ONNX Runtime, for the short texts embedded while a question waits.

Answering compares some sixteen candidate sentences with the question in meaning; on two CPU
cores that is most of an answer's time. ONNX Runtime gives the same vectors as torch (they differ
by less than 1e-6) about 1.4 to 1.6 times as fast on such texts (BENCHMARKS.md, Answer quality).
The model is exported from the torch weights already loaded, so nothing is downloaded; the export
is kept in a folder and reused while the model's files and torch's version are unchanged.

Only models that mean-pool and normalise their token vectors (as the bundled MiniLM does) are run
this way. Any other model, or a failed export, falls back to torch with a warning, so answering
never depends on the export."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import threading
import warnings
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from retrieval.embeddings import Tokenizer, Vectors, resolve_model_path

if TYPE_CHECKING:
    from retrieval.embeddings import SentenceTransformerEmbedder

log = logging.getLogger(__name__)

SHORT_TEXT_BATCH = 8
"""Texts per run: sorted by length, small batches pad little (8 was fastest of 4, 8 and 16 on
candidate sentences)."""
ONNX_OPSET = 17
POOLING_MODULES = (
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
)


class OnnxEmbedder:
    """The torch embedder's model, run by ONNX Runtime where it can be; torch where it cannot."""

    def __init__(
        self,
        torch_embedder: SentenceTransformerEmbedder,
        folder: Path | None = None,
        batch_size: int = SHORT_TEXT_BATCH,
    ) -> None:
        """``folder`` keeps the exported model between processes; None exports in memory."""
        self._torch = torch_embedder
        self.model_name = torch_embedder.model_name
        self.folder = folder
        self.batch_size = batch_size
        self._tokenizing = threading.Lock()
        self._loading = threading.Lock()

    @property
    def max_tokens(self) -> int:
        return self._torch.max_tokens

    @property
    def tokenizer(self) -> Tokenizer:
        return self._torch.tokenizer

    @property
    def runs_onnx(self) -> bool:
        return self._session is not None

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        session = self._session
        if session is None:
            return self._torch.embed_documents(texts)
        order = sorted(range(len(texts)), key=lambda index: -len(texts[index]))
        batches = [
            self._encode(
                session, [texts[index] for index in order[start : start + self.batch_size]]
            )
            for start in range(0, len(order), self.batch_size)
        ]
        sorted_vectors = np.concatenate(batches)
        vectors: Vectors = np.empty_like(sorted_vectors)
        vectors[order] = sorted_vectors
        return vectors

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self.embed_documents([text])[0]
        return vector

    def _encode(self, session: Any, texts: list[str]) -> Vectors:
        model = self._torch.model
        with self._tokenizing:
            inputs = model.tokenizer(
                texts,
                padding=True,
                truncation=True,
                max_length=model.max_seq_length,
                return_tensors="np",
            )
        wanted = {graph_input.name for graph_input in session.get_inputs()}
        feed = {name: np.asarray(value, dtype=np.int64) for name, value in inputs.items()}
        tokens = session.run(None, {name: feed[name] for name in wanted})[0]
        return _mean_pooled_normalised(tokens, feed["attention_mask"])

    @property
    def _session(self) -> Any | None:
        """Loaded at first use, by one thread (the others wait for it)."""
        with self._loading:
            return self._loaded_session

    @cached_property
    def _loaded_session(self) -> Any | None:
        model_path = Path(resolve_model_path(self.model_name))
        if not _mean_pooled_and_normalised(model_path):
            log.info("%s is not mean-pooled and normalised: torch embeds it", self.model_name)
            return None
        try:
            return self._load_session(model_path)
        except Exception as error:  # any export or runtime failure leaves torch to do the work
            log.warning(
                "ONNX Runtime unavailable for %s, torch embeds instead: %s", model_path, error
            )
            return None

    def _load_session(self, model_path: Path) -> Any:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        if self._torch.threads:
            options.intra_op_num_threads = self._torch.threads
        exported = self._exported(model_path)
        return onnxruntime.InferenceSession(exported, options, providers=["CPUExecutionProvider"])

    def _exported(self, model_path: Path) -> str | bytes:
        """The exported model's file, exported now if it is not there yet (or its bytes)."""
        if self.folder is None:
            buffer = io.BytesIO()
            self._export(buffer)
            return buffer.getvalue()
        target = self.folder / f"{model_path.name}-{_export_key(model_path)}.onnx"
        if not target.is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(f".{os.getpid()}.partial")
            with partial.open("wb") as file:
                self._export(file)
            partial.replace(target)  # atomic: another process never loads half a file
        return str(target)

    def _export(self, file: Any) -> None:
        import torch

        model = self._torch.model
        transformer: Any = model[0].auto_model
        transformer.eval()
        sample = model.tokenizer(
            ["a sample", "a longer sample text"], padding=True, return_tensors="pt"
        )
        names = list(sample.keys())
        axes = {name: {0: "batch", 1: "tokens"} for name in [*names, "token_vectors"]}
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes it fixes as constants
            torch.onnx.export(
                _positional(transformer, names),
                tuple(sample[name] for name in names),
                file,
                input_names=names,
                output_names=["token_vectors"],
                dynamic_axes=axes,
                opset_version=ONNX_OPSET,
                dynamo=False,
            )


def _positional(transformer: Any, names: list[str]) -> Any:
    """The transformer taking its inputs by position and giving its token vectors as its one
    output, as the exporter traces it."""
    import torch

    class Positional(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, *inputs: Any) -> Any:
            return self.transformer(**dict(zip(names, inputs, strict=True))).last_hidden_state

    return Positional()


def _mean_pooled_normalised(tokens: Any, attention_mask: Any) -> Vectors:
    mask = attention_mask[..., None].astype(np.float32)
    summed = (tokens * mask).sum(axis=1)
    means = summed / np.clip(mask.sum(axis=1), 1e-9, None)
    norms = np.clip(np.linalg.norm(means, axis=1, keepdims=True), 1e-12, None)
    result: Vectors = (means / norms).astype(np.float32)
    return result


def _mean_pooled_and_normalised(model_path: Path) -> bool:
    try:
        modules = json.loads((model_path / "modules.json").read_text())
        types = tuple(module["type"] for module in modules)
        pooling_folder = next(m["path"] for m in modules if m["type"].endswith(".Pooling"))
        pooling = json.loads((model_path / pooling_folder / "config.json").read_text())
    except (OSError, ValueError, KeyError, StopIteration):
        return False
    modes = {key for key, value in pooling.items() if key.startswith("pooling_mode") and value}
    return types == POOLING_MODULES and modes == {"pooling_mode_mean_tokens"}


def _export_key(model_path: Path) -> str:
    """Changes when the model's files or torch's version do, so a stale export is never used."""
    import torch

    digest = hashlib.sha256(f"{torch.__version__}:{ONNX_OPSET}".encode())
    for path in sorted(model_path.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(
                f"{path.relative_to(model_path)}:{stat.st_size}:{stat.st_mtime_ns}".encode()
            )
    return digest.hexdigest()[:16]
