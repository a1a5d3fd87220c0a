"""Notices of scheduled runs in the operations channel (``CASEBOT_OPS_CHANNEL``).

The worker tells :class:`OpsNotices` of every run it finishes. A run that failed (as a whole, or
for any file), that raised cross-case hits or that marked its source ``failing`` gets one message:
the source's name, the run's counts, the first few errors and where the rest are.

**No case material in the channel.** The operations channel is not a case room, so it is shown
only what is not case material. For a ``filing`` source marked ``PUBLIC``: the failed files'
paths and error texts, each cut short. For any other source (``note``, or filings marked
otherwise): its case id and counts, and each failed file by its file name alone; never its
folder, and never the error text, which can quote a path or the file's own words. A source no
longer in the sources file is shown like a note source. The full errors stay on the server
(``casebot sources history NAME``).

Slack refusing the message or being out of reach is logged; the run is recorded either way.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import PurePath
from typing import Final

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import replies
from bot.slack.app import build_client
from bot.slack.blocks import Block, Message, context, section
from bot.slack.mrkdwn import cut, escape
from bot.slack.sources import texts
from casework.markings import Kind, Marking
from casework.settings import Settings
from casework.sources.config import SourceConfig, Sources
from casework.sources.errors import SourcesFileError
from casework.sources.runs import RunRecord
from casework.sources.scheduler import OK

log = logging.getLogger(__name__)

ERRORS_SHOWN: Final = 3
ERROR_LIMIT: Final = 300
PATH_LIMIT: Final = 200


def needs_notice(record: RunRecord) -> bool:
    return record.marked_failing or not record.ok or record.counts.hits_raised > 0


def ops_message(record: RunRecord, source: SourceConfig | None) -> Message:
    """The notice of ``record``; ``source`` None (gone from the sources file): as notes."""
    headline = "\n".join(_headlines(record))
    blocks = [section(headline), section(_counts(record, source))]
    if record.counts.errors:
        blocks.append(_errors(record, public=_is_public(source)))
    blocks.append(context(texts.OPS_HINT.format(name=escape(record.source))))
    return Message(text=headline, blocks=blocks)


class OpsNotices:
    """A worker's ``on_run`` hook posting :func:`ops_message` for the runs that need one."""

    def __init__(self, client: WebClient, channel_id: str, sources: Callable[[], Sources]) -> None:
        self._client = client
        self._channel_id = channel_id
        self._sources = sources

    def __call__(self, record: RunRecord) -> None:
        if not needs_notice(record):
            return
        try:
            message = ops_message(record, self._source(record.source))
            replies.post(self._client, self._channel_id, message)
        except SlackApiError as error:
            code = replies.slack_error_code(error)
            log.warning(
                "run %s of %s not posted in %s: %s",
                record.id,
                record.source,
                self._channel_id,
                code,
            )
        except Exception:  # a notice must never stop the worker's other runs
            log.exception(
                "run %s of %s not posted in %s", record.id, record.source, self._channel_id
            )

    def _source(self, name: str) -> SourceConfig | None:
        try:
            return self._sources().get(name)
        except SourcesFileError:
            return None


def ops_notices(settings: Settings, sources: Callable[[], Sources]) -> OpsNotices | None:
    """The notices ``CASEBOT_OPS_CHANNEL`` asks for, or None when it is unset. Raises
    :class:`~bot.slack.app.SlackConfigError` when it is set without ``SLACK_BOT_TOKEN``."""
    if settings.ops_channel is None:
        return None
    client = build_client(settings.slack_bot_token, settings.slack_api_url)
    return OpsNotices(client, settings.ops_channel, sources)


def _headlines(record: RunRecord) -> list[str]:
    name, run_id, counts = escape(record.source), record.id, record.counts
    lines = []
    if record.marked_failing:
        lines.append(texts.OPS_MARKED_FAILING.format(name=name))
    if record.status != OK:
        lines.append(texts.OPS_RUN_FAILED.format(name=name, run_id=run_id))
    elif counts.failed:
        lines.append(texts.OPS_FILES_FAILED.format(name=name, run_id=run_id, failed=counts.failed))
    if counts.hits_raised:
        lines.append(
            texts.OPS_HITS_RAISED.format(name=name, run_id=run_id, hits=counts.hits_raised)
        )
    return lines


def _counts(record: RunRecord, source: SourceConfig | None) -> str:
    line = texts.OPS_COUNTS.format(**record.counts.tally())
    if source is not None and not _is_public(source) and source.case_id:
        line += "\n" + texts.OPS_NOTE_CASE.format(case_id=escape(source.case_id))
    return line


def _errors(record: RunRecord, public: bool) -> Block:
    errors = record.counts.errors
    lines = [_error_line(error, public) for error in errors[:ERRORS_SHOWN]]
    if len(errors) > ERRORS_SHOWN:
        lines.append(texts.OPS_MORE_ERRORS.format(more=len(errors) - ERRORS_SHOWN))
    return section("\n".join(lines))


def _error_line(error: dict[str, str], public: bool) -> str:
    source = error.get("source", "")
    if not public:
        return texts.OPS_NOTE_ERROR.format(file_name=escape(PurePath(source).name))
    return texts.OPS_ERROR.format(
        source=cut(escape(source), PATH_LIMIT, "…"),
        error=cut(escape(error.get("error", "")), ERROR_LIMIT, "…"),
    )


def _is_public(source: SourceConfig | None) -> bool:
    return source is not None and source.kind is Kind.FILING and source.marking is Marking.PUBLIC
