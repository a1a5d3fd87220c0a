"""DocxLoader on Word files built here with python-docx, and on damaged ones made from them."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace
from datetime import date, datetime

import docx
import pytest
from docx.document import Document as WordDocument

from ingestion.errors import CorruptFileError, UnsafeArchiveError, UnsupportedContentError
from ingestion.loaders.base import Blob, LoadedDocument, LoadLimits
from ingestion.loaders.sniff import sniff_media_type
from ingestion.loaders.word import DOCX_MEDIA_TYPE, DocxLoader
from tests.loaders.samples import docx_bytes


def _seizure_report() -> WordDocument:
    document = docx.Document()
    document.core_properties.author = "Dana Whitfield"
    document.core_properties.title = ""
    document.core_properties.created = datetime(2023, 11, 14, 9, 30)
    document.add_heading("Port of Newark seizure report", level=1)
    document.add_paragraph("Customs officers opened container MSKU 448812-3 on 2 November.")
    table = document.add_table(rows=3, cols=3)
    for row, values in zip(
        table.rows,
        [("Item", "Quantity", "Marked as"), ("Handbags", "1,200", "Coach"), ("Wallets", "800", "")],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_heading("Findings", level=2)
    document.add_paragraph("Every bag carried a counterfeit Coach logo.")
    return document


def _load(data: bytes, name: str, limits: LoadLimits) -> LoadedDocument:
    blob = Blob(name=name, data=data, media_type=sniff_media_type(data, name))
    return DocxLoader().load(blob, limits)


def _rewrite_zip(data: bytes, replace: dict[str, bytes | None]) -> bytes:
    """A copy of the zip ``data`` with members replaced, or dropped where the value is None."""
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.namelist():
            content = replace.get(member, source.read(member))
            if content is not None:
                target.writestr(member, content)
    return output.getvalue()


def test_docx_is_sniffed_and_claimed_by_the_loader() -> None:
    data = docx_bytes(_seizure_report())
    blob = Blob(name="report.docx", data=data, media_type=sniff_media_type(data, "report.docx"))

    assert blob.media_type == DOCX_MEDIA_TYPE
    assert DocxLoader().score(blob) == 10


def test_paragraphs_tables_and_headings_come_out_in_document_order(limits: LoadLimits) -> None:
    loaded = _load(docx_bytes(_seizure_report()), "report.docx", limits)

    text = "\n".join(section.text for section in loaded.sections)
    assert text == (
        "Port of Newark seizure report\n"
        "Customs officers opened container MSKU 448812-3 on 2 November.\n"
        "Item | Quantity | Marked as\n"
        "Handbags | 1,200 | Coach\n"
        "Wallets | 800 | \n"
        "Findings\n"
        "Every bag carried a counterfeit Coach logo."
    )


def test_each_heading_starts_a_section_labelled_with_it(limits: LoadLimits) -> None:
    loaded = _load(docx_bytes(_seizure_report()), "report.docx", limits)

    assert [section.label for section in loaded.sections] == [
        "Port of Newark seizure report",
        "Findings",
    ]
    assert loaded.sections[1].text.startswith("Findings\nEvery bag")
    assert all(section.page is None for section in loaded.sections)
    assert loaded.page_count is None


def test_text_before_the_first_heading_is_a_section_without_label(limits: LoadLimits) -> None:
    document = docx.Document()
    document.add_paragraph("CONFIDENTIAL")
    document.add_heading("Interview notes", level=1)
    document.add_paragraph("The witness named two suppliers.")

    loaded = _load(docx_bytes(document), "notes.docx", limits)

    assert [(section.label, section.text) for section in loaded.sections] == [
        (None, "CONFIDENTIAL"),
        ("Interview notes", "Interview notes\nThe witness named two suppliers."),
    ]


def test_title_is_the_core_title_when_the_author_set_one(limits: LoadLimits) -> None:
    document = _seizure_report()
    document.core_properties.title = "Operation Long Haul: seizure 17"

    loaded = _load(docx_bytes(document), "report.docx", limits)

    assert loaded.title == "Operation Long Haul: seizure 17"


def test_title_falls_back_to_the_first_heading(limits: LoadLimits) -> None:
    loaded = _load(docx_bytes(_seizure_report()), "report.docx", limits)

    assert loaded.title == "Port of Newark seizure report"


def test_title_falls_back_to_a_short_first_paragraph_then_to_the_file_name(
    limits: LoadLimits,
) -> None:
    short = docx.Document()
    short.core_properties.title = ""
    short.add_paragraph("Memo to the task force")
    long = docx.Document()
    long.core_properties.title = ""
    long.add_paragraph("The defendant imported " + "counterfeit goods " * 20)

    assert _load(docx_bytes(short), "memo.docx", limits).title == "Memo to the task force"
    assert _load(docx_bytes(long), "case-17/memo-draft.docx", limits).title == "memo-draft"


def test_author_and_creation_date_are_kept(limits: LoadLimits) -> None:
    loaded = _load(docx_bytes(_seizure_report()), "report.docx", limits)

    assert loaded.properties == {"author": "Dana Whitfield", "created": "2023-11-14T09:30:00+00:00"}
    assert loaded.document_date == date(2023, 11, 14)


def test_a_file_without_core_properties_gets_no_invented_ones(limits: LoadLimits) -> None:
    data = docx_bytes(_seizure_report())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        package_rels = archive.read("_rels/.rels").decode()
    package_rels = re.sub(r"<Relationship [^>]*core-properties[^>]*/>", "", package_rels)
    stripped = _rewrite_zip(data, {"docProps/core.xml": None, "_rels/.rels": package_rels.encode()})

    loaded = _load(stripped, "report.docx", limits)

    assert loaded.title == "Port of Newark seizure report"
    assert loaded.properties == {}
    assert loaded.document_date is None


def test_a_merged_cell_is_printed_once(limits: LoadLimits) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Shipper"
    table.cell(0, 2).text = "Consignee"
    for cell, value in zip(
        table.rows[1].cells, ("Lucky Star Trading", "Ltd", "J. Ortiz"), strict=True
    ):
        cell.text = value

    loaded = _load(docx_bytes(document), "manifest.docx", limits)

    assert loaded.sections[0].text == "Shipper | Consignee\nLucky Star Trading | Ltd | J. Ortiz"


def test_a_macro_enabled_document_is_refused_with_advice(limits: LoadLimits) -> None:
    data = docx_bytes(_seizure_report())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        content_types = archive.read("[Content_Types].xml")
    macro_enabled = content_types.replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
    )
    docm = _rewrite_zip(data, {"[Content_Types].xml": macro_enabled})

    with pytest.raises(UnsupportedContentError, match=r"save it as \.docx"):
        _load(docm, "report.docm", limits)


def test_a_document_expanding_past_the_archive_budget_is_refused(limits: LoadLimits) -> None:
    data = docx_bytes(_seizure_report())
    tight = replace(limits, archive_max_total_bytes=len(data))

    with pytest.raises(UnsafeArchiveError, match="possible zip bomb"):
        _load(data, "report.docx", tight)


def test_garbage_document_xml_is_reported_as_a_damaged_file(limits: LoadLimits) -> None:
    data = docx_bytes(_seizure_report())
    damaged = _rewrite_zip(data, {"word/document.xml": b"<w:document><w:body>\x00\xff garbage"})

    with pytest.raises(CorruptFileError) as raised:
        _load(damaged, "report.docx", limits)

    message = str(raised.value)
    assert "damaged" in message
    assert "open it in Word to repair it" in message


def test_a_truncated_file_is_reported_as_a_damaged_file(limits: LoadLimits) -> None:
    data = docx_bytes(_seizure_report())

    with pytest.raises(CorruptFileError, match="damaged"):
        DocxLoader().load(Blob("report.docx", data[: len(data) // 2], DOCX_MEDIA_TYPE), limits)
