"""USPTO trademark status records (TSDR), read from ST.66 or ST.96 XML and rendered as the record
an investigator checks before calling goods counterfeit: is the mark registered, who owns it, for
which goods, and what happened to it at the USPTO.

TSDR has served three schemas; :func:`is_tsdr_record` recognises each by its root element and
:func:`read_tsdr_record` reads any of them into one :class:`TrademarkRecord`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from lxml import etree

from ingestion import messages
from ingestion.errors import CorruptFileError
from ingestion.loaders.base import LoadedDocument, Section
from ingestion.loaders.tsdr_proceedings import LegalProceeding, proceedings_text, read_proceedings
from ingestion.loaders.tsdr_xml import (
    MarkEvent,
    clean_text,
    contact_names,
    element_text,
    record_date,
)

ST66_NAMESPACE = "http://www.wipo.int/standards/XMLSchema/trademarks"
ST96_NAMESPACE = "http://www.wipo.int/standards/XMLSchema/ST96/Trademark"
# The ST.96 draft (version 1_D3) that TSDR served before adopting the final ST.96 namespaces.
ST96_DRAFT_NAMESPACE = "http://www.wipo.int/standards/XMLSchema/Trademark/1"
TSDR_ROOTS = {
    (ST66_NAMESPACE, "Transaction"): "ST.66",
    (ST96_NAMESPACE, "TrademarkTransaction"): "ST.96",
    (ST96_DRAFT_NAMESPACE, "Transaction"): "ST.96",
}
ST66_DATA = ("TradeMarkTransactionBody", "TransactionContentDetails", "TransactionData")
ST96_TRADEMARK = (
    "TrademarkTransactionBody", "TransactionContentBag", "TransactionData", "TrademarkBag",
    "Trademark",
)  # fmt: skip
ST66_CLASS_DESCRIPTIONS = (
    "GoodsServicesDetails", "GoodsServices", "ClassDescriptionDetails", "ClassDescription",
)  # fmt: skip
ST66_NAME_LINES = ("Name", "FreeFormatName", "FreeFormatNameDetails", "FreeFormatNameLine")
ST66_OWNER_NAME_LINES = ("ApplicantAddressBook", "FormattedNameAddress", *ST66_NAME_LINES)
ST66_OWNER_ADDRESS = ("ApplicantAddressBook", "FormattedNameAddress", "Address", "FormattedAddress")
TITLE_DESCRIPTION_CHARS = 80


@dataclass(frozen=True)
class Owner:
    name: str
    role: str = ""
    """The USPTO party type: "ORIGINAL APPLICANT", "SUBSEQUENT OWNER AFTER REGISTRATION"..."""
    role_code: int = 0
    """USPTO party type code; the owner with the highest is the most recent."""
    entity_type: str = ""
    incorporated_in: str = ""
    address: str = ""


@dataclass(frozen=True)
class GoodsServicesClass:
    number: str
    description: str
    title: str = ""
    status: str = ""
    first_use: str = ""
    """When the mark was first used on these goods anywhere: "1995-10-13", or "1996-01" where
    the record gives no day."""
    first_use_in_commerce: str = ""


@dataclass(frozen=True)
class Representative:
    role: str
    name: str
    address: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class TrademarkRecord:
    schema: str
    serial_number: str
    registration_number: str = ""
    mark: str = ""
    mark_description: str = ""
    mark_type: str = ""
    drawing: str = ""
    disclaimer: str = ""
    filing_date: date | None = None
    registration_date: date | None = None
    status_code: str = ""
    status_description: str = ""
    status_date: date | None = None
    owners: tuple[Owner, ...] = ()
    goods_and_services: tuple[GoodsServicesClass, ...] = ()
    representatives: tuple[Representative, ...] = ()
    examining_attorney: str = ""
    """The USPTO staff attorney who examined the application."""
    events: tuple[MarkEvent, ...] = ()
    proceedings: tuple[LegalProceeding, ...] = ()
    """The board's oppositions and cancellations about the mark (ST.96 records list them)."""

    @property
    def current_owners(self) -> list[Owner]:
        latest = max((owner.role_code for owner in self.owners), default=0)
        return [owner for owner in self.owners if owner.role_code == latest]


def is_tsdr_record(root: etree._Element) -> bool:
    name = etree.QName(root)
    return (name.namespace, name.localname) in TSDR_ROOTS


