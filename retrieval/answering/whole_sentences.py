"""Retrieved chunks widened to whole sentences: a chunk may start or stop in the middle of a
sentence, and a citation quotes whole sentences. The rest of a cut sentence is read from the
document's neighbouring chunks; the hit keeps its chunk, and so its page.

And, for a question of several parts, the chunks next to the first document's hits that answer
a part no retrieved sentence does (the restitution a release gives two paragraphs after the
prison term): read from the registry, not searched for again. And the items of a list whose
lead-in answers ("the term 'counterfeit mark' means"), which may be in the next chunk."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from retrieval.analysis import terms
from retrieval.answering.answer_kinds import AnswerType, Aspect
from retrieval.answering.matching import LIST_ITEM, holds_kind
from retrieval.answering.names_in_documents import name_coverage
from retrieval.answering.questions import Question
from retrieval.answering.sentences import Sentence, is_furniture, split_sentences
from retrieval.document_text import ChunkRow, DocumentText, TextWindow
from retrieval.search import Hit

REACH = 600
"""How far past a chunk's edge a cut sentence may run on; one running further is left cut."""
NEIGHBOUR_REACH = 2000
"""How far from the first document's hits its chunks are read for an unanswered part."""
MAX_NEIGHBOURS = 2
MISSING_PART_DOCUMENTS = 2
"""How many of the first documents have their neighbouring chunks read for an unanswered part."""
CLOSING_CHUNKS = 4
"""How many of a document's last chunks are read for how its case ended."""
PROSECUTION = frozenset(terms("prosecutor prosecution prosecuting ausa"))
"""Words of a part asking who prosecutes the case, which a release says in its last lines."""
LEAD_IN_REACH = 1500
"""How far before a chunk that opens inside a list the sentence leading into the list is read."""
ITEMS_REACH = 1500
"""How far after a sentence leading into a list its items are read."""
MAX_LIST_ITEMS = 6
OPEN_ENDED = re.compile(r"[^.;!?\"\u201d')\]]\s*$")
"""A sentence that does not end as one does: a list's lead-in ("… the term 'counterfeit mark'
means", "… its situs in the judicial district in which")."""


def whole_sentence_hits(hits: Sequence[Hit], document_text: DocumentText | None) -> list[Hit]:
    if document_text is None or not hits:
        return list(hits)
    wanted = {hit.chunk_id: _reach(hit) for hit in hits}
    windows = document_text.around(list(dict.fromkeys(wanted.values())))
    return [_widened(hit, wanted[hit.chunk_id], windows.get(wanted[hit.chunk_id])) for hit in hits]


def list_lead_ins(
    hits: Sequence[Hit], document_text: DocumentText | None
) -> dict[str, frozenset[str]]:
    """For each hit whose chunk opens inside a list ("(2) if the court finds that the use was
    willful, not more than $2,000,000 per counterfeit mark"), the terms of the sentence leading
    into the list, which says what its items are ("… an award of statutory damages … in the
    amount of—"): read from the document, as the chunk before holds it."""
    if document_text is None:
        return {}
    opening = {
        hit.chunk_id: (hit.document_id, max(hit.char_start - LEAD_IN_REACH, 0), hit.char_start)
        for hit in hits
        if hit.char_start > 0 and _opens_a_list(hit.text)
    }
    windows = document_text.around(list(dict.fromkeys(opening.values())))
    lead_ins = {}
    for chunk_id, reach in opening.items():
        lead_in = _lead_in(windows.get(reach))
        if lead_in is not None:
            lead_ins[chunk_id] = frozenset(terms(lead_in))
    return lead_ins


def list_items_after(
    leads: Sequence[tuple[str, int, str]], document_text: DocumentText | None
) -> dict[tuple[str, int], list[str]]:
    """For each (document id, offset, sentence) that leads into a list, the list's items that
    follow it, read from the document: a lead-in quoted alone says nothing ("the term
    'counterfeit mark' means"). A list ends at its first item that ends a sentence."""
    if document_text is None:
        return {}
    open_ended = [
        (document, offset, len(text)) for document, offset, text in leads if OPEN_ENDED.search(text)
    ]
    reaches = [
        (document, offset, offset + length + ITEMS_REACH) for document, offset, length in open_ended
    ]
    windows = document_text.around(reaches)
    items = {}
    for (document, offset, length), reach in zip(open_ended, reaches, strict=True):
        window = windows.get(reach)
        if window is not None and window.start == offset:
            following = [s for s in split_sentences(window.text) if s.start >= length]
            items[(document, offset)] = _items(following)
    return {key: found for key, found in items.items() if found}


def _items(sentences: Sequence[Sentence]) -> list[str]:
    items: list[str] = []
    for sentence in sentences[:MAX_LIST_ITEMS]:
        if not LIST_ITEM.match(sentence.text):
            break
        items.append(sentence.text)
        if sentence.text.rstrip().endswith("."):
            break
    return items


def _opens_a_list(text: str) -> bool:
    sentences = split_sentences(text)
    return bool(sentences) and bool(LIST_ITEM.match(sentences[0].text))


def _lead_in(window: TextWindow | None) -> str | None:
    """The window's last sentence that is no list item, if the window holds all of it."""
    if window is None:
        return None
    sentences = split_sentences(window.text)
    for index in range(len(sentences) - 1, -1, -1):
        if not LIST_ITEM.match(sentences[index].text):
            return sentences[index].text if index > 0 or window.start == 0 else None
    return None


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


