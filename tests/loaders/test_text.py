"""TextLoader on the county DA press releases and U.S. Code Markdown, and on text in legacy
encodings, binary junk and empty files."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from ingestion.errors import EmptyFileError, TextDecodingError, UnsupportedContentError
from ingestion.loaders.base import Blob, LoadedDocument, LoadLimits
from ingestion.loaders.sniff import sniff_media_type
from ingestion.loaders.text import TextLoader

COUNTY_RELEASES = "county-da-counterfeit-press-releases-txt"
GOLF_CLUBS_RELEASE = (
    "press_san-clemente-man-faces-charges-for-selling-counterfeit-golf-clubs-on-e-bay.txt"
)
LONG_HEADLINE_RELEASE = (
    "press_two-men-sentenced-for-money-laundering-and-conspiring-to-sell-counterfeit-electronic-"
    "merchandise-valued-at-nearly-.txt"
)
STATUTE_2320_OFFENSES = "us-code-ip-enforcement-statutes/18usc2320/title-18-chunck-1339.md"
FRENCH = "Le prévenu a été arrêté à Montréal ; les sacs contrefaits ont été saisis près du café.\n"
CURLY_QUOTES = "The seller said “these are genuine” — they weren\u2019t. Fine: €5,000.\n"
NORDIC_SELLERS = "Café Müller, Zürich: €12\nSøren's Outlet, Århus: €7\n"
SEIZURE_NOTE = "Counterfeit Cisco routers were seized at the port of Long Beach.\n"


def load_text(data: bytes, limits: LoadLimits, name: str = "notes.txt") -> LoadedDocument:
    return TextLoader().load(Blob(name, data, sniff_media_type(data, name)), limits)


def load_corpus_file(path: Path, limits: LoadLimits) -> LoadedDocument:
    return load_text(path.read_bytes(), limits, name=path.name)


def test_press_release_is_one_section_titled_by_its_first_line(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    document = load_corpus_file(corpus_dir / COUNTY_RELEASES / GOLF_CLUBS_RELEASE, limits)

    assert document.title == (
        "SAN CLEMENTE MAN FACES CHARGES FOR SELLING COUNTERFEIT GOLF CLUBS ON E-BAY"
        " - Orange County District Attorney"
    )
    assert len(document.sections) == 1
    assert document.sections[0].page is None
    assert "Jason Paul Hughes, 32, San Clemente" in document.sections[0].text
    assert document.properties["encoding"] == "utf-8"


def test_a_first_line_too_long_for_a_title_gives_way_to_the_file_name(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    document = load_corpus_file(corpus_dir / COUNTY_RELEASES / LONG_HEADLINE_RELEASE, limits)

    assert document.title == LONG_HEADLINE_RELEASE.removesuffix(".txt")


def test_statute_markdown_is_titled_by_its_section_not_only_its_title(
    corpus_dir: Path, limits: LoadLimits
) -> None:
    document = load_corpus_file(corpus_dir / STATUTE_2320_OFFENSES, limits)

    assert document.title.startswith("§\u202f2320. Trafficking in counterfeit goods or services — ")
    assert document.title.endswith("(Title 18— CRIMES AND CRIMINAL PROCEDURE)")
    # The corpus puts a narrow no-break space after "§"; it must survive decoding.
    assert "§\u202f2320. Trafficking in counterfeit goods or services" in document.sections[0].text
    assert "traffics in goods or services and knowingly uses a counterfeit mark" in (
        document.sections[0].text
    )


def test_every_corpus_text_and_markdown_file_loads(corpus_dir: Path, limits: LoadLimits) -> None:
    paths = sorted((corpus_dir / COUNTY_RELEASES).glob("press_*.txt"))
    paths += sorted((corpus_dir / "us-code-ip-enforcement-statutes").glob("*/*.md"))
    assert len(paths) == 9 + 75

    for path in paths:
        document = load_corpus_file(path, limits)
        assert document.title, path.name
        assert len(document.sections[0].text) > 100, path.name


@pytest.mark.parametrize(
    ("data", "expected_text"),
    [
        pytest.param(FRENCH.encode("latin-1"), FRENCH, id="latin-1"),
        pytest.param(CURLY_QUOTES.encode("cp1252"), CURLY_QUOTES, id="windows-1252"),
        pytest.param("Café Müller".encode("latin-1"), "Café Müller", id="short-latin-1"),
        pytest.param(NORDIC_SELLERS.encode("cp1252"), NORDIC_SELLERS, id="windows-1252-nordic"),
        pytest.param(SEIZURE_NOTE.encode("utf-16"), SEIZURE_NOTE, id="utf-16-with-bom"),
        pytest.param(SEIZURE_NOTE.encode("utf-16-le"), SEIZURE_NOTE, id="utf-16-le-without-bom"),
        pytest.param(FRENCH.encode("utf-8-sig"), FRENCH, id="utf-8-with-bom"),
        pytest.param(
            "Straße ".encode() * 40 + b"\xe2\x80", "Straße " * 40 + "\ufffd", id="truncated-utf-8"
        ),
    ],
)
def test_legacy_and_unicode_encodings_decode_to_the_right_text(
    data: bytes, expected_text: str, limits: LoadLimits
) -> None:
    document = load_text(data, limits)

    assert document.sections[0].text == expected_text.strip()


def test_the_encoding_used_is_recorded(limits: LoadLimits) -> None:
    assert load_text(CURLY_QUOTES.encode("cp1252"), limits).properties["encoding"] == "cp1252"
    assert load_text(SEIZURE_NOTE.encode("utf-16"), limits).properties["encoding"] == "utf-16-le"


def test_windows_line_ends_become_newlines(limits: LoadLimits) -> None:
    document = load_text(b"Seizure log\r\nItem 1: handbags\r\nItem 2: watches\r\n", limits)

    assert document.sections[0].text == "Seizure log\nItem 1: handbags\nItem 2: watches"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(random.Random(2320).randbytes(4096).replace(b"\x00", b"\x01"), id="random"),
        pytest.param(bytes(range(1, 9)) * 500, id="control-characters"),
    ],
)
def test_binary_junk_is_refused_with_advice(data: bytes, limits: LoadLimits) -> None:
    with pytest.raises(UnsupportedContentError, match="binary data, not text; check"):
        load_text(data, limits)


def test_text_in_no_single_encoding_asks_for_a_utf8_copy(limits: LoadLimits) -> None:
    # Pieces of a log appended from machines with different code pages.
    mixed = (
        "Résumé ".encode() * 3
        + "Résumé ".encode("cp1252") * 3
        + "日本".encode("shift_jis") * 3
        + "Привет".encode("koi8-r")
    )

    with pytest.raises(TextDecodingError, match="re-save it as UTF-8"):
        load_text(mixed, limits)


@pytest.mark.parametrize("data", [b"", b" \r\n\t\n  "], ids=["zero-bytes", "whitespace-only"])
def test_a_file_without_text_is_refused_with_advice(data: bytes, limits: LoadLimits) -> None:
    with pytest.raises(EmptyFileError, match="check that it was saved"):
        load_text(data, limits)


def test_markdown_heading_inside_a_code_block_is_not_the_title(limits: LoadLimits) -> None:
    markdown = b"Notes\n\n```sh\n# fetch the exhibits\n```\n\n# Exhibit list\n\n- invoice\n"

    assert load_text(markdown, limits, name="exhibits.md").title == "Exhibit list"


def test_markdown_without_a_level_one_heading_is_titled_by_its_first_line(
    limits: LoadLimits,
) -> None:
    assert load_text(b"Interview notes\n\n## Morning\n", limits, name="n.md").title == (
        "Interview notes"
    )
