"""What every question's audit trail holds, whichever edge it came from: one ``question``
record, then an ``access_decision`` and an ``answer`` that point back to it."""

from __future__ import annotations

from typing import Final

ACCESS_DETAILS: Final = frozenset(
    {
        "question_audit_id",
        "viewer",
        "les_cases",
        "sixe_cases",
        "every_case",
        "withheld",
        "visibility",
    }
)
ANSWER_DETAILS: Final = frozenset(
    {"question_audit_id", "document_ids", "abstained", "answerer", "confidence"}
)
QUESTION_DETAILS: Final = frozenset({"question", "surface"})
"""Always there; a thread adds ``thread_ts`` (and ``thread_question``), Slack an ``event_id``,
the command line's ``--case`` a ``case_id``."""
