"""Requests exactly as Slack sends them to an HTTP-mode app, signed, and a client to send them.

Slack signs every request with the app's signing secret: `X-Slack-Request-Timestamp: <unix ts>`
and `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:{timestamp}:{raw body}">`, the algorithm of
`slack_sdk.signature.SignatureVerifier`. Apps must verify against the *raw* body bytes and
reject timestamps more than five minutes away from now.

Every builder returns a `SlackRequest(body, headers)` (a named tuple, so `body, headers = ...`
works) and accepts the same keyword options (`SigningOptions`):

- `signing_secret`: defaults to `SIGNING_SECRET`, the value the `slack_env` fixture gives the app;
- `timestamp`: sign as of this Unix time (default: now);
- `stale=True`: a correctly signed request whose timestamp is ten minutes old (must be rejected);
- `bad_signature=True`: signed with the wrong secret (must be rejected);
- `retry_num` / `retry_reason`: add `X-Slack-Retry-Num` / `X-Slack-Retry-Reason`, as Slack does
  when it redelivers an event the app did not ack within three seconds.

Example::

    request = event_callback(message_event("hello", channel="C1"))
    response = send(f"{app_url}/slack/events", request)
    assert response.status == 200 and response.elapsed < 3.0
"""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any, NamedTuple, TypedDict, Unpack
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.testing.payloads import (
    SIGNING_SECRET,
    TEAM_ID,
    UNSET_RESPONSE_URL,
    block_action_payload,
    event_callback_payload,
    slash_command_payload,
    url_verification_payload,
    view_submission_payload,
)

STALE_SECONDS = 600
SLACK_USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)"
JSON_CONTENT_TYPE = "application/json"
FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


class SlackRequest(NamedTuple):
    """A body and the headers to POST it with; unpack as `body, headers = request`."""

    body: bytes
    headers: dict[str, str]


class SigningOptions(TypedDict, total=False):
    """Keyword options every request builder accepts (see the module docstring)."""

    signing_secret: str
    timestamp: int
    stale: bool
    bad_signature: bool
    retry_num: int
    retry_reason: str


def sign(body: bytes, content_type: str, **options: Unpack[SigningOptions]) -> SlackRequest:
    """Sign a raw `body` the way Slack does and return it with Slack's headers."""
    secret = options.get("signing_secret", SIGNING_SECRET)
    if options.get("bad_signature", False):
        secret = f"not-{secret}"
    timestamp = options.get("timestamp", int(time.time()))
    if options.get("stale", False):
        timestamp -= STALE_SECONDS
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    headers = {
        "Content-Type": content_type,
        "User-Agent": SLACK_USER_AGENT,
        "Accept": "application/json,*/*",
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": signature or "",
    }
    if "retry_num" in options:
        headers["X-Slack-Retry-Num"] = str(options["retry_num"])
    if "retry_reason" in options:
        headers["X-Slack-Retry-Reason"] = options["retry_reason"]
    return SlackRequest(body, headers)


def signed_json(payload: dict[str, Any], **options: Unpack[SigningOptions]) -> SlackRequest:
    """Any Events API body (JSON), signed."""
    return sign(json.dumps(payload).encode(), JSON_CONTENT_TYPE, **options)


def signed_form(fields: dict[str, str], **options: Unpack[SigningOptions]) -> SlackRequest:
    """Any form-encoded body (slash commands, `payload=` interactions), signed."""
    return sign(urlencode(fields).encode(), FORM_CONTENT_TYPE, **options)


def event_callback(
    event: dict[str, Any],
    *,
    event_id: str | None = None,
    team: str = TEAM_ID,
    **options: Unpack[SigningOptions],
) -> SlackRequest:
    """An Events API delivery of `event` (for example `payloads.message_event(...)`), as JSON.

    Send it twice with the same `event_id` (and `retry_num=1, retry_reason="http_timeout"`)
    to test that a redelivered event is processed once.
    """
    return signed_json(event_callback_payload(event, event_id=event_id, team=team), **options)


def slash_command(
    command: str,
    text: str = "",
    user_id: str = "U1",
    channel_id: str = "C1",
    *,
    response_url: str = UNSET_RESPONSE_URL,
    team: str = TEAM_ID,
    **options: Unpack[SigningOptions],
) -> SlackRequest:
    """A slash command invocation, form-encoded as Slack sends it.

    Pass `response_url=fake_slack.response_url()` if the app answers through `respond()`.
    """
    fields = slash_command_payload(
        command,
        text,
        user_id=user_id,
        channel_id=channel_id,
        response_url=response_url,
        team=team,
    )
    return signed_form(fields, **options)


