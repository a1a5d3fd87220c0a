"""Fuzzy search over the stated names, with a score and the reason each candidate matched.

The names are held in memory (they are few next to the mentions) and reloaded when an
entity has been added since; the scores come from ``rapidfuzz``.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from sqlalchemy import func, select

from casework.entities import texts
from casework.entities.names import NAME_KINDS, normalize
from casework.storage.db import SessionFactory
from casework.storage.models import Entity

MIN_SCORE = 85.0
MAX_CANDIDATES = 5


@dataclass(frozen=True)
class NameCandidate:
    entity_id: int
    kind: str
    value: str
    display: str
    score: float
    why: str

    def as_json(self) -> dict[str, object]:
        return {
            "type": self.kind,
            "value": self.value,
            "display": self.display,
            "score": round(self.score, 1),
            "why": self.why,
        }


@dataclass(frozen=True)
class _Names:
    version: tuple[int, int]
    ids: list[int]
    kinds: list[str]
    values: list[str]
    displays: list[str]


class NameSearch:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        self._names: _Names | None = None
        self._lock = threading.Lock()

    def search(self, typed: str, kind: str | None = None) -> list[NameCandidate]:
        query = normalize(typed)
        if not query:
            return []
        names = self._current()
        matches = process.extract(
            query,
            names.values,
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            score_cutoff=MIN_SCORE,
            limit=MAX_CANDIDATES * 4,
        )
        candidates = [
            NameCandidate(
                entity_id=names.ids[index],
                kind=names.kinds[index],
                value=value,
                display=names.displays[index],
                score=score,
                why=explain(query, value, score),
            )
            for value, score, index in matches
            if kind is None or names.kinds[index] == kind
        ]
        candidates.sort(key=lambda candidate: (-candidate.score, candidate.value))
        return candidates[:MAX_CANDIDATES]

    def _current(self) -> _Names:
        with self._lock:
            version = self._version()
            if self._names is None or self._names.version != version:
                self._names = self._load(version)
            return self._names

    def _version(self) -> tuple[int, int]:
        with self._sessions() as session:
            top, count = session.execute(
                select(func.max(Entity.id), func.count(Entity.id)).where(
                    Entity.kind.in_(NAME_KINDS)
                )
            ).one()
        return (top or 0, count)

    def _load(self, version: tuple[int, int]) -> _Names:
        with self._sessions() as session:
            rows = session.execute(
                select(Entity.id, Entity.kind, Entity.value, Entity.display).where(
                    Entity.kind.in_(NAME_KINDS)
                )
            ).all()
        return _Names(
            version=version,
            ids=[row[0] for row in rows],
            kinds=[row[1] for row in rows],
            values=[row[2] for row in rows],
            displays=[row[3] for row in rows],
        )


def explain(query: str, value: str, score: float) -> str:
    if query == value:
        return texts.SAME_NAME
    if fuzz.token_sort_ratio(query, value) == 100:
        return texts.SAME_WORDS_OTHER_ORDER
    if set(query.split()) <= set(value.split()):
        return texts.ALL_WORDS_TYPED
    return texts.SPELLED_ALIKE.format(score=score)
