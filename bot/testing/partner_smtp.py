"""A real SMTP server on 127.0.0.1 (aiosmtpd) standing in for a partner's mail server, for
tests and the demo: it keeps what it receives and can be told to defer (4xx) or refuse (5xx)
every recipient."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session


@dataclass(frozen=True)
class ReceivedMail:
    mail_from: str | None
    recipients: tuple[str, ...]
    content: bytes


@dataclass
class RecordingHandler:
    received: list[ReceivedMail] = field(default_factory=list)
    rcpt_reply: str | None = None
    """When set, the answer to every RCPT TO (``451 …`` or ``550 …``)."""
    data_reply: str | None = None
    """When set, the answer to the message itself, after DATA."""

    # aiosmtpd finds its hooks by these names.
    async def handle_RCPT(  # noqa: N802
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if self.rcpt_reply is not None:
            return self.rcpt_reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(  # noqa: N802
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        if self.data_reply is not None:
            return self.data_reply
        content = envelope.original_content or b""
        mail = ReceivedMail(envelope.mail_from, tuple(envelope.rcpt_tos), content)
        self.received.append(mail)
        return "250 Message accepted for delivery"


@dataclass(frozen=True)
class PasswordCheck:
    """An aiosmtpd authenticator that knows one login."""

    username: str
    password: str

    def __call__(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        known = LoginPassword(self.username.encode(), self.password.encode())
        if isinstance(data, LoginPassword) and data == known:
            return AuthResult(success=True, auth_data=data)
        # handled=False: the server answers 535 itself (True would leave the client waiting).
        return AuthResult(success=False, handled=False)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def smtp_server(handler: RecordingHandler, **smtp_options: Any) -> Iterator[Controller]:
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **smtp_options)
    controller.start()
    try:
        yield controller
    finally:
        controller.stop()
