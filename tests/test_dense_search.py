"""Dense search over a real Chroma collection finds the nearest entries, not an approximation
that changes each time the collection is opened."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt

from retrieval.vector_store import ChromaIndex, IndexEntry, open_chroma_client

ENTRIES = 4000
DIMENSIONS = 24
WANTED = 100


def unit_vectors(count: int, seed: int) -> npt.NDArray[np.float32]:
    vectors = np.random.default_rng(seed).normal(size=(count, DIMENSIONS)).astype(np.float32)
    normalised: npt.NDArray[np.float32] = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return normalised


def test_the_hundred_nearest_are_found_exactly_in_a_collection_made_before(
    tmp_path: Path,
) -> None:
    client = open_chroma_client(None, tmp_path / "chroma")
    # A collection made with Chroma's default search breadth, as an older data folder holds.
    client.get_or_create_collection(
        "chunks", embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
    )
    stored = unit_vectors(ENTRIES, seed=1)
    index = ChromaIndex(client, "chunks")
    index.add([IndexEntry(f"c{i}", {"n": i}) for i in range(ENTRIES)], stored)

    for query in unit_vectors(20, seed=2):
        exact = {f"c{i}" for i in np.argsort(-(stored @ query))[:WANTED]}
        found = {hit_id for hit_id, _ in index.nearest(query, WANTED)}
        assert found == exact
