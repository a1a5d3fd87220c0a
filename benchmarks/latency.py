"""`ask` latency, warm process, extractive answerer: on the shared domain corpus and on 100k
synthetic chunks.

    .venv/bin/python -m benchmarks.latency [--chunks 100000] [--write]

The synthetic index is built through the real pipeline (registry, Chroma, BM25) from generated
case-note files, embedded with random unit vectors to save hours of encoding: search cost depends
on the index's size, not on what the vectors mean. Queries are embedded with the real model.
Reports p50/p95 end to end and the share of query embedding, search (dense + lexical + registry)
and answer composition (which embeds candidate sentences).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import results
from bot.services import Services, build_services
from casework.access import Viewer
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.embeddings import SentenceTransformerEmbedder, Vectors

WORK = Path(__file__).resolve().parents[1] / "benchmarks" / ".work"
NAMES = [
    "Alvarez",
    "Brandt",
    "Chen",
    "Dubois",
    "Eze",
    "Farouk",
    "Gallo",
    "Horvath",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quinn",
]
PRODUCTS = [
    "handbags",
    "e-bike batteries",
    "airbags",
    "routers",
    "perfume",
    "golf clubs",
    "contact lenses",
    "phone chargers",
    "sneakers",
    "watches",
    "toys",
    "rifle scopes",
]
PLACES = ["Long Beach", "Newark", "Savannah", "Miami", "Laredo", "Seattle", "Houston", "Oakland"]
CARRIERS = ["Cobaltline Express", "Kestrelwing Air Cargo", "Tessaline Ocean Lines"]
QUESTIONS = [
    "How many counterfeit {product} were seized at {place}?",
    "Who shipped the counterfeit {product} through {carrier}?",
    "What sentence did {name} receive for selling counterfeit {product}?",
    "Which seller sold fake {product} to buyers in {place}?",
    "What did {name} say in the interview about the warehouse?",
]


class RandomEmbedder:
    """Random unit vectors of the real model's size, with the real tokenizer for chunking."""

    def __init__(self, real: SentenceTransformerEmbedder) -> None:
        self._real = real
        self.model_name = "benchmark:random"
        self._rng = np.random.default_rng(7)

    @property
    def max_tokens(self) -> int:
        return self._real.max_tokens

    @property
    def tokenizer(self) -> Any:
        return self._real.tokenizer

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        vectors = self._rng.standard_normal((len(texts), 384)).astype(np.float32)
        normalised: Vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        return normalised

    def embed_query(self, text: str) -> Vectors:
        vector: Vectors = self.embed_documents([text])[0]
        return vector


def synthetic_sentence(rng: random.Random) -> str:
    return rng.choice(
        [
            "On {day} March, {name} shipped {n} counterfeit {product} via {carrier} to {place}.",
            "Officers at {place} seized {n} {product} bearing counterfeit marks from {name}.",
            "{name} told investigators the {product} came from a warehouse near {place}.",
            "The marketplace removed {n} listings for fake {product} sold by {name}.",
            "{name} was sentenced to {n} months in prison for trafficking counterfeit {product}.",
        ]
    ).format(
        day=rng.randint(1, 28),
        name=rng.choice(NAMES),
        n=rng.randint(2, 900),
        product=rng.choice(PRODUCTS),
        carrier=rng.choice(CARRIERS),
        place=rng.choice(PLACES),
    )


def write_synthetic_notes(folder: Path, chunks: int, rng: random.Random) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    sentences_per_file = 100  # about ten chunks of 200 tokens
    for index in range(chunks // 10):
        text = " ".join(synthetic_sentence(rng) for _ in range(sentences_per_file))
        (folder / f"note-{index:06d}.txt").write_text(f"Case note {index}\n\n{text}")


def synthetic_services(chunks: int, real: SentenceTransformerEmbedder) -> Services:
    home = WORK / f"latency-{chunks}"
    folder = WORK / f"latency-notes-{chunks}"
    if not folder.exists():
        write_synthetic_notes(folder, chunks, random.Random(11))
    builder = build_services(load_settings(CASEBOT_HOME=home), embedder=RandomEmbedder(real))
    report = builder.ingestion.ingest([folder], IngestOptions())
    print(f"synthetic index: {report.chunks} new chunks, {report.unchanged} unchanged documents")
    return build_services(load_settings(CASEBOT_HOME=home), embedder=real)


def measure(services: Services, questions: Sequence[str]) -> dict[str, float]:
    viewer = Viewer.member("bench", ["CASE-X"])
    embedder = services.embedder
    services.answers.ask(questions[0], viewer)
    embed, search, compose, total = [], [], [], []
    for question in questions:
        started = time.perf_counter()
        embedder.embed_query(question)
        embedded = time.perf_counter()
        result = services.searcher.search(question, viewer)
        searched = time.perf_counter()
        services.extractive_answerer.answer(question, result)
        answered = time.perf_counter()
        embed.append(embedded - started)
        search.append(searched - embedded)
        compose.append(answered - searched)
        total.append(answered - embedded)
    return {
        "p50_ms": 1000 * statistics.median(total),
        "p95_ms": 1000 * float(np.percentile(total, 95)),
        "embed_ms": 1000 * statistics.mean(embed),
        "search_ms": 1000 * statistics.mean(search),
        "compose_ms": 1000 * statistics.mean(compose),
        "chunks": float(services.vector_index.count()),
    }


def questions(count: int, rng: random.Random) -> list[str]:
    return [
        rng.choice(QUESTIONS).format(
            product=rng.choice(PRODUCTS),
            place=rng.choice(PLACES),
            carrier=rng.choice(CARRIERS),
            name=rng.choice(NAMES),
        )
        for _ in range(count)
    ]


def row(label: str, numbers: dict[str, float]) -> str:
    mean_total = numbers["search_ms"] + numbers["compose_ms"]
    return (
        f"| {label} | {numbers['chunks']:.0f} | {numbers['p50_ms']:.0f} | {numbers['p95_ms']:.0f} "
        f"| {numbers['embed_ms']:.0f} ms | {numbers['search_ms'] - numbers['embed_ms']:.0f} ms "
        f"| {numbers['compose_ms']:.0f} ms ({100 * numbers['compose_ms'] / mean_total:.0f} %) |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    real = SentenceTransformerEmbedder()
    rng = random.Random(5)
    from benchmarks.answers import domain_services, load_questions

    domain = measure(domain_services(), [case.question for case in load_questions()])
    synthetic = measure(synthetic_services(args.chunks, real), questions(args.questions, rng))
    table = "\n".join(
        [
            "| index | chunks | p50 ms | p95 ms (target ≤ 300) | query embedding | "
            "search (dense + BM25 + registry) | answer composition |",
            "|---|---|---|---|---|---|---|",
            row("shared domain corpus", domain),
            row("synthetic case notes", synthetic),
        ]
    )
    print(table)
    if args.write:
        command = ".venv/bin/python -m benchmarks.latency --write"
        results.write_section("Ask latency", command, table)


if __name__ == "__main__":
    main()
