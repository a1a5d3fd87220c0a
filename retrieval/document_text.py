"""A document's text around its retrieved chunks, put back together from the registry's chunk
rows (each keeps its text and its offsets into the document), so that a sentence a chunk cuts
off can be quoted whole."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Select, and_, func, or_, select

from casework.storage.db import SessionFactory
from casework.storage.registry import Chunk, Document

WORD_GAP = " "


@dataclass(frozen=True)
class TextWindow:
    """``text`` is the document's text from ``start`` on, where its chunks cover it."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class ChunkSpan:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ChunkRow:
    chunk_id: str
    page: int | None
    start: int
    end: int
    text: str


class DocumentText(Protocol):
    def around(
        self, wanted: Sequence[tuple[str, int, int]]
    ) -> dict[tuple[str, int, int], TextWindow]:
        """For each (document id, start, end), the document's text over that range as far as
        its chunks reach, one lookup for all."""
        ...

    def chunks_near(self, document_id: str, start: int, end: int) -> list[ChunkRow]:
        """The document's chunks overlapping [start, end), in order."""
        ...

    def last_chunks(self, document_id: str, count: int) -> list[ChunkRow]:
        """The document's last ``count`` chunks, in order (where a docket says how the case
        ended)."""
        ...

    def texts_mentioning(
        self, document_ids: Sequence[str], words: Sequence[str]
    ) -> dict[str, list[str]]:
        """For each of ``document_ids``, the text of its chunks that hold any of ``words``
        (lower case, anywhere in a word)."""
        ...


class RegistryDocumentText:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def around(
        self, wanted: Sequence[tuple[str, int, int]]
    ) -> dict[tuple[str, int, int], TextWindow]:
        if not wanted:
            return {}
        spans = self._spans(wanted)
        return {
            key: window
            for key in wanted
            if (window := assemble(spans.get(key[0], []), key[1], key[2])) is not None
        }

    def chunks_near(self, document_id: str, start: int, end: int) -> list[ChunkRow]:
        query = _current_chunks(document_id).where(Chunk.char_end > start, Chunk.char_start < end)
        with self._sessions() as session:
            rows = session.execute(query.order_by(Chunk.char_start))
            return [ChunkRow(*row) for row in rows.tuples()]

    def last_chunks(self, document_id: str, count: int) -> list[ChunkRow]:
        query = _current_chunks(document_id).order_by(Chunk.char_start.desc()).limit(count)
        with self._sessions() as session:
            rows = [ChunkRow(*row) for row in session.execute(query).tuples()]
        return rows[::-1]

    def texts_mentioning(
        self, document_ids: Sequence[str], words: Sequence[str]
    ) -> dict[str, list[str]]:
        if not document_ids or not words:
            return {}
        lowered = func.lower(Chunk.text)
        query = (
            select(Chunk.document_id, Chunk.text)
            .join(Document, Chunk.document_id == Document.id)
            .where(
                Chunk.document_id.in_(document_ids),
                Chunk.version == Document.version,
                or_(*(lowered.contains(word, autoescape=True) for word in words)),
            )
        )
        found: dict[str, list[str]] = {}
        with self._sessions() as session:
            for document_id, text in session.execute(query).tuples():
                found.setdefault(document_id, []).append(text)
        return found

    def _spans(self, wanted: Sequence[tuple[str, int, int]]) -> dict[str, list[ChunkSpan]]:
        overlapping = or_(
            *(
                and_(
                    Chunk.document_id == document_id, Chunk.char_end > start, Chunk.char_start < end
                )
                for document_id, start, end in wanted
            )
        )
        found: dict[str, dict[int, ChunkSpan]] = {}
        with self._sessions() as session:
            rows = session.execute(
                select(Chunk.document_id, Chunk.char_start, Chunk.char_end, Chunk.text)
                .join(Document, Chunk.document_id == Document.id)
                .where(overlapping, Chunk.version == Document.version)
            )
            for document_id, start, end, text in rows.tuples():
                found.setdefault(document_id, {})[start] = ChunkSpan(start, end, text)
        return {
            document_id: sorted(spans.values(), key=lambda s: s.start)
            for document_id, spans in found.items()
        }


def assemble(spans: Sequence[ChunkSpan], start: int, end: int) -> TextWindow | None:
    """The text over [start, end) from chunk spans sorted by start, as far as they run on
    without a break. Chunks overlap; the rare gap between two is filled, length for length, as
    what it most likely is: one space between words, else line breaks (a section's separator
    or a paragraph's), which no sentence runs across, unless the text before stops in the
    middle of one and the text after goes on in lower case: a PDF's page ends "on each of the
    12 counts of" and the next begins "economic espionage."."""
    pieces: list[str] = []
    window_start: int | None = None
    covered = start
    for span in spans:
        if span.end <= covered or span.start >= end:
            continue
        if window_start is None:
            window_start = covered = max(span.start, start)
        elif span.start > covered:
            pieces.append(_gap(span.start - covered, pieces[-1], span.text))
            covered = span.start
        pieces.append(span.text[covered - span.start : min(span.end, end) - span.start])
        covered = min(span.end, end)
    if window_start is None:
        return None
    return TextWindow(window_start, "".join(pieces))


def _gap(length: int, before: str, after: str) -> str:
    if length == 1 or _sentence_goes_on(before, after):
        return WORD_GAP * length
    return "\n" * length


def _sentence_goes_on(before: str, after: str) -> bool:
    last, first = before.rstrip()[-1:], after.lstrip()[:1]
    return (last.isalnum() or last == ",") and first.islower()


def _current_chunks(document_id: str) -> Select[str, int | None, int, int, str]:
    """The rows of the document's current version's chunks, as :class:`ChunkRow` takes them."""
    return (
        select(Chunk.id, Chunk.page, Chunk.char_start, Chunk.char_end, Chunk.text)
        .join(Document, Chunk.document_id == Document.id)
        .where(Chunk.document_id == document_id, Chunk.version == Document.version)
    )
