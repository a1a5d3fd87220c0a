"""A fake Slack Web API on 127.0.0.1 that records every call and answers like Slack.

Point the app's `WebClient(base_url=...)` at `FakeSlackWebAPI.url`
("http://127.0.0.1:PORT/api/"; slack_sdk joins the method name onto it, so it must end with
"/api/"). Requests may be GET with a query string, form-encoded POST (slack_sdk's default, with
nested values such as `blocks` sent as JSON strings) or JSON POST (`api_call(json=...)`); all
end up in `RecordedCall.params`.

Answers, with fixed identities from `bot.testing.payloads`:

====================================  =====================================================
`auth.test`                           ok, user_id "UBOT", bot_id "BBOT", team_id "T1", url
`chat.postMessage` / `chat.update`    ok, the channel and a fresh (or the given) `ts`;
                                      `no_text` / `channel_not_found` / `message_not_found`
                                      when Slack would refuse
`chat.postEphemeral`                  ok, a fresh `message_ts`
`reactions.add`                       ok
`conversations.info` / `.members`     the channel set with `set_channel()` (any other id: a
                                      public channel with no members)
`users.info`                          the user set with `add_user()` (any other id: a generic
                                      human user)
`views.publish`                       ok, the view with an id
`views.open` / `.push` / `.update`    ok, the view as Slack keeps it (`id`, `hash`,
                                      `team_id`, an empty `state`); `views.update` finds it
                                      by `view_id` (or `external_id`) and refuses a stale
                                      `hash` (`hash_conflict`) or an unknown id
                                      (`not_found`); read it back with `view()`
`files.info`                          the file registered with `add_file()`, whose
                                      `url_private(_download)` is this server's `/files/<id>`;
                                      otherwise `file_not_found`
`files.getUploadURLExternal`,         the files_upload_v2 flow; the upload lands in the files
`files.completeUploadExternal`        table (so `files.info` and the download work for it)
`apps.connections.open`               the Socket Mode URL (`socket_mode_url` + a fresh
                                      ticket); needs the app-level token
any other method                      `{"ok": true}`
====================================  =====================================================

Any other path is answered 404 (recorded under its path): a `base_url` without "/api/" makes
slack_sdk post to "/chat.postMessage", and that should fail loudly.

Non-API endpoints, recorded under pseudo-method names:

- `GET /files/<id>` (`FILE_DOWNLOAD`): the registered bytes if the request carries
  `Authorization: Bearer <bot token>`, 403 otherwise, 404 for an unknown id;
- `POST /upload/<id>` (`FILE_UPLOAD`): the second step of files_upload_v2;
- `POST /response/<id>` (`RESPONSE_URL`): a slash command's or an action's `response_url`;
  get one from `response_url()`.

Scripting the next answers of a method (first in, first out): `rate_limit_next()` (HTTP 429,
`Retry-After`), `fail_next()` (`{"ok": false, "error": ...}`), `hold_next()` (the call is recorded,
then its answer waits until the test sets the returned event), `respond_with()` (a fixed or
computed answer until `reset()`).

Usage::

    with FakeSlackWebAPI() as slack:                 # or the `fake_slack` fixture
        client = WebClient(token=BOT_TOKEN, base_url=slack.url)
        client.chat_postMessage(channel="C1", text="hi")
        [call] = slack.wait_for("chat.postMessage", lambda c: c.params["channel"] == "C1")

A negative check needs a barrier (`quiet_until_marker`): send the events the app must ignore,
then one it must answer, and count what came once the marker's reply is in::

    send(app, event_callback(bot_message))                  # must be ignored
    send(app, event_callback(question_in("CMARKER")))       # must be answered
    slack.quiet_until_marker("chat.postMessage", lambda c: c.params["channel"] == "CMARKER")
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

from bot.testing.payloads import (
    APP_ID,
    APP_TOKEN,
    BOT_ID,
    BOT_TOKEN,
    BOT_USER_ID,
    TEAM_DOMAIN,
    TEAM_ID,
    new_id,
    new_ts,
)

FILE_DOWNLOAD = "files.download"
"""Pseudo-method under which `GET /files/<id>` is recorded (`params["file_id"]`)."""
FILE_UPLOAD = "files.upload_url"
"""Pseudo-method under which `POST /upload/<id>` is recorded (`params["file_id"]`)."""
RESPONSE_URL = "response_url"
"""Pseudo-method under which `POST /response/<id>` is recorded (`params` = the JSON body)."""

HOLD_LIMIT_SECONDS = 30.0
"""A held answer is released after this long even if the test forgets to set the event."""

Payload = dict[str, Any]
Responder = Callable[["RecordedCall"], Payload]
Predicate = Callable[["RecordedCall"], bool]


@dataclass(frozen=True)
class RecordedCall:
    """One request the fake received (recorded once answered, or on arrival if held).

    `method` is the Web API method ("chat.postMessage") or a pseudo-method (`FILE_DOWNLOAD`,
    `FILE_UPLOAD`, `RESPONSE_URL`); `params` merges the query string and the form or JSON body
    (form values are strings; a repeated form field becomes a list); `headers` have lower-case
    names; `time` is `time.monotonic()` at arrival.
    """

    method: str
    http_method: str
    path: str
    params: dict[str, Any]
    headers: dict[str, str]
    body: bytes
    time: float

    @property
    def token(self) -> str | None:
        """The bearer token (or the legacy `token` parameter) the client sent."""
        authorization = self.headers.get("authorization", "")
        if authorization.startswith("Bearer "):
            return authorization.removeprefix("Bearer ")
        token = self.params.get("token")
        return token if isinstance(token, str) else None

    def json_param(self, name: str) -> Any:
        """A parameter slack_sdk sends JSON-encoded in form bodies (`blocks`, `view`, `files`).

        Returns the decoded value, or the value as is when it came in a JSON body.
        """
        value = self.params.get(name)
        return json.loads(value) if isinstance(value, str) else value


@dataclass
class _Scripted:
    """One scripted answer: a canned (status, payload, headers), or a hold until `release`."""

    status: int = 200
    payload: Payload | None = None
    headers: dict[str, str] = field(default_factory=dict)
    release: threading.Event | None = None


@dataclass
class _Channel:
    id: str
    name: str
    members: list[str]
    is_private: bool
    is_im: bool


@dataclass
class _File:
    info: Payload
    content: bytes


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    fake: FakeSlackWebAPI


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.fake._handle(self)

    def do_POST(self) -> None:
        self.server.fake._handle(self)

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request stderr log; the recorded calls say more."""


