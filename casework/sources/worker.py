"""Running due sources on a thread of its own: every ``interval`` seconds, and at once when
:meth:`SourceWorker.wake` is called. Sources run one at a time; every process may run a worker,
as the scheduler's leases keep a source from running twice at once."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import timedelta

from casework.sources.runs import Runners, RunRecord
from casework.sources.scheduler import SourceScheduler

log = logging.getLogger(__name__)

RunHook = Callable[[RunRecord], None]
"""Told of every finished run (``casebot worker`` prints it)."""


class SourceWorker:
    def __init__(
        self,
        scheduler: SourceScheduler,
        runners: Runners,
        interval: float,
        *,
        worker_id: str,
        lease: timedelta,
        on_run: RunHook | None = None,
    ) -> None:
        self._scheduler = scheduler
        self._runners = runners
        self._interval = interval
        self._worker_id = worker_id
        self._lease = lease
        self._on_run = on_run
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="source-worker", daemon=True)

    def start(self) -> SourceWorker:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def run_due(self) -> list[RunRecord]:
        """One pass: claim what is due now and run each claimed source in turn."""
        now = self._scheduler.clock()
        claimed = self._scheduler.claim_due(now, self._worker_id, self._lease)
        records = []
        for name in claimed:
            if self._stop.is_set():
                break  # the unrun claims expire with their leases and are taken again
            record = self._run_one(name)
            if record is not None:
                records.append(record)
        return records

    def _run_one(self, name: str) -> RunRecord | None:
        try:
            record = self._scheduler.run_claimed(name, self._runners, self._worker_id, self._lease)
        except Exception:  # a defect in recording: logged, and the other sources still run
            log.exception("running source %s failed", name)
            return None
        if self._on_run is not None:
            self._on_run(record)
        return record

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.run_due()
            except Exception:
                log.exception("claiming due sources failed; retrying in %s s", self._interval)
            self._wake.wait(self._interval)
