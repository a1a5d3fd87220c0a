"""CSV/TSV and XLSX loading over the shared corpus and small generated tables."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from ingestion.errors import CorruptFileError, EmptyFileError, UnsafeArchiveError
from ingestion.loaders.base import Blob, LoadedDocument, LoadLimits
from ingestion.loaders.sniff import sniff_media_type
from ingestion.loaders.tabular import CsvLoader, XlsxLoader
from tests.loaders.samples import workbook_bytes

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def blob_of(name: str, data: bytes) -> Blob:
    return Blob(name=name, data=data, media_type=sniff_media_type(data, name))


def load_csv(name: str, data: bytes, limits: LoadLimits) -> LoadedDocument:
    return CsvLoader().load(blob_of(name, data), limits)


def load_xlsx(name: str, data: bytes, limits: LoadLimits) -> LoadedDocument:
    return XlsxLoader().load(blob_of(name, data), limits)


def lines_of(document: LoadedDocument) -> list[str]:
    return [line for section in document.sections for line in section.text.splitlines()]


# --- the shared corpus ------------------------------------------------------------------------


def test_doj_index_csv_renders_every_row_with_its_headers(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    path = corpus_dir / "doj-ip-press-releases-pdf" / "index.csv"
    document = load_csv(path.name, path.read_bytes(), limits)

    assert document.title == "index"
    assert document.properties["rows"] == 218
    assert document.properties["columns"][:3] == ["file", "subset", "year"]
    assert "n_counterfeit" in document.properties["columns"]
    lines = lines_of(document)
    assert len(lines) == 218
    first = lines[0]
    assert first.startswith(
        "file: other_ip_crime/ip001_1997_368-09-05-97TaiwaneseBusinessmanandDaughterArrested"
        "onIndustrialEspionageCharges.pdf; subset: other_ip_crime; year: 1997; "
    )
    assert "n_trade_secret: 3" in first
    assert "source_title:" not in first  # empty cells are left out, not shown as "source_title: "


def test_doj_index_csv_keeps_quoted_commas_inside_one_value(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    path = corpus_dir / "doj-ip-press-releases-pdf" / "index.csv"
    document = load_csv(path.name, path.read_bytes(), limits)

    second = lines_of(document)[1]
    assert (
        "repo_original_path: data/1994-2009.zip :: 1999/1999_04-08-99:WEEKLYMEDIAAVAILABILITY"
        "WITHATTORNEYGENERALJANETRENODEPARTMENTOFJUSTICEWASHINGTON,D.C.9:27A.M.EDTTHURSDAY,"
        "APRIL8,1999.pdf; pages: 5"
    ) in second


def test_county_da_index_tsv_is_split_on_tabs(corpus_dir: Path, limits: LoadLimits) -> None:
    path = corpus_dir / "county-da-counterfeit-press-releases-txt" / "index.tsv"
    document = load_csv(path.name, path.read_bytes(), limits)

    assert document.properties["delimiter"] == "\t"
    assert document.properties["columns"] == [
        "file",
        "source_url",
        "published",
        "last_commit_touching_file",
        "sha256",
    ]
    assert document.properties["rows"] == 9
    assert any(
        line.startswith("file: press_two-men-sentenced-for-money-laundering")
        and "published: August 28, 2015" in line
        for line in lines_of(document)
    )


def test_doj_xlsx_listing_gives_one_line_per_row_in_a_sheet_section(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    path = corpus_dir / "doj-ip-press-releases-pdf" / "source-metadata" / "all_data.xlsx"
    document = load_xlsx(path.name, path.read_bytes(), limits)

    assert document.title == "all_data"
    assert document.properties["sheets"] == ["Sheet1"]
    assert document.properties["rows"] == 233
    assert document.properties["columns"] == ["Year", "Month", "Day", "Name", "Link", "Category"]
    assert [section.label for section in document.sections] == ["Sheet1"]
    lines = lines_of(document)
    # The cells hold names wrapped in newlines; each row must still stay on one line.
    assert len(lines) == 233
    assert lines[0] == (
        "Year: 2004; Month: 8; Day: 19; Name: #568: 08-19-04 FORMER EXECUTIVE OF ENTERASYS "
        "NETWORK SYSTEMS, INC. ENTERS GUILTY PLEA; "
        "Link: https://www.justice.gov/archive/opa/pr/2004/August/04_crm_568.htm; "
        "Category: trade+secrets+china"
    )


@pytest.mark.parametrize(("file_name", "rows"), [("before2009.xlsx", 54), ("until2009.xlsx", 179)])
def test_doj_xlsx_listings_with_an_unnamed_index_column(
    corpus_dir: Path, limits: LoadLimits, file_name: str, rows: int
) -> None:
    path = corpus_dir / "doj-ip-press-releases-pdf" / "source-metadata" / file_name
    document = load_xlsx(path.name, path.read_bytes(), limits)

    assert document.properties["rows"] == rows
    assert document.properties["columns"][0] == "column A"
    assert lines_of(document)[0].startswith("column A: 0; Year: 20")


def test_loaders_claim_the_sniffed_media_types(corpus_dir: Path) -> None:
    csv_path = corpus_dir / "doj-ip-press-releases-pdf" / "index.csv"
    tsv_path = corpus_dir / "county-da-counterfeit-press-releases-txt" / "index.tsv"
    xlsx_path = corpus_dir / "doj-ip-press-releases-pdf" / "source-metadata" / "all_data.xlsx"

    assert CsvLoader().score(blob_of(csv_path.name, csv_path.read_bytes())) == 10
    assert CsvLoader().score(blob_of(tsv_path.name, tsv_path.read_bytes())) == 10
    assert XlsxLoader().score(blob_of(xlsx_path.name, xlsx_path.read_bytes())) == 10
    assert XlsxLoader().score(blob_of(csv_path.name, csv_path.read_bytes())) == 0


# --- generated CSV / TSV ----------------------------------------------------------------------


def test_windows_1252_csv_is_decoded(limits: LoadLimits) -> None:
    text = "Seller,City,Price\r\nCafé Müller,Zürich,€12\r\nSøren's Outlet,Århus,€7\r\n"
    document = load_csv("seizures.csv", text.encode("cp1252"), limits)

    assert document.properties["encoding"] == "cp1252"
    assert lines_of(document) == [
        "Seller: Café Müller; City: Zürich; Price: €12",
        "Seller: Søren's Outlet; City: Århus; Price: €7",
    ]


def test_semicolon_delimited_csv_is_sniffed(limits: LoadLimits) -> None:
    data = b"Item;Brand;Units\nHandbag;Coach;40\nWatch;Rolex;12\n"
    document = load_csv("export.csv", data, limits)

    assert document.properties["delimiter"] == ";"
    assert lines_of(document) == [
        "Item: Handbag; Brand: Coach; Units: 40",
        "Item: Watch; Brand: Rolex; Units: 12",
    ]


def test_tsv_with_commas_inside_values(limits: LoadLimits) -> None:
    data = b"Case\tDefendant\tCharge\n4:17-cr-00367\tKane, Adama\tTrafficking, 18 USC 2320\n"
    document = load_csv("cases.tsv", data, limits)

    assert lines_of(document) == [
        "Case: 4:17-cr-00367; Defendant: Kane, Adama; Charge: Trafficking, 18 USC 2320"
    ]


def test_csv_multiline_cells_blank_rows_and_unnamed_columns(limits: LoadLimits) -> None:
    data = (
        b'Listing,,Notes\n"A1","x","seized at\nport of LA"\n,,\n"A2",,"no notes"\n'
        b'"A3","y","z","extra"\n'
    )
    document = load_csv("listings.csv", data, limits)

    assert document.properties["columns"] == ["Listing", "column 2", "Notes"]
    assert lines_of(document) == [
        "Listing: A1; column 2: x; Notes: seized at port of LA",
        "Listing: A2; Notes: no notes",
        "Listing: A3; column 2: y; Notes: z; column 4: extra",
    ]
    assert document.properties["rows"] == 3


@pytest.mark.parametrize("data", [b"", b"  \r\n\r\n", b"Seller,City\r\n", b"Seller,City\n,\n"])
def test_csv_without_data_rows_is_refused_as_empty(data: bytes, limits: LoadLimits) -> None:
    with pytest.raises(EmptyFileError, match=r"empty|no data rows"):
        load_csv("empty.csv", data, limits)


# --- generated XLSX ---------------------------------------------------------------------------


def test_xlsx_dates_and_numbers_render_readably_one_section_per_sheet(
    limits: LoadLimits,
) -> None:
    data = workbook_bytes(
        {
            "Seizures": [
                ["Date", "Port", "Units", "MSRP", "Counterfeit", "Seized at"],
                [date(2019, 3, 4), "Long Beach", 1200, 35.5, True, datetime(2019, 3, 4, 14, 30)],
                [datetime(2019, 5, 6), "Newark", 80.0, None, False, None],
            ],
            "Empty": [],
            "Sellers": [["Seller"], ["ACME Trading"]],
        }
    )
    document = load_xlsx("seizures.xlsx", data, limits)

    assert document.title == "seizures"
    assert document.properties["sheets"] == ["Seizures", "Empty", "Sellers"]
    assert document.properties["rows"] == 3
    assert [section.label for section in document.sections] == ["Seizures", "Sellers"]
    assert document.sections[0].text.splitlines() == [
        "Date: 2019-03-04; Port: Long Beach; Units: 1200; MSRP: 35.5; Counterfeit: TRUE; "
        "Seized at: 2019-03-04 14:30:00",
        "Date: 2019-05-06; Port: Newark; Units: 80; Counterfeit: FALSE",
    ]
    assert document.sections[1].text == "Seller: ACME Trading"


def test_xlsx_float_noise_is_rounded_like_excel(limits: LoadLimits) -> None:
    data = workbook_bytes({"Sheet": [["Total"], [0.1 + 0.2]]})

    assert lines_of(load_xlsx("totals.xlsx", data, limits)) == ["Total: 0.3"]


def test_xlsx_with_a_wrong_declared_size_still_reads_every_row(limits: LoadLimits) -> None:
    data = workbook_bytes({"Sheet": [["Item", "Units"], ["Bag", 1], ["Belt", 2], ["Hat", 3]]})
    data = _rewrite_zip_member(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', xml),
    )

    assert lines_of(load_xlsx("wrong-size.xlsx", data, limits)) == [
        "Item: Bag; Units: 1",
        "Item: Belt; Units: 2",
        "Item: Hat; Units: 3",
    ]


def test_xlsx_with_no_data_rows_is_refused_as_empty(limits: LoadLimits) -> None:
    data = workbook_bytes({"Only header": [["Seller", "City"]], "Blank": []})

    with pytest.raises(EmptyFileError, match="no sheet holding data rows"):
        load_xlsx("header-only.xlsx", data, limits)


def test_truncated_xlsx_is_reported_as_damaged(corpus_dir: Path, limits: LoadLimits) -> None:
    path = corpus_dir / "doj-ip-press-releases-pdf" / "source-metadata" / "all_data.xlsx"
    truncated = path.read_bytes()[:5000]

    with pytest.raises(CorruptFileError, match="damaged"):
        XlsxLoader().load(Blob("all_data.xlsx", truncated, XLSX_TYPE), limits)


def test_xlsx_with_a_damaged_sheet_is_reported_as_damaged(limits: LoadLimits) -> None:
    data = workbook_bytes({"Sheet": [["Item"], ["Bag"]]})
    data = _rewrite_zip_member(data, "xl/worksheets/sheet1.xml", lambda xml: xml[: len(xml) // 2])

    with pytest.raises(CorruptFileError, match="damaged"):
        XlsxLoader().load(Blob("broken.xlsx", data, XLSX_TYPE), limits)


def test_xlsx_expanding_past_the_archive_limit_is_refused(limits: LoadLimits) -> None:
    data = workbook_bytes({"Sheet": [["Item"], ["x" * 5000]]})
    tight = replace(limits, archive_max_total_bytes=4096)

    with pytest.raises(UnsafeArchiveError, match="zip bomb"):
        XlsxLoader().load(Blob("big.xlsx", data, XLSX_TYPE), tight)


def _rewrite_zip_member(data: bytes, member: str, change: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename == member else content)
    return output.getvalue()
