"""Retrieval quality on BEIR SciFact: BM25, dense, and ways of fusing them.

    .venv/bin/python -m benchmarks.scifact [--write] [--limit-docs N]

Documents are ``title + " " + text`` for BM25 (the project's analyzer, ``bm25s``) and
``title + "\\n" + text`` for the bundled all-MiniLM-L6-v2, the way ingestion puts the title in front
of each chunk (one vector per abstract; the model truncates at its 256 tokens). Dense search is an
exact cosine (normalised dot product) in numpy. Hybrids:

* Casebot's own: ``HybridSearcher``'s candidates (the union of the top 100 of each), each scored
  on both sides and fused by ``retrieval.fusion`` (z-scores fitted on that union);
* reciprocal rank fusion over the top 100 of each;
* a convex combination ``alpha * dense + (1 - alpha) * bm25`` of scores normalised per query
  (min-max or z-score, fitted on each method's top 1000) over the union of both top-1000 lists.

Every setting is chosen on SciFact's train qrels (809 claims) and reported on the test qrels (300
claims), with ``pytrec_eval`` as BEIR computes it: nDCG@10 and Recall@100, averaged over every
judged query (a query with no results counts 0). Document vectors are cached in
``benchmarks/.work/`` keyed by the model and the exact texts, so reruns skip the encode.

``--limit-docs N`` is a smoke run: the first claims of each split whose relevant abstracts fill
half of N, plus the first other abstracts as distractors. Its numbers are not comparable.

Prints a Markdown table; ``--write`` also replaces the SciFact section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
import numpy.typing as npt
import pytrec_eval

from benchmarks import results
from retrieval.analysis import terms
from retrieval.embeddings import SentenceTransformerEmbedder
from retrieval.fusion import convex_zscore
from retrieval.search import SearchSettings

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "beir-scifact"
WORK = REPO_ROOT / "benchmarks" / ".work"
SECTION = "## Retrieval quality: BEIR SciFact"
RUN_DEPTH = 1000  # BEIR evaluates the top 1000 of each run
FUSION_CANDIDATES = 100
ENCODE_BLOCK = 512
BM25_GRID = ((1.5, 0.75), (0.9, 0.4), (1.2, 0.75), (1.2, 0.4), (0.9, 0.75), (1.5, 0.4))
RRF_KS = (60, 30, 10)
DENSE_TO_LEXICAL = (1.0, 0.5, 0.75, 1.25, 1.5, 2.0)
ALPHAS = tuple(round(0.1 * step, 1) for step in range(1, 10))

Matrix = npt.NDArray[np.float32]
Vector = npt.NDArray[np.float32]
Qrels = dict[str, dict[str, int]]
Ranking = dict[str, float]
Ranker = Callable[[str], Ranking]
Normalizer = Callable[[Vector], Vector]


@dataclass(frozen=True)
class Doc:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Collection:
    docs: list[Doc]
    queries: dict[str, str]
    train: Qrels
    test: Qrels

    @property
    def doc_ids(self) -> list[str]:
        return [doc.id for doc in self.docs]

    @property
    def query_ids(self) -> list[str]:
        return sorted(self.train.keys() | self.test.keys())


@dataclass(frozen=True)
class Scores:
    """One score per (query, document): a row per query id, a column per document."""

    rows: dict[str, int]
    values: Matrix

    def row(self, query_id: str) -> Vector:
        row: Vector = self.values[self.rows[query_id]]
        return row


@dataclass(frozen=True)
class Setting:
    label: str
    ranker: Ranker


@dataclass(frozen=True)
class Metrics:
    ndcg_at_10: float
    recall_at_100: float


@dataclass(frozen=True)
class Outcome:
    method: str
    setting: str
    train: Metrics
    test: Metrics


# Loading


def read_jsonl(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def read_qrels(path: Path) -> Qrels:
    qrels: Qrels = {}
    for line in path.read_text().splitlines()[1:]:
        query_id, doc_id, score = line.split("\t")
        qrels.setdefault(query_id, {})[doc_id] = int(score)
    return qrels


def load_collection(folder: Path) -> Collection:
    docs = [
        Doc(str(row["_id"]), str(row["title"]), str(row["text"]))
        for row in read_jsonl(folder / "corpus.jsonl")
    ]
    queries = {str(row["_id"]): str(row["text"]) for row in read_jsonl(folder / "queries.jsonl")}
    return Collection(
        docs, queries, read_qrels(folder / "qrels/train.tsv"), read_qrels(folder / "qrels/test.tsv")
    )


def first_queries(qrels: Qrels, budget: int) -> Qrels:
    """The first queries whose relevant documents, together, number at most ``budget``."""
    kept: Qrels = {}
    relevant: set[str] = set()
    for query_id, judged in qrels.items():
        if len(relevant | judged.keys()) > budget:
            break
        kept[query_id] = judged
        relevant |= judged.keys()
    return kept


def limit_collection(collection: Collection, limit: int) -> Collection:
    train = first_queries(collection.train, limit // 4)
    test = first_queries(collection.test, limit // 4)
    relevant = {doc_id for qrels in (train, test) for judged in qrels.values() for doc_id in judged}
    others = [doc.id for doc in collection.docs if doc.id not in relevant]
    keep = relevant | set(others[: max(limit - len(relevant), 0)])
    docs = [doc for doc in collection.docs if doc.id in keep]
    return Collection(docs, collection.queries, train, test)


# Scoring


@dataclass(frozen=True)
class Analysed:
    """The collection through ``retrieval.analysis.terms``, once for every BM25 setting."""

    docs: list[list[str]]
    queries: dict[str, list[str]]

    @classmethod
    def of(cls, collection: Collection) -> Analysed:
        return cls(
            docs=[terms(f"{doc.title} {doc.text}") for doc in collection.docs],
            queries={
                query_id: terms(collection.queries[query_id]) for query_id in collection.query_ids
            },
        )


def bm25_scores(analysed: Analysed, k1: float, b: float) -> Scores:
    retriever = bm25s.BM25(k1=k1, b=b)
    retriever.index(analysed.docs, show_progress=False)
    values = np.zeros((len(analysed.queries), len(analysed.docs)), dtype=np.float32)
    for row, query_terms in enumerate(analysed.queries.values()):
        known = [term for term in query_terms if term in retriever.vocab_dict]
        if known:
            values[row] = retriever.get_scores(known)
    return Scores({query_id: row for row, query_id in enumerate(analysed.queries)}, values)


def encode(embedder: SentenceTransformerEmbedder, texts: Sequence[str], what: str) -> Matrix:
    blocks = []
    for start in range(0, len(texts), ENCODE_BLOCK):
        blocks.append(embedder.embed_documents(texts[start : start + ENCODE_BLOCK]))
        done = min(start + ENCODE_BLOCK, len(texts))
        print(f"encoded {done}/{len(texts)} {what}", file=sys.stderr, flush=True)
    return np.concatenate(blocks).astype(np.float32)


def cached_vectors(
    embedder: SentenceTransformerEmbedder, texts: Sequence[str], path: Path, what: str
) -> Matrix:
    """Vectors of ``texts``, from ``path`` when its sidecar names the same model and texts."""
    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()
    key = {"model": embedder.model_name, "count": len(texts), "texts_sha256": digest}
    sidecar = path.with_suffix(".json")
    if path.is_file() and sidecar.is_file() and json.loads(sidecar.read_text()) == key:
        vectors: Matrix = np.load(path)
        return vectors
    vectors = encode(embedder, texts, what)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    sidecar.write_text(json.dumps(key))
    return vectors


def dense_scores(
    collection: Collection, embedder: SentenceTransformerEmbedder, full_corpus: bool
) -> Scores:
    suffix = "" if full_corpus else f"-{len(collection.docs)}docs"
    doc_texts = [f"{doc.title}\n{doc.text}" if doc.title else doc.text for doc in collection.docs]
    docs = cached_vectors(
        embedder, doc_texts, WORK / f"scifact-embeddings{suffix}.npy", "abstracts"
    )
    query_ids = collection.query_ids
    query_texts = [collection.queries[query_id] for query_id in query_ids]
    query_path = WORK / f"scifact-query-embeddings{suffix}.npy"
    queries = cached_vectors(embedder, query_texts, query_path, "claims")
    values: Matrix = queries @ docs.T
    return Scores({query_id: row for row, query_id in enumerate(query_ids)}, values)


# Rankers: query id -> {doc id: score}, best first


def top(scores: Vector, depth: int) -> npt.NDArray[np.intp]:
    depth = min(depth, len(scores))
    best = np.argpartition(-scores, depth - 1)[:depth]
    ranked: npt.NDArray[np.intp] = best[np.argsort(-scores[best], kind="stable")]
    return ranked


def single(scores: Scores, doc_ids: Sequence[str], positive_only: bool = False) -> Ranker:
    def rank(query_id: str) -> Ranking:
        row = scores.row(query_id)
        return {
            doc_ids[index]: float(row[index])
            for index in top(row, RUN_DEPTH)
            if row[index] > 0 or not positive_only
        }

    return rank


@dataclass(frozen=True)
class RrfSettings:
    candidates: int
    rrf_k: int
    dense_weight: float
    lexical_weight: float = 1.0


def reciprocal_rank_fusion(
    dense: Scores, lexical: Scores, doc_ids: Sequence[str], settings: RrfSettings
) -> Ranker:
    def rank(query_id: str) -> Ranking:
        fused: dict[int, float] = {}
        lexical_row = lexical.row(query_id)
        lexical_top = [i for i in top(lexical_row, settings.candidates) if lexical_row[i] > 0]
        lists = (
            (settings.dense_weight, top(dense.row(query_id), settings.candidates)),
            (settings.lexical_weight, lexical_top),
        )
        for weight, ranked in lists:
            for position, index in enumerate(int(index) for index in ranked):
                fused[index] = fused.get(index, 0.0) + weight / (settings.rrf_k + position + 1)
        return {doc_ids[index]: score for index, score in fused.items()}

    return rank


def shipped_fusion(
    dense: Scores, lexical: Scores, doc_ids: Sequence[str], alpha: float | None = None
) -> Ranker:
    """What ``HybridSearcher`` does, at its own candidate depths: the union of each side's top
    candidates, every candidate scored on both sides, fused by ``retrieval.fusion``."""
    settings = SearchSettings()

    def rank(query_id: str) -> Ranking:
        dense_row, lexical_row = dense.row(query_id), lexical.row(query_id)
        dense_top = top(dense_row, settings.dense_candidates)
        lexical_top = [
            i for i in top(lexical_row, settings.lexical_candidates) if lexical_row[i] > 0
        ]
        union = {int(i) for i in dense_top} | {int(i) for i in lexical_top}
        return convex_zscore(
            {doc_ids[i]: float(dense_row[i]) for i in union},
            {doc_ids[i]: float(lexical_row[i]) for i in union},
            alpha=settings.fusion_alpha if alpha is None else alpha,
        )

    return rank


def min_max(scores: Vector) -> Vector:
    fitted = scores[top(scores, RUN_DEPTH)]
    low, high = float(fitted.min()), float(fitted.max())
    return (scores - low) / (high - low) if high > low else np.zeros_like(scores)


def z_score(scores: Vector) -> Vector:
    fitted = scores[top(scores, RUN_DEPTH)]
    spread = float(fitted.std())
    return (scores - float(fitted.mean())) / spread if spread > 0 else np.zeros_like(scores)


def convex(
    dense: Scores, lexical: Scores, doc_ids: Sequence[str], alpha: float, normalize: Normalizer
) -> Ranker:
    def rank(query_id: str) -> Ranking:
        dense_row, lexical_row = dense.row(query_id), lexical.row(query_id)
        candidates = np.union1d(top(dense_row, RUN_DEPTH), top(lexical_row, RUN_DEPTH))
        fused = alpha * normalize(dense_row) + (1 - alpha) * normalize(lexical_row)
        masked = np.full_like(fused, -np.inf)
        masked[candidates] = fused[candidates]
        return {doc_ids[index]: float(masked[index]) for index in top(masked, RUN_DEPTH)}

    return rank


# Evaluation and selection


def evaluate(qrels: Qrels, ranker: Ranker) -> Metrics:
    run = {query_id: ranker(query_id) for query_id in qrels}
    run = {query_id: ranking for query_id, ranking in run.items() if ranking}
    evaluator = pytrec_eval.RelevanceEvaluator(qrels, {"ndcg_cut.10", "recall.100"})
    per_query: dict[str, dict[str, float]] = evaluator.evaluate(run)
    return Metrics(
        ndcg_at_10=mean_measure(per_query, qrels, "ndcg_cut_10"),
        recall_at_100=mean_measure(per_query, qrels, "recall_100"),
    )


def mean_measure(per_query: dict[str, dict[str, float]], qrels: Qrels, measure: str) -> float:
    return sum(per_query.get(query_id, {}).get(measure, 0.0) for query_id in qrels) / len(qrels)


def choose(settings: Iterable[Setting], train: Qrels) -> tuple[Setting, Metrics]:
    """The setting with the best train nDCG@10; the first listed wins a tie."""
    scored = [(setting, evaluate(train, setting.ranker)) for setting in settings]
    return max(scored, key=lambda pair: pair[1].ndcg_at_10)


def tuned(method: str, settings: Iterable[Setting], collection: Collection) -> Outcome:
    setting, train = choose(settings, collection.train)
    return Outcome(method, setting.label, train, evaluate(collection.test, setting.ranker))


# The benchmark


def bm25_label(k1: float, b: float) -> str:
    return f"k1={k1}, b={b}"


def bm25_outcomes(collection: Collection) -> tuple[list[Outcome], Scores]:
    """BM25 with bm25s defaults, and with k1, b chosen on train; returns the chosen scores."""
    analysed = Analysed.of(collection)
    grid = {bm25_label(k1, b): bm25_scores(analysed, k1, b) for k1, b in BM25_GRID}
    doc_ids = collection.doc_ids
    settings = [Setting(label, single(scores, doc_ids, True)) for label, scores in grid.items()]
    default = tuned("BM25 (bm25s defaults)", settings[:1], collection)
    best = tuned("BM25 (k1, b tuned on train)", settings, collection)
    return [default, best], grid[best.setting]


def rrf_settings(dense: Scores, lexical: Scores, doc_ids: Sequence[str]) -> list[Setting]:
    settings = []
    for rrf_k in RRF_KS:
        for ratio in DENSE_TO_LEXICAL:
            search = RrfSettings(candidates=FUSION_CANDIDATES, rrf_k=rrf_k, dense_weight=ratio)
            label = f"rrf_k={rrf_k}, dense_weight={ratio}, lexical_weight=1.0"
            settings.append(Setting(label, reciprocal_rank_fusion(dense, lexical, doc_ids, search)))
    return settings


def convex_settings(
    dense: Scores, lexical: Scores, doc_ids: Sequence[str], normalize: Normalizer
) -> list[Setting]:
    return [
        Setting(f"alpha={alpha} (dense)", convex(dense, lexical, doc_ids, alpha, normalize))
        for alpha in ALPHAS
    ]


def hybrid_outcomes(dense: Scores, lexical: Scores, collection: Collection) -> list[Outcome]:
    doc_ids = collection.doc_ids
    grid = rrf_settings(dense, lexical, doc_ids)
    shipped = [Setting("as shipped", shipped_fusion(dense, lexical, doc_ids))]
    shipped_grid = [
        Setting(f"alpha={alpha} (dense)", shipped_fusion(dense, lexical, doc_ids, alpha))
        for alpha in ALPHAS
    ]
    return [
        tuned("Casebot hybrid search (retrieval.fusion, shipped settings)", shipped, collection),
        tuned("Casebot hybrid search, alpha tuned on train", shipped_grid, collection),
        tuned("Hybrid RRF, k=60, equal weights", grid[:1], collection),
        tuned("Hybrid RRF (k, weights tuned on train)", grid, collection),
        tuned(
            "Convex, min-max (alpha tuned on train)",
            convex_settings(dense, lexical, doc_ids, min_max),
            collection,
        ),
        tuned(
            "Convex, z-score (alpha tuned on train)",
            convex_settings(dense, lexical, doc_ids, z_score),
            collection,
        ),
    ]


def run(collection: Collection, full_corpus: bool) -> tuple[list[Outcome], dict[str, float]]:
    timings: dict[str, float] = {}
    started = time.perf_counter()
    bm25, lexical = bm25_outcomes(collection)
    timings["bm25_seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    dense = dense_scores(collection, SentenceTransformerEmbedder(), full_corpus)
    timings["dense_seconds"] = time.perf_counter() - started
    dense_outcome = tuned(
        "Dense, all-MiniLM-L6-v2 (bundled)",
        [Setting("exact cosine", single(dense, collection.doc_ids))],
        collection,
    )
    started = time.perf_counter()
    hybrids = hybrid_outcomes(dense, lexical, collection)
    timings["fusion_seconds"] = time.perf_counter() - started
    return [*bm25, dense_outcome, *hybrids], timings


# Reporting

REFERENCES = (
    ("BM25, BEIR paper (Anserini)", "published", "0.665", ""),
    ("all-MiniLM-L6-v2, MTEB", "published", "0.6451", "0.925"),
    ("BM25 + cross-encoder rerank of top 100, BEIR paper", "published", "0.688", ""),
    ("Target", "", "≥ 0.73", ""),
)


def report(collection: Collection, outcomes: Sequence[Outcome]) -> str:
    lines = [
        f"Corpus: {len(collection.docs)} abstracts (`../shared/corpus/beir-scifact`); settings "
        f"chosen on {len(collection.train)} train claims, scored on {len(collection.test)} test "
        "claims (`pytrec_eval`, as BEIR). BM25 uses the project's analyzer; hybrids use the "
        "tuned BM25.",
        "",
        "| method | setting (chosen on train) | train nDCG@10 | test nDCG@10 | test Recall@100 |",
        "|---|---|---|---|---|",
    ]
    for outcome in outcomes:
        lines.append(
            f"| {outcome.method} | {outcome.setting} | {outcome.train.ndcg_at_10:.4f} | "
            f"**{outcome.test.ndcg_at_10:.4f}** | {outcome.test.recall_at_100:.4f} |"
        )
    for method, source, ndcg, recall in REFERENCES:
        lines.append(f"| *{method}* | {source} | | {ndcg} | {recall} |")
    return "\n".join(lines)


def write_section(table: str, limit: int | None) -> None:
    command = ".venv/bin/python -m benchmarks.scifact --write"
    if limit:
        command += f" --limit-docs {limit}"
    results.write_section(SECTION.removeprefix("## "), command, table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit-docs", type=int, default=None)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    collection = load_collection(args.corpus)
    if args.limit_docs:
        collection = limit_collection(collection, args.limit_docs)
    outcomes, timings = run(collection, full_corpus=not args.limit_docs)
    table = report(collection, outcomes)
    print(table)
    print(json.dumps({key: round(value, 1) for key, value in timings.items()}))
    if args.write:
        write_section(table, args.limit_docs)


if __name__ == "__main__":
    main()
