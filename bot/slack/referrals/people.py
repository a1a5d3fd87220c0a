"""Who the investigator is, as Slack knows them: the name and e-mail a partner reads on the
package, from ``users.info``; the user id when Slack cannot say."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk import WebClient

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Person:
    name: str
    email: str


def person(client: WebClient, user_id: str) -> Person:
    try:
        user = client.users_info(user=user_id)["user"]
    except Exception:
        log.warning("users.info for %s failed; the package names them by id", user_id)
        return Person(user_id, "")
    profile = user.get("profile") or {}
    name = profile.get("real_name") or user.get("real_name") or user_id
    return Person(str(name), str(profile.get("email") or ""))
