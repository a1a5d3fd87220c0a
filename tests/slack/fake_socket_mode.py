"""A fake Slack Socket Mode endpoint: a WebSocket server on 127.0.0.1 that pushes envelopes.

How Socket Mode works, and what this fake does of it:

1. The app calls `apps.connections.open` with its app-level token (`xapp-...`); the fake Web API
   answers with `FakeSocketModeServer.url` plus a fresh `?ticket=...` (the `fake_slack` fixture
   wires the two together).
2. The app opens a WebSocket to that URL; the server sends `{"type": "hello", ...}`.
3. Slack pushes envelopes as JSON text frames::

       {"envelope_id": "...", "type": "events_api" | "slash_commands" | "interactive",
        "payload": {...}, "accepts_response_payload": false}

   `payload` is exactly the body Slack would POST in HTTP mode (`bot.testing.payloads`), except
   that slash command fields arrive as a JSON object rather than a form.
4. The app acks each envelope within three seconds with a text frame
   `{"envelope_id": "..."}`, adding `"payload": {...}` (for example the immediate reply to a
   slash command) when `accepts_response_payload` is true. Acks are recorded as `Ack`s.
5. Slack may send `{"type": "disconnect", "reason": "refresh_requested"}`; the client should then
   open a new connection through `apps.connections.open` (`request_disconnect()`).

WebSocket pings in both directions are answered by the `websockets` library.

Usage::

    envelope_id = fake_socket.send_event(message_event("hello", channel="C1"))
    ack = fake_socket.wait_for_ack(envelope_id)
    assert ack.latency is not None and ack.latency < 3.0
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Coroutine
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from bot.testing.payloads import (
    APP_ID,
    UNSET_RESPONSE_URL,
    block_action_payload,
    event_callback_payload,
    new_id,
    slash_command_payload,
)


@dataclass(frozen=True)
class Ack:
    """An acknowledgement the client sent for an envelope.

    `payload` is the response payload, if the client sent one; `latency` is the time in seconds
    from sending the envelope to receiving its ack (None for an ack of an unknown envelope).
    """

    envelope_id: str
    payload: dict[str, Any] | None
    raw: str
    received_at: float
    latency: float | None


class FakeSocketModeServer:
    """The fake Socket Mode server. Start it with `start()` or `with`; stop it with `stop()`.

    It runs its own asyncio event loop on a background thread; every public method is
    thread-safe and blocking, for use from ordinary (synchronous) tests.
    """

    def __init__(self, *, hello: bool = True, ping_interval: float | None = 20.0) -> None:
        """`hello=False` skips the hello message; `ping_interval` is the server's own ping period
        (None disables it)."""
        self._hello = hello
        self._ping_interval = ping_interval
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._open: list[ServerConnection] = []
        self._opened = 0
        self._paths: list[str] = []
        self._sent_at: dict[str, float] = {}
        self._acks: list[Ack] = []
        self._messages: list[str] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None
        self._startup_error: BaseException | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Self:
        """Listen on a free port of 127.0.0.1; returns once the server accepts connections."""
        ready = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(ready,), name="fake-slack-socket-mode"
        )
        self._thread.start()
        if not ready.wait(10.0):
            raise RuntimeError("the fake Socket Mode server did not start within 10 s")
        if self._startup_error is not None:
            raise RuntimeError("the fake Socket Mode server failed to start") from (
                self._startup_error
            )
        return self

    def stop(self) -> None:
        """Close every connection (code 1001), stop listening and join the thread."""
        loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None and not loop.is_closed():
            loop.call_soon_threadsafe(stopping.set)
        if self._thread is not None:
            self._thread.join(timeout=15)
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
    def url(self) -> str:
        """The WebSocket URL, "ws://127.0.0.1:PORT/link/" (the fake Web API adds a ticket)."""
        if self._port is None:
            raise RuntimeError("the fake Socket Mode server is not running; call start()")
        return f"ws://127.0.0.1:{self._port}/link/"

    # -- connections -------------------------------------------------------------------------

    @property
    def open_connections(self) -> int:
        """How many clients are connected right now."""
        with self._lock:
            return len(self._open)

    @property
    def connection_paths(self) -> list[str]:
        """The request path (with its `?ticket=`) of every connection opened, oldest first."""
        with self._lock:
            return list(self._paths)

    def wait_connected(self, count: int = 1, timeout: float = 10.0) -> None:
        """Block until `count` connections have been opened (and greeted) since start or reset.

        After `request_disconnect()`, `wait_connected(2)` waits for the client's reconnection.
        """
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._opened < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"expected {count} Socket Mode connection(s) within {timeout} s, "
                        f"got {self._opened}"
                    )
                self._changed.wait(remaining)

    def request_disconnect(self, reason: str = "refresh_requested", timeout: float = 10.0) -> None:
        """Send Slack's `disconnect` message; a well-behaved client reconnects via a new URL."""
        message = {"type": "disconnect", "reason": reason, "debug_info": {"host": "fake-applink"}}
        self.send_raw(json.dumps(message), timeout=timeout)

    def drop_connections(self, timeout: float = 10.0) -> None:
        """Close every open connection from the server side (code 1001), as a Slack restart does."""
        with self._lock:
            connections = list(self._open)
        for connection in connections:
            self._run_in_loop(connection.close(1001, "going away"), timeout)

    # -- envelopes ---------------------------------------------------------------------------

    def send_envelope(
        self,
        type: str,
        payload: dict[str, Any],
        *,
        envelope_id: str | None = None,
        accepts_response_payload: bool = False,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
        timeout: float = 10.0,
    ) -> str:
        """Push one envelope to the newest open connection and return its envelope id.

        Waits up to `timeout` for a client to be connected. `retry_attempt`/`retry_reason` mark
        an Events API redelivery (bolt turns them into `x-slack-retry-*` headers).
        """
        envelope_id = envelope_id or new_id("env-")
        envelope: dict[str, Any] = {
            "envelope_id": envelope_id,
            "type": type,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        if retry_attempt is not None:
            envelope["retry_attempt"] = retry_attempt
            envelope["retry_reason"] = retry_reason or "timeout"
        with self._lock:
            self._sent_at[envelope_id] = time.monotonic()
        self.send_raw(json.dumps(envelope), timeout=timeout)
        return envelope_id

    def send_event(
        self,
        event: dict[str, Any],
        *,
        event_id: str | None = None,
        retry_attempt: int | None = None,
        retry_reason: str | None = None,
    ) -> str:
        """Deliver an Events API event (e.g. `payloads.message_event(...)`); returns the
        envelope id."""
        return self.send_envelope(
            "events_api",
            event_callback_payload(event, event_id=event_id),
            retry_attempt=retry_attempt,
            retry_reason=retry_reason,
        )

    def send_slash_command(
        self,
        command: str,
        text: str = "",
        user_id: str = "U1",
        channel_id: str = "C1",
        *,
        response_url: str = UNSET_RESPONSE_URL,
    ) -> str:
        """Deliver a slash command (which accepts a response payload in its ack)."""
        payload = slash_command_payload(
            command, text, user_id=user_id, channel_id=channel_id, response_url=response_url
        )
        return self.send_envelope("slash_commands", dict(payload), accepts_response_payload=True)

    def send_block_action(
        self,
        action_id: str,
        value: str | None = None,
        user_id: str = "U1",
        channel_id: str = "C1",
        message_ts: str | None = None,
        *,
        response_url: str = UNSET_RESPONSE_URL,
    ) -> str:
        """Deliver a button click (`block_actions`) on the bot's message `message_ts`."""
        payload = block_action_payload(
            action_id,
            value,
            user_id=user_id,
            channel_id=channel_id,
            message_ts=message_ts,
            response_url=response_url,
        )
        return self.send_interactive(payload)

    def send_interactive(self, payload: dict[str, Any]) -> str:
        """Deliver any interaction payload (block_actions, view_submission, shortcut, ...)."""
        return self.send_envelope("interactive", payload)

    def send_raw(self, text: str, timeout: float = 10.0) -> None:
        """Send one text frame to the newest open connection, waiting for a client if needed."""
        connection = self._newest_connection(timeout)
        self._run_in_loop(connection.send(text), timeout)

    # -- acks --------------------------------------------------------------------------------

    def wait_for_ack(self, envelope_id: str, timeout: float = 10.0) -> Ack:
        """Block until the client acks `envelope_id`; raise `AssertionError` at the deadline."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for ack in self._acks:
                    if ack.envelope_id == envelope_id:
                        return ack
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"no ack for envelope {envelope_id} within {timeout} s; acks: "
                        f"{[ack.envelope_id for ack in self._acks]}, other messages: "
                        f"{self._messages}"
                    )
                self._changed.wait(remaining)

    def assert_no_ack(self, envelope_id: str, within: float = 1.0) -> None:
        """Fail if `envelope_id` is acked within `within` seconds (waits the whole time if not)."""
        deadline = time.monotonic() + within
        with self._changed:
            while True:
                if any(ack.envelope_id == envelope_id for ack in self._acks):
                    raise AssertionError(f"envelope {envelope_id} was acked")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return
                self._changed.wait(remaining)

    def acks(self) -> list[Ack]:
        """Every ack received so far, oldest first."""
        with self._lock:
            return list(self._acks)

    def messages(self) -> list[str]:
        """Text frames from the client that were not acks (normally none)."""
        with self._lock:
            return list(self._messages)

    def reset(self) -> None:
        """Forget acks, messages, sent envelopes and the connection count (keeps connections)."""
        with self._changed:
            self._acks.clear()
            self._messages.clear()
            self._sent_at.clear()
            self._paths.clear()
            self._opened = len(self._open)
            self._changed.notify_all()

    # -- the event loop thread ---------------------------------------------------------------

    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._serve(ready))
        except BaseException as error:
            self._startup_error = error
            ready.set()
        finally:
            loop.close()

    async def _serve(self, ready: threading.Event) -> None:
        self._stopping = asyncio.Event()
        async with serve(
            self._connection,
            "127.0.0.1",
            0,
            compression=None,
            ping_interval=self._ping_interval,
            close_timeout=2,
        ) as server:
            self._port = next(iter(server.sockets)).getsockname()[1]
            ready.set()
            await self._stopping.wait()

    async def _connection(self, connection: ServerConnection) -> None:
        try:
            if self._hello:
                await connection.send(json.dumps(_hello()))
            with self._changed:
                self._open.append(connection)
                self._opened += 1
                self._paths.append(connection.request.path if connection.request else "")
                self._changed.notify_all()
            async for message in connection:
                text = message if isinstance(message, str) else message.decode("utf-8", "replace")
                self._receive(text)
        except ConnectionClosed:
            pass
        finally:
            with self._changed:
                if connection in self._open:
                    self._open.remove(connection)
                self._changed.notify_all()

    def _receive(self, text: str) -> None:
        received_at = time.monotonic()
        try:
            message = json.loads(text)
        except ValueError:
            message = None
        with self._changed:
            if isinstance(message, dict) and isinstance(message.get("envelope_id"), str):
                envelope_id = message["envelope_id"]
                sent_at = self._sent_at.get(envelope_id)
                payload = message.get("payload")
                self._acks.append(
                    Ack(
                        envelope_id=envelope_id,
                        payload=payload if isinstance(payload, dict) else None,
                        raw=text,
                        received_at=received_at,
                        latency=None if sent_at is None else received_at - sent_at,
                    )
                )
            else:
                self._messages.append(text)
            self._changed.notify_all()

    def _newest_connection(self, timeout: float) -> ServerConnection:
        deadline = time.monotonic() + timeout
        with self._changed:
            while not self._open:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"no Socket Mode client connected within {timeout} s")
                self._changed.wait(remaining)
            return self._open[-1]

    def _run_in_loop(self, coroutine: Coroutine[Any, Any, None], timeout: float) -> None:
        if self._loop is None:
            raise RuntimeError("the fake Socket Mode server is not running; call start()")
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)


def _hello() -> dict[str, Any]:
    return {
        "type": "hello",
        "num_connections": 1,
        "debug_info": {
            "host": "fake-applink",
            "build_number": 1,
            "approximate_connection_time": 3600,
        },
        "connection_info": {"app_id": APP_ID},
    }