def block_action(
    action_id: str,
    value: str | None = None,
    user_id: str = "U1",
    channel_id: str = "C1",
    message_ts: str | None = None,
    *,
    block_id: str | None = None,
    response_url: str = UNSET_RESPONSE_URL,
    message: dict[str, Any] | None = None,
    user_team: str | None = None,
    trigger_id: str | None = None,
    **options: Unpack[SigningOptions],
) -> SlackRequest:
    """A button click (`block_actions`) on the bot's message, as the form body `payload=<json>`.

    `user_team`: the clicker's workspace when it is another one (Slack Connect, see
    `payloads.block_action_payload`)."""
    payload = block_action_payload(
        action_id,
        value,
        user_id=user_id,
        channel_id=channel_id,
        message_ts=message_ts,
        block_id=block_id,
        response_url=response_url,
        message=message,
        user_team=user_team,
        trigger_id=trigger_id,
    )
    return interactive(payload, **options)


def view_submission(
    view: dict[str, Any],
    state_values: dict[str, Any] | None = None,
    user_id: str = "U1",
    *,
    user_team: str | None = None,
    **options: Unpack[SigningOptions],
) -> SlackRequest:
    """The modal `view` submitted with `state_values` (see `payloads.view_submission_payload`);
    the app's answer (`response_action`) is in the response body, as Slack reads it."""
    payload = view_submission_payload(view, state_values, user_id=user_id, user_team=user_team)
    return interactive(payload, **options)


def interactive(payload: dict[str, Any], **options: Unpack[SigningOptions]) -> SlackRequest:
    """Any interaction payload (view_submission, shortcut, ...) as the form `payload=<json>`."""
    return signed_form({"payload": json.dumps(payload)}, **options)


def url_verification(challenge: str, **options: Unpack[SigningOptions]) -> SlackRequest:
    """The Request URL handshake; the app must answer 200 with the challenge."""
    return signed_json(url_verification_payload(challenge), **options)


@dataclass(frozen=True)
class HttpResponse:
    """What the app answered: status, raw body, headers (lower-cased names) and wall time."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    elapsed: float = 0.0
    """Seconds from sending the request to reading the whole response (the ack latency)."""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body)


_NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def post(url: str, body: bytes, headers: dict[str, str], *, timeout: float = 10.0) -> HttpResponse:
    """POST `body` with `headers` to `url` (never through a proxy) and time the answer.

    Error statuses (401, 404, 500, ...) are returned, not raised; a refused connection or a
    timeout raises `OSError`.
    """
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    return _perform(request, timeout)


def get(url: str, headers: dict[str, str] | None = None, *, timeout: float = 10.0) -> HttpResponse:
    """GET `url` (for `/healthz`, or a file download) and time the answer."""
    request = urllib.request.Request(url, headers=headers or {}, method="GET")
    return _perform(request, timeout)


def send(url: str, request: SlackRequest, *, timeout: float = 10.0) -> HttpResponse:
    """POST a built `SlackRequest` to `url`: `send(f"{app}/slack/events", event_callback(...))`."""
    return post(url, request.body, request.headers, timeout=timeout)


def _perform(request: urllib.request.Request, timeout: float) -> HttpResponse:
    started = time.perf_counter()
    try:
        with _NO_PROXY.open(request, timeout=timeout) as response:
            body = response.read()
            status = int(response.status)
            headers = {name.lower(): value for name, value in response.headers.items()}
    except urllib.error.HTTPError as error:
        body = error.read()
        status = error.code
        headers = {name.lower(): value for name, value in error.headers.items()}
    return HttpResponse(status, body, headers, time.perf_counter() - started)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago, for `casebot serve --http --port`."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for_http(url: str, *, timeout: float = 30.0, interval: float = 0.05) -> HttpResponse:
    """GET `url` until it answers with any HTTP status, or raise `AssertionError` at the deadline.

    For an app started in another process (which cannot signal readiness to the test), e.g.
    `wait_for_http(f"http://127.0.0.1:{port}/healthz")`. Between refused connections it waits
    `interval` seconds on an event that nothing sets; the deadline bounds the whole wait.
    """
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    last_error: OSError | None = None
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"{url} did not answer within {timeout} s: {last_error}")
        try:
            return get(url, timeout=min(remaining, 5.0))
        except OSError as error:
            last_error = error
        pause.wait(min(interval, max(deadline - time.monotonic(), 0.0)))
