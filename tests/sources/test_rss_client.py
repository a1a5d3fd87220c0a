"""The ``rss`` source against a real HTTP server on 127.0.0.1 serving RSS 2.0 and Atom feeds:
each entry one deterministic HTML document, unchanged feeds and seen entries skipped, rolled-off
entries kept, and a feed that is no feed reported clearly."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from bot.services import Services
from bot.testing.upstream import Answer, FakeUpstream, Seen, running_upstream
from casework.access import Viewer
from casework.sources.clients.rss import RssClient
from casework.sources.clients.transport import HttpPolicy, Transport, UpstreamError
from casework.sources.config import SourceConfig
from casework.sources.cursors import SourceCursors
from casework.sources.remote import RemoteRunner
from tests.sources.support import Clock, sources_of
from tests.sources.test_transport import Sleeps

NEWS = "https://www.cbp.gov/newsroom/local-media-release"
WATCHES = f"{NEWS}/cbp-seizes-counterfeit-watches"
AIRBAGS = f"{NEWS}/fake-airbags-seized-port"
TOYS = f"{NEWS}/counterfeit-toys-held"


def rss_item(title: str, link: str, date: str, description: str) -> str:
    return (
        f"<item><title>{title}</title><link>{link}</link>"
        f'<guid isPermaLink="true">{link}</guid><pubDate>{date}</pubDate>'
        f"<description>{description}</description></item>"
    )


WATCHES_ITEM = rss_item(
    "CBP Seizes Counterfeit Watches &amp; Jewelry",
    WATCHES,
    "Mon, 02 Mar 2026 09:30:00 -0500",
    "&lt;p&gt;Officers seized &lt;b&gt;forty counterfeit watches&lt;/b&gt; at the port."
    "&lt;script&gt;alert('x')&lt;/script&gt;&lt;/p&gt;",
)
AIRBAGS_ITEM = rss_item(
    "Fake Airbags Seized at the Port",
    AIRBAGS,
    "Tue, 03 Mar 2026 11:00:00 GMT",
    "&lt;p&gt;Eight hundred fake airbags were seized.&lt;/p&gt;",
)
TOYS_ITEM = rss_item(
    "Counterfeit Toys Held",
    TOYS,
    "Wed, 04 Mar 2026 08:00:00 GMT",
    "&lt;p&gt;Two pallets of counterfeit toys were held.&lt;/p&gt;",
)


def rss_feed(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        "<title>CBP Local Media Releases</title><link>https://www.cbp.gov/newsroom</link>"
        "<description>Local media releases</description><language>en</language>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def atom_feed(updated: str = "2026-03-05T10:00:00Z", summary: str = "Docket updated.") -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Court Orders</title>
  <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
  <updated>{updated}</updated>
  <link rel="self" href="https://court.test/orders.atom"/>
  <entry>
    <title>Order granting seizure warrant</title>
    <link rel="alternate" type="text/html" href="https://court.test/orders/2026-117"/>
    <id>tag:court.test,2026:order-117</id>
    <published>2026-03-05T09:00:00Z</published>
    <updated>{updated}</updated>
    <author><name>Clerk</name></author>
    <content type="html">&lt;p&gt;The court grants the seizure warrant for the counterfeit
      handbags. {summary}&lt;/p&gt;</content>
  </entry>
  <entry>
    <title type="text">Notice without a page</title>
    <id>tag:court.test,2026:notice-9</id>
    <updated>2026-03-01T12:00:00Z</updated>
    <summary type="text">Hearing on &lt;forfeiture&gt; moved to April.</summary>
  </entry>
</feed>""".encode()


@dataclass
class Feed:
    """A feed that answers ``304`` to a request carrying its current ``ETag``."""

    body: bytes
    etag: str
    content_type: str = "application/rss+xml; charset=utf-8"

    def __call__(self, seen: Seen) -> Answer:
        if seen.headers.get("If-None-Match") == self.etag:
            return Answer(304, headers={"ETag": self.etag})
        return Answer(200, self.body, {"ETag": self.etag, "Content-Type": self.content_type})


@pytest.fixture
def upstream() -> Iterator[FakeUpstream]:
    with running_upstream() as server:
        server.route("/news.rss", Feed(rss_feed(WATCHES_ITEM, AIRBAGS_ITEM), '"r1"'))
        server.route("/orders.atom", Feed(atom_feed(), '"a1"', "application/atom+xml"))
        yield server


