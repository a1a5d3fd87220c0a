"""Every Slack text renders; the Slack settings; a full pool says "busy" in the ack."""

from __future__ import annotations

import string
import threading
from typing import Any

from typer.testing import CliRunner

from bot.cli import app
from bot.services import Services
from bot.slack import texts
from bot.slack.app import build_app
from bot.slack.http import HttpServer
from bot.slack.work import BoundedPool, Pools
from bot.testing.fake_slack import FakeSlackWebAPI
from bot.testing.signing import slash_command
from casework.settings import SLACK_API_URL, load_settings
from tests.slack.casebot_app import (
    MEMBER,
    OTHER_CHANNEL,
    PUBLIC_QUESTION,
    RunningCasebot,
    slack_settings,
)


def templates() -> dict[str, str]:
    found = {
        name: value
        for name, value in vars(texts).items()
        if name.isupper() and isinstance(value, str)
    }
    found.update({f"SLACK_ADVICE[{code}]": advice for code, advice in texts.SLACK_ADVICE.items()})
    return found


def test_every_text_renders_with_its_fields() -> None:
    for name, template in templates().items():
        fields = [field for _, field, _, _ in string.Formatter().parse(template) if field]
        values: dict[str, Any] = {field: 1.5 if "_mb" in field else "X" for field in fields}
        rendered = template.format(**values)
        assert rendered.strip(), name
        assert "{" not in rendered.replace("{}", ""), name


def test_slack_settings_defaults_and_api_url() -> None:
    defaults = load_settings()
    custom = load_settings(
        CASEBOT_SLACK_API_URL="https://slack-gov.com/api", CASEBOT_SLACK_WORKERS="8"
    )

    assert defaults.slack_api_url == SLACK_API_URL == "https://slack.com/api/"
    assert (defaults.slack_workers, defaults.slack_answer_bots) == (4, False)
    assert defaults.slack_bot_token is None and defaults.slack_signing_secret is None
    assert custom.slack_api_url == "https://slack-gov.com/api/" and custom.slack_workers == 8
    secret = load_settings(SLACK_SIGNING_SECRET="s3cret").slack_signing_secret
    assert secret is not None and "s3cret" not in repr(secret)


def test_bounded_pool_refuses_when_full() -> None:
    pool = BoundedPool("test", workers=1, queue_limit=1)
    started, release = threading.Event(), threading.Event()

    def block() -> None:
        started.set()
        release.wait(10)

    try:
        assert pool.submit(block)
        assert started.wait(10)
        assert pool.submit(lambda: None)
        assert not pool.submit(lambda: None)
    finally:
        release.set()
    assert pool.wait_idle(10)
    assert pool.submit(lambda: None)
    pool.shutdown()
    assert not pool.submit(lambda: None)


def test_a_full_answers_pool_says_busy_in_the_ack(
    slack_services: Services, fake_slack: FakeSlackWebAPI
) -> None:
    settings = slack_settings(
        slack_services.settings.casebot_home,
        fake_slack.url,
        CASEBOT_SLACK_WORKERS=1,
        CASEBOT_SLACK_QUEUE_LIMIT=0,
    )
    pools = Pools.sized(settings.slack_workers, settings.slack_queue_limit)
    release = fake_slack.hold_next("chat.postMessage")
    try:
        with HttpServer(build_app(settings, slack_services, pools=pools), port=0) as server:
            casebot = RunningCasebot(server.events_url, fake_slack, slack_services)
            first = casebot.send(slash_command("/ask", PUBLIC_QUESTION, MEMBER, OTHER_CHANNEL))
            fake_slack.wait_for("chat.postMessage")  # the only worker is now posting, held
            second = casebot.send(slash_command("/ask", PUBLIC_QUESTION, MEMBER, OTHER_CHANNEL))
            release.set()
            assert pools.wait_idle(10)
    finally:
        release.set()
        pools.shutdown()

    assert "Searching" in first.text
    assert "too many questions" in second.text


def test_serve_without_tokens_says_what_is_missing() -> None:
    socket_mode = CliRunner().invoke(app, ["serve"])
    http_mode = CliRunner().invoke(app, ["serve", "--http"], env={"SLACK_BOT_TOKEN": "xoxb-1"})

    assert socket_mode.exit_code == 2 and "SLACK_BOT_TOKEN is not set" in socket_mode.output
    assert http_mode.exit_code == 2 and "SLACK_SIGNING_SECRET is not set" in http_mode.output