def read_tsdr_record(root: etree._Element) -> TrademarkRecord:
    name = etree.QName(root)
    schema = TSDR_ROOTS[(name.namespace or "", name.localname)]
    return _read_st66(root) if schema == "ST.66" else _read_st96(root)


# --- shared XML helpers -----------------------------------------------------------------------


def _path(names: tuple[str, ...]) -> str:
    return "/".join(f"{{*}}{name}" for name in names)


def _find(element: etree._Element, *names: str) -> etree._Element | None:
    return element.find(_path(names))


def _findall(element: etree._Element, *names: str) -> list[etree._Element]:
    return element.findall(_path(names))


def _texts(element: etree._Element, *names: str) -> list[str]:
    return [text for found in _findall(element, *names) if (text := clean_text(found.text))]


def _descendant_text(element: etree._Element, name: str) -> str:
    found = element.find(f".//{{*}}{name}")
    return clean_text(found.text) if found is not None else ""


def _use_date(text: str) -> str:
    """A date of first use, "19951013", as "1995-10-13"; TSDR writes a day or a month it does
    not know as "00" ("19960100" is some day in January 1996)."""
    if not re.fullmatch(r"\d{8}", text) or text[4:6] == "00":
        return text[:4] if re.fullmatch(r"\d{4}0000", text) else ""
    if text[6:] == "00":
        return f"{text[:4]}-{text[4:6]}"
    return f"{text[:4]}-{text[4:6]}-{text[6:]}"


def _address(element: etree._Element | None) -> str:
    return ", ".join(_leaf_texts(element)) if element is not None else ""


def _leaf_texts(element: etree._Element) -> Iterator[str]:
    """Texts of the leaves under ``element`` in document order, skipping the ``*Ext`` extension
    blocks (which only repeat the country as a name)."""
    for child in element.iterchildren(tag=etree.Element):
        if etree.QName(child).localname.endswith("Ext"):
            continue
        if len(child):
            yield from _leaf_texts(child)
        elif text := clean_text(child.text):
            yield text


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value))


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


def _missing_trademark() -> CorruptFileError:
    return CorruptFileError(messages.TSDR_WITHOUT_TRADEMARK)


# --- ST.66 ------------------------------------------------------------------------------------


def _read_st66(root: etree._Element) -> TrademarkRecord:
    data = _find(root, *ST66_DATA)
    trademark = _find(data, "TradeMarkDetails", "TradeMark") if data is not None else None
    if data is None or trademark is None:
        raise _missing_trademark()
    return TrademarkRecord(
        schema="ST.66",
        serial_number=element_text(trademark, "ApplicationNumber"),
        registration_number=element_text(trademark, "RegistrationNumber"),
        mark=element_text(trademark, "WordMarkSpecification", "MarkVerbalElementText"),
        mark_description=element_text(trademark, "MarkDescriptionDetails", "MarkDescription"),
        mark_type=element_text(trademark, "KindMark"),
        drawing=element_text(trademark, "MarkFeature"),
        disclaimer=element_text(trademark, "MarkDisclaimerDetails", "MarkDisclaimer"),
        filing_date=record_date(element_text(trademark, "ApplicationDate")),
        registration_date=record_date(element_text(trademark, "RegistrationDate")),
        status_code=element_text(trademark, "MarkCurrentStatusCode"),
        status_description=element_text(
            trademark, "TradeMarkExt", "MarkCurrentStatusExternalDescriptionText"
        ),
        status_date=record_date(element_text(trademark, "MarkCurrentStatusDate")),
        owners=tuple(
            _st66_owner(owner) for owner in _findall(data, "ApplicantDetails", "Applicant")
        ),
        goods_and_services=tuple(
            _st66_class(description)
            for description in _findall(trademark, *ST66_CLASS_DESCRIPTIONS)
        ),
        representatives=tuple(
            representative
            for element in _findall(trademark, "RepresentativeDetails", "Representative")
            if (representative := _st66_representative(element)).name
        ),
        examining_attorney=element_text(trademark, "StaffDetails", "Staff", "StaffName"),
        events=tuple(
            _st66_event(event) for event in _findall(trademark, "MarkEventDetails", "MarkEvent")
        ),
    )


