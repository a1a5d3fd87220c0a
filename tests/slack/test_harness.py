"""Tests of the Slack harness, driven by slack_sdk and slack_bolt the way the app will use them."""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs

import pytest
from slack_bolt import Ack, App, Say
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.request import BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.socket_mode import SocketModeClient
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse

from bot.testing.fake_slack import FILE_DOWNLOAD, RESPONSE_URL, FakeSlackWebAPI, RecordedCall
from bot.testing.payloads import (
    APP_TOKEN,
    BOT_TOKEN,
    BOT_USER_ID,
    app_mention_event,
    message_event,
)
from bot.testing.signing import (
    SlackRequest,
    block_action,
    event_callback,
    get,
    post,
    slash_command,
    url_verification,
)
from tests.slack.fake_socket_mode import FakeSocketModeServer


@pytest.fixture
def client(fake_slack: FakeSlackWebAPI) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=fake_slack.url)


# -- the fake Web API ------------------------------------------------------------------------


def test_post_message_is_recorded_with_its_params(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*Case 42*"}}]
    first = client.chat_postMessage(channel="C1", text="hello", thread_ts="1.000001", blocks=blocks)
    second = client.chat_postMessage(channel="C1", text="again")

    [call, _] = fake_slack.wait_for("chat.postMessage", count=2)
    assert call.params["channel"] == "C1"
    assert call.params["text"] == "hello"
    assert call.params["thread_ts"] == "1.000001"
    assert call.json_param("blocks") == blocks
    assert call.token == BOT_TOKEN
    assert first["ok"] and first["channel"] == "C1"
    assert first["message"]["thread_ts"] == "1.000001"
    assert float(second["ts"]) > float(first["ts"])


def test_json_bodies_and_unknown_methods(fake_slack: FakeSlackWebAPI, client: WebClient) -> None:
    response = client.api_call("chat.update", json={"channel": "C1", "ts": "1.2", "text": "edited"})
    unknown = client.api_call("admin.somethingNew", params={"x": "1"})

    assert response["ts"] == "1.2" and response["text"] == "edited"
    assert unknown.data == {"ok": True}
    assert fake_slack.calls("chat.update")[0].params == {
        "channel": "C1",
        "ts": "1.2",
        "text": "edited",
    }
    assert fake_slack.calls("admin.somethingNew")[0].params == {"x": "1"}
    assert [call.method for call in fake_slack.calls()] == ["chat.update", "admin.somethingNew"]


def test_a_base_url_without_api_fails_loudly(fake_slack: FakeSlackWebAPI) -> None:
    client = WebClient(token=BOT_TOKEN, base_url=fake_slack.base)

    with pytest.raises(SlackApiError) as wrong:
        client.chat_postMessage(channel="C1", text="hi")

    assert wrong.value.response.status_code == 404
    assert fake_slack.calls("/chat.postMessage")


def test_identity_channels_users_and_views(fake_slack: FakeSlackWebAPI, client: WebClient) -> None:
    fake_slack.set_channel("C9", ["U1", "U2"], name="case-42", is_private=True)
    fake_slack.add_user("U2", real_name="Ana Analyst", email="ana@example.org")

    auth = client.auth_test()
    assert (auth["user_id"], auth["bot_id"], auth["team_id"]) == (BOT_USER_ID, "BBOT", "T1")
    assert client.conversations_members(channel="C9")["members"] == ["U1", "U2"]
    info = client.conversations_info(channel="C9")["channel"]
    assert info["name"] == "case-42" and info["is_private"]
    assert client.conversations_members(channel="C404")["members"] == []
    assert client.users_info(user="U2")["user"]["profile"]["email"] == "ana@example.org"
    assert client.users_info(user=BOT_USER_ID)["user"]["is_bot"]
    assert client.chat_postEphemeral(channel="C9", user="U2", text="psst")["message_ts"]
    assert client.reactions_add(channel="C9", timestamp="1.1", name="eyes")["ok"]
    view = client.views_publish(user_id="U2", view={"type": "home", "blocks": []})["view"]
    assert view["type"] == "home" and view["id"]


def test_refusals_look_like_slack(fake_slack: FakeSlackWebAPI, client: WebClient) -> None:
    fake_slack.fail_next("chat.postMessage", "not_in_channel")

    with pytest.raises(SlackApiError) as refused:
        client.chat_postMessage(channel="C1", text="hi")
    with pytest.raises(SlackApiError) as empty, pytest.warns(UserWarning, match="`text`"):
        client.chat_postMessage(channel="C1", text="")

    assert refused.value.response["error"] == "not_in_channel"
    assert empty.value.response["error"] == "no_text"
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]


