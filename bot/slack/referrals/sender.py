"""Delivering a referral to a partner's Slack channel (usually a Slack Connect channel shared
with the partner): a message with the package's essentials and the partner's buttons
(Acknowledge / Accept / Decline), and the PDF uploaded in its thread through the current upload
flow (``files_upload_v2``: ``files.getUploadURLExternal`` then ``files.completeUploadExternal``).

Slack's refusals that retrying cannot fix (the app is not in the channel, the channel is gone or
archived, the token is revoked) are permanent failures; rate limits, server errors and lost
connections are temporary, and the outbox tries again.
"""

from __future__ import annotations

from typing import Final

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.slack.referrals.blocks import partner_message
from bot.slack.replies import slack_error_code
from casework.referrals.delivery import DeliveryFailedError, DeliveryTarget, Rendered, TargetKind

PERMANENT_ERRORS: Final = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "invalid_auth",
        "account_inactive",
        "token_revoked",
        "not_authed",
        "missing_scope",
        "restricted_action",
    }
)


class SlackChannelSender:
    kind = TargetKind.SLACK

    def __init__(self, client: WebClient) -> None:
        self._client = client

    def send(self, target: DeliveryTarget, rendered: Rendered) -> str | None:
        try:
            message = partner_message(rendered.package)
            posted = self._client.chat_postMessage(
                channel=target.address, text=message.text, blocks=message.blocks
            )
            ts = str(posted["ts"])
            self._client.files_upload_v2(
                channel=target.address,
                thread_ts=ts,
                content=rendered.pdf,
                filename=rendered.pdf_name,
                title=rendered.pdf_name,
            )
        except SlackApiError as error:
            code = slack_error_code(error)
            raise DeliveryFailedError(
                f"Slack refused ({code})", permanent=code in PERMANENT_ERRORS
            ) from error
        except (SlackClientError, OSError) as error:
            raise DeliveryFailedError(f"Slack could not be reached ({error})") from error
        return ts
