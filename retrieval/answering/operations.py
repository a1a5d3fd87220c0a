"""Which round of a named operation a question asks about, and which a sentence tells of.

Enforcement operations run in rounds under one name ("Operation In Our Sites II", "Operation
Pangea IV"), and a release on one round sums up the others: "to date, 761 domain names have been
seized as a result of Operation In Our Sites" is not the count seized in its second round.
"""

from __future__ import annotations

import re

ROUND = r"(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)"
OPERATION_ROUND = re.compile(
    rf"\bOperation\s+(?P<name>(?:[A-Z][\w'-]*\s+){{0,4}}?[A-Z][\w'-]*)\s+(?P<round>{ROUND})\b"
)
"""An operation's round by its number: "Operation In Our Sites *II*"."""


def another_round(question: str, sentence: str) -> bool:
    """The question asks about one round of an operation, and the sentence names the operation
    only without that round's number, or with another's."""
    asked = OPERATION_ROUND.search(question)
    if asked is None:
        return False
    name = r"\s+".join(re.escape(word) for word in asked.group("name").split())
    told = re.compile(rf"\bOperation\s+{name}\b(?:\s+(?P<round>{ROUND})\b)?", re.I)
    rounds = [match.group("round") for match in told.finditer(sentence)]
    return bool(rounds) and asked.group("round") not in rounds
