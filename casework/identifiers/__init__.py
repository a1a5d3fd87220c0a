"""Identifiers in case material: recognise, validate and normalise them in free text
(:func:`find_identifiers`), and read what a user types into a lookup (:func:`parse_query`).

Precision comes first: an identifier whose check digit fails is not a match, and numbers with no
check digit, or a weak one, count only with their keyword nearby ("DHL", "Reg. No.", "EIN").
Each family of identifiers has its own module; :mod:`.registry` lists their recognisers once, and
:mod:`.finder` and :mod:`.query` choose among them.
"""

from __future__ import annotations

from casework.identifiers.finder import find_identifiers
from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, ParsedQuery, Reading
from casework.identifiers.labels import label
from casework.identifiers.query import parse_query

__all__ = [
    "IdentifierKind",
    "IdentifierMatch",
    "ParsedQuery",
    "Reading",
    "find_identifiers",
    "label",
    "parse_query",
]