class FakeSlackWebAPI:
    """The fake Web API server. Start it with `start()` or `with`, stop it with `stop()`.

    Thread-safe: the server answers each request on its own thread, and tests may call every
    method here from any thread.
    """

    def __init__(
        self,
        *,
        bot_token: str = BOT_TOKEN,
        app_token: str = APP_TOKEN,
        socket_mode_url: str | None = None,
    ) -> None:
        """`socket_mode_url` is what `apps.connections.open` hands out (a `FakeSocketModeServer`'s
        `url`); it can also be set later through the attribute."""
        self.bot_token = bot_token
        self.app_token = app_token
        self.socket_mode_url = socket_mode_url
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._calls: list[RecordedCall] = []
        self._scripted: dict[str, deque[_Scripted]] = {}
        self._overrides: dict[str, Responder] = {}
        self._channels: dict[str, _Channel] = {}
        self._users: dict[str, Payload] = {}
        self._files: dict[str, _File] = {}
        self._views: dict[str, Payload] = {}
        self._opened_by: dict[str, str] = {}
        self._holds: list[threading.Event] = []
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._handlers: dict[str, Responder] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "conversations.info": self._conversations_info,
            "conversations.members": self._conversations_members,
            "users.info": self._users_info,
            "views.publish": self._views_publish,
            "views.open": self._views_open,
            "views.push": self._views_open,
            "views.update": self._views_update,
            "files.info": self._files_info,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
            "apps.connections.open": self._apps_connections_open,
        }
        self._add_default_users()

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Self:
        """Bind a free port on 127.0.0.1 and serve on a background thread."""
        server = _Server(("127.0.0.1", 0), _Handler)
        server.fake = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, name="fake-slack-web-api"
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release held answers, stop serving, close the socket and join the thread."""
        self._release_holds()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the fake Slack Web API is not running; call start()")
        port: int = self._server.server_address[1]
        return port

    @property
    def base(self) -> str:
        """The server root, "http://127.0.0.1:PORT", where files and response URLs live."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        """The Web API base URL for `WebClient(base_url=...)` and CASEBOT_SLACK_API_URL; ends in
        "/api/"."""
        return f"{self.base}/api/"

    # -- recorded calls ----------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[RecordedCall]:
        """A snapshot of the calls so far, oldest first; only those of `method` if given."""
        with self._lock:
            return [call for call in self._calls if method is None or call.method == method]

    def wait_for(
        self,
        method: str,
        predicate: Predicate | None = None,
        count: int = 1,
        timeout: float = 10.0,
    ) -> list[RecordedCall]:
        """Block until at least `count` calls of `method` matching `predicate` have arrived.

        Returns every matching call so far (oldest first); raises `AssertionError` listing what
        did arrive if the deadline passes. Waits on a condition variable, so it returns as soon
        as the call is recorded: an API call once the fake has answered it (what it did, a view
        kept, is there to see), a held or scripted one on arrival.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                matching = self._matching(method, predicate)
                if len(matching) >= count:
                    return matching
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} matching {method} call(s) within {timeout} s, "
                        f"got {len(matching)}; calls received: {self._summary()}"
                    )
                self._changed.wait(remaining)

    def quiet_until_marker(
        self,
        method: str,
        marker: Predicate,
        *,
        expected: int = 0,
        predicate: Predicate | None = None,
        timeout: float = 10.0,
        settle: float = 0.0,
    ) -> list[RecordedCall]:
        """Assert that `method` got exactly `expected` calls besides the marker's reply.

        For negative checks ("the redelivered event posted no second reply"). Waiting a while
        for nothing also passes when the app is broken and answers nothing at all; so after
        sending the events that must be ignored, the test sends a marker event that must be
        answered, and this waits for the marker's reply: the first call of `method` for which
        `marker` is true. Once it arrived, the app has dealt with whatever was sent before it,
        if both went through the same queue in order. Calls of `method` that are not the
        marker's and match `predicate` are then counted; more than `expected` fails at once,
        fewer fails when the marker's reply arrives.

        Where the marker cannot be ordered behind the ignored events (a pool of several
        workers), pass `settle`: the count must hold for that many more seconds.

        Returns the counted calls, oldest first.
        """
        self._await_marker(method, marker, predicate, expected, timeout)
        self._stay_at_most(method, marker, predicate, expected, settle)
        with self._lock:
            others = self._others(method, marker, predicate)
        if len(others) != expected:
            raise AssertionError(_count_message(method, expected, others))
        return others

    def _await_marker(
        self,
        method: str,
        marker: Predicate,
        predicate: Predicate | None,
        expected: int,
        timeout: float,
    ) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self._matching(method, marker):
                others = self._others(method, marker, predicate)
                if len(others) > expected:
                    raise AssertionError(_count_message(method, expected, others))
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"the marker's {method} call never came within {timeout} s, so the "
                        f"app may answer nothing at all; calls received: {self._summary()}"
                    )
                self._changed.wait(remaining)

    def _stay_at_most(
        self,
        method: str,
        marker: Predicate,
        predicate: Predicate | None,
        expected: int,
        within: float,
    ) -> None:
        deadline = time.monotonic() + within
        with self._changed:
            while True:
                others = self._others(method, marker, predicate)
                if len(others) > expected:
                    raise AssertionError(_count_message(method, expected, others))
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                self._changed.wait(remaining)

    def _others(
        self, method: str, marker: Predicate, predicate: Predicate | None
    ) -> list[RecordedCall]:
        """Calls of `method` matching `predicate` that are not the marker's; holds the lock."""
        return [call for call in self._matching(method, predicate) if not marker(call)]

    def reset(self) -> None:
        """Forget calls, scripted answers, overrides, channels, users and files."""
        self._release_holds()
        with self._changed:
            self._calls.clear()
            self._scripted.clear()
            self._overrides.clear()
            self._channels.clear()
            self._users.clear()
            self._files.clear()
            self._views.clear()
            self._opened_by.clear()
            self._add_default_users()
            self._changed.notify_all()

    # -- scripting ---------------------------------------------------------------------------

    def rate_limit_next(self, method: str, count: int = 1, retry_after: int = 1) -> None:
        """Answer the next `count` calls of `method` with HTTP 429, `Retry-After: <retry_after>`
        and `{"ok": false, "error": "ratelimited"}`, as Slack does."""
        payload = {"ok": False, "error": "ratelimited"}
        headers = {"Retry-After": str(retry_after)}
        self._script(method, [_Scripted(429, payload, headers) for _ in range(count)])

    def fail_next(self, method: str, error: str, count: int = 1) -> None:
        """Answer the next `count` calls of `method` with HTTP 200 `{"ok": false, "error": error}`
        (e.g. "channel_not_found", "not_in_channel", "invalid_auth")."""
        payload = {"ok": False, "error": error}
        self._script(method, [_Scripted(200, payload) for _ in range(count)])

    def hold_next(self, method: str, count: int = 1) -> threading.Event:
        """Delay the answers to the next `count` calls of `method` until the returned event is set.

        Lets a test prove that the app acks Slack before its slow Web API calls finish. The calls
        are recorded on arrival, so `wait_for` sees them while they are held.
        """
        release = threading.Event()
        self._script(method, [_Scripted(release=release) for _ in range(count)])
        with self._lock:
            self._holds.append(release)
        return release

    def respond_with(self, method: str, response: Payload | Responder) -> None:
        """Answer every call of `method` with `response` (a dict, or a function of the call)
        until `reset()`; e.g. `conversations.replies` returning a thread's messages."""
        responder: Responder = response if callable(response) else (lambda _call: response)
        with self._lock:
            self._overrides[method] = responder

    # -- the workspace -----------------------------------------------------------------------

    def set_channel(
        self,
        channel_id: str,
        members: Iterable[str] = (),
        *,
        name: str | None = None,
        is_private: bool = False,
        is_im: bool = False,
    ) -> None:
        """Define a channel for `conversations.info`, with `members` for `conversations.members`."""
        channel = _Channel(channel_id, name or channel_id.lower(), list(members), is_private, is_im)
        with self._lock:
            self._channels[channel_id] = channel

    def add_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        real_name: str | None = None,
        email: str | None = None,
        is_bot: bool = False,
        deleted: bool = False,
    ) -> Payload:
        """Define a user for `users.info`; returns the user object."""
        user = _user_object(user_id, name, real_name, email, is_bot, deleted)
        with self._lock:
            self._users[user_id] = user
        return user

    def add_file(
        self,
        file_id: str,
        content: bytes,
        *,
        name: str = "evidence.txt",
        mimetype: str = "text/plain",
        filetype: str | None = None,
        user: str = "U1",
    ) -> Payload:
        """Register a file: `files.info` describes it and `GET /files/<id>` serves `content`.

        Returns the file object, ready for `message_event(..., files=[...])`.
        """
        info = self._file_object(file_id, len(content), name, mimetype, filetype, user)
        with self._lock:
            self._files[file_id] = _File(info, content)
        return info

    def file_url(self, file_id: str) -> str:
        """Where the fake serves a file: `url_private_download` of its file object."""
        return f"{self.base}/files/{file_id}"

    def file_content(self, file_id: str) -> bytes | None:
        """The bytes of a registered or uploaded file, or None."""
        with self._lock:
            stored = self._files.get(file_id)
        return None if stored is None else stored.content

    def view(self, view_id: str) -> Payload:
        """A modal as Slack now shows it (after `views.open`, `.push` or `.update`): what a
        `view_submission` carries back, with the user's input added to its `state`."""
        with self._lock:
            return dict(self._views[view_id])

    def opened_view(self, trigger_id: str) -> Payload:
        """The modal opened (`views.open` / `.push`) with `trigger_id`, as Slack now shows it."""
        with self._lock:
            view_id = self._opened_by[trigger_id]
        return self.view(view_id)

    def replace_view(self, view_id: str, view: Payload) -> Payload:
        """What Slack does when the app answers a `view_submission` with
        `{"response_action": "update", "view": ...}`: the modal now shows `view` (a fresh hash);
        returns it as Slack keeps it."""
        with self._lock:
            if view_id not in self._views:
                raise KeyError(f"no view {view_id}")
        return self._keep_view(view_id, view)

    def response_url(self, name: str | None = None) -> str:
        """A fresh `response_url` on this server; POSTs to it are recorded as `RESPONSE_URL`."""
        return f"{self.base}/response/{name or new_id('R')}"

    # -- request handling --------------------------------------------------------------------

    def _handle(self, handler: _Handler) -> None:
        url = urlsplit(handler.path)
        headers = {name.lower(): value for name, value in handler.headers.items()}
        body = _read_body(handler, headers)
        method, params = self._classify(url.path, url.query, body, headers)
        call = RecordedCall(
            method=method,
            http_method=handler.command,
            path=url.path,
            params=params,
            headers=headers,
            body=body,
            time=time.monotonic(),
        )
        scripted = self._scripted_answer(call)
        if scripted is None and method != FILE_DOWNLOAD and not method.startswith("/"):
            # Answered before it is recorded: a test that waited for the call then sees what
            # the call did (the modal a `views.update` filled in), however loaded the machine.
            status, payload = self._answered(call)
            self._record(call)
            _write(handler, status, _json(payload))
            return
        self._record(call)
        if scripted is not None and scripted.release is not None:
            scripted.release.wait(HOLD_LIMIT_SECONDS)
            scripted = None
        if scripted is not None:
            _write(handler, scripted.status, _json(scripted.payload), scripted.headers)
        elif method == FILE_DOWNLOAD:
            self._serve_file(handler, call)
        elif method.startswith("/"):
            failure = {"ok": False, "error": f"not_a_web_api_path: {method}; use {self.url}"}
            _write(handler, 404, _json(failure))
        else:  # a held call, released: answered as any other
            status, payload = self._answered(call)
            _write(handler, status, _json(payload))

    def _answered(self, call: RecordedCall) -> tuple[int, Payload]:
        try:
            return 200, self._answer(call)
        except Exception as error:  # a broken responder must show up in the test, not hang it
            return 500, {"ok": False, "error": f"fake_slack_internal_error: {error!r}"}

    def _classify(
        self, path: str, query: str, body: bytes, headers: dict[str, str]
    ) -> tuple[str, dict[str, Any]]:
        segments = path.strip("/").split("/")
        if segments[0] == "files" and len(segments) >= 2:
            return FILE_DOWNLOAD, {"file_id": segments[1]}
        if segments[0] == "upload" and len(segments) >= 2:
            return FILE_UPLOAD, {"file_id": segments[1]}
        params = _parse_params(query, body, headers.get("content-type", ""))
        if segments[0] == "response":
            return RESPONSE_URL, params
        if segments[0] == "api" and len(segments) >= 2:
            return segments[1], params
        return path, params

    def _scripted_answer(self, call: RecordedCall) -> _Scripted | None:
        with self._changed:
            queue = self._scripted.get(call.method)
            return queue.popleft() if queue else None

    def _record(self, call: RecordedCall) -> None:
        with self._changed:
            self._calls.append(call)
            self._changed.notify_all()

    def _answer(self, call: RecordedCall) -> Payload:
        if call.method == FILE_UPLOAD:
            return self._file_upload(call)
        with self._lock:
            override = self._overrides.get(call.method)
        handler = override or self._handlers.get(call.method)
        if handler is None:
            return {"ok": True}
        return handler(call)

    def _serve_file(self, handler: _Handler, call: RecordedCall) -> None:
        if call.headers.get("authorization") != f"Bearer {self.bot_token}":
            _write(
                handler, 403, b"forbidden: missing or wrong bot token", content_type="text/plain"
            )
            return
        with self._lock:
            stored = self._files.get(call.params["file_id"])
        if stored is None:
            _write(handler, 404, b"file not found", content_type="text/plain")
            return
        _write(handler, 200, stored.content, content_type=str(stored.info["mimetype"]))

    def _script(self, method: str, entries: list[_Scripted]) -> None:
        with self._lock:
            self._scripted.setdefault(method, deque()).extend(entries)

    def _release_holds(self) -> None:
        with self._lock:
            holds, self._holds = self._holds, []
        for release in holds:
            release.set()

    def _matching(self, method: str, predicate: Predicate | None) -> list[RecordedCall]:
        return [
            call
            for call in self._calls
            if call.method == method and (predicate is None or predicate(call))
        ]

    def _summary(self) -> str:
        return ", ".join(f"{call.method}({call.params})" for call in self._calls) or "none"

    # -- method answers ----------------------------------------------------------------------

    def _auth_test(self, call: RecordedCall) -> Payload:
        return {
            "ok": True,
            "url": f"https://{TEAM_DOMAIN}.slack.com/",
            "team": "Casebot Test",
            "user": "casebot",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, call: RecordedCall) -> Payload:
        channel = call.params.get("channel")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not any(call.params.get(key) for key in ("text", "blocks", "attachments")):
            return {"ok": False, "error": "no_text"}
        ts = new_ts()
        return {"ok": True, "channel": channel, "ts": ts, "message": _bot_message(call, ts)}

    def _chat_update(self, call: RecordedCall) -> Payload:
        channel, ts = call.params.get("channel"), call.params.get("ts")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not ts:
            return {"ok": False, "error": "message_not_found"}
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "text": call.params.get("text", ""),
            "message": _bot_message(call, str(ts)),
        }

    def _chat_post_ephemeral(self, call: RecordedCall) -> Payload:
        if not call.params.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if not call.params.get("user"):
            return {"ok": False, "error": "user_not_in_channel"}
        return {"ok": True, "message_ts": new_ts()}

    def _conversations_info(self, call: RecordedCall) -> Payload:
        channel = self._channel(call)
        return {
            "ok": True,
            "channel": {
                "id": channel.id,
                "name": channel.name,
                "is_channel": not channel.is_im and not channel.is_private,
                "is_group": channel.is_private,
                "is_im": channel.is_im,
                "is_private": channel.is_private or channel.is_im,
                "is_member": True,
                "is_archived": False,
                "num_members": len(channel.members),
            },
        }

    def _conversations_members(self, call: RecordedCall) -> Payload:
        channel = self._channel(call)
        return {"ok": True, "members": channel.members, "response_metadata": {"next_cursor": ""}}

    def _channel(self, call: RecordedCall) -> _Channel:
        channel_id = str(call.params.get("channel", ""))
        with self._lock:
            known = self._channels.get(channel_id)
        return known or _Channel(channel_id, channel_id.lower(), [], False, channel_id[:1] == "D")

    def _users_info(self, call: RecordedCall) -> Payload:
        user_id = str(call.params.get("user", ""))
        with self._lock:
            user = self._users.get(user_id)
        return {"ok": True, "user": user or _user_object(user_id, None, None, None, False, False)}

    def _views_publish(self, call: RecordedCall) -> Payload:
        view = call.json_param("view")
        if not call.params.get("user_id") or not isinstance(view, dict):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": {**view, "id": new_id("V"), "team_id": TEAM_ID}}

    def _views_open(self, call: RecordedCall) -> Payload:
        view = call.json_param("view")
        if not call.params.get("trigger_id") or not isinstance(view, dict):
            return {"ok": False, "error": "invalid_arguments"}
        kept = self._keep_view(new_id("V"), view)
        with self._lock:
            self._opened_by[str(call.params["trigger_id"])] = str(kept["id"])
        return {"ok": True, "view": kept}

    def _views_update(self, call: RecordedCall) -> Payload:
        view = call.json_param("view")
        if not isinstance(view, dict):
            return {"ok": False, "error": "invalid_arguments"}
        with self._lock:
            view_id = self._view_id(call)
            current = self._views.get(view_id or "")
        if view_id is None or current is None:
            return {"ok": False, "error": "not_found"}
        wanted_hash = call.params.get("hash")
        if wanted_hash and wanted_hash != current["hash"]:
            return {"ok": False, "error": "hash_conflict"}
        return {"ok": True, "view": self._keep_view(view_id, view)}

    def _view_id(self, call: RecordedCall) -> str | None:
        """Holds the lock."""
        if call.params.get("view_id"):
            return str(call.params["view_id"])
        external_id = call.params.get("external_id")
        for view_id, view in self._views.items():
            if external_id and view.get("external_id") == external_id:
                return view_id
        return None

    def _keep_view(self, view_id: str, view: Payload) -> Payload:
        kept = {
            **view,
            "id": view_id,
            "team_id": TEAM_ID,
            "app_id": APP_ID,
            "bot_id": BOT_ID,
            "hash": new_id("h."),
            "state": {"values": {}},
            "private_metadata": view.get("private_metadata", ""),
            "callback_id": view.get("callback_id", ""),
        }
        with self._lock:
            self._views[view_id] = kept
        return dict(kept)

    def _files_info(self, call: RecordedCall) -> Payload:
        with self._lock:
            stored = self._files.get(str(call.params.get("file", "")))
        if stored is None:
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "file": stored.info, "comments": [], "response_metadata": {}}

    def _files_get_upload_url(self, call: RecordedCall) -> Payload:
        file_id = new_id("F")
        name = str(call.params.get("filename", "upload.bin"))
        info = self._file_object(file_id, 0, name, "application/octet-stream", None, BOT_USER_ID)
        with self._lock:
            self._files[file_id] = _File(info, b"")
        return {"ok": True, "upload_url": f"{self.base}/upload/{file_id}", "file_id": file_id}

    def _file_upload(self, call: RecordedCall) -> Payload:
        with self._lock:
            stored = self._files.get(call.params["file_id"])
            if stored is None:
                return {"ok": False, "error": "file_not_found"}
            stored.content = call.body
            stored.info["size"] = len(call.body)
        return {"ok": True}

    def _files_complete_upload(self, call: RecordedCall) -> Payload:
        requested = call.json_param("files")
        if not isinstance(requested, list):
            return {"ok": False, "error": "invalid_arguments"}
        completed = []
        with self._lock:
            for entry in requested:
                stored = self._files.get(str(entry.get("id")))
                if stored is None:
                    return {"ok": False, "error": "file_not_found"}
                if entry.get("title"):
                    stored.info["title"] = entry["title"]
                completed.append(stored.info)
        return {"ok": True, "files": completed}

    def _apps_connections_open(self, call: RecordedCall) -> Payload:
        if call.token != self.app_token:
            return {"ok": False, "error": "not_allowed_token_type"}
        if self.socket_mode_url is None:
            return {"ok": False, "error": "socket_mode_not_configured_in_fake"}
        return {"ok": True, "url": f"{self.socket_mode_url}?ticket={new_id('t')}&app_id={APP_ID}"}

    def _add_default_users(self) -> None:
        self._users[BOT_USER_ID] = _user_object(
            BOT_USER_ID, "casebot", "Casebot", None, True, False
        )

    def _file_object(
        self,
        file_id: str,
        size: int,
        name: str,
        mimetype: str,
        filetype: str | None,
        user: str,
    ) -> Payload:
        created = int(time.time())
        return {
            "id": file_id,
            "created": created,
            "timestamp": created,
            "name": name,
            "title": name,
            "mimetype": mimetype,
            "filetype": filetype or name.rsplit(".", 1)[-1].lower(),
            "user": user,
            "size": size,
            "mode": "hosted",
            "is_external": False,
            "is_public": False,
            "url_private": self.file_url(file_id),
            "url_private_download": self.file_url(file_id),
            "permalink": f"https://{TEAM_DOMAIN}.slack.com/files/{user}/{file_id}/{name}",
        }


