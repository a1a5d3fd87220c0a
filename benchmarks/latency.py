"""`ask` latency on a large synthetic index: warm process, extractive answerer.

    .venv/bin/python -m benchmarks.latency [--chunks 100000] [--questions 100] [--write]

The index is written straight through the project's own stores, the way ingestion leaves them:
cases in the case directory, documents committed by :class:`ingestion.indexer.Indexer` (registry
rows and Chroma vectors, 100 documents per commit, vectors handed to Chroma 5,000 at a time), then
one BM25 build. Chunk texts are
generated case-note sentences of about 200 tokens, ten chunks a document; their vectors are
random unit vectors, which saves hours of encoding (search cost depends on the index's size, not
on what the vectors mean). Documents are spread like a busy office's: a third public filings,
the rest notes of 20 cases, one note in ten grand-jury material. The index is cached in
``benchmarks/.work/latency-<chunks>/`` (``--rebuild`` starts over).

Questions are asked by a member of one case through ``Services.answers`` as built in
``bot/services.py``, with the real model embedding each question. Reported: p50/p95 of ``ask``
end to end, and where the time goes (mean per question, each millisecond counted once, in the
innermost part it was spent in): query embedding, dense search (Chroma), lexical search (BM25),
registry SQL, the rest of the search (fusion, duplicates), answer composition (which embeds
candidate sentences).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import torch
from sqlalchemy import event

from benchmarks import results
from bot.services import Services, build_services
from casework.access import Viewer
from casework.markings import Kind, Marking
from casework.settings import load_settings
from casework.storage.db import SessionFactory
from ingestion.chunking import ChunkPiece, ChunkPlan
from ingestion.indexer import PreparedDocument, PreparedFile
from ingestion.preparation import READER_VERSION
from retrieval.embeddings import Embedder, SentenceTransformerEmbedder, Tokenizer, Vectors
from retrieval.filters import SearchFilters
from retrieval.lexical import LexicalIndex, QueryScores
from retrieval.search import HybridSearcher, SearchResult
from retrieval.vector_store import ChromaIndex, IndexEntry, VectorHit, VectorIndex

WORK = Path(__file__).resolve().parents[1] / "benchmarks" / ".work"
BUILT_FILE = "built.json"
BUILD_FORMAT = 1
CHUNKS_PER_DOCUMENT = 10
DOCUMENTS_PER_COMMIT = 100
SENTENCES_PER_CHUNK = 9  # about 200 tokens
CASES = [f"CASE-{number:02d}" for number in range(20)]
VIEWER = Viewer.member("bench", [CASES[0]])
WARM_UP_QUESTIONS = 3
PARTS = (
    ("query embedding", "query embedding"),
    ("dense (Chroma)", "search: dense (Chroma)"),
    ("lexical (BM25)", "search: lexical (BM25)"),
    ("registry (SQL)", "search: registry (SQL)"),
    ("search, rest", "search: fusion and the rest"),
    ("answer composition", "answer composition"),
)
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
SENTENCES = [
    "On {day} March, {name} shipped {n} counterfeit {product} via {carrier} to {place}.",
    "Officers at {place} seized {n} {product} bearing counterfeit marks from {name}.",
    "{name} told investigators the {product} came from a warehouse near {place}.",
    "The marketplace removed {n} listings for fake {product} sold by {name}.",
    "{name} was sentenced to {n} months in prison for trafficking counterfeit {product}.",
]
QUESTIONS = [
    "How many counterfeit {product} were seized at {place}?",
    "Who shipped the counterfeit {product} through {carrier}?",
    "What sentence did {name} receive for selling counterfeit {product}?",
    "Which seller sold fake {product} to buyers in {place}?",
    "What did {name} say in the interview about the warehouse?",
]


# The synthetic index


class RandomEmbedder:
    """Random unit vectors of the real model's size; the real model for questions."""

    def __init__(self, real: SentenceTransformerEmbedder, seed: int = 7) -> None:
        self._real = real
        self.model_name = "benchmark:random"
        self._rng = np.random.default_rng(seed)
        self.dimensions = len(real.embed_query("size"))

    @property
    def max_tokens(self) -> int:
        return self._real.max_tokens

    @property
    def tokenizer(self) -> Tokenizer:
        return self._real.tokenizer

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        vectors = self._rng.standard_normal((len(texts), self.dimensions)).astype(np.float32)
        normalised: Vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
        return normalised

    def embed_query(self, text: str) -> Vectors:
        return self._real.embed_query(text)


def synthetic_sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES).format(
        day=rng.randint(1, 28),
        name=rng.choice(NAMES),
        n=rng.randint(2, 900),
        product=rng.choice(PRODUCTS),
        carrier=rng.choice(CARRIERS),
        place=rng.choice(PLACES),
    )


