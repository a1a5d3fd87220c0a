"""Once-only claims on real SQLite, and Slack's dedupe on them: one handler per event id,
across replicas."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from bot.services import Services, build_services
from bot.slack.dedupe import KEEP_FOR, SlackDedupe
from casework.settings import Settings
from retrieval.testing import HashingEmbedder

pytestmark = pytest.mark.backends


class SteppingClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def dedupe_of(services: Services) -> SlackDedupe:
    return SlackDedupe(services.claims)


def test_an_event_is_new_exactly_once(services: Services) -> None:
    events = dedupe_of(services)

    assert events.first_time("Ev-1") is True
    assert events.first_time("Ev-1") is False
    assert events.first_time("Ev-2") is True


def test_a_second_replica_sees_the_event_as_handled(services: Services, settings: Settings) -> None:
    other_replica = build_services(settings, embedder=HashingEmbedder())

    assert dedupe_of(services).first_time("Ev-1") is True
    assert dedupe_of(other_replica).first_time("Ev-1") is False


def test_replicas_racing_for_one_event_let_exactly_one_win(settings: Settings) -> None:
    replicas = [build_services(settings, embedder=HashingEmbedder()) for _ in range(4)]
    for replica in replicas:
        replica.engine  # migrate before the race  # noqa: B018
    start = threading.Barrier(len(replicas))
    wins: list[bool] = []

    def claim(replica: Services) -> None:
        start.wait()
        events = dedupe_of(replica)
        wins.extend(events.first_time(f"Ev-{n}") for n in range(20))

    threads = [threading.Thread(target=claim, args=(replica,)) for replica in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert len(wins) == 80
    assert wins.count(True) == 20


def test_event_ids_older_than_a_day_are_purged_by_the_next_call(services: Services) -> None:
    clock = SteppingClock(datetime(2026, 3, 1, 9, 0))
    events = SlackDedupe(services.claims, clock=clock)
    events.first_time("Ev-old")

    clock.now += KEEP_FOR + timedelta(minutes=1)
    events.first_time("Ev-new")

    assert events.first_time("Ev-new") is False
    assert events.first_time("Ev-old") is True  # forgotten, so new again


def test_purge_counts_what_it_forgot(services: Services) -> None:
    events = dedupe_of(services)
    for n in range(3):
        events.first_time(f"Ev-{n}")

    in_a_minute = datetime.now(UTC).replace(tzinfo=None) + timedelta(minutes=1)

    assert events.purge(older_than=datetime(2000, 1, 1)) == 0
    assert events.purge(older_than=in_a_minute) == 3
