"""Federal court dockets (PACER), read from juriscraper/CourtListener JSON or RECAP XML, rendered
so that the text reads like the docket sheet an investigator would open on PACER.

:func:`docket_from_json` and :func:`docket_from_recap_xml` build one normalised :class:`Docket`;
:func:`render_docket` turns it into a :class:`LoadedDocument`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from lxml import etree

from ingestion import messages
from ingestion.errors import EmptyFileError
from ingestion.loaders.base import LoadedDocument, Section

RECAP_ROOT_TAG = "gov_uscourts_docket"
DOCKET_JSON_MARKERS = frozenset({"case_name", "docket_number", "docket_entries", "parties"})

# Bluebook abbreviations, keyed by the state part of a CourtListener district court id ("moed").
STATE_ABBREVIATIONS = {
    "al": "Ala.", "ak": "Alaska", "az": "Ariz.", "ar": "Ark.", "ca": "Cal.", "co": "Colo.",
    "ct": "Conn.", "de": "Del.", "dc": "D.C.", "fl": "Fla.", "ga": "Ga.", "hi": "Haw.",
    "id": "Idaho", "il": "Ill.", "in": "Ind.", "ia": "Iowa", "ks": "Kan.", "ky": "Ky.",
    "la": "La.", "me": "Me.", "md": "Md.", "ma": "Mass.", "mi": "Mich.", "mn": "Minn.",
    "ms": "Miss.", "mo": "Mo.", "mt": "Mont.", "ne": "Neb.", "nv": "Nev.", "nh": "N.H.",
    "nj": "N.J.", "nm": "N.M.", "ny": "N.Y.", "nc": "N.C.", "nd": "N.D.", "oh": "Ohio",
    "ok": "Okla.", "or": "Or.", "pa": "Pa.", "pr": "P.R.", "ri": "R.I.", "sc": "S.C.",
    "sd": "S.D.", "tn": "Tenn.", "tx": "Tex.", "ut": "Utah", "vt": "Vt.", "va": "Va.",
    "wa": "Wash.", "wv": "W. Va.", "wi": "Wis.", "wy": "Wyo.", "gu": "Guam", "vi": "V.I.",
}  # fmt: skip
DISTRICT_PREFIXES = {
    "d": "D.", "nd": "N.D.", "sd": "S.D.", "ed": "E.D.", "wd": "W.D.", "md": "M.D.", "cd": "C.D.",
}  # fmt: skip
SPECIAL_COURTS = {"nmid": "D. N. Mar. I."}
SINGLE_CAPITAL_START = re.compile(r"^[A-Z]\.")


@dataclass(frozen=True)
class Attorney:
    name: str
    roles: tuple[str, ...] = ()
    contact: str = ""


@dataclass(frozen=True)
class Count:
    """A criminal charge against one defendant, as the docket lists it."""

    name: str
    status: str = ""
    disposition: str = ""


@dataclass(frozen=True)
class Party:
    name: str
    type: str
    extra_info: str = ""
    date_terminated: date | None = None
    attorneys: tuple[Attorney, ...] = ()
    counts: tuple[Count, ...] = ()
    highest_offense_level: str = ""


@dataclass(frozen=True)
class DocketEntry:
    number: str
    date_filed: date | None
    description: str
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True)
class Docket:
    court_id: str
    docket_number: str
    case_name: str
    date_filed: date | None = None
    date_terminated: date | None = None
    judge: str = ""
    referred_to: str = ""
    nature_of_suit: str = ""
    cause: str = ""
    jury_demand: str = ""
    jurisdiction: str = ""
    demand: str = ""
    parties: tuple[Party, ...] = ()
    entries: tuple[DocketEntry, ...] = ()

    @property
    def court(self) -> str:
        return court_name(self.court_id)


def court_name(court_id: str) -> str:
    """ "moed" → "E.D. Mo."; an id that is not a federal district court is returned as it is."""
    court_id = court_id.strip().lower()
    if court_id in SPECIAL_COURTS:
        return SPECIAL_COURTS[court_id]
    state, district = court_id[:2], court_id[2:]
    if state not in STATE_ABBREVIATIONS or district not in DISTRICT_PREFIXES:
        return court_id
    prefix, state_name = DISTRICT_PREFIXES[district], STATE_ABBREVIATIONS[state]
    # Bluebook closes up adjacent single capitals: "D.N.J.", "S.D.N.Y.", but "D. Ariz.".
    separator = "" if SINGLE_CAPITAL_START.match(state_name) else " "
    return f"{prefix}{separator}{state_name}"


def parse_docket_date(value: object) -> date | None:
    """ISO dates ("2017-08-16", "2017-08-16T00:00:00-07:00"); "0000-00-00" and junk are None."""
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


# --- juriscraper / CourtListener JSON ---------------------------------------------------------


def looks_like_docket_json(data: object) -> bool:
    """A JSON object with at least two of the keys every juriscraper docket has."""
    return isinstance(data, Mapping) and len(DOCKET_JSON_MARKERS & data.keys()) >= 2


def docket_from_json(data: Mapping[str, Any]) -> Docket:
    return Docket(
        court_id=_court_id_from_json(data),
        docket_number=_text(data.get("docket_number")),
        case_name=_text(data.get("case_name")),
        date_filed=parse_docket_date(data.get("date_filed")),
        date_terminated=parse_docket_date(data.get("date_terminated")),
        judge=_text(data.get("assigned_to_str")),
        referred_to=_text(data.get("referred_to_str")),
        nature_of_suit=_text(data.get("nature_of_suit")),
        cause=_text(data.get("cause")),
        jury_demand=_text(data.get("jury_demand")),
        jurisdiction=_text(data.get("jurisdiction")),
        demand=_text(data.get("demand")),
        parties=tuple(_party_from_json(party) for party in _mappings(data.get("parties"))),
        entries=tuple(_entry_from_json(entry) for entry in _mappings(data.get("docket_entries"))),
    )


def _court_id_from_json(data: Mapping[str, Any]) -> str:
    court = _text(data.get("court_id")) or _text(data.get("court"))
    # CourtListener's API gives the court as a URL: .../api/rest/v4/courts/moed/
    return court.rstrip("/").rsplit("/", 1)[-1]


def _party_from_json(party: Mapping[str, Any]) -> Party:
    criminal = party.get("criminal_data")
    criminal = criminal if isinstance(criminal, Mapping) else {}
    return Party(
        name=_text(party.get("name")),
        type=_text(party.get("type")),
        extra_info=_text(party.get("extra_info")),
        date_terminated=parse_docket_date(party.get("date_terminated")),
        attorneys=tuple(_attorney_from_json(a) for a in _mappings(party.get("attorneys"))),
        counts=tuple(_count_from_json(count) for count in _mappings(criminal.get("counts"))),
        highest_offense_level=_text(criminal.get("highest_offense_level_opening")),
    )


def _attorney_from_json(attorney: Mapping[str, Any]) -> Attorney:
    roles = attorney.get("roles")
    return Attorney(
        name=_text(attorney.get("name")),
        roles=tuple(_text(role) for role in roles) if isinstance(roles, list) else (),
        contact=_text(attorney.get("contact")),
    )


def _count_from_json(count: Mapping[str, Any]) -> Count:
    return Count(
        name=_text(count.get("name")),
        status=_text(count.get("status")),
        disposition=_text(count.get("disposition")),
    )


def _entry_from_json(entry: Mapping[str, Any]) -> DocketEntry:
    number = entry.get("document_number") or entry.get("entry_number")
    return DocketEntry(
        number=_text(number),
        date_filed=parse_docket_date(entry.get("date_filed")),
        description=_text(entry.get("description")) or _text(entry.get("short_description")),
        attachments=tuple(
            _attachment_label(_text(a.get("attachment_number")), _text(a.get("description")))
            for a in _mappings(entry.get("attachments"))
        ),
    )


def _mappings(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


# --- RECAP / Internet Archive XML -------------------------------------------------------------


def is_recap_docket(root: etree._Element) -> bool:
    return etree.QName(root).localname == RECAP_ROOT_TAG


def docket_from_recap_xml(root: etree._Element) -> Docket:
    details = _child(root, "case_details")
    return Docket(
        court_id=_child_text(details, "court"),
        docket_number=_child_text(details, "docket_num"),
        case_name=_child_text(details, "case_name"),
        date_filed=parse_docket_date(_child_text(details, "date_case_filed")),
        date_terminated=parse_docket_date(_child_text(details, "date_case_terminated")),
        judge=_child_text(details, "assigned_to"),
        referred_to=_child_text(details, "referred_to"),
        nature_of_suit=_child_text(details, "nature_of_suit"),
        cause=_child_text(details, "case_cause"),
        jury_demand=_child_text(details, "jury_demand"),
        jurisdiction=_child_text(details, "jurisdiction"),
        demand=_child_text(details, "demand"),
        parties=tuple(_party_from_xml(party) for party in root.iterfind("party_list/party")),
        entries=_entries_from_xml(root.findall("document_list/document")),
    )


def _party_from_xml(party: etree._Element) -> Party:
    return Party(
        name=_child_text(party, "name"),
        type=_child_text(party, "type"),
        extra_info=_child_text(party, "extra_info"),
        date_terminated=parse_docket_date(_child_text(party, "date_terminated")),
        attorneys=tuple(
            Attorney(
                name=_child_text(attorney, "attorney_name"),
                roles=tuple(_child_text(attorney, "attorney_role").splitlines()),
                contact=_child_text(attorney, "contact"),
            )
            for attorney in party.iterfind("attorney_list/attorney")
        ),
    )


def _entries_from_xml(documents: list[etree._Element]) -> tuple[DocketEntry, ...]:
    """RECAP lists each attachment as a <document> of its own (attachment_num > 0); they are
    folded into the entry they belong to."""
    mains: dict[str, etree._Element] = {}
    attachments: dict[str, list[str]] = {}
    for document in documents:
        number = document.get("doc_num", "").strip()
        attachment_number = document.get("attachment_num", "0").strip()
        if attachment_number in ("", "0"):
            mains.setdefault(number, document)
        else:
            label = _attachment_label(attachment_number, _child_text(document, "short_desc"))
            attachments.setdefault(number, []).append(label)
    return tuple(
        DocketEntry(
            number=number,
            date_filed=parse_docket_date(_child_text(document, "date_filed")),
            description=_child_text(document, "long_desc") or _child_text(document, "short_desc"),
            attachments=tuple(attachments.get(number, ())),
        )
        for number, document in mains.items()
    )


def _child(element: etree._Element | None, tag: str) -> etree._Element | None:
    return None if element is None else element.find(tag)


def _child_text(element: etree._Element | None, tag: str) -> str:
    child = _child(element, tag)
    return "" if child is None or child.text is None else child.text.strip()


def _attachment_label(number: str, description: str) -> str:
    return " ".join(part for part in (number, description) if part)


# --- rendering --------------------------------------------------------------------------------


def render_docket(docket: Docket) -> LoadedDocument:
    case = docket.case_name or "(case name not given)"
    sections = [
        Section(text=_header_text(docket), label="case details"),
        Section(text=_parties_text(docket), label="parties"),
        Section(text=_entries_text(docket), label="docket entries"),
    ]
    sections = [section for section in sections if section.text]
    if not sections:
        raise EmptyFileError(messages.DOCKET_WITHOUT_CONTENT)
    return LoadedDocument(
        title=f"{case} ({docket.court}, No. {docket.docket_number or 'unknown'})",
        sections=sections,
        document_date=docket.date_filed,
        properties={
            "court": docket.court,
            "court_id": docket.court_id,
            "docket_number": docket.docket_number,
            "case_name": docket.case_name,
            "date_filed": docket.date_filed.isoformat() if docket.date_filed else None,
            "parties": [{"name": party.name, "type": party.type} for party in docket.parties],
        },
    )


def _header_text(docket: Docket) -> str:
    court = (
        docket.court if docket.court == docket.court_id else f"{docket.court} ({docket.court_id})"
    )
    fields = [
        ("Court", court),
        ("Docket number", docket.docket_number),
        ("Case name", docket.case_name),
        ("Date filed", _iso(docket.date_filed)),
        ("Date terminated", _iso(docket.date_terminated)),
        ("Assigned to", docket.judge),
        ("Referred to", docket.referred_to),
        ("Nature of suit", docket.nature_of_suit),
        ("Cause", docket.cause),
        ("Jury demand", docket.jury_demand),
        ("Jurisdiction", docket.jurisdiction),
        ("Demand", docket.demand),
    ]
    return "\n".join(f"{name}: {value}" for name, value in fields if value)


def _parties_text(docket: Docket) -> str:
    if not docket.parties:
        return ""
    heading = f"Parties in {docket.case_name or 'the case'} (No. {docket.docket_number}):"
    return "\n".join([heading, *(_party_lines(party) for party in docket.parties)])


def _party_lines(party: Party) -> str:
    described = f"{party.name}, {party.extra_info}" if party.extra_info else party.name
    lines = [f"{party.type or 'Party'}: {described}"]
    if party.date_terminated:
        lines.append(f"  Terminated: {party.date_terminated.isoformat()}")
    if party.highest_offense_level:
        lines.append(f"  Highest offense level (opening): {party.highest_offense_level}")
    lines.extend(
        f"  Count: {_joined(count.name, count.status, count.disposition)}" for count in party.counts
    )
    lines.extend(f"  Attorney: {_attorney_line(attorney)}" for attorney in party.attorneys)
    return "\n".join(lines)


def _attorney_line(attorney: Attorney) -> str:
    line = attorney.name
    if attorney.roles:
        line += f" ({'; '.join(attorney.roles)})"
    contact = ", ".join(part.strip() for part in attorney.contact.splitlines() if part.strip())
    return f"{line} — {contact}" if contact else line


def _entries_text(docket: Docket) -> str:
    if not docket.entries:
        return ""
    heading = f"Docket entries in {docket.case_name or 'the case'} (No. {docket.docket_number}):"
    return "\n".join([heading, *(_entry_line(entry) for entry in docket.entries)])


def _entry_line(entry: DocketEntry) -> str:
    filed = f" {entry.date_filed.isoformat()}" if entry.date_filed else ""
    line = f"#{entry.number}{filed}: {entry.description or '(no description on the docket)'}"
    if entry.attachments:
        line += f" Attachments: {'; '.join(entry.attachments)}"
    return line


def _joined(*parts: str) -> str:
    return " — ".join(part for part in parts if part)


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""
