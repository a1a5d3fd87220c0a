"""What an answer is: text with ``[n]`` markers, the citations they point to, and what was held
back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from retrieval.search import Hit, WithheldGroup


@dataclass(frozen=True)
class Citation:
    n: int
    chunk_id: str
    document_id: str
    title: str
    source: str
    url: str | None
    page: int | None
    kind: str
    case_id: str | None
    marking: str
    quote: str
    """The exact text cited: a sentence of the chunk, or the chunk's opening."""

    @classmethod
    def from_hit(cls, n: int, hit: Hit, quote: str) -> Citation:
        return cls(
            n=n,
            chunk_id=hit.chunk_id,
            document_id=hit.document_id,
            title=hit.title,
            source=hit.source,
            url=hit.url,
            page=hit.page,
            kind=hit.kind,
            case_id=hit.case_id,
            marking=hit.marking,
            quote=quote,
        )

    def as_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "document_id": self.document_id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "page": self.page,
            "kind": self.kind,
            "case_id": self.case_id,
            "marking": self.marking,
            "quote": self.quote,
        }


@dataclass(frozen=True)
class Answer:
    question: str
    text: str
    abstained: bool
    citations: list[Citation]
    withheld: list[WithheldGroup] = field(default_factory=list)
    confidence: float = 0.0
    note: str | None = None
    """Said alongside the answer: e.g. that the language model failed and this is extractive."""
    answerer: str = "extractive"
    unanswered: tuple[str, ...] = ()
    """The parts of the question the evidence does not answer, in the question's words."""

    @property
    def withheld_documents(self) -> int:
        return sum(group.documents for group in self.withheld)

    def as_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "abstained": self.abstained,
            "withheld": self.withheld_documents,
            "withheld_by_case": [
                {"case_id": group.case_id, "documents": group.documents} for group in self.withheld
            ],
            "confidence": round(self.confidence, 3),
            "answerer": self.answerer,
            "note": self.note,
            "unanswered_parts": list(self.unanswered),
            "citations": [citation.as_json() for citation in self.citations],
        }
