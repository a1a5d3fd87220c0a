"""Next runs: an interval counts from the end of the run; cron names the next matching time."""

from __future__ import annotations

from datetime import datetime, timedelta

from casework.sources.schedule import Schedule, parse_interval

NOW = datetime(2026, 3, 2, 9, 17)  # a Monday


def test_intervals_are_a_number_and_a_unit() -> None:
    assert parse_interval("15m") == timedelta(minutes=15)
    assert parse_interval("6h") == timedelta(hours=6)
    assert parse_interval("1d") == timedelta(days=1)
    assert parse_interval("0m") is None
    assert parse_interval("6 hours") is None


def test_an_interval_runs_again_that_long_after_now() -> None:
    assert Schedule(every=timedelta(hours=6)).next_after(NOW) == datetime(2026, 3, 2, 15, 17)


def test_cron_gives_the_next_matching_time() -> None:
    weekday_mornings = Schedule(cron="0 6 * * 1-5")
    half_hourly = Schedule(cron="*/30 * * * *")

    assert weekday_mornings.next_after(NOW) == datetime(2026, 3, 3, 6, 0)
    assert weekday_mornings.next_after(datetime(2026, 3, 6, 7, 0)) == datetime(2026, 3, 9, 6, 0)
    assert half_hourly.next_after(NOW) == datetime(2026, 3, 2, 9, 30)
