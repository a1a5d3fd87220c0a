"""JSON and XML loading: PACER dockets, USPTO TSDR records and generic files, over the shared
corpus and small generated inputs (including hostile XML)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from ingestion.errors import CorruptFileError, EmptyFileError
from ingestion.loaders.base import Blob, LoadedDocument, LoadLimits
from ingestion.loaders.docket import court_name
from ingestion.loaders.sniff import sniff_media_type
from ingestion.loaders.structured import JsonLoader, XmlLoader

DOCKETS = "pacer-dockets-ip-cases"
TSDR = "uspto-tsdr-trademark-records"


def load(name: str, data: bytes, limits: LoadLimits) -> LoadedDocument:
    blob = Blob(name=name, data=data, media_type=sniff_media_type(data, name))
    loader = JsonLoader() if blob.media_type == "application/json" else XmlLoader()
    assert loader.score(blob) == 10
    return loader.load(blob, limits)


def load_corpus_file(
    corpus_dir: Path, folder: str, name: str, limits: LoadLimits
) -> LoadedDocument:
    return load(name, (corpus_dir / folder / name).read_bytes(), limits)


def section(document: LoadedDocument, label: str) -> str:
    texts = [part.text for part in document.sections if part.label == label]
    assert texts, f"no {label!r} section in {[part.label for part in document.sections]}"
    return texts[0]


def full_text(document: LoadedDocument) -> str:
    return "\n".join(part.text for part in document.sections)


# --- PACER dockets ----------------------------------------------------------------------------


def test_criminal_docket_json_reads_like_a_docket_sheet(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    document = load_corpus_file(corpus_dir, DOCKETS, "moed.json", limits)

    assert document.title == "United States v. Kane (E.D. Mo., No. 4:17-cr-00367)"
    assert document.document_date == date(2017, 8, 16)
    assert document.properties["court"] == "E.D. Mo."
    assert document.properties["docket_number"] == "4:17-cr-00367"
    assert document.properties["case_name"] == "United States v. Kane"
    assert document.properties["date_filed"] == "2017-08-16"
    assert document.properties["parties"] == [
        {"name": "Adama Kane", "type": "Defendant"},
        {"name": "USA", "type": "Plaintiff"},
    ]
    header = section(document, "case details")
    assert "Docket number: 4:17-cr-00367" in header
    assert "Assigned to: Stephen N. Limbaugh Jr." in header
    parties = section(document, "parties")
    assert "Defendant: Adama Kane" in parties
    assert "Count: TRAFFICKING IN COUNTERFEIT GOODS(1r) — pending" in parties
    assert "Count: BLACKMAIL(1s) — pending" in parties
    assert "Attorney: Andrew J. Sottile (LEAD ATTORNEY; ATTORNEY TO BE NOTICED)" in parties
    assert "Attorney: Thomas C. Albus" in parties
    entries = section(document, "docket entries").splitlines()
    assert len(entries) == 1 + 7  # a heading line, then one line per entry
    assert entries[3].startswith(
        "#42 2018-02-15: GUILTY PLEA AGREEMENT by USA, Adama Kane as to Adama Kane"
    )


@pytest.mark.parametrize("file_name", ["cacd_670564.json", "cacd_670564.xml"])
def test_trademark_civil_docket_from_json_and_recap_xml(
    corpus_dir: Path, limits: LoadLimits, file_name: str
) -> None:
    document = load_corpus_file(corpus_dir, DOCKETS, file_name, limits)

    assert document.title.startswith("ORZ, GmbH and Co. KG v. Erich Thaler")
    assert document.title.endswith("(C.D. Cal., No. 5:17-cv-00291)")
    assert document.document_date == date(2017, 2, 13)
    assert document.properties["parties"] == [
        {"name": "ORZ, GmbH and Co. KG", "type": "Plaintiff"},
        {"name": "Erich Thaler", "type": "Defendant"},
        {"name": "Thaler Design Corporation", "type": "Defendant"},
    ]
    header = section(document, "case details")
    assert "Nature of suit: 840 Trademark" in header
    assert "Cause: 15:1114 Trademark Infringement" in header
    assert "Jury demand: Plaintiff" in header
    assert "Sheri Pym" in header
    parties = section(document, "parties")
    assert "Plaintiff: ORZ, GmbH and Co. KG, a German Corporation" in parties
    assert "Attorney: Lisbeth Bosshart Merrill (LEAD ATTORNEY; ATTORNEY TO BE NOTICED)" in parties
    assert "Email: lmerrill@wkbllp.com" in parties
    entries = section(document, "docket entries").splitlines()[1:]
    assert len(entries) == 7
    assert entries[2].startswith("#3 2017-02-15: COMPLAINT with filing fee previously paid")
    assert "ORZ, GmbH & Co. KG" in entries[2]  # &amp; in the XML is decoded


@pytest.mark.parametrize("file_name", ["azd_318008.json", "azd_318008.xml"])
def test_long_docket_with_attachments_and_undated_entries(
    corpus_dir: Path, limits: LoadLimits, file_name: str
) -> None:
    document = load_corpus_file(corpus_dir, DOCKETS, file_name, limits)

    assert document.title.endswith("(D. Ariz., No. 2:06-cv-02141)")
    assert document.document_date == date(2006, 9, 7)
    header = section(document, "case details")
    assert "Date terminated: 2009-04-16" in header
    assert "Cause: 15:1125 Trademark Infringement (Lanham Act)" in header
    assert {"name": "Jonathan Lee Riches", "type": "Intervenor"} in document.properties["parties"]
    assert {"name": "Soilworks LLC", "type": "Counter Claimant"} in document.properties["parties"]
    entries = section(document, "docket entries").splitlines()
    assert entries[1] == (
        "#1 2006-09-07: COMPLAINT, filed by Soilworks LLC. (Attachments: # 1 Civil Cover Sheet)"
        "(Dosek, E) (Entered: 09/07/2006) Attachments: 1 Civil Cover Sheet"
    )
    # Entry 2 has no date ("0000-00-00" in the XML) and no text: it is listed, not invented.
    assert entries[2] == "#2: (no description on the docket)"


def test_json_and_xml_of_one_docket_name_the_same_parties(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    from_json = load_corpus_file(corpus_dir, DOCKETS, "azd_318008.json", limits)
    from_xml = load_corpus_file(corpus_dir, DOCKETS, "azd_318008.xml", limits)

    assert from_json.properties["parties"] == from_xml.properties["parties"]
    assert len(from_json.properties["parties"]) == 7


def test_court_names_follow_bluebook_abbreviations() -> None:
    assert court_name("moed") == "E.D. Mo."
    assert court_name("azd") == "D. Ariz."
    assert court_name("nysd") == "S.D.N.Y."
    assert court_name("njd") == "D.N.J."
    assert court_name("nysb") == "nysb"  # a bankruptcy court id is kept as it is


# --- USPTO TSDR trademark records -------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    mark: str | None
    serial: str
    registration: str | None
    current_owner: str
    goods: str


JAVA = Mark("JAVA", "74631225", "2178784", "Oracle America, Inc.", "Class 009")
MYSQL = Mark("MYSQL", "78002299", "2713476", "MySQL AB", "COMPUTER SOFTWARE FOR INFORMATION")
BLUEBOOK = Mark(
    "THE BLUEBOOK A UNIFORM SYSTEM OF CITATION",
    "77658723",
    "3886986",
    "HARVARD LAW REVIEW ASSOCIATION",
    "Style manual for legal citation",
)
HAYDELS_DOG = Mark(None, "77478018", "3717416", "Haydel's Bakery", "King Cake Pastries")
ULTRABOOK = Mark("ULTRABOOK", "85334015", "4281391", "Intel Corporation", "Class 009")
BURGER_ADDICT = Mark("BURGER ADDICT", "87881347", None, "Burger Addict Renton LLC", "Restaurant")
PYTHON = Mark("PYTHON", "76044902", "2824281", "PYTHON SOFTWARE FOUNDATION", "Class 042")
TSDR_FILES = {
    "plumage-py_rn2178784-ST-961_D3.xml": JAVA,
    "rn2178784-ST66.xml": JAVA,
    "rn2178784-ST96.xml": JAVA,
    "rn2178784-ST96-old.xml": JAVA,
    "rn2713476-ST66.xml": MYSQL,
    "rn2713476-ST96.xml": MYSQL,
    "rn2713476-ST96-old.xml": MYSQL,
    "rn3886986-ST66.xml": BLUEBOOK,
    "rn3886986-ST96.xml": BLUEBOOK,
    "sn77478018-ST66.xml": HAYDELS_DOG,
    "sn77478018-ST96.xml": HAYDELS_DOG,
    "sn85334015-ST66.xml": ULTRABOOK,
    "sn85334015-ST96.xml": ULTRABOOK,
    "sn87881347-ST66.xml": BURGER_ADDICT,
    "sn87881347-ST96.xml": BURGER_ADDICT,
    "plumage-py_sn76044902.xml": PYTHON,
}


def test_every_tsdr_file_in_the_corpus_is_covered(corpus_dir: Path) -> None:
    assert {path.name for path in (corpus_dir / TSDR).glob("*.xml")} == set(TSDR_FILES)


@pytest.mark.parametrize(("file_name", "expected"), TSDR_FILES.items())
def test_tsdr_record_renders_mark_numbers_owner_and_goods(
    corpus_dir: Path, limits: LoadLimits, file_name: str, expected: Mark
) -> None:
    document = load_corpus_file(corpus_dir, TSDR, file_name, limits)

    registered = expected.registration is not None
    number = f"Reg. No. {expected.registration}" if registered else f"Serial No. {expected.serial}"
    assert document.title.endswith(f"— US trademark {number}")
    assert document.properties["mark"] == expected.mark
    assert document.properties["serial_number"] == expected.serial
    assert document.properties["registration_number"] == expected.registration
    assert expected.current_owner in document.properties["current_owners"]
    assert document.properties["status"]
    text = full_text(document)
    if expected.mark:
        assert document.title.startswith(expected.mark)
        assert f"Mark: {expected.mark}" in text
    assert f"Serial number: {expected.serial}" in text
    assert expected.current_owner in section(document, "owners")
    assert expected.goods in section(document, "goods and services")
    assert section(document, "prosecution history").count("\n") >= 10
    assert section(document, "attorney and correspondent")


def test_tsdr_st66_java_record_in_detail(corpus_dir: Path, limits: LoadLimits) -> None:
    document = load_corpus_file(corpus_dir, TSDR, "rn2178784-ST66.xml", limits)

    assert document.title == "JAVA — US trademark Reg. No. 2178784"
    assert document.document_date == date(1998, 8, 4)
    assert document.properties["status_code"] == "800"
    assert document.properties["owners"] == ["Oracle America, Inc.", "Sun Microsystems, Inc."]
    record = section(document, "trademark")
    assert "Filing date: 1995-02-07" in record
    assert "Registration date: 1998-08-04" in record
    assert "Status: 800 — The registration has been renewed. (status date 2008-08-11)" in record
    owners = section(document, "owners")
    assert "Current owner: Oracle America, Inc." in owners
    assert "Oracle America, Inc. — SUBSEQUENT OWNER AFTER REGISTRATION" in owners
    assert "Entity: CORPORATION, incorporated in DELAWARE, US" in owners
    assert "Address: 500 ORACLE PARKWAY, REDWOOD SHORES, CALIFORNIA, 94065, US" in owners
    # Sun is listed once with both roles it held at the same address.
    assert "Sun Microsystems, Inc. — OWNER AT PUBLICATION; ORIGINAL APPLICANT" in owners
    goods = section(document, "goods and services")
    assert "Class 009 (Electrical and Scientific Apparatus), ACTIVE: computer programs" in goods
    # TSDR writes an unknown day as "00": January 1996.
    assert "Class 009 first use in commerce: 1996-01\n" in goods + "\n"
    assert "Holland & Hart LLP" in section(document, "attorney and correspondent")
    history = section(document, "prosecution history").splitlines()
    assert history[1] == "1995-07-03 DOCK: ASSIGNED TO EXAMINER"  # oldest first
    assert "1998-08-04 R.PR: REGISTERED-PRINCIPAL REGISTER" in history


def test_tsdr_st96_old_schema_keeps_opposing_parties_out_of_the_owners(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    # The older ST.96 export also lists the marks ("JAVA RECORDS") of its board proceedings.
    document = load_corpus_file(corpus_dir, TSDR, "rn2178784-ST96-old.xml", limits)

    assert document.properties["mark"] == "JAVA"
    assert document.properties["owners"] == ["Oracle America, Inc.", "Sun Microsystems, Inc."]
    assert "JAVA RECORDS" not in section(document, "owners")
    assert "JAVA RECORDS" not in section(document, "trademark")


@pytest.mark.parametrize("file_name", ["rn2713476-ST96.xml", "rn2713476-ST96-old.xml"])
def test_tsdr_board_proceedings_name_the_parties_their_marks_and_the_decision(
    corpus_dir: Path, limits: LoadLimits, file_name: str
) -> None:
    document = load_corpus_file(corpus_dir, TSDR, file_name, limits)

    lines = section(document, "board proceedings").splitlines()
    assert lines[0] == "Board proceedings about MYSQL (Reg. No. 2713476):"
    assert "Opposition 91192463 filed 2009-10-28: Terminated (2010-02-09)" in lines
    opposed = next(line for line in lines if line.startswith("Opposition 91192463 applicant"))
    assert opposed.startswith("Opposition 91192463 applicant opposed: Dogwhistle, Inc.; mark ")
    assert "MYSQOOL (Serial No. 77681662), Abandoned - After Inter-Partes Decision" in opposed
    assert next(line for line in lines if "opposer: MySQL AB" in line)
    assert "FRANCES S WOLFSON — Interlocutory Attorney, Opposition 91192463" in lines
    history = [line for line in lines if line[:1].isdigit()]
    assert history[0] == "2009-10-28 124: FILED AND FEE (Opposition 91192463)"  # oldest first
    assert "2010-02-09 809: BOARD'S DECISION: SUSTAINED (Opposition 91192463)" in history


def test_tsdr_record_without_proceedings_has_no_such_section(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    document = load_corpus_file(corpus_dir, TSDR, "sn87881347-ST96.xml", limits)

    assert "board proceedings" not in [part.label for part in document.sections]


def test_tsdr_design_mark_is_titled_by_its_description(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    document = load_corpus_file(corpus_dir, TSDR, "sn77478018-ST96.xml", limits)

    assert document.title == (
        "Design mark: a stylized dog wearing a beaded necklace — US trademark Reg. No. 3717416"
    )
    assert document.properties["mark_description"].startswith(
        "The mark consists of a stylized dog wearing a beaded necklace"
    )
    assert "Class 025, ACTIVE: CLOTHING, NAMELY, SHIRTS, HATS, AND BABY JUMPSUITS" in full_text(
        document
    )


def test_tsdr_pending_application_is_dated_by_its_filing(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    document = load_corpus_file(corpus_dir, TSDR, "sn87881347-ST66.xml", limits)

    assert document.title == "BURGER ADDICT — US trademark Serial No. 87881347"
    assert document.document_date == date(2018, 4, 17)
    assert "Registration number: (not registered)" in section(document, "trademark")
    assert "680 — Approved by the examining attorney for publication" in section(
        document, "trademark"
    )


@pytest.mark.parametrize("name", ["sn87881347-ST66.xml", "sn87881347-ST96.xml"])
def test_tsdr_record_names_its_examining_attorney(
    corpus_dir: Path, limits: LoadLimits, name: str
) -> None:
    document = load_corpus_file(corpus_dir, TSDR, name, limits)

    assert "Examining attorney: SANTOMARTINO, MARTHA L" in section(
        document, "attorney and correspondent"
    )


def test_tsdr_joint_owners_are_all_current(corpus_dir: Path, limits: LoadLimits) -> None:
    document = load_corpus_file(corpus_dir, TSDR, "rn3886986-ST96.xml", limits)

    assert document.properties["current_owners"] == [
        "COLUMBIA LAW REVIEW ASSOCIATION, INC.",
        "HARVARD LAW REVIEW ASSOCIATION",
        "UNIVERSITY OF PENNSYLVANIA LAW REVIEW",
        "THE YALE LAW JOURNAL",
    ]


# --- generic JSON -----------------------------------------------------------------------------


def test_generic_json_gives_one_path_value_line_per_value(limits: LoadLimits) -> None:
    long_note = "Seller admitted importing the pins from Shenzhen. " * 40
    data = {
        "seller": {"name": "ACME Trading", "verified": False, "rating": 4.5},
        "listings": [{"sku": "LV-001", "price": 25}, {"sku": "RX-900", "notes": long_note}],
        "removed": None,
        "tags": [],
    }
    document = load("listings.json", json.dumps(data).encode(), limits)

    assert document.title == "listings"
    assert document.sections[0].text.splitlines() == [
        "seller.name: ACME Trading",
        "seller.verified: false",
        "seller.rating: 4.5",
        "listings[0].sku: LV-001",
        "listings[0].price: 25",
        "listings[1].sku: RX-900",
        f"listings[1].notes: {long_note.strip()}",
    ]


def test_json_lines_are_read_as_a_list_of_records(limits: LoadLimits) -> None:
    data = b'{"id": "a1", "title": "Fake pins"}\n\n{"id": "a2", "title": "Fake bags"}\n'

    document = load("records.json", data, limits)

    assert document.sections[0].text.splitlines() == [
        "[0].id: a1",
        "[0].title: Fake pins",
        "[1].id: a2",
        "[1].title: Fake bags",
    ]


def test_invalid_json_names_the_line_and_column(limits: LoadLimits) -> None:
    data = b'{\n  "seller": "ACME",\n  "price": ,\n}'

    with pytest.raises(CorruptFileError, match=r"not valid JSON: .* line 3, column 12"):
        load("broken.json", data, limits)


def test_absurdly_nested_json_is_refused_not_crashed(limits: LoadLimits) -> None:
    data = b"[" * 200_000 + b"]" * 200_000

    with pytest.raises(CorruptFileError, match="nested too deeply"):
        load("deep.json", data, limits)


@pytest.mark.parametrize("data", [b"", b"   \n", b"{}", b'{"a": null, "b": [], "c": ""}'])
def test_json_without_values_is_refused_as_empty(data: bytes, limits: LoadLimits) -> None:
    blob = Blob("empty.json", data, "application/json")

    with pytest.raises(EmptyFileError):
        JsonLoader().load(blob, limits)


# --- generic XML ------------------------------------------------------------------------------


def test_generic_xml_gives_element_paths_attributes_and_numbered_siblings(
    limits: LoadLimits,
) -> None:
    data = b"""<?xml version="1.0"?>
