"""The ``http`` source against a real HTTP server on 127.0.0.1: pages and files fetched again
only when changed, withdrawn when gone, and one unreadable address never stopping the others."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from bot.services import Services, build_services
from bot.testing.upstream import Answer, FakeUpstream, Seen, running_upstream
from casework.access import Viewer
from casework.settings import load_settings
from casework.sources.clients.http import HttpClient, file_name
from casework.sources.clients.transport import HttpPolicy, Transport, UpstreamError
from casework.sources.config import SourceConfig, SourceType
from casework.sources.cursors import SourceCursors
from casework.sources.remote import RemoteRunner
from retrieval.testing import HashingEmbedder
from tests.sources.support import Clock, sources_of
from tests.sources.test_transport import Sleeps

NOTICE = b"<html><body><h1>Seizure notice</h1><p>Forty counterfeit watches held.</p></body></html>"
FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>CBP</title>'
    b"<item><title>Perfume seized</title><link>https://cbp.test/news/perfume</link>"
    b"<description>Lot 12: counterfeit perfume seized.</description></item></channel></rss>"
)
LIST = b"Port of Long Beach: forfeiture list\nLot 7: counterfeit handbags\n"


@dataclass
class Page:
    """A page that answers ``304`` to a request carrying its current ``ETag``."""

    body: bytes
    etag: str
    content_type: str = "text/html; charset=utf-8"

    def __call__(self, seen: Seen) -> Answer:
        if seen.headers.get("If-None-Match") == self.etag:
            return Answer(304, headers={"ETag": self.etag})
        headers = {"ETag": self.etag, "Content-Type": self.content_type}
        return Answer(200, self.body, headers)


@pytest.fixture
def upstream() -> Iterator[FakeUpstream]:
    with running_upstream() as server:
        server.route("/notices/seizure.html", Page(NOTICE, '"n1"'))
        server.route("/forfeiture/list", Page(LIST, '"l1"', "text/plain"))
        yield server


def http_source(*urls: str, prune: bool = True) -> SourceConfig:
    entry = (
        "  - name: notices\n    type: http\n    schedule: {every: 1h}\n    kind: filing\n"
        f"    prune: {str(prune).lower()}\n    urls: {json.dumps(list(urls))}\n"
    )
    return sources_of(entry).by_name["notices"]


def client(sleeps: Sleeps | None = None) -> HttpClient:
    sleeps = sleeps or Sleeps()
    return HttpClient(Transport(HttpPolicy(timeout_seconds=5), sleep=sleeps, clock=sleeps.clock))


def addresses(upstream: FakeUpstream, *paths: str) -> list[str]:
    return [f"{upstream.url}{path}" for path in paths]


def test_each_address_becomes_a_file_named_from_its_path_or_its_content_type(
    upstream: FakeUpstream,
) -> None:
    notice, listing = addresses(upstream, "/notices/seizure.html", "/forfeiture/list")

    fetched = client().fetch(http_source(notice, listing), {})

    assert [(file.source, file.name, file.data) for file in fetched.files] == [
        (notice, "seizure.html", NOTICE),
        (listing, "list.txt", LIST),
    ]
    assert fetched.cursor == {"urls": {notice: {"etag": '"n1"'}, listing: {"etag": '"l1"'}}}


def test_a_second_run_sends_the_validators_and_an_unchanged_page_brings_nothing(
    upstream: FakeUpstream,
) -> None:
    notice, listing = addresses(upstream, "/notices/seizure.html", "/forfeiture/list")
    source, http = http_source(notice, listing), client()

    again = http.fetch(source, http.fetch(source, {}).cursor)

    assert (again.files, again.withdrawn, again.failed) == ([], [], [])
    assert again.cursor["urls"][notice] == {"etag": '"n1"'}
    second = upstream.requests_to("/notices/seizure.html")[1]
    assert second.headers.get("If-None-Match") == '"n1"'


def test_a_page_with_only_last_modified_is_asked_if_modified_since(
    upstream: FakeUpstream,
) -> None:
    stamp = "Mon, 02 Mar 2026 09:00:00 GMT"

    def dated(seen: Seen) -> Answer:
        if seen.headers.get("If-Modified-Since") == stamp:
            return Answer(304)
        return Answer(200, NOTICE, {"Last-Modified": stamp, "Content-Type": "text/html"})

    upstream.route("/dated", dated)
    (url,) = addresses(upstream, "/dated")
    http = client()

    first = http.fetch(http_source(url), {})
    again = http.fetch(http_source(url), first.cursor)

    assert [file.name for file in first.files] == ["dated.html"]
    assert again.files == []


def test_a_gone_page_is_withdrawn_and_forgotten_by_the_cursor(upstream: FakeUpstream) -> None:
    notice, listing = addresses(upstream, "/notices/seizure.html", "/forfeiture/list")
    source, http = http_source(notice, listing), client()
    cursor = http.fetch(source, {}).cursor
    upstream.route("/notices/seizure.html", lambda seen: Answer(410, b"gone"))

    fetched = http.fetch(source, cursor)

    assert fetched.withdrawn == [notice]
    assert list(fetched.cursor["urls"]) == [listing]


def test_an_address_dropped_from_the_sources_file_is_withdrawn(upstream: FakeUpstream) -> None:
    notice, listing = addresses(upstream, "/notices/seizure.html", "/forfeiture/list")
    http = client()
    cursor = http.fetch(http_source(notice, listing), {}).cursor

    fetched = http.fetch(http_source(listing), cursor)

    assert fetched.withdrawn == [notice]
    assert fetched.cursor == {"urls": {listing: {"etag": '"l1"'}}}


def test_a_failing_address_is_reported_while_the_others_are_fetched_and_keeps_its_cursor(
    upstream: FakeUpstream,
) -> None:
    notice, listing = addresses(upstream, "/notices/seizure.html", "/forfeiture/list")
    source, http = http_source(notice, listing), client()
    cursor = http.fetch(source, {}).cursor
    upstream.route("/notices/seizure.html", lambda seen: Answer(503))
    upstream.route("/forfeiture/list", Page(LIST + b"Lot 8: fake perfume\n", '"l2"', "text/plain"))

    fetched = http.fetch(source, cursor)

    assert [file.source for file in fetched.files] == [listing]
    assert [(failure["source"], "HTTP 503" in failure["error"]) for failure in fetched.failed] == [
        (notice, True)
    ]
    assert fetched.cursor["urls"] == {notice: {"etag": '"n1"'}, listing: {"etag": '"l2"'}}
    assert fetched.withdrawn == []


def test_when_no_address_can_be_read_the_run_fails(upstream: FakeUpstream) -> None:
    notice, listing = addresses(upstream, "/notices/seizure.html", "/forfeiture/list")
    upstream.route("/notices/seizure.html", lambda seen: Answer(500))
    upstream.route("/forfeiture/list", lambda seen: Answer(403))

    with pytest.raises(UpstreamError, match="none of the 2 addresses could be read"):
        client().fetch(http_source(notice, listing), {})


def test_a_429_waits_as_retry_after_says_and_then_fetches(upstream: FakeUpstream) -> None:
    (notice,) = addresses(upstream, "/notices/seizure.html")
    sleeps = Sleeps()
    upstream.script(Answer(429, headers={"Retry-After": "12"}))

    fetched = client(sleeps).fetch(http_source(notice), {})

    assert [file.data for file in fetched.files] == [NOTICE]
    assert sleeps.waits == [12.0]


@pytest.mark.parametrize(
    ("url", "content_type", "name"),
    [
        ("https://court.test/orders/2026-03-02%20order.pdf", "application/octet-stream", None),
        ("https://court.test/orders/latest", "application/pdf", "latest.pdf"),
        ("https://court.test/api/docket", "application/json; charset=utf-8", "docket.json"),
        ("https://court.test/feeds/status", "application/xml", "status.xml"),
        ("https://court.test/exports/lots", "text/csv", "lots.csv"),
        ("https://court.test/", "text/html", "index.html"),
        ("https://court.test/blob", "application/octet-stream", "blob"),
    ],
)
def test_file_names_come_from_the_path_or_else_the_content_type(
    url: str, content_type: str, name: str | None
) -> None:
    response = httpx.Response(200, headers={"Content-Type": content_type})

    assert file_name(url, response) == (name or "2026-03-02 order.pdf")


def test_pages_are_ingested_versioned_when_changed_and_removed_when_gone(
    services: Services, upstream: FakeUpstream
) -> None:
    notice, listing = addresses(upstream, "/notices/seizure.html", "/forfeiture/list")
    source = http_source(notice, listing)
    cursors = SourceCursors(services.sessions, Clock())
    run = RemoteRunner(client(), services.ingestion, cursors, services.hits.count)

    first, unchanged = run(source), run(source)
    changed_notice = NOTICE.replace(b"Forty", b"Sixty")
    upstream.route("/notices/seizure.html", Page(changed_notice, '"n2"'))
    changed = run(source)
    upstream.route("/forfeiture/list", lambda seen: Answer(404))
    gone = run(source)

    assert (first.added, unchanged.added, unchanged.updated) == (2, 0, 0)
    assert (changed.updated, gone.removed) == (1, 1)
    hit = services.searcher.search("counterfeit watches", Viewer.operator()).hits[0]
    assert (hit.url, "Sixty counterfeit watches" in hit.text) == (notice, True)
    remaining = services.searcher.search("handbags forfeiture", Viewer.operator()).hits
    assert {hit.url for hit in remaining} == {notice}


def test_the_worker_runs_http_and_rss_sources_with_the_configured_timeout(
    tmp_path: Path, hashing_embedder: HashingEmbedder, upstream: FakeUpstream
) -> None:
    settings = load_settings(
        CASEBOT_HOME=tmp_path / "casebot-home", CASEBOT_SOURCE_HTTP_TIMEOUT_SECONDS="7"
    )
    services = build_services(settings, embedder=hashing_embedder)
    upstream.route("/feed.rss", lambda seen: Answer(200, FEED, {"Content-Type": "text/xml"}))
    notice, feed = addresses(upstream, "/notices/seizure.html", "/feed.rss")
    feed_source = sources_of(
        "  - name: feed\n    type: rss\n    schedule: {every: 1h}\n    kind: filing\n"
        f"    urls: [{json.dumps(feed)}]\n"
    ).by_name["feed"]

    page_run = services.source_runners[SourceType.HTTP](http_source(notice))
    feed_run = services.source_runners[SourceType.RSS](feed_source)

    assert (page_run.added, feed_run.added) == (1, 1)
    hits = services.searcher.search("counterfeit perfume lot", Viewer.operator()).hits
    assert hits[0].url == "https://cbp.test/news/perfume"
