"""``/casebot sources`` and ``/casebot sources run NAME``, as signed slash commands to the app in
HTTP mode, with the app's own source worker woken by a run request."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from bot.services import build_services
from bot.slack.app import build_app
from bot.slack.http import HttpServer
from bot.slack.work import Pools
from bot.testing.fake_slack import FakeSlackWebAPI
from bot.testing.signing import slash_command
from casework.audit import SOURCE_RUN
from casework.sources.runs import RunRecord
from casework.sources.worker import SourceWorker
from retrieval.testing import HashingEmbedder
from tests.slack.casebot_app import MEMBER, OTHER_CHANNEL, RunningCasebot, slack_settings
from tests.sources.support import folder_source

ADMIN = "U0ADMIN"
WAIT_SECONDS = 10.0


@dataclass
class SourcesCasebot(RunningCasebot):
    worker: SourceWorker | None = None
    ran: dict[str, threading.Event] = field(default_factory=dict)
    """Set when the app's worker finishes a run of the source named."""
    worker_started: bool = False

    def sources(self, text: str = "", user: str = MEMBER) -> dict[str, Any]:
        """``/casebot sources TEXT``; returns the ack's body (its text and blocks)."""
        request = slash_command("/casebot", f"sources {text}", user, OTHER_CHANNEL)
        body: dict[str, Any] = self.send(request).json()
        return body

    def run_now(self, name: str) -> None:
        """Run a source in the test's own thread (as ``casebot sources run`` does)."""
        services = self.services
        scheduler, runners = services.source_scheduler, services.source_runners
        scheduler.run(name, runners, "test", services.source_lease)

    def start_worker(self) -> None:
        assert self.worker is not None
        self.worker.start()
        self.worker_started = True

    def worker_ran(self, name: str) -> bool:
        return self.ran[name].wait(WAIT_SECONDS)

    def next_run(self, name: str) -> datetime | None:
        states = self.services.source_scheduler.states()
        return next(state.next_run_at for state in states if state.name == name)


@pytest.fixture
def casebot(tmp_path: Path, fake_slack: FakeSlackWebAPI) -> Iterator[SourcesCasebot]:
    """Sources ``drop`` (a folder with one filing) and ``gone`` (a missing folder), a source
    worker that looks for due sources only once an hour unless woken, and ``ADMIN``."""
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.txt").write_text("Forty pallets of counterfeit batteries seized.")
    sources = tmp_path / "sources.yml"
    sources.write_text(
        "sources:\n" + folder_source("drop", drop) + folder_source("gone", tmp_path / "nowhere")
    )
    settings = slack_settings(
        tmp_path / "home",
        fake_slack.url,
        CASEBOT_SOURCES_FILE=sources,
        CASEBOT_ADMINS=f"U0SOMEONE, {ADMIN}",
        CASEBOT_SOURCE_POLL_SECONDS=3600,
        CASEBOT_SOURCE_FAILING_AFTER=1,
    )
    services = build_services(settings, embedder=HashingEmbedder())
    ran = {"drop": threading.Event(), "gone": threading.Event()}

    def on_run(record: RunRecord) -> None:
        ran[record.source].set()

    worker = services.source_worker(on_run=on_run)
    pools = Pools.sized(1, 10)
    app = build_app(settings, services, pools=pools, source_worker=worker)
    with HttpServer(app, "127.0.0.1", 0, threads=4) as server:
        running = SourcesCasebot(server.events_url, fake_slack, services, pools, worker, ran)
        yield running
        if running.worker_started:
            worker.stop()
    pools.shutdown(wait=True)


def shown(body: dict[str, Any]) -> str:
    """The text of every section and context block of a reply."""
    texts = []
    for block in body["blocks"]:
        if block["type"] == "section":
            texts.append(block["text"]["text"])
        texts.extend(element["text"] for element in block.get("elements", []))
    return "\n".join(texts)


def test_sources_shows_status_last_and_next_run_to_anyone(casebot: SourcesCasebot) -> None:
    listing = casebot.sources()
    before = shown(listing)
    casebot.run_now("drop")
    casebot.run_now("gone")

    after = shown(casebot.sources())

    assert listing.get("response_type", "ephemeral") == "ephemeral"
    assert "*drop* · folder · every 1h · :white_check_mark: ok\nNot run yet" in before
    assert "*drop* · folder · every 1h · :white_check_mark: ok\nLast run " in after
    assert ", ok: 1 added · 0 updated · 0 unchanged · 0 removed · 0 failed · 0 hit(s)" in after
    assert "*gone* · folder · every 1h · :rotating_light: failing (1 failure(s) in a row)" in after
    assert "Next run " in after and "`/casebot sources run NAME`" in after


def test_an_admin_queues_a_run_and_the_apps_worker_is_woken(casebot: SourcesCasebot) -> None:
    casebot.run_now("drop")  # drop is not due again for an hour
    casebot.start_worker()
    assert casebot.worker_ran("gone")  # its first pass: gone was due, drop was not

    reply = casebot.sources("run drop", ADMIN)

    assert "Source *drop* is queued" in reply["text"]
    assert casebot.worker_ran("drop")  # woken: it would not look again for an hour
    [entry] = casebot.services.audit.entries(action=SOURCE_RUN)
    assert (entry.user_id, entry.channel_id) == (ADMIN, OTHER_CHANNEL)
    assert (entry.details["source"], entry.details["outcome"]) == ("drop", "queued")


def test_anyone_else_is_refused_and_the_refusal_audited(casebot: SourcesCasebot) -> None:
    casebot.run_now("drop")
    scheduled = casebot.next_run("drop")

    reply = casebot.sources("run drop", MEMBER)

    assert "Only a Casebot administrator may run a source now" in reply["text"]
    assert casebot.next_run("drop") == scheduled
    [entry] = casebot.services.audit.entries(action=SOURCE_RUN)
    assert (entry.user_id, entry.details["outcome"]) == (MEMBER, "refused: not an administrator")


def test_an_unknown_name_is_refused_with_the_names_there_are(casebot: SourcesCasebot) -> None:
    reply = casebot.sources("run nope", ADMIN)
    nameless = casebot.sources("run", ADMIN)

    assert "There is no source *nope*. The sources are: `drop`, `gone`." in reply["text"]
    assert "Name the source: `/casebot sources run NAME`." in nameless["text"]
    [entry] = casebot.services.audit.entries(action=SOURCE_RUN)
    assert entry.details["outcome"] == "refused: no such source"