def test_rate_limited_call_is_retried_after_retry_after(fake_slack: FakeSlackWebAPI) -> None:
    fake_slack.rate_limit_next("chat.postMessage")
    client = WebClient(
        token=BOT_TOKEN,
        base_url=fake_slack.url,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=1)],
    )

    response = client.chat_postMessage(channel="C1", text="eventually")

    assert response["ok"]
    first, second = fake_slack.calls("chat.postMessage")
    assert first.params == second.params
    assert second.time - first.time >= 1.0


def test_rate_limit_without_retry_handler_surfaces_429(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    fake_slack.rate_limit_next("chat.postMessage", retry_after=7)

    with pytest.raises(SlackApiError) as limited:
        client.chat_postMessage(channel="C1", text="hi")

    assert limited.value.response.status_code == 429
    assert limited.value.response["error"] == "ratelimited"
    assert limited.value.response.headers["retry-after"] == "7"


def test_file_download_requires_the_bot_token(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    fake_slack.add_file("F1", b"invoice 42: 500 fake handbags", name="invoice.txt")

    file = client.files_info(file="F1")["file"]
    url = file["url_private_download"]
    authorised = get(url, {"Authorization": f"Bearer {BOT_TOKEN}"})
    anonymous = get(url)
    wrong = get(url, {"Authorization": "Bearer xoxb-someone-else"})

    assert url == fake_slack.file_url("F1")
    assert (authorised.status, authorised.body) == (200, b"invoice 42: 500 fake handbags")
    assert authorised.headers["content-type"] == "text/plain"
    assert (anonymous.status, wrong.status) == (403, 403)
    assert get(fake_slack.file_url("F404"), {"Authorization": f"Bearer {BOT_TOKEN}"}).status == 404
    assert len(fake_slack.calls(FILE_DOWNLOAD)) == 4
    with pytest.raises(SlackApiError):
        client.files_info(file="F404")


def test_files_upload_v2_lands_in_the_fake(fake_slack: FakeSlackWebAPI, client: WebClient) -> None:
    response = client.files_upload_v2(
        channel="C1", filename="report.csv", content="case,items\n42,500\n", title="Report"
    )

    file_id = response["file"]["id"]
    assert response["file"]["title"] == "Report"
    assert fake_slack.file_content(file_id) == b"case,items\n42,500\n"
    completion = fake_slack.wait_for("files.completeUploadExternal")[0]
    assert completion.params["channel_id"] == "C1"


def test_wait_for_wakes_on_a_call_from_another_thread(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    worker = threading.Thread(target=client.chat_postMessage, kwargs={"channel": "C2", "text": "x"})
    worker.start()

    [call] = fake_slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == "C2")
    worker.join(timeout=10)

    assert call.params["text"] == "x"
    with pytest.raises(AssertionError, match=r"expected 1 matching reactions\.add"):
        fake_slack.wait_for("reactions.add", timeout=0.1)


def test_held_answer_waits_for_the_test(fake_slack: FakeSlackWebAPI, client: WebClient) -> None:
    release = fake_slack.hold_next("chat.postMessage")
    answers: list[Any] = []
    worker = threading.Thread(
        target=lambda: answers.append(client.chat_postMessage(channel="C1", text="slow"))
    )
    worker.start()

    fake_slack.wait_for("chat.postMessage")
    assert answers == []
    release.set()
    worker.join(timeout=10)

    assert answers and answers[0]["ok"]


def test_a_broken_responder_answers_500(fake_slack: FakeSlackWebAPI, client: WebClient) -> None:
    fake_slack.respond_with("conversations.replies", lambda call: {"ok": True, "n": 1 // 0})
    fake_slack.respond_with("conversations.history", {"ok": True, "messages": [{"ts": "1.1"}]})

    with pytest.raises(SlackApiError) as broken:
        client.conversations_replies(channel="C1", ts="1.1")

    assert broken.value.response.status_code == 500
    assert "ZeroDivisionError" in broken.value.response["error"]
    assert client.conversations_history(channel="C1")["messages"] == [{"ts": "1.1"}]


def test_servers_stop_cleanly() -> None:
    held = FakeSlackWebAPI().start()
    socket_server = FakeSocketModeServer().start()
    held.hold_next("chat.postMessage")
    client = WebClient(token=BOT_TOKEN, base_url=held.url)
    worker = threading.Thread(target=client.chat_postMessage, kwargs={"channel": "C1", "text": "x"})
    worker.start()
    held.wait_for("chat.postMessage")
    url = held.url

    held.stop()  # releases the held answer
    socket_server.stop()
    worker.join(timeout=10)

    assert not worker.is_alive()
    names = {thread.name for thread in threading.enumerate()}
    assert not names & {"fake-slack-web-api", "fake-slack-socket-mode"}
    with pytest.raises(OSError):
        get(f"{url}auth.test", timeout=2)


def test_reset_forgets_the_calls(fake_slack: FakeSlackWebAPI, client: WebClient) -> None:
    client.chat_postMessage(channel="C1", text="one")

    fake_slack.reset()

    assert fake_slack.calls() == []


def in_marker_channel(call: RecordedCall) -> bool:
    return call.params.get("channel") == "CMARKER"


def test_quiet_until_marker_counts_what_came_besides_the_marker(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    client.chat_postMessage(channel="C1", text="the one expected")
    client.chat_postMessage(channel="CMARKER", text="marker")

    [expected] = fake_slack.quiet_until_marker("chat.postMessage", in_marker_channel, expected=1)

    assert expected.params["text"] == "the one expected"


def test_quiet_until_marker_fails_on_a_call_before_the_marker(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    client.chat_postMessage(channel="C1", text="should have been ignored")
    client.chat_postMessage(channel="CMARKER", text="marker")

    with pytest.raises(AssertionError, match=r"expected 0 chat\.postMessage call.*got 1"):
        fake_slack.quiet_until_marker("chat.postMessage", in_marker_channel)


def test_quiet_until_marker_fails_as_soon_as_an_unexpected_call_arrives(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    late = threading.Thread(target=client.chat_postMessage, kwargs={"channel": "C1", "text": "x"})
    late.start()  # while the helper waits for a marker that never comes

    with pytest.raises(AssertionError, match=r"expected 0 chat\.postMessage call.*got 1"):
        fake_slack.quiet_until_marker("chat.postMessage", in_marker_channel, timeout=30)
    late.join(timeout=10)


def test_quiet_until_marker_fails_when_the_marker_is_not_answered(
    fake_slack: FakeSlackWebAPI,
) -> None:
    with pytest.raises(AssertionError, match=r"marker's chat\.postMessage call never came"):
        fake_slack.quiet_until_marker("chat.postMessage", in_marker_channel, timeout=0.2)


def test_quiet_until_marker_fails_when_an_expected_call_is_missing(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    client.chat_postMessage(channel="CMARKER", text="marker")

    with pytest.raises(AssertionError, match=r"expected 1 chat\.postMessage call.*got 0"):
        fake_slack.quiet_until_marker("chat.postMessage", in_marker_channel, expected=1)


def test_quiet_until_marker_keeps_counting_while_it_settles(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    def post_after_the_marker() -> None:
        fake_slack.wait_for("chat.postMessage", in_marker_channel)
        client.chat_postMessage(channel="C1", text="worked on after the marker")

    late = threading.Thread(target=post_after_the_marker)
    late.start()
    client.chat_postMessage(channel="CMARKER", text="marker")

    with pytest.raises(AssertionError, match=r"expected 0 chat\.postMessage call.*got 1"):
        fake_slack.quiet_until_marker("chat.postMessage", in_marker_channel, settle=30)
    late.join(timeout=10)


# -- signed requests -------------------------------------------------------------------------


def verifies(request: SlackRequest, secret: str) -> bool:
    return SignatureVerifier(secret).is_valid_request(request.body, request.headers)


def test_signed_requests_verify(signing_secret: str) -> None:
    event = event_callback(message_event("hello", channel="C1"), event_id="Ev1")
    command = slash_command("/case", "find 42", "U1", "C1")
    action = block_action("approve", "case-42", "U1", "C1", "1.000001")
    challenge = url_verification("abc123")

    for request in (event, command, action, challenge):
        assert verifies(request, signing_secret)
    assert json.loads(event.body)["event_id"] == "Ev1"
    assert event.headers["Content-Type"] == "application/json"
    fields = parse_qs(command.body.decode())
    assert fields["command"] == ["/case"] and fields["text"] == ["find 42"]
    assert command.headers["Content-Type"] == "application/x-www-form-urlencoded"
    payload = json.loads(parse_qs(action.body.decode())["payload"][0])
    assert payload["actions"][0]["action_id"] == "approve"
    assert payload["container"]["message_ts"] == "1.000001"


def test_stale_or_badly_signed_requests_do_not_verify(signing_secret: str) -> None:
    event = message_event("hello")

    assert not verifies(event_callback(event, stale=True), signing_secret)
    assert not verifies(event_callback(event, bad_signature=True), signing_secret)
    assert not verifies(slash_command("/case", bad_signature=True), signing_secret)
    assert not verifies(event_callback(event), "another-secret")


def test_retry_headers() -> None:
    request = event_callback(message_event("hello"), retry_num=1, retry_reason="http_timeout")

    assert request.headers["X-Slack-Retry-Num"] == "1"
    assert request.headers["X-Slack-Retry-Reason"] == "http_timeout"


def test_post_times_the_answer(fake_slack: FakeSlackWebAPI) -> None:
    url = fake_slack.response_url()

    response = post(url, b'{"text": "done"}', {"Content-Type": "application/json"})

    assert response.status == 200 and response.json() == {"ok": True}
    assert 0 < response.elapsed < 5
    [call] = fake_slack.wait_for(RESPONSE_URL)
    assert call.params == {"text": "done"}
    assert url.endswith(call.path)


def test_bolt_accepts_the_signed_requests(fake_slack: FakeSlackWebAPI, signing_secret: str) -> None:
    """bolt's RequestVerification and payload parsing accept what the harness sends."""
    app = App(
        signing_secret=signing_secret, client=WebClient(token=BOT_TOKEN, base_url=fake_slack.url)
    )

    @app.event("app_mention")
    def mention(event: dict[str, Any], say: Say) -> None:
        say(text=f"seen: {event['text']}", thread_ts=event["ts"])

    @app.command("/case")
    def case(ack: Ack, command: dict[str, Any]) -> None:
        ack(text=f"looking up {command['text']}")

    @app.action("approve")
    def approve(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.chat_update(channel=body["channel"]["id"], ts=body["message"]["ts"], text="approved")

    def dispatch(request: SlackRequest) -> tuple[int, str]:
        headers: dict[str, str | Sequence[str]] = dict(request.headers)
        response = app.dispatch(BoltRequest(body=request.body.decode(), headers=headers))
        return response.status, response.body

    assert dispatch(url_verification("ch4llenge")) == (200, '{"challenge": "ch4llenge"}')
    assert dispatch(event_callback(app_mention_event("<@UBOT> hi"), stale=True))[0] == 401
    assert dispatch(event_callback(app_mention_event("<@UBOT> hi", ts="5.000001")))[0] == 200
    status, body = dispatch(slash_command("/case", "42"))
    assert (status, body) == (200, "looking up 42")
    assert dispatch(block_action("approve", "42", message_ts="6.000001"))[0] == 200

    [reply] = fake_slack.wait_for("chat.postMessage")
    assert reply.params["text"] == "seen: <@UBOT> hi" and reply.params["thread_ts"] == "5.000001"
    [update] = fake_slack.wait_for("chat.update")
    assert update.params["ts"] == "6.000001"
    assert fake_slack.calls("auth.test")


# -- the fake Socket Mode server -------------------------------------------------------------


def test_socket_mode_client_receives_envelopes_and_acks(
    fake_slack: FakeSlackWebAPI, fake_socket: FakeSocketModeServer
) -> None:
    received: list[SocketModeRequest] = []

    def listener(client: BaseSocketModeClient, request: SocketModeRequest) -> None:
        received.append(request)
        payload = {"text": "on it"} if request.accepts_response_payload else None
        client.send_socket_mode_response(SocketModeResponse(request.envelope_id, payload))

    client = SocketModeClient(
        app_token=APP_TOKEN,
        web_client=WebClient(base_url=fake_slack.url),
        auto_reconnect_enabled=False,
    )
    client.socket_mode_request_listeners.append(listener)
    try:
        client.connect()
        fake_socket.wait_connected()
        event_envelope = fake_socket.send_event(message_event("hello", channel="C1"))
        command_envelope = fake_socket.send_slash_command("/case", "42")

        event_ack = fake_socket.wait_for_ack(event_envelope)
        command_ack = fake_socket.wait_for_ack(command_envelope)
        fake_socket.drop_connections()  # else close() waits out the client's 3 s receive timeout
    finally:
        client.close()

    [connections_open] = fake_slack.calls("apps.connections.open")
    assert connections_open.token == APP_TOKEN
    assert fake_socket.connection_paths[0].startswith("/link/?ticket=")
    assert event_ack.payload is None and event_ack.latency is not None
    assert command_ack.payload == {"text": "on it"}
    assert {request.type for request in received} == {"events_api", "slash_commands"}
    assert fake_socket.messages() == []


def test_apps_connections_open_needs_the_app_token(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    with pytest.raises(SlackApiError) as refused:
        client.apps_connections_open(app_token=BOT_TOKEN)

    assert refused.value.response["error"] == "not_allowed_token_type"


def test_bolt_socket_mode_handler_acks_and_reconnects(
    fake_slack: FakeSlackWebAPI, fake_socket: FakeSocketModeServer
) -> None:
    app = App(client=WebClient(token=BOT_TOKEN, base_url=fake_slack.url))

    @app.event("app_mention")
    def mention(say: Say) -> None:
        say(text="hello from socket mode")

    handler = SocketModeHandler(app, APP_TOKEN)
    try:
        handler.client.connect()  # what handler.connect() does, but typed
        fake_socket.wait_connected()
        ack = fake_socket.wait_for_ack(fake_socket.send_event(app_mention_event("<@UBOT> hi")))
        fake_slack.wait_for("chat.postMessage")

        fake_socket.request_disconnect()
        fake_socket.wait_connected(2)
        again = fake_socket.send_event(app_mention_event("<@UBOT> again"))
        fake_socket.wait_for_ack(again)
    finally:
        handler.client.close()

    assert ack.raw == json.dumps({"envelope_id": ack.envelope_id})
    assert len(fake_slack.calls("apps.connections.open")) == 2
    fake_slack.wait_for("chat.postMessage", count=2)


def test_a_call_is_recorded_once_it_is_answered(
    fake_slack: FakeSlackWebAPI, client: WebClient
) -> None:
    proceed = threading.Event()
    answered = threading.Event()

    def slow_answer(call: RecordedCall) -> dict[str, Any]:
        proceed.wait(10)
        answered.set()
        return {"ok": True}

    fake_slack.respond_with("chat.postMessage", slow_answer)
    worker = threading.Thread(target=lambda: client.chat_postMessage(channel="C1", text="hi"))
    worker.start()

    with pytest.raises(AssertionError):
        fake_slack.wait_for("chat.postMessage", timeout=0.3)
    proceed.set()
    fake_slack.wait_for("chat.postMessage")
    seen_answered = answered.is_set()
    worker.join(timeout=10)

    assert seen_answered
