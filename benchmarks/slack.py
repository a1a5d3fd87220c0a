"""Slack: 50 concurrent ``/ask`` requests against the HTTP app — ack latency, answer latency,
every answer delivered.

    .venv/bin/python -m benchmarks.slack [--requests 50] [--workers 4] [--write]

The app is ``casebot serve --http`` on 127.0.0.1, in its own process as in production (real
model, real SQLite, Chroma and BM25 over the demo case), pointed at the recording fake Slack Web
API of ``bot.testing``, which runs in this process with the client, so neither competes with
the server for its interpreter lock. Every request is a signed ``/ask`` from its own channel;
all are released at once by a barrier. Ack latency is the time to the HTTP response; answer
latency runs from sending the request to the fake receiving the answer (``chat.postMessage``,
or ``chat.postEphemeral`` when a case note is cited). Targets: ack p99 ≤ 200 ms, no request
over 3 s, every answer delivered.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

from benchmarks import results
from bot.services import Services, build_services
from bot.testing.environment import CASEBOT, PROXY_VARIABLES, scrubbed_environment
from bot.testing.fake_slack import FakeSlackWebAPI, RecordedCall
from bot.testing.payloads import BOT_TOKEN, SIGNING_SECRET
from bot.testing.signing import HttpResponse, free_port, send, slash_command, wait_for_http
from casework.markings import Kind
from casework.settings import Settings, load_settings
from ingestion.pipeline import IngestOptions

WORK = Path(__file__).resolve().parents[1] / "benchmarks" / ".work" / "slack"
DEMO_CASE = "OP-HARBOR-LIGHT"
ANSWER_METHODS = ("chat.postMessage", "chat.postEphemeral")
ANSWER_DEADLINE_SECONDS = 300.0
POLL_SECONDS = 0.02
STARTUP_SECONDS = 180.0


def prepared_services(stores: Mapping[str, str] | None = None) -> Services:
    """The demo case, ingested once into a fresh data folder (or the stores these settings
    name)."""
    shutil.rmtree(WORK, ignore_errors=True)
    services = build_services(load_settings(CASEBOT_HOME=WORK / "home", **(stores or {})))
    demo = Path(str(resources.files("casework") / "demo"))
    services.ingestion.ingest([demo / "filings"], IngestOptions())
    notes = IngestOptions(kind=Kind.NOTE, case_id=DEMO_CASE)
    services.ingestion.ingest([demo / "case-notes"], notes)
    return services


def questions() -> list[str]:
    demo = Path(str(resources.files("casework") / "demo"))
    lines = (demo / "questions.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip()]


@contextmanager
def served(
    home: Path, slack: FakeSlackWebAPI, workers: int, stores: Mapping[str, str] | None = None
) -> Iterator[str]:
    """``casebot serve --http`` in its own process (on the embedded stores under ``home``, or on
    the ``stores`` these settings name); yields its events URL."""
    port = free_port()
    environment = scrubbed_environment(
        CASEBOT_HOME=str(home),
        HF_HUB_OFFLINE="1",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        CASEBOT_SLACK_API_URL=slack.url,
        CASEBOT_SLACK_WORKERS=str(workers),
        **(stores or {}),
    )
    for proxy in PROXY_VARIABLES:
        environment.pop(proxy, None)
    command = [str(CASEBOT), "serve", "--http", "--port", str(port)]
    process = subprocess.Popen(command, env=environment, stderr=subprocess.DEVNULL)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/healthz", timeout=STARTUP_SECONDS)
        yield f"http://127.0.0.1:{port}/slack/events"
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)


def fire(
    events_urls: Sequence[str], count: int, asked: list[str]
) -> tuple[list[HttpResponse], list[float]]:
    """``count`` concurrent ``/ask``s, one per channel ``CBENCH<i>``, spread over the apps in
    turn; returns the HTTP responses and the monotonic send times, by request."""
    barrier = threading.Barrier(count)
    responses: list[HttpResponse | None] = [None] * count
    sent_at = [0.0] * count

    def one(i: int) -> None:
        request = slash_command("/ask", asked[i % len(asked)], f"UBENCH{i:03d}", channel(i))
        barrier.wait()
        sent_at[i] = time.monotonic()
        responses[i] = send(events_urls[i % len(events_urls)], request, timeout=30)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [response for response in responses if response is not None], sent_at


def channel(i: int) -> str:
    return f"CBENCH{i:03d}"


def answers_by_channel(slack: FakeSlackWebAPI, count: int) -> dict[str, RecordedCall]:
    """Wait until every channel got its answer (or the deadline passes)."""
    deadline = time.monotonic() + ANSWER_DEADLINE_SECONDS
    pause = threading.Event()  # never set: a pause between looks
    found: dict[str, RecordedCall] = {}
    while True:
        for method in ANSWER_METHODS:
            for call in slack.calls(method):
                found.setdefault(str(call.params.get("channel")), call)
        if len(found) >= count or time.monotonic() > deadline:
            return found
        pause.wait(POLL_SECONDS)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(count: int, workers: int) -> dict[str, float]:
    home = prepared_services().settings.casebot_home
    asked = questions()
    with FakeSlackWebAPI() as slack, served(home, slack, workers) as events_url:
        fire([events_url], 2, asked)  # warm up: model, indexes, connections
        answers_by_channel(slack, 2)
        slack.reset()
        load = os.getloadavg()[0]
        started = time.monotonic()
        responses, sent_at = fire([events_url], count, asked)
        answers = answers_by_channel(slack, count)
        wall = time.monotonic() - started
    acks = [response.elapsed * 1000 for response in responses]
    answer_ms = [
        (answers[channel(i)].time - sent_at[i]) * 1000
        for i in range(count)
        if channel(i) in answers
    ]
    return {
        "requests": count,
        "workers": workers,
        "acked_200": sum(response.status == 200 for response in responses),
        "ack_p50_ms": statistics.median(acks),
        "ack_p99_ms": percentile(acks, 0.99),
        "ack_max_ms": max(acks),
        "over_3s": sum(ack > 3000 for ack in acks),
        "delivered": len(answer_ms),
        "answer_p50_ms": statistics.median(answer_ms) if answer_ms else float("nan"),
        "answer_p99_ms": percentile(answer_ms, 0.99) if answer_ms else float("nan"),
        "answer_max_ms": max(answer_ms) if answer_ms else float("nan"),
        "wall_s": wall,
        "load": load,
    }


def table(measured: dict[str, float]) -> str:
    rows = [
        ("concurrent `/ask` requests", f"{measured['requests']:.0f}"),
        ("answer workers (`CASEBOT_SLACK_WORKERS`)", f"{measured['workers']:.0f}"),
        ("acked with 200", f"{measured['acked_200']:.0f}"),
        ("ack p50, ms", f"{measured['ack_p50_ms']:.1f}"),
        ("ack p99, ms (target ≤ 200)", f"{measured['ack_p99_ms']:.1f}"),
        ("ack max, ms", f"{measured['ack_max_ms']:.1f}"),
        ("acks over 3 s (target 0)", f"{measured['over_3s']:.0f}"),
        ("answers delivered (target all)", f"{measured['delivered']:.0f}"),
        ("answer p50, ms", f"{measured['answer_p50_ms']:.0f}"),
        ("answer p99, ms", f"{measured['answer_p99_ms']:.0f}"),
        ("answer max, ms", f"{measured['answer_max_ms']:.0f}"),
        ("all answered after, s", f"{measured['wall_s']:.1f}"),
        ("machine load average (1 min) at the start", f"{measured['load']:.1f}"),
    ]
    lines = ["| measure | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--workers", type=int, default=Settings().slack_workers)
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    options = parser.parse_args()
    body = table(measure(options.requests, options.workers))
    print(body)
    if options.write:
        note = (
            "`casebot serve --http` in its own process (real model, demo case) against the "
            "fake Slack Web API of `bot.testing`; all requests released at once. Ack: time to "
            "the HTTP response. Answer: from sending to the fake receiving the answer.\n\n"
        )
        results.write_section(
            "Slack: concurrent /ask", "python -m benchmarks.slack --write", note + body
        )


if __name__ == "__main__":
    main()
