"""Whose relative a part asks about, and whose a sentence names.

Releases name the family of more than one person ("Chung use Chi Mak and his wife Rebecca"): a
part asking for one man's wife is not answered by another's.
"""

from __future__ import annotations

import re

from retrieval.analysis import terms

RELATIVE = (
    r"(?:wife|husband|spouse|son|daughter|brother|sister|father|mother|cousin|nephew|niece)"
    r"(?:-in-law)?"
)
RELATIVE_ASKED = re.compile(
    rf"\b(?P<owner>[A-Z][\w-]+)['\u2019]s\s+(?:[\w-]+\s+)?(?P<relative>{RELATIVE})\b"
)
"""Whose relative a part asks about: "the name of Greg *Chung's wife*"."""
RELATIVE_GIVEN = re.compile(
    rf"\b(?P<owner>[A-Z][\w-]+)(?:['\u2019]s|\s+and\s+(?:his|her))\s+(?:[\w-]+\s+)?"
    rf"(?P<relative>{RELATIVE})\b"
)
"""Whose relative a sentence names: "Chi *Mak and his wife* Rebecca", "*Chung's wife*"."""


def relative_of_another(asks: str, sentence: str) -> bool:
    """The part asks about one person's relative, and the sentence names that relative only as
    someone else's: "Chi Mak and his wife Rebecca" is not Chung's wife. ("He and his wife" may
    be the one asked about.)"""
    asked = RELATIVE_ASKED.search(asks)
    if asked is None:
        return False
    owner, relative = _owner(asked), asked.group("relative").lower()
    owners = {
        _owner(given)
        for given in RELATIVE_GIVEN.finditer(sentence)
        if given.group("relative").lower() == relative
    }
    return bool(owner and owners) and None not in owners and owner not in owners


def _owner(match: re.Match[str]) -> str | None:
    """The owner's name as a search term; None for a pronoun ("He and his wife")."""
    owner = terms(match.group("owner"))
    return owner[0] if owner else None
