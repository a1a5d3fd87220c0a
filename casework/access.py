"""Need-to-know: who may see which material.

``PUBLIC`` material is visible to everyone. ``LES`` material only to members of its case; ``6E``
(grand-jury) material only to members of its case who are 6(e)-cleared. Retrieval applies a
:class:`Viewer` inside every search, so a caller cannot forget to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, SQLColumnExpression, and_, false, or_, true

from casework.markings import Marking


@dataclass(frozen=True)
class Viewer:
    """The cases whose restricted material someone may see."""

    label: str
    les_cases: frozenset[str] = field(default_factory=frozenset)
    sixe_cases: frozenset[str] = field(default_factory=frozenset)
    every_case: bool = False
    """A local operator with the data folder in hand sees everything."""

    @classmethod
    def public(cls, label: str = "public") -> Viewer:
        return cls(label=label)

    @classmethod
    def operator(cls) -> Viewer:
        return cls(label="local operator", every_case=True)

    @classmethod
    def member(cls, label: str, cases: Iterable[str], sixe_cleared: Iterable[str] = ()) -> Viewer:
        member_of = frozenset(cases)
        return cls(
            label=label,
            les_cases=member_of,
            sixe_cases=member_of & frozenset(sixe_cleared),
        )

    def can_see(self, case_id: str | None, marking: str) -> bool:
        if marking == Marking.PUBLIC or self.every_case:
            return True
        if not case_id:
            return False
        if marking == Marking.LES:
            return case_id in self.les_cases
        return case_id in self.sixe_cases

    def chroma_scope(self) -> dict[str, Any] | None:
        """The same rule as :meth:`can_see`, as a Chroma ``where`` clause (None: no restriction)."""
        if self.every_case:
            return None
        clauses: list[dict[str, Any]] = [{"marking": Marking.PUBLIC.value}]
        if self.les_cases:
            clauses.append(_marking_in_cases(Marking.LES, self.les_cases))
        if self.sixe_cases:
            clauses.append(_marking_in_cases(Marking.SIXE, self.sixe_cases))
        return clauses[0] if len(clauses) == 1 else {"$or": clauses}

    def sql_scope(
        self, case_column: SQLColumnExpression[str | None], marking_column: SQLColumnExpression[str]
    ) -> ColumnElement[bool]:
        """The same rule as :meth:`can_see`, as a SQL condition on the given columns."""
        if self.every_case:
            return true()
        clauses = [marking_column == Marking.PUBLIC.value]
        for marking, cases in ((Marking.LES, self.les_cases), (Marking.SIXE, self.sixe_cases)):
            if cases:
                clauses.append(and_(marking_column == marking.value, case_column.in_(cases)))
        return or_(false(), *clauses)


def hidden_scope(viewer: Viewer) -> dict[str, Any] | None:
    """Restricted material this viewer may not see, as a Chroma ``where`` clause (None: none)."""
    if viewer.every_case:
        return None
    return {
        "$or": [
            _marking_outside_cases(Marking.LES, viewer.les_cases),
            _marking_outside_cases(Marking.SIXE, viewer.sixe_cases),
        ]
    }


def _marking_outside_cases(marking: Marking, cases: frozenset[str]) -> dict[str, Any]:
    if not cases:
        return {"marking": marking.value}
    return {"$and": [{"marking": marking.value}, {"case_id": {"$nin": sorted(cases)}}]}


def _marking_in_cases(marking: Marking, cases: frozenset[str]) -> dict[str, Any]:
    return {"$and": [{"marking": marking.value}, {"case_id": {"$in": sorted(cases)}}]}
