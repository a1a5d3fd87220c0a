"""The prefetcher reads ahead of its consumer, within a budget, and stops when the consumer does."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator

import pytest

from ingestion.prefetch import Prefetcher


class CountingSource:
    """An endless source of numbers that counts how many it has handed out."""

    def __init__(self) -> None:
        self.produced = 0

    def __iter__(self) -> Iterator[int]:
        for number in itertools.count():
            self.produced += 1
            yield number


def settled(source: CountingSource) -> int:
    """How many items the producer made once it has stopped making more."""
    previous = -1
    while source.produced != previous:
        previous = source.produced
        time.sleep(0.1)
    return source.produced


def test_items_arrive_in_order() -> None:
    assert list(Prefetcher(range(100), budget=3)) == list(range(100))


def test_the_producer_stays_within_its_budget_of_cost() -> None:
    source = CountingSource()
    items = iter(Prefetcher(source, budget=10, cost=lambda number: 4))
    assert next(items) == 0
    # 10 is reached with the third item held: one taken, three held, one more in the making.
    assert settled(source) <= 1 + 3 + 1
    assert next(items) == 1
    assert settled(source) <= 2 + 3 + 1


def test_an_item_costing_more_than_the_budget_still_passes() -> None:
    assert list(Prefetcher(range(3), budget=1, cost=lambda number: 50)) == [0, 1, 2]


def test_an_error_in_the_source_reaches_the_consumer_after_earlier_items() -> None:
    def failing() -> Iterator[int]:
        yield 1
        raise ValueError("corrupt archive index")

    received = []
    with pytest.raises(ValueError, match="corrupt archive index"):
        for item in Prefetcher(failing(), budget=5):
            received.append(item)
    assert received == [1]


def test_leaving_the_loop_stops_the_producer() -> None:
    source = CountingSource()
    for number in Prefetcher(source, budget=2):
        if number == 5:
            break
    # Leaving the loop closes the iterator, which joins the producer: nothing runs on.
    assert source.produced <= 5 + 1 + 2 + 1
    assert not any(thread.name == "ingest-prefetch" for thread in threading.enumerate())
