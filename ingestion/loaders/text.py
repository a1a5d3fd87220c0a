"""Plain text and Markdown: one section holding the whole file."""

from __future__ import annotations

import re
from typing import ClassVar

from ingestion import messages
from ingestion.errors import EmptyFileError
from ingestion.loaders.base import BaseLoader, Blob, LoadedDocument, LoadLimits, Section
from ingestion.loaders.textcodec import decode_text

MARKDOWN_EXTENSIONS = frozenset({"md", "markdown"})
MAX_TITLE_LINE_CHARS = 150
ATX_LEVEL_ONE_HEADING = re.compile(r"^ {0,3}#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*$")
ANY_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*$")
CODE_FENCE = re.compile(r"^ {0,3}(```|~~~)")


class TextLoader(BaseLoader):
    name: ClassVar[str] = "text"
    media_types: ClassVar[frozenset[str]] = frozenset({"text/plain", "text/markdown"})
    extensions: ClassVar[frozenset[str]] = frozenset({"txt", "md", "markdown", "text", "log"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        decoded = decode_text(blob.data)
        text = _normalise_line_ends(decoded.text).strip()
        if not text:
            raise _empty_file_error(blob)
        heading = _markdown_heading_title(text) if _is_markdown(blob) else None
        return LoadedDocument(
            title=heading or _first_line_title(text) or blob.stem,
            sections=[Section(text=text)],
            properties={"encoding": decoded.encoding},
        )


def markdown_title(text: str) -> str | None:
    """The first level-one ``# heading`` outside fenced code blocks."""
    in_code_block = False
    for line in text.split("\n"):
        if CODE_FENCE.match(line):
            in_code_block = not in_code_block
            continue
        heading = None if in_code_block else ATX_LEVEL_ONE_HEADING.match(line)
        if heading:
            return heading["title"].strip()
    return None


def _markdown_heading_title(text: str) -> str | None:
    """A file that opens with a run of headings (a statute excerpt: title, chapter, section,
    subsection) is named by its most specific ones, the outermost in brackets, so that chunks of
    different sections do not all carry the same title."""
    headings = _leading_headings(text)
    if len(headings) < 2:
        return markdown_title(text)
    specific = " — ".join(headings[-2:] if len(headings) >= 3 else headings[-1:])
    return f"{specific} ({headings[0]})"


def _leading_headings(text: str) -> list[str]:
    headings = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        match = ANY_ATX_HEADING.match(line)
        if not match:
            break
        headings.append(match["title"].strip())
    return headings


def _first_line_title(text: str) -> str | None:
    first_line = text.split("\n", 1)[0].strip()
    return first_line if len(first_line) <= MAX_TITLE_LINE_CHARS else None


def _is_markdown(blob: Blob) -> bool:
    return blob.media_type == "text/markdown" or blob.extension in MARKDOWN_EXTENSIONS


def _normalise_line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _empty_file_error(blob: Blob) -> EmptyFileError:
    if not blob.data:
        return EmptyFileError(messages.EMPTY_TEXT_FILE)
    return EmptyFileError(messages.BLANK_TEXT_FILE)
