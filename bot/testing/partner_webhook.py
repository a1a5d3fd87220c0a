"""A partner's webhook on 127.0.0.1 (``http.server`` in a thread), for tests and the demo: it
checks each request's signature with :func:`verify_signature`, keeps what it received, and
answers what it is told (200 unless scripted; 401 when the signature does not verify)."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from casework.referrals.senders.webhook import verify_signature


@dataclass(frozen=True)
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    body: bytes
    signature_valid: bool


class WebhookReceiver:
    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.received: list[ReceivedRequest] = []
        self.delay_seconds = 0.0
        self._answers: deque[int] = deque()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/hooks/casebot"

    def answer(self, *statuses: int) -> None:
        """The statuses of the next requests, in order; then 200 again."""
        self._answers.extend(statuses)

    def next_status(self) -> int:
        return self._answers.popleft() if self._answers else 200

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler_for(receiver: WebhookReceiver) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            valid = verify_signature(
                receiver.secret,
                self.headers.get("X-Casebot-Timestamp", ""),
                body,
                self.headers.get("X-Casebot-Signature", ""),
                now=time.time(),
            )
            headers = dict(self.headers.items())
            receiver.received.append(ReceivedRequest(self.path, headers, body, valid))
            status = receiver.next_status() if valid else 401
            time.sleep(receiver.delay_seconds)
            self.send_response(status)
            self.send_header("X-Request-Id", f"partner-{len(receiver.received)}")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests read what was received, not the access log."""

    return Handler
