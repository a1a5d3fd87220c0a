"""PdfLoader on the DOJ press releases (PyFPDF and wkhtmltopdf renderings) and on PDFs that are
encrypted, damaged, page-less or without a text layer."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from ingestion.errors import CorruptFileError, EmptyFileError, EncryptedFileError
from ingestion.loaders.base import Blob, LoadedDocument, LoadLimits
from ingestion.loaders.pdf import PdfLoader
from ingestion.loaders.sniff import sniff_media_type
from tests.loaders.samples import pdf_with_lines

COUNTERFEIT_RELEASES = "doj-ip-press-releases-pdf/counterfeit_trademark"
# Releases are named by their corpus prefix (cfNNN_); the full names run past 90 characters.
# PyFPDF: the scraper's re-typesetting, opening with "Tittle:", "Link:" and "Date:" lines.
LUXURY_GOODS_INDICTMENT = "cf010_"
JURY_CONVICTS_IMPORTERS = "cf020_"
AG_SPEECH_WITH_TABS = "cf007_"
# wkhtmltopdf: print-to-PDF renderings of archived justice.gov pages.
XU_RESENTENCED = "cf069_"
WHITE_PLEADS_GUILTY = "cf086_"
E_CON_FACT_SHEET = "cf001_"


def load_pdf(data: bytes, limits: LoadLimits, name: str = "evidence.pdf") -> LoadedDocument:
    return PdfLoader().load(Blob(name, data, sniff_media_type(data, name)), limits)


def page_text(document: LoadedDocument, page: int) -> str:
    return next(section.text for section in document.sections if section.page == page)


def encrypted(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def releases(corpus_dir: Path) -> Path:
    return corpus_dir / COUNTERFEIT_RELEASES


def read_release(releases: Path, prefix: str) -> bytes:
    (path,) = releases.glob(f"{prefix}*.pdf")
    return path.read_bytes()


def test_pyfpdf_release_has_its_pages_scraped_title_and_link(
    releases: Path, limits: LoadLimits
) -> None:
    document = load_pdf(read_release(releases, LUXURY_GOODS_INDICTMENT), limits)

    assert document.title == (
        "#08-035: 01-17-08 Three Indicted and Arrested in One of the Largest Counterfeit Goods "
        "Prosecutions in U.S. History"
    )
    assert document.properties["url"] == (
        "https://www.justice.gov/archive/opa/pr/2008/January/08_crm_035.html"
    )
    assert document.page_count == 2
    assert [section.page for section in document.sections] == [1, 2]
    assert "Chong Lam, 49, Siu Yung Chan, a.k.a. Joyce Chan" in page_text(document, 1)
    assert "estimated to be over $100 million." in page_text(document, 2)


def test_a_link_wrapped_over_lines_is_joined_back_into_one_address(
    releases: Path, limits: LoadLimits
) -> None:
    document = load_pdf(read_release(releases, JURY_CONVICTS_IMPORTERS), limits)

    assert document.title == (
        "Jury Convicts Two New York Importers in One of the Largest Counterfeit Goods "
        "Prosecutions in U.S. History"
    )
    # The address as index.csv gives it; the PDF breaks it after ".../one-largest-count".
    assert document.properties["url"] == (
        "https://www.justice.gov/opa/pr/"
        "jury-convicts-two-new-york-importers-one-largest-counterfeit-goods-prosecutions-us-history"
    )


def test_wkhtmltopdf_release_is_titled_by_its_metadata(releases: Path, limits: LoadLimits) -> None:
    document = load_pdf(read_release(releases, XU_RESENTENCED), limits)

    assert document.title == "USAO - 100423 - Xu"
    assert "url" not in document.properties
    assert [section.page for section in document.sections] == [1, 2]
    assert "Kevin Xu, 38, a citizen of the Peoples Republic of China" in page_text(document, 1)
    assert "CONVICTED DISTRIBUTOR OF COUNTERFEIT PHARMACEUTICALS RESENTENCED" in (
        page_text(document, 1)
    )
    assert "Samuel Louis and Vernon Lewis" in page_text(document, 2)


def test_an_empty_page_is_counted_but_has_no_section(releases: Path, limits: LoadLimits) -> None:
    document = load_pdf(read_release(releases, WHITE_PLEADS_GUILTY), limits)

    assert document.page_count == 2
    assert [section.page for section in document.sections] == [1]
    assert "Eric White, 52, of Spring, Texas" in page_text(document, 1)


def test_text_has_plain_newlines_and_no_tab_indents(releases: Path, limits: LoadLimits) -> None:
    document = load_pdf(read_release(releases, AG_SPEECH_WITH_TABS), limits)

    assert "CHIP Units in:\nAustin, Texas\nBaltimore, Maryland\n" in page_text(document, 3)
    for section in document.sections:
        assert "\t" not in section.text
        assert "\r" not in section.text
        assert "  " not in section.text


def test_a_hyphen_pdfium_joined_across_lines_is_kept(releases: Path, limits: LoadLimits) -> None:
    document = load_pdf(read_release(releases, E_CON_FACT_SHEET), limits)

    assert "charged with 15 fraud-related counts" in page_text(document, 3)


@pytest.mark.parametrize(
    ("metadata_title", "expected"),
    [
        pytest.param("Operation Shamrock seizure summary", "Operation Shamrock seizure summary"),
        pytest.param("Untitled", "Seizure report: Port of Long Beach", id="placeholder"),
        pytest.param(
            "Microsoft Word - seizure_log.docx",
            "Seizure report: Port of Long Beach",
            id="file-name",
        ),
        pytest.param(None, "Seizure report: Port of Long Beach", id="no-metadata"),
    ],
)
def test_title_prefers_meaningful_metadata_then_the_first_line(
    metadata_title: str | None, expected: str, limits: LoadLimits
) -> None:
    data = pdf_with_lines(
        ["7", "Seizure report: Port of Long Beach", "1,200 handbags"], metadata_title
    )

    document = load_pdf(data, limits)

    assert document.title == expected
    assert document.sections[0].text == "7\nSeizure report: Port of Long Beach\n1,200 handbags"


def test_a_password_protected_pdf_is_refused_with_advice(
    releases: Path, limits: LoadLimits
) -> None:
    data = encrypted(read_release(releases, XU_RESENTENCED), user_password="s3cret")

    with pytest.raises(EncryptedFileError, match="password-protected; remove the password"):
        load_pdf(data, limits)


def test_a_pdf_locked_only_against_editing_is_read(releases: Path, limits: LoadLimits) -> None:
    data = encrypted(read_release(releases, XU_RESENTENCED), user_password="")

    document = load_pdf(data, limits)

    assert "Kevin Xu, 38" in page_text(document, 1)


@pytest.mark.parametrize("fraction", [0.5, 0.9])
def test_a_truncated_pdf_is_reported_damaged_with_advice(
    fraction: float, releases: Path, limits: LoadLimits
) -> None:
    data = read_release(releases, LUXURY_GOODS_INDICTMENT)

    with pytest.raises(CorruptFileError, match=r"damaged or truncated PDF.*fresh copy"):
        load_pdf(data[: int(len(data) * fraction)], limits)


def test_a_blank_pdf_asks_for_ocr(limits: LoadLimits) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)

    with pytest.raises(EmptyFileError, match=r"no text layer.*OCR"):
        load_pdf(buffer.getvalue(), limits)


def test_a_pdf_without_pages_is_empty_even_after_an_encrypted_one(
    releases: Path, limits: LoadLimits
) -> None:
    # PDFium keeps the last load error around; a page-less PDF must not inherit "password".
    with pytest.raises(EncryptedFileError):
        load_pdf(encrypted(read_release(releases, XU_RESENTENCED), "s3cret"), limits)
    buffer = io.BytesIO()
    PdfWriter().write(buffer)

    with pytest.raises(EmptyFileError, match="no pages"):
        load_pdf(buffer.getvalue(), limits)
