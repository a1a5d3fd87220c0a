"""Ingestion benchmark on the shared DOJ press-release PDFs.

    .venv/bin/python -m benchmarks.ingest [--corpus DIR] [--limit N]

Each pipeline runs in its own process (so peak memory is its own), over the same PDFs, on this
machine in one run:

* casebot: first ingest (timed after the model is loaded), then raw ``SentenceTransformer.encode``
  of exactly the texts the pipeline embedded, then a re-ingest of the unchanged corpus;
* naive: what a LangChain user writes (PyPDFLoader, RecursiveCharacterTextSplitter(1000, 200),
  HuggingFaceEmbeddings, Chroma.from_documents), run twice over the unchanged corpus.

Prints a Markdown table; ``--write`` also replaces the ingestion section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
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

    started = time.perf_counter()
    first = services.ingestion.ingest([corpus], IngestOptions())
    first_seconds = time.perf_counter() - started
    peak_after_ingest = peak_rss_mb()

    started = time.perf_counter()
    inner.model.encode(embedder.texts, batch_size=inner.batch_size, normalize_embeddings=True)
    raw_seconds = time.perf_counter() - started

    started = time.perf_counter()
    second = services.ingestion.ingest([corpus], IngestOptions())
    second_seconds = time.perf_counter() - started
    return {
        "chunks": first.chunks,
        "documents": first.added,
        "failed": len(first.failed),
        "first_seconds": first_seconds,
        "encode_seconds_in_pipeline": embedder.encode_seconds,
        "raw_encode_seconds": raw_seconds,
        "second_seconds": second_seconds,
        "second_unchanged": second.unchanged,
        "second_chunks": second.chunks,
        "index_entries_after_second": services.vector_index.count(),
        "entity_seconds": entity_work.seconds,
        "peak_rss_mb": peak_after_ingest,
        "peak_rss_mb_with_raw_encode": peak_rss_mb(),
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


def report(files: int, casebot: dict[str, Any], naive: dict[str, Any]) -> str:
    first, second = naive["runs"]
    pipeline_rate = casebot["chunks"] / casebot["first_seconds"]
    raw_rate = casebot["chunks"] / casebot["raw_encode_seconds"]
    lines = [
        f"Corpus: {files} DOJ press-release PDFs (`../shared/corpus/doj-ip-press-releases-pdf`).",
        "",
        "| measure | Casebot | naive LangChain |",
        "|---|---|---|",
        f"| chunks | {casebot['chunks']} | {first['chunks']} |",
        f"| first ingest, s | {casebot['first_seconds']:.1f} | {first['seconds']:.1f} |",
        f"| chunks/s end to end | {pipeline_rate:.1f} | {first['chunks'] / first['seconds']:.1f} |",
        f"| raw `encode` of the same chunks, chunks/s | {raw_rate:.1f} | |",
        f"| pipeline / raw encode (target ≥ 0.9) | {pipeline_rate / raw_rate:.2f} | |",
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
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--phase", choices=["casebot", "naive"])
    parser.add_argument("--work", type=Path)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if args.phase:
        run = run_casebot if args.phase == "casebot" else run_naive
        print(json.dumps(run(args.corpus, args.work)))
        return
    files = pdf_files(args.corpus, args.limit)
    with tempfile.TemporaryDirectory() as scratch:
        corpus = stage_corpus(files, Path(scratch) / "corpus")
        casebot = child("casebot", corpus, Path(scratch) / "casebot")
        naive = child("naive", corpus, Path(scratch) / "naive")
    table = report(len(files), casebot, naive)
    print(table)
    print(json.dumps({"casebot": casebot, "naive": naive}))
    if args.write:
        write_section(table, args.limit)


def write_section(table: str, limit: int | None) -> None:
    command = ".venv/bin/python -m benchmarks.ingest --write"
    if limit:
        command += f" --limit {limit}"
    results.write_section("Ingestion", command, table)


if __name__ == "__main__":
    main()
