"""PDF with pypdfium2: one section per page that has text, numbered from 1.

Text is normalised (line ends, TABs, runs of spaces, hyphens PDFium joined across lines). The
title is the document's own Title if it names something, else the "Tittle:" header the DOJ
scraper printed at the top of its PDFs, else the first substantial line.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import ClassVar

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingestion import messages
from ingestion.errors import CorruptFileError, EmptyFileError, EncryptedFileError, IngestError
from ingestion.loaders.base import BaseLoader, Blob, LoadedDocument, LoadLimits, Section

# PDFium reports a hyphen that ended a line, and joins the two lines, as U+0002. In this corpus
# those are real compounds ("fraud-related", "co-conspirators"), so the hyphen stays.
JOINED_LINE_HYPHEN = "\x02"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
SPACE_RUN = re.compile(r"[^\S\n]+")
BLANK_LINE_RUN = re.compile(r"\n{3,}")
PLACEHOLDER_TITLES = frozenset({"untitled", "untitled document", "document", "title", "pdf"})
FILE_NAME = re.compile(r"\.(pdf|docx?|rtf|txt|html?|xlsx?|pptx?|tiff?|jpe?g|png)$", re.IGNORECASE)
OFFICE_TITLE_PREFIX = re.compile(r"^Microsoft (Word|Excel|PowerPoint) - ")
MIN_TITLE_LETTERS = 4
MAX_TITLE_CHARS = 150
HEADER_LABEL = re.compile(r"^(?P<label>Tittle|Title|Link|Date):[ ]*(?P<value>.*)$")
HEADER_MAX_LINES = 12
# PDFium is not thread-safe: two threads inside it at once can crash the process.
PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class ScrapedHeader:
    """The block the DOJ scraper printed at the top of page 1::

    Tittle: <title, possibly wrapped over lines>
    Link: <justice.gov address, possibly wrapped over lines>
    Date: <date>
    """

    title: str | None = None
    url: str | None = None


class PdfLoader(BaseLoader):
    name: ClassVar[str] = "pdf"
    media_types: ClassVar[frozenset[str]] = frozenset({"application/pdf"})
    extensions: ClassVar[frozenset[str]] = frozenset({"pdf"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        with PDFIUM_LOCK:
            document = _open_document(blob.data)
            try:
                page_texts = _read_page_texts(document)
                metadata_title = str(document.get_metadata_value("Title"))
            finally:
                document.close()
        sections = [
            Section(text=text, page=number)
            for number, text in enumerate(page_texts, start=1)
            if text
        ]
        if not sections:
            raise _no_text_layer_error(len(page_texts))
        header = read_scraped_header(sections[0].text)
        return LoadedDocument(
            title=_choose_title(metadata_title, header, sections[0].text) or blob.stem,
            sections=sections,
            page_count=len(page_texts),
            properties={"url": header.url} if header.url else {},
        )


def normalise_page_text(raw: str) -> str:
    """PDFium page text made readable: ``\\n`` line ends, single spaces, at most one blank line
    between paragraphs, no control characters, no whitespace at either end of a line."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace(JOINED_LINE_HYPHEN, "-")
    text = CONTROL_CHARACTERS.sub("", text)
    lines = (SPACE_RUN.sub(" ", line).strip() for line in text.split("\n"))
    return BLANK_LINE_RUN.sub("\n\n", "\n".join(lines)).strip()


def read_scraped_header(page_text: str) -> ScrapedHeader:
    """The "Tittle:" (sic) / "Title:", "Link:" and "Date:" block at the start of ``page_text``.

    Values wrap onto the following lines only when a "Date:" line closes the block; otherwise
    each label's own line is all there is.
    """
    lines = page_text.split("\n")[:HEADER_MAX_LINES]
    first = HEADER_LABEL.match(lines[0]) if lines else None
    if first is None or first["label"] not in ("Tittle", "Title"):
        return ScrapedHeader()
    values = _header_values(lines)
    title = " ".join(" ".join(values.get("title", [])).split())
    url = "".join("".join(values.get("link", [])).split())
    return ScrapedHeader(
        title=title or None,
        url=url if url.startswith(("http://", "https://")) else None,
    )


def _open_document(data: bytes) -> pdfium.PdfDocument:
    # PdfDocument(bytes) reads FPDF_GetLastError even when the load succeeded but found no pages,
    # and that error is left over from an earlier file: a page-less PDF would be reported as,
    # say, password-protected. Loading through the raw API tells the two apart. PDFium reads
    # ``data`` in place; the caller's blob keeps it alive until the document is closed.
    raw_document = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not raw_document:
        raise _load_error(pdfium_c.FPDF_GetLastError())
    document = pdfium.PdfDocument(raw_document)
    if len(document) == 0:
        document.close()
        raise EmptyFileError(messages.PDF_WITHOUT_PAGES)
    return document


def _read_page_texts(document: pdfium.PdfDocument) -> list[str]:
    return [_page_text(document, index) for index in range(len(document))]


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    try:
        page = document[index]
    except pdfium.PdfiumError as error:
        raise _unreadable_page_error(index) from error
    try:
        text_page = page.get_textpage()
        try:
            return normalise_page_text(str(text_page.get_text_bounded()))
        finally:
            text_page.close()
    except pdfium.PdfiumError as error:
        raise _unreadable_page_error(index) from error
    finally:
        page.close()


def _header_values(lines: list[str]) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    label = ""
    for line in lines:
        labelled = HEADER_LABEL.match(line)
        if labelled is None:
            values[label].append(line)
            continue
        label = "title" if labelled["label"] == "Tittle" else labelled["label"].lower()
        if label == "date":
            return values
        values[label] = [labelled["value"]]
    # No "Date:" line: the block is not the scraper's, so only the labelled lines count.
    return {name: lines_of_value[:1] for name, lines_of_value in values.items()}


def _choose_title(metadata_title: str, header: ScrapedHeader, first_page: str) -> str | None:
    return (
        _meaningful_metadata_title(metadata_title)
        or header.title
        or _first_substantial_line(first_page)
    )


def _meaningful_metadata_title(title: str) -> str | None:
    title = OFFICE_TITLE_PREFIX.sub("", " ".join(title.split()))
    if title.lower() in PLACEHOLDER_TITLES or FILE_NAME.search(title):
        return None
    if sum(character.isalpha() for character in title) < MIN_TITLE_LETTERS:
        return None
    return title[:MAX_TITLE_CHARS]


def _first_substantial_line(text: str) -> str | None:
    for line in text.split("\n"):
        if sum(character.isalpha() for character in line) >= MIN_TITLE_LETTERS:
            return line[:MAX_TITLE_CHARS]
    return None


def _load_error(error_code: int) -> IngestError:
    if error_code == pdfium_c.FPDF_ERR_PASSWORD:
        return EncryptedFileError(messages.PDF_PASSWORD_PROTECTED)
    if error_code == pdfium_c.FPDF_ERR_SECURITY:
        return EncryptedFileError(messages.PDF_UNKNOWN_SECURITY)
    return CorruptFileError(messages.PDF_DAMAGED)


def _unreadable_page_error(index: int) -> CorruptFileError:
    return CorruptFileError(messages.pdf_page_unreadable(index + 1))


def _no_text_layer_error(page_count: int) -> EmptyFileError:
    return EmptyFileError(messages.pdf_without_text_layer(page_count))
