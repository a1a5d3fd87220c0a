"""ZIP archives: every member becomes a child file, within limits that stop zip bombs.

Nothing is extracted to disk. An archive is refused whole (nothing of it is indexed) when it nests
too deep, holds too many members, would expand past the size limit or by more than the allowed
ratio, or names a member with an absolute or parent-relative path: all signs of a hostile file.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import ClassVar

from ingestion import messages
from ingestion.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    UnsafeArchiveError,
)
from ingestion.loaders.base import BaseLoader, Blob, ChildFile, LoadedDocument, LoadLimits

READ_CHUNK_BYTES = 1 << 20
JUNK_PREFIXES = ("__MACOSX/",)


class ZipLoader(BaseLoader):
    name: ClassVar[str] = "zip"
    media_types: ClassVar[frozenset[str]] = frozenset({"application/zip"})
    extensions: ClassVar[frozenset[str]] = frozenset({"zip"})

    def load(self, blob: Blob, limits: LoadLimits) -> LoadedDocument:
        if blob.depth >= limits.archive_max_depth:
            raise UnsafeArchiveError(messages.archive_nested_too_deep(limits.archive_max_depth))
        try:
            with zipfile.ZipFile(io.BytesIO(blob.data)) as archive:
                members = _checked_members(archive, limits)
                if not members:
                    raise EmptyFileError(messages.ARCHIVE_WITHOUT_FILES)
                children = list(_read_members(archive, members, blob, limits))
        except zipfile.BadZipFile as error:
            raise CorruptFileError(messages.archive_damaged(error)) from error
        return LoadedDocument(
            title=blob.stem,
            sections=[],
            properties={"members": [child.name for child in children]},
            children=children,
            has_own_text=False,
        )


def _checked_members(archive: zipfile.ZipFile, limits: LoadLimits) -> list[zipfile.ZipInfo]:
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir() and not info.filename.startswith(JUNK_PREFIXES)
    ]
    if len(members) > limits.archive_max_members:
        raise UnsafeArchiveError(
            messages.archive_too_many_members(len(members), limits.archive_max_members)
        )
    for info in members:
        _check_member_name(info.filename)
        if info.flag_bits & 0x1:
            raise EncryptedFileError(messages.archive_member_encrypted(info.filename))
    return members


def _check_member_name(name: str) -> None:
    normalised = name.replace("\\", "/")
    parts = PurePosixPath(normalised).parts
    if normalised.startswith("/") or ".." in parts or (len(name) > 1 and name[1] == ":"):
        raise UnsafeArchiveError(messages.archive_member_escapes(name))


def _read_members(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], blob: Blob, limits: LoadLimits
) -> Iterator[ChildFile]:
    budget = _ExpansionBudget(limits, compressed_size=max(len(blob.data), 1))
    for info in members:
        data = b"".join(_read_bounded(archive, info, budget))
        yield ChildFile(name=info.filename, data=data)


class _ExpansionBudget:
    """Counts bytes actually inflated: declared sizes in a hostile archive can lie."""

    def __init__(self, limits: LoadLimits, compressed_size: int) -> None:
        self._limit = min(
            limits.archive_max_total_bytes, int(compressed_size * limits.archive_max_ratio)
        )
        self._limits = limits
        self._used = 0

    def spend(self, size: int) -> None:
        self._used += size
        if self._used > self._limit:
            raise UnsafeArchiveError(
                messages.archive_expands_too_far(
                    self._limits.archive_max_total_bytes, self._limits.archive_max_ratio
                )
            )


def _read_bounded(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _ExpansionBudget
) -> Iterator[bytes]:
    with archive.open(info) as member:
        while chunk := member.read(READ_CHUNK_BYTES):
            budget.spend(len(chunk))
            yield chunk
