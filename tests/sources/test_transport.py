"""The transport every source client shares, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.testing.upstream import Answer, FakeUpstream, Seen, running_upstream
from casework.sources.clients.transport import HttpPolicy, Transport, UpstreamError, Validators


class Sleeps:
    """Sleeping moves this clock on instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.now = 1000.0

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


@pytest.fixture
def upstream() -> Iterator[FakeUpstream]:
    with running_upstream() as server:
        server.route("/item", lambda seen: Answer(200, b'{"ok": true}'))
        yield server


def transport(sleeps: Sleeps, **policy: float) -> Transport:
    chosen = HttpPolicy(timeout_seconds=5, **policy)  # type: ignore[arg-type]
    return Transport(chosen, sleep=sleeps, clock=sleeps.clock)


def test_a_429_waits_as_long_as_retry_after_says_then_tries_again(upstream: FakeUpstream) -> None:
    sleeps = Sleeps()
    upstream.script(Answer(429, headers={"Retry-After": "7"}))

    body = transport(sleeps).get_json(f"{upstream.url}/item")

    assert body == {"ok": True}
    assert sleeps.waits == [7.0]
    assert len(upstream.requests) == 2


def test_a_retry_after_longer_than_allowed_fails_the_run_and_says_why(
    upstream: FakeUpstream,
) -> None:
    upstream.script(Answer(429, headers={"Retry-After": "3600"}))

    with pytest.raises(UpstreamError, match="wait 3600 s"):
        transport(Sleeps(), max_retry_after_seconds=60).get(f"{upstream.url}/item")


def test_server_errors_are_retried_with_growing_waits(upstream: FakeUpstream) -> None:
    sleeps = Sleeps()
    upstream.script(Answer(503), Answer(502))

    response = transport(sleeps, backoff_seconds=0.5).get(f"{upstream.url}/item")

    assert response.status_code == 200
    assert sleeps.waits == [0.5, 1.0]


def test_a_server_that_keeps_failing_fails_the_run_after_the_retries(
    upstream: FakeUpstream,
) -> None:
    upstream.script(*[Answer(500)] * 4)

    with pytest.raises(UpstreamError, match="kept failing \\(HTTP 500\\)"):
        transport(Sleeps(), retries=3).get(f"{upstream.url}/item")
    assert len(upstream.requests) == 4


def test_a_refused_token_says_to_check_the_setting(upstream: FakeUpstream) -> None:
    upstream.script(Answer(401))

    with pytest.raises(UpstreamError, match="token or API key"):
        transport(Sleeps()).get(f"{upstream.url}/item")


def test_a_malformed_json_body_is_an_error_naming_the_url(upstream: FakeUpstream) -> None:
    upstream.route("/broken", lambda seen: Answer(200, b'{"results": [1, 2'))

    with pytest.raises(UpstreamError, match="/broken answered with a body that is not valid JSON"):
        transport(Sleeps()).get_json(f"{upstream.url}/broken")


def test_conditional_requests_send_the_validators_and_a_304_is_returned(
    upstream: FakeUpstream,
) -> None:
    def conditional(seen: Seen) -> Answer:
        if seen.headers.get("If-None-Match") == '"v1"':
            return Answer(304)
        validators = {"ETag": '"v1"', "Last-Modified": "Mon, 02 Mar 2026 09:00:00 GMT"}
        return Answer(200, b"body", validators)

    upstream.route("/page", conditional)
    client = transport(Sleeps())

    first = client.get(f"{upstream.url}/page")
    again = client.get(f"{upstream.url}/page", validators=Validators.of(first))

    assert (first.status_code, again.status_code) == (200, 304)
    assert upstream.requests[1].headers["If-Modified-Since"] == "Mon, 02 Mar 2026 09:00:00 GMT"


def test_requests_keep_the_upstreams_rate(upstream: FakeUpstream) -> None:
    sleeps = Sleeps()
    client = transport(sleeps, min_interval_seconds=30)

    for _ in range(3):
        client.get(f"{upstream.url}/item")

    assert sleeps.waits == [30.0, 30.0]


def test_an_unreachable_upstream_is_retried_then_named() -> None:
    sleeps = Sleeps()
    with running_upstream() as server:
        url = f"{server.url}/item"

    with pytest.raises(UpstreamError, match="could not be reached"):
        transport(sleeps, retries=2).get(url)
    assert len(sleeps.waits) == 2