def _count_message(method: str, expected: int, others: list[RecordedCall]) -> str:
    return (
        f"expected {expected} {method} call(s) besides the marker's, got {len(others)}: "
        f"{[call.params for call in others]}"
    )


def _user_object(
    user_id: str,
    name: str | None,
    real_name: str | None,
    email: str | None,
    is_bot: bool,
    deleted: bool,
) -> Payload:
    real = real_name or user_id
    profile: Payload = {"real_name": real, "display_name": name or user_id.lower()}
    if email is not None:
        profile["email"] = email
    return {
        "id": user_id,
        "team_id": TEAM_ID,
        "name": name or user_id.lower(),
        "real_name": real,
        "deleted": deleted,
        "is_bot": is_bot,
        "is_admin": False,
        "tz": "Europe/London",
        "profile": profile,
    }


def _bot_message(call: RecordedCall, ts: str) -> Payload:
    message: Payload = {
        "type": "message",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "app_id": APP_ID,
        "team": TEAM_ID,
        "text": call.params.get("text", ""),
        "ts": ts,
    }
    blocks = call.json_param("blocks")
    if blocks is not None:
        message["blocks"] = blocks
    if call.params.get("thread_ts"):
        message["thread_ts"] = call.params["thread_ts"]
    return message


def _read_body(handler: _Handler, headers: dict[str, str]) -> bytes:
    if headers.get("transfer-encoding", "").lower() == "chunked":
        chunks: list[bytes] = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                handler.rfile.readline()
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    length = int(headers.get("content-length", "0") or "0")
    return handler.rfile.read(length) if length else b""


