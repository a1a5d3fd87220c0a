"""Files shared in a case's room become notes of that case.

Slack reports a share twice — a ``message`` with subtype ``file_share`` (which carries the
message's ts, so the confirmation goes in its thread) and a ``file_shared`` event — and may
deliver either again; the first to claim ``file:<channel>:<file id>`` in the event log handles
it. Files in channels that are no case's room, or of a case whose ``ingest_shared_files`` is
off, are ignored. The work (download, ingestion) runs on the one-thread files pool; the result
is posted in the thread: what was added, or what went wrong and what to do.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt import App

from bot.slack import texts
from bot.slack.deps import Deps
from bot.slack.downloads import FileRefused, SlackFile, download, file_info
from bot.slack.failures import new_reference
from bot.slack.hit_notices import post_pending_notices
from bot.slack.mrkdwn import escape
from bot.slack.queueing import first_delivery
from casework.cases import CaseInfo
from casework.usecases.requester import Requester, Surface
from casework.usecases.shared_files import DownloadedFile
from ingestion.lock import IngestionBusyError
from ingestion.pipeline import RunReport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SharedFile:
    file_id: str
    channel_id: str
    user_id: str
    thread_ts: str | None


def on_file_message(deps: Deps, body: dict[str, Any]) -> None:
    """A ``message`` of subtype ``file_share``: one task per file."""
    event = body["event"]
    for file in event.get("files") or []:
        shared = SharedFile(file["id"], event["channel"], event.get("user", ""), event["ts"])
        _submit(deps, shared)


def on_file_shared_event(deps: Deps, body: dict[str, Any]) -> None:
    """A ``file_shared`` event (no message ts: the thread is found in ``files.info``)."""
    event = body["event"]
    channel_id = event.get("channel_id")
    if channel_id:
        _submit(deps, SharedFile(event["file_id"], channel_id, event.get("user_id", ""), None))


def ingest_shared_file(deps: Deps, shared: SharedFile) -> None:
    case = deps.services.shared_files.case_taking_files(shared.channel_id)
    if case is None:
        return
    if not first_delivery(deps, f"file:{shared.channel_id}:{shared.file_id}"):
        return
    name = shared.file_id
    try:
        slack_file = file_info(deps.client, shared.file_id, deps.options.max_file_bytes)
        name = slack_file.name
        thread_ts = shared.thread_ts or _share_ts(slack_file, shared.channel_id)
        text = _ingest(deps, shared, case, slack_file)
    except Exception as error:
        thread_ts = shared.thread_ts
        text = texts.FILE_FAILED.format(
            name=escape(name), case_id=escape(case.id), reason=_reason(error)
        )
    deps.client.chat_postMessage(channel=shared.channel_id, thread_ts=thread_ts, text=text)
    _post_hits_quietly(deps)


def _post_hits_quietly(deps: Deps) -> None:
    """Cross-case hits the file raised go out now rather than at the next poll."""
    try:
        post_pending_notices(deps)
    except Exception:
        log.exception("posting cross-case hit notices failed; the poller retries")


def _submit(deps: Deps, shared: SharedFile) -> None:
    if not deps.pools.files.submit(lambda: ingest_shared_file(deps, shared)):
        log.error("files pool full: %s in %s not ingested", shared.file_id, shared.channel_id)


def _ingest(deps: Deps, shared: SharedFile, case: CaseInfo, slack_file: SlackFile) -> str:
    folder = deps.options.files_folder / case.id / slack_file.id
    token = deps.client.token or ""
    path = download(slack_file, token, folder, deps.options.max_file_bytes)
    requester = Requester.in_slack(shared.user_id, shared.channel_id, Surface.SHARED_FILE)
    downloaded = DownloadedFile(file_id=slack_file.id, name=slack_file.name, path=path)
    report = deps.services.shared_files.ingest(downloaded, case, requester)
    return _outcome(report, slack_file.name, case.id)


def _outcome(report: RunReport, name: str, case_id: str) -> str:
    fields = {"name": escape(name), "case_id": escape(case_id)}
    if report.failed:
        return texts.FILE_FAILED.format(**fields, reason=escape(report.failed[0]["error"]))
    if report.skipped:
        return texts.FILE_SKIPPED.format(**fields, reason=escape(report.skipped[0]["reason"]))
    if report.added or report.updated:
        return texts.FILE_INGESTED.format(**fields, chunks=report.chunks)
    return texts.FILE_UNCHANGED.format(**fields)


def _share_ts(slack_file: SlackFile, channel_id: str) -> str | None:
    """The ts of the message that shared the file in this channel, from ``files.info``."""
    shares = slack_file.info.get("shares") or {}
    for visibility in ("public", "private"):
        for share in (shares.get(visibility) or {}).get(channel_id) or []:
            ts = share.get("ts")
            if ts:
                return str(ts)
    return None


def _reason(error: Exception) -> str:
    if isinstance(error, FileRefused):
        return str(error)
    if isinstance(error, IngestionBusyError):
        return texts.FILE_BUSY
    reference = new_reference()
    log.error("ingesting a shared file failed (reference %s)", reference, exc_info=error)
    return texts.FILE_ERROR.format(error_type=type(error).__name__, reference=reference)


def register(app: App, deps: Deps) -> None:
    """``file_shared``; the ``message``/``file_share`` twin is routed here by
    :mod:`bot.slack.mentions`."""

    def on_file_shared(body: dict[str, Any]) -> None:
        on_file_shared_event(deps, body)

    app.event("file_shared")(on_file_shared)
