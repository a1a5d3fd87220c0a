"""What every loader takes and returns.

A loader turns the bytes of one file into a :class:`LoadedDocument`: a title, text sections (with
the page each came from where the format has pages), properties worth keeping (e-mail headers,
docket numbers) and child files (e-mail attachments, archive members) that the pipeline loads in
turn as documents of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Protocol


@dataclass(frozen=True)
class Blob:
    """One file's bytes, with the name it came under and what sniffing found it to be."""

    name: str
    data: bytes
    media_type: str
    depth: int = 0
    """How many archives or e-mails this blob sits inside."""

    @property
    def extension(self) -> str:
        dot = self.name.rfind(".")
        return self.name[dot + 1 :].lower() if dot > 0 else ""

    @property
    def stem(self) -> str:
        base = self.name.rsplit("/", 1)[-1]
        dot = base.rfind(".")
        return base[:dot] if dot > 0 else base


@dataclass(frozen=True)
class Section:
    """A run of text. ``page`` is 1-based where the source has pages; ``label`` names the part
    (a sheet, a docket entry list, an e-mail body) where that helps a reader find it."""

    text: str
    page: int | None = None
    label: str | None = None


@dataclass(frozen=True)
class ChildFile:
    """A file found inside another: an e-mail attachment or an archive member. ``depth`` is how
    many levels below its parent it sits (1: directly inside)."""

    name: str
    data: bytes
    depth: int = 1


@dataclass
class LoadedDocument:
    title: str
    sections: list[Section]
    page_count: int | None = None
    document_date: date | None = None
    properties: dict[str, Any] = field(default_factory=dict)
    children: list[ChildFile] = field(default_factory=list)
    has_own_text: bool = True
    """False for containers (a zip) that only carry children."""


@dataclass(frozen=True)
class LoadLimits:
    max_file_bytes: int
    archive_max_depth: int
    archive_max_members: int
    archive_max_total_bytes: int
    archive_max_ratio: float


class Loader(Protocol):
    """One family of formats. ``media_types`` and ``extensions`` say what it accepts; the registry
    asks :meth:`score` of every loader and hands the blob to the highest."""

    name: ClassVar[str]
    media_types: ClassVar[frozenset[str]]
    extensions: ClassVar[frozenset[str]]

    def score(self, blob: Blob) -> int: ...

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument: ...


class BaseLoader:
    """Scores 10 for a sniffed media type it accepts, 1 for an extension match alone."""

    name: ClassVar[str] = "base"
    media_types: ClassVar[frozenset[str]] = frozenset()
    extensions: ClassVar[frozenset[str]] = frozenset()

    def score(self, blob: Blob) -> int:
        if blob.media_type in self.media_types:
            return 10
        if blob.extension in self.extensions and blob.media_type == "application/octet-stream":
            return 1
        return 0
