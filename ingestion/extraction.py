"""The extract stage: identifiers and stated names found in a document, placed in its chunks.

Identifiers are found in the document's whole text once (not per chunk, so overlapping chunks
give no duplicates); each mention is placed in the first chunk that holds its whole span. Names
come from the loader's structured properties (docket parties, trademark owners, mail headers) and
are placed where the rendered text first states them.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from casework.entities.names import stated_names
from casework.identifiers import IdentifierMatch, find_identifiers
from ingestion.chunking import ChunkPiece, ChunkPlan

IdentifierFinder = Callable[[str], Sequence[IdentifierMatch]]


@dataclass(frozen=True)
class ExtractedMention:
    kind: str
    value: str
    display: str
    ordinal: int
    """The chunk holding the mention."""
    char_start: int
    char_end: int
    """Offsets into the document's text (the chunks' offsets use the same origin)."""
    detail: str | None = None


class MentionExtractor:
    def __init__(self, find: IdentifierFinder = find_identifiers) -> None:
        self._find = find

    def extract(self, plan: ChunkPlan, properties: Mapping[str, Any]) -> list[ExtractedMention]:
        placer = _ChunkPlacer(plan.pieces)
        mentions = [
            mention
            for match in self._find(plan.full_text)
            if (mention := _identifier_mention(match, placer)) is not None
        ]
        mentions.extend(_name_mentions(plan.full_text, properties, placer))
        return mentions


def _identifier_mention(match: IdentifierMatch, placer: _ChunkPlacer) -> ExtractedMention | None:
    ordinal = placer.ordinal_of(match.start, match.end)
    if ordinal is None:
        return None
    return ExtractedMention(
        kind=str(match.kind),
        value=match.value,
        display=match.display,
        ordinal=ordinal,
        char_start=match.start,
        char_end=match.end,
        detail=match.detail,
    )


def _name_mentions(
    text: str, properties: Mapping[str, Any], placer: _ChunkPlacer
) -> list[ExtractedMention]:
    folded = text.casefold()
    mentions = []
    for name in stated_names(properties):
        start = folded.find(name.display.casefold())
        if start < 0:
            continue
        end = start + len(name.display)
        ordinal = placer.ordinal_of(start, end)
        if ordinal is not None:
            mentions.append(
                ExtractedMention(
                    kind=name.kind.value,
                    value=name.value,
                    display=text[start:end],
                    ordinal=ordinal,
                    char_start=start,
                    char_end=end,
                    detail=name.role,
                )
            )
    return mentions


class _ChunkPlacer:
    def __init__(self, pieces: Sequence[ChunkPiece]) -> None:
        self._pieces = pieces
        self._starts = [piece.char_start for piece in pieces]

    def ordinal_of(self, start: int, end: int) -> int | None:
        """The first chunk holding ``[start, end)`` whole, else the one holding its start."""
        last = bisect.bisect_right(self._starts, start) - 1
        if last < 0:
            return None
        holding_start = []
        index = last
        while index >= 0 and self._pieces[index].char_end > start:
            holding_start.append(self._pieces[index])
            index -= 1
        holding_start.reverse()
        for piece in holding_start:
            if piece.char_end >= end:
                return piece.ordinal
        return holding_start[0].ordinal if holding_start else None