<seizure xmlns="urn:example:cbp" xmlns:x="urn:example:extra">
  <port code="LAX">Los Angeles</port>
  <item x:sku="LV-1"><brand>Louis Vuitton</brand><units>40</units></item>
  <item><brand>Rolex</brand><units>12</units></item>
  <note>Shipped <b>via</b> air &amp; sea</note>
</seizure>"""
    document = load("seizure.xml", data, limits)

    assert document.title == "seizure"
    assert document.sections[0].text.splitlines() == [
        "seizure/port/@code: LAX",
        "seizure/port: Los Angeles",
        "seizure/item[1]/@sku: LV-1",
        "seizure/item[1]/brand: Louis Vuitton",
        "seizure/item[1]/units: 40",
        "seizure/item[2]/brand: Rolex",
        "seizure/item[2]/units: 12",
        "seizure/note: Shipped air & sea",
        "seizure/note/b: via",
    ]


def test_malformed_xml_names_the_line(limits: LoadLimits) -> None:
    data = b"<seizure>\n  <port>LAX</port>\n  <item>\n</seizure>"

    with pytest.raises(CorruptFileError, match=r"not well-formed XML: .*\(line 4, column"):
        load("broken.xml", data, limits)


@pytest.mark.parametrize("data", [b"", b"  \n", b"<seizure><port/><item></item></seizure>"])
def test_xml_without_text_is_refused_as_empty(data: bytes, limits: LoadLimits) -> None:
    blob = Blob("empty.xml", data, "application/xml")

    with pytest.raises(EmptyFileError):
        XmlLoader().load(blob, limits)


# --- hostile XML ------------------------------------------------------------------------------

SECRET = "TOP-SECRET-INFORMANT-LEDGER-7731"


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "informants.txt"
    path.write_text(f"{SECRET}\n", encoding="utf-8")
    return path


def _billion_laughs(reference_in: str) -> bytes:
    entities = "".join(
        f'  <!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">\n' for level in range(1, 10)
    )
    body = {
        "text": "<lolz><title>Inventory</title><data>&lol9;</data></lolz>",
        "attribute": '<lolz><title>Inventory</title><data a="&lol9;">x</data></lolz>',
    }[reference_in]
    doctype = f'<!DOCTYPE lolz [\n  <!ENTITY lol0 "lol">\n{entities}]>'
    return f'<?xml version="1.0"?>\n{doctype}\n{body}'.encode()


@pytest.mark.parametrize("reference_in", ["text", "attribute"])
def test_billion_laughs_is_refused_quickly_without_expanding(
    reference_in: str, limits: LoadLimits
) -> None:
    started = time.monotonic()

    with pytest.raises(CorruptFileError, match="entities") as refused:
        load("lolz.xml", _billion_laughs(reference_in), limits)

    assert time.monotonic() - started < 5
    assert "lollollol" not in str(refused.value)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE r [<!ENTITY xxe SYSTEM "{uri}">]>',
        '<!DOCTYPE r [<!ENTITY % remote SYSTEM "{uri}"> %remote;]>',
        '<!DOCTYPE r SYSTEM "{uri}">',
    ],
    ids=["external-entity", "parameter-entity", "external-dtd"],
)
def test_external_entities_never_read_local_files(
    doctype: str, secret_file: Path, limits: LoadLimits
) -> None:
    header = doctype.format(uri=secret_file.as_uri())
    data = f'<?xml version="1.0"?>\n{header}\n<r><case>Kane</case><leak>&xxe;</leak></r>'
    if "xxe SYSTEM" not in header:
        data = data.replace("<leak>&xxe;</leak>", "")

    document = load("xxe.xml", data.encode(), limits)

    assert "r/case: Kane" in document.sections[0].text
    assert SECRET not in full_text(document)
    assert SECRET not in document.title
    assert SECRET not in json.dumps(document.properties)


def test_external_entity_in_an_attribute_is_refused(secret_file: Path, limits: LoadLimits) -> None:
    data = (
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "{secret_file.as_uri()}">]>\n'
        '<r><case note="&xxe;">Kane</case></r>'
    ).encode()

    with pytest.raises(CorruptFileError) as refused:
        load("xxe-attribute.xml", data, limits)

    assert SECRET not in str(refused.value)


def test_xinclude_is_not_followed(secret_file: Path, limits: LoadLimits) -> None:
    data = (
        '<r xmlns:xi="http://www.w3.org/2001/XInclude"><case>Kane</case>'
        f'<xi:include href="{secret_file.as_uri()}" parse="text"/></r>'
    ).encode()

    document = load("xinclude.xml", data, limits)

    assert SECRET not in full_text(document)


@pytest.mark.parametrize("file_name", ["plumage-py_sn76044902.xml", "rn2713476-ST96.xml"])
def test_tsdr_goods_give_their_dates_of_first_use(
    corpus_dir: Path, limits: LoadLimits, file_name: str
) -> None:
    document = load_corpus_file(corpus_dir, TSDR, file_name, limits)

    goods = section(document, "goods and services")
    expected = {
        "plumage-py_sn76044902.xml": ["Class 009 first use in commerce: 1995-10-13"],
        "rn2713476-ST96.xml": [
            "Class 009 first use: 1996-11-30",
            "first use in commerce: 1996-11-30",
        ],
    }[file_name]
    for line in expected:
        assert line in goods