def _st66_owner(applicant: etree._Element) -> Owner:
    region = element_text(applicant, "ApplicantExt", "IncorporationGeographicRegionName")
    country = element_text(applicant, "ApplicantIncorporationCountryCode")
    return Owner(
        name=" ".join(_texts(applicant, *ST66_OWNER_NAME_LINES)),
        role=element_text(applicant, "ApplicantExt", "PartyTypeDescriptionText"),
        role_code=_int(element_text(applicant, "ApplicantExt", "PartyTypeCode")),
        entity_type=element_text(applicant, "ApplicantLegalEntity"),
        incorporated_in=", ".join(_distinct([region, country])),
        address=_address(_find(applicant, *ST66_OWNER_ADDRESS)),
    )


def _st66_class(description: etree._Element) -> GoodsServicesClass:
    return GoodsServicesClass(
        number=element_text(description, "ClassNumber"),
        description=element_text(description, "GoodsServicesDescription"),
        title=element_text(description, "ClassDescriptionExt", "NiceClassTitleText"),
        status=element_text(description, "ClassDescriptionExt", "ClassNumberStatusDescriptionText"),
        first_use=_use_date(_descendant_text(description, "FirstUseDateNumber")),
        first_use_in_commerce=_use_date(_descendant_text(description, "FirstUseInCommerceDate")),
    )


def _st66_representative(representative: etree._Element) -> Representative:
    book = _find(representative, "RepresentativeAddressBook")
    if book is None:
        return Representative(role=element_text(representative, "Comment"), name="")
    return Representative(
        role=element_text(representative, "Comment"),
        name=", ".join(_texts(book, "FormattedNameAddress", *ST66_NAME_LINES)),
        address=_address(_find(book, "FormattedNameAddress", "Address", "FormattedAddress")),
        email=", ".join(_texts(book, "ContactInformationDetails", "Email")),
        phone=", ".join(_texts(book, "ContactInformationDetails", "Phone")),
    )


def _st66_event(event: etree._Element) -> MarkEvent:
    description = element_text(
        event, "MarkEventExt", "MarkEventInternalDescriptionText"
    ) or element_text(event, "MarkEventDescriptionText")
    return MarkEvent(
        date=record_date(element_text(event, "MarkEventDate")),
        code=element_text(event, "MarkEventCode"),
        description=description,
    )


# --- ST.96 (final and 1_D3 draft share their element names) ---------------------------------


def _read_st96(root: etree._Element) -> TrademarkRecord:
    trademark = _find(root, *ST96_TRADEMARK)
    if trademark is None:
        raise _missing_trademark()
    representation = _find(trademark, "MarkRepresentation")
    return TrademarkRecord(
        schema="ST.96",
        serial_number=element_text(trademark, "ApplicationNumber", "ApplicationNumberText"),
        registration_number=element_text(trademark, "RegistrationNumber"),
        mark=element_text(
            representation, "MarkReproduction", "WordMarkSpecification", "MarkVerbalElementText"
        ),
        mark_description=element_text(representation, "MarkDescriptionBag", "MarkDescriptionText"),
        mark_type=", ".join(_texts(trademark, "MarkCategory")),
        drawing=element_text(representation, "MarkFeatureCategory"),
        disclaimer=" ".join(_texts(trademark, "MarkDisclaimerBag", "MarkDisclaimerText")),
        filing_date=record_date(element_text(trademark, "ApplicationDate")),
        registration_date=record_date(element_text(trademark, "RegistrationDate")),
        status_code=element_text(trademark, "MarkCurrentStatusCode"),
        status_description=element_text(
            trademark, "NationalTrademarkInformation", "MarkCurrentStatusExternalDescriptionText"
        ),
        status_date=record_date(element_text(trademark, "MarkCurrentStatusDate")),
        owners=tuple(
            _st96_owner(owner) for owner in _findall(trademark, "ApplicantBag", "Applicant")
        ),
        goods_and_services=_st96_classes(trademark),
        representatives=_st96_representatives(trademark),
        examining_attorney=element_text(trademark, "StaffBag", "Staff", "StaffName"),
        events=tuple(
            _st96_event(event) for event in _findall(trademark, "MarkEventBag", "MarkEvent")
        ),
        proceedings=read_proceedings(trademark),
    )


def _st96_owner(applicant: etree._Element) -> Owner:
    contact = _find(applicant, "Contact")
    state = element_text(applicant, "IncorporationState")
    country = element_text(applicant, "IncorporationCountryCode")
    return Owner(
        name=contact_names(contact)[0] if contact is not None else "",
        # The party type sits in the applicant itself or in a <Version> inside it.
        role=element_text(applicant.find(".//{*}CommentText")),
        role_code=_int(_sequence_number(applicant)),
        entity_type=element_text(applicant, "LegalEntityName"),
        incorporated_in=", ".join(_distinct([state, country])),
        address=_address(_find(applicant, "Contact", "PostalAddressBag", "PostalAddress")),
    )


