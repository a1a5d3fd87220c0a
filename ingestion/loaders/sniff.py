"""Content sniffing: what a file is, from its bytes first and its name second."""

from __future__ import annotations

import io
import re
import zipfile

OCTET_STREAM = "application/octet-stream"
OLE_STORAGE = "application/x-ole-storage"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MSG_STREAM_MARKER = "__substg1.0_".encode("utf-16-le")
IMAGE_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
}
TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
EXTENSION_TEXT_TYPES = {
    "md": "text/markdown",
    "markdown": "text/markdown",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "css": "text/css",
    "js": "text/javascript",
}
EMAIL_HEADER = re.compile(
    rb"^(from|to|cc|subject|date|received|message-id|mime-version|return-path|reply-to"
    rb"|delivered-to|dkim-signature|arc-[a-z-]+|x-[a-z0-9-]+|authentication-results)\s*:",
    re.IGNORECASE | re.MULTILINE,
)
HEAD_BYTES = 8192


def sniff_media_type(data: bytes, name: str) -> str:
    """The media type of ``data``; the name's extension only decides between text formats."""
    head = data[:HEAD_BYTES]
    binary = _sniff_binary(data, head)
    if binary is not None:
        return binary
    if _looks_binary(head):
        return OCTET_STREAM
    return _sniff_text(head, _extension(name))


def _sniff_binary(data: bytes, head: bytes) -> str | None:
    if b"%PDF-" in head[:1024]:
        return "application/pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data)
    if head.startswith(OLE_MAGIC):
        return "application/vnd.ms-outlook" if MSG_STREAM_MARKER in data else OLE_STORAGE
    for magic, media_type in IMAGE_MAGIC.items():
        if head.startswith(magic):
            return media_type
    return None


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return "application/zip"
    if "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return "application/zip"


def _looks_binary(head: bytes) -> bool:
    if head.startswith(TEXT_BOMS):
        return False
    return b"\x00" in head


def _sniff_text(head: bytes, extension: str) -> str:
    if extension == "eml":
        return "message/rfc822"
    if extension in EXTENSION_TEXT_TYPES:
        return EXTENSION_TEXT_TYPES[extension]
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"{", b"[")):
        return "application/json"
    if stripped.startswith(b"<"):
        if b"<html" in stripped or b"<!doctype html" in stripped:
            return "text/html"
        return "application/xml"
    if len(EMAIL_HEADER.findall(head[:2048])) >= 2 and EMAIL_HEADER.match(stripped):
        return "message/rfc822"
    return "text/plain"


def _extension(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot + 1 :].lower() if dot > 0 else ""
