"""Scale-out: 10,000 small filings ingested through the source worker, on the embedded defaults
(SQLite + embedded Chroma) and on PostgreSQL + a Chroma server, in one run; then ``ask`` p50/p95
on each.

    .venv/bin/python -m benchmarks.scale [--filings 10000] [--questions 40] [--write]

The server backend is the PostgreSQL and Chroma server that ``scripts/services start`` runs on
127.0.0.1 (a fresh database and collection are made for the run); without them only the
embedded backend is measured. The filings are synthetic court-style notices written by this
benchmark (a seeded generator): a folder source with a due schedule, run by one
``SourceWorker.run_due`` pass as ``casebot worker`` runs it, with the real embedding model.
Questions are asked as the command line asks them (``Asking.ask``: audit records included).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks import results
from benchmarks.servers import ServerStores, server_stores
from bot.services import Services, build_services
from casework.settings import load_settings
from casework.usecases.asking import QuestionRequest
from casework.usecases.requester import Requester
from retrieval.embeddings import SentenceTransformerEmbedder

WORK = Path(__file__).resolve().parents[1] / "benchmarks" / ".work" / "scale"
PRODUCTS = (
    "airbags", "handbags", "watches", "phone chargers", "headphones", "perfume", "sneakers",
    "brake pads", "batteries", "cosmetics", "golf clubs", "jerseys", "vaping devices", "toys",
)  # fmt: skip
DISTRICTS = (
    "Eastern District of New York", "Southern District of Florida", "Central District of "
    "California", "Northern District of Illinois", "District of New Jersey", "Western District "
    "of Texas", "Eastern District of Virginia", "District of Maryland",
)  # fmt: skip
STAGES = ("was indicted", "pleaded guilty", "was sentenced", "was convicted at trial")
NAMES = ("Alvarez", "Brennan", "Chowdhury", "Delgado", "Eriksen", "Fofana", "Greaves", "Hollis")


@dataclass(frozen=True)
class Filing:
    number: int
    defendant: str
    product: str
    district: str
    stage: str
    units: int


def filing(number: int, rng: random.Random) -> Filing:
    return Filing(
        number=number,
        defendant=f"{rng.choice(NAMES)}-{number:05d}",
        product=rng.choice(PRODUCTS),
        district=rng.choice(DISTRICTS),
        stage=rng.choice(STAGES),
        units=rng.randrange(50, 20000),
    )


def filing_text(item: Filing) -> str:
    return (
        f"# United States v. {item.defendant}\n\n"
        f"Case 1:26-cr-{item.number:05d}, {item.district}.\n\n"
        f"The defendant {item.defendant} {item.stage} on charges of trafficking in counterfeit "
        f"{item.product}. Agents seized {item.units} counterfeit {item.product} bearing "
        f"registered trademarks. The investigation was led by Homeland Security "
        f"Investigations with U.S. Customs and Border Protection.\n"
    )


def write_filings(folder: Path, count: int) -> list[Filing]:
    rng = random.Random(2026)
    folder.mkdir(parents=True)
    filings = [filing(number, rng) for number in range(count)]
    for item in filings:
        (folder / f"filing-{item.number:05d}.md").write_text(filing_text(item))
    return filings


def questions(filings: list[Filing], count: int) -> list[str]:
    rng = random.Random(7)
    chosen = rng.sample(filings, count)
    return [
        f"How many counterfeit {item.product} were seized from {item.defendant}?" for item in chosen
    ]


@contextmanager
def backend_services(home: Path, server: ServerStores | None) -> Iterator[Services]:
    overrides: dict[str, object] = {"CASEBOT_HOME": home}
    if server is not None:
        overrides |= server.environment()
    settings = load_settings(**overrides)
    sources = home / "sources.yml"
    home.mkdir(parents=True, exist_ok=True)
    sources.write_text(
        "sources:\n  - name: filings\n    type: folder\n    schedule: {every: 1d}\n"
        f"    kind: filing\n    path: {WORK / 'filings'}\n"
    )
    services = build_services(settings, embedder=EMBEDDER.get())
    try:
        yield services
    finally:
        services.close()


class _Embedder:
    """The real model, loaded once for both backends."""

    _model: SentenceTransformerEmbedder | None = None

    def get(self) -> SentenceTransformerEmbedder:
        if self._model is None:
            self._model = SentenceTransformerEmbedder()
        return self._model


EMBEDDER = _Embedder()


def measure(services: Services, asked: list[str]) -> dict[str, float]:
    worker = services.source_worker()
    started = time.perf_counter()
    [record] = worker.run_due()
    ingest_seconds = time.perf_counter() - started
    services.lexical_index.refresh()
    requester = Requester.operator("benchmark")
    services.asking.ask(QuestionRequest(asked[0], requester))  # warm: caches, connections
    latencies = []
    for question in asked:
        began = time.perf_counter()
        services.asking.ask(QuestionRequest(question, requester))
        latencies.append((time.perf_counter() - began) * 1000)
    latencies.sort()
    return {
        "added": record.counts.added,
        "failed": record.counts.failed,
        "ingest_s": ingest_seconds,
        "per_s": record.counts.added / ingest_seconds,
        "ask_p50_ms": statistics.median(latencies),
        "ask_p95_ms": latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))],
    }


def table(measured: dict[str, dict[str, float]]) -> str:
    names = list(measured)
    lines = ["| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    rows = [
        ("filings added by the worker's run", "added", "{:.0f}"),
        ("failed", "failed", "{:.0f}"),
        ("ingestion wall time, s", "ingest_s", "{:.1f}"),
        ("filings per second", "per_s", "{:.1f}"),
        ("ask p50, ms (warm)", "ask_p50_ms", "{:.0f}"),
        ("ask p95, ms (warm)", "ask_p95_ms", "{:.0f}"),
    ]
    for label, key, form in rows:
        cells = " | ".join(form.format(measured[name][key]) for name in names)
        lines.append(f"| {label} | {cells} |")
    if len(names) == 2:
        first, second = (measured[name] for name in names)
        ratio = second["ingest_s"] / first["ingest_s"]
        lines.append(f"| ingestion time, server / embedded | | {ratio:.2f} times |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--filings", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    options = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    shutil.rmtree(WORK, ignore_errors=True)
    filings = write_filings(WORK / "filings", options.filings)
    asked = questions(filings, options.questions)
    measured = {}
    with backend_services(WORK / "embedded", None) as services:
        measured["embedded (SQLite + embedded Chroma)"] = measure(services, asked)
    with server_stores() as server:
        if server is not None:
            with backend_services(WORK / "server", server) as services:
                measured["PostgreSQL + Chroma server"] = measure(services, asked)
    body = table(measured)
    print(body)
    if options.write:
        note = (
            f"{options.filings:,} synthetic filings (one Markdown file each, written by the "
            "benchmark) in a folder source, ingested by one pass of the source worker with the "
            f"real model; then {options.questions} questions asked through `Asking.ask` on each "
            "backend (warm). Both backends in one run, on the same files; the server backend is "
            "the local PostgreSQL and Chroma server of `scripts/services start`."
        )
        command = f".venv/bin/python -m benchmarks.scale --filings {options.filings} --write"
        results.write_section(
            "Scale-out: 10,000 filings through the worker", command, f"{note}\n\n{body}"
        )


if __name__ == "__main__":
    main()
