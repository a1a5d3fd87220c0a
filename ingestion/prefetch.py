"""Run a generator on a background thread, a bounded number of items ahead of its consumer.

Ingestion uses it to read, parse and chunk the next files while the encoder embeds the current
batch: PDF parsing, tokenizing and the encoder all release the GIL for most of their work.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class _Done:
    pass


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class Prefetcher(Generic[T]):
    def __init__(self, source: Iterable[T], depth: int) -> None:
        self._source = source
        self._queue: queue.Queue[T | _Done | _Failed] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._produce, name="ingest-prefetch", daemon=True)

    def __iter__(self) -> Iterator[T]:
        self._thread.start()
        try:
            while True:
                item = self._queue.get()
                if isinstance(item, _Done):
                    return
                if isinstance(item, _Failed):
                    raise item.error
                yield item
        finally:
            self._stop.set()
            self._drain()
            self._thread.join()

    def _produce(self) -> None:
        try:
            for item in self._source:
                if not self._put(item):
                    return
        except BaseException as error:  # handed to the consumer, which re-raises it
            self._put(_Failed(error))
            return
        self._put(_Done())

    def _put(self, item: T | _Done | _Failed) -> bool:
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def _drain(self) -> None:
        while True:
            try:
                self._queue.get_nowait()
            except queue.Empty:
                return
