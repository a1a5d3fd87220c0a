"""A run of a source that fetches through a client: what came is ingested, a changed item
becomes a new version, a withdrawn one is removed, and the cursor moves only after ingestion."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.services import Services
from casework.access import Viewer
from casework.sources.config import SourceConfig, SourceType
from casework.sources.cursors import SourceCursors
from casework.sources.fetching import Cursor, Fetched
from casework.sources.remote import RemoteRunner
from ingestion.pipeline import IncomingFile
from tests.sources.support import LEASE, Clock, scheduler, sources_of

SOURCE = (
    "  - name: feed\n    type: http\n    schedule: {every: 1h}\n    kind: filing\n    urls: [x]\n"
)
URL = "https://example.test/releases/"


class ScriptedClient:
    """Answers each run with the next scripted fetch and remembers the cursors it was given."""

    def __init__(self, *fetches: Fetched) -> None:
        self.fetches = list(fetches)
        self.cursors: list[Cursor] = []

    def fetch(self, source: SourceConfig, cursor: Cursor) -> Fetched:
        self.cursors.append(dict(cursor))
        return self.fetches.pop(0)

    def close(self) -> None:
        pass


def release(number: int, text: str) -> IncomingFile:
    body = f"<html><body><h1>Release {number}</h1><p>{text}</p></body></html>"
    return IncomingFile(f"{URL}{number}", f"release-{number}.html", body.encode())


def runner(services: Services, client: ScriptedClient) -> RemoteRunner:
    cursors = SourceCursors(services.sessions, Clock())
    return RemoteRunner(client, services.ingestion, cursors, services.hits.count)


def documents(services: Services, query: str) -> list[str]:
    result = services.searcher.search(query, Viewer.operator())
    return sorted({hit.source for hit in result.hits})


def test_items_are_ingested_changed_ones_versioned_and_withdrawn_ones_removed(
    services: Services,
) -> None:
    client = ScriptedClient(
        Fetched([release(1, "Eight hundred fake airbags seized."), release(2, "Sentencing.")]),
        Fetched([release(1, "Nine hundred fake airbags seized."), release(2, "Sentencing.")]),
        Fetched(withdrawn=[f"{URL}2"]),
    )
    run = runner(services, client)
    source = sources_of(SOURCE).by_name["feed"]

    first, second, third = run(source), run(source), run(source)

    assert (first.added, first.failed) == (2, 0)
    assert (second.updated, second.unchanged) == (1, 1)
    assert third.removed == 1
    assert documents(services, "fake airbags seized") == [f"{URL}1"]
    assert services.searcher.search("airbags", Viewer.operator()).hits[0].url == f"{URL}1"
    assert "Nine hundred" in services.searcher.search("airbags", Viewer.operator()).hits[0].text


def test_the_cursor_moves_only_once_the_items_are_ingested(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = ScriptedClient(
        Fetched([release(1, "Airbags.")], cursor={"changed": "2026-03-01"}),
        Fetched([release(1, "Airbags.")], cursor={"changed": "2026-03-01"}),
        Fetched(cursor={"changed": "2026-03-02"}),
    )
    run = runner(services, client)
    source = sources_of(SOURCE).by_name["feed"]

    def broken_ingestion(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(services.ingestion, "ingest_fetched", broken_ingestion)
        with pytest.raises(RuntimeError):
            run(source)
    run(source)
    nothing_new = run(source)

    assert client.cursors == [{}, {}, {"changed": "2026-03-01"}]
    assert nothing_new.added == nothing_new.updated == 0


def test_a_source_run_through_the_scheduler_records_the_clients_counts(
    services: Services, tmp_path: Path
) -> None:
    client = ScriptedClient(Fetched([release(7, "Counterfeit toys at the port.")]))
    schedule = scheduler(services, sources_of(SOURCE), Clock())

    record = schedule.run("feed", {SourceType.HTTP: runner(services, client)}, "w1", LEASE)

    assert (record.status, record.counts.added) == ("ok", 1)


def test_items_that_could_not_be_fetched_are_counted_as_failed_beside_the_ingested_ones(
    services: Services,
) -> None:
    unreadable = {"source": f"{URL}9", "error": f"{URL}9 kept failing (HTTP 500)"}
    client = ScriptedClient(
        Fetched([release(3, "Counterfeit chargers.")], failed=[unreadable], cursor={"n": 1}),
        Fetched(failed=[unreadable], cursor={"n": 2}),
        Fetched(),
    )
    run = runner(services, client)
    source = sources_of(SOURCE).by_name["feed"]

    first, nothing_else = run(source), run(source)
    run(source)

    assert (first.added, first.failed, first.errors) == (1, 1, (unreadable,))
    assert (nothing_else.failed, nothing_else.errors) == (1, (unreadable,))
    assert documents(services, "counterfeit chargers") == [f"{URL}3"]
    assert client.cursors[1:] == [{"n": 1}, {"n": 2}]
