"""HtmlLoader on the PACER docket report page and on pages with chrome, tables and charsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingestion.errors import EmptyFileError
from ingestion.loaders.base import Blob, LoadedDocument, LoadLimits
from ingestion.loaders.html import HtmlLoader
from ingestion.loaders.sniff import sniff_media_type

PAGE_WITH_CHROME = b"""<!DOCTYPE html>
<html><head><title>Seizure at the Port of Newark</title>
<style>body { font-family: serif }</style>
<script>window.trackVisitor("seizure");</script></head>
<body>
<header><a href="/">CBP Newsroom home</a></header>
<nav><ul><li>Press releases</li><li>Speeches</li></ul></nav>
<div role="navigation">Breadcrumb: Home / News</div>
<form action="/search"><input name="q"><button>Search the site</button></form>
<main>
<h1>Officers seize counterfeit watches</h1>
<p>Officers seized 2,400 counterfeit watches
   bearing protected trademarks.</p>
<!-- internal note: do not publish -->
<noscript>Enable JavaScript for the photo gallery</noscript>
<template><p>Gallery slide template</p></template>
<svg><text>Logo text</text></svg>
<iframe src="/video">Video player fallback</iframe>
</main>
<aside>Related: counterfeit handbags</aside>
<footer>Contact the Office of Public Affairs</footer>
</body></html>
"""
CHROME_TEXTS = [
    "trackVisitor",
    "font-family",
    "CBP Newsroom home",
    "Press releases",
    "Breadcrumb",
    "Search the site",
    "do not publish",
    "Enable JavaScript",
    "Gallery slide template",
    "Logo text",
    "Video player fallback",
    "Related: counterfeit handbags",
    "Contact the Office of Public Affairs",
]


def load_html(data: bytes, limits: LoadLimits, name: str = "page.html") -> LoadedDocument:
    return HtmlLoader().load(Blob(name, data, sniff_media_type(data, name)), limits)


@pytest.fixture
def docket(corpus_dir: Path, limits: LoadLimits) -> LoadedDocument:
    path = corpus_dir / "pacer-dockets-ip-cases" / "moed.html"
    return load_html(path.read_bytes(), limits, name=path.name)


def test_docket_report_keeps_case_parties_and_charges(docket: LoadedDocument) -> None:
    text = docket.sections[0].text

    assert docket.title == "MOED - CM/ECF (LIVE)"
    assert "CRIMINAL DOCKET FOR CASE #: 4:17-cr-00367-SNLJ-1" in text
    assert "Case title: USA v. Kane" in text
    assert "Adama Kane | represented by | Andrew J. Sottile" in text
    assert "USA | represented by | Thomas C. Albus" in text
    assert "TRAFFICKING IN COUNTERFEIT GOODS" in text


def test_docket_entries_read_as_table_rows(docket: LoadedDocument) -> None:
    lines = docket.sections[0].text.split("\n")

    assert "Date Filed | # | Docket Text" in lines
    assert (
        "02/15/2018 | 42 | GUILTY PLEA AGREEMENT by USA, Adama Kane as to Adama Kane "
        "(JMC) (Entered: 02/16/2018)"
    ) in lines


def test_docket_scripts_do_not_leak_into_the_text(docket: LoadedDocument) -> None:
    text = docket.sections[0].text

    assert "top.location" not in text
    assert "CMECF.MainMenu" not in text


def test_page_chrome_is_dropped_and_the_article_kept(limits: LoadLimits) -> None:
    document = load_html(PAGE_WITH_CHROME, limits)
    text = document.sections[0].text

    assert document.title == "Seizure at the Port of Newark"
    assert text == (
        "Officers seize counterfeit watches\n\n"
        "Officers seized 2,400 counterfeit watches bearing protected trademarks."
    )
    for chrome in CHROME_TEXTS:
        assert chrome not in text


def test_a_form_wrapping_the_whole_page_is_kept(limits: LoadLimits) -> None:
    asp_net_page = (
        b"<html><body><form id='aspnetForm'><input type='hidden' name='__VIEWSTATE'>"
        b"<h2>Case 4:17-cr-00367</h2><p>Defendant pleaded guilty to count 1s.</p>"
        b"</form></body></html>"
    )

    text = load_html(asp_net_page, limits).sections[0].text

    assert text == "Case 4:17-cr-00367\n\nDefendant pleaded guilty to count 1s."


def test_tables_keep_cells_apart_and_lists_one_item_a_line(limits: LoadLimits) -> None:
    page = (
        b"<html><body><table><tr><th>Item</th><th>Qty</th></tr>"
        b"<tr><td>Handbags</td><td>310</td></tr></table>"
        b"<ul><li>Louis Vuitton</li><li>Gucci</li></ul>"
        b"<p>Line one<br>Line two</p><pre>Exhibit A\n  page 3</pre></body></html>"
    )

    text = load_html(page, limits).sections[0].text

    assert text == (
        "Item | Qty\nHandbags | 310\n\nLouis Vuitton\nGucci\n\nLine one\nLine two\n\n"
        "Exhibit A\npage 3"
    )


def test_title_falls_back_to_the_first_heading_then_the_file_name(limits: LoadLimits) -> None:
    with_heading = b"<html><body><h1>Seizure  report</h1><p>Text.</p></body></html>"
    without_heading = b"<html><body><p>Only a paragraph.</p></body></html>"

    assert load_html(with_heading, limits).title == "Seizure report"
    assert load_html(without_heading, limits, name="exhibit-12.html").title == "exhibit-12"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        pytest.param(
            b'<meta charset="windows-1252">',
            "“Genuine” Rolex — €95".encode("cp1252"),
            "“Genuine” Rolex — €95",
            id="meta-charset",
        ),
        pytest.param(
            b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
            "Prix: 80 € pour le sac contrefait".encode("cp1252"),
            "Prix: 80 € pour le sac contrefait",
            id="latin-1-label-read-as-windows-1252",
        ),
        pytest.param(
            b'<meta charset="iso-8859-1">',
            "Straße, Müller & Söhne".encode(),
            "Straße, Müller & Söhne",
            id="utf-8-mislabelled-as-latin-1",
        ),
    ],
)
def test_declared_charset_is_honoured(
    head: bytes, body: bytes, expected: str, limits: LoadLimits
) -> None:
    page = b"<html><head>" + head + b"</head><body><p>" + body + b"</p></body></html>"

    document = load_html(page, limits)

    assert document.sections[0].text == expected


def test_xhtml_with_an_xml_declaration_is_read(limits: LoadLimits) -> None:
    xhtml = (
        '<?xml version="1.0" encoding="ISO-8859-15"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Avis</title></head>'
        "<body><p>Amende de 5000 € pour contrefaçon</p></body></html>"
    ).encode("iso-8859-15")

    document = load_html(xhtml, limits, name="avis.xhtml")

    assert document.title == "Avis"
    assert document.sections[0].text == "Amende de 5000 € pour contrefaçon"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="zero-bytes"),
        pytest.param(b"<!-- nothing here -->", id="comment-only"),
        pytest.param(
            b"<html><head><title>Loading</title><script>render()</script></head>"
            b"<body><nav>Home</nav></body></html>",
            id="script-and-navigation-only",
        ),
    ],
)
def test_a_page_without_readable_text_is_refused_with_advice(
    data: bytes, limits: LoadLimits
) -> None:
    with pytest.raises(EmptyFileError, match=r"no readable text .*print it to PDF"):
        load_html(data, limits)
