"""Search filters and need-to-know scope, rendered for each index: a Chroma ``where`` clause for
the vector index, a boolean mask over chunk metadata for the lexical one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt

from casework.access import Viewer
from casework.markings import Marking

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class SearchFilters:
    case_id: str | None = None
    kind: str | None = None
    marking: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    source_prefix: str | None = None
    """Only documents whose source (path or URL) starts with this."""

    def chroma_clauses(self) -> list[dict[str, Any]]:
        clauses: list[dict[str, Any]] = []
        for key in ("case_id", "kind", "marking"):
            value = getattr(self, key)
            if value:
                clauses.append({key: value})
        if self.date_from:
            clauses.append({"date": {"$gte": _day_number(self.date_from)}})
        if self.date_to:
            clauses.append({"date": {"$lte": _day_number(self.date_to)}})
        return clauses

    @property
    def needs_post_filter(self) -> bool:
        """Chroma cannot match a string prefix; such hits are filtered after the query."""
        return self.source_prefix is not None


@dataclass(frozen=True)
class ChunkFacets:
    """Per-chunk metadata, aligned with the lexical index's rows."""

    case_ids: npt.NDArray[np.str_]
    markings: npt.NDArray[np.str_]
    kinds: npt.NDArray[np.str_]
    dates: npt.NDArray[np.int64]
    sources: npt.NDArray[np.str_]

    def visible_to(self, viewer: Viewer) -> Mask:
        if viewer.every_case:
            return np.ones(len(self.markings), dtype=bool)
        mask: Mask = self.markings == Marking.PUBLIC.value
        mask |= (self.markings == Marking.LES.value) & np.isin(
            self.case_ids, sorted(viewer.les_cases)
        )
        mask |= (self.markings == Marking.SIXE.value) & np.isin(
            self.case_ids, sorted(viewer.sixe_cases)
        )
        return mask

    def matching(self, filters: SearchFilters) -> Mask:
        mask = np.ones(len(self.markings), dtype=bool)
        if filters.case_id:
            mask &= self.case_ids == filters.case_id
        if filters.kind:
            mask &= self.kinds == filters.kind
        if filters.marking:
            mask &= self.markings == filters.marking
        if filters.date_from:
            mask &= self.dates >= _day_number(filters.date_from)
        if filters.date_to:
            mask &= (self.dates <= _day_number(filters.date_to)) & (self.dates > 0)
        if filters.source_prefix:
            mask &= np.char.startswith(self.sources, filters.source_prefix)
        return mask


def combine_where(*clauses: dict[str, Any] | None) -> dict[str, Any] | None:
    present = [clause for clause in clauses if clause]
    if not present:
        return None
    return present[0] if len(present) == 1 else {"$and": present}


def _day_number(day: date) -> int:
    return int(day.strftime("%Y%m%d"))
