"""The justice.gov press-release client against a fake of the API on 127.0.0.1 that answers as
the real one does: ``{metadata: {resultset: {count, page, pagesize}}, results: [...]}``, pages
0-based, sorted by ``sort``/``direction``, timestamps and the count as strings."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.services import Services, build_services
from bot.testing.upstream import Answer, FakeUpstream, Seen, running_upstream
from casework.access import Viewer
from casework.settings import load_settings
from casework.sources.clients.doj import RELEASES_PATH, DojClient, DojPaging
from casework.sources.clients.transport import HttpPolicy, Transport, UpstreamError
from casework.sources.config import SourceConfig, SourceType
from casework.sources.cursors import SourceCursors
from casework.sources.remote import RemoteRunner
from retrieval.testing import HashingEmbedder
from tests.sources.support import Clock, sources_of
from tests.sources.test_transport import Sleeps

PUBLIC_SITE = "https://www.justice.gov"
MARCH_2 = 1772442000  # 2026-03-02 09:00 UTC
DAY = 86400


@dataclass
class FakeDojApi:
    """The press releases upstream, served as the justice.gov API serves them."""

    releases: dict[str, dict[str, Any]] = field(default_factory=dict)

    def add(
        self,
        uuid: str,
        title: str,
        *,
        changed: int,
        date: int | None = None,
        body: str = "<p>Details follow.</p>",
        teaser: str = "",
        topics: tuple[str, ...] = (),
        components: tuple[str, ...] = ("Office of Public Affairs",),
        url: str | None = None,
    ) -> None:
        self.releases[uuid] = {
            "uuid": uuid,
            "title": title,
            "body": body,
            "teaser": teaser,
            "url": url or f"{PUBLIC_SITE}/opa/pr/{uuid}",
            "date": str(date if date is not None else changed),
            "created": str(date if date is not None else changed),
            "changed": str(changed),
            "number": f"26-{len(self.releases) + 100}",
            "component": [{"uuid": f"c-{name}", "name": name} for name in components],
            "topic": [{"uuid": f"t-{name}", "name": name} for name in topics],
            "attachment": [],
            "image": [],
        }

    def edit(self, uuid: str, *, changed: int, body: str) -> None:
        self.releases[uuid] = {**self.releases[uuid], "changed": str(changed), "body": body}

    def answer(self, seen: Seen) -> Answer:
        size = min(int(seen.param("pagesize", "20") or 20), 50)
        page = int(seen.param("page", "0") or 0)
        key = seen.param("sort", "created") or "created"
        ordered = sorted(
            self.releases.values(),
            key=lambda release: (int(release[key]), release["uuid"]),
            reverse=seen.param("direction") == "DESC",
        )
        body = {
            "metadata": {
                "responseInfo": {"status": 200},
                "resultset": {"count": str(len(ordered)), "page": page, "pagesize": size},
                "executionTime": 0.01,
            },
            "results": ordered[page * size : (page + 1) * size],
        }
        return Answer(200, json.dumps(body).encode(), {"Content-Type": "application/json"})


@pytest.fixture
def doj() -> FakeDojApi:
    return FakeDojApi()


@pytest.fixture
def upstream(doj: FakeDojApi) -> Iterator[FakeUpstream]:
    with running_upstream() as server:
        server.route(RELEASES_PATH, doj.answer)
        yield server


def client(sleeps: Sleeps | None = None, **paging: int) -> DojClient:
    sleeps = sleeps or Sleeps()
    policy = HttpPolicy(timeout_seconds=5, backoff_seconds=0.5, min_interval_seconds=1.0)
    transport = Transport(policy, sleep=sleeps, clock=sleeps.clock)
    return DojClient(transport, paging=DojPaging(**{"page_size": 2, **paging}))


def source(upstream: FakeUpstream, *, topics: str = "", keywords: str = "") -> SourceConfig:
    filters = f"    topics: [{topics}]\n" if topics else ""
    filters += f"    keywords: [{keywords}]\n" if keywords else ""
    if not filters:
        filters = "    keywords: [fraud]\n"
    entry = (
        "  - name: doj-releases\n    type: doj\n    schedule: {every: 1h}\n    kind: filing\n"
        f"    base_url: {upstream.url}\n{filters}"
    )
    return sources_of(entry).by_name["doj-releases"]


def pages_asked(upstream: FakeUpstream) -> list[str | None]:
    return [seen.param("page") for seen in upstream.requests_to(RELEASES_PATH)]


def runner(services: Services, doj_client: DojClient) -> RemoteRunner:
    cursors = SourceCursors(services.sessions, Clock())
    return RemoteRunner(doj_client, services.ingestion, cursors, services.hits.count)


def add_frauds(doj: FakeDojApi, count: int) -> None:
    for number in range(count):
        doj.add(f"r{number}", f"Wire fraud scheme number {number}", changed=MARCH_2 + number)


# -- paging and the cursor -------------------------------------------------------------------


def test_a_first_run_pages_newest_changed_first_until_the_count_is_reached(
    upstream: FakeUpstream, doj: FakeDojApi
) -> None:
    add_frauds(doj, 5)

    fetched = client().fetch(source(upstream), {})

    assert [item.name for item in fetched.files] == [f"doj-r{n}.html" for n in (4, 3, 2, 1, 0)]
    assert pages_asked(upstream) == ["0", "1", "2"]
    first = upstream.requests_to(RELEASES_PATH)[0]
    assert (first.param("sort"), first.param("direction"), first.param("pagesize")) == (
        "changed",
        "DESC",
        "2",
    )
    assert fetched.cursor == {"changed": MARCH_2 + 4, "uuids": ["r4"]}


def test_an_empty_page_ends_the_run_when_the_count_runs_ahead(
    upstream: FakeUpstream, doj: FakeDojApi
) -> None:
    add_frauds(doj, 4)
    upstream.route(RELEASES_PATH, lambda seen: overcounted(doj.answer(seen)))

    fetched = client().fetch(source(upstream), {})

    assert len(fetched.files) == 4
    assert pages_asked(upstream) == ["0", "1", "2"]


def overcounted(answer: Answer) -> Answer:
    body = json.loads(answer.body)
    body["metadata"]["resultset"]["count"] = "999"
    return Answer(answer.status, json.dumps(body).encode(), answer.headers)


def test_a_second_run_with_nothing_new_fetches_nothing_and_stops_after_the_first_page(
    upstream: FakeUpstream, doj: FakeDojApi
) -> None:
    add_frauds(doj, 5)
    doj_client = client()
    first = doj_client.fetch(source(upstream), {})
    upstream.requests.clear()

    second = doj_client.fetch(source(upstream), first.cursor)

    assert second.files == []
    assert second.cursor == first.cursor
    assert pages_asked(upstream) == ["0"]


def test_a_new_release_and_one_changed_in_the_same_second_as_the_cursor_are_fetched(
    upstream: FakeUpstream, doj: FakeDojApi
) -> None:
    add_frauds(doj, 3)
    doj_client = client()
    cursor = doj_client.fetch(source(upstream), {}).cursor
    doj.add("tie", "Fraud charges in the same second", changed=MARCH_2 + 2)
    doj.add("new", "Fraud charges the next day", changed=MARCH_2 + DAY)

    fetched = doj_client.fetch(source(upstream), cursor)

    assert sorted(item.name for item in fetched.files) == ["doj-new.html", "doj-tie.html"]
    assert fetched.cursor == {"changed": MARCH_2 + DAY, "uuids": ["new"]}


def test_a_first_run_reads_only_its_backfill_pages(upstream: FakeUpstream, doj: FakeDojApi) -> None:
    add_frauds(doj, 9)

    fetched = client(backfill_pages=2).fetch(source(upstream), {})

    assert [item.name for item in fetched.files] == [f"doj-r{n}.html" for n in (8, 7, 6, 5)]
    assert pages_asked(upstream) == ["0", "1"]
    assert fetched.cursor["changed"] == MARCH_2 + 8


def test_requests_keep_the_configured_rate(upstream: FakeUpstream, doj: FakeDojApi) -> None:
    add_frauds(doj, 5)
    sleeps = Sleeps()

    client(sleeps).fetch(source(upstream), {})

    assert sleeps.waits == [1.0, 1.0]


def test_a_later_run_that_reaches_its_page_limit_goes_on_from_there_next_time(
    upstream: FakeUpstream, doj: FakeDojApi, caplog: pytest.LogCaptureFixture
) -> None:
    add_frauds(doj, 2)
    doj_client = client(max_pages=2)
    cursor = doj_client.fetch(source(upstream), {}).cursor
    for number in range(6):
        doj.add(f"n{number}", f"Fraud charges {number}", changed=MARCH_2 + DAY + number)

    with caplog.at_level(logging.WARNING):
        first = doj_client.fetch(source(upstream), cursor)
    doj.add("later", "Fraud charges later", changed=MARCH_2 + 2 * DAY)
    runs = [first]
    for _ in range(5):  # each run reads two pages of the nine releases
        if "catching_up" not in runs[-1].cursor:
            break
        runs.append(doj_client.fetch(source(upstream), runs[-1].cursor))
    after = doj_client.fetch(source(upstream), runs[-1].cursor)

    assert {item.name for item in first.files} == {f"doj-n{n}.html" for n in (5, 4, 3, 2)}
    assert first.cursor["changed"] == cursor["changed"]
    assert "goes on from page 2" in caplog.text
    fetched = {item.name for run in runs for item in run.files}
    assert fetched == {f"doj-n{n}.html" for n in range(6)}
    assert runs[-1].cursor == {"changed": MARCH_2 + DAY + 5, "uuids": ["n5"]}
    assert [item.name for item in after.files] == ["doj-later.html"]
    assert after.cursor == {"changed": MARCH_2 + 2 * DAY, "uuids": ["later"]}


# -- filtering -------------------------------------------------------------------------------


def test_topics_match_a_topic_or_component_name_ignoring_case(
    upstream: FakeUpstream, doj: FakeDojApi
) -> None:
    doj.add("a", "Airbag importer charged", changed=MARCH_2 + 3, topics=("Consumer Protection",))
    doj.add("b", "Cartel fined", changed=MARCH_2 + 2, components=("Antitrust Division",))
    doj.add("c", "Grant awarded", changed=MARCH_2 + 1, topics=("Grants",))

    fetched = client().fetch(source(upstream, topics="consumer protection, ANTITRUST DIVISION"), {})

    assert sorted(item.name for item in fetched.files) == ["doj-a.html", "doj-b.html"]
    assert fetched.cursor["changed"] == MARCH_2 + 3


def test_keywords_match_whole_words_in_the_title_teaser_or_body(
    upstream: FakeUpstream, doj: FakeDojApi
) -> None:
    doj.add("title", "Counterfeit AIRBAGS seized", changed=MARCH_2 + 4)
    doj.add("teaser", "Port seizure", changed=MARCH_2 + 3, teaser="Fake <b>airbags</b> found")
    doj.add("body", "Sentencing", changed=MARCH_2 + 2, body="<p>He sold airbags&nbsp;online</p>")
    doj.add("part", "Airbagsmith retires", changed=MARCH_2 + 1, body="<p>Airbagsmiths.</p>")

    fetched = client().fetch(source(upstream, keywords="airbags"), {})

    assert sorted(item.name for item in fetched.files) == [
        "doj-body.html",
        "doj-teaser.html",
        "doj-title.html",
    ]


def test_a_source_with_topics_and_keywords_keeps_releases_matching_both(
    upstream: FakeUpstream, doj: FakeDojApi
) -> None:
    doj.add("both", "Airbag cartel", changed=MARCH_2 + 2, topics=("Antitrust",))
    doj.add("topic", "Price fixing", changed=MARCH_2 + 1, topics=("Antitrust",))

    fetched = client().fetch(source(upstream, topics="Antitrust", keywords="airbag"), {})

    assert [item.name for item in fetched.files] == ["doj-both.html"]


# -- an upstream that misbehaves -------------------------------------------------------------


def test_a_429_waits_as_long_as_retry_after_says_then_the_run_goes_on(
    upstream: FakeUpstream, doj: FakeDojApi
) -> None:
    add_frauds(doj, 1)
    upstream.script(Answer(429, headers={"Retry-After": "7"}))
    sleeps = Sleeps()

    fetched = client(sleeps).fetch(source(upstream), {})

    assert len(fetched.files) == 1
    assert 7.0 in sleeps.waits


def test_a_server_error_is_retried_and_the_run_recovers(
    upstream: FakeUpstream, doj: FakeDojApi
) -> None:
    add_frauds(doj, 3)
    upstream.script(Answer(503))

    fetched = client().fetch(source(upstream), {})

    assert len(fetched.files) == 3
    assert pages_asked(upstream) == ["0", "0", "1"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"<html>Service unavailable</html>", "not valid JSON"),
        (b'{"metadata": {}, "results": "none"}', "no `results` list"),
        (b'{"results": [{"title": "No id", "changed": "1"}]}', "no valid `uuid`"),
        (b'{"results": [{"uuid": "x", "changed": "yesterday"}]}', "no valid `changed`"),
    ],
)
def test_a_malformed_listing_fails_the_run_naming_its_url_and_ingests_nothing(
    upstream: FakeUpstream, doj: FakeDojApi, services: Services, body: bytes, says: str
) -> None:
    add_frauds(doj, 3)
    run = runner(services, client())
    config = source(upstream)
    run(config)
    cursor = SourceCursors(services.sessions, Clock()).get(config.name)
    doj.add("later", "Fraud indictment unsealed", changed=MARCH_2 + DAY)
    upstream.route(RELEASES_PATH, lambda seen: malformed_after_first_page(seen, doj, body))

    with pytest.raises(UpstreamError, match=says) as failure:
        run(config)

    assert f"{upstream.url}{RELEASES_PATH}?" in str(failure.value)
    assert "page=1" in str(failure.value)
    assert SourceCursors(services.sessions, Clock()).get(config.name) == cursor
    found = services.searcher.search("fraud indictment unsealed", Viewer.operator()).hits
    assert f"{PUBLIC_SITE}/opa/pr/later" not in {hit.url for hit in found}
    assert len({hit.url for hit in found}) == 3


def malformed_after_first_page(seen: Seen, doj: FakeDojApi, body: bytes) -> Answer:
    return doj.answer(seen) if seen.param("page") == "0" else Answer(200, body)


# -- through ingestion -----------------------------------------------------------------------


def test_a_release_is_found_by_search_under_its_justice_gov_url_with_its_date_line(
    upstream: FakeUpstream, doj: FakeDojApi, services: Services
) -> None:
    doj.add(
        "6f1d",
        "Importer Sentenced for Selling Counterfeit Airbags",
        changed=MARCH_2 + 3600,
        date=MARCH_2,
        url=f"{PUBLIC_SITE}/opa/pr/importer-sentenced-selling-counterfeit-airbags",
        components=("Criminal Division", "Homeland Security Investigations"),
        body="<p>WASHINGTON &ndash; An importer was sentenced for selling airbags from China.</p>",
    )

    counts = runner(services, client())(source(upstream, keywords="airbags"))

    hit = services.searcher.search("counterfeit airbags importer", Viewer.operator()).hits[0]
    assert counts.added == 1
    assert hit.url == f"{PUBLIC_SITE}/opa/pr/importer-sentenced-selling-counterfeit-airbags"
    assert "Date: 2026-03-02" in hit.text
    assert "Criminal Division; Homeland Security Investigations" in hit.text


def test_a_release_url_given_as_a_path_is_made_absolute_on_the_api_root(
    upstream: FakeUpstream, doj: FakeDojApi
) -> None:
    doj.add("p", "Fraud plea", changed=MARCH_2, url="/opa/pr/fraud-plea")

    fetched = client().fetch(source(upstream), {})

    assert [item.source for item in fetched.files] == [f"{upstream.url}/opa/pr/fraud-plea"]


def test_an_edited_release_becomes_a_new_version_and_an_unchanged_one_is_left_alone(
    upstream: FakeUpstream, doj: FakeDojApi, services: Services
) -> None:
    doj.add("a", "Airbag fraud charges", changed=MARCH_2, body="<p>Eight hundred airbags.</p>")
    for day in (1, 2, 3, 4):
        doj.add(f"later{day}", f"Airbag fraud plea {day}", changed=MARCH_2 + day * DAY)
    run = runner(services, client())
    config = source(upstream, keywords="airbag")
    first = run(config)
    doj.edit("a", changed=MARCH_2 + 30 * DAY, body="<p>Nine hundred airbags.</p>")

    second, third = run(config), run(config)

    assert (first.added, second.updated, second.added) == (5, 1, 0)
    assert third.added == third.updated == 0
    hit = services.searcher.search("hundred airbags", Viewer.operator()).hits[0]
    assert hit.url == f"{PUBLIC_SITE}/opa/pr/a"
    assert "Nine hundred airbags" in hit.text


def test_services_run_a_doj_source_against_the_api_root_the_settings_name(
    upstream: FakeUpstream, doj: FakeDojApi, tmp_path: Path, hashing_embedder: HashingEmbedder
) -> None:
    doj.add("s", "Airbag fraud sentencing", changed=MARCH_2)
    settings = load_settings(
        CASEBOT_HOME=tmp_path / "home",
        CASEBOT_DOJ_BASE_URL=upstream.url,
        CASEBOT_DOJ_MIN_INTERVAL_SECONDS=0,
    )
    services = build_services(settings, embedder=hashing_embedder)
    entry = "  - name: d\n    type: doj\n    schedule: {every: 1h}\n    kind: filing\n"
    config = sources_of(entry + "    keywords: [airbag]\n").by_name["d"]

    try:
        counts = services.source_runners[SourceType.DOJ](config)
    finally:
        services.close()

    assert counts.added == 1
    assert upstream.requests_to(RELEASES_PATH)
