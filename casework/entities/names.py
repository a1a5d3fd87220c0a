"""Names of people and companies, taken only where a source states them structurally: docket
parties, trademark owners, e-mail senders and recipients. Free-text name recognition is left out
on purpose: a wrong name linking two cases costs an investigator more than a missed one.

A name is a company when it carries a legal form (``Co., Ltd.``, ``LLC``, ``GmbH``…, recognised by
``rigour``), a government when it names one (``United States of America``), else a person when it
reads like one (two to five words of letters), else a legal entity of unknown type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.utils import getaddresses
from enum import StrEnum
from typing import Any


class NameKind(StrEnum):
    PERSON = "person"
    COMPANY = "company"
    LEGAL_ENTITY = "legal_entity"


NAME_KINDS = frozenset(kind.value for kind in NameKind)

GOVERNMENT = re.compile(
    r"\b(united states|u\.s\.a\.?|usa|state of|people of|commonwealth of|government|county of)\b",
    re.IGNORECASE,
)
PERSON_WORD = re.compile(r"^[^\W\d_][\w.'\u2019-]*$")
MAX_NAME_CHARS = 300


@dataclass(frozen=True)
class StatedName:
    kind: NameKind
    value: str
    """Normalised for matching: case-folded, punctuation dropped, legal forms in one spelling."""
    display: str
    role: str
    """Where the source states it: a docket party type, ``owner``, ``sender``, ``recipient``."""


def stated_names(properties: Mapping[str, Any]) -> list[StatedName]:
    """Every name the loader's structured properties state, once per (kind, value)."""
    seen: set[tuple[NameKind, str]] = set()
    names = []
    for display, role in _named_parties(properties):
        name = classify(display, role)
        if name is not None and (name.kind, name.value) not in seen:
            seen.add((name.kind, name.value))
            names.append(name)
    return names


def classify(display: str, role: str = "") -> StatedName | None:
    display = " ".join(display.split())[:MAX_NAME_CHARS]
    value = normalize(display)
    if not value or not any(character.isalpha() for character in value):
        return None
    return StatedName(kind=_kind_of(display), value=value, display=display, role=role)


def normalize(name: str) -> str:
    from rigour.names import normalize_name, replace_org_types_compare  # 14 MB: load on use

    return replace_org_types_compare(normalize_name(name) or "")


def _kind_of(display: str) -> NameKind:
    from rigour.names import extract_org_types

    if extract_org_types(display):
        return NameKind.COMPANY
    if GOVERNMENT.search(display):
        return NameKind.LEGAL_ENTITY
    words = display.replace(",", " ").split()
    if 2 <= len(words) <= 5 and all(PERSON_WORD.match(word) for word in words):
        return NameKind.PERSON
    return NameKind.LEGAL_ENTITY


def _named_parties(properties: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    for party in properties.get("parties") or ():
        if isinstance(party, Mapping) and isinstance(party.get("name"), str):
            yield party["name"], str(party.get("type") or "party").lower()
    for owner in properties.get("owners") or ():
        if isinstance(owner, str):
            yield owner, "owner"
    for field, role in (("from", "sender"), ("to", "recipient"), ("cc", "recipient")):
        yield from _mail_names(properties.get(field), role)


def _mail_names(header: Any, role: str) -> Iterator[tuple[str, str]]:
    values = header if isinstance(header, list) else [header]
    addresses = getaddresses([value for value in values if isinstance(value, str)])
    for display, _address in addresses:
        if display.strip():
            yield display.strip(), role