def _sequence_number(element: etree._Element) -> str:
    """ST.96 applicants carry the USPTO party type code as their ``com:sequenceNumber``."""
    for key, value in element.attrib.items():
        if etree.QName(key).localname == "sequenceNumber":
            return str(value)
    return ""


def _st96_classes(trademark: etree._Element) -> tuple[GoodsServicesClass, ...]:
    """Each class is a <ClassDescription> with a number, followed by one without a number that
    holds the class's status."""
    classes: list[GoodsServicesClass] = []
    for goods in _findall(trademark, "GoodsServicesBag", "GoodsServices"):
        # The dates of first use are the goods' filing basis, beside their class descriptions.
        first_use = _use_date(_descendant_text(goods, "FirstUsedDate"))
        in_commerce = _use_date(_descendant_text(goods, "FirstUsedCommerceDate"))
        for description in _findall(goods, "ClassDescriptionBag", "ClassDescription"):
            number = element_text(description, "ClassNumber")
            status = element_text(
                description,
                "NationalStatusBag",
                "NationalStatus",
                "NationalStatusExternalDescriptionText",
            )
            if number:
                text = " ".join(_texts(description, "GoodsServicesDescriptionText"))
                classes.append(GoodsServicesClass(number, text, "", status, first_use, in_commerce))
            elif classes and status and not classes[-1].status:
                classes[-1] = replace(classes[-1], status=status)
    return tuple(classes)


def _st96_representatives(trademark: etree._Element) -> tuple[Representative, ...]:
    roles = (
        ("RecordAttorney", "Attorney of record"),
        ("NationalCorrespondent", "Correspondent"),
        ("NationalRepresentative", "Domestic representative"),
    )
    found: list[Representative] = []
    for tag, role in roles:
        for element in _findall(trademark, tag, "Contact"):
            names = contact_names(element)
            if names[0]:
                found.append(
                    Representative(
                        role=role,
                        name=", ".join(names),
                        address=_address(_find(element, "PostalAddressBag", "PostalAddress")),
                        email=", ".join(_texts(element, "EmailAddressBag", "EmailAddressText")),
                        phone=", ".join(_texts(element, "PhoneNumberBag", "PhoneNumber")),
                    )
                )
    return tuple(found)


def _st96_event(event: etree._Element) -> MarkEvent:
    return MarkEvent(
        date=record_date(element_text(event, "MarkEventDate")),
        code=element_text(event, "NationalMarkEvent", "MarkEventCode"),
        description=element_text(event, "NationalMarkEvent", "MarkEventDescriptionText"),
    )


# --- rendering --------------------------------------------------------------------------------


def render_trademark(record: TrademarkRecord) -> LoadedDocument:
    subject = f"{_mark_label(record)} ({_number_label(record)})"
    sections = [
        Section(text=_registration_text(record), label="trademark"),
        Section(text=_owners_text(record, subject), label="owners"),
        Section(text=_goods_text(record, subject), label="goods and services"),
        Section(text=_representatives_text(record, subject), label="attorney and correspondent"),
        Section(text=_events_text(record, subject), label="prosecution history"),
        Section(text=proceedings_text(record.proceedings, subject), label="board proceedings"),
    ]
    return LoadedDocument(
        title=f"{_mark_label(record)} — US trademark {_number_label(record)}",
        sections=[section for section in sections if section.text],
        document_date=record.registration_date or record.filing_date,
        properties={
            "mark": record.mark or None,
            "mark_description": record.mark_description or None,
            "serial_number": record.serial_number,
            "registration_number": record.registration_number or None,
            "owners": _distinct([owner.name for owner in record.owners]),
            "current_owners": _distinct([owner.name for owner in record.current_owners]),
            "status": record.status_description,
            "status_code": record.status_code,
            "schema": record.schema,
        },
    )


def _mark_label(record: TrademarkRecord) -> str:
    if record.mark:
        return record.mark
    if record.mark_description:
        return f"Design mark: {_short_description(record.mark_description)}"
    return "Design mark"


