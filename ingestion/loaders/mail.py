"""E-mail: RFC 822 messages (.eml, with the stdlib ``email`` package) and Outlook items (.msg,
with extract_msg, in :mod:`ingestion.loaders.outlook`).

Both become one section: a header block (From, To, Cc, Date, Subject) and then the body, the plain
text part where there is one and the HTML part turned into text where there is not. Attachments
become child files that the pipeline loads as documents of their own; a forwarded message becomes a
child file of its own format (``<subject>.eml`` or ``<subject>.msg``).
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from typing import Any, ClassVar

from ingestion import messages
from ingestion.errors import (
    CorruptFileError,
    EmptyFileError,
    TextDecodingError,
    UnsupportedContentError,
)
from ingestion.loaders.base import BaseLoader, Blob, ChildFile, LoadedDocument, LoadLimits, Section
from ingestion.loaders.html import HtmlLoader, declared_charset
from ingestion.loaders.textcodec import decode_text

NO_SUBJECT = "(no subject)"
BODY_LABEL = "message"
FILENAME_MAX_CHARS = 120
ADDRESS_SPECIALS = re.compile(r'[()<>@,;:\\".\[\]]')
UNSAFE_FILENAME_CHARS = re.compile(r"[\x00-\x1f\x7f/\\]")
EIGHT_BIT_ESCAPES = re.compile(r"[\udc80-\udcff]")


@dataclass(frozen=True)
class MailHeaders:
    sender: str | None
    to: list[str]
    cc: list[str]
    sent: datetime | None
    date_text: str | None
    subject: str | None
    message_id: str | None


@dataclass
class Attachments:
    """Collects attachments as child files, skipping (and recording) those over the size limit."""

    max_bytes: int
    children: list[ChildFile] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def add(self, name: str, data: bytes) -> None:
        if len(data) > self.max_bytes:
            size, limit = _readable_size(len(data)), _readable_size(self.max_bytes)
            self.skipped.append(f"{name} ({size}, over the {limit} limit)")
            return
        self.children.append(ChildFile(name=self._unique(name), data=data, depth=1))

    def _unique(self, name: str) -> str:
        taken = {child.name for child in self.children}
        stem, dot, extension = name.rpartition(".")
        if not dot:
            stem, extension = name, ""
        candidate, number = name, 1
        while candidate in taken:
            number += 1
            candidate = f"{stem} ({number}){dot}{extension}"
        return candidate


class EmlLoader(BaseLoader):
    name: ClassVar[str] = "eml"
    media_types: ClassVar[frozenset[str]] = frozenset({"message/rfc822"})
    extensions: ClassVar[frozenset[str]] = frozenset({"eml"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        message = _parse_eml(blob.data)
        body_part = message.get_body(preferencelist=("plain", "html"))
        attachments = Attachments(limits.max_file_bytes)
        for part in _eml_attachment_parts(message, body_part):
            _add_eml_attachment(attachments, part)
        body = _eml_body_text(body_part, limits)
        return _mail_document(blob, _eml_headers(message), body, attachments)


class MsgLoader(BaseLoader):
    name: ClassVar[str] = "msg"
    media_types: ClassVar[frozenset[str]] = frozenset({"application/vnd.ms-outlook"})
    extensions: ClassVar[frozenset[str]] = frozenset({"msg"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        from ingestion.loaders import outlook  # extract_msg costs 14 MB: only for .msg files

        headers, body, attachments = outlook.read_msg(blob.data, limits)
        return _mail_document(blob, headers, body, attachments)


# --- shared by both formats ---------------------------------------------------------------


def _mail_document(
    blob: Blob, headers: MailHeaders, body: str, attachments: Attachments
) -> LoadedDocument:
    properties: dict[str, Any] = {
        "from": headers.sender,
        "to": headers.to,
        "cc": headers.cc,
        "date": headers.sent.isoformat() if headers.sent else None,
        "subject": headers.subject,
        "message_id": headers.message_id,
    }
    if attachments.skipped:
        properties["skipped_attachments"] = attachments.skipped
    text = "\n\n".join(part for part in (_header_block(headers), body.strip()) if part)
    if not text and not attachments.children:
        raise EmptyFileError(messages.MAIL_WITHOUT_CONTENT)
    return LoadedDocument(
        title=headers.subject or f"{NO_SUBJECT} {blob.stem}",
        sections=[Section(text=text, label=BODY_LABEL)] if text else [],
        document_date=headers.sent.date() if headers.sent else None,
        properties=properties,
        children=attachments.children,
        # Nothing but attachments: they are the documents, the message only carried them.
        has_own_text=bool(text),
    )


def _header_block(headers: MailHeaders) -> str:
    lines = [
        ("From", headers.sender or ""),
        ("To", ", ".join(headers.to)),
        ("Cc", ", ".join(headers.cc)),
        ("Date", headers.date_text or ""),
        ("Subject", headers.subject or ""),
    ]
    return "\n".join(f"{name}: {value}" for name, value in lines if value)


def format_address(name: str | None, address: str | None) -> str:
    name, address = (name or "").strip(), (address or "").strip()
    if not address or name == address:
        return name or address
    if not name:
        return address
    if ADDRESS_SPECIALS.search(name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{address}>"


def safe_filename(name: str) -> str:
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    return UNSAFE_FILENAME_CHARS.sub("_", name).strip(" .")[:FILENAME_MAX_CHARS]


def forwarded_message_name(subject: str | None, extension: str) -> str:
    stem = UNSAFE_FILENAME_CHARS.sub("_", subject or "").strip(" .")[:FILENAME_MAX_CHARS]
    return f"{stem or NO_SUBJECT}.{extension}"


def _readable_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size} bytes"


def _decode(data: bytes, declared_charset: str | None = None) -> str:
    try:
        return decode_text(data, declared_charset).text
    except (TextDecodingError, UnsupportedContentError):
        # An unreadable body should not cost the reader the headers and the attachments.
        return data.decode("cp1252", errors="replace")


def html_to_text(html: bytes, charset: str | None, limits: LoadLimits) -> str:
    text = _decode(html, charset or declared_charset(html))
    # Handed over as UTF-8, which the HTML loader tries first, whatever a <meta> tag still says.
    page = Blob(name="body.html", data=text.encode("utf-8"), media_type="text/html")
    try:
        document = HtmlLoader().load(page, limits)
    except (EmptyFileError, UnsupportedContentError):
        return ""
    return "\n\n".join(section.text for section in document.sections)


# --- .eml -----------------------------------------------------------------------------------


def _parse_eml(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    if not any(name in message for name in ("From", "To", "Subject", "Date", "Message-ID")):
        raise CorruptFileError(messages.EML_WITHOUT_HEADERS)
    return message


def _eml_headers(message: EmailMessage) -> MailHeaders:
    senders = _eml_addresses(message, "From")
    date_header = _eml_header(message, "Date")
    return MailHeaders(
        sender=", ".join(senders) or None,
        to=_eml_addresses(message, "To"),
        cc=_eml_addresses(message, "Cc"),
        sent=parse_date(str(date_header)) if date_header is not None else None,
        date_text=str(date_header) if date_header is not None else None,
        subject=_eml_text_header(message, "Subject"),
        message_id=_eml_text_header(message, "Message-ID"),
    )


def _eml_header(message: EmailMessage, name: str) -> str | None:
    """The parsed header, re-read from its raw bytes when it carries unencoded 8-bit text (which
    the parser would otherwise turn into replacement characters)."""
    raw = next((value for key, value in message.raw_items() if key.lower() == name.lower()), None)
    if raw is None:
        return None
    if EIGHT_BIT_ESCAPES.search(raw):
        raw = _decode(raw.encode("ascii", "surrogateescape"))
    try:
        return message.policy.header_fetch_parse(name, raw)
    except (HeaderParseError, ValueError, IndexError):
        return raw


def _eml_text_header(message: EmailMessage, name: str) -> str | None:
    header = _eml_header(message, name)
    text = " ".join(str(header).split()) if header is not None else ""
    return text or None


def _eml_addresses(message: EmailMessage, name: str) -> list[str]:
    header = _eml_header(message, name)
    if header is None:
        return []
    addresses: tuple[Address, ...] | None = getattr(header, "addresses", None)
    if addresses is None:
        return [" ".join(str(header).split())]
    return [format_address(address.display_name, address.addr_spec) for address in addresses]


def parse_date(text: str) -> datetime | None:
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def _eml_body_text(part: MIMEPart | None, limits: LoadLimits) -> str:
    if part is None:
        return ""
    data = _part_bytes(part)
    charset = part.get_content_charset()
    if part.get_content_subtype() == "html":
        return html_to_text(data, charset, limits)
    return _decode(data, charset)


def _part_bytes(part: MIMEPart) -> bytes:
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""


def _eml_attachment_parts(part: MIMEPart, body: MIMEPart | None) -> Iterator[MIMEPart]:
    """Attachments in order, not descending into forwarded messages: those travel whole."""
    if part is body:
        return
    if part.get_content_type() == "message/rfc822":
        yield part
    elif part.is_multipart():
        for subpart in part.iter_parts():
            yield from _eml_attachment_parts(subpart, body)
    elif part.get_filename() or part.is_attachment():
        yield part


def _add_eml_attachment(attachments: Attachments, part: MIMEPart) -> None:
    if part.get_content_type() == "message/rfc822":
        forwarded = part.get_content()
        if isinstance(forwarded, EmailMessage):
            name = forwarded_message_name(_eml_text_header(forwarded, "Subject"), "eml")
            # Written back as parsed, without refolding the headers it arrived with.
            source_policy = policy.default.clone(refold_source="none")
            attachments.add(name, forwarded.as_bytes(policy=source_policy))
        return
    name = safe_filename(part.get_filename() or "")
    if not name:
        extension = mimetypes.guess_extension(part.get_content_type()) or ""
        name = f"attachment-{len(attachments.children) + 1}{extension}"
    attachments.add(name, _part_bytes(part))
