"""An upstream API on 127.0.0.1 (``http.server`` in a thread) for the source clients' tests:
each path answers through a route the test gives, scripted answers (a ``429``, a ``500``) go
first, and every request is kept so a test can check what the client sent."""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True)
class Seen:
    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]

    def param(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass(frozen=True)
class Answer:
    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)


Route = Callable[[Seen], Answer]


class FakeUpstream:
    def __init__(self) -> None:
        self.requests: list[Seen] = []
        self._routes: dict[str, Route] = {}
        self._scripted: deque[Answer] = deque()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def route(self, path: str, handler: Route) -> None:
        self._routes[path] = handler

    def script(self, *answers: Answer) -> None:
        """The next requests get these answers, in order, whatever their path."""
        self._scripted.extend(answers)

    def requests_to(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]

    def answer(self, seen: Seen) -> Answer:
        with self._lock:
            self.requests.append(seen)
            if self._scripted:
                return self._scripted.popleft()
        handler = self._routes.get(seen.path)
        return handler(seen) if handler else Answer(404, b"not found")

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


@contextmanager
def running_upstream() -> Iterator[FakeUpstream]:
    upstream = FakeUpstream()
    upstream.start()
    try:
        yield upstream
    finally:
        upstream.stop()


def _handler_for(upstream: FakeUpstream) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            seen = Seen(parts.path, parse_qs(parts.query), dict(self.headers.items()))
            answer = upstream.answer(seen)
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