def synthetic_plan(title: str, rng: random.Random) -> ChunkPlan:
    pieces = []
    start = 0
    for ordinal in range(CHUNKS_PER_DOCUMENT):
        text = " ".join(synthetic_sentence(rng) for _ in range(SENTENCES_PER_CHUNK))
        pieces.append(ChunkPiece(ordinal, text, None, None, start, start + len(text), 200))
        start += len(text) + 1
    return ChunkPlan(title, pieces, "\n".join(piece.text for piece in pieces))


def synthetic_document(
    path: str, index: int, rng: random.Random, embedder: Embedder
) -> PreparedDocument:
    """A public filing, a case's note, or (one note in ten) its grand-jury material."""
    if rng.random() < 1 / 3:
        kind, case_id, marking = Kind.FILING, None, Marking.PUBLIC
    else:
        kind, case_id = Kind.NOTE, rng.choice(CASES)
        marking = Marking.SIXE if rng.random() < 0.1 else Marking.LES
    title = f"Case note {index}" if case_id else f"Press release {index}"
    plan = synthetic_plan(title, rng)
    return PreparedDocument(
        source=f"{path}#{index}",
        root_source=path,
        parent_source=None,
        kind=kind.value,
        case_id=case_id,
        marking=marking.value,
        title=title,
        sha256=uuid.uuid4().hex,
        media_type="text/plain",
        loader="benchmark",
        size_bytes=len(plan.full_text),
        page_count=None,
        document_date=None,
        properties={},
        plan=plan,
        vectors=embedder.embed_documents(plan.embedding_texts()),
    )


def synthetic_file(number: int, rng: random.Random, embedder: Embedder) -> PreparedFile:
    path = f"benchmark://latency/batch-{number:05d}"
    first = number * DOCUMENTS_PER_COMMIT
    documents = [
        synthetic_document(path, first + offset, rng, embedder)
        for offset in range(DOCUMENTS_PER_COMMIT)
    ]
    return PreparedFile(
        path=path,
        sha256=uuid.uuid4().hex,
        size_bytes=sum(document.size_bytes for document in documents),
        kind=Kind.NOTE.value,
        case_id=None,
        marking=Marking.LES.value,
        reader_version=READER_VERSION,
        documents=documents,
    )


class BufferedIndex:
    """Hands the vectors the indexer writes to the real index in large batches: one Chroma call
    costs tens of milliseconds however few entries it carries, and the indexer makes one per
    document. For building only: registry rows are committed before their vectors land, so
    :meth:`flush` before anything reads the index."""

    def __init__(self, inner: VectorIndex, batch: int = 5000) -> None:
        self._inner = inner
        self._batch = batch
        self._entries: list[IndexEntry] = []
        self._vectors: list[Vectors] = []

    def add(self, entries: Sequence[IndexEntry], vectors: Vectors) -> None:
        self._entries.extend(entries)
        self._vectors.append(vectors)
        if len(self._entries) >= self._batch:
            self.flush()

    def flush(self) -> None:
        if self._entries:
            self._inner.add(self._entries, np.concatenate(self._vectors))
        self._entries, self._vectors = [], []

    def delete_version(self, document_id: str, version: int) -> None:
        self.flush()
        self._inner.delete_version(document_id, version)

    def delete_document(self, document_id: str) -> None:
        self.flush()
        self._inner.delete_document(document_id)

    def versions(self) -> Counter[tuple[str, int]]:
        self.flush()
        return self._inner.versions()

    def count(self) -> int:
        self.flush()
        return self._inner.count()

    def similarities(self, vector: Vectors, ids: Sequence[str]) -> dict[str, float]:
        self.flush()
        return self._inner.similarities(vector, ids)

    def query(
        self, vector: Vectors, limit: int, where: dict[str, Any] | None = None
    ) -> list[VectorHit]:
        self.flush()
        return self._inner.query(vector, limit, where)


