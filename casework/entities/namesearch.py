"""Fuzzy search over the stated names, with a score and the reason each candidate matched.

The names are held in memory (they are few next to the mentions; entities are never deleted, so
new ones are appended); the scores come from ``rapidfuzz``.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import func, select

from casework.entities import texts
from casework.entities.names import NAME_KINDS, normalize
from casework.storage.db import SessionFactory
from casework.storage.entities import Entity

MIN_SCORE = 85.0
MAX_CANDIDATES = 5
RARE_WORD_SHARE = 0.01
RARE_WORD_MIN = 50


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


class _Names:
    """The stated names in memory, with a postings list per word for the rare-word shortcut."""

    def __init__(self) -> None:
        self.last_id = 0
        self.ids: list[int] = []
        self.kinds: list[str] = []
        self.values: list[str] = []
        self.displays: list[str] = []
        self.postings: dict[str, list[int]] = defaultdict(list)

    def add(self, entity_id: int, kind: str, value: str, display: str) -> None:
        index = len(self.ids)
        self.ids.append(entity_id)
        self.kinds.append(kind)
        self.values.append(value)
        self.displays.append(display)
        for word in set(value.split()):
            self.postings[word].append(index)
        self.last_id = max(self.last_id, entity_id)

    def shortlist(self, query: str) -> list[int] | None:
        """The names sharing a rare word with the query (None: no rare word; score them all)."""
        rare_limit = max(RARE_WORD_MIN, int(len(self.ids) * RARE_WORD_SHARE))
        postings = [self.postings.get(word, []) for word in set(query.split())]
        rare = [found for found in postings if 0 < len(found) <= rare_limit]
        if not rare:
            return None
        return sorted({index for found in rare for index in found})


class NameSearch:
    """Scores every stated name against the query, except when the query holds a word few names
    share (a company's distinctive word, a surname): then only the names holding one of those
    words are scored. Names are loaded once and then only the entities added since."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        self._names = _Names()
        self._lock = threading.Lock()

    def search(self, typed: str, kind: str | None = None) -> list[NameCandidate]:
        query = normalize(typed)
        if not query:
            return []
        names = self._current()
        shortlist = names.shortlist(query)
        choices: Sequence[str] | dict[int, str] = (
            names.values if shortlist is None else {i: names.values[i] for i in shortlist}
        )
        matches = process.extract(
            query,
            choices,
            scorer=fuzz.WRatio,
            processor=None,
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
        with self._lock, self._sessions() as session:
            newest = session.scalar(select(func.max(Entity.id))) or 0
            if newest > self._names.last_id:
                rows = session.execute(
                    select(Entity.id, Entity.kind, Entity.value, Entity.display)
                    .where(
                        Entity.id > self._names.last_id,
                        Entity.id <= newest,
                        Entity.kind.in_(NAME_KINDS),
                    )
                    .order_by(Entity.id)
                )
                for entity_id, kind, value, display in rows:
                    self._names.add(entity_id, kind, value, display)
                self._names.last_id = newest
            return self._names


def explain(query: str, value: str, score: float) -> str:
    if query == value:
        return texts.SAME_NAME
    if fuzz.token_sort_ratio(query, value) == 100:
        return texts.SAME_WORDS_OTHER_ORDER
    if set(query.split()) <= set(value.split()):
        return texts.ALL_WORDS_TYPED
    return texts.SPELLED_ALIKE.format(score=score)
