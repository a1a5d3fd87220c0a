"""Press releases of the Department of Justice, from the justice.gov news API
(``{base_url}/api/v1/press_releases.json``; no key).

**Paging.** The API pages with ``page`` (0-based) and ``pagesize`` (at most 50; a larger one is
silently cut to 50) and says how many releases there are in ``metadata.resultset.count``; it
sorts by ``sort`` (``changed``, ``created`` or ``date``) in ``direction`` (``ASC``/``DESC``).
Releases are asked for by ``changed``, newest first, so an edited release — one whose ``date``
is old but whose ``changed`` just moved — comes back on the first page, as a new one does.

**Cursor.** ``{"changed": <greatest changed seen>, "uuids": [<releases at exactly that value>]}``.
A release is new when its ``changed`` is later than the cursor's, or equal to it and its uuid was
not yet seen there (two releases changed in the same second). A run stops after the page whose
oldest release is older than the cursor (no later page can hold anything new), at the end of the
results (``count`` reached, or an empty page), or at its page limit: a first run backfills
:attr:`DojPaging.backfill_pages` pages, later runs read at most :attr:`DojPaging.max_pages`.

**Catching up.** A later run that hits its limit before reaching the cursor keeps the cursor
where it was and notes ``catching_up``: the page to read next and the newest release seen so
far. The next run goes on from that page (a release that came out since only pushes the older
ones to later pages, so none is skipped; a few are read twice, and ingestion's hashing finds them
unchanged) until it reaches the cursor, and only then moves the cursor to that newest release.
Releases newer than it are fetched by the run after, from page 0.

**Filtering** happens here, not upstream: the API's ``parameters[...]`` filters are not
documented for topics or components. A release is kept when, for each filter the source has,
it matches: ``topics`` — one of its topic or component names equals one of them, ignoring case;
``keywords`` — one of them appears as a whole word in its title, teaser or body text, ignoring
case. Releases filtered out still move the cursor.

**Items.** Each kept release becomes ``doj-<uuid>.html`` under its justice.gov URL: its title, a
``Date: YYYY-MM-DD`` line (from ``date``, in UTC), its components, number and topics, then its
body. Nothing in it depends on when it was fetched, so an unchanged release is skipped by
ingestion's hashing and an edited one becomes a new version.

**Limitations.** The API lists published releases only and has no withdrawn marker: a release
taken down upstream just stops appearing, so nothing is reported withdrawn. A release edited so
that it no longer matches the filters keeps its last version.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final
from urllib.parse import urlencode, urljoin

from casework.sources.clients import texts
from casework.sources.clients.transport import Transport, UpstreamError
from casework.sources.config import SourceConfig
from casework.sources.fetching import Cursor, Fetched
from ingestion.pipeline import IncomingFile

DEFAULT_BASE_URL: Final = "https://www.justice.gov"
RELEASES_PATH: Final = "/api/v1/press_releases.json"
MAX_PAGE_SIZE: Final = 50
TAG: Final = re.compile(r"<[^>]+>")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DojPaging:
    page_size: int = MAX_PAGE_SIZE
    backfill_pages: int = 10
    """Pages a first run reads (newest first): how far back a new source starts."""
    max_pages: int = 50
    """Pages any later run reads at most."""


@dataclass(frozen=True)
class Release:
    uuid: str
    changed: int
    url: str
    title: str
    date: datetime | None
    number: str
    components: tuple[str, ...]
    topics: tuple[str, ...]
    teaser: str
    body: str

    def text(self) -> str:
        """Title, teaser and body as plain text, for keyword matching."""
        marked_up = " ".join((self.title, self.teaser, self.body))
        return html.unescape(TAG.sub(" ", marked_up))

    def as_file(self) -> IncomingFile:
        return IncomingFile(self.url, f"doj-{self.uuid}.html", render(self).encode("utf-8"))


@dataclass(frozen=True)
class Watermark:
    """The newest ``changed`` seen and the releases seen at exactly that second."""

    changed: int | None = None
    uuids: frozenset[str] = frozenset()

    @classmethod
    def from_cursor(cls, cursor: Cursor) -> Watermark:
        changed = cursor.get("changed")
        if not isinstance(changed, int):
            return cls()
        return cls(changed, frozenset(str(uuid) for uuid in cursor.get("uuids", ())))

    def as_cursor(self) -> dict[str, Any]:
        if self.changed is None:
            return {}
        return {"changed": self.changed, "uuids": sorted(self.uuids)}

    def is_new(self, release: Release) -> bool:
        if self.changed is None or release.changed > self.changed:
            return True
        return release.changed == self.changed and release.uuid not in self.uuids

    def is_older(self, release: Release) -> bool:
        return self.changed is not None and release.changed < self.changed

    def raised_by(self, release: Release) -> Watermark:
        if self.changed is None or release.changed > self.changed:
            return Watermark(release.changed, frozenset({release.uuid}))
        if release.changed == self.changed:
            return Watermark(self.changed, self.uuids | {release.uuid})
        return self


@dataclass(frozen=True)
class Page:
    releases: list[Release]
    count: int | None
    """All releases upstream (``metadata.resultset.count``), when it says."""


class DojClient:
    def __init__(
        self,
        transport: Transport,
        *,
        base_url: str = DEFAULT_BASE_URL,
        paging: DojPaging | None = None,
    ) -> None:
        self._transport = transport
        self._base_url = base_url
        self._paging = paging or DojPaging()

    def close(self) -> None:
        self._transport.close()

    def fetch(self, source: SourceConfig, cursor: Cursor) -> Fetched:
        base_url = (source.base_url or self._base_url).rstrip("/") + "/"
        since = Watermark.from_cursor(cursor)
        catching_up = cursor.get("catching_up")
        first_page, newest = 0, since
        if isinstance(catching_up, Mapping):
            first_page = int(catching_up.get("page", 0))
            newest = Watermark.from_cursor(catching_up.get("newest") or {})
        releases, next_page = self._new_releases(source.name, base_url, since, first_page)
        kept: dict[str, Release] = {}
        for release in releases:
            newest = newest.raised_by(release)
            if release.uuid not in kept and wanted(release, source):
                kept[release.uuid] = release
        files = [release.as_file() for release in kept.values()]
        if next_page is None or since.changed is None:
            return Fetched(files=files, cursor=newest.as_cursor())
        resume = {"page": next_page, "newest": newest.as_cursor()}
        return Fetched(files=files, cursor={**since.as_cursor(), "catching_up": resume})

    def _new_releases(
        self, source: str, base_url: str, since: Watermark, first_page: int
    ) -> tuple[list[Release], int | None]:
        """Releases changed since ``since``, newest first, from ``first_page`` on; and the page
        to go on from when the page limit came before the cursor (None: nothing is left)."""
        limit = self._paging.max_pages if since.changed is not None else self._paging.backfill_pages
        size = min(self._paging.page_size, MAX_PAGE_SIZE)
        found: list[Release] = []
        listed = first_page * size
        for number in range(first_page, first_page + limit):
            page = self._page(base_url, number, size)
            listed += len(page.releases)
            found.extend(release for release in page.releases if since.is_new(release))
            if _listed_all(page, listed) or any(map(since.is_older, page.releases)):
                return found, None
        if since.changed is not None:
            log.warning(texts.DOJ_PAGE_LIMIT, source, limit, first_page + limit)
        return found, first_page + limit

    def _page(self, base_url: str, number: int, size: int) -> Page:
        query = {"sort": "changed", "direction": "DESC", "pagesize": size, "page": number}
        url = f"{urljoin(base_url, RELEASES_PATH.lstrip('/'))}?{urlencode(query)}"
        body = self._transport.get_json(url)
        try:
            return parse_page(body, base_url)
        except MalformedListingError as problem:
            raise UpstreamError(texts.DOJ_MALFORMED.format(url=url, problem=problem)) from None


def _listed_all(page: Page, listed: int) -> bool:
    """An empty page, or as many releases read as the listing counts (whatever page size the
    API chose to give)."""
    return not page.releases or (page.count is not None and listed >= page.count)


# -- reading the API's answer ----------------------------------------------------------------


class MalformedListingError(ValueError):
    """What is wrong with a listing, in words for the error that names its URL."""


def parse_page(body: Any, base_url: str) -> Page:
    results = body.get("results") if isinstance(body, Mapping) else None
    if not isinstance(results, list):
        raise MalformedListingError(texts.DOJ_NOT_A_LISTING)
    releases = [parse_release(index, result, base_url) for index, result in enumerate(results)]
    return Page(releases, _count_of(body.get("metadata")))


def parse_release(index: int, result: Any, base_url: str) -> Release:
    if not isinstance(result, Mapping):
        raise MalformedListingError(texts.DOJ_NOT_A_RELEASE.format(index=index))
    uuid = _text(result.get("uuid"))
    changed = _integer(result.get("changed"))
    if not uuid:
        raise MalformedListingError(texts.DOJ_RELEASE_LACKS.format(index=index, field="uuid"))
    if changed is None:
        raise MalformedListingError(texts.DOJ_RELEASE_LACKS.format(index=index, field="changed"))
    url = _text(result.get("url")) or f"api/v1/press_releases/{uuid}.json"
    timestamp = _integer(result.get("date"))
    return Release(
        uuid=uuid,
        changed=changed,
        url=urljoin(base_url, url),
        title=_text(result.get("title")),
        date=datetime.fromtimestamp(timestamp, UTC) if timestamp is not None else None,
        number=_text(result.get("number")),
        components=names_of(result.get("component")),
        topics=names_of(result.get("topic")),
        teaser=_text(result.get("teaser")),
        body=_text(result.get("body")),
    )


def names_of(value: Any) -> tuple[str, ...]:
    """Topic and component names: the API gives a list of ``{name, ...}``, but a single object,
    a comma-separated string or an empty string are seen too."""
    if isinstance(value, str):
        return tuple(name.strip() for name in value.split(",") if name.strip())
    items: Iterable[Any] = value if isinstance(value, list) else [value]
    names = (item.get("name") if isinstance(item, Mapping) else item for item in items)
    return tuple(name.strip() for name in names if isinstance(name, str) and name.strip())


def _count_of(metadata: Any) -> int | None:
    resultset = metadata.get("resultset") if isinstance(metadata, Mapping) else None
    return _integer(resultset.get("count")) if isinstance(resultset, Mapping) else None


def _integer(value: Any) -> int | None:
    """Counts and timestamps arrive as strings ("1709251200") or numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


