"""The ``rss`` source: RSS 2.0 and Atom feeds (``urls:``), read by feedparser. Each entry is one
small HTML document: its title, its dates, its link and its content (sanitised by feedparser),
known by the entry's link (or id) so a changed entry becomes a new version of the same document.

A feed is fetched again only when it changed (``ETag`` / ``Last-Modified``); the cursor keeps,
per feed, each recent entry's updated date, and an entry seen with the same date is skipped.
Entries that drop off a feed are NOT withdrawn: feeds roll, keeping only their latest entries.
An entry whose content changes without a new date is not fetched again.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from time import struct_time
from typing import Any, Final

import feedparser
import httpx

from casework.sources.clients import texts
from casework.sources.clients.http import raise_if_nothing_read
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

MAX_SEEN_PER_FEED: Final = 500
"""Entries remembered per feed; more than a feed lists at once, so a rolled-off one is not
fetched as new when an older copy of the feed is served."""
MAX_SLUG_LENGTH: Final = 80
NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")
UNTITLED_SLUG: Final = "entry"


@dataclass(frozen=True)
class Entry:
    key: str
    """The entry's id (else its link): what the cursor remembers it by."""
    source: str
    """The entry's link (else its id): the document it becomes."""
    stamp: str
    """Its updated (else published) date, ISO; empty when the feed gives none."""
    document: bytes
    name: str


class RssClient:
    def __init__(self, transport: Transport, max_seen: int = MAX_SEEN_PER_FEED) -> None:
        self._transport = transport
        self._max_seen = max_seen

    def close(self) -> None:
        self._transport.close()

    def fetch(self, source: SourceConfig, cursor: Cursor) -> Fetched:
        known: dict[str, Any] = dict(cursor.get("feeds") or {})
        batch = _Batch()
        for url in source.urls:
            self._fetch_feed(url, known.get(url) or {}, batch)
        raise_if_nothing_read(source.urls, batch.failed)
        return Fetched(batch.files, cursor={"feeds": batch.feeds}, failed=batch.failed)

    def _fetch_feed(self, url: str, state: dict[str, Any], batch: _Batch) -> None:
        try:
            read = self._read(url, state)
        except UpstreamError as error:
            batch.failed.append({"source": url, "error": str(error)})
            if state:
                batch.feeds[url] = state
            return
        if read is None:
            batch.feeds[url] = state
            return
        entries, validators = read
        seen: dict[str, str] = dict(state.get("seen") or {})
        for entry in entries:
            if seen.get(entry.key) != entry.stamp:
                batch.add(entry)
            seen.pop(entry.key, None)
            seen[entry.key] = entry.stamp
        kept = dict(list(seen.items())[-self._max_seen :])
        batch.feeds[url] = {"validators": validators.as_json(), "seen": kept}

    def _read(self, url: str, state: dict[str, Any]) -> tuple[list[Entry], Validators] | None:
        """The feed's entries and validators; None when it did not change."""
        validators = Validators.from_json(state.get("validators"))
        response = self._transport.get(url, validators=validators)
        status = response.status_code
        if status == NOT_MODIFIED:
            return None
        if status in GONE:
            raise UpstreamError(texts.FEED_GONE.format(url=url, status=status))
        return entries_of(url, response), Validators.of(response)


@dataclass
class _Batch:
    files: list[IncomingFile] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    feeds: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)

    def add(self, entry: Entry) -> None:
        """One file per document, even when two feeds (or one, twice) list the same entry."""
        if entry.source not in self.sources:
            self.sources.add(entry.source)
            self.files.append(IncomingFile(entry.source, entry.name, entry.document))


def entries_of(url: str, response: httpx.Response) -> list[Entry]:
    """The feed's entries that can be known by a link or an id; raises :class:`UpstreamError`
    for a body that is no feed at all."""
    headers = {"content-location": url, "content-type": response.headers.get("Content-Type", "")}
    parsed = feedparser.parse(response.content, response_headers=headers)
    feed_title = str(parsed.feed.get("title") or "")
    known = [raw for raw in parsed.entries if raw.get("link") or raw.get("id")]
    entries = [_entry(raw, feed_title) for raw in known]
    if parsed.bozo and not entries:
        raise UpstreamError(texts.MALFORMED_FEED.format(url=url, error=parsed.bozo_exception))
    return entries


def _entry(raw: Any, feed_title: str) -> Entry:
    title = str(raw.get("title") or texts.FEED_ENTRY_UNTITLED)
    link = str(raw.get("link") or raw.get("id"))
    published = _iso(raw.get("published_parsed"))
    updated = _iso(raw.get("updated_parsed"))
    document = entry_document(
        title=title,
        link=link,
        dates=_date_lines(published, updated),
        feed_title=feed_title,
        body=_body_of(raw),
    )
    return Entry(
        key=str(raw.get("id") or link),
        source=link,
        stamp=updated or published,
        document=document,
        name=f"{slug(title)}.html",
    )


def entry_document(*, title: str, link: str, dates: list[str], feed_title: str, body: str) -> bytes:
    """The entry as a page the HTML loader reads well; the same entry gives the same bytes."""
    lines = [f"<p>{html.escape(line)}</p>" for line in dates]
    if feed_title:
        lines.append(f"<p>{html.escape(texts.FEED_ENTRY_FROM.format(title=feed_title))}</p>")
    escaped_link = html.escape(link)
    page = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html><head><meta charset="utf-8">',
            f"<title>{html.escape(title)}</title></head>",
            "<body><article>",
            f"<h1>{html.escape(title)}</h1>",
            *lines,
            f'<p><a href="{escaped_link}">{escaped_link}</a></p>',
            f"<div>{body}</div>",
            "</article></body></html>",
            "",
        ]
    )
    return page.encode("utf-8")


def _date_lines(published: str, updated: str) -> list[str]:
    lines = [texts.FEED_ENTRY_PUBLISHED.format(date=published)] if published else []
    if updated and updated != published:
        lines.append(texts.FEED_ENTRY_UPDATED.format(date=updated))
    return lines


def _body_of(raw: Any) -> str:
    """The entry's content (else its summary) as HTML: feedparser has already sanitised HTML,
    plain text is escaped here."""
    contents = raw.get("content") or []
    detail = contents[0] if contents else raw.get("summary_detail")
    if not detail:
        return ""
    value = str(detail.get("value") or "")
    if detail.get("type") == "text/plain":
        return html.escape(value)
    return value


def _iso(parsed: struct_time | None) -> str:
    """feedparser's dates are UTC."""
    if not parsed:
        return ""
    return datetime(*parsed[:6], tzinfo=UTC).isoformat()


def slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = NOT_SLUG.sub("-", ascii_title.lower()).strip("-")
    return words[:MAX_SLUG_LENGTH].rstrip("-") or UNTITLED_SLUG
