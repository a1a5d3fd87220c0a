"""``/lookup`` over HTTP, under the same need-to-know as answers, and cross-case hits posted in
each case's room with only what that room may see."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import Services, build_services
from bot.slack.app import build_app
from bot.slack.http import HttpServer
from bot.slack.work import Pools
from bot.testing.fake_slack import FakeSlackWebAPI, RecordedCall
from bot.testing.signing import slash_command
from casework.markings import Kind
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.testing import HashingEmbedder
from tests.backends import Backend
from tests.slack.casebot_app import (
    ANSWERS_POOL_SETTLE,
    CASE_CHANNEL,
    CASE_ID,
    LEAD,
    MARKER_CHANNEL,
    MEMBER,
    OTHER_CHANNEL,
    SECRET_WORD,
    RunningCasebot,
    blocks_text,
    in_marker_channel,
    index_corpus,
    slack_settings,
)

pytestmark = pytest.mark.backends

PHONE_NOTE = f"""# Warehouse lease

The {SECRET_WORD} warehouse lease lists the tenant's phone as (312) 555-0100.
"""
PHONE_RELEASE = """# Counterfeit charger seller charged

Buyers ordered the counterfeit chargers by calling 312.555.0100.
"""
MARKER_PHONE = "(312) 555-0142"
MARKER_PHONE_E164 = "+13125550142"
OTHER_CASE = "OP-QUARRY"
OTHER_ROOM = "CQUARRY"
OTHER_LEAD = "UQLEAD"
OTHER_NOTE = """# Complaint

The marketplace listing gave +1 312-555-0100 as the support line for fake 'Lumo' chargers.
"""


@pytest.fixture(scope="module")
def slack_services(tmp_path_factory: pytest.TempPathFactory, module_backend: Backend) -> Services:
    root = tmp_path_factory.mktemp("lookup-corpus")
    settings = load_settings(CASEBOT_HOME=root / "home", **module_backend.settings_overrides())
    services = build_services(settings, embedder=HashingEmbedder())
    index_corpus(services, root)
    (root / "notes" / "lease.md").write_text(PHONE_NOTE)
    (root / "filings" / "charged.md").write_text(PHONE_RELEASE)
    services.ingestion.ingest([root / "filings"], IngestOptions())
    services.ingestion.ingest([root / "notes"], IngestOptions(kind=Kind.NOTE, case_id=CASE_ID))
    services.cases.create(OTHER_CASE, "Counterfeit chargers", [OTHER_ROOM], leads=[OTHER_LEAD])
    return services


def test_lookup_in_another_channel_shows_public_mentions_and_where_to_ask(
    casebot: RunningCasebot,
) -> None:
    ack = casebot.send(slash_command("/lookup", "+1 (312) 555-0100", MEMBER, OTHER_CHANNEL))

    [card] = casebot.slack.wait_for("chat.postEphemeral")
    shown = blocks_text(card)
    assert "Looking up" in ack.text
    assert (card.params["channel"], card.params["user"]) == (OTHER_CHANNEL, MEMBER)
    assert "+13125550100" in shown and "Counterfeit charger seller charged" in shown
    assert f"<#{CASE_CHANNEL}>" in shown and CASE_ID in shown
    assert SECRET_WORD not in shown and "Warehouse lease" not in shown
    assert not casebot.slack.calls("chat.postMessage")


def test_lookup_in_the_case_room_shows_the_case_notes(casebot: RunningCasebot) -> None:
    casebot.send(slash_command("/lookup", "phone:3125550100", MEMBER, CASE_CHANNEL))

    [card] = casebot.slack.wait_for("chat.postEphemeral")
    shown = blocks_text(card)
    assert "Warehouse lease" in shown and "(312) 555-0100" in shown
    assert "restricted" not in shown


def test_empty_lookup_says_what_to_type(casebot: RunningCasebot) -> None:
    ack = casebot.send(slash_command("/lookup", " ", MEMBER, OTHER_CHANNEL))

    casebot.send(slash_command("/lookup", "+1 (312) 555-0100", MEMBER, MARKER_CHANNEL))

    assert "/lookup" in ack.text
    casebot.slack.quiet_until_marker(
        "chat.postEphemeral", in_marker_channel, settle=ANSWERS_POOL_SETTLE
    )


@pytest.fixture
def notifying_casebot(
    slack_services: Services, fake_slack: FakeSlackWebAPI, tmp_path: Path
) -> Iterator[RunningCasebot]:
    settings = slack_settings(
        slack_services.settings.casebot_home, fake_slack.url, CASEBOT_SLACK_HIT_NOTICE_SECONDS=0.2
    )
    pools = Pools.sized(settings.slack_workers, settings.slack_queue_limit)
    stop = threading.Event()
    app = build_app(
        settings, slack_services, pools=pools, post_hit_notices=True, stop_hit_notices=stop
    )
    with HttpServer(app, "127.0.0.1", 0, threads=4) as server:
        yield RunningCasebot(server.events_url, fake_slack, slack_services)
    stop.set()
    pools.shutdown(wait=True)


def test_a_cross_case_hit_is_posted_in_both_rooms_once_and_redacted(
    notifying_casebot: RunningCasebot, tmp_path: Path
) -> None:
    note = tmp_path / "complaint.md"
    note.write_text(OTHER_NOTE)
    options = IngestOptions(kind=Kind.NOTE, case_id=OTHER_CASE)
    notifying_casebot.services.ingestion.ingest([note], options)

    posts = notifying_casebot.slack.wait_for("chat.postMessage", count=2)
    by_room = {post.params["channel"]: blocks_text(post) for post in posts}
    assert set(by_room) == {CASE_CHANNEL, OTHER_ROOM}
    assert "+13125550100" in by_room[CASE_CHANNEL]
    assert f"<@{OTHER_LEAD}>" in by_room[CASE_CHANNEL]
    assert OTHER_CASE not in by_room[CASE_CHANNEL] and "Lumo" not in by_room[CASE_CHANNEL]
    assert f"<@{LEAD}>" in by_room[OTHER_ROOM]
    assert CASE_ID not in by_room[OTHER_ROOM] and SECRET_WORD not in by_room[OTHER_ROOM]

    note.write_text(OTHER_NOTE + "\nThe seller answered on the same number again.\n")
    notifying_casebot.services.ingestion.ingest([note], options)
    raise_marker_hit(notifying_casebot.services, tmp_path)
    slack = notifying_casebot.slack
    assert slack.quiet_until_marker("chat.postMessage", names_marker_phone, expected=2) == posts


def raise_marker_hit(services: Services, folder: Path) -> None:
    """A new phone number in both cases: one more hit, whose notices are queued (and posted by
    the one poller thread, in order) after anything the ingestion before it queued."""
    for case_id in (CASE_ID, OTHER_CASE):
        note = folder / f"marker-{case_id}.md"
        note.write_text(f"# Callback\n\nThe supplier asked to be called back on {MARKER_PHONE}.\n")
        services.ingestion.ingest([note], IngestOptions(kind=Kind.NOTE, case_id=case_id))


def names_marker_phone(call: RecordedCall) -> bool:
    return MARKER_PHONE_E164 in blocks_text(call)
