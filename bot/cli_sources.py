"""``casebot sources …`` and ``casebot worker``: scheduled ingestion from the command line. A
source that fails, or a request that cannot be met, exits 1. The worker posts the runs that
need attention in ``CASEBOT_OPS_CHANNEL``, when it is set (:mod:`bot.slack.sources.ops`)."""

from __future__ import annotations

import json
import signal
import threading
from datetime import datetime
from types import FrameType
from typing import Annotated

import typer

from bot import texts
from bot.progress import progress_on_terminal
from bot.refusals import refusals_reported
from bot.services import Services, build_services
from bot.slack.sources.ops import ops_notices
from casework.settings import load_settings
from casework.sources.runs import RunRecord, SourceState, reporting_to

sources_app = typer.Typer(no_args_is_help=True, help=texts.SOURCES_APP_HELP)

AsJson = Annotated[bool, typer.Option("--json", help=texts.JSON_HELP)]


def _services() -> Services:
    return build_services(load_settings())


@sources_app.command("list", help=texts.SOURCES_LIST_HELP)
def list_sources(as_json: AsJson = False) -> None:
    with refusals_reported():
        states = _services().source_scheduler.states()
    if as_json:
        typer.echo(json.dumps([state.as_json() for state in states]))
        return
    if not states:
        typer.echo(texts.SOURCES_NONE)
    for state in states:
        typer.echo(_source_line(state))


@sources_app.command("run", help=texts.SOURCES_RUN_HELP)
def run_source(
    name: Annotated[str, typer.Argument(help=texts.SOURCE_NAME_HELP)], as_json: AsJson = False
) -> None:
    services = _services()
    with refusals_reported():
        notices = ops_notices(services.settings, services.sources)
    with refusals_reported(), progress_on_terminal(as_json) as progress:
        runners = services.source_runners
        if progress is not None:
            runners = reporting_to(runners, progress)
        record = services.source_scheduler.run(
            name, runners, services.worker_id, services.source_lease
        )
    if notices is not None:
        notices(record)
    _print_runs([record], as_json, single=True)
    raise typer.Exit(0 if record.ok else 1)


@sources_app.command("history", help=texts.SOURCES_HISTORY_HELP)
def history(
    name: Annotated[str | None, typer.Argument(help=texts.SOURCE_NAME_HELP)] = None,
    limit: Annotated[int, typer.Option(min=1, help=texts.SOURCES_LIMIT_HELP)] = 20,
    as_json: AsJson = False,
) -> None:
    records = _services().source_scheduler.history(name, limit)
    if not records and not as_json:
        typer.echo(texts.SOURCE_RUNS_NONE)
    _print_runs(records, as_json)


def worker() -> None:
    services = _services()
    with refusals_reported():
        count = len(services.sources())
        notices = ops_notices(services.settings, services.sources)
    stopped = threading.Event()

    def stop(_signal: int, _frame: FrameType | None) -> None:
        stopped.set()

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)

    def on_run(record: RunRecord) -> None:
        _print_runs([record], False)
        if notices is not None:
            notices(record)

    running = services.source_worker(on_run=on_run).start()
    typer.echo(texts.WORKER_STARTED.format(worker_id=services.worker_id, count=count))
    stopped.wait()
    running.stop()
    typer.echo(texts.WORKER_STOPPED)


def _print_runs(records: list[RunRecord], as_json: bool, single: bool = False) -> None:
    if as_json:
        found = [record.as_json() for record in records]
        typer.echo(json.dumps(found[0] if single else found))
        return
    for record in records:
        typer.echo(_run_line(record))
        for error in record.counts.errors:
            typer.echo(texts.SOURCE_RUN_ERROR.format(**error))


def _run_line(record: RunRecord) -> str:
    return texts.SOURCE_RUN_LINE.format(
        id=record.id,
        source=record.source,
        started=_when(record.started_at),
        status=record.status,
        **record.counts.tally(),
    )


def _source_line(state: SourceState) -> str:
    last = ""
    if state.last_run is not None:
        run = state.last_run
        last = texts.SOURCE_LINE_LAST.format(started=_when(run.started_at), run_status=run.status)
    status = state.status
    if state.consecutive_failures:
        status += texts.SOURCE_LINE_FAILING.format(
            failures=state.consecutive_failures, error=state.last_error
        )
    return texts.SCHEDULED_SOURCE_LINE.format(
        name=state.name,
        type=state.type,
        schedule=state.schedule,
        next_run=_when(state.next_run_at) if state.next_run_at else texts.SOURCE_NEVER,
        status=status,
        last=last,
    )


def _when(moment: datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")
