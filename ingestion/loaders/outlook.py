"""Outlook items (.msg) read with extract_msg, imported only when a .msg file is loaded."""

from __future__ import annotations

import io
import mimetypes
import struct
from datetime import datetime
from email.utils import format_datetime

import extract_msg
from extract_msg.attachments import AttachmentBase, SignedAttachment
from extract_msg.enums import ErrorBehavior, RecipientType
from extract_msg.exceptions import (
    ExMsgBaseException,
    UnrecognizedMSGTypeError,
    UnsupportedMSGTypeError,
)
from extract_msg.msg_classes import MessageBase, MSGFile

from ingestion import messages
from ingestion.errors import CorruptFileError, UnsupportedContentError
from ingestion.loaders.base import LoadLimits
from ingestion.loaders.mail import (
    Attachments,
    MailHeaders,
    format_address,
    forwarded_message_name,
    html_to_text,
    parse_date,
    safe_filename,
)

# extract_msg should log, not raise, on parts it cannot read (an RTF body it cannot de-encapsulate,
# an attachment of an unknown kind): one bad attachment should not lose the whole e-mail.
MSG_ERROR_BEHAVIOR = ErrorBehavior.ATTACH_SUPPRESS_ALL | ErrorBehavior.RTFDE
MSG_READ_ERRORS = (ExMsgBaseException, OSError, struct.error, ValueError, KeyError, IndexError)


def read_msg(data: bytes, limits: LoadLimits) -> tuple[MailHeaders, str, Attachments]:
    message = _open_msg(data)
    try:
        headers = _msg_headers(message)
        body = _msg_body_text(message, limits)
        attachments = Attachments(limits.max_file_bytes)
        _add_msg_attachments(attachments, message)
    except MSG_READ_ERRORS as error:
        raise _damaged_msg(error) from error
    finally:
        message.close()
    return headers, body, attachments


def _open_msg(data: bytes) -> MessageBase:
    try:
        # A file object, not the bytes: olefile takes bytes shorter than an OLE header for a path.
        item = extract_msg.openMsg(io.BytesIO(data), errorBehavior=MSG_ERROR_BEHAVIOR)
    except (UnrecognizedMSGTypeError, UnsupportedMSGTypeError) as error:
        raise _not_an_email() from error
    except MSG_READ_ERRORS as error:
        raise _damaged_msg(error) from error
    if not isinstance(item, MessageBase):
        item.close()
        raise _not_an_email()
    return item


def _not_an_email() -> UnsupportedContentError:
    # Calendar items, contacts, tasks and notes are read like e-mails; only item classes that
    # extract_msg does not know end here.
    return UnsupportedContentError(messages.MSG_NOT_AN_EMAIL)


def _damaged_msg(error: Exception) -> CorruptFileError:
    return CorruptFileError(messages.msg_damaged(error))


def _msg_headers(message: MessageBase) -> MailHeaders:
    sent = message.date or _msg_header_date(message)
    return MailHeaders(
        sender=message.sender or None,
        to=_msg_recipients(message, RecipientType.TO),
        cc=_msg_recipients(message, RecipientType.CC),
        sent=sent,
        date_text=format_datetime(sent) if sent else None,
        subject=message.subject or None,
        message_id=message.messageId or None,
    )


def _msg_header_date(message: MessageBase) -> datetime | None:
    if not message.headerText:
        return None
    date_text = message.header["Date"]
    return parse_date(date_text) if date_text else None


def _msg_recipients(message: MessageBase, kind: RecipientType) -> list[str]:
    return [
        format_address(recipient.name, recipient.smtpAddress or recipient.email)
        for recipient in message.recipients
        if recipient.type == kind
    ]


def _msg_body_text(message: MessageBase, limits: LoadLimits) -> str:
    if message.body and message.body.strip():
        return message.body.replace("\r\n", "\n")
    html = message.htmlBody
    return html_to_text(html, None, limits) if html else ""


def _add_msg_attachments(attachments: Attachments, message: MSGFile) -> None:
    for attachment in message.attachments:
        data = attachment.data
        if isinstance(data, MSGFile):
            subject = data.subject if isinstance(data, MessageBase) else None
            attachments.add(forwarded_message_name(subject, "msg"), data.exportBytes())
        elif isinstance(data, bytes) and not _is_unnamed_inline(attachment):
            attachments.add(_msg_attachment_name(attachment, len(attachments.children)), data)


def _is_unnamed_inline(attachment: AttachmentBase | SignedAttachment) -> bool:
    """An image placed in the body (a logo, a signature) rather than a file that was attached."""
    return not attachment.name and isinstance(attachment, AttachmentBase) and attachment.hidden


def _msg_attachment_name(attachment: AttachmentBase | SignedAttachment, position: int) -> str:
    name = safe_filename(attachment.name or "")
    if name:
        return name
    extension = mimetypes.guess_extension(attachment.mimetype or "") or ""
    return f"attachment-{position + 1}{extension}"
