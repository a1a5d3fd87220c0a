"""``casebot worker`` as an operator runs it: its own process, stopped with SIGTERM. Two workers on
one database run a due source exactly once; a worker killed mid-run leaves its lease to lapse,
and the other takes the source over and marks the killed run abandoned."""

from __future__ import annotations

import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.services import Services
from bot.testing.environment import CASEBOT, scrubbed_environment
from bot.testing.upstream import Answer, Seen, running_upstream
from casework.sources.runs import RunRecord
from tests.backends import Backend

pytestmark = pytest.mark.backends

STARTUP_SECONDS = 120.0
LEASE_SECONDS = 3


def worker_environment(services: Services, backend: Backend, sources: Path) -> dict[str, str]:
    settings = services.settings
    backend_variables = {
        "CASEBOT_DATABASE_URL": backend.database_url,
        "CASEBOT_CHROMA_URL": backend.chroma_url,
        "CASEBOT_CHROMA_COLLECTION": backend.chroma_collection,
    }
    return scrubbed_environment(
        CASEBOT_HOME=str(settings.casebot_home),
        CASEBOT_SOURCES_FILE=str(sources),
        CASEBOT_SOURCE_POLL_SECONDS="0.2",
        CASEBOT_SOURCE_LEASE_SECONDS=str(LEASE_SECONDS),
        HF_HUB_OFFLINE="1",
        **{name: value for name, value in backend_variables.items() if value is not None},
    )


@contextmanager
def workers(environment: dict[str, str], count: int) -> Iterator[list[subprocess.Popen[str]]]:
    processes = [
        subprocess.Popen(
            [str(CASEBOT), "worker"],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
            process.communicate(timeout=30)


def runs_of(services: Services, name: str) -> list[RunRecord]:
    return services.source_scheduler.history(name)


def wait_until(condition: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        pause.wait(0.1)


def test_two_workers_run_a_due_source_exactly_once_and_stop_on_sigterm(
    services: Services, backend: Backend, tmp_path: Path
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    for number in range(3):
        (drop / f"filing-{number}.md").write_text(f"# Filing {number}\n\nSeized {number} crates.\n")
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n  - name: drop\n    type: folder\n    schedule: {every: 1h}\n"
        f"    kind: filing\n    path: {drop}\n"
    )
    environment = worker_environment(services, backend, sources)

    with workers(environment, 2) as both:
        wait_until(
            lambda: any(run.status == "ok" for run in runs_of(services, "drop")),
            STARTUP_SECONDS,
            "the source's run",
        )
        time.sleep(1.0)  # five more polls of each worker: a second run would have started
        for process in both:
            process.send_signal(signal.SIGTERM)
        outputs = [process.communicate(timeout=60) for process in both]

    [run] = runs_of(services, "drop")
    assert (run.status, run.counts.added) == ("ok", 3)
    assert [process.returncode for process in both] == [0, 0], outputs
    assert sum("drop" in stdout for stdout, _ in outputs) == 1


def test_a_killed_workers_source_is_taken_over_after_its_lease(
    services: Services, backend: Backend, tmp_path: Path
) -> None:
    release = threading.Event()

    def slow_page(seen: Seen) -> Answer:
        release.wait(60)
        return Answer(200, b"<html><body><p>Twelve pallets of fake chargers.</p></body></html>")

    with running_upstream() as upstream:
        upstream.route("/notice.html", slow_page)
        sources = tmp_path / "sources.yml"
        sources.write_text(
            "sources:\n  - name: notices\n    type: http\n    schedule: {every: 1h}\n"
            f"    kind: filing\n    urls: ['{upstream.url}/notice.html']\n"
        )
        environment = worker_environment(services, backend, sources)
        with workers(environment, 1) as [first]:
            wait_until(lambda: upstream.requests, STARTUP_SECONDS, "the first worker's fetch")
            first.kill()
            first.wait(timeout=30)
        release.set()
        with workers(environment, 1) as [second]:
            wait_until(
                lambda: any(run.status == "ok" for run in runs_of(services, "notices")),
                STARTUP_SECONDS,
                "the second worker's run",
            )
            second.send_signal(signal.SIGTERM)

    statuses = sorted(run.status for run in runs_of(services, "notices"))
    assert statuses == ["abandoned", "ok"]
    [taken_over] = [run for run in runs_of(services, "notices") if run.status == "ok"]
    [killed] = [run for run in runs_of(services, "notices") if run.status == "abandoned"]
    assert taken_over.worker != killed.worker
    assert (taken_over.started_at - killed.started_at).total_seconds() >= LEASE_SECONDS - 1
    assert taken_over.counts.added == 1
