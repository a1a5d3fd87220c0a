"""What a source's client gives a run: the new or changed items, the withdrawn ones, and the
cursor the next run starts from.

A client fetches; it never ingests. The run ingests the items, removes the withdrawn, and only
then keeps the new cursor: a run that dies half-way leaves the old cursor, so the next run
fetches the same items again and ingestion's hashing finds the ones it already has unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from casework.sources.config import SourceConfig
from ingestion.pipeline import IncomingFile

Cursor = Mapping[str, Any]
"""A client's own JSON-serialisable state between runs (ETags, the last ``changed`` seen)."""


@dataclass(frozen=True)
class Fetched:
    files: list[IncomingFile] = field(default_factory=list)
    """New or changed items; an item keeps its ``source`` name (a URL) across versions."""
    withdrawn: list[str] = field(default_factory=list)
    """The ``source`` names of items gone upstream (404, 410, withdrawn): they are removed."""
    cursor: dict[str, Any] = field(default_factory=dict)
    """What the next run starts from."""
    failed: list[dict[str, str]] = field(default_factory=list)
    """Items that could not be fetched (``source``, ``error``) while the others were: the run
    counts them as failed, and the cursor keeps what it knew of them."""


class Client(Protocol):
    def fetch(self, source: SourceConfig, cursor: Cursor) -> Fetched:
        """Everything new since ``cursor`` (empty on a first run). Raises a
        :class:`~casework.sources.errors.SourceError` when the source could not be read."""
        ...

    def close(self) -> None:
        """Let go of the connections it keeps between runs."""
        ...
