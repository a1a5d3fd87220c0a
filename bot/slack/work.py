"""Bounded thread pools that run Slack work after the ack.

A listener acknowledges Slack at once and hands the slow part (searching, answering, downloading
and ingesting a file) to a :class:`BoundedPool`: a fixed number of worker threads and a fixed
number of waiting tasks. When both are taken, :meth:`BoundedPool.submit` refuses at once instead
of queueing without end, so the listener can tell the user Casebot is busy while it still acks
within Slack's three seconds.

The pools' threads run at a lower OS priority (niceness :data:`WORKER_NICENESS`, on Linux) than
the threads that receive Slack's requests, so on a busy machine the acks still leave at once
(``benchmarks/slack.py``: with it, the ack p99 of 50 concurrent ``/ask`` fell from about 195 ms
to 100-160 ms, answer throughput unchanged).

:class:`Pools` holds the three pools the app uses: answers (``CASEBOT_SLACK_WORKERS`` threads), file
ingestion (one thread: ingestion runs one at a time per data folder anyway) and notices (one
thread for the "busy" replies, so those never wait behind answers).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

log = logging.getLogger(__name__)

Task = Callable[[], object]

NOTICE_QUEUE = 100
FILE_QUEUE = 50


class BoundedPool:
    """``workers`` threads and at most ``queue_limit`` tasks waiting for one."""

    def __init__(self, name: str, workers: int, queue_limit: int) -> None:
        self.name = name
        self._executor = ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix=name, initializer=_yield_to_acks
        )
        self._slots = threading.BoundedSemaphore(workers + queue_limit)
        self._idle = threading.Condition()
        self._running = 0

    def submit(self, task: Task) -> bool:
        """Run ``task`` on the pool; False (and nothing runs) if the pool is full or shut down."""
        if not self._slots.acquire(blocking=False):
            log.warning("%s pool full: task refused", self.name)
            return False
        with self._idle:
            self._running += 1
        try:
            future = self._executor.submit(task)
        except RuntimeError:  # shut down
            self._finished()
            return False
        future.add_done_callback(self._done)
        return True

    def wait_idle(self, timeout: float) -> bool:
        """Block until no task is waiting or running; False if ``timeout`` seconds pass first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._running == 0, timeout)

    def shutdown(self, wait: bool = True) -> None:
        """Refuse new tasks; with ``wait``, finish the running and waiting ones first."""
        self._executor.shutdown(wait=wait, cancel_futures=not wait)

    def _done(self, future: Future[object]) -> None:
        error = future.exception() if not future.cancelled() else None
        if error is not None:
            log.error("%s task failed", self.name, exc_info=error)
        self._finished()

    def _finished(self) -> None:
        self._slots.release()
        with self._idle:
            self._running -= 1
            self._idle.notify_all()


@dataclass(frozen=True)
class Pools:
    answers: BoundedPool
    files: BoundedPool
    notices: BoundedPool

    @classmethod
    def sized(cls, answer_workers: int, answer_queue_limit: int) -> Pools:
        return cls(
            answers=BoundedPool("slack-answer", answer_workers, answer_queue_limit),
            files=BoundedPool("slack-file", 1, FILE_QUEUE),
            notices=BoundedPool("slack-notice", 1, NOTICE_QUEUE),
        )

    def wait_idle(self, timeout: float) -> bool:
        return all(pool.wait_idle(timeout) for pool in (self.answers, self.files, self.notices))

    def shutdown(self, wait: bool = True) -> None:
        for pool in (self.answers, self.files, self.notices):
            pool.shutdown(wait=wait)


WORKER_NICENESS = 10


def _yield_to_acks() -> None:
    """Run the pool's threads at a lower OS priority than the threads acking Slack."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)
    except (AttributeError, OSError):  # not Linux: every thread shares one priority
        log.debug("could not lower the priority of %s", threading.current_thread().name)
