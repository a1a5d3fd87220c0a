"""Files shared in a case's room become notes of that case; files elsewhere are ignored."""

from __future__ import annotations

from typing import Any

from bot.testing.fake_slack import FILE_DOWNLOAD, Predicate
from bot.testing.payloads import BOT_TOKEN, message_event, new_id
from bot.testing.signing import event_callback
from casework.access import Viewer
from casework.audit import FILE_INGESTED
from tests.slack.casebot_app import CASE_CHANNEL, CASE_ID, MEMBER, OTHER_CHANNEL, RunningCasebot

INVOICE = b"Invoice 42: 300 counterfeit airbags shipped by Lumen Parts to the Elm Street warehouse."


def share(file: dict[str, Any], channel: str) -> dict[str, Any]:
    return message_event("", user=MEMBER, channel=channel, files=[file], subtype="file_share")


def file_shared(file_id: str, channel: str) -> dict[str, Any]:
    return {
        "type": "file_shared",
        "file_id": file_id,
        "user_id": MEMBER,
        "file": {"id": file_id},
        "channel_id": channel,
        "event_ts": "1700000000.000300",
    }


def share_marker_file(casebot: RunningCasebot) -> Predicate:
    """Share in the case room a file Slack no longer has; returns what tells its error reply.

    The one-thread files pool must answer it, and only after every file shared before it.
    """
    marker = share({"id": new_id("F"), "name": "marker.txt"}, CASE_CHANNEL)
    casebot.send(event_callback(marker))
    return lambda call: call.params.get("thread_ts") == marker["ts"]


def test_file_shared_in_a_case_room_is_ingested_as_a_case_note(casebot: RunningCasebot) -> None:
    file = casebot.slack.add_file("F0INVOICE", INVOICE, name="invoice-42.txt")
    message = share(file, CASE_CHANNEL)

    casebot.send(event_callback(message))
    casebot.send(event_callback(file_shared("F0INVOICE", CASE_CHANNEL)))

    [confirmation] = casebot.slack.wait_for("chat.postMessage")
    assert confirmation.params["channel"] == CASE_CHANNEL
    assert confirmation.params["thread_ts"] == message["ts"]
    assert (
        "invoice-42.txt" in confirmation.params["text"] and CASE_ID in confirmation.params["text"]
    )
    [download] = casebot.slack.calls(FILE_DOWNLOAD)
    assert download.headers["authorization"] == f"Bearer {BOT_TOKEN}"
    question = "Who shipped the counterfeit airbags to the Elm Street warehouse?"
    public = casebot.services.answers.ask(question, Viewer.public()).citations
    member = casebot.services.answers.ask(question, Viewer.member("member", [CASE_ID])).citations
    assert not any(c.source.endswith("invoice-42.txt") for c in public)
    [note] = [c for c in member if c.source.endswith("invoice-42.txt")]
    assert (note.case_id, note.kind, note.marking) == (CASE_ID, "note", "LES")
    [record] = [
        entry
        for entry in casebot.services.audit.entries(action=FILE_INGESTED)
        if entry.details["file_id"] == "F0INVOICE"
    ]
    assert (record.user_id, record.channel_id) == (MEMBER, CASE_CHANNEL)
    marker = share_marker_file(casebot)
    [only] = casebot.slack.quiet_until_marker("chat.postMessage", marker, expected=1)
    assert only == confirmation


def test_file_shared_event_alone_confirms_in_the_channel(casebot: RunningCasebot) -> None:
    casebot.slack.add_file("F0MEMO", b"Memo: the Elm Street lease ends in June.", name="memo.txt")

    casebot.send(event_callback(file_shared("F0MEMO", CASE_CHANNEL)))

    [confirmation] = casebot.slack.wait_for("chat.postMessage")
    assert confirmation.params["channel"] == CASE_CHANNEL and "memo.txt" in str(confirmation.params)


def test_files_in_other_channels_are_ignored(casebot: RunningCasebot) -> None:
    file = casebot.slack.add_file("F0ELSEWHERE", INVOICE, name="elsewhere.txt")

    casebot.send(event_callback(share(file, OTHER_CHANNEL)))
    casebot.send(event_callback(file_shared("F0ELSEWHERE", OTHER_CHANNEL)))
    marker = share_marker_file(casebot)

    casebot.slack.quiet_until_marker("chat.postMessage", marker)
    assert not casebot.slack.calls(FILE_DOWNLOAD)
    looked_up = [call.params.get("file") for call in casebot.slack.calls("files.info")]
    assert "F0ELSEWHERE" not in looked_up


def test_a_file_slack_no_longer_has_gets_a_clear_error(casebot: RunningCasebot) -> None:
    gone = {"id": "F0GONE", "name": "gone.pdf"}

    casebot.send(event_callback(share(gone, CASE_CHANNEL)))

    [error] = casebot.slack.wait_for("chat.postMessage")
    assert "couldn't add" in error.params["text"] and "no longer has the file" in str(error.params)


def test_a_file_that_cannot_be_read_gets_a_clear_error(casebot: RunningCasebot) -> None:
    file = casebot.slack.add_file(
        "F0BINARY", bytes(range(256)) * 8, name="dump.bin", mimetype="application/octet-stream"
    )

    casebot.send(event_callback(share(file, CASE_CHANNEL)))

    [error] = casebot.slack.wait_for("chat.postMessage")
    assert "couldn't add" in error.params["text"] and "dump.bin" in error.params["text"]