# -- which releases a source keeps -----------------------------------------------------------


def wanted(release: Release, source: SourceConfig) -> bool:
    return _has_topic(release, source.topics) and _has_keyword(release, source.keywords)


def _has_topic(release: Release, topics: Sequence[str]) -> bool:
    if not topics:
        return True
    names = {name.casefold() for name in (*release.topics, *release.components)}
    return any(topic.strip().casefold() in names for topic in topics)


def _has_keyword(release: Release, keywords: Sequence[str]) -> bool:
    if not keywords:
        return True
    text = release.text()
    return any(_whole_word(keyword).search(text) for keyword in keywords if keyword.strip())


def _whole_word(keyword: str) -> re.Pattern[str]:
    # Not \b: a keyword may start or end with a non-word character ("C++", "U.S.").
    return re.compile(rf"(?<!\w){re.escape(keyword.strip())}(?!\w)", re.IGNORECASE)


# -- the item's bytes ------------------------------------------------------------------------


def render(release: Release) -> str:
    """The release as a page: the same release always gives the same bytes."""
    title = html.escape(html.unescape(release.title) or release.uuid)
    facts = [
        ("Date", release.date.strftime("%Y-%m-%d") if release.date else ""),
        ("Component", "; ".join(release.components)),
        ("Press release number", release.number),
        ("Topics", "; ".join(release.topics)),
    ]
    lines = [f"<p>{label}: {html.escape(value)}</p>" for label, value in facts if value]
    content = release.body or (f"<p>{release.teaser}</p>" if release.teaser else "")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n<article>\n<h1>{title}</h1>\n"
        + "\n".join(lines)
        + f"\n<div>\n{content}\n</div>\n</article>\n</body>\n</html>\n"
    )
