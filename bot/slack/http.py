"""HTTP mode: ``POST /slack/events`` (events, slash commands and interactivity) and
``GET /healthz``, on the standard library's HTTP server.

The raw body is handed to bolt as received, so bolt checks Slack's signature and timestamp over
the exact bytes (a bad signature or a stale timestamp is answered 401). The server is threaded
and bounded: ``CASEBOT_SLACK_HTTP_THREADS`` threads, started once and reused, handle the requests;
further connections wait in the listen backlog. A request has :data:`READ_TIMEOUT_SECONDS` to
arrive and at most :data:`MAX_BODY_BYTES`. Each response closes its connection, so an idle
client holds no thread. Run several replicas behind a load balancer for more.
"""

from __future__ import annotations

import json
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, HTTPServer
from socket import socket
from types import TracebackType
from typing import Any, Final, Self
from urllib.parse import urlsplit

from slack_bolt import App, BoltRequest, BoltResponse

log = logging.getLogger(__name__)

EVENTS_PATH: Final = "/slack/events"
HEALTH_PATH: Final = "/healthz"
MAX_BODY_BYTES: Final = 1024 * 1024
READ_TIMEOUT_SECONDS: Final = 10.0
LISTEN_BACKLOG: Final = 256


class SlackHTTPServer(HTTPServer):
    """Requests handled on a fixed pool of ``threads`` threads, reused from one request to the
    next; while all are busy the accept loop waits and connections queue in the backlog."""

    request_queue_size = LISTEN_BACKLOG

    def __init__(self, address: tuple[str, int], app: App, threads: int) -> None:
        self.app = app
        self._slots = threading.BoundedSemaphore(threads)
        self._threads = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="slack-http")
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        self._slots.acquire()  # the accept loop waits here while every thread is busy
        try:
            self._threads.submit(self._handle, request, client_address)
        except BaseException:
            self._slots.release()
            self.shutdown_request(request)
            raise

    def server_close(self) -> None:
        super().server_close()
        self._threads.shutdown(wait=False)

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)
            self._slots.release()


class _Handler(BaseHTTPRequestHandler):
    server: SlackHTTPServer
    timeout = READ_TIMEOUT_SECONDS
    server_version = "Casebot"

    def do_GET(self) -> None:
        if urlsplit(self.path).path == HEALTH_PATH:
            self._write(200, json.dumps({"ok": True}), {"Content-Type": ["application/json"]})
        else:
            self._write(404, "not found", {})

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != EVENTS_PATH:
            self._write(404, "not found", {})
            return
        body = self._read_body()
        if body is None:
            return
        headers: dict[str, str | Any] = dict(self.headers.items())
        request = BoltRequest(body=body, query=url.query, headers=headers)
        response: BoltResponse = self.server.app.dispatch(request)
        self._write(response.status, response.body, response.headers)

    def _read_body(self) -> str | None:
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._write(411, "Content-Length required", {})
            return None
        if length < 0 or length > MAX_BODY_BYTES:
            self._write(413, "request body too large", {})
            return None
        try:
            return self.rfile.read(length).decode("utf-8")
        except UnicodeDecodeError:
            self._write(400, "the body is not UTF-8", {})
            return None

    def _write(self, status: int, body: str, headers: dict[str, Any]) -> None:
        payload = body.encode("utf-8")
        self.send_response(status)
        for name, values in headers.items():
            if name.lower() in {"content-length", "connection"}:
                continue
            for value in [values] if isinstance(values, str) else values:
                self.send_header(name, str(value))
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


class HttpServer:
    """The server, started on a background thread (tests, benchmarks) or run in the
    foreground (``casebot serve --http``)."""

    def __init__(self, app: App, host: str = "127.0.0.1", port: int = 3000, threads: int = 32):
        self._server = SlackHTTPServer((host, port), app, threads)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def events_url(self) -> str:
        return f"{self.url}{EVENTS_PATH}"

    @property
    def socket(self) -> socket:
        return self._server.socket

    def serve_forever(self) -> None:
        log.info("listening on %s", self.events_url)
        self._server.serve_forever()

    def start(self) -> Self:
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="slack-http", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, close the socket; requests in flight finish on their threads."""
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
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
