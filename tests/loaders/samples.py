"""Small files of each format, built here, for the loader tests: PDFs with text on known pages
or none, Word documents, workbooks and Outlook .msg files."""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime

import openpyxl
from docx.document import Document as WordDocument
from extract_msg.ole_writer import OleWriter
from pypdf import PdfWriter

# --- PDF ----------------------------------------------------------------------------------------

PAGE_SIZE = 612, 792


def pdf_with_lines(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF showing ``lines`` in Helvetica, with ``title`` in its Info dictionary."""
    return pdf_with_pages([lines], title)


def pdf_with_pages(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF with one page per item of ``pages``, each showing its lines in Helvetica."""
    first_page = 4  # after the catalog, the page tree and the font
    kids = " ".join(f"{first_page + 2 * index} 0 R" for index in range(len(pages)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for index, lines in enumerate(pages):
        objects += _page_objects(lines, content_number=first_page + 2 * index + 1)
    info = f"<< /Title ({title}) >>" if title is not None else "<< >>"
    objects.append(info.encode("latin-1"))
    return _assemble_pdf(objects)


def blank_pdf(pages: int = 1, side: int = PAGE_SIZE[0]) -> bytes:
    """A PDF whose pages have no text at all, like a scan without OCR."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=side, height=side)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _page_objects(lines: list[str], content_number: int) -> list[bytes]:
    shown = " ".join(f"({line}) Tj T*" for line in lines)
    content = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET".encode("latin-1")
    width, height = PAGE_SIZE
    page = (
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] "
        f"/Resources << /Font << /F1 3 0 R >> >> /Contents {content_number} 0 R >>"
    )
    stream = b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"
    return [page.encode(), stream]


def _assemble_pdf(objects: list[bytes]) -> bytes:
    """Numbers ``objects`` from 1, with the last as the Info dictionary and a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, len(objects))
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


# --- Word and Excel ------------------------------------------------------------------------------


def docx_bytes(document: WordDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- Outlook .msg files --------------------------------------------------------------

PT_LONG, PT_SYSTIME, PT_OBJECT = 0x0003, 0x0040, 0x000D
PT_STRING8, PT_UNICODE, PT_BINARY = 0x001E, 0x001F, 0x0102
PROPERTY_READABLE_WRITABLE = 0x6
RECIPIENT_TO, RECIPIENT_CC = 1, 2
ATTACH_BY_VALUE, ATTACH_EMBEDDED_MESSAGE = 1, 5
FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)


@dataclass
class PropertyStorage:
    """The properties of one MSG object (message, recipient, attachment) as MS-OXMSG stores them:
    fixed-size values in ``__properties_version1.0``, strings and binaries in streams of their own.
    ``string_encoding`` None writes Unicode strings, a code page name writes 8-bit ones."""

    string_encoding: str | None = None
    entries: list[bytes] = field(default_factory=list)
    streams: dict[str, bytes] = field(default_factory=dict)

    def string(self, property_id: int, text: str) -> PropertyStorage:
        if self.string_encoding is None:
            data, kind, terminator = text.encode("utf-16-le"), PT_UNICODE, 2
        else:
            data, kind, terminator = text.encode(self.string_encoding), PT_STRING8, 1
        return self._variable(property_id, kind, data, len(data) + terminator)

    def binary(self, property_id: int, data: bytes) -> PropertyStorage:
        return self._variable(property_id, PT_BINARY, data, len(data))

    def long(self, property_id: int, value: int) -> PropertyStorage:
        return self._fixed(property_id, PT_LONG, struct.pack("<iI", value, 0))

    def time(self, property_id: int, moment: datetime) -> PropertyStorage:
        ticks = int((moment - FILETIME_EPOCH).total_seconds() * 10_000_000)
        return self._fixed(property_id, PT_SYSTIME, struct.pack("<Q", ticks))

    def embedded_message(self) -> PropertyStorage:
        return self._fixed(0x3701, PT_OBJECT, struct.pack("<II", 0xFFFFFFFF, 0))

    def write(self, writer: OleWriter, path: list[str], header: bytes) -> None:
        for name, data in self.streams.items():
            writer.addEntry([*path, name], data)
        writer.addEntry([*path, "__properties_version1.0"], header + b"".join(self.entries))

    def _variable(self, property_id: int, kind: int, data: bytes, size: int) -> PropertyStorage:
        self.streams[f"__substg1.0_{property_id:04X}{kind:04X}"] = data
        return self._fixed(property_id, kind, struct.pack("<II", size, 0))

    def _fixed(self, property_id: int, kind: int, value: bytes) -> PropertyStorage:
        tag = (property_id << 16) | kind
        self.entries.append(struct.pack("<II", tag, PROPERTY_READABLE_WRITABLE) + value)
        return self


@dataclass
class MsgBuilder:
    string_encoding: str | None = None
    code_page: int | None = None
    message: PropertyStorage = field(init=False)
    recipients: list[PropertyStorage] = field(default_factory=list)
    attachments: list[tuple[PropertyStorage, MsgBuilder | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.message = self._storage().string(0x001A, "IPM.Note")
        if self.code_page is not None:
            self.message.long(0x3FFD, self.code_page)

    def headers(self, subject: str, sender: tuple[str, str], sent: datetime) -> MsgBuilder:
        self.message.string(0x0037, subject).string(0x0C1A, sender[0]).string(0x5D01, sender[1])
        self.message.time(0x0039, sent).long(0x0E07, 1)  # "read": a sent message, not a draft
        return self

    def recipient(self, name: str, address: str, kind: int) -> MsgBuilder:
        storage = self._storage().string(0x3001, name).string(0x39FE, address)
        self.recipients.append(storage.long(0x0C15, kind))
        return self

    def attach(self, filename: str, data: bytes) -> MsgBuilder:
        storage = self._storage().string(0x3707, filename).binary(0x3701, data)
        self.attachments.append((storage.long(0x3705, ATTACH_BY_VALUE), None))
        return self

    def attach_message(self, inner: MsgBuilder) -> MsgBuilder:
        storage = self._storage().long(0x3705, ATTACH_EMBEDDED_MESSAGE).embedded_message()
        self.attachments.append((storage, inner))
        return self

    def build(self) -> bytes:
        writer = OleWriter()
        writer.addEntry(["__nameid_version1.0"], storage=True)
        for stream in ("00020102", "00030102", "00040102"):
            writer.addEntry(["__nameid_version1.0", f"__substg1.0_{stream}"], b"")
        self._write_message(writer, [], top_level=True)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    def _write_message(self, writer: OleWriter, path: list[str], top_level: bool) -> None:
        for index, recipient in enumerate(self.recipients):
            storage = [*path, f"__recip_version1.0_#{index:08X}"]
            writer.addEntry(storage, storage=True)
            recipient.write(writer, storage, header=bytes(8))
        for index, (attachment, inner) in enumerate(self.attachments):
            storage = [*path, f"__attach_version1.0_#{index:08X}"]
            writer.addEntry(storage, storage=True)
            attachment.write(writer, storage, header=bytes(8))
            if inner is not None:
                inner_path = [*storage, "__substg1.0_3701000D"]
                writer.addEntry(inner_path, storage=True)
                inner._write_message(writer, inner_path, top_level=False)
        counts = len(self.recipients), len(self.attachments)
        header = bytes(8) + struct.pack("<IIII", *counts, *counts)
        self.message.write(writer, path, header + bytes(8) if top_level else header)

    def _storage(self) -> PropertyStorage:
        return PropertyStorage(self.string_encoding)
