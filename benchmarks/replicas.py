"""Scale-out of the Slack edge: ack latency of 100 concurrent ``/ask`` commands against one
``casebot serve --http`` replica and against two, both on PostgreSQL and a Chroma server, in
one run.

    .venv/bin/python -m benchmarks.replicas [--requests 100] [--write]

Needs the servers of `scripts/services start` (source `.casebot-ci/services.env`). Each
replica is its own process with its own data folder, as on separate hosts; requests are spread
over the replicas in turn (as a load balancer would) and released at once by a barrier. The
fake Slack Web API runs in this process. On this 2-core machine two replicas share the same two
cores, so the figure shows the replicas' coordination cost, not added capacity.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from contextlib import ExitStack

from benchmarks import results
from benchmarks.servers import server_stores
from benchmarks.slack import (
    WORK,
    answers_by_channel,
    channel,
    fire,
    percentile,
    prepared_services,
    questions,
    served,
)
from bot.testing.fake_slack import FakeSlackWebAPI

NO_SERVERS = "start the servers first: scripts/services start; source .casebot-ci/services.env"


def measure(replicas: int, count: int, stores: dict[str, str]) -> dict[str, float]:
    asked = questions()
    with FakeSlackWebAPI() as slack, ExitStack() as stack:
        urls = [
            stack.enter_context(served(WORK / f"replica-{n}", slack, 4, stores))
            for n in range(replicas)
        ]
        fire(urls, 2 * replicas, asked)  # warm up every replica
        answers_by_channel(slack, 2 * replicas)
        slack.reset()
        load = os.getloadavg()[0]
        started = time.monotonic()
        responses, _ = fire(urls, count, asked)
        answers = answers_by_channel(slack, count)
        wall = time.monotonic() - started
    acks = [response.elapsed * 1000 for response in responses]
    return {
        "acked_200": sum(response.status == 200 for response in responses),
        "ack_p50_ms": statistics.median(acks),
        "ack_p99_ms": percentile(acks, 0.99),
        "ack_max_ms": max(acks),
        "delivered": sum(channel(i) in answers for i in range(count)),
        "wall_s": wall,
        "load": load,
    }


def table(count: int, measured: dict[int, dict[str, float]]) -> str:
    rows = [
        ("acked with 200", "acked_200", "{:.0f}"),
        ("ack p50, ms", "ack_p50_ms", "{:.1f}"),
        ("ack p99, ms", "ack_p99_ms", "{:.1f}"),
        ("ack max, ms", "ack_max_ms", "{:.1f}"),
        ("answers delivered", "delivered", "{:.0f}"),
        ("all answered after, s", "wall_s", "{:.1f}"),
        ("load average (1 min) at the start", "load", "{:.1f}"),
    ]
    header = " | ".join(f"{n} replica{'s' if n > 1 else ''}" for n in measured)
    lines = [f"| {count} concurrent `/ask` | {header} |", "|---|" + "---|" * len(measured)]
    for label, key, form in rows:
        cells = " | ".join(form.format(values[key]) for values in measured.values())
        lines.append(f"| {label} | {cells} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    options = parser.parse_args()
    with server_stores() as stores:
        if stores is None:
            raise SystemExit(NO_SERVERS)
        environment = stores.environment()
        prepared_services(environment).close()
        measured = {n: measure(n, options.requests, environment) for n in (1, 2)}
    body = table(options.requests, measured)
    print(body)
    if options.write:
        note = __doc__.split("\n\n")[2].replace("\n", " ").strip()
        command = f".venv/bin/python -m benchmarks.replicas --requests {options.requests} --write"
        results.write_section("Slack: one replica and two", command, f"{note}\n\n{body}")


if __name__ == "__main__":
    main()
