"""Fetching a file shared in Slack: ``files.info``, then its ``url_private_download`` with the
bot token, checked before anything is ingested.

Slack answers a download it will not serve with a web page (HTTP 200, ``text/html``) rather than
an error when the token lacks ``files:read``; :func:`download` treats an HTML answer for a file
that is not HTML as that refusal. Every refusal is a :class:`FileRefused` whose message (from
:mod:`bot.slack.texts`) says what to do.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.slack import texts
from bot.slack.replies import slack_error_code
from casework.errors import CasebotError

DOWNLOAD_TIMEOUT_SECONDS: Final = 60.0
_UNSAFE_NAME = re.compile(r"[^\w.\- ]+")
NAME_LIMIT: Final = 120
MEGABYTE: Final = 1024 * 1024


class FileRefused(CasebotError):  # noqa: N818 - a refusal, told to the user as it is
    """The file cannot be fetched or is not acceptable; ``str()`` is the user's message."""


@dataclass(frozen=True)
class SlackFile:
    id: str
    name: str
    mimetype: str
    size: int
    url: str
    info: dict[str, Any]


def file_info(client: WebClient, file_id: str, max_bytes: int) -> SlackFile:
    try:
        info: dict[str, Any] = client.files_info(file=file_id)["file"]
    except SlackApiError as error:
        if slack_error_code(error) in {"file_not_found", "file_deleted"}:
            raise FileRefused(texts.FILE_NOT_FOUND) from error
        raise
    if info.get("is_external") or info.get("mode") in {"external", "snippet_external"}:
        raise FileRefused(texts.FILE_EXTERNAL.format(mode=info.get("external_type", "external")))
    size = int(info.get("size") or 0)
    if size > max_bytes:
        raise FileRefused(
            texts.FILE_TOO_LARGE.format(size_mb=size / MEGABYTE, limit_mb=max_bytes / MEGABYTE)
        )
    url = info.get("url_private_download") or info.get("url_private")
    if not url:
        raise FileRefused(texts.FILE_NOT_FOUND)
    return SlackFile(
        id=file_id,
        name=str(info.get("name") or file_id),
        mimetype=str(info.get("mimetype") or ""),
        size=size,
        url=str(url),
        info=info,
    )


def download(slack_file: SlackFile, token: str, destination: Path, max_bytes: int) -> Path:
    """Save the file's bytes under ``destination`` (a folder) and return the path."""
    request = urllib.request.Request(
        slack_file.url, headers={"Authorization": f"Bearer {token}"}, method="GET"
    )
    try:
        with urllib.request.urlopen(request, timeout=DOWNLOAD_TIMEOUT_SECONDS) as response:
            content_type = str(response.headers.get("Content-Type", ""))
            _check_content_type(slack_file, content_type)
            content = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise FileRefused(texts.FILE_DOWNLOAD_STATUS.format(status=error.code)) from error
    if len(content) > max_bytes:
        too_large = texts.FILE_TOO_LARGE.format(
            size_mb=len(content) / MEGABYTE, limit_mb=max_bytes / MEGABYTE
        )
        raise FileRefused(too_large)
    destination.mkdir(parents=True, exist_ok=True)
    path = destination / safe_name(slack_file.name)
    path.write_bytes(content)
    return path


def safe_name(name: str) -> str:
    """A file name that stays inside its folder: no separators, no leading dots."""
    cleaned = _UNSAFE_NAME.sub("_", Path(name).name).lstrip(". ")
    return (cleaned or "shared-file")[-NAME_LIMIT:]


def _check_content_type(slack_file: SlackFile, content_type: str) -> None:
    served_html = content_type.split(";")[0].strip().lower() == "text/html"
    if served_html and slack_file.mimetype.lower() != "text/html":
        raise FileRefused(texts.FILE_LOGIN_PAGE)
