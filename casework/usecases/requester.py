"""Who asks, and where: the first argument of every use case.

Each edge builds one :class:`Requester` from what it received (a Slack event or command, the
command line) and passes it in; the use cases decide from it what the requester may see, where
an answer may be shown and how the action is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

OPERATOR_PREFIX = "operator:"


class Surface(StrEnum):
    """How the request arrived, which decides where its result may be shown."""

    MENTION = "mention"
    THREAD = "thread_follow_up"
    DM = "direct_message"
    ASK = "slash_ask"
    LOOKUP = "slash_lookup"
    BUTTON = "button"
    SHARED_FILE = "shared_file"
    COMMAND_LINE = "command_line"
    REFER = "refer"
    """The referral form and its preview, opened by ``/refer`` or an answer's button."""
    REFERRAL = "slash_referral"
    APPROVAL = "referral_approval"
    HOME = "app_home"
    SOURCES = "slash_casebot_sources"
    """``/casebot sources``: the scheduled sources and running one now."""


class Place(StrEnum):
    CHANNEL = "channel"
    """A Slack channel: everyone in it may read what is posted there."""
    DIRECT_MESSAGE = "direct_message"
    """A direct message with Casebot: only the requester reads it."""
    COMMAND_LINE = "command_line"
    """The local operator's terminal, with the data folder in hand."""


@dataclass(frozen=True)
class Requester:
    user_id: str
    """A Slack user id, or ``operator:<name>`` for the local operator."""
    place: Place
    surface: Surface
    channel_id: str | None = None
    case_id: str | None = None
    """On the command line, the case ``--case`` named (None: every case)."""

    @classmethod
    def in_slack(cls, user_id: str, channel_id: str, surface: Surface) -> Requester:
        """Slack's direct-message channels have ids starting with ``D``."""
        place = Place.DIRECT_MESSAGE if channel_id.startswith("D") else Place.CHANNEL
        return cls(user_id=user_id, place=place, surface=surface, channel_id=channel_id)

    @classmethod
    def in_modal(cls, user_id: str, channel_id: str, surface: Surface) -> Requester:
        """A Slack modal (or the App Home): only the requester sees it, as in a direct message,
        wherever it was opened from; ``channel_id`` is where it was opened, for the audit."""
        return cls(
            user_id=user_id, place=Place.DIRECT_MESSAGE, surface=surface, channel_id=channel_id
        )

    @classmethod
    def operator(cls, name: str, case_id: str | None = None) -> Requester:
        return cls(
            user_id=f"{OPERATOR_PREFIX}{name}",
            place=Place.COMMAND_LINE,
            surface=Surface.COMMAND_LINE,
            case_id=case_id,
        )

    @property
    def is_operator(self) -> bool:
        return self.place is Place.COMMAND_LINE

    @property
    def in_direct_message(self) -> bool:
        return self.place is Place.DIRECT_MESSAGE
