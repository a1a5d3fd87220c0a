"""Building sources files, schedulers and clocks for the sources tests."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from bot.services import Services
from casework.sources.config import Sources, SourceType, parse_sources
from casework.sources.folder import FolderRunner
from casework.sources.runs import Runners
from casework.sources.scheduler import RetryPolicy, SourceScheduler

START = datetime(2026, 3, 2, 9, 0)
LEASE = timedelta(minutes=10)
RETRY = RetryPolicy(
    base_delay=timedelta(minutes=1), max_delay=timedelta(minutes=30), failing_after=3
)


class Clock:
    def __init__(self, now: datetime = START) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def folder_source(name: str, path: Path, schedule: str = "{every: 1h}") -> str:
    return (
        f"  - name: {name}\n"
        "    type: folder\n"
        f"    schedule: {schedule}\n"
        "    kind: filing\n"
        f"    path: {path}\n"
    )


def sources_of(*entries: str) -> Sources:
    return parse_sources("sources:\n" + "".join(entries), "sources.yml")


def scheduler(services: Services, sources: Sources, clock: Clock) -> SourceScheduler:
    return SourceScheduler(services.sessions, lambda: sources, clock, retry=RETRY)


def folder_runners(services: Services) -> Runners:
    return {SourceType.FOLDER: FolderRunner(services.ingestion, services.hits.count)}
