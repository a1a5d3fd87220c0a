"""Token-aware chunking.

Chunks are cut from each section's text by the embedding model's own tokenizer, so the text that
is embedded (the document title, a newline, the chunk) always fits the model whole: nothing is
silently truncated. Cuts fall at sentence ends where one is near, else between words. Every chunk
keeps its page and its character offsets into the document's text, so a citation can quote it
exactly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ingestion.loaders.base import Section
from retrieval.embeddings import Tokenizer

SECTION_SEPARATOR = "\n\n"
MAX_TITLE_TOKENS = 32
SAFETY_MARGIN_TOKENS = 4
SENTENCE_END = re.compile(r"(?<=[.!?;:])[\"')\]]*\s+|\n\s*")


@dataclass(frozen=True)
class ChunkPiece:
    ordinal: int
    text: str
    page: int | None
    section: str | None
    char_start: int
    char_end: int
    token_count: int


@dataclass(frozen=True)
class ChunkPlan:
    """The chunks of one document, and the title prefix that goes in front of each when embedded."""

    title_prefix: str
    pieces: list[ChunkPiece]
    full_text: str

    def embedding_texts(self) -> list[str]:
        return [f"{self.title_prefix}\n{piece.text}" for piece in self.pieces]


class Chunker:
    def __init__(
        self, tokenizer: Tokenizer, model_max_tokens: int, chunk_tokens: int, overlap_tokens: int
    ) -> None:
        self._tokenizer = tokenizer
        self._model_max_tokens = model_max_tokens
        self._chunk_tokens = chunk_tokens
        self._overlap_tokens = overlap_tokens

    def plan(self, title: str, sections: Sequence[Section]) -> ChunkPlan:
        title_prefix, title_tokens = self._title_prefix(title)
        budget = min(
            self._chunk_tokens,
            self._model_max_tokens - title_tokens - 1 - SAFETY_MARGIN_TOKENS,
        )
        overlap = min(self._overlap_tokens, budget // 4)
        pieces: list[ChunkPiece] = []
        offset = 0
        texts: list[str] = []
        for section in sections:
            if texts:
                texts.append(SECTION_SEPARATOR)
                offset += len(SECTION_SEPARATOR)
            texts.append(section.text)
            for start, end, tokens in self._windows(section.text, budget, overlap):
                pieces.append(
                    ChunkPiece(
                        ordinal=len(pieces),
                        text=section.text[start:end],
                        page=section.page,
                        section=section.label,
                        char_start=offset + start,
                        char_end=offset + end,
                        token_count=tokens,
                    )
                )
            offset += len(section.text)
        return ChunkPlan(title_prefix=title_prefix, pieces=pieces, full_text="".join(texts))

    def replan(self, title: str, pieces: list[ChunkPiece]) -> ChunkPlan:
        """The plan of chunks cut earlier (read back from the registry), with the title prefix
        they were embedded with, so that embedding them again gives the same texts."""
        title_prefix, _ = self._title_prefix(title)
        return ChunkPlan(title_prefix=title_prefix, pieces=pieces, full_text="")

    def _title_prefix(self, title: str) -> tuple[str, int]:
        title = " ".join(title.split())
        spans = self._tokenizer.token_spans(title)
        if len(spans) > MAX_TITLE_TOKENS:
            title = title[: spans[MAX_TITLE_TOKENS - 1][1]]
            return title, MAX_TITLE_TOKENS
        return title, len(spans)

    def _windows(self, text: str, budget: int, overlap: int) -> Iterator[tuple[int, int, int]]:
        """(char start, char end, token count) of each chunk of ``text``."""
        spans = self._tokenizer.token_spans(text)
        if not spans:
            return
        sentence_starts = _sentence_start_tokens(text, spans)
        word_starts = _word_start_tokens(text, spans)
        first = 0
        while first < len(spans):
            last = min(first + budget, len(spans))
            if last < len(spans):
                last = _best_cut(first, last, budget, sentence_starts, word_starts)
            yield spans[first][0], spans[last - 1][1], last - first
            if last >= len(spans):
                return
            first = _next_start(first, last, overlap, sentence_starts, word_starts)


def _sentence_start_tokens(text: str, spans: list[tuple[int, int]]) -> list[int]:
    starts = [span[0] for span in spans]
    result = []
    for match in SENTENCE_END.finditer(text):
        index = bisect.bisect_left(starts, match.end())
        if 0 < index < len(spans):
            result.append(index)
    return sorted(set(result))


def _word_start_tokens(text: str, spans: list[tuple[int, int]]) -> list[int]:
    return [
        index
        for index in range(1, len(spans))
        if spans[index][0] > spans[index - 1][1] or text[spans[index][0] - 1].isspace()
    ]


def _best_cut(
    first: int, limit: int, budget: int, sentence_starts: list[int], word_starts: list[int]
) -> int:
    """The token index to end the chunk before: a sentence start in the last half of the window,
    else a word start, else the hard limit."""
    for candidates, floor in ((sentence_starts, first + budget // 2), (word_starts, first + 1)):
        position = bisect.bisect_right(candidates, limit) - 1
        if position >= 0 and candidates[position] > floor:
            return candidates[position]
    return limit


def _next_start(
    first: int, last: int, overlap: int, sentence_starts: list[int], word_starts: list[int]
) -> int:
    """Start the next chunk up to ``overlap`` tokens before ``last``, at a sentence or word."""
    if overlap == 0:
        return last
    floor = max(first + 1, last - overlap)
    for candidates in (sentence_starts, word_starts):
        position = bisect.bisect_left(candidates, floor)
        if position < len(candidates) and candidates[position] <= last:
            return candidates[position]
    return last
