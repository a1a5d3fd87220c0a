"""Which candidate sentences may answer, when better documents than others answer.

A listing (a folder's index, README or SOURCE.txt) or a sentence that is only a link to a
document points at the documents that say it; and when the question names a date or a stage
("in May 2021", "when he pleaded guilty"), a release of another date or stage of the same series
says something else. A listing's sentences make way whenever a preferred document's sentence
answers (is at least as probable as the abstention threshold); a sibling release's only when
the preferred release answers about as well. A document dated in another month than the one
the question names, whose retrieved text never names that month, answers nothing. When the
question cites a code section's subsection ("what does 18 U.S.C. 2319(b) set"), the section's
other subsections make way for it whenever it answers, and where it cites a paragraph of one
("1526(d)(3)"), the subsection's other paragraphs make way for that one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from retrieval.analysis import terms
from retrieval.answering.candidates import Candidate
from retrieval.listings import asks_about_listings, is_listing, is_listing_entry
from retrieval.search import Hit
from retrieval.series import Heading, SeriesCues
from retrieval.subsections import (
    cited_paragraphs,
    cited_subsections,
    is_another_subsection,
    is_in_another_paragraph,
)

LEAD_ORDINAL = ":0"
ORDINAL_WORD = r"(?:first|second|third|fourth|subsequent|initial|repeat)"
ORDINAL = re.compile(
    rf"\b(?P<ordinals>{ORDINAL_WORD}(?:,? or {ORDINAL_WORD})?) (?P<noun>[a-z]+)", re.I
)
"""An ordinal (or two) before a noun: "first offense", "second or subsequent offense"."""
SAME_ORDINAL = {"initial": "first"}
"""Ordinals that say the same: "his initial appearance" is the "first appearance" asked of."""
LATER_ONES = re.compile(r"\b(later|subsequent|thereafter|next|repeat|each|every)\b", re.I)
"""A question about "a first seizure and later ones" asks about every ordinal."""
SIBLING_MARGIN = 0.1
"""How much less probable a named date's or stage's release may be and still answer before a
sibling's. A release often states the other stages in passing ("Co-defendant Smyrak pleaded
guilty Sept. 29, 2011" in a conviction release), and that sentence may be the only one that
says what was asked."""


def preferred(
    question: str,
    ranked: list[Candidate],
    hits: Sequence[Hit],
    threshold: float,
    decides: Callable[[Candidate], bool] = lambda candidate: True,
) -> list[Candidate]:
    """``ranked`` (most probable first) less what a better document's answer makes way for.
    Only a sentence that ``decides`` the question is answered makes others way."""
    answering = Answering(threshold, decides)
    ranked = _answering_first(ranked, answering, lambda c: not _points_elsewhere(question, c))
    asked_ordinals = ordinals(question)
    if asked_ordinals and not LATER_ONES.search(question):
        ranked = _answering_first(
            ranked, answering, lambda c: not _other_ordinal(asked_ordinals, ordinals(c.text))
        )
    cited = cited_subsections(question)
    if cited:
        ranked = _answering_first(
            ranked, answering, lambda c: not is_another_subsection(cited, c.hit.title)
        )
    paragraphs = cited_paragraphs(question)
    if paragraphs:
        ranked = _answering_first(
            ranked, answering, lambda c: not _in_another_paragraph(paragraphs, c)
        )
    cues = SeriesCues.of_question(question)
    if not cues.any:
        return ranked
    headings = _headings(hits)
    silent = _silent_on_the_month(cues, hits, headings)
    ranked = [candidate for candidate in ranked if candidate.document_id not in silent]
    conflicting = frozenset(
        document for document, heading in headings.items() if cues.conflicts(heading)
    )
    return _answering_first(
        ranked, answering, lambda c: c.document_id not in conflicting, SIBLING_MARGIN
    )


@dataclass(frozen=True)
class Answering:
    """What makes a sentence an answer: it is as probable as the threshold, and it decides."""

    threshold: float
    decides: Callable[[Candidate], bool]

    def best(self, ranked: list[Candidate]) -> float | None:
        """The probability of the most probable sentence of ``ranked`` that decides."""
        return next((c.probability for c in ranked if self.decides(c)), None)


def _answering_first(
    ranked: list[Candidate],
    answering: Answering,
    keep: Callable[[Candidate], bool],
    margin: float = 1.0,
) -> list[Candidate]:
    """``ranked`` less what ``keep`` refuses, if what it keeps still answers and is no more than
    ``margin`` less probable than the best refused. A kept sentence that cannot decide the
    question is answered ("the court may enter judgment for any sum above the amount found",
    where the question asks by how much) answers nothing, however probable."""
    kept = [candidate for candidate in ranked if keep(candidate)]
    best_kept = answering.best(kept)
    if best_kept is None or best_kept < answering.threshold:
        return ranked
    best = answering.best(ranked)
    return kept if best is None or best_kept >= best - margin else ranked


def ordinals(text: str) -> dict[str, frozenset[str]]:
    """For each noun with an ordinal before it, its ordinals: "for a second or subsequent
    offense" gives {"offens": {"second", "subsequent"}}."""
    found: dict[str, frozenset[str]] = {}
    for match in ORDINAL.finditer(text):
        noun = terms(match.group("noun"))
        if noun:
            named = match.group("ordinals").lower().replace(" or ", " ").split()
            words = frozenset(SAME_ORDINAL.get(word, word) for word in named)
            found[noun[0]] = found.get(noun[0], frozenset()) | words
    return found


def _other_ordinal(asked: dict[str, frozenset[str]], said: dict[str, frozenset[str]]) -> bool:
    """The sentence gives another ordinal than the question to a noun the question numbers: "a
    second or subsequent offense" where the question asks about a first one."""
    return any(noun in said and not said[noun] & wanted for noun, wanted in asked.items())


def _in_another_paragraph(cited: dict[tuple[str, str], str], candidate: Candidate) -> bool:
    text = candidate.hit.text
    at = text.find(candidate.text)
    return at >= 0 and is_in_another_paragraph(cited, candidate.hit.title, text, at)


def _points_elsewhere(question: str, candidate: Candidate) -> bool:
    if asks_about_listings(question):
        return False
    return is_listing(
        candidate.hit.source, candidate.hit.text, candidate.hit.kind
    ) or is_listing_entry(candidate.text)


def _silent_on_the_month(
    cues: SeriesCues, hits: Sequence[Hit], headings: dict[str, Heading]
) -> frozenset[str]:
    """Documents dated in another month than the question names whose retrieved text never
    names that month."""
    if not cues.months:
        return frozenset()
    texts: dict[str, list[str]] = {}
    for hit in hits:
        texts.setdefault(hit.document_id, []).append(hit.text)
    return frozenset(
        document
        for document, heading in headings.items()
        if cues.dated_otherwise(heading, "\n".join(texts[document]))
    )


def _headings(hits: Sequence[Hit]) -> dict[str, Heading]:
    leads = {hit.document_id: hit.text for hit in hits if hit.chunk_id.endswith(LEAD_ORDINAL)}
    return {hit.document_id: Heading.of(hit.title, leads.get(hit.document_id, "")) for hit in hits}
