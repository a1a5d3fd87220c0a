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
    someone else's: "Chi Mak and his wife Rebecca" is not Chung's wife."""
    asked = RELATIVE_ASKED.search(asks)
    if asked is None:
        return False
    wanted = _relation(asked)
    owners = {
        owner
        for owner, relative in map(_relation, RELATIVE_GIVEN.finditer(sentence))
        if relative == wanted[1]
    }
    return bool(owners) and wanted[0] not in owners


def _relation(match: re.Match[str]) -> tuple[str, str]:
    owner = terms(match.group("owner"))
    return (owner[0] if owner else match.group("owner").lower(), match.group("relative").lower())