def chunks_for_missing_parts(
    question: Question, hits: Sequence[Hit], document_text: DocumentText | None
) -> list[Hit]:
    """Chunks of the first documents' hits' neighbourhoods, not among the hits, that answer a
    part of the question none of that document's hits answers (at most a few per document,
    nearest first): another document's sentence for the part may be about something else
    ("bought 2 units" in a memo, where the e-mail says how many units the seller sold). The
    second document counts too, where it names whom the question asks about: a plea release
    may rank above the sentencing release whose retrieved chunk is only its headline. A
    question of one part counts when it asks for a kind of thing (a date, an amount): "what
    restitution was ordered" may be answered in the chunk after the sentencing."""
    asked = frozenset(aspect.asks for aspect in question.aspects)
    if document_text is None or not hits or (len(asked) < 2 and not question.asks_for_a_kind):
        return []
    present = {hit.chunk_id for hit in hits}
    documents = list(dict.fromkeys(hit.document_id for hit in hits))
    found: list[Hit] = []
    for index, document_id in enumerate(documents[:MISSING_PART_DOCUMENTS]):
        own = [hit for hit in hits if hit.document_id == document_id]
        rows = _answering_neighbours(question, asked, own, present, document_text)
        if index:
            rows = [row for row in rows if _names_everyone_asked_about(question, own, row)]
        found += [_as_hit(own[0], row) for row in rows[:MAX_NEIGHBOURS]]
    return found


def _names_everyone_asked_about(question: Question, hits: Sequence[Hit], row: ChunkRow) -> bool:
    """The chunk or the document's hits name every person and firm the question names, and it
    names some: a fact sheet of many cases ranked second names none of them, and its other
    chunks tell of other people's sentences."""
    named = frozenset(
        word for text in [row.text, *(hit.text for hit in hits)] for word in terms(text)
    )
    return bool(question.names) and name_coverage(question.names, named) == 1.0


def _answering_neighbours(
    question: Question,
    asked: frozenset[str],
    own: Sequence[Hit],
    present: set[str],
    document_text: DocumentText,
) -> list[ChunkRow]:
    """The document's chunks near its hits that answer a part they leave open, nearest first."""
    missing = asked - {question.aspects[part].asks for part in _answered(question, own)}
    if not missing:
        return []
    rows = document_text.chunks_near(
        own[0].document_id,
        min(hit.char_start for hit in own) - NEIGHBOUR_REACH,
        max(hit.char_end for hit in own) + NEIGHBOUR_REACH,
    )
    answering = [
        row
        for row in rows
        if row.chunk_id not in present
        and any(question.aspects[part].asks in missing for part in _answered_in(question, row.text))
    ]
    answering.sort(key=lambda row: _distance(row, own))
    return answering


def closing_chunk(
    question: Question, hits: Sequence[Hit], document_text: DocumentText | None
) -> list[Hit]:
    """For a question of how a case ended or who prosecutes it, the first hit's document's last
    chunk that tells of an end (a judgment, a dismissal, a settlement) or names someone, or its
    last chunk, if no hit is that chunk: a docket ends with its judgment or dismissal, which
    rarely shares the question's words, and may trail a list of undescribed filings after it;
    a release ends with who prosecutes the case."""
    if document_text is None or not hits:
        return []
    closing_part = next((a for a in question.aspects if _told_at_the_end(a)), None)
    if closing_part is None:
        return []
    lead = hits[0]
    last = document_text.last_chunks(lead.document_id, CLOSING_CHUNKS)
    telling = [row for row in last if _holds(closing_part, row.text)]
    closing = (telling or last)[-1:]
    if not closing or any(hit.chunk_id == closing[0].chunk_id for hit in hits):
        return []
    return [_as_hit(lead, closing[0])]


def _told_at_the_end(aspect: Aspect) -> bool:
    return aspect.kind is AnswerType.OUTCOME or (
        aspect.kind is AnswerType.PERSON and bool(aspect.words & PROSECUTION)
    )


def _holds(aspect: Aspect, text: str) -> bool:
    return any(holds_kind(aspect, sentence.text) for sentence in split_sentences(text))


def _answered(question: Question, hits: Sequence[Hit]) -> frozenset[int]:
    return frozenset().union(*(_answered_in(question, hit.text) for hit in hits))


def _answered_in(question: Question, text: str) -> frozenset[int]:
    """The parts some sentence of ``text`` answers, read with the sentence before it, which
    may say what it is about (a table row's charge before its statute). A page's title field
    answers nothing: its headline is of the release, not of whom the question names."""
    answered: frozenset[int] = frozenset()
    preceding: frozenset[str] = frozenset()
    for sentence in split_sentences(text):
        sentence_terms = frozenset(terms(sentence.text))
        if not is_furniture(sentence.text):
            answered |= question.aspects_answered_by(sentence.text, sentence_terms, preceding)
        preceding = sentence_terms
    return answered


def _distance(row: ChunkRow, hits: Sequence[Hit]) -> int:
    return min(min(abs(row.start - hit.char_end), abs(hit.char_start - row.end)) for hit in hits)


def _as_hit(lead: Hit, row: ChunkRow) -> Hit:
    """A chunk of the lead hit's document: the same title, source and marking."""
    return replace(
        lead,
        chunk_id=row.chunk_id,
        page=row.page,
        text=row.text,
        char_start=row.start,
        char_end=row.end,
        dense_similarity=None,
        lexical_score=None,
    )
