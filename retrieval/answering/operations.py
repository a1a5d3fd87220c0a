"""Which round of a named operation a question asks about, and which a sentence tells of.

Enforcement operations run in rounds under one name ("Operation In Our Sites II", "Operation
Pangea IV"), and a release on one round sums up the others: "to date, 761 domain names have been
seized as a result of Operation In Our Sites" is not the count seized in its second round.
"""

from __future__ import annotations

import re
from functools import lru_cache

ROUND = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)"
OPERATION_ROUND = re.compile(
    rf"\bOperation\s+(?P<name>(?:[A-Z][\w'-]*\s+){{0,4}}?[A-Z][\w'-]*)\s+(?P<round>{ROUND})\b"
)
"""An operation's round by its number: "Operation In Our Sites *II*"."""


def another_round(question: str, sentence: str) -> bool:
    """The question asks about one round of an operation, and the sentence names the operation
    only without that round's number, or with another's."""
    asked = _round_asked(question)
    if asked is None:
        return False
    told, round_asked = asked
    rounds = [match.group("round") for match in told.finditer(sentence)]
    return bool(rounds) and round_asked not in rounds


@lru_cache(maxsize=64)
def _round_asked(question: str) -> tuple[re.Pattern[str], str] | None:
    """The pattern naming the operation the question asks about, with or without a round's
    number, and the round it asks about: worked out once per question, not per sentence."""
    asked = OPERATION_ROUND.search(question)
    if asked is None:
        return None
    name = r"\s+".join(re.escape(word) for word in asked.group("name").split())
    told = re.compile(rf"\bOperation\s+{name}\b(?:\s+(?P<round>{ROUND})\b)?", re.I)
    return told, asked.group("round")
