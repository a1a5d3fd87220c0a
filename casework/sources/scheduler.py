"""Which sources are due, and one worker at a time for each, across processes.

**Claims.** Each source has a row in ``source_schedules``. A worker claims a due source with one
conditional ``UPDATE`` (``next_run_at <= now`` and no live lease); a row count of 1 means the run
is this worker's until ``lease_until``. This works on SQLite and PostgreSQL alike and holds no
lock while the source runs (so PostgreSQL's ``SKIP LOCKED`` has nothing to skip). (APScheduler
3's shared job store is known to fire a job twice across processes; it is not used.) A running
worker renews its lease a few times per lease period, so a long run is never taken over; a
worker that dies leaves its lease to lapse, and then another worker claims the source again and
marks the dead worker's run ``abandoned``.

**After a run** the next run is set from the schedule and the lease cleared, only if this worker
still holds the lease. A failure is retried after ``base_delay * 2**(failures-1)`` (capped by
``max_delay`` and never later than the schedule); ``failing_after`` failures in a row mark the
source ``failing``, after which it is tried on its schedule. A transient failure (another
ingestion holds the data folder) is retried after ``base_delay`` and not counted.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from casework.errors import CasebotError
from casework.sources.config import SourceConfig, Sources
from casework.sources.errors import NoRunnerError, SourceBusyError, UnknownSourceError
from casework.sources.runs import RunCounts, Runners, RunRecord, SourceState
from casework.storage.db import SessionFactory
from casework.storage.sources import SourceRun, SourceSchedule
from ingestion.lock import IngestionBusyError

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

OK: Final = "ok"
FAILING: Final = "failing"
RUNNING: Final = "running"
FAILED: Final = "failed"
ABANDONED: Final = "abandoned"
RENEWALS_PER_LEASE: Final = 3
ERROR_LIMIT: Final = 1000


@dataclass(frozen=True)
class RetryPolicy:
    base_delay: timedelta = timedelta(minutes=1)
    max_delay: timedelta = timedelta(hours=1)
    failing_after: int = 3

    def backoff(self, failures: int) -> timedelta:
        return min(self.base_delay * (1 << max(failures - 1, 0)), self.max_delay)


class SourceScheduler:
    def __init__(
        self,
        sessions: SessionFactory,
        sources: Callable[[], Sources],
        clock: Clock,
        *,
        retry: RetryPolicy | None = None,
        transient: tuple[type[BaseException], ...] = (IngestionBusyError,),
    ) -> None:
        self._sessions = sessions
        self._sources = sources
        self._clock = clock
        self._retry = retry or RetryPolicy()
        self._transient = transient

    @property
    def clock(self) -> Clock:
        return self._clock

    # -- claiming -------------------------------------------------------------------------------

    def claim_due(self, now: datetime, worker_id: str, lease: timedelta) -> list[str]:
        """Claim every configured source that is due and not leased; returns the names won."""
        names = self._sources().names
        self._ensure_rows(names, now)
        with self._sessions() as session:
            due = session.scalars(
                select(SourceSchedule.name)
                .where(SourceSchedule.name.in_(names), *_claimable(now))
                .order_by(SourceSchedule.next_run_at, SourceSchedule.name)
            ).all()
        return [name for name in due if self._claim(name, now, worker_id, lease, (_due(now),))]

    def claim(self, name: str, worker_id: str, lease: timedelta) -> SourceConfig:
        """Claim one source now, due or not (``casebot sources run``)."""
        config = self._config(name)
        now = self._clock()
        self._ensure_rows([name], now)
        if not self._claim(name, now, worker_id, lease, ()):
            state = self._schedule_row(name)
            raise SourceBusyError(name, state.leased_by, state.lease_until)
        return config

    def run_now(self, name: str) -> None:
        """Make a source due at once: the next worker pass runs it."""
        self._config(name)
        now = self._clock()
        self._ensure_rows([name], now)
        with self._sessions.begin() as session:
            session.execute(
                update(SourceSchedule).where(SourceSchedule.name == name).values(next_run_at=now)
            )

    def _claim(
        self, name: str, now: datetime, worker_id: str, lease: timedelta, extra: tuple[Any, ...]
    ) -> bool:
        with self._sessions.begin() as session:
            claimed = session.connection().execute(
                update(SourceSchedule)
                .where(SourceSchedule.name == name, _lease_free(now), *extra)
                .values(lease_until=now + lease, leased_by=worker_id)
            )
            return claimed.rowcount == 1

    def _ensure_rows(self, names: Sequence[str], now: datetime) -> None:
        """A source new to the file is due at once. Two workers may add it together: the
        primary key keeps one row."""
        with self._sessions() as session:
            known = set(session.scalars(select(SourceSchedule.name)))
        for name in names:
            if name in known:
                continue
            try:
                with self._sessions.begin() as session:
                    session.add(
                        SourceSchedule(
                            name=name, next_run_at=now, consecutive_failures=0, status=OK
                        )
                    )
            except IntegrityError:
                pass

    # -- running --------------------------------------------------------------------------------

    def run(self, name: str, runners: Runners, worker_id: str, lease: timedelta) -> RunRecord:
        """Claim a source now and run it in this process."""
        self.claim(name, worker_id, lease)
        return self.run_claimed(name, runners, worker_id, lease)

    def run_claimed(
        self, name: str, runners: Runners, worker_id: str, lease: timedelta | None = None
    ) -> RunRecord:
        """Run a source this worker holds and record the run; never raises for the source's
        own failure (it is recorded and retried). With ``lease``, the lease is renewed while
        the run lasts, so a long run is never taken over; a dead worker's is, once it lapses."""
        config = self._sources().get(name)
        run_id = self._start_run(name, worker_id)
        try:
            with self._lease_kept(name, worker_id, lease):
                counts = self._invoke(name, config, runners)
        except self._transient as error:
            return self._finish_failed(run_id, name, worker_id, str(error), counted=False)
        except Exception as error:
            if not _expected(error):
                log.exception("source %s failed", name)
            return self._finish_failed(run_id, name, worker_id, _describe(error), counted=True)
        return self._finish_ok(run_id, name, worker_id, counts, config)

    @contextmanager
    def _lease_kept(self, name: str, worker_id: str, lease: timedelta | None) -> Iterator[None]:
        if lease is None:
            yield
            return
        done = threading.Event()
        every = lease.total_seconds() / RENEWALS_PER_LEASE

        def renew_until_done() -> None:
            while not done.wait(every):
                self.renew(name, worker_id, lease)

        keeper = threading.Thread(target=renew_until_done, name=f"lease-{name}", daemon=True)
        keeper.start()
        try:
            yield
        finally:
            done.set()
            keeper.join()

    def renew(self, name: str, worker_id: str, lease: timedelta) -> bool:
        """Extend this worker's lease on a source; False if it no longer holds it."""
        try:
            with self._sessions.begin() as session:
                renewed = session.connection().execute(
                    update(SourceSchedule)
                    .where(SourceSchedule.name == name, SourceSchedule.leased_by == worker_id)
                    .values(lease_until=self._clock() + lease)
                )
        except Exception:  # the database is away for a moment: the next renewal tries again
            log.warning("source %s: renewing the lease failed", name, exc_info=True)
            return False
        return renewed.rowcount == 1

    def _invoke(self, name: str, config: SourceConfig | None, runners: Runners) -> RunCounts:
        if config is None:
            raise UnknownSourceError(name, self._sources().names)
        runner = runners.get(config.type)
        if runner is None:
            raise NoRunnerError(name, config.type.value)
        return runner(config)

    def _start_run(self, name: str, worker_id: str) -> int:
        """Record a new run; a run of this source still marked running belonged to a worker
        that died (this one holds the lease now), and is marked abandoned."""
        now = self._clock()
        with self._sessions.begin() as session:
            session.execute(
                update(SourceRun)
                .where(SourceRun.source == name, SourceRun.status == RUNNING)
                .values(status=ABANDONED, finished_at=now)
            )
        run = SourceRun(
            source=name,
            started_at=self._clock(),
            status=RUNNING,
            added=0,
            updated=0,
            unchanged=0,
            removed=0,
            failed=0,
            errors=[],
            hits_raised=0,
            worker=worker_id,
        )
        with self._sessions.begin() as session:
            session.add(run)
            session.flush()
            return run.id

    def _finish_ok(
        self,
        run_id: int,
        name: str,
        worker_id: str,
        counts: RunCounts,
        config: SourceConfig | None,
    ) -> RunRecord:
        now = self._clock()
        assert config is not None  # _invoke raised otherwise
        with self._sessions.begin() as session:
            run = self._record(session, run_id, now, OK, counts)
            next_run_at = config.schedule.next_after(now)
            row = session.get(SourceSchedule, name)
            if row is not None and row.next_run_at > run.started_at:
                next_run_at = min(next_run_at, row.next_run_at)  # asked to run during this run
            self._release(
                session,
                name,
                worker_id,
                next_run_at=next_run_at,
                consecutive_failures=0,
                status=OK,
                last_error=None,
            )
            return _record_of(run)

    def _finish_failed(
        self, run_id: int, name: str, worker_id: str, error: str, *, counted: bool
    ) -> RunRecord:
        now = self._clock()
        counts = RunCounts(errors=({"source": name, "error": error},))
        with self._sessions.begin() as session:
            run = self._record(session, run_id, now, FAILED, counts)
            row = session.get(SourceSchedule, name)
            marked_failing = False
            if row is not None and row.leased_by == worker_id:
                marked_failing = self._retry_later(session, row, now, error, counted)
            return replace(_record_of(run), marked_failing=marked_failing)

    def _retry_later(
        self, session: Session, row: SourceSchedule, now: datetime, error: str, counted: bool
    ) -> bool:
        """Returns whether this failure marked the source failing."""
        failures = row.consecutive_failures + (1 if counted else 0)
        config = self._sources().get(row.name)
        on_schedule = config.schedule.next_after(now) if config else now + self._retry.max_delay
        if not counted:
            next_run_at = min(now + self._retry.base_delay, on_schedule)
        elif failures >= self._retry.failing_after:
            next_run_at = on_schedule
        else:
            next_run_at = min(now + self._retry.backoff(failures), on_schedule)
        failing = failures >= self._retry.failing_after
        newly_failing = failing and row.status != FAILING
        self._release(
            session,
            row.name,
            row.leased_by or "",
            next_run_at=next_run_at,
            consecutive_failures=failures,
            status=FAILING if failing else row.status,
            last_error=error[:ERROR_LIMIT],
        )
        return newly_failing

    def _record(
        self, session: Session, run_id: int, now: datetime, status: str, counts: RunCounts
    ) -> SourceRun:
        run = session.get(SourceRun, run_id)
        assert run is not None
        run.finished_at = now
        run.status = status
        run.added, run.updated, run.unchanged = counts.added, counts.updated, counts.unchanged
        run.removed, run.failed, run.hits_raised = counts.removed, counts.failed, counts.hits_raised
        run.errors = list(counts.errors)
        return run

    def _release(self, session: Session, name: str, worker_id: str, **values: Any) -> None:
        """Clear the lease and set what comes next, if this worker still holds it."""
        released = session.connection().execute(
            update(SourceSchedule)
            .where(SourceSchedule.name == name, SourceSchedule.leased_by == worker_id)
            .values(lease_until=None, leased_by=None, **values)
        )
        if released.rowcount != 1:
            log.warning("source %s: %s lost its lease before the run ended", name, worker_id)

    # -- reading --------------------------------------------------------------------------------

    def states(self) -> list[SourceState]:
        """Every configured source with its schedule row and last run."""
        sources = self._sources()
        with self._sessions() as session:
            rows = {row.name: row for row in session.scalars(select(SourceSchedule))}
        return [self._state(config, rows.get(config.name)) for config in sources]

    def history(self, name: str | None = None, limit: int = 20) -> list[RunRecord]:
        query = select(SourceRun).order_by(SourceRun.id.desc()).limit(limit)
        if name is not None:
            query = query.where(SourceRun.source == name)
        with self._sessions() as session:
            return [_record_of(run) for run in session.scalars(query)]

    def _state(self, config: SourceConfig, row: SourceSchedule | None) -> SourceState:
        last = self.history(config.name, limit=1)
        return SourceState(
            name=config.name,
            type=config.type.value,
            schedule=config.schedule.describe(),
            next_run_at=row.next_run_at if row else None,
            status=row.status if row else OK,
            consecutive_failures=row.consecutive_failures if row else 0,
            last_error=row.last_error if row else None,
            leased_by=row.leased_by if row else None,
            last_run=last[0] if last else None,
        )

    def _schedule_row(self, name: str) -> SourceSchedule:
        with self._sessions() as session:
            row = session.get(SourceSchedule, name)
            assert row is not None
            return row

    def _config(self, name: str) -> SourceConfig:
        sources = self._sources()
        config = sources.get(name)
        if config is None:
            raise UnknownSourceError(name, sources.names)
        return config


def _due(now: datetime) -> Any:
    return SourceSchedule.next_run_at <= now


def _lease_free(now: datetime) -> Any:
    return or_(SourceSchedule.lease_until.is_(None), SourceSchedule.lease_until < now)


def _claimable(now: datetime) -> tuple[Any, ...]:
    return (_due(now), _lease_free(now))


def _expected(error: Exception) -> bool:
    """A failure a person can act on (a missing folder), not a defect worth a traceback."""
    return isinstance(error, CasebotError | OSError)


def _describe(error: Exception) -> str:
    return str(error) if _expected(error) else f"{type(error).__name__}: {error}"


def _record_of(run: SourceRun) -> RunRecord:
    counts = RunCounts(
        added=run.added,
        updated=run.updated,
        unchanged=run.unchanged,
        removed=run.removed,
        failed=run.failed,
        errors=tuple(run.errors),
        hits_raised=run.hits_raised,
    )
    return RunRecord(
        id=run.id,
        source=run.source,
        started_at=run.started_at,
        finished_at=run.finished_at,
        status=run.status,
        counts=counts,
        worker=run.worker,
    )
