"""What a document is (its kind) and who may see it (its handling marking)."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    NOTE = "note"
    """An investigator's case material: belongs to one case."""
    FILING = "filing"
    """Public-record material: court dockets, press releases, statutes, trademark records."""


class Marking(StrEnum):
    PUBLIC = "PUBLIC"
    """Anyone may see it."""
    LES = "LES"
    """Law-enforcement sensitive: members of its case only."""
    SIXE = "6E"
    """Grand-jury material (Fed. R. Crim. P. 6(e)): 6(e)-cleared members of its case only."""


def default_marking(kind: Kind) -> Marking:
    return Marking.LES if kind is Kind.NOTE else Marking.PUBLIC
