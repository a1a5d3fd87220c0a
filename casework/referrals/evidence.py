"""What a referral is built from, read from the registry: a case's documents and the identifiers
they mention, under the requester's need-to-know, and each selected document's quote.

``6E`` material is never offered (it never leaves its case, see :mod:`.policy`), so it is not in
the form's document list, its subjects or the draft summary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.access import Viewer
from casework.markings import Marking
from casework.referrals.package import Subject
from casework.referrals.policy import CandidateEvidence, CurrentDocument
from casework.storage.db import SessionFactory
from casework.storage.entities import Entity, Mention
from casework.storage.registry import Chunk, Document
from retrieval.answering.sentences import split_sentences

QUOTE_SENTENCES: Final = 2
QUOTE_LIMIT: Final = 400
DOCUMENT_LIMIT: Final = 200
OPENING_CHUNKS: Final = 3
STATEMENT_WORDS: Final = (7, 60)
LIST_SEPARATORS: Final = 3
MOSTLY_LETTERS: Final = 0.6
LABEL = re.compile(r"^[\w /().,'-]{1,40}:\s")
"""``Handling: LES``, ``Date / place: …``: a form's label, not a statement."""
BULLET = re.compile(r"^(?:[-*•]|\d+[.)])\s+")


@dataclass(frozen=True)
class DocumentChoice:
    document_id: str
    title: str
    marking: str
    kind: str


class CaseMaterial:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def documents(self, case_id: str, viewer: Viewer) -> list[DocumentChoice]:
        """The case's documents the viewer may see and a partner could receive, newest first."""
        query = (
            select(Document)
            .where(
                Document.case_id == case_id,
                Document.marking != Marking.SIXE.value,
                viewer.sql_scope(Document.case_id, Document.marking),
            )
            .order_by(Document.created_at.desc(), Document.id)
            .limit(DOCUMENT_LIMIT)
        )
        with self._sessions() as session:
            return [
                DocumentChoice(doc.id, doc.title, doc.marking, doc.kind)
                for doc in session.scalars(query)
            ]

    def subjects(self, case_id: str, viewer: Viewer, limit: int = 15) -> list[Subject]:
        """The identifiers the case's visible material mentions most, one subject each."""
        mentions = func.count(Mention.id)
        query = (
            select(Entity.kind, Entity.value, Entity.display, mentions)
            .join(Mention, Mention.entity_id == Entity.id)
            .where(
                Mention.case_id == case_id,
                Mention.marking != Marking.SIXE.value,
                viewer.sql_scope(Mention.case_id, Mention.marking),
            )
            .group_by(Entity.id, Entity.kind, Entity.value, Entity.display)
            .order_by(mentions.desc(), Entity.value)
            .limit(limit)
        )
        with self._sessions() as session:
            return [
                Subject(display, ((kind, value),))
                for kind, value, display, _count in session.execute(query)
            ]

    def candidates(
        self, document_ids: Sequence[str], quotes: Mapping[str, str] | None = None
    ) -> list[CandidateEvidence]:
        """The documents as the registry holds them now, in the order asked (unknown ids are
        left out); each quote as chosen, else the first sentences of the document."""
        chosen = quotes or {}
        with self._sessions() as session:
            found = {
                doc.id: doc
                for doc in session.scalars(select(Document).where(Document.id.in_(document_ids)))
            }
            candidates = []
            for document_id in dict.fromkeys(document_ids):
                document = found.get(document_id)
                if document is None:
                    continue
                opening = _opening_chunks(session, document_id)
                first = opening[0] if opening else None
                text = "\n".join(chunk.text for chunk in opening)
                quote = chosen.get(document_id) or informative_sentences(text)
                candidates.append(
                    CandidateEvidence(
                        document_id=document.id,
                        title=document.title,
                        case_id=document.case_id,
                        marking=document.marking,
                        page=first.page if first else None,
                        quote=quote,
                        sha256=document.sha256,
                    )
                )
            return candidates

    def current(self, document_ids: Iterable[str]) -> dict[str, CurrentDocument]:
        query = select(Document.id, Document.case_id, Document.marking).where(
            Document.id.in_(list(document_ids))
        )
        with self._sessions() as session:
            return {
                document_id: CurrentDocument(case_id, marking)
                for document_id, case_id, marking in session.execute(query)
            }


def informative_sentences(text: str, count: int = QUOTE_SENTENCES) -> str:
    """The document's first ``count`` sentences that state something (a statement of some
    length), read line by line so that its title, headings, table rows and short
    ``Label: value`` lines are passed over; the opening text when nothing qualifies."""
    statements = [
        " ".join(sentence.text.split())
        for line in text.splitlines()
        for sentence in split_sentences(BULLET.sub("", line.strip()))
    ]
    chosen = [sentence for sentence in statements if _states_something(sentence)][:count]
    quote = " ".join(chosen) or " ".join(text.split()[: STATEMENT_WORDS[1]])
    return quote if len(quote) <= QUOTE_LIMIT else quote[: QUOTE_LIMIT - 1].rstrip() + "…"


def draft_summary(candidates: Sequence[CandidateEvidence]) -> str:
    """Extractive: each selected document's most informative sentence, with its ``[n]``."""
    lines = []
    for number, candidate in enumerate(candidates, start=1):
        sentence = informative_sentences(candidate.quote, count=1)
        if sentence:
            lines.append(f"{sentence} [{number}]")
    return " ".join(lines)


def _states_something(sentence: str) -> bool:
    words = sentence.split()
    if not STATEMENT_WORDS[0] <= len(words) <= STATEMENT_WORDS[1]:
        return False
    if sentence.startswith(("#", "|", "-", "*", ">")) or "**" in sentence:
        return False
    label = LABEL.match(sentence)
    if label and len(sentence[label.end() :].split()) < STATEMENT_WORDS[0]:
        return False
    if sentence.count(";") >= LIST_SEPARATORS:
        return False
    letters = sum(character.isalpha() for character in sentence)
    return letters >= MOSTLY_LETTERS * len(sentence)


def _opening_chunks(session: Session, document_id: str) -> list[Chunk]:
    query = (
        select(Chunk)
        .where(Chunk.document_id == document_id)
        .order_by(Chunk.ordinal)
        .limit(OPENING_CHUNKS)
    )
    return list(session.scalars(query))
