"""Ingestion benchmark on the shared DOJ press-release PDFs.

    .venv/bin/python -m benchmarks.ingest [--corpus DIR] [--limit N]

Each step runs in its own process (so peak memory is its own), over the same PDFs, on this
machine in one run, in this order:

1. texts: a dry ingest (the real chunker, no model) that records the exact texts the pipeline
   will embed;
2. raw: ``SentenceTransformer.encode`` of those texts, timed after the model is loaded;
3. casebot: first ingest (timed after the model is loaded), checked to embed the same texts,
   then a re-ingest of the unchanged corpus;
4. raw again, so that the pipeline is compared with the mean of a raw encode before and after
   it, and a change in the machine's load during the run shows as a gap between the two;
5. naive: what a LangChain user writes (PyPDFLoader, RecursiveCharacterTextSplitter(1000, 200),
   HuggingFaceEmbeddings, Chroma.from_documents), run twice over the unchanged corpus.

Prints a Markdown table; ``--write`` also replaces the ingestion section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import results

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus" / "doj-ip-press-releases-pdf"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pdf_files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(corpus.rglob("*.pdf"))
    return files[:limit] if limit else files


def stage_corpus(files: Sequence[Path], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for file in files:
        (folder / file.name).symlink_to(file)
    return folder


def load_average() -> float:
    return os.getloadavg()[0]


def texts_digest(texts: Sequence[str]) -> str:
    return hashlib.sha256("\x00".join(texts).encode()).hexdigest()


class RecordingEmbedder:
    """Wraps the real embedder; keeps the texts it embedded and the time spent encoding."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self.model_name = inner.model_name
        self.texts: list[str] = []
        self.encode_seconds = 0.0

    @property
    def max_tokens(self) -> int:
        return int(self._inner.max_tokens)

    @property
    def tokenizer(self) -> Any:
        return self._inner.tokenizer

    def embed_documents(self, texts: Sequence[str]) -> Any:
        started = time.perf_counter()
        vectors = self._inner.embed_documents(texts)
        self.encode_seconds += time.perf_counter() - started
        self.texts.extend(texts)
        return vectors

    def embed_query(self, text: str) -> Any:
        return self._inner.embed_query(text)


