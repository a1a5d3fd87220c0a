"""One ingestion at a time per data folder (the journal recovery assumes a single writer)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from casework.errors import CasebotError
from ingestion import messages


class IngestionBusyError(CasebotError, RuntimeError):
    """Another ingestion holds this data folder; the message says to wait and retry."""


class IngestionLock:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None

    def __enter__(self) -> IngestionLock:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            os.close(fd)
            raise IngestionBusyError(messages.INGEST_ALREADY_RUNNING) from error
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