def rss_source(*urls: str) -> SourceConfig:
    entry = (
        "  - name: releases\n    type: rss\n    schedule: {every: 1h}\n    kind: filing\n"
        f"    urls: {json.dumps(list(urls))}\n"
    )
    return sources_of(entry).by_name["releases"]


def client(sleeps: Sleeps | None = None, max_seen: int = 500) -> RssClient:
    sleeps = sleeps or Sleeps()
    policy = HttpPolicy(timeout_seconds=5)
    return RssClient(Transport(policy, sleep=sleeps, clock=sleeps.clock), max_seen=max_seen)


def feeds(upstream: FakeUpstream, *paths: str) -> list[str]:
    return [f"{upstream.url}{path}" for path in paths]


def test_each_rss_item_becomes_a_page_with_its_title_date_link_and_sanitised_text(
    upstream: FakeUpstream,
) -> None:
    fetched = client().fetch(rss_source(*feeds(upstream, "/news.rss")), {})

    watches = fetched.files[0]
    page = watches.data.decode()
    assert [(file.source, file.name) for file in fetched.files] == [
        (WATCHES, "cbp-seizes-counterfeit-watches-jewelry.html"),
        (AIRBAGS, "fake-airbags-seized-at-the-port.html"),
    ]
    assert "<h1>CBP Seizes Counterfeit Watches &amp; Jewelry</h1>" in page
    assert "<p>Published: 2026-03-02T14:30:00+00:00</p>" in page
    assert f'<a href="{WATCHES}">' in page
    assert "<b>forty counterfeit watches</b>" in page
    assert "alert" not in page


def test_each_atom_entry_becomes_a_page_known_by_its_link_or_else_its_id(
    upstream: FakeUpstream,
) -> None:
    fetched = client().fetch(rss_source(*feeds(upstream, "/orders.atom")), {})

    order, notice = (file.data.decode() for file in fetched.files)
    assert [file.source for file in fetched.files] == [
        "https://court.test/orders/2026-117",
        "tag:court.test,2026:notice-9",
    ]
    assert "<p>Published: 2026-03-05T09:00:00+00:00</p>" in order
    assert "<p>Updated: 2026-03-05T10:00:00+00:00</p>" in order
    assert "<p>From the feed: Court Orders</p>" in order
    assert "Hearing on &lt;forfeiture&gt; moved to April." in notice


def test_the_same_entries_give_the_same_bytes(upstream: FakeUpstream) -> None:
    source = rss_source(*feeds(upstream, "/news.rss", "/orders.atom"))

    first, second = client().fetch(source, {}), client().fetch(source, {})

    assert [file.data for file in first.files] == [file.data for file in second.files]


def test_an_unchanged_feed_answers_304_and_brings_nothing(upstream: FakeUpstream) -> None:
    source, rss = rss_source(*feeds(upstream, "/news.rss")), client()

    first = rss.fetch(source, {})
    again = rss.fetch(source, first.cursor)

    assert (again.files, again.failed, again.cursor) == ([], [], first.cursor)
    assert upstream.requests_to("/news.rss")[1].headers.get("If-None-Match") == '"r1"'


def test_a_changed_feed_brings_only_its_new_and_updated_entries(upstream: FakeUpstream) -> None:
    news, orders = feeds(upstream, "/news.rss", "/orders.atom")
    source, rss = rss_source(news, orders), client()
    cursor = rss.fetch(source, {}).cursor
    upstream.route("/news.rss", Feed(rss_feed(TOYS_ITEM, WATCHES_ITEM, AIRBAGS_ITEM), '"r2"'))
    upstream.route("/orders.atom", Feed(atom_feed("2026-03-06T08:00:00Z"), '"a2"'))

    fetched = rss.fetch(source, cursor)

    assert [file.source for file in fetched.files] == [TOYS, "https://court.test/orders/2026-117"]
    assert fetched.withdrawn == []


def test_entries_that_roll_off_a_feed_are_not_withdrawn_and_the_memory_is_bounded(
    upstream: FakeUpstream,
) -> None:
    (news,) = feeds(upstream, "/news.rss")
    source, rss = rss_source(news), client(max_seen=2)
    cursor = rss.fetch(source, {}).cursor
    upstream.route("/news.rss", Feed(rss_feed(TOYS_ITEM, AIRBAGS_ITEM), '"r2"'))

    fetched = rss.fetch(source, cursor)

    assert [file.source for file in fetched.files] == [TOYS]
    assert fetched.withdrawn == []
    assert set(fetched.cursor["feeds"][news]["seen"]) == {TOYS, AIRBAGS}


