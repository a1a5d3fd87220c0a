"""The Chroma ``where`` clauses select exactly what :meth:`Viewer.can_see` allows, on a real
Chroma collection."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import chromadb
import numpy as np
import pytest
from chromadb.config import Settings as ChromaSettings

from casework.access import Viewer
from casework.markings import Marking
from retrieval.scope import hidden_where, visible_where

CASES = ["", "CASE-A", "CASE-B", "CASE-C"]
"""``""`` is how the vector index stores "no case"."""

VIEWERS = [
    Viewer.public(),
    Viewer.operator(),
    Viewer.member("a", ["CASE-A"]),
    Viewer.member("a cleared", ["CASE-A"], sixe_cleared=["CASE-A"]),
    Viewer.member("a and b", ["CASE-A", "CASE-B"], sixe_cleared=["CASE-B"]),
    Viewer(label="6(e) only", sixe_cases=frozenset({"CASE-C"})),
]


def entry_id(marking: Marking, case_id: str) -> str:
    return f"{marking.value}/{case_id or '-'}"


@pytest.fixture
def collection(tmp_path: Path) -> Any:
    """One entry for every (marking, case) combination."""
    client = chromadb.PersistentClient(
        path=str(tmp_path / "chroma"), settings=ChromaSettings(anonymized_telemetry=False)
    )
    combinations = list(itertools.product(Marking, CASES))
    entries = client.get_or_create_collection("scope", embedding_function=None)
    entries.add(
        ids=[entry_id(marking, case_id) for marking, case_id in combinations],
        embeddings=np.eye(len(combinations), dtype=np.float32),
        metadatas=[{"marking": m.value, "case_id": case_id} for m, case_id in combinations],
    )
    return entries


def ids_where(collection: Any, where: dict[str, Any] | None) -> set[str]:
    return set(collection.get(where=where, include=[])["ids"])


def allowed(viewer: Viewer) -> set[str]:
    return {
        entry_id(marking, case_id)
        for marking, case_id in itertools.product(Marking, CASES)
        if viewer.can_see(case_id or None, marking)
    }


@pytest.mark.parametrize("viewer", VIEWERS, ids=lambda viewer: viewer.label)
def test_the_visible_clause_selects_what_can_see_allows(collection: Any, viewer: Viewer) -> None:
    assert ids_where(collection, visible_where(viewer)) == allowed(viewer)


@pytest.mark.parametrize("viewer", VIEWERS, ids=lambda viewer: viewer.label)
def test_the_hidden_clause_selects_everything_else(collection: Any, viewer: Viewer) -> None:
    everything = ids_where(collection, None)
    where = hidden_where(viewer)
    hidden = set() if where is None else ids_where(collection, where)

    assert hidden == everything - allowed(viewer)


def test_the_viewers_cover_both_answers_for_every_marking() -> None:
    """Guards the two tests above against viewers that would make them pass vacuously."""
    for marking in (Marking.LES, Marking.SIXE):
        outcomes = {
            viewer.can_see(case_id or None, marking) for viewer in VIEWERS for case_id in CASES
        }
        assert outcomes == {True, False}
