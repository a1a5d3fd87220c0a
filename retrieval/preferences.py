"""What the fused score does not know about a document: whether it is a primary document or a
listing of others (:mod:`retrieval.listings`), whether its date and stage are the ones the
question names (:mod:`retrieval.series`), and whether it is the subsection of a code section
the question cites (:mod:`retrieval.subsections`). Each moves a hit's fused score (z-score units)
by a fixed amount, so a listing still comes first when it matches far better than any document
it lists, and a sibling release still does when it alone matches the question closely."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from retrieval.listings import asks_about_listings, is_listing
from retrieval.series import Heading, SeriesCues
from retrieval.subsections import cited_subsections, titled_subsection

if TYPE_CHECKING:
    from retrieval.search import Hit


@dataclass(frozen=True)
class PreferenceSettings:
    listing_penalty: float = 1.5
    series_bonus: float = 0.5
    """Per date and per stage the question names that a document's heading matches."""
    cited_subsection_bonus: float = 1.0
    """For the chunk of the very subsection the question cites ("2319(b)"): its words are
    mostly those of the section's other subsections, which otherwise match as well…"""
    other_subsection_penalty: float = 0.5
    """…and against those other subsections. Another section citing the subsection (the
    damages 1117(d) sets for a 1125(d) violation) is not moved."""


@dataclass(frozen=True)
class QuestionPreferences:
    """What a question prefers in a document, read once per search."""

    penalise_listings: bool
    cues: SeriesCues
    cited: dict[str, str]
    settings: PreferenceSettings

    @classmethod
    def of(cls, question: str, settings: PreferenceSettings) -> QuestionPreferences:
        return cls(
            not asks_about_listings(question),
            SeriesCues.of_question(question),
            cited_subsections(question),
            settings,
        )

    @property
    def needs_headings(self) -> bool:
        return self.cues.any

    def move(self, hit: Hit, lead_text: str) -> float:
        """How far to move the score of ``hit``; ``lead_text``: its document's first chunk
        (read only when :attr:`needs_headings`)."""
        move = 0.0
        if self.penalise_listings and is_listing(hit.source, hit.text, hit.kind):
            move -= self.settings.listing_penalty
        if self.cues.any:
            move += self.settings.series_bonus * self.cues.matches(Heading.of(hit.title, lead_text))
        titled = titled_subsection(hit.title) if self.cited else None
        if titled and titled[0] in self.cited:
            cited = titled[1] == self.cited[titled[0]]
            move += (
                self.settings.cited_subsection_bonus
                if cited
                else -self.settings.other_subsection_penalty
            )
        return move
