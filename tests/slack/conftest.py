"""Fixtures for testing the Slack edge at the HTTP and WebSocket boundaries.

- `fake_slack`: a fresh `FakeSlackWebAPI` per test; `.url` is "http://127.0.0.1:PORT/api/" and
  its `apps.connections.open` hands out `fake_socket`'s URL.
- `fake_socket`: a fresh `FakeSocketModeServer` per test.
- `signing_secret`: the secret the requests from `bot.testing.signing` are signed with.
- `slack_env`: the environment to start Casebot with (`subprocess.Popen(env={**os.environ,
  **slack_env})`, or `monkeypatch.setenv` for an in-process app).

Casebot's own app (see `tests.slack.casebot_app`):

- `slack_services`: services over a small indexed corpus with a case, shared by a module's tests;
- `pools`: the app's work pools, shut down after the test;
- `casebot`: the app in HTTP mode on 127.0.0.1, pointed at `fake_slack`.

Both servers are shut down when the test ends. The proxy variables are removed for the test,
because slack_sdk sends even 127.0.0.1 traffic (including the Socket Mode connection) through
`HTTPS_PROXY`/`HTTP_PROXY` when they are set.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.services import Services, build_services
from bot.slack.app import build_app
from bot.slack.http import HttpServer
from bot.slack.work import Pools
from bot.testing.environment import PROXY_VARIABLES
from bot.testing.fake_slack import FakeSlackWebAPI
from bot.testing.payloads import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET
from casework.settings import load_settings
from retrieval.testing import HashingEmbedder
from tests.backends import Backend
from tests.slack.casebot_app import RunningCasebot, index_corpus, slack_settings
from tests.slack.fake_socket_mode import FakeSocketModeServer


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake_socket() -> Iterator[FakeSocketModeServer]:
    """A fake Socket Mode WebSocket server on 127.0.0.1, stopped after the test."""
    with FakeSocketModeServer() as server:
        yield server


@pytest.fixture
def fake_slack(fake_socket: FakeSocketModeServer) -> Iterator[FakeSlackWebAPI]:
    """A fake Slack Web API on 127.0.0.1 for this test only, stopped after the test."""
    with FakeSlackWebAPI(
        bot_token=BOT_TOKEN, app_token=APP_TOKEN, socket_mode_url=fake_socket.url
    ) as server:
        yield server


@pytest.fixture
def signing_secret() -> str:
    return SIGNING_SECRET


@pytest.fixture
def slack_env(fake_slack: FakeSlackWebAPI, signing_secret: str) -> dict[str, str]:
    """SLACK_* variables pointing the app at the fakes with the harness's tokens and secret."""
    return {
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_APP_TOKEN": APP_TOKEN,
        "SLACK_SIGNING_SECRET": signing_secret,
        "CASEBOT_SLACK_API_URL": fake_slack.url,
    }


# -- Casebot's app, in HTTP mode on 127.0.0.1 (see tests.slack.casebot_app) -----------------


@pytest.fixture(scope="module")
def slack_services(tmp_path_factory: pytest.TempPathFactory, module_backend: Backend) -> Services:
    """Services over the small corpus, shared by a module's tests (the hashing embedder)."""
    root = tmp_path_factory.mktemp("slack-corpus")
    settings = load_settings(CASEBOT_HOME=root / "home", **module_backend.settings_overrides())
    services = build_services(settings, embedder=HashingEmbedder())
    index_corpus(services, root)
    return services


@pytest.fixture
def pools(slack_services: Services) -> Iterator[Pools]:
    pools = Pools.sized(
        slack_services.settings.slack_workers, slack_services.settings.slack_queue_limit
    )
    yield pools
    pools.shutdown(wait=True)


@pytest.fixture
def casebot(
    slack_services: Services, fake_slack: FakeSlackWebAPI, pools: Pools
) -> Iterator[RunningCasebot]:
    """The app on a free port of 127.0.0.1; stopped, and its work finished, after the test."""
    settings = slack_settings(slack_services.settings.casebot_home, fake_slack.url)
    app = build_app(settings, slack_services, pools=pools)
    with HttpServer(app, "127.0.0.1", 0, threads=8) as server:
        yield RunningCasebot(server.events_url, fake_slack, slack_services, pools)
        pools.wait_idle(timeout=10)
