"""HTML pages: the readable main text, with tables kept as ``cell | cell`` rows.

Scripts, styles, navigation, headers, footers, asides and search or log-in forms are dropped.
Block elements start new lines (paragraph-like ones after a blank line), so a PACER docket report
reads row by row.
"""

from __future__ import annotations

import re
from enum import IntEnum
from typing import ClassVar

import lxml.html
from lxml import etree

from ingestion import messages
from ingestion.errors import EmptyFileError
from ingestion.loaders.base import BaseLoader, Blob, LoadedDocument, LoadLimits, Section
from ingestion.loaders.textcodec import decode_text

DROPPED_ELEMENTS = (
    "//script | //style | //noscript | //template | //nav | //header | //footer | //aside"
    " | //svg | //iframe | //select | //button | //*[@role='navigation']"
)
# ASP.NET and many court sites wrap the whole page in one <form>; only small forms (search boxes,
# log-ins) are dropped, a form holding the page's content is kept.
CONTENT_INSIDE_FORM = ".//p | .//table | .//article | .//main | .//h1 | .//h2 | .//h3"
PARAGRAPH_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "blockquote", "pre"}
    | {"section", "article", "main", "hr", "figure", "address"}
)
LINE_TAGS = frozenset(
    {"div", "li", "tr", "br", "dt", "dd", "caption", "figcaption", "center", "body"}
    | {"thead", "tbody", "tfoot", "fieldset", "legend", "details", "summary"}
)
CELL_TAGS = frozenset({"td", "th"})
CELL_MARK = "\x1f"
CELL_SEPARATOR = " | "
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
CHARSET_PRESCAN_BYTES = 4096
XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
WHITESPACE_RUN = re.compile(r"\s+")
SPACE_RUN = re.compile(r" {2,}")


class Break(IntEnum):
    LINE = 1
    PARAGRAPH = 2


class HtmlLoader(BaseLoader):
    name: ClassVar[str] = "html"
    media_types: ClassVar[frozenset[str]] = frozenset({"text/html"})
    extensions: ClassVar[frozenset[str]] = frozenset({"html", "htm", "xhtml"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        decoded = decode_text(blob.data, declared_charset(blob.data))
        root = _parse(decoded.text)
        title = _page_title(root)
        _drop_non_content(root)
        text = readable_text(_body(root))
        if not text:
            raise _no_text_error()
        return LoadedDocument(
            title=title or blob.stem,
            sections=[Section(text=text)],
            properties={"encoding": decoded.encoding},
        )


def declared_charset(data: bytes) -> str | None:
    """The charset named by a ``<meta>`` tag or an XML declaration near the top of the page."""
    found = DECLARED_CHARSET.search(data[:CHARSET_PRESCAN_BYTES])
    if found is None:
        return None
    label = found.group(1) or found.group(2)
    return label.decode("ascii")


def readable_text(element: lxml.html.HtmlElement) -> str:
    """The text under ``element``: blocks on their own lines, table cells joined by `` | ``."""
    return _tidy_lines(_join_pieces(_text_pieces(element)))


def _parse(text: str) -> lxml.html.HtmlElement:
    # lxml refuses str input that still carries an XML encoding declaration (XHTML).
    markup = XML_DECLARATION.sub("", text, count=1)
    if not markup.strip():
        raise _no_text_error()
    try:
        return lxml.html.document_fromstring(markup)
    except etree.ParserError as error:  # "Document is empty": nothing but comments or doctype
        raise _no_text_error() from error


def _page_title(root: lxml.html.HtmlElement) -> str | None:
    for path in (".//title", ".//h1"):
        element = root.find(path)
        if element is not None:
            title = _collapse_whitespace(element.text_content())
            if title:
                return title
    return None


def _drop_non_content(root: lxml.html.HtmlElement) -> None:
    for element in root.xpath(DROPPED_ELEMENTS):
        element.drop_tree()
    for form in root.xpath("//form"):
        if not form.xpath(CONTENT_INSIDE_FORM):
            form.drop_tree()
    for node in root.xpath("//comment() | //processing-instruction()"):
        node.drop_tree()


def _body(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    body = root.find("body")
    return body if body is not None else root


def _text_pieces(element: lxml.html.HtmlElement) -> list[str | Break]:
    pieces: list[str | Break] = []
    open_pre_elements = 0
    for event, node in etree.iterwalk(element, events=("start", "end")):
        tag = node.tag if isinstance(node.tag, str) else ""
        if event == "start":
            open_pre_elements += 1 if tag == "pre" else 0
            pieces.extend(_opening_pieces(tag))
            pieces.append(_inline_text(node.text, preformatted=open_pre_elements > 0))
        else:
            open_pre_elements -= 1 if tag == "pre" else 0
            pieces.extend(_closing_pieces(tag))
            if node is not element:  # the tail lies outside the element being read
                pieces.append(_inline_text(node.tail, preformatted=open_pre_elements > 0))
    return pieces


def _opening_pieces(tag: str) -> list[str | Break]:
    if tag in PARAGRAPH_TAGS:
        return [Break.PARAGRAPH]
    if tag in LINE_TAGS:
        return [Break.LINE]
    if tag in CELL_TAGS:
        return [CELL_MARK]
    return []


def _closing_pieces(tag: str) -> list[str | Break]:
    if tag in PARAGRAPH_TAGS:
        return [Break.PARAGRAPH]
    if tag in LINE_TAGS and tag != "br":
        return [Break.LINE]
    return []


def _inline_text(text: str | None, preformatted: bool) -> str:
    if not text:
        return ""
    text = text.replace("\xa0", " ")
    if preformatted:
        return text.replace("\r\n", "\n")
    return WHITESPACE_RUN.sub(" ", text)


def _join_pieces(pieces: list[str | Break]) -> str:
    """Text with each run of breaks turned into one newline, or a blank line if any of the run
    was a paragraph break."""
    joined: list[str] = []
    pending = 0
    for piece in pieces:
        if isinstance(piece, Break):
            pending = max(pending, piece.value)
        elif pending and not piece.strip():
            continue  # whitespace at the start of a line means nothing
        elif piece:
            if pending and joined:
                joined.append("\n" * pending)
            pending = 0
            joined.append(piece)
    return "".join(joined)


def _tidy_lines(text: str) -> str:
    lines = [_tidy_line(line) for line in text.split("\n")]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept).strip()


def _tidy_line(line: str) -> str:
    cells = (SPACE_RUN.sub(" ", cell).strip() for cell in line.split(CELL_MARK))
    return CELL_SEPARATOR.join(cell for cell in cells if cell)


def _collapse_whitespace(text: str) -> str:
    return WHITESPACE_RUN.sub(" ", text).strip()


def _no_text_error() -> EmptyFileError:
    return EmptyFileError(messages.HTML_WITHOUT_TEXT)
