"""``casebot serve --http`` as an operator runs it: its own process, the real model, the
environment from ``slack_env``; stopped with SIGTERM."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import Services
from bot.testing.environment import CASEBOT, scrubbed_environment
from bot.testing.fake_slack import FakeSlackWebAPI
from bot.testing.payloads import BOT_USER_ID, app_mention_event
from bot.testing.signing import event_callback, free_port, send, wait_for_http
from tests.drivers.casebot import run_casebot
from tests.slack.casebot_app import (
    OTHER_CHANNEL,
    PUBLIC_QUESTION,
    RELEASE_TITLE,
    blocks_text,
    index_corpus,
)

STARTUP_SECONDS = 120


@pytest.fixture
def served(
    real_services: Services, slack_env: dict[str, str], tmp_path: Path
) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    index_corpus(real_services, tmp_path / "corpus")
    port = free_port()
    environment = scrubbed_environment(
        **slack_env, CASEBOT_HOME=str(real_services.settings.casebot_home), HF_HUB_OFFLINE="1"
    )
    process = subprocess.Popen(
        [str(CASEBOT), "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
        env=environment,
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz", timeout=STARTUP_SECONDS)
        yield f"http://127.0.0.1:{port}/slack/events", process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def test_serve_http_answers_a_mention_and_stops_on_sigterm(
    served: tuple[str, subprocess.Popen[str]], fake_slack: FakeSlackWebAPI
) -> None:
    events_url, process = served
    mention = app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel=OTHER_CHANNEL)

    ack = send(events_url, event_callback(mention))
    [answer] = fake_slack.wait_for("chat.update", timeout=60)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)

    assert ack.status == 200 and ack.elapsed < 3.0
    shown = blocks_text(answer)
    assert "500" in shown and RELEASE_TITLE in shown
    assert process.returncode == 0, stderr
    assert "Casebot listening on" in stderr


def test_serve_refuses_to_start_with_a_malformed_partners_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "partners.yml").write_text(
        "partners:\n  - id: cbp\n    name: Customs\n    kind: agency\n"
        "    deliveries:\n      - email: ipr@cbp.example.gov\n"
    )
    (tmp_path / ".env").write_text("SLACK_BOT_TOKEN=xoxb-test\nSLACK_SIGNING_SECRET=secret\n")

    result = run_casebot(home, tmp_path, "serve", "--http")

    assert result.returncode == 2
    assert "partners.yml" in result.stderr and "line 4" in result.stderr