class Stopwatch:
    """Total time spent in calls to the functions it wraps."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, function: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


def time_entity_work() -> Stopwatch:
    """Times the extract stage and the storing of mentions, wherever the pipeline calls them."""
    import ingestion.indexer
    from ingestion.extraction import MentionExtractor

    stopwatch = Stopwatch()
    MentionExtractor.extract = stopwatch.wrap(MentionExtractor.extract)  # type: ignore[method-assign]
    indexer_module: Any = ingestion.indexer
    indexer_module.replace_mentions = stopwatch.wrap(indexer_module.replace_mentions)
    return stopwatch


class DryEmbedder(RecordingEmbedder):
    """The real tokenizer and limits, zero vectors: records what the pipeline would embed."""

    def embed_documents(self, texts: Sequence[str]) -> Any:
        import numpy as np

        self.texts.extend(texts)
        return np.zeros((len(texts), 8), dtype=np.float32)


def run_texts(corpus: Path, work: Path) -> dict[str, Any]:
    from bot.services import build_services
    from casework.settings import load_settings
    from ingestion.pipeline import IngestOptions
    from retrieval.embeddings import SentenceTransformerEmbedder

    work.mkdir(parents=True, exist_ok=True)
    embedder = DryEmbedder(SentenceTransformerEmbedder())
    services = build_services(load_settings(CASEBOT_HOME=work / "dry"), embedder=embedder)
    services.ingestion.ingest([corpus], IngestOptions())
    (work / "texts.json").write_text(json.dumps(embedder.texts))
    return {"chunks": len(embedder.texts), "digest": texts_digest(embedder.texts)}


def run_raw(corpus: Path, work: Path) -> dict[str, Any]:
    from retrieval.embeddings import SentenceTransformerEmbedder

    texts = json.loads((work / "texts.json").read_text())
    embedder = SentenceTransformerEmbedder()
    embedder.model  # noqa: B018 - load the model before timing
    load_before = load_average()
    started = time.perf_counter()
    embedder.model.encode(texts, batch_size=embedder.batch_size, normalize_embeddings=True)
    return {
        "seconds": time.perf_counter() - started,
        "load_before": load_before,
        "load_after": load_average(),
    }


def run_casebot(corpus: Path, work: Path) -> dict[str, Any]:
    from bot.services import build_services
    from casework.settings import load_settings
    from ingestion.pipeline import IngestOptions
    from retrieval.embeddings import SentenceTransformerEmbedder

    inner = SentenceTransformerEmbedder()
    inner.model  # noqa: B018 - load the model before timing, as the raw baseline does
    embedder = RecordingEmbedder(inner)
    services = build_services(load_settings(CASEBOT_HOME=work / "home"), embedder=embedder)
    services.engine  # noqa: B018 - migrations are start-up work, not ingestion
    entity_work = time_entity_work()

    load_before = load_average()
    started = time.perf_counter()
    first = services.ingestion.ingest([corpus], IngestOptions())
    first_seconds = time.perf_counter() - started
    load_after = load_average()
    peak_after_ingest = peak_rss_mb()

    started = time.perf_counter()
    second = services.ingestion.ingest([corpus], IngestOptions())
    second_seconds = time.perf_counter() - started
    return {
        "chunks": first.chunks,
        "documents": first.added,
        "failed": len(first.failed),
        "digest": texts_digest(embedder.texts),
        "first_seconds": first_seconds,
        "load_before": load_before,
        "load_after": load_after,
        "encode_seconds_in_pipeline": embedder.encode_seconds,
        "second_seconds": second_seconds,
        "second_unchanged": second.unchanged,
        "second_chunks": second.chunks,
        "index_entries_after_second": services.vector_index.count(),
        "entity_seconds": entity_work.seconds,
        "peak_rss_mb": peak_after_ingest,
    }


def run_naive(corpus: Path, work: Path) -> dict[str, Any]:
    from langchain_chroma import Chroma
    from langchain_community.document_loaders import PyPDFLoader
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from casework.settings import BUNDLED_MODEL
    from retrieval.embeddings import resolve_model_path

    embeddings = HuggingFaceEmbeddings(model=resolve_model_path(BUNDLED_MODEL))
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    runs = []
    for _ in range(2):
        started = time.perf_counter()
        pages = []
        for path in sorted(corpus.glob("*.pdf")):
            pages.extend(PyPDFLoader(str(path)).load())
        parse_seconds = time.perf_counter() - started
        chunks = splitter.split_documents(pages)
        store = Chroma.from_documents(
            chunks, embeddings, persist_directory=str(work / "naive-chroma")
        )
        runs.append(
            {
                "seconds": time.perf_counter() - started,
                "parse_seconds": parse_seconds,
                "chunks": len(chunks),
                "index_entries": store._collection.count(),
            }
        )
    return {"runs": runs, "peak_rss_mb": peak_rss_mb()}


def child(phase: str, corpus: Path, work: Path) -> dict[str, Any]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.ingest",
            "--phase",
            phase,
            "--corpus",
            str(corpus),
            "--work",
            str(work),
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


PHASES = {"texts": run_texts, "raw": run_raw, "casebot": run_casebot, "naive": run_naive}


def report(
    files: int, casebot: dict[str, Any], raw: Sequence[dict[str, Any]], naive: dict[str, Any]
) -> str:
    first, second = naive["runs"]
    pipeline_rate = casebot["chunks"] / casebot["first_seconds"]
    raw_rates = [casebot["chunks"] / run["seconds"] for run in raw]
    raw_rate = sum(raw_rates) / len(raw_rates)
    loads = [raw[0]["load_before"], casebot["load_before"], raw[-1]["load_after"]]
    lines = [
        f"Corpus: {files} DOJ press-release PDFs (`../shared/corpus/doj-ip-press-releases-pdf`).",
        "",
        "| measure | Casebot | naive LangChain |",
        "|---|---|---|",
        f"| chunks | {casebot['chunks']} | {first['chunks']} |",
        f"| first ingest, s | {casebot['first_seconds']:.1f} | {first['seconds']:.1f} |",
        f"| chunks/s end to end | {pipeline_rate:.1f} | {first['chunks'] / first['seconds']:.1f} |",
        "| raw `encode` of the same chunks, chunks/s (before / after the pipeline) | "
        + " / ".join(f"{rate:.1f}" for rate in raw_rates)
        + " | |",
        f"| pipeline / mean raw encode (target ≥ 0.9) | {pipeline_rate / raw_rate:.2f} | |",
        f"| time outside the encoder, s | "
        f"{casebot['first_seconds'] - casebot['encode_seconds_in_pipeline']:.1f} | "
        f"{first['parse_seconds']:.1f} (PDF parsing alone) |",
        f"| identifier and name extraction (with storing mentions), s | "
        f"{casebot['entity_seconds']:.1f} = "
        f"{100 * casebot['entity_seconds'] / casebot['first_seconds']:.1f} % of the first ingest "
        "(target ≤ 10 %) | |",
        f"| re-ingest unchanged corpus, s | {casebot['second_seconds']:.2f} | "
        f"{second['seconds']:.1f} |",
        f"| re-ingest / first ingest (target ≤ 1 %) | "
        f"{100 * casebot['second_seconds'] / casebot['first_seconds']:.2f} % | "
        f"{100 * second['seconds'] / first['seconds']:.0f} % |",
        f"| index entries after the second run | {casebot['index_entries_after_second']} | "
        f"{second['index_entries']} |",
        f"| peak memory (max RSS), MB | {casebot['peak_rss_mb']:.0f} | "
        f"{naive['peak_rss_mb']:.0f} |",
        f"| files failed | {casebot['failed']} | |",
        "| load average (1 min) before raw, before pipeline, after raw | "
        + " / ".join(f"{load:.1f}" for load in loads)
        + " | |",
        "",
        "Raw `encode` ran in its own process before and after Casebot's ingest; the ratio is "
        "against their mean. Between its two runs the raw rate moved by "
        f"{100 * abs(raw_rates[0] - raw_rates[-1]) / raw_rate:.1f} %, which bounds how much "
        "of the ratio is the machine rather than the pipeline. Peak memory is each process's "
        "own maximum resident set, measured after its first ingest.",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--phase", choices=sorted(PHASES))
    parser.add_argument("--work", type=Path)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(PHASES[args.phase](args.corpus, args.work)))
        return
    files = pdf_files(args.corpus, args.limit)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = stage_corpus(files, Path(scratch) / "corpus")
        work = Path(scratch) / "casebot"
        texts = child("texts", corpus, work)
        raw = [child("raw", corpus, work)]
        casebot = child("casebot", corpus, work)
        raw.append(child("raw", corpus, work))
        naive = child("naive", corpus, Path(scratch) / "naive")
    if casebot["digest"] != texts["digest"]:
        raise SystemExit("the pipeline embedded other texts than the dry run recorded")
    table = report(len(files), casebot, raw, naive)
    print(table)
    print(json.dumps({"texts": texts, "raw": raw, "casebot": casebot, "naive": naive}))
    if args.write:
        write_section(table, args.limit)


def write_section(table: str, limit: int | None) -> None:
    command = ".venv/bin/python -m benchmarks.ingest --write"
    if limit:
        command += f" --limit {limit}"
    results.write_section("Ingestion", command, table)


if __name__ == "__main__":
    main()
