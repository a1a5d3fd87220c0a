"""Claims, leases, runs and failures, on real SQLite with an injected clock."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.services import Services, build_services
from casework.settings import Settings
from casework.sources.config import SourceConfig, SourceType
from casework.sources.runs import RunCounts, SourceState
from casework.sources.scheduler import SourceScheduler
from casework.sources.worker import SourceWorker
from retrieval.testing import HashingEmbedder
from tests.sources.support import (
    LEASE,
    START,
    Clock,
    folder_runners,
    folder_source,
    scheduler,
    sources_of,
)

pytestmark = pytest.mark.backends


def test_two_workers_claiming_one_due_source_run_it_once(
    services: Services, settings: Settings, tmp_path: Path
) -> None:
    other = build_services(settings, embedder=HashingEmbedder())
    sources = sources_of(folder_source("drop", tmp_path))
    clock = Clock()
    barrier = threading.Barrier(2)
    runs: list[str] = []

    def runner(source: SourceConfig) -> RunCounts:
        runs.append(source.name)
        return RunCounts()

    def work(each: Services, worker_id: str) -> None:
        schedule = scheduler(each, sources, clock)
        barrier.wait()
        for name in schedule.claim_due(clock(), worker_id, LEASE):
            schedule.run_claimed(name, {SourceType.FOLDER: runner}, worker_id)

    threads = [
        threading.Thread(target=work, args=(each, f"w{n}"))
        for n, each in enumerate((services, other))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert runs == ["drop"]
    assert [run.status for run in scheduler(services, sources, clock).history()] == ["ok"]


def test_a_crashed_workers_source_runs_again_once_its_lease_expires(
    services: Services, tmp_path: Path
) -> None:
    clock = Clock()
    schedule = scheduler(services, sources_of(folder_source("drop", tmp_path)), clock)
    assert schedule.claim_due(clock(), "crashed", LEASE) == ["drop"]

    clock.advance(LEASE - timedelta(seconds=1))
    assert schedule.claim_due(clock(), "rescuer", LEASE) == []

    clock.advance(timedelta(seconds=2))
    assert schedule.claim_due(clock(), "rescuer", LEASE) == ["drop"]
    record = schedule.run_claimed("drop", folder_runners(services), "rescuer")
    assert (record.status, record.worker) == ("ok", "rescuer")
    [state] = schedule.states()
    assert state.leased_by is None
    assert state.next_run_at == clock() + timedelta(hours=1)


def test_a_folder_source_adds_skips_prunes_and_updates(services: Services, tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.txt").write_text("Forty pallets of counterfeit batteries seized.")
    (drop / "b.txt").write_text("A second filing about Veloce e-bike chargers.")
    clock = Clock()
    schedule = scheduler(services, sources_of(folder_source("drop", drop)), clock)
    runners = folder_runners(services)

    def run() -> tuple[int, int, int, int]:
        counts = schedule.run("drop", runners, "cli", LEASE).counts
        return counts.added, counts.unchanged, counts.removed, counts.updated

    assert run() == (2, 0, 0, 0)
    assert run() == (0, 2, 0, 0)
    (drop / "b.txt").unlink()
    assert run() == (0, 1, 1, 0)
    (drop / "a.txt").write_text("Forty-one pallets seized, one more found at the port.")
    assert run() == (0, 0, 0, 1)

    recorded = [(r.counts.added, r.counts.removed, r.status) for r in schedule.history()]
    assert recorded == [(0, 0, "ok"), (0, 1, "ok"), (0, 0, "ok"), (2, 0, "ok")]


def test_a_failing_source_backs_off_becomes_failing_and_spares_the_others(
    services: Services, tmp_path: Path
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text("A filing about counterfeit chargers.")
    sources = sources_of(
        folder_source("missing", tmp_path / "nowhere", "{every: 1d}"),
        folder_source("good", good),
    )
    clock = Clock()
    schedule = scheduler(services, sources, clock)
    worker = SourceWorker(schedule, folder_runners(services), 60, worker_id="w", lease=LEASE)

    first = worker.run_due()

    by_source = {record.source: record for record in first}
    assert {name: r.status for name, r in by_source.items()} == {"good": "ok", "missing": "failed"}
    assert by_source["good"].counts.added == 1
    assert "does not exist" in by_source["missing"].counts.errors[0]["error"]
    missing = _state(schedule, "missing")
    assert (missing.status, missing.consecutive_failures) == ("ok", 1)
    assert missing.next_run_at == START + timedelta(minutes=1)

    clock.advance(timedelta(minutes=1))
    assert [r.source for r in worker.run_due()] == ["missing"]
    assert _state(schedule, "missing").next_run_at == clock() + timedelta(minutes=2)

    clock.advance(timedelta(minutes=2))
    worker.run_due()
    missing = _state(schedule, "missing")
    assert (missing.status, missing.consecutive_failures) == ("failing", 3)
    assert missing.last_error is not None and "does not exist" in missing.last_error
    assert missing.next_run_at == clock() + timedelta(days=1)


def test_run_now_makes_a_source_due_for_the_next_pass(services: Services, tmp_path: Path) -> None:
    clock = Clock()
    schedule = scheduler(services, sources_of(folder_source("drop", tmp_path)), clock)
    schedule.run("drop", {SourceType.FOLDER: lambda _: RunCounts()}, "cli", LEASE)
    assert schedule.claim_due(clock(), "w", LEASE) == []

    schedule.run_now("drop")

    assert schedule.claim_due(clock(), "w", LEASE) == ["drop"]


def _state(schedule: SourceScheduler, name: str) -> SourceState:
    return next(state for state in schedule.states() if state.name == name)


def test_a_long_run_keeps_its_lease_and_a_dead_workers_run_is_marked_abandoned(
    services: Services, tmp_path: Path
) -> None:
    sources = sources_of(folder_source("drop", tmp_path))
    schedule = SourceScheduler(services.sessions, lambda: sources, _utc_now)
    short_lease = timedelta(seconds=0.3)
    stolen: list[list[str]] = []

    def slow_runner(source: SourceConfig) -> RunCounts:
        time.sleep(0.5)
        stolen.append(schedule.claim_due(_utc_now(), "thief", short_lease))
        time.sleep(0.5)
        return RunCounts()

    assert schedule.claim_due(_utc_now(), "dead", short_lease) == ["drop"]
    dead_run = schedule._start_run("drop", "dead")
    time.sleep(0.4)  # the dead worker never renews: its lease lapses
    assert schedule.claim_due(_utc_now(), "alive", short_lease) == ["drop"]

    record = schedule.run_claimed("drop", {SourceType.FOLDER: slow_runner}, "alive", short_lease)

    assert stolen == [[]]
    assert record.status == "ok"
    statuses = {run.id: run.status for run in schedule.history("drop")}
    assert statuses == {dead_run: "abandoned", record.id: "ok"}


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def test_asking_for_a_run_while_the_source_runs_is_not_lost(
    services: Services, tmp_path: Path
) -> None:
    clock = Clock()
    schedule = scheduler(services, sources_of(folder_source("drop", tmp_path)), clock)
    assert schedule.claim_due(clock(), "w1", LEASE) == ["drop"]

    def runner_asked_again_meanwhile(source: SourceConfig) -> RunCounts:
        clock.advance(timedelta(minutes=2))
        schedule.run_now("drop")
        clock.advance(timedelta(minutes=2))
        return RunCounts()

    schedule.run_claimed("drop", {SourceType.FOLDER: runner_asked_again_meanwhile}, "w1")

    [state] = schedule.states()
    assert state.next_run_at == START + timedelta(minutes=2)
    assert schedule.claim_due(clock(), "w2", LEASE) == ["drop"]
