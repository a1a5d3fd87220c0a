"""The ``http`` source: pages and files at fixed addresses (``urls:``), each fetched again only
when it changed (``ETag`` / ``Last-Modified``, so an unchanged one answers ``304``).

An address answering ``404``/``410``, or dropped from the sources file, is withdrawn. One
that cannot be read is a failed item of the run while the others are ingested; it keeps what
the cursor knew of it, so it is fetched in full again next time.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import unquote, urlsplit

import httpx

from casework.sources.clients import texts
from casework.sources.clients.transport import (
    GONE,
    NOT_MODIFIED,
    Transport,
    UpstreamError,
    Validators,
)
from casework.sources.config import SourceConfig
from casework.sources.fetching import Cursor, Fetched
from ingestion.pipeline import IncomingFile

EXTENSION_OF_TYPE: Final = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "application/json": ".json",
    "text/xml": ".xml",
    "application/xml": ".xml",
    "text/plain": ".txt",
    "text/csv": ".csv",
}
NAMELESS_PAGE: Final = "index"


class HttpClient:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def close(self) -> None:
        self._transport.close()

    def fetch(self, source: SourceConfig, cursor: Cursor) -> Fetched:
        known: dict[str, Any] = dict(cursor.get("urls") or {})
        batch = _Batch(withdrawn=[url for url in known if url not in source.urls])
        for url in source.urls:
            self._fetch_one(url, known.get(url), batch)
        raise_if_nothing_read(source.urls, batch.failed)
        return Fetched(batch.files, batch.withdrawn, {"urls": batch.validators}, batch.failed)

    def _fetch_one(self, url: str, known: dict[str, str] | None, batch: _Batch) -> None:
        try:
            response = self._transport.get(url, validators=Validators.from_json(known))
        except UpstreamError as error:
            batch.failed.append({"source": url, "error": str(error)})
            if known is not None:
                batch.validators[url] = known
            return
        status = response.status_code
        if status in GONE:
            batch.withdrawn.append(url)
        elif status == NOT_MODIFIED:
            batch.validators[url] = known or {}
        else:
            batch.files.append(IncomingFile(url, file_name(url, response), response.content))
            batch.validators[url] = Validators.of(response).as_json()


@dataclass
class _Batch:
    files: list[IncomingFile] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    validators: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per address fetched: what the next request sends back (also how a dropped one is known)."""


def raise_if_nothing_read(urls: Sequence[str], failed: list[dict[str, str]]) -> None:
    """Every address failing is the source failing (the network, say): the run fails, so the
    scheduler retries it sooner and marks it failing if it goes on."""
    if not failed or len(failed) < len(urls):
        return
    if len(failed) == 1:
        raise UpstreamError(failed[0]["error"])
    raise UpstreamError(texts.NOTHING_READABLE.format(count=len(failed), error=failed[0]["error"]))


def file_name(url: str, response: httpx.Response) -> str:
    """The address's last path segment; its extension, when it has none, from ``Content-Type``
    (loaders recognise formats by content first, so a name only settles ties)."""
    segment = unquote(posixpath.basename(urlsplit(url).path)) or NAMELESS_PAGE
    if posixpath.splitext(segment)[1]:
        return segment
    media_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    return segment + EXTENSION_OF_TYPE.get(media_type, "")