def _short_description(description: str) -> str:
    """ "The mark consists of a stylized dog wearing a beaded necklace, with ..." →
    "a stylized dog wearing a beaded necklace"."""
    short = re.sub(r"^the mark consists of\s+", "", description, flags=re.IGNORECASE)
    short = re.split(r"[.,;]\s", short, maxsplit=1)[0].rstrip(".")
    if len(short) > TITLE_DESCRIPTION_CHARS:
        short = short[:TITLE_DESCRIPTION_CHARS].rsplit(" ", 1)[0] + "…"
    return short


def _number_label(record: TrademarkRecord) -> str:
    if record.registration_number:
        return f"Reg. No. {record.registration_number}"
    return f"Serial No. {record.serial_number}"


def _registration_text(record: TrademarkRecord) -> str:
    status = " — ".join(part for part in (record.status_code, record.status_description) if part)
    if status and record.status_date:
        status += f" (status date {record.status_date.isoformat()})"
    fields = [
        ("Mark", record.mark or "(no words: design mark)"),
        ("Description of the mark", record.mark_description),
        ("Mark type", record.mark_type),
        ("Drawing", record.drawing),
        ("Disclaimer", record.disclaimer),
        ("Serial number", record.serial_number),
        ("Filing date", _iso(record.filing_date)),
        ("Registration number", record.registration_number or "(not registered)"),
        ("Registration date", _iso(record.registration_date)),
        ("Status", status),
    ]
    heading = f"{_mark_label(record)} — US trademark {_number_label(record)}"
    return "\n".join([heading, *(f"{name}: {value}" for name, value in fields if value)])


def _owners_text(record: TrademarkRecord, subject: str) -> str:
    if not record.owners:
        return ""
    current = "; ".join(_distinct([owner.name for owner in record.current_owners]))
    lines = [f"Owners of {subject}:", f"Current owner: {current}"]
    for (name, entity, address), roles in _owners_with_roles(record.owners).items():
        lines.append(f"{name} — {'; '.join(roles)}" if roles else name)
        if entity:
            lines.append(f"  Entity: {entity}")
        if address:
            lines.append(f"  Address: {address}")
    return "\n".join(lines)


def _owners_with_roles(owners: tuple[Owner, ...]) -> dict[tuple[str, str, str], list[str]]:
    """One entry per owner, with every role it held: TSDR repeats an unchanged owner as
    original applicant, owner at publication and original registrant."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for owner in owners:
        entity = owner.entity_type
        if owner.incorporated_in:
            entity += f", incorporated in {owner.incorporated_in}"
        roles = grouped.setdefault((owner.name, entity, owner.address), [])
        if owner.role and owner.role not in roles:
            roles.append(owner.role)
    return grouped


def _goods_text(record: TrademarkRecord, subject: str) -> str:
    if not record.goods_and_services:
        return ""
    lines = [f"Goods and services of {subject}:"]
    for goods in record.goods_and_services:
        label = f"Class {goods.number}"
        if goods.title:
            # ST.66 titles repeat the number: "009: Electrical and Scientific Apparatus".
            label += f" ({goods.title.removeprefix(f'{goods.number}:').strip()})"
        if goods.status:
            label += f", {goods.status}"
        lines.append(f"{label}: {goods.description}")
        if goods.first_use:
            lines.append(f"Class {goods.number} first use: {goods.first_use}")
        if goods.first_use_in_commerce:
            lines.append(
                f"Class {goods.number} first use in commerce: {goods.first_use_in_commerce}"
            )
    return "\n".join(lines)


def _representatives_text(record: TrademarkRecord, subject: str) -> str:
    if not record.representatives and not record.examining_attorney:
        return ""
    lines = [f"Attorney and correspondent for {subject}:"]
    for person in record.representatives:
        email = f"email {person.email}" if person.email else ""
        phone = f"phone {person.phone}" if person.phone else ""
        details = (person.name, person.address, email, phone)
        lines.append(f"{person.role}: {'; '.join(part for part in details if part)}")
    if record.examining_attorney:
        lines.append(f"Examining attorney: {record.examining_attorney}")
    return "\n".join(lines)


def _events_text(record: TrademarkRecord, subject: str) -> str:
    if not record.events:
        return ""
    # TSDR lists the newest event first; a history reads better oldest first.
    events = list(record.events[::-1])
    events.sort(key=lambda event: event.date or date.min)
    return "\n".join([f"Prosecution history of {subject}:", *(event.line for event in events)])


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""
