"""Retrieved chunks widened to whole sentences: a chunk may start or stop in the middle of a
sentence, and a citation quotes whole sentences. The rest of a cut sentence is read from the
document's neighbouring chunks; the hit keeps its chunk, and so its page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from retrieval.answering.sentences import Sentence, split_sentences
from retrieval.document_text import DocumentText, TextWindow
from retrieval.search import Hit

REACH = 600
"""How far past a chunk's edge a cut sentence may run on; one running further is left cut."""


def whole_sentence_hits(hits: Sequence[Hit], document_text: DocumentText | None) -> list[Hit]:
    if document_text is None or not hits:
        return list(hits)
    wanted = {hit.chunk_id: _reach(hit) for hit in hits}
    windows = document_text.around(list(dict.fromkeys(wanted.values())))
    return [_widened(hit, wanted[hit.chunk_id], windows.get(wanted[hit.chunk_id])) for hit in hits]


def _reach(hit: Hit) -> tuple[str, int, int]:
    return (hit.document_id, max(hit.char_start - REACH, 0), hit.char_end + REACH)


def _widened(hit: Hit, reach: tuple[str, int, int], window: TextWindow | None) -> Hit:
    if window is None or not window.start <= hit.char_start < hit.char_end <= window.end:
        return hit
    sentences = split_sentences(window.text)
    # The window's first and last sentences may be cut themselves, unless the document (or
    # the run of its chunks) starts or ends there.
    first_is_whole = window.start == 0
    last_is_whole = window.end < reach[2]
    start = _first_cut(sentences, hit.char_start - window.start, first_is_whole)
    end = _last_cut(sentences, hit.char_end - window.start, last_is_whole)
    if start is None and end is None:
        return hit
    new_start = window.start + start if start is not None else hit.char_start
    new_end = window.start + end if end is not None else hit.char_end
    if window.text[new_start - window.start : new_end - window.start].find(hit.text.strip()) < 0:
        return hit  # the window does not read as the chunk does: leave the chunk as it is
    return replace(
        hit,
        text=window.text[new_start - window.start : new_end - window.start],
        char_start=new_start,
        char_end=new_end,
    )


def _first_cut(sentences: Sequence[Sentence], position: int, first_is_whole: bool) -> int | None:
    """Where the sentence that ``position`` falls inside of starts, if it starts before it."""
    for index, sentence in enumerate(sentences):
        if sentence.start < position < sentence.end:
            return sentence.start if index > 0 or first_is_whole else None
    return None


def _last_cut(sentences: Sequence[Sentence], position: int, last_is_whole: bool) -> int | None:
    """Where the sentence that ``position`` falls inside of ends, if it ends after it."""
    for index, sentence in enumerate(sentences):
        if sentence.start < position < sentence.end:
            return sentence.end if index < len(sentences) - 1 or last_is_whole else None
    return None