def test_a_body_that_is_no_feed_fails_the_run_naming_the_feed(upstream: FakeUpstream) -> None:
    upstream.route("/news.rss", lambda seen: Answer(200, b"<html><body>Maintenance</body"))
    (news,) = feeds(upstream, "/news.rss")

    with pytest.raises(UpstreamError, match=f"{news} is not a readable RSS or Atom feed"):
        client().fetch(rss_source(news), {})


def test_a_broken_feed_is_reported_while_the_other_feeds_are_read_and_keeps_its_cursor(
    upstream: FakeUpstream,
) -> None:
    news, orders = feeds(upstream, "/news.rss", "/orders.atom")
    source, rss = rss_source(news, orders), client()
    cursor = rss.fetch(source, {}).cursor
    upstream.route("/news.rss", lambda seen: Answer(200, b"<rss><channel><item><title>x</ti"))
    upstream.route("/orders.atom", Feed(atom_feed("2026-03-06T08:00:00Z"), '"a2"'))

    fetched = rss.fetch(source, cursor)

    assert [file.source for file in fetched.files] == ["https://court.test/orders/2026-117"]
    assert [failure["source"] for failure in fetched.failed] == [news]
    assert fetched.cursor["feeds"][news] == cursor["feeds"][news]


def test_a_gone_feed_says_its_entries_are_kept(upstream: FakeUpstream) -> None:
    upstream.route("/news.rss", lambda seen: Answer(410))
    (news,) = feeds(upstream, "/news.rss")

    with pytest.raises(UpstreamError, match="the feed is gone \\(its entries are kept\\)"):
        client().fetch(rss_source(news), {})


def test_a_429_and_a_5xx_are_waited_out(upstream: FakeUpstream) -> None:
    sleeps = Sleeps()
    upstream.script(Answer(429, headers={"Retry-After": "20"}), Answer(503))

    fetched = client(sleeps).fetch(rss_source(*feeds(upstream, "/news.rss")), {})

    assert len(fetched.files) == 2
    assert sleeps.waits == [20.0, 1.0]


def test_feed_entries_are_ingested_found_by_their_link_and_versioned_when_updated(
    services: Services, upstream: FakeUpstream
) -> None:
    news, orders = feeds(upstream, "/news.rss", "/orders.atom")
    source = rss_source(news, orders)
    cursors = SourceCursors(services.sessions, Clock())
    run = RemoteRunner(client(), services.ingestion, cursors, services.hits.count)

    first, nothing_new = run(source), run(source)
    upstream.route("/news.rss", Feed(rss_feed(TOYS_ITEM), '"r2"'))
    upstream.route("/orders.atom", Feed(atom_feed("2026-03-07T08:00:00Z", "Stayed."), '"a2"'))
    later = run(source)

    assert (first.added, first.failed) == (4, 0)
    assert (nothing_new.added, nothing_new.updated, nothing_new.unchanged) == (0, 0, 0)
    assert (later.added, later.updated, later.removed) == (1, 1, 0)
    watches = services.searcher.search("forty counterfeit watches", Viewer.operator()).hits[0]
    assert watches.url == WATCHES
    assert "Published: 2026-03-02T14:30:00+00:00" in watches.text
    order = services.searcher.search("seizure warrant handbags", Viewer.operator()).hits[0]
    assert (order.url, "Stayed." in order.text) == ("https://court.test/orders/2026-117", True)


def test_a_malformed_feed_ingests_nothing_and_leaves_the_cursor(
    services: Services, upstream: FakeUpstream
) -> None:
    source = rss_source(*feeds(upstream, "/news.rss"))
    cursors = SourceCursors(services.sessions, Clock())
    run = RemoteRunner(client(), services.ingestion, cursors, services.hits.count)
    upstream.route("/news.rss", lambda seen: Answer(200, b"{not a feed"))

    with pytest.raises(UpstreamError):
        run(source)

    assert cursors.get("releases") == {}
    assert services.searcher.search("counterfeit", Viewer.operator()).hits == []
