"""The Trademark Trial and Appeal Board proceedings a TSDR record lists: oppositions,
cancellations and requests for more time to oppose, with their parties, the marks each party
stands on, the board's history and its decision.

An investigator asking whether a mark was ever challenged, by whom and how the board ruled finds
the answer only here: the mark's own prosecution history does not name the other side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lxml import etree

from ingestion.loaders.tsdr_xml import (
    MarkEvent,
    clean_text,
    contact_names,
    element_text,
    record_date,
)

KINDS = {
    "OppositionProceedingBag": "Opposition",
    "OppositionExtensionRequest": "Extension request",
    "CancellationProceedingBag": "Cancellation",
    "ConcurrentUseProceedingBag": "Concurrent use",
    "InterferenceProceedingBag": "Interference",
    "ExParteAppealProceedingBag": "Ex parte appeal",
}
"""TSDR's element for each kind of board proceeding, and a short name for it: each line of the
rendered record starts with it, and a line reads as a "field: value" only under 40 characters."""
SIDES = {
    "Opposition": ("Opposer", "Applicant opposed"),
    "Extension request": ("Requester", "Applicant"),
    "Cancellation": ("Petitioner", "Registrant"),
}
"""Each side of a proceeding as the board names it; others are plaintiff and defendant."""
DEFENDANT_TAGS = ("Defendant", "Defendent")  # TSDR's older export misspells it


@dataclass(frozen=True)
class PartyMark:
    mark: str
    registration_number: str = ""
    serial_number: str = ""
    status: str = ""

    @property
    def label(self) -> str:
        number = (
            f"Reg. No. {self.registration_number}"
            if self.registration_number
            else f"Serial No. {self.serial_number}"
        )
        described = f"{self.mark or 'design mark'} ({number})"
        return f"{described}, {self.status}" if self.status else described


@dataclass(frozen=True)
class Party:
    name: str
    marks: tuple[PartyMark, ...] = ()
    correspondent: str = ""


@dataclass(frozen=True)
class LegalProceeding:
    kind: str
    number: str
    filed: date | None = None
    status: str = ""
    status_date: date | None = None
    plaintiffs: tuple[Party, ...] = ()
    defendants: tuple[Party, ...] = ()
    events: tuple[MarkEvent, ...] = ()
    staff: tuple[tuple[str, str], ...] = ()
    """(title, name) of the board's staff on it: "Interlocutory Attorney", "FRANCES S WOLFSON"."""


def read_proceedings(trademark: etree._Element) -> tuple[LegalProceeding, ...]:
    """The board proceedings of an ST.96 record's trademark element, in the record's order."""
    found: list[LegalProceeding] = []
    for proceedings in trademark.iterfind(".//{*}LegalProceedings"):
        for element in proceedings.iterchildren(tag=etree.Element):
            found.append(_proceeding(element))
    return tuple(found)


def proceedings_text(proceedings: tuple[LegalProceeding, ...], subject: str) -> str:
    """One line per fact, each naming its proceeding, so that any line read alone says which
    proceeding it is of: "Opposition 91192463 applicant opposed: Dogwhistle, Inc., …"."""
    if not proceedings:
        return ""
    lines = [f"Board proceedings about {subject}:"]
    for proceeding in proceedings:
        lines.extend(_proceeding_lines(proceeding))
    return "\n".join(lines)


def _proceeding(element: etree._Element) -> LegalProceeding:
    local = etree.QName(element).localname
    kind = KINDS.get(local) or _words(local.removesuffix("Bag"))
    status = element.find("{*}ProceedingStatus")
    return LegalProceeding(
        kind=kind,
        number=_first_text(element, "Identifier"),
        filed=record_date(_first_text(element, "Date")),
        status=element_text(status, "NationalStatusExternalDescriptionText"),
        status_date=record_date(element_text(status, "NationalStatusDate")),
        plaintiffs=tuple(_party(party) for party in element.iterfind("{*}Plaintiff")),
        defendants=tuple(
            _party(party) for tag in DEFENDANT_TAGS for party in element.iterfind(f"{{*}}{tag}")
        ),
        events=tuple(_event(event) for event in element.iterfind(".//{*}ProceedingEvent")),
        staff=tuple(
            (element_text(staff, "OfficialTitleText"), element_text(staff, "StaffName"))
            for staff in element.iterfind("{*}StaffBag/{*}Staff")
            if element_text(staff, "StaffName")
        ),
    )


def _party(element: etree._Element) -> Party:
    return Party(
        name=_name(element.find("{*}Contact")),
        marks=tuple(
            _mark(mark) for mark in element.iterfind("{*}AssociatedMarkBag/{*}AssociatedMark")
        ),
        correspondent=_name(element.find("{*}Correspondent/{*}Contact")),
    )


def _mark(element: etree._Element) -> PartyMark:
    return PartyMark(
        mark=element_text(element, "WordMarkSpecification", "MarkVerbalElementText"),
        registration_number=element_text(element, "NationalRegistrationNumber"),
        serial_number=element_text(element, "NationalApplicationNumber", "ApplicationNumberText"),
        status=element_text(element, "NationalStatus", "NationalStatusExternalDescriptionText"),
    )


def _event(element: etree._Element) -> MarkEvent:
    return MarkEvent(
        date=record_date(element_text(element, "MarkEventDate")),
        code=element_text(element, "NationalMarkEvent", "MarkEventCode"),
        description=element_text(element, "NationalMarkEvent", "MarkEventDescriptionText"),
        entry=int(entry)
        if (entry := element_text(element, "NationalMarkEvent", "MarkEventEntryNumber")).isdigit()
        else 0,
    )


def _proceeding_lines(proceeding: LegalProceeding) -> list[str]:
    named = f"{proceeding.kind} {proceeding.number}".strip()
    status = proceeding.status
    if status and proceeding.status_date:
        status += f" ({proceeding.status_date.isoformat()})"
    filed = f" filed {proceeding.filed.isoformat()}" if proceeding.filed else ""
    lines = [f"{named}{filed}: {status or 'status not given'}"]
    plaintiff, defendant = SIDES.get(proceeding.kind, ("Plaintiff", "Defendant"))
    lines.extend(_party_line(named, plaintiff, party) for party in proceeding.plaintiffs)
    lines.extend(_party_line(named, defendant, party) for party in proceeding.defendants)
    lines.extend(f"{name} — {title or 'Board staff'}, {named}" for title, name in proceeding.staff)
    # TSDR lists the newest entry first; a history reads better oldest first.
    events = sorted(proceeding.events, key=lambda event: (event.date or date.min, event.entry))
    lines.extend(f"{event.line} ({named})" for event in events)
    return lines


def _party_line(named: str, side: str, party: Party) -> str:
    line = f"{named} {side.lower()}: {party.name or 'not named'}"
    if party.marks:
        line += f"; {'mark' if len(party.marks) == 1 else 'marks'} "
        line += "; ".join(mark.label for mark in party.marks)
    if party.correspondent:
        line += f"; correspondent {party.correspondent}"
    return line


def _name(contact: etree._Element | None) -> str:
    return ", ".join(contact_names(contact)) if contact is not None else ""


def _first_text(element: etree._Element, ending: str) -> str:
    """The text of the first child whose name ends with ``ending`` ("OppositionIdentifier",
    "LegalProceedingIdentifier")."""
    for child in element.iterchildren(tag=etree.Element):
        if etree.QName(child).localname.endswith(ending) and (text := clean_text(child.text)):
            return text
    return ""


def _words(name: str) -> str:
    """ "ConcurrentUseProceeding" → "Concurrent use proceeding"."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return spaced[:1] + spaced[1:].lower()
