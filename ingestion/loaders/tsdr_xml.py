"""Values as TSDR's XML writes them, read and written alike by the record and its board
proceedings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lxml import etree

WHITESPACE = re.compile(r"\s+")


def clean_text(text: str | None) -> str:
    return WHITESPACE.sub(" ", text or "").strip()


def element_text(element: etree._Element | None, *names: str) -> str:
    """The cleaned text of the element at the path ``names`` under ``element`` (any namespace),
    or of ``element`` itself with no names."""
    if element is None:
        return ""
    found = element.find("/".join(f"{{*}}{name}" for name in names)) if names else element
    return clean_text(found.text) if found is not None else ""


def contact_names(contact: etree._Element) -> list[str]:
    """An ST.96 contact's person, organisation and entity names, each once; [""] if none."""
    names = [
        element_text(contact, "Name", "PersonName", "PersonFullName"),
        element_text(contact, "Name", "OrganizationName", "OrganizationStandardName"),
        element_text(contact, "Name", "EntityName"),
    ]
    return list(dict.fromkeys(name for name in names if name)) or [""]


def record_date(text: str) -> date | None:
    """TSDR dates carry a zone offset ("1995-02-07-05:00"); only the day matters here."""
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class MarkEvent:
    """An entry of a mark's prosecution history or of a board proceeding's."""

    date: date | None
    code: str
    description: str
    entry: int = 0
    """Its number in a proceeding's history: entries of one day keep their order by it."""

    @property
    def line(self) -> str:
        when = self.date.isoformat() if self.date else "(no date)"
        return (
            f"{when} {self.code}: {self.description}"
            if self.code
            else f"{when}: {self.description}"
        )
