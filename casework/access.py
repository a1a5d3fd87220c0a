"""Need-to-know: who may see which material.

``PUBLIC`` material is visible to everyone. ``LES`` material only to members of its case; ``6E``
(grand-jury) material only to members of its case who are 6(e)-cleared. Retrieval applies a
:class:`Viewer` inside every search, so a caller cannot forget to; :mod:`retrieval.scope` renders
the rule for the vector index.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

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
