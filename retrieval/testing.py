"""Deterministic stand-ins for the embedding model, for tests and benchmarks that are about the
stores and the pipeline rather than about embedding quality.

Shipped with the package (as httpx ships `MockTransport`) so that the test suite and the
benchmarks share them. Nothing here imports pytest or loads a model.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from retrieval.embeddings import Vectors

WORD = re.compile(r"\w+|[^\w\s]")


class WordTokenizer:
    """One token per word or punctuation mark."""

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        return [match.span() for match in WORD.finditer(text)]

    def count(self, text: str) -> int:
        return len(self.token_spans(text))


class HashingEmbedder:
    """Bag-of-words vectors from hashed words: similar texts get similar vectors."""

    model_name = "test:hashing"

    def __init__(self, dimensions: int = 64, max_tokens: int = 126) -> None:
        self.dimensions = dimensions
        self._max_tokens = max_tokens
        self._tokenizer = WordTokenizer()
        self.calls = 0

    @property
    def max_tokens(self) -> int:
        return self._max_tokens

    @property
    def tokenizer(self) -> WordTokenizer:
        return self._tokenizer

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        self.calls += 1
        return np.stack([self._vector(text) for text in texts]).astype(np.float32)

    def embed_query(self, text: str) -> Vectors:
        return self._vector(text)

    def _vector(self, text: str) -> Vectors:
        vector = np.zeros(self.dimensions, dtype=np.float32)
        for word in WORD.findall(text.lower()):
            digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
            vector[int.from_bytes(digest, "little") % self.dimensions] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector
