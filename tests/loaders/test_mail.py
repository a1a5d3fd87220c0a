"""EmlLoader and MsgLoader on real message bytes built here.

E-mails are built with the stdlib ``email`` package, or byte by byte where the point is a malformed
or legacy message the package would not write. Outlook files are built as MS-OXMSG compound files
with extract_msg's own OLE writer (extract_msg cannot write a message, only the container), then
read back by extract_msg like any .msg file: no Outlook-made .msg is available to the tests.
"""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import BytesParser
from email.policy import default as default_policy
from pathlib import Path

import pytest
from extract_msg.ole_writer import OleWriter

from ingestion.errors import CorruptFileError, UnsupportedContentError
from ingestion.loaders.base import Blob, LoadedDocument, LoadLimits
from ingestion.loaders.mail import EmlLoader, MsgLoader
from ingestion.loaders.sniff import sniff_media_type
from tests.loaders.samples import RECIPIENT_CC, RECIPIENT_TO, MsgBuilder, PropertyStorage, blank_pdf

# --- fixtures: e-mails ---------------------------------------------------------------------


SHIPMENTS_CSV = b"container,port,items\r\nMSKU4488123,Newark,1200\r\n"


def _forwarded_tip() -> EmailMessage:
    tip = EmailMessage()
    tip["From"] = "Tipline <tips@brand-protection.example>"
    tip["To"] = "ann.agent@casework.example"
    tip["Date"] = "Fri, 01 Mar 2024 16:40:00 -0500"
    tip["Subject"] = "Shipment 7731: fake Coach bags"
    tip.set_content("The container leaves Ningbo on Monday.\n")
    return tip


def _case_email() -> EmailMessage:
    message = EmailMessage()
    message["From"] = Address("Ann Agent", addr_spec="ann.agent@casework.example")
    message["To"] = 'Bob Buyer <bob@example.com>, "Doe, John" <john.doe@example.org>'
    message["Cc"] = "legal@casework.example"
    message["Date"] = "Mon, 04 Mar 2024 10:15:00 +0100"
    message["Subject"] = "Re: Größe der Lieferung, Hamburg"
    message["Message-ID"] = "<case-42.7@casework.example>"
    message.set_content(
        "Schöne Grüße aus Hamburg: 1 200 Taschen, Zollnummer DE-77.\n",
        charset="iso-8859-1",
        cte="8bit",
    )
    message.add_alternative("<html><body><p>HTML <b>version</b></p></body></html>", subtype="html")
    message.add_attachment(
        blank_pdf(side=72), maintype="application", subtype="pdf", filename="invoice.pdf"
    )
    message.add_attachment(SHIPMENTS_CSV, maintype="text", subtype="csv", filename="shipments.csv")
    message.add_attachment(_forwarded_tip())
    return message


def _load_eml(data: bytes, limits: LoadLimits, name: str = "case.eml") -> LoadedDocument:
    blob = Blob(name=name, data=data, media_type=sniff_media_type(data, name))
    return EmlLoader().load(blob, limits)


@pytest.fixture
def case_email(limits: LoadLimits) -> LoadedDocument:
    return _load_eml(_case_email().as_bytes(), limits)


# --- EML: headers, body, children ----------------------------------------------------------


def test_built_eml_is_sniffed_as_an_e_mail_and_claimed_by_the_loader() -> None:
    data = _case_email().as_bytes()
    blob = Blob(name="case.eml", data=data, media_type=sniff_media_type(data, "case.eml"))

    assert blob.media_type == "message/rfc822"
    assert EmlLoader().score(blob) == 10
    assert MsgLoader().score(blob) == 0


def test_the_section_opens_with_a_readable_header_block(case_email: LoadedDocument) -> None:
    [section] = case_email.sections

    assert section.text.startswith(
        "From: Ann Agent <ann.agent@casework.example>\n"
        'To: Bob Buyer <bob@example.com>, "Doe, John" <john.doe@example.org>\n'
        "Cc: legal@casework.example\n"
        "Date: Mon, 04 Mar 2024 10:15:00 +0100\n"
        "Subject: Re: Größe der Lieferung, Hamburg\n\n"
    )
    assert section.page is None


def test_the_plain_text_body_is_preferred_and_its_latin_1_decoded(
    case_email: LoadedDocument,
) -> None:
    text = case_email.sections[0].text

    assert text.endswith("\n\nSchöne Grüße aus Hamburg: 1 200 Taschen, Zollnummer DE-77.")
    assert "HTML version" not in text


def test_title_properties_and_date_come_from_the_headers(case_email: LoadedDocument) -> None:
    assert case_email.title == "Re: Größe der Lieferung, Hamburg"
    assert case_email.document_date == date(2024, 3, 4)
    assert case_email.properties == {
        "from": "Ann Agent <ann.agent@casework.example>",
        "to": ["Bob Buyer <bob@example.com>", '"Doe, John" <john.doe@example.org>'],
        "cc": ["legal@casework.example"],
        "date": "2024-03-04T10:15:00+01:00",
        "subject": "Re: Größe der Lieferung, Hamburg",
        "message_id": "<case-42.7@casework.example>",
    }


def test_attachments_become_children_with_their_exact_bytes(case_email: LoadedDocument) -> None:
    children = {child.name: child for child in case_email.children}

    assert list(children) == ["invoice.pdf", "shipments.csv", "Shipment 7731: fake Coach bags.eml"]
    assert children["invoice.pdf"].data == blank_pdf(side=72)
    assert children["shipments.csv"].data == SHIPMENTS_CSV
    assert all(child.depth == 1 for child in case_email.children)


def test_a_forwarded_message_is_a_child_e_mail_that_loads_on_its_own(
    case_email: LoadedDocument, limits: LoadLimits
) -> None:
    forwarded = case_email.children[2]

    reparsed = BytesParser(policy=default_policy).parsebytes(forwarded.data)
    assert reparsed["Subject"] == "Shipment 7731: fake Coach bags"
    loaded = _load_eml(forwarded.data, limits, name=forwarded.name)
    assert loaded.title == "Shipment 7731: fake Coach bags"
    assert loaded.document_date == date(2024, 3, 1)
    assert loaded.sections[0].text.endswith("The container leaves Ningbo on Monday.")


def test_the_forwarded_message_body_is_not_mixed_into_the_outer_one(
    case_email: LoadedDocument,
) -> None:
    assert "Ningbo" not in case_email.sections[0].text


def test_an_attachment_over_the_size_limit_is_skipped_and_recorded(limits: LoadLimits) -> None:
    message = _case_email()
    message.add_attachment(
        b"\x00" * 3 * 1024, maintype="application", subtype="octet-stream", filename="dump.bin"
    )
    small = replace(limits, max_file_bytes=2048)

    loaded = _load_eml(message.as_bytes(), small)

    assert "dump.bin" not in [child.name for child in loaded.children]
    assert "shipments.csv" in [child.name for child in loaded.children]
    assert loaded.properties["skipped_attachments"] == ["dump.bin (3.0 KB, over the 2.0 KB limit)"]


def test_an_html_only_message_is_read_as_text(limits: LoadLimits) -> None:
    message = EmailMessage()
    message["From"] = "seller@market.example"
    message["Subject"] = "Price list"
    message.set_content(
        "<html><head><style>p {color: red}</style></head><body><h1>Price list</h1>"
        "<p>Bags: <b>40 USD</b></p><table><tr><td>Wallet</td><td>15 USD</td></tr></table>"
        "</body></html>",
        subtype="html",
    )

    text = _load_eml(message.as_bytes(), limits).sections[0].text

    assert text == (
        "From: seller@market.example\nSubject: Price list\n\n"
        "Price list\n\nBags: 40 USD\n\nWallet | 15 USD"
    )


def test_a_message_without_subject_is_titled_after_the_file(limits: LoadLimits) -> None:
    message = EmailMessage()
    message["From"] = "anonymous@example.com"
    message.set_content("See the photos.")

    loaded = _load_eml(message.as_bytes(), limits, name="inbox/tip-0031.eml")

    assert loaded.title == "(no subject) tip-0031"
    assert loaded.properties["subject"] is None


def test_same_named_attachments_are_all_kept(limits: LoadLimits) -> None:
    message = EmailMessage()
    message["Subject"] = "Photos"
    message.set_content("Two photos.")
    for content in (b"first", b"second"):
        message.add_attachment(content, maintype="image", subtype="jpeg", filename="IMG_0001.jpg")

    loaded = _load_eml(message.as_bytes(), limits)

    assert [(child.name, child.data) for child in loaded.children] == [
        ("IMG_0001.jpg", b"first"),
        ("IMG_0001 (2).jpg", b"second"),
    ]


def test_attachment_names_cannot_climb_out_of_their_folder(limits: LoadLimits) -> None:
    message = EmailMessage()
    message["Subject"] = "Report"
    message.set_content("Attached.")
    message.add_attachment(
        b"data", maintype="text", subtype="plain", filename="..\\..\\windows\\evil.txt"
    )

    loaded = _load_eml(message.as_bytes(), limits)

    assert [child.name for child in loaded.children] == ["evil.txt"]


# --- EML: legacy and odd encodings -----------------------------------------------------------


def test_odd_charsets_in_encoded_words_and_body_are_decoded(limits: LoadLimits) -> None:
    raw = (
        b"From: =?koi8-r?b?8M/T1MHX3cnL?= <supplier@example.ru>\r\n"
        b"Subject: =?windows-1251?q?=CF=F0=E0=E9=F1?=\r\n"
        b"Date: Tue, 05 Mar 2024 08:00:00 +0300\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=koi8-r\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + "Сумки готовы к отправке.\r\n".encode("koi8-r")
    )

    loaded = _load_eml(raw, limits)

    assert loaded.title == "Прайс"
    assert loaded.properties["from"] == "Поставщик <supplier@example.ru>"
    assert loaded.sections[0].text.endswith("Сумки готовы к отправке.")


def test_unlabelled_8_bit_headers_and_body_are_decoded(limits: LoadLimits) -> None:
    raw = (
        "From: Jürgen Weiß <jw@example.de>\r\n"
        "Subject: Rückruf wegen Übergabe\r\n"
        "Date: Wed, 06 Mar 2024 12:00:00 +0100\r\n\r\n"
        "Die Übergabe der gefälschten Uhren ist für Donnerstag geplant, "
        "Treffpunkt wie üblich an der Brücke.\r\n"
    ).encode("cp1252")

    loaded = _load_eml(raw, limits)

    assert loaded.properties["from"] == "Jürgen Weiß <jw@example.de>"
    assert loaded.title == "Rückruf wegen Übergabe"
    assert "gefälschten Uhren ist für Donnerstag" in loaded.sections[0].text


def test_a_body_mislabelled_as_utf_8_is_still_decoded(limits: LoadLimits) -> None:
    raw = (
        b"From: a@example.com\r\nSubject: Lot\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + "Crème de la crème, lot numéro 7.\r\n".encode("cp1252")
    )

    loaded = _load_eml(raw, limits)

    assert loaded.sections[0].text.endswith("Crème de la crème, lot numéro 7.")


def test_an_unparseable_date_is_kept_as_text_without_a_document_date(limits: LoadLimits) -> None:
    raw = b"From: a@example.com\r\nSubject: Lot\r\nDate: last Tuesday\r\n\r\nBody\r\n"

    loaded = _load_eml(raw, limits)

    assert "Date: last Tuesday" in loaded.sections[0].text
    assert loaded.document_date is None
    assert loaded.properties["date"] is None


def test_binary_junk_named_eml_is_reported_as_damaged(limits: LoadLimits) -> None:
    junk = bytes(range(256)) * 4

    with pytest.raises(CorruptFileError) as raised:
        EmlLoader().load(Blob("mail.eml", junk, "application/octet-stream"), limits)

    assert "not an e-mail" in str(raised.value)
    assert "export the message again" in str(raised.value)


SENT = datetime(2024, 3, 4, 9, 15, tzinfo=UTC)


def _outlook_message() -> MsgBuilder:
    forwarded = (
        MsgBuilder()
        .headers("Shipment 7731: fake Coach bags", ("Tipline", "tips@example.com"), SENT)
        .recipient("Ann Agent", "ann.agent@casework.example", RECIPIENT_TO)
    )
    forwarded.message.string(0x1000, "The container leaves Ningbo on Monday.")
    builder = (
        MsgBuilder()
        .headers("Re: Größe der Lieferung", ("Ann Agent", "ann.agent@casework.example"), SENT)
        .recipient("Bob Buyer", "bob@example.com", RECIPIENT_TO)
        .recipient("Doe, John", "john.doe@example.org", RECIPIENT_TO)
        .recipient("Legal", "legal@casework.example", RECIPIENT_CC)
        .attach("invoice.pdf", blank_pdf(side=72))
        .attach_message(forwarded)
    )
    builder.message.string(0x1000, "Schöne Grüße aus Hamburg.\r\nZweite Zeile.")
    builder.message.string(0x1035, "<case-42.7@casework.example>")
    return builder


def _load_msg(data: bytes, limits: LoadLimits, name: str = "case.msg") -> LoadedDocument:
    blob = Blob(name=name, data=data, media_type=sniff_media_type(data, name))
    return MsgLoader().load(blob, limits)


@pytest.fixture
def outlook_message(limits: LoadLimits) -> LoadedDocument:
    return _load_msg(_outlook_message().build(), limits)


# --- MSG ----------------------------------------------------------------------------------------


def test_built_msg_is_sniffed_as_outlook_and_claimed_by_the_loader() -> None:
    data = _outlook_message().build()
    blob = Blob(name="case.msg", data=data, media_type=sniff_media_type(data, "case.msg"))

    assert blob.media_type == "application/vnd.ms-outlook"
    assert MsgLoader().score(blob) == 10
    assert EmlLoader().score(blob) == 0


def test_msg_headers_and_body_read_like_an_e_mail(outlook_message: LoadedDocument) -> None:
    assert outlook_message.title == "Re: Größe der Lieferung"
    assert outlook_message.document_date == date(2024, 3, 4)
    assert outlook_message.sections[0].text == (
        "From: Ann Agent <ann.agent@casework.example>\n"
        'To: Bob Buyer <bob@example.com>, "Doe, John" <john.doe@example.org>\n'
        "Cc: Legal <legal@casework.example>\n"
        "Date: Mon, 04 Mar 2024 09:15:00 +0000\n"
        "Subject: Re: Größe der Lieferung\n\n"
        "Schöne Grüße aus Hamburg.\nZweite Zeile."
    )


def test_msg_properties_match_the_eml_ones(outlook_message: LoadedDocument) -> None:
    assert outlook_message.properties == {
        "from": "Ann Agent <ann.agent@casework.example>",
        "to": ["Bob Buyer <bob@example.com>", '"Doe, John" <john.doe@example.org>'],
        "cc": ["Legal <legal@casework.example>"],
        "date": "2024-03-04T09:15:00+00:00",
        "subject": "Re: Größe der Lieferung",
        "message_id": "<case-42.7@casework.example>",
    }


def test_msg_attachments_and_forwarded_messages_become_children(
    outlook_message: LoadedDocument, limits: LoadLimits
) -> None:
    pdf, forwarded = outlook_message.children

    assert (pdf.name, pdf.data) == ("invoice.pdf", blank_pdf(side=72))
    assert forwarded.name == "Shipment 7731: fake Coach bags.msg"
    loaded = _load_msg(forwarded.data, limits, name=forwarded.name)
    assert loaded.title == "Shipment 7731: fake Coach bags"
    assert loaded.sections[0].text.endswith("The container leaves Ningbo on Monday.")


def test_msg_attachment_over_the_size_limit_is_skipped_and_recorded(limits: LoadLimits) -> None:
    data = _outlook_message().attach("dump.bin", b"\x00" * 40 * 1024).build()

    loaded = _load_msg(data, replace(limits, max_file_bytes=16 * 1024))

    assert [child.name for child in loaded.children] == [
        "invoice.pdf",
        "Shipment 7731: fake Coach bags.msg",
    ]
    assert loaded.properties["skipped_attachments"] == [
        "dump.bin (40.0 KB, over the 16.0 KB limit)"
    ]


def test_msg_with_8_bit_strings_is_decoded_with_its_code_page(limits: LoadLimits) -> None:
    builder = MsgBuilder(string_encoding="cp1251", code_page=1251).headers(
        "Прайс на сумки", ("Поставщик", "supplier@example.ru"), SENT
    )
    builder.message.string(0x1000, "Сумки готовы к отправке.")

    loaded = _load_msg(builder.build(), limits)

    assert loaded.title == "Прайс на сумки"
    assert loaded.properties["from"] == "Поставщик <supplier@example.ru>"
    assert loaded.sections[0].text.endswith("Сумки готовы к отправке.")


def test_msg_with_only_an_html_body_is_read_as_text(limits: LoadLimits) -> None:
    builder = MsgBuilder().headers("Price list", ("Seller", "seller@market.example"), SENT)
    html = '<html><head><meta charset="windows-1252"></head><body><p>Bags: 40 €</p></body></html>'
    builder.message.binary(0x1013, html.encode("cp1252"))

    loaded = _load_msg(builder.build(), limits)

    assert loaded.sections[0].text.endswith("Subject: Price list\n\nBags: 40 €")


def test_an_ole_file_that_is_not_a_message_is_reported_as_damaged(limits: LoadLimits) -> None:
    writer = OleWriter()
    writer.addEntry(["WordDocument"], b"\x00" * 4096)
    buffer = io.BytesIO()
    writer.write(buffer)

    with pytest.raises(CorruptFileError) as raised:
        MsgLoader().load(Blob("case.msg", buffer.getvalue(), "application/x-ole-storage"), limits)

    assert "not an e-mail" in str(raised.value)
    assert "save it again as .msg, or export it as .eml" in str(raised.value)


def test_an_outlook_contact_is_read_like_an_e_mail(limits: LoadLimits) -> None:
    contact = MsgBuilder()
    contact.message = PropertyStorage().string(0x001A, "IPM.Contact").string(0x0037, "Li Wei")
    contact.message.string(0x1000, "Freight forwarder, Ningbo. Met at the trade fair.")

    loaded = _load_msg(contact.build(), limits)

    assert loaded.title == "Li Wei"
    assert loaded.sections[0].text.endswith("Freight forwarder, Ningbo. Met at the trade fair.")


@pytest.mark.parametrize("item_class", ["IPM", "IPM.Casebot.Unheard.Of"])
def test_an_outlook_item_of_an_unknown_kind_is_refused_with_advice(
    item_class: str, limits: LoadLimits
) -> None:
    item = MsgBuilder()
    item.message = PropertyStorage().string(0x001A, item_class)

    with pytest.raises(UnsupportedContentError) as raised:
        _load_msg(item.build(), limits)

    assert "not an e-mail" in str(raised.value)
    assert "save or print it as PDF" in str(raised.value)


def test_a_truncated_msg_is_reported_as_damaged(limits: LoadLimits) -> None:
    data = _outlook_message().build()

    with pytest.raises(CorruptFileError, match="damaged"):
        _load_msg(data[:2048], limits)


def test_msg_bytes_that_spell_a_path_are_not_opened_as_one(
    tmp_path: Path, limits: LoadLimits
) -> None:
    # olefile takes short bytes for a file name; the loader must read the bytes it was given.
    elsewhere = tmp_path / "someone-elses.msg"
    elsewhere.write_bytes(_outlook_message().build())

    with pytest.raises(CorruptFileError):
        _load_msg(str(elsewhere).encode(), limits)
