"""Word documents (.docx), read with python-docx.

Paragraphs and tables come out in document order; a table becomes one line per row with its cells
joined by `` | ``. Every heading starts a new section labelled with the heading, so a search hit
can say which part of the document it came from. DOCX has no pages, so sections carry none.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, cast

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.coreprops import CoreProperties
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.parts.coreprops import CorePropertiesPart
from docx.package import Package
from docx.parts.document import DocumentPart
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from lxml import etree

from ingestion import messages
from ingestion.errors import (
    CorruptFileError,
    EmptyFileError,
    UnsafeArchiveError,
    UnsupportedContentError,
)
from ingestion.loaders.base import BaseLoader, Blob, LoadedDocument, LoadLimits, Section

DOCX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TITLE_MAX_CHARS = 120
CELL_SEPARATOR = " | "
PACKAGE_ERRORS = (
    zipfile.BadZipFile,
    PackageNotFoundError,
    etree.XMLSyntaxError,
    KeyError,
    ValueError,
    EOFError,
)


@dataclass(frozen=True)
class _Block:
    """One paragraph, or one table rendered as text, in document order."""

    text: str
    is_heading: bool = False


class DocxLoader(BaseLoader):
    name: ClassVar[str] = "docx"
    media_types: ClassVar[frozenset[str]] = frozenset({DOCX_MEDIA_TYPE})
    extensions: ClassVar[frozenset[str]] = frozenset({"docx"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        _refuse_oversized_expansion(blob.data, limits)
        package = _open_package(blob.data)
        blocks = list(_read_blocks(_main_document(package)))
        if not blocks:
            raise EmptyFileError(messages.DOCX_WITHOUT_TEXT)
        core = _core_properties(package)
        created = core.created if core else None
        return LoadedDocument(
            title=_choose_title(core.title if core else None, blocks, blob.stem),
            sections=_sections_split_at_headings(blocks),
            document_date=created.date() if created else None,
            properties=_document_properties(core.author if core else None, created),
        )


def _refuse_oversized_expansion(data: bytes, limits: LoadLimits) -> None:
    """python-docx inflates every part into memory, so a DOCX gets the archive size budget.
    (zipfile never inflates a member past the size its header declares, so that size is safe
    to add up.) The compression ratio is not checked: the XML of a plain 400-row table
    compresses more than 100 to 1, past the archive limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, EOFError, ValueError):
        return  # reported as damage by _open_package
    if expanded > limits.archive_max_total_bytes:
        raise UnsafeArchiveError(
            messages.docx_expands_too_far(expanded, limits.archive_max_total_bytes)
        )


def _open_package(data: bytes) -> Package:
    try:
        # Every XML part is parsed here, so damage anywhere in the package surfaces now.
        return Package.open(io.BytesIO(data))
    except PACKAGE_ERRORS as error:
        raise CorruptFileError(messages.docx_damaged(error)) from error


def _main_document(package: Package) -> WordDocument:
    try:
        main_part = package.main_document_part
    except KeyError as error:
        raise CorruptFileError(messages.DOCX_WITHOUT_MAIN_PART) from error
    if main_part.content_type != CONTENT_TYPE.WML_DOCUMENT_MAIN:
        raise UnsupportedContentError(messages.docx_of_another_kind(main_part.content_type))
    document: WordDocument = cast(DocumentPart, main_part).document
    return document


def _core_properties(package: Package) -> CoreProperties | None:
    # Not package.core_properties: for a file without them, python-docx invents defaults
    # (the title "Word Document"), which would then pass for the author's own.
    try:
        part = package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES)
    except KeyError:
        return None
    properties: CoreProperties = cast(CorePropertiesPart, part).core_properties
    return properties


def _read_blocks(document: WordDocument) -> Iterator[_Block]:
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text.strip()
            if text:
                yield _Block(text, is_heading=_is_heading(item))
        elif isinstance(item, Table):
            text = _render_table(item)
            if text:
                yield _Block(text)


def _is_heading(paragraph: Paragraph) -> bool:
    style = paragraph.style
    style_name = (style.name if style is not None else None) or ""
    return style_name == "Title" or style_name.startswith("Heading")


def _render_table(table: Table) -> str:
    lines = (_render_row(row) for row in table.rows)
    return "\n".join(line for line in lines if line.strip(" |"))


def _render_row(row: _Row) -> str:
    cells = row.cells
    texts: list[str] = []
    index = 0
    # A horizontally merged cell appears once per grid column it spans; print it once.
    while index < len(cells):
        cell = cells[index]
        texts.append(" ".join(cell.text.split()))
        index += max(cell.grid_span, 1)
    return CELL_SEPARATOR.join(texts)


def _sections_split_at_headings(blocks: list[_Block]) -> list[Section]:
    sections: list[Section] = []
    lines: list[str] = []
    label: str | None = None
    for block in blocks:
        if block.is_heading and lines:
            sections.append(Section(text="\n".join(lines), label=label))
            lines = []
        if block.is_heading:
            label = block.text
        lines.append(block.text)
    if lines:
        sections.append(Section(text="\n".join(lines), label=label))
    return sections


def _choose_title(core_title: str | None, blocks: list[_Block], stem: str) -> str:
    if core_title and core_title.strip():
        return core_title.strip()
    headings = [block for block in blocks if block.is_heading]
    candidates = [*headings[:1], *blocks[:1]]
    for block in candidates:
        if len(block.text) <= TITLE_MAX_CHARS and "\n" not in block.text:
            return block.text
    return stem


def _document_properties(author: str | None, created: datetime | None) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    if author and author.strip():
        properties["author"] = author.strip()
    if created is not None:
        properties["created"] = created.isoformat()
    return properties
