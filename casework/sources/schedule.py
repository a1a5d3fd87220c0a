"""When a source runs next: every fixed interval from the end of its last run, or at the next
time a 5-field cron expression names (in UTC, like every time the registry keeps)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from croniter import croniter

_INTERVAL = re.compile(r"\s*(\d+)\s*([smhd])\s*")
_UNITS: Final = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_interval(text: str) -> timedelta | None:
    """``15m``, ``6h``, ``1d`` (and ``30s``); None when it is not one, or is zero."""
    match = _INTERVAL.fullmatch(text)
    if match is None:
        return None
    interval = timedelta(**{_UNITS[match[2]]: int(match[1])})
    return interval if interval > timedelta(0) else None


def valid_cron(expression: str) -> bool:
    return len(expression.split()) == 5 and bool(croniter.is_valid(expression))


@dataclass(frozen=True)
class Schedule:
    """Exactly one of ``every`` and ``cron`` is set (the sources file checks it)."""

    every: timedelta | None = None
    cron: str | None = None

    def next_after(self, now: datetime) -> datetime:
        if self.every is not None:
            return now + self.every
        assert self.cron is not None
        following: datetime = croniter(self.cron, now).get_next(datetime)
        return following

    def describe(self) -> str:
        if self.every is not None:
            return f"every {_interval_text(self.every)}"
        return f"cron {self.cron}"


def _interval_text(interval: timedelta) -> str:
    seconds = int(interval.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
