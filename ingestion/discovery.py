"""Finding the files to ingest under the paths a user gave, safely.

Folders recurse (hidden files and folders are passed over). Symbolic links are followed, but a
folder already visited is not entered again, so a link cycle cannot loop; a link that points at
itself, or at nothing, is reported as a problem with that path, and the walk goes on.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ingestion import messages


@dataclass(frozen=True)
class FoundFile:
    path: Path
    size_bytes: int


@dataclass(frozen=True)
class PathProblem:
    path: Path
    error: str


def discover(paths: Sequence[Path]) -> Iterator[FoundFile | PathProblem]:
    seen_dirs: set[tuple[int, int]] = set()
    seen_files: set[tuple[int, int]] = set()
    for path in paths:
        yield from _visit(path.absolute(), seen_dirs, seen_files)


def _visit(
    path: Path, seen_dirs: set[tuple[int, int]], seen_files: set[tuple[int, int]]
) -> Iterator[FoundFile | PathProblem]:
    try:
        status = path.stat()
    except OSError as error:
        yield PathProblem(path, _explain_stat_error(path, error))
        return
    identity = (status.st_dev, status.st_ino)
    if path.is_dir():
        if identity in seen_dirs:
            return
        seen_dirs.add(identity)
        yield from _visit_folder(path, seen_dirs, seen_files)
    elif path.is_file():
        if identity not in seen_files:
            seen_files.add(identity)
            yield FoundFile(path, status.st_size)
    else:
        yield PathProblem(path, messages.NOT_A_REGULAR_FILE)


def _visit_folder(
    folder: Path, seen_dirs: set[tuple[int, int]], seen_files: set[tuple[int, int]]
) -> Iterator[FoundFile | PathProblem]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield PathProblem(folder, _explain_stat_error(folder, error))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        yield from _visit(Path(entry.path), seen_dirs, seen_files)


def _explain_stat_error(path: Path, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return messages.SYMLINK_LOOP
    if error.errno == errno.EACCES:
        return messages.PERMISSION_DENIED
    if error.errno == errno.ENOENT:
        return messages.BROKEN_LINK if path.is_symlink() else messages.NOT_FOUND
    return messages.cannot_read(error)
