"""Casebot's Slack app running in HTTP mode on 127.0.0.1, in this process, against the fake Web
API, over a small indexed corpus (the deterministic hashing embedder).

The corpus: a public press release, a public notice (with ``<!channel>`` and ``<@U999>`` in
it, to prove they never reach Slack unescaped) and one case note of ``CASE_ID``, whose room is
``CASE_CHANNEL``, led by ``LEAD`` with ``MEMBER`` as a member; ``OUTSIDER`` is in no case.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.services import Services
from bot.slack.work import Pools
from bot.testing.fake_slack import FakeSlackWebAPI, RecordedCall
from bot.testing.payloads import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    SIGNING_SECRET,
    app_mention_event,
)
from bot.testing.signing import HttpResponse, SlackRequest, event_callback, send, slash_command
from casework.markings import Kind
from casework.settings import Settings, load_settings
from ingestion.pipeline import IngestOptions

CASE_ID = "OP-HARBOR"
CASE_TITLE = "Counterfeit router imports"
CASE_CHANNEL = "CCASE1"
OTHER_CHANNEL = "CGENERAL"
LEAD = "ULEAD"
MEMBER = "UMEMBER"
OUTSIDER = "UOUTSIDER"
SECRET_WORD = "BLUEHERON"

RELEASE_TITLE = "Customs seizes counterfeit routers at Newark"
RELEASE = f"""# {RELEASE_TITLE}

Customs officers seized 500 counterfeit routers at the Port of Newark in March.
The importer, Harbor Traders, faces charges of trafficking in counterfeit goods.
"""
NOTICE = """# Staff notice <!channel>

The staff notice tells <!channel> and <@U999> to read the seizure memo & sign it by Friday.
"""
NOTICE_QUESTION = "What does the staff notice tell staff to read?"
NOTE = f"""# Informant handling

The informant codename for the warehouse raid is {SECRET_WORD}.
The warehouse raid is planned for the first week of May.
"""
PUBLIC_QUESTION = "How many counterfeit routers did customs seize at the Port of Newark?"
SECRET_QUESTION = "What is the informant codename for the warehouse raid?"

MARKER_CHANNEL = "CMARKER"
"""No case's room and no test's channel: a negative check's marker question is asked there, so
its reply is told apart from anything else by its channel (see `quiet_until_marker`)."""
ANSWERS_POOL_SETTLE = 0.3
"""The answers pool has several workers, so an event queued just before the marker may still be
worked on when the marker's reply arrives; a negative check through that pool keeps counting for
this many seconds after it. The files and notices pools have one worker: no settling needed."""


def slack_settings(home: Path, api_url: str, **overrides: object) -> Settings:
    return load_settings(
        CASEBOT_HOME=home,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_APP_TOKEN=APP_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        CASEBOT_SLACK_API_URL=api_url,
        **overrides,
    )


def index_corpus(services: Services, root: Path) -> None:
    filings, notes = root / "filings", root / "notes"
    filings.mkdir(parents=True)
    notes.mkdir(parents=True)
    (filings / "newark-seizure.md").write_text(RELEASE)
    (filings / "staff-notice.md").write_text(NOTICE)
    (notes / "informant.md").write_text(NOTE)
    services.cases.create(
        CASE_ID, CASE_TITLE, channels=[CASE_CHANNEL], members=[MEMBER], leads=[LEAD]
    )
    services.ingestion.ingest([filings], IngestOptions())
    services.ingestion.ingest([notes], IngestOptions(kind=Kind.NOTE, case_id=CASE_ID))


@dataclass
class RunningCasebot:
    """The app's URL, the fake Slack it talks to, the services behind it and its work pools."""

    events_url: str
    slack: FakeSlackWebAPI
    services: Services
    pools: Pools | None = None

    def send(self, request: SlackRequest) -> HttpResponse:
        response = send(self.events_url, request)
        assert response.status == 200, (response.status, response.text)
        assert response.elapsed < 3.0
        return response

    def answer(
        self, predicate: Callable[[RecordedCall], bool] | None = None, count: int = 1
    ) -> RecordedCall:
        """The ``count``-th placeholder replaced with an answer (matching ``predicate``)."""
        return self.slack.wait_for("chat.update", predicate, count=count)[count - 1]

    def finish_work(self, timeout: float = 10.0) -> None:
        """Wait until nothing runs or waits on the app's pools.

        `answer()` returns as soon as the fake receives the answer, while the worker still has
        steps to take after it (remembering the thread the answer started, for follow-ups), as a
        person reading the answer before replying would never notice.
        """
        assert self.pools is not None, "this RunningCasebot was built without its pools"
        assert self.pools.wait_idle(timeout), f"the app's pools still busy after {timeout} s"


def marker_mention() -> SlackRequest:
    """A public question to Casebot in `MARKER_CHANNEL`: its placeholder (`chat.postMessage`)
    comes from the answers pool, like every mention, thread follow-up and direct message."""
    mention = app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel=MARKER_CHANNEL)
    return event_callback(mention)


def marker_ask() -> SlackRequest:
    """``/ask`` a public question in `MARKER_CHANNEL`: answered in the channel
    (`chat.postMessage`) from the answers pool."""
    return slash_command("/ask", PUBLIC_QUESTION, MEMBER, MARKER_CHANNEL)


def in_marker_channel(call: RecordedCall) -> bool:
    return call.params.get("channel") == MARKER_CHANNEL


def blocks_text(call: RecordedCall) -> str:
    """Everything a call would show: its text and its blocks, as JSON text."""
    return f"{call.params.get('text', '')}\n{json.dumps(call.json_param('blocks') or [])}"


def button_value(call: RecordedCall, action_id: str) -> str:
    blocks: list[dict[str, Any]] = call.json_param("blocks")
    for block in blocks:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return str(element["value"])
    raise AssertionError(f"no {action_id} button in {blocks}")


def said_to_slack(slack: FakeSlackWebAPI) -> str:
    """Every message text and block Casebot sent, one call a line."""
    methods = ("chat.postMessage", "chat.update", "chat.postEphemeral")
    return "\n".join(blocks_text(call) for method in methods for call in slack.calls(method))
