"""Where a result may be shown, decided by the use case and obeyed by the edge."""

from __future__ import annotations

from enum import StrEnum


class Visibility(StrEnum):
    THREAD = "thread"
    """Posted in the channel's thread: everyone in the channel sees it."""
    CHANNEL = "channel"
    EPHEMERAL = "ephemeral"
    """Shown to the requester only."""
    DIRECT_MESSAGE = "direct_message"
    TERMINAL = "terminal"
    """Printed on the local operator's terminal."""
