"""The source worker posts the runs that need attention in ``CASEBOT_OPS_CHANNEL``, over real
HTTP to the fake Slack Web API, and never a note source's case material."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from bot.services import Services
from bot.slack.app import SlackConfigError
from bot.slack.sources.ops import ops_notices
from bot.testing.environment import CASEBOT, PROXY_VARIABLES, scrubbed_environment
from bot.testing.fake_slack import FakeSlackWebAPI, RecordedCall
from bot.testing.payloads import BOT_TOKEN
from casework.markings import Kind
from casework.settings import load_settings
from casework.sources.config import Sources
from casework.sources.runs import RunRecord
from casework.sources.worker import SourceWorker
from ingestion.pipeline import IngestOptions
from tests.slack.casebot_app import blocks_text, slack_settings
from tests.sources.support import (
    LEASE,
    Clock,
    folder_runners,
    folder_source,
    scheduler,
    sources_of,
)

OPS_CHANNEL = "C0OPS"
PHONE = "312-555-0142"


def note_source(name: str, path: Path, case_id: str) -> str:
    return (
        f"  - name: {name}\n"
        "    type: folder\n"
        "    schedule: {every: 1h}\n"
        "    kind: note\n"
        f"    case: {case_id}\n"
        f"    path: {path}\n"
    )


def ops_worker(
    services: Services, sources: Sources, slack: FakeSlackWebAPI, clock: Clock | None = None
) -> SourceWorker:
    """A worker whose runs are told to the notices ``CASEBOT_OPS_CHANNEL`` asks for."""
    settings = slack_settings(
        services.settings.casebot_home, slack.url, CASEBOT_OPS_CHANNEL=OPS_CHANNEL
    )
    notices = ops_notices(settings, lambda: sources)
    assert notices is not None
    schedule = scheduler(services, sources, clock or Clock())
    runners = folder_runners(services)
    return SourceWorker(schedule, runners, 60, worker_id="w", lease=LEASE, on_run=notices)


def naming(source: str) -> Callable[[RecordedCall], bool]:
    return lambda call: f"Source *{source}*" in str(call.params.get("text", ""))


def test_a_failed_run_is_posted_and_a_clean_run_is_not(
    services: Services, fake_slack: FakeSlackWebAPI, tmp_path: Path
) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "a.txt").write_text("A filing about counterfeit chargers.")
    sources = sources_of(
        folder_source("clean", clean), folder_source("missing", tmp_path / "nowhere")
    )

    records = ops_worker(services, sources, fake_slack).run_due()

    assert [(r.source, r.status) for r in records] == [("clean", "ok"), ("missing", "failed")]
    fake_slack.quiet_until_marker("chat.postMessage", naming("missing"))
    [notice] = fake_slack.calls("chat.postMessage")
    shown = blocks_text(notice)
    assert notice.params["channel"] == OPS_CHANNEL
    assert f"Source *missing*: run {records[1].id} failed." in shown
    assert "does not exist" in shown  # a public filing source's error is shown
    assert "`casebot sources history missing`" in shown


def test_a_note_run_raising_a_hit_says_so_without_case_material(
    services: Services, fake_slack: FakeSlackWebAPI, tmp_path: Path
) -> None:
    earlier = tmp_path / "case-a"
    earlier.mkdir()
    (earlier / "call.txt").write_text(f"CASE-A intake: the seller answered from {PHONE}.")
    services.ingestion.ingest([earlier], IngestOptions(kind=Kind.NOTE, case_id="CASE-A"))
    drop = tmp_path / "informant-drop"
    drop.mkdir()
    (drop / "call.txt").write_text(f"CASE-B intake: the seller answered buyers from {PHONE}.")
    (drop / "ledger.pdf").write_bytes(b"%PDF-1.7 not really a PDF")
    sources = sources_of(note_source("harbor-notes", drop, "CASE-B"))

    [record] = ops_worker(services, sources, fake_slack).run_due()

    assert (record.counts.hits_raised, record.counts.failed) == (1, 1)
    [notice] = fake_slack.wait_for("chat.postMessage", naming("harbor-notes"))
    shown = blocks_text(notice)
    assert "raised 1 cross-case hit(s)" in shown and "1 file(s) failed" in shown
    assert "Case CASE-B" in shown and "`ledger.pdf`" in shown
    for case_material in (PHONE, "seller", str(drop), record.counts.errors[0]["error"]):
        assert case_material not in shown


def test_a_source_newly_marked_failing_is_said_once(
    services: Services, fake_slack: FakeSlackWebAPI, tmp_path: Path
) -> None:
    clock = Clock()
    sources = sources_of(folder_source("missing", tmp_path / "nowhere"))
    worker = ops_worker(services, sources, fake_slack, clock)

    for _ in range(4):  # the support's retry policy marks a source failing after 3 failures
        worker.run_due()
        clock.advance(timedelta(days=1))

    notices = fake_slack.wait_for("chat.postMessage", naming("missing"), count=4)
    marked = ["now marked *failing*" in blocks_text(notice) for notice in notices]
    assert marked == [False, False, True, False]


def test_slack_refusing_the_notice_does_not_fail_the_run(
    services: Services, fake_slack: FakeSlackWebAPI, tmp_path: Path
) -> None:
    clock = Clock()
    sources = sources_of(folder_source("missing", tmp_path / "nowhere"))
    worker = ops_worker(services, sources, fake_slack, clock)
    fake_slack.fail_next("chat.postMessage", "not_in_channel")

    [refused] = worker.run_due()
    clock.advance(timedelta(days=1))
    [posted] = worker.run_due()

    assert (refused.status, posted.status) == ("failed", "failed")
    assert [r.id for r in worker_history(services, sources)] == [posted.id, refused.id]
    [_, delivered] = fake_slack.wait_for("chat.postMessage", naming("missing"), count=2)
    assert f"run {posted.id} failed" in blocks_text(delivered)


def worker_history(services: Services, sources: Sources) -> list[RunRecord]:
    return scheduler(services, sources, Clock()).history("missing")


def test_no_ops_channel_no_notices_and_a_channel_needs_the_bot_token() -> None:
    assert ops_notices(load_settings(), lambda: Sources()) is None
    with pytest.raises(SlackConfigError, match="SLACK_BOT_TOKEN"):
        ops_notices(load_settings(CASEBOT_OPS_CHANNEL=OPS_CHANNEL), lambda: Sources())


def test_a_run_started_from_the_command_line_is_posted_too(
    fake_slack: FakeSlackWebAPI, tmp_path: Path
) -> None:
    sources = tmp_path / "sources.yml"
    sources.write_text("sources:\n" + folder_source("missing", tmp_path / "nowhere"))
    environment = scrubbed_environment(
        CASEBOT_HOME=str(tmp_path / "home"),
        CASEBOT_SOURCES_FILE=str(sources),
        CASEBOT_OPS_CHANNEL=OPS_CHANNEL,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        CASEBOT_SLACK_API_URL=fake_slack.url,
        HF_HUB_OFFLINE="1",
    )
    for proxy in PROXY_VARIABLES:
        environment.pop(proxy, None)

    done = subprocess.run(
        [str(CASEBOT), "sources", "run", "missing", "--json"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 1, done.stderr
    [notice] = fake_slack.calls("chat.postMessage")
    assert notice.params["channel"] == OPS_CHANNEL
    assert "Source *missing*" in blocks_text(notice)
