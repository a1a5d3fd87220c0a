"""Which candidate sentences may answer, when better documents than others answer.

A listing (a folder's index, README or SOURCE.txt) or a sentence that is only a link to a
document points at the documents that say it; and when the question names a date or a stage
("in May 2021", "when he pleaded guilty"), a release of another date or stage of the same series
says something else. A listing's sentences make way whenever a preferred document's sentence
answers (is at least as probable as the abstention threshold); a sibling release's only when
the preferred release answers about as well.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from retrieval.answering.candidates import Candidate
from retrieval.listings import asks_about_listings, is_listing, is_listing_entry
from retrieval.search import Hit
from retrieval.series import Heading, SeriesCues

LEAD_ORDINAL = ":0"
SIBLING_MARGIN = 0.1
"""How much less probable a named date's or stage's release may be and still answer before a
sibling's. A release often states the other stages in passing ("Co-defendant Smyrak pleaded
guilty Sept. 29, 2011" in a conviction release), and that sentence may be the only one that
says what was asked."""


def preferred(
    question: str, ranked: list[Candidate], hits: Sequence[Hit], threshold: float
) -> list[Candidate]:
    """``ranked`` (most probable first) less what a better document's answer makes way for."""
    ranked = _answering_first(ranked, threshold, lambda c: not _points_elsewhere(question, c))
    cues = SeriesCues.of_question(question)
    if cues.any:
        conflicting = _conflicting_documents(cues, hits)
        ranked = _answering_first(
            ranked, threshold, lambda c: c.document_id not in conflicting, SIBLING_MARGIN
        )
    return ranked


def _answering_first(
    ranked: list[Candidate],
    threshold: float,
    keep: Callable[[Candidate], bool],
    margin: float = 1.0,
) -> list[Candidate]:
    """``ranked`` less what ``keep`` refuses, if what it keeps still answers and is no more than
    ``margin`` less probable than the best refused."""
    kept = [candidate for candidate in ranked if keep(candidate)]
    if not kept or kept[0].probability < threshold:
        return ranked
    return kept if kept[0].probability >= ranked[0].probability - margin else ranked


def _points_elsewhere(question: str, candidate: Candidate) -> bool:
    if asks_about_listings(question):
        return False
    return is_listing(
        candidate.hit.source, candidate.hit.text, candidate.hit.kind
    ) or is_listing_entry(candidate.text)


def _conflicting_documents(cues: SeriesCues, hits: Sequence[Hit]) -> frozenset[str]:
    """Documents whose heading gives another date or stage than the question names."""
    leads = {hit.document_id: hit.text for hit in hits if hit.chunk_id.endswith(LEAD_ORDINAL)}
    return frozenset(
        hit.document_id
        for hit in hits
        if cues.conflicts(Heading.of(hit.title, leads.get(hit.document_id, "")))
    )
