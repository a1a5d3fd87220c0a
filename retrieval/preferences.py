"""What the fused score does not know about a document: whether it is a primary document or a
listing of others (:mod:`retrieval.listings`), and whether its date and stage are the ones the
question names (:mod:`retrieval.series`). Each moves a hit's fused score (z-score units) by a
fixed amount, so a listing still comes first when it matches far better than any document it
lists, and a sibling release still does when it alone matches the question closely."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from retrieval.listings import asks_about_listings, is_listing
from retrieval.series import Heading, SeriesCues

if TYPE_CHECKING:
    from retrieval.search import Hit


@dataclass(frozen=True)
class PreferenceSettings:
    listing_penalty: float = 1.5
    series_bonus: float = 0.5
    """Per date and per stage the question names that a document's heading matches."""


@dataclass(frozen=True)
class QuestionPreferences:
    """What a question prefers in a document, read once per search."""

    penalise_listings: bool
    cues: SeriesCues
    settings: PreferenceSettings

    @classmethod
    def of(cls, question: str, settings: PreferenceSettings) -> QuestionPreferences:
        return cls(not asks_about_listings(question), SeriesCues.of_question(question), settings)

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
        return move
