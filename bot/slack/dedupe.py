"""Slack delivers an event again when it is not acknowledged in time, and several bot replicas
may receive the same event. :class:`SlackDedupe` lets exactly one of them handle it, through the
domain's :class:`~casework.claims.OnceOnlyClaims`.

Slack retries within minutes, so keys older than :data:`KEEP_FOR` are forgotten, at most once
per :data:`PURGE_EVERY` per process, by whichever call comes next.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Final

from casework.claims import OnceOnlyClaims

KEEP_FOR: Final = timedelta(days=1)
PURGE_EVERY: Final = timedelta(hours=1)

Clock = Callable[[], datetime]
"""Now, in UTC without an offset."""


class SlackDedupe:
    def __init__(self, claims: OnceOnlyClaims, clock: Clock | None = None) -> None:
        self._claims = claims
        self._clock = clock or _now
        self._next_purge = datetime.min

    def first_time(self, key: str) -> bool:
        """True for the one call, across every replica, that sees this event id (or file share)
        first; False for every later one."""
        now = self._clock()
        if now >= self._next_purge:
            self.purge(older_than=now - KEEP_FOR)
            self._next_purge = now + PURGE_EVERY
        return self._claims.claim(key, now)

    def purge(self, older_than: datetime) -> int:
        return self._claims.forget_before(older_than)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
