"""The HTTP edge: Slack's handshake, signature and timestamp checks, the health check."""

from __future__ import annotations

from http.client import HTTPConnection
from urllib.parse import urlsplit

from bot.testing.payloads import app_mention_event
from bot.testing.signing import event_callback, get, post, send, slash_command, url_verification
from tests.slack.casebot_app import (
    ANSWERS_POOL_SETTLE,
    RunningCasebot,
    in_marker_channel,
    marker_mention,
)


def test_url_verification_echoes_the_challenge(casebot: RunningCasebot) -> None:
    response = casebot.send(
        url_verification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P")
    )

    assert response.json() == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}


def test_bad_signature_and_stale_timestamp_are_refused(casebot: RunningCasebot) -> None:
    mention = app_mention_event("<@UBOT> how many routers were seized?")

    forged = send(casebot.events_url, event_callback(mention, bad_signature=True))
    stale = send(casebot.events_url, event_callback(mention, stale=True))
    forged_command = send(casebot.events_url, slash_command("/ask", "hi", bad_signature=True))

    casebot.send(marker_mention())

    assert (forged.status, stale.status, forged_command.status) == (401, 401, 401)
    casebot.slack.quiet_until_marker(
        "chat.postMessage", in_marker_channel, settle=ANSWERS_POOL_SETTLE
    )


def test_unsigned_request_is_refused(casebot: RunningCasebot) -> None:
    body = b'{"type": "url_verification", "challenge": "x"}'

    response = post(casebot.events_url, body, {"Content-Type": "application/json"})

    assert response.status == 401


def test_health_check_and_unknown_paths(casebot: RunningCasebot) -> None:
    root = casebot.events_url.removesuffix("/slack/events")

    assert get(f"{root}/healthz").status == 200
    assert get(f"{root}/healthz").json() == {"ok": True}
    assert get(f"{root}/elsewhere").status == 404
    assert post(f"{root}/elsewhere", b"{}", {"Content-Type": "application/json"}).status == 404


def test_oversized_body_is_refused_before_it_is_read(casebot: RunningCasebot) -> None:
    url = urlsplit(casebot.events_url)
    connection = HTTPConnection(url.hostname or "", url.port, timeout=10)
    try:
        connection.putrequest("POST", url.path)
        connection.putheader("Content-Type", "application/json")
        connection.putheader("Content-Length", str(1024 * 1024 + 1))
        connection.endheaders()
        status = connection.getresponse().status
    finally:
        connection.close()

    assert status == 413
