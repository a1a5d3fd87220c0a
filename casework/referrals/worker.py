"""Draining the referral outbox on a thread of its own: every ``interval`` seconds, and at once
when :meth:`OutboxWorker.wake` is called (after a submission or an approval), so a referral
usually leaves within a moment of being sent. Each replica may run one: the outbox's claims keep
them from delivering the same row twice."""

from __future__ import annotations

import logging
import threading

from casework.referrals.outbox import OutboxDrainer

log = logging.getLogger(__name__)


class OutboxWorker:
    def __init__(self, drainer: OutboxDrainer, interval: float) -> None:
        self._drainer = drainer
        self._interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="referral-outbox", daemon=True)

    def start(self) -> OutboxWorker:
        self._thread.start()
        return self

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            self._drain_until_quiet()
            self._wake.wait(self._interval)

    def _drain_until_quiet(self) -> None:
        """Keep draining while rows are being delivered: a burst of submissions is sent in
        one go rather than one per interval."""
        try:
            while not self._stop.is_set():
                report = self._drainer.drain_once()
                if not (report.delivered or report.retried or report.failed):
                    return
        except Exception:
            log.exception("draining the referral outbox failed; retrying in %s s", self._interval)