def _parse_params(query: str, body: bytes, content_type: str) -> dict[str, Any]:
    params: dict[str, Any] = _flatten(parse_qs(query, keep_blank_values=True))
    media_type = content_type.split(";")[0].strip().lower()
    if not body:
        return params
    if media_type == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError:
            return {**params, "_invalid_json": body.decode("utf-8", errors="replace")}
        if isinstance(decoded, dict):
            params.update(decoded)
    elif media_type == "multipart/form-data":
        params.update(_parse_multipart(body, content_type))
    else:
        params.update(_flatten(parse_qs(body.decode("utf-8"), keep_blank_values=True)))
    return params


def _flatten(parsed: dict[str, list[str]]) -> dict[str, Any]:
    return {key: values[0] if len(values) == 1 else values for key, values in parsed.items()}


def _parse_multipart(body: bytes, content_type: str) -> dict[str, Any]:
    """Form fields as strings, file parts as bytes (slack_sdk's legacy `files.upload`)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    fields: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        fields[name] = data if part.get_filename() else data.decode("utf-8", errors="replace")
    return fields


def _json(payload: Payload | None) -> bytes:
    return json.dumps(payload if payload is not None else {"ok": True}).encode()


def _write(
    handler: _Handler,
    status: int,
    body: bytes,
    headers: dict[str, str] | None = None,
    content_type: str = "application/json; charset=utf-8",
) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)
