"""JSON and XML. Court dockets and USPTO trademark records are recognised and rendered as the
documents they are; anything else becomes one "path: value" line per value, so that each line
still says where in the file its value came from."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any, ClassVar

from lxml import etree

from ingestion import messages
from ingestion.errors import CorruptFileError, EmptyFileError
from ingestion.loaders.base import BaseLoader, Blob, LoadedDocument, LoadLimits, Section
from ingestion.loaders.docket import (
    docket_from_json,
    docket_from_recap_xml,
    is_recap_docket,
    looks_like_docket_json,
    render_docket,
)
from ingestion.loaders.textcodec import decode_text
from ingestion.loaders.tsdr import is_tsdr_record, read_tsdr_record, render_trademark

LXML_POSITION_SUFFIX = re.compile(r", line \d+, column \d+$")


class JsonLoader(BaseLoader):
    name: ClassVar[str] = "json"
    media_types: ClassVar[frozenset[str]] = frozenset({"application/json"})
    extensions: ClassVar[frozenset[str]] = frozenset({"json"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        text = decode_text(blob.data).text
        if not text.strip():
            raise EmptyFileError(messages.EMPTY_JSON_FILE)
        data = parse_json(text)
        if looks_like_docket_json(data):
            return render_docket(docket_from_json(data))
        lines = [f"{path}: {value}" if path else value for path, value in flatten_json(data)]
        if not lines:
            raise EmptyFileError(messages.JSON_WITHOUT_VALUES)
        return LoadedDocument(title=blob.stem, sections=[Section(text="\n".join(lines))])


def parse_json(text: str) -> Any:
    """A JSON document, or JSON Lines (one document a line) as a list of them."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            records = _parse_json_lines(text)
            if records is not None:
                return records
        raise CorruptFileError(
            messages.json_invalid(error.msg, error.lineno, error.colno)
        ) from error
    except RecursionError as error:
        raise CorruptFileError(messages.JSON_TOO_DEEP) from error


def _parse_json_lines(text: str) -> list[Any] | None:
    records = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except (json.JSONDecodeError, RecursionError):
            return None
    return records


def flatten_json(data: Any) -> Iterator[tuple[str, str]]:
    """("path.to.key", value) for every non-empty scalar, in document order; list items are
    indexed ("items[0].name"). Iterative, so deeply nested input cannot exhaust the stack."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            children = [(_key_path(path, str(key)), item) for key, item in value.items()]
            stack.extend(reversed(children))
        elif isinstance(value, list):
            stack.extend(reversed([(f"{path}[{index}]", item) for index, item in enumerate(value)]))
        elif (scalar := _scalar_text(value)) is not None:
            yield path, scalar


def _key_path(parent: str, key: str) -> str:
    return f"{parent}.{key}" if parent else key


def _scalar_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip() or None


class XmlLoader(BaseLoader):
    name: ClassVar[str] = "xml"
    media_types: ClassVar[frozenset[str]] = frozenset({"application/xml", "text/xml"})
    extensions: ClassVar[frozenset[str]] = frozenset({"xml"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        if not blob.data.strip():
            raise EmptyFileError(messages.EMPTY_XML_FILE)
        root = parse_xml_safely(blob.data)
        if is_tsdr_record(root):
            return render_trademark(read_tsdr_record(root))
        if is_recap_docket(root):
            return render_docket(docket_from_recap_xml(root))
        lines = [f"{path}: {text}" for path, text in flatten_xml(root)]
        if not lines:
            raise EmptyFileError(messages.XML_WITHOUT_TEXT)
        return LoadedDocument(title=blob.stem, sections=[Section(text="\n".join(lines))])


def parse_xml_safely(data: bytes) -> etree._Element:
    """Parses without expanding entities, loading DTDs or touching the network, so a billion-
    laughs bomb stays small and an external entity cannot pull in a local file."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _xml_error(error) from error
    if root is None:
        raise CorruptFileError(messages.XML_WITHOUT_ROOT)
    return root


def _xml_error(error: etree.XMLSyntaxError) -> CorruptFileError:
    line, column = error.position
    reason = LXML_POSITION_SUFFIX.sub("", error.msg)
    if "entity" in reason.lower():
        return CorruptFileError(messages.xml_entities_refused(reason, line))
    return CorruptFileError(messages.xml_malformed(reason, line, column))


def flatten_xml(root: etree._Element) -> Iterator[tuple[str, str]]:
    """("root/child[2]/leaf", text) for every element with text of its own, and
    ("root/child/@attribute", value) for its attributes. Repeated siblings are numbered."""
    stack: list[tuple[str, etree._Element]] = [(etree.QName(root).localname, root)]
    while stack:
        path, element = stack.pop()
        for attribute, value in element.attrib.items():
            yield f"{path}/@{etree.QName(attribute).localname}", str(value)
        if text := _own_text(element):
            yield path, text
        stack.extend(reversed(list(_child_paths(path, element))))


def _own_text(element: etree._Element) -> str:
    """The element's text and the tails of its children: "<p>Hello <b>big</b> world</p>" gives
    "Hello world" here and "big" under p/b."""
    parts = [element.text or "", *(child.tail or "" for child in element)]
    return " ".join(" ".join(parts).split())


def _child_paths(path: str, element: etree._Element) -> Iterator[tuple[str, etree._Element]]:
    # Entity references that were left unexpanded are children too, but not elements.
    children = [child for child in element if isinstance(child.tag, str)]
    names = [etree.QName(child).localname for child in children]
    totals = Counter(names)
    seen: Counter[str] = Counter()
    for name, child in zip(names, children, strict=True):
        seen[name] += 1
        index = f"[{seen[name]}]" if totals[name] > 1 else ""
        yield f"{path}/{name}{index}", child
