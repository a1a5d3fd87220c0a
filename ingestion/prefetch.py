"""Run a generator on a background thread, a bounded amount of work ahead of its consumer.

Ingestion uses it to read, parse and chunk the next files while the encoder embeds the current
batch: PDF parsing, tokenizing and the encoder all release the GIL for most of their work. The
bound is a cost (chunks, for ingestion) rather than a count of items, so that the producer keeps
a whole embedding batch ready however many files it takes, without holding unbounded memory.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


def _unit_cost(_item: object) -> int:
    return 1


class Prefetcher(Generic[T]):
    """Iterates ``source`` on its own thread; waits while the items not yet consumed cost
    ``budget`` or more. One item may take the total over the budget, so nothing is too big to
    pass. An exception in ``source`` is raised to the consumer; leaving the loop stops it."""

    def __init__(
        self, source: Iterable[T], budget: int, cost: Callable[[T], int] = _unit_cost
    ) -> None:
        self._source = source
        self._budget = budget
        self._cost = cost
        self._items: deque[tuple[T, int]] = deque()
        self._pending_cost = 0
        self._finished = False
        self._error: BaseException | None = None
        self._stopped = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._produce, name="ingest-prefetch", daemon=True)

    def __iter__(self) -> Iterator[T]:
        self._thread.start()
        try:
            while True:
                item = self._take()
                if item is None:
                    return
                yield item[0]
        finally:
            with self._changed:
                self._stopped = True
                self._items.clear()
                self._changed.notify_all()
            self._thread.join()

    def has_ready(self) -> bool:
        """Whether the next item is already waiting (the consumer would not wait for it)."""
        with self._changed:
            return bool(self._items)

    def _take(self) -> tuple[T] | None:
        with self._changed:
            self._changed.wait_for(lambda: self._items or self._finished)
            if self._items:
                item, cost = self._items.popleft()
                self._pending_cost -= cost
                self._changed.notify_all()
                return (item,)
            if self._error is not None:
                raise self._error
            return None

    def _produce(self) -> None:
        try:
            for item in self._source:
                if not self._put(item, self._cost(item)):
                    return
        except BaseException as error:  # handed to the consumer, which re-raises it
            with self._changed:
                self._error = error
        with self._changed:
            self._finished = True
            self._changed.notify_all()

    def _put(self, item: T, cost: int) -> bool:
        with self._changed:
            self._changed.wait_for(lambda: self._stopped or self._pending_cost < self._budget)
            if self._stopped:
                return False
            self._items.append((item, cost))
            self._pending_cost += cost
            self._changed.notify_all()
            return True
