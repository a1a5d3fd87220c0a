"""Need-to-know (:meth:`casework.access.Viewer.can_see`) in Chroma's ``where`` dialect.

The vector index stores every chunk's ``marking`` and ``case_id`` (``""`` for no case) as
metadata; these clauses select on them. ``None`` means no clause: nothing to restrict.
"""

from __future__ import annotations

from typing import Any

from casework.access import Viewer
from casework.markings import Marking

Where = dict[str, Any]


def visible_where(viewer: Viewer) -> Where | None:
    """The material ``viewer`` may see (None: all of it)."""
    if viewer.every_case:
        return None
    clauses: list[Where] = [{"marking": Marking.PUBLIC.value}]
    if viewer.les_cases:
        clauses.append(_marking_in_cases(Marking.LES, viewer.les_cases))
    if viewer.sixe_cases:
        clauses.append(_marking_in_cases(Marking.SIXE, viewer.sixe_cases))
    return clauses[0] if len(clauses) == 1 else {"$or": clauses}


def hidden_where(viewer: Viewer) -> Where | None:
    """The restricted material ``viewer`` may not see (None: there is none)."""
    if viewer.every_case:
        return None
    return {
        "$or": [
            _marking_outside_cases(Marking.LES, viewer.les_cases),
            _marking_outside_cases(Marking.SIXE, viewer.sixe_cases),
        ]
    }


def _marking_in_cases(marking: Marking, cases: frozenset[str]) -> Where:
    return {"$and": [{"marking": marking.value}, {"case_id": {"$in": sorted(cases)}}]}


def _marking_outside_cases(marking: Marking, cases: frozenset[str]) -> Where:
    if not cases:
        return {"marking": marking.value}
    return {"$and": [{"marking": marking.value}, {"case_id": {"$nin": sorted(cases)}}]}
