"""One ingestion at a time per registry (the journal recovery assumes a single writer).

On the embedded defaults the registry lives in the data folder, and a file lock there is
enough. On PostgreSQL the writers may be on several hosts (replicas ingesting shared files, the
worker running sources), so the lock is a PostgreSQL advisory lock on the registry itself,
held by one connection for the ingestion and released by the server if that process dies.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType
from typing import Final, Protocol

from sqlalchemy import Connection, Engine, text

from casework.errors import CasebotError
from ingestion import messages


class IngestionBusyError(CasebotError, RuntimeError):
    """Another ingestion holds this data folder; the message says to wait and retry."""


ADVISORY_LOCK_KEY: Final = 0x43415345424F54  # "CASEBOT": one lock for every ingestion


class IngestionLock(Protocol):
    def __enter__(self) -> IngestionLock: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


def registry_lock(engine: Engine, data_folder: Path) -> IngestionLock:
    """The advisory lock on PostgreSQL, else the file lock in the data folder."""
    if engine.dialect.name == "postgresql":
        return AdvisoryIngestionLock(engine)
    return FileIngestionLock(data_folder / "ingest.lock")


class AdvisoryIngestionLock:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None

    def __enter__(self) -> AdvisoryIngestionLock:
        connection = self._engine.connect()
        taken = connection.execute(
            text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY}
        ).scalar_one()
        connection.commit()
        if not taken:
            connection.close()
            raise IngestionBusyError(messages.INGEST_ALREADY_RUNNING)
        self._connection = connection
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        connection, self._connection = self._connection, None
        if connection is None:
            return
        try:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
            connection.commit()
        except Exception:
            connection.invalidate()  # never pooled while it may still hold the lock
            raise
        finally:
            connection.close()


class FileIngestionLock:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._fd: int | None = None

    def __enter__(self) -> FileIngestionLock:
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
