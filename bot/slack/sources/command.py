"""``/casebot sources``: each scheduled source's status, last run and next run; ``/casebot
sources run NAME`` makes a source due now (administrators only) and wakes this process's source
worker, if it runs one. Answered in the ack, which Slack shows to the asker only."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from bot.slack.blocks import BLOCK_LIMIT, Block, Message, context, section
from bot.slack.deps import Deps
from bot.slack.mrkdwn import escape
from bot.slack.sources import texts
from casework.errors import CasebotError
from casework.sources.errors import NotAdminError, UnknownSourceError
from casework.sources.runs import RunRecord, SourceState
from casework.sources.scheduler import FAILING
from casework.usecases.requester import Requester

SOURCES_SHOWN: Final = BLOCK_LIMIT - 3
"""The title, the "more sources" note and the footer take the other blocks."""


def sources_reply(deps: Deps, requester: Requester, words: Sequence[str]) -> Message:
    """The reply to ``/casebot sources …``; ``words`` are what follows ``sources``."""
    verb = words[0].lower() if words else "list"
    try:
        if verb == "list":
            return sources_message(deps.services.running_sources.states())
        if verb == "run":
            return _text(_run(deps, requester, words[1:]))
    except CasebotError as error:
        return _text(texts.SOURCES_FAILED.format(reason=escape(str(error))))
    return _text(texts.SOURCES_USAGE)


def sources_message(states: Sequence[SourceState]) -> Message:
    if not states:
        return _text(texts.SOURCES_NONE)
    blocks: list[Block] = [section(texts.SOURCES_TITLE)]
    blocks += [section(_source_text(state)) for state in states[:SOURCES_SHOWN]]
    if len(states) > SOURCES_SHOWN:
        blocks.append(context(texts.SOURCES_LEFT_OUT.format(more=len(states) - SOURCES_SHOWN)))
    blocks.append(context(texts.SOURCES_FOOTER))
    return Message(text=texts.SOURCES_TITLE, blocks=blocks)


def _run(deps: Deps, requester: Requester, arguments: Sequence[str]) -> str:
    if not arguments:
        return texts.SOURCES_RUN_NEEDS_NAME
    name = arguments[0]
    worker = deps.source_worker
    try:
        deps.services.running_sources.run_now(
            requester, name, wake=worker.wake if worker is not None else None
        )
    except NotAdminError:
        return texts.SOURCES_NOT_ADMIN.format(name=escape(name))
    except UnknownSourceError as error:
        known = ", ".join(f"`{escape(known)}`" for known in error.known)
        listed = known or texts.SOURCES_NO_NAMES
        return texts.SOURCES_UNKNOWN.format(name=escape(name), known=listed)
    return texts.SOURCES_QUEUED.format(name=escape(name))


def _source_text(state: SourceState) -> str:
    heading = texts.SOURCE_HEADING.format(
        name=escape(state.name),
        type=escape(state.type),
        schedule=escape(state.schedule),
        status=_status(state),
    )
    next_run = (
        texts.SOURCE_NEXT_RUN.format(next_run=_when(state.next_run_at))
        if state.next_run_at
        else texts.SOURCE_NEXT_UNKNOWN
    )
    return "\n".join((heading, _last_run(state.last_run), next_run))


def _status(state: SourceState) -> str:
    if state.leased_by is not None:
        status = texts.SOURCE_STATUS_RUNNING
    elif state.status == FAILING:
        status = texts.SOURCE_STATUS_FAILING
    else:
        status = texts.SOURCE_STATUS_OK
    if state.consecutive_failures:
        failures = texts.SOURCE_FAILURES.format(failures=state.consecutive_failures)
        status = f"{status} ({failures})"
    return status


def _last_run(run: RunRecord | None) -> str:
    if run is None:
        return texts.SOURCE_NEVER_RAN
    return texts.SOURCE_LAST_RUN.format(
        started=_when(run.started_at),
        status=escape(run.status),
        counts=texts.OPS_COUNTS.format(**run.counts.tally()),
    )


def _when(moment: datetime) -> str:
    return moment.isoformat(sep=" ", timespec="minutes")


def _text(text: str) -> Message:
    return Message(text=text, blocks=[section(text)])