def build_index(home: Path, chunks: int, real: SentenceTransformerEmbedder) -> dict[str, float]:
    """Write ``chunks`` synthetic chunks under ``home``; returns how long each step took."""
    shutil.rmtree(home, ignore_errors=True)
    services = build_services(load_settings(CASEBOT_HOME=home), embedder=RandomEmbedder(real))
    vectors = BufferedIndex(services.vector_index)
    services.vector_index = vectors
    rng = random.Random(11)
    started = time.perf_counter()
    for case_id in CASES:
        services.cases.create(case_id, f"Synthetic case {case_id}")
    run_id = str(uuid.uuid4())
    commits = max(chunks // (CHUNKS_PER_DOCUMENT * DOCUMENTS_PER_COMMIT), 1)
    for number in range(commits):
        prepared = synthetic_file(number, rng, services.embedder)
        [commit] = services.indexer.commit_files([prepared], run_id)
        if isinstance(commit.outcome, Exception):
            raise commit.outcome
        if (number + 1) % 10 == 0 or number + 1 == commits:
            done = (number + 1) * CHUNKS_PER_DOCUMENT * DOCUMENTS_PER_COMMIT
            elapsed = time.perf_counter() - started
            print(f"committed {done}/{chunks} chunks in {elapsed:.0f} s", flush=True)
    vectors.flush()
    committed = time.perf_counter()
    services.lexical_index.refresh()
    built = time.perf_counter()
    timings = {
        "chunks": float(services.vector_index.count()),
        "registry_and_chroma_seconds": committed - started,
        "bm25_seconds": built - committed,
        "build_seconds": built - started,
    }
    (home / BUILT_FILE).write_text(json.dumps({"format": BUILD_FORMAT, **timings}))
    return timings


def cached_index(chunks: int, real: SentenceTransformerEmbedder, rebuild: bool) -> Path:
    home = WORK / f"latency-{chunks}"
    built = home / BUILT_FILE
    if rebuild or not built.is_file() or json.loads(built.read_text())["format"] != BUILD_FORMAT:
        build_index(home, chunks, real)
    print(f"synthetic index: {built.read_text()}", flush=True)
    return home


# Where the time goes


class Stopwatch:
    """Wall time per part of a request. Time spent in a part nested in another counts only for
    the inner part, so the parts add up to the whole."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self._open: list[tuple[str, float]] = []

    @contextmanager
    def part(self, label: str) -> Iterator[None]:
        self.enter(label)
        try:
            yield
        finally:
            self.leave()

    def enter(self, label: str) -> None:
        now = time.perf_counter()
        if self._open:
            outer, since = self._open[-1]
            self.totals[outer] += now - since
        self._open.append((label, now))

    def leave(self) -> None:
        now = time.perf_counter()
        label, since = self._open.pop()
        self.totals[label] += now - since
        if self._open:
            self._open[-1] = (self._open[-1][0], now)

    def take(self) -> dict[str, float]:
        taken = dict(self.totals)
        self.totals.clear()
        return taken


class TimedEmbedder:
    def __init__(self, inner: Embedder, watch: Stopwatch) -> None:
        self._inner = inner
        self._watch = watch
        self.model_name = inner.model_name

    @property
    def max_tokens(self) -> int:
        return self._inner.max_tokens

    @property
    def tokenizer(self) -> Tokenizer:
        return self._inner.tokenizer

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        return self._inner.embed_documents(texts)  # candidate sentences: answer composition

    def embed_query(self, text: str) -> Vectors:
        with self._watch.part("query embedding"):
            return self._inner.embed_query(text)


class TimedVectorIndex:
    def __init__(self, inner: ChromaIndex, watch: Stopwatch) -> None:
        self._inner = inner
        self._watch = watch

    def add(self, entries: Sequence[IndexEntry], vectors: Vectors) -> None:
        self._inner.add(entries, vectors)

    def delete_version(self, document_id: str, version: int) -> None:
        self._inner.delete_version(document_id, version)

    def delete_document(self, document_id: str) -> None:
        self._inner.delete_document(document_id)

    def versions(self) -> Counter[tuple[str, int]]:
        return self._inner.versions()

    def count(self) -> int:
        return self._inner.count()

    def similarities(self, vector: Vectors, ids: Sequence[str]) -> dict[str, float]:
        with self._watch.part("dense (Chroma)"):
            return self._inner.similarities(vector, ids)

    def nearest(self, vector: Vectors, limit: int) -> list[tuple[str, float]]:
        with self._watch.part("dense (Chroma)"):
            return self._inner.nearest(vector, limit)

    def query(
        self, vector: Vectors, limit: int, where: dict[str, Any] | None = None
    ) -> list[VectorHit]:
        with self._watch.part("dense (Chroma)"):
            return self._inner.query(vector, limit, where)


class TimedLexicalIndex(LexicalIndex):
    def __init__(self, folder: Path, sessions: SessionFactory, watch: Stopwatch) -> None:
        super().__init__(folder, sessions)
        self._watch = watch

    def score(
        self, query: str, viewer: Viewer | None = None, filters: SearchFilters | None = None
    ) -> QueryScores:
        with self._watch.part("lexical (BM25)"):
            return super().score(query, viewer, filters)

    def idf(self, query_terms: Sequence[str]) -> dict[str, float]:
        with self._watch.part("lexical (BM25)"):
            return super().idf(query_terms)


class TimedSearcher(HybridSearcher):
    def __init__(self, services: Services, watch: Stopwatch) -> None:
        super().__init__(
            services.sentence_embedder,
            services.vector_index,
            services.lexical_index,
            services.sessions,
        )
        self._watch = watch

    def search(
        self,
        query: str,
        viewer: Viewer,
        filters: SearchFilters | None = None,
        limit: int = 8,
    ) -> SearchResult:
        with self._watch.part("search, rest"):
            return super().search(query, viewer, filters, limit)


def timed_services(home: Path, real: SentenceTransformerEmbedder, watch: Stopwatch) -> Services:
    """``Services`` as the bot builds them, with a stopwatch around each store."""
    services = build_services(load_settings(CASEBOT_HOME=home), embedder=TimedEmbedder(real, watch))
    chroma = services.vector_index
    assert isinstance(chroma, ChromaIndex)
    services.vector_index = TimedVectorIndex(chroma, watch)
    lexical_folder = services.settings.casebot_home / "lexical"  # where Services keeps it
    services.lexical_index = TimedLexicalIndex(lexical_folder, services.sessions, watch)
    services.searcher = TimedSearcher(services, watch)
    event.listen(services.engine, "before_cursor_execute", lambda *_: watch.enter("registry (SQL)"))
    event.listen(services.engine, "after_cursor_execute", lambda *_: watch.leave())
    return services


# Measuring


@dataclass(frozen=True)
class Latency:
    chunks: int
    model_threads: int
    load: float
    """The machine's load average (1 min) when the pass started."""
    totals: list[float]
    parts: dict[str, float]
    """Mean seconds per question in each part."""

    def percentile(self, percent: float) -> float:
        return float(np.percentile(self.totals, percent))


def measure(services: Services, watch: Stopwatch, questions: Sequence[str]) -> Latency:
    load = os.getloadavg()[0]
    for question in questions[:WARM_UP_QUESTIONS]:
        services.answers.ask(question, VIEWER)
    watch.take()
    totals = []
    for question in questions:
        started = time.perf_counter()
        with watch.part("answer composition"):
            services.answers.ask(question, VIEWER)
        totals.append(time.perf_counter() - started)
    parts = {label: seconds / len(questions) for label, seconds in watch.take().items()}
    return Latency(services.vector_index.count(), torch.get_num_threads(), load, totals, parts)


def make_questions(count: int, rng: random.Random) -> list[str]:
    return [
        rng.choice(QUESTIONS).format(
            product=rng.choice(PRODUCTS),
            place=rng.choice(PLACES),
            carrier=rng.choice(CARRIERS),
            name=rng.choice(NAMES),
        )
        for _ in range(count)
    ]


def report(passes: Sequence[Latency], build: dict[str, float], questions: int) -> str:
    chunks = passes[0].chunks
    lines = [
        f"{chunks} synthetic chunks (10 per document; a third public, the rest notes of 20 cases, "
        f"a tenth of those 6(e)), asked {questions} questions by a member of one case after "
        f"{WARM_UP_QUESTIONS} warm-up questions, on the shared 2-core machine. Index built in "
        f"{build['build_seconds']:.0f} s ({build['registry_and_chroma_seconds']:.0f} s registry "
        f"and Chroma, {build['bm25_seconds']:.0f} s BM25). The model runs on as many threads as "
        "torch chooses (as built), then on one: two threads contend badly on a busy machine.",
        "",
        "| measure | " + " | ".join(f"model threads: {one.model_threads}" for one in passes) + " |",
        "|---|" + "---|" * len(passes),
    ]

    def row(label: str, cell: Callable[[Latency], str]) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(one) for one in passes) + " |")

    row("load average (1 min) at the start", lambda one: f"{one.load:.1f}")
    row("`ask` p50, ms", lambda one: f"{1000 * statistics.median(one.totals):.0f}")
    row("`ask` p95, ms (target ≤ 300)", lambda one: f"{1000 * one.percentile(95):.0f}")
    for key, label in PARTS:
        row(f"{label}, mean ms (share)", partial(_part, key=key))
    return "\n".join(lines)


def _part(latency: Latency, key: str) -> str:
    seconds = latency.parts.get(key, 0.0)
    return f"{1000 * seconds:.0f} ({seconds / statistics.fmean(latency.totals):.0%})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    real = SentenceTransformerEmbedder()
    home = cached_index(args.chunks, real, args.rebuild)
    build = json.loads((home / BUILT_FILE).read_text())
    watch = Stopwatch()
    services = timed_services(home, real, watch)
    questions = make_questions(args.questions, random.Random(5))
    passes = []
    for threads in dict.fromkeys((torch.get_num_threads(), 1)):
        torch.set_num_threads(threads)
        passes.append(measure(services, watch, questions))
    table = report(passes, build, args.questions)
    print(table)
    if args.write:
        command = f".venv/bin/python -m benchmarks.latency --chunks {args.chunks} --write"
        results.write_section("Latency", command, table)


if __name__ == "__main__":
    main()
