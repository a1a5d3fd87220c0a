"""Identifier extraction: precision and recall per kind on a labelled set, and its cost.

    .venv/bin/python -m benchmarks.extraction [--corpus DIR] [--write]

Quality: ``benchmarks/data/identifiers_labelled.jsonl``, short fictional passages (case notes,
seizure reports, marketplace complaints, dockets, payment traces), each with the identifiers an
investigator would mark; 40 of them hold only look-alikes (dates, prices, failing check digits,
numbers without their keyword) that must not match. A found identifier is right when its kind
and normalised value are expected in that passage.

Cost: ``find_identifiers`` over the real shared corpus (the county DA press releases, the statute
chunks, and the first 50 DOJ PDFs' page text), cut into 1,000-character chunks as ingestion
roughly does; the best of three passes. The share of ingestion is taken against the ~90 ms it
takes to embed one such chunk on this machine (the Ingestion section).

Prints Markdown; ``--write`` also replaces the "Identifier extraction" section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks import results
from casework.identifiers import IdentifierKind, IdentifierMatch, find_identifiers

REPO_ROOT = Path(__file__).resolve().parents[1]
LABELLED = REPO_ROOT / "benchmarks" / "data" / "identifiers_labelled.jsonl"
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
CHUNK_CHARS = 1000
PDF_FILES = 50
TIMING_PASSES = 3
EMBEDDING_MS_PER_CHUNK = 90.0
TARGET_PRECISION = 0.97
TARGET_KIND_PRECISION = 0.9
COMMAND = ".venv/bin/python -m benchmarks.extraction --write"


@dataclass(frozen=True)
class Expected:
    kind: IdentifierKind
    value: str
    detail: str | None


@dataclass(frozen=True)
class Passage:
    id: str
    genre: str
    text: str
    expected: tuple[Expected, ...]


@dataclass
class Tally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float | None:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else None

    @property
    def recall(self) -> float | None:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else None


@dataclass
class Scores:
    by_kind: dict[IdentifierKind, Tally] = field(default_factory=dict)
    courts_right: int = 0
    courts_expected: int = 0
    false_positives: list[tuple[str, IdentifierMatch]] = field(default_factory=list)
    misses: list[tuple[str, Expected]] = field(default_factory=list)

    def tally(self, kind: IdentifierKind) -> Tally:
        return self.by_kind.setdefault(kind, Tally())

    @property
    def overall(self) -> Tally:
        total = Tally()
        for tally in self.by_kind.values():
            total.true_positives += tally.true_positives
            total.false_positives += tally.false_positives
            total.false_negatives += tally.false_negatives
        return total


def load_passages(path: Path = LABELLED) -> list[Passage]:
    passages = []
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        expected = tuple(
            Expected(IdentifierKind(item["kind"]), item["value"], item.get("detail"))
            for item in row["expected"]
        )
        passages.append(Passage(row["id"], row["genre"], row["text"], expected))
    return passages


def score(passages: Iterable[Passage]) -> Scores:
    scores = Scores()
    for passage in passages:
        _score_passage(passage, find_identifiers(passage.text), scores)
    return scores


def _score_passage(passage: Passage, found: list[IdentifierMatch], scores: Scores) -> None:
    remaining = list(passage.expected)
    for match in found:
        expected = next(
            (item for item in remaining if (item.kind, item.value) == (match.kind, match.value)),
            None,
        )
        if expected is None:
            scores.tally(match.kind).false_positives += 1
            scores.false_positives.append((passage.id, match))
            continue
        remaining.remove(expected)
        scores.tally(match.kind).true_positives += 1
        if expected.detail is not None:
            scores.courts_expected += 1
            scores.courts_right += match.detail == expected.detail
    for item in remaining:
        scores.tally(item.kind).false_negatives += 1
        scores.misses.append((passage.id, item))
        if item.detail is not None:
            scores.courts_expected += 1


def corpus_texts(corpus: Path) -> list[str]:
    """The plain text of the shared corpus that needs no loader, and the first PDFs' pages."""
    texts = [
        path.read_text(errors="replace")
        for folder, pattern in (
            ("county-da-counterfeit-press-releases-txt", "*.txt"),
            ("us-code-ip-enforcement-statutes", "*.md"),
        )
        for path in sorted((corpus / folder).rglob(pattern))
    ]
    for path in sorted((corpus / "doj-ip-press-releases-pdf").rglob("*.pdf"))[:PDF_FILES]:
        texts.append(_pdf_text(path))
    return texts


def _pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def chunks_of(texts: Iterable[str], size: int = CHUNK_CHARS) -> list[str]:
    return [text[start : start + size] for text in texts for start in range(0, len(text), size)]


@dataclass(frozen=True)
class Timing:
    chunks: int
    characters: int
    ms_per_1000_chars: float
    """Wall clock, best pass."""
    cpu_ms_per_1000_chars: float
    """CPU time of this process, best pass: less disturbed by other work on a shared machine."""
    found: Counter[IdentifierKind]


def time_extraction(chunks: Sequence[str], passes: int = TIMING_PASSES) -> Timing:
    find_identifiers("warm-up: https://example.org (312) 555-0100")
    thousands = sum(len(chunk) for chunk in chunks) / 1000
    wall, cpu = float("inf"), float("inf")
    found: Counter[IdentifierKind] = Counter()
    for _ in range(passes):
        wall_started, cpu_started = time.perf_counter(), time.process_time()
        matches = [match for chunk in chunks for match in find_identifiers(chunk)]
        wall = min(wall, time.perf_counter() - wall_started)
        cpu = min(cpu, time.process_time() - cpu_started)
        found = Counter(match.kind for match in matches)
    characters = round(thousands * 1000)
    return Timing(len(chunks), characters, wall * 1000 / thousands, cpu * 1000 / thousands, found)


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def report(passages: Sequence[Passage], scores: Scores, timing: Timing) -> str:
    negatives = sum(1 for passage in passages if not passage.expected)
    lines = [
        f"Labelled set: {len(passages)} passages (`benchmarks/data/identifiers_labelled.jsonl`), "
        f"{negatives} of them hard negatives only; "
        f"{sum(len(passage.expected) for passage in passages)} expected identifiers. "
        "The passages were written by the recognisers' author, so these figures flatter them; "
        "the matches found in the real corpus (below) are the independent check.",
        "",
        "| kind | expected | found | right | precision | recall |",
        "|---|---|---|---|---|---|",
    ]
    for kind in IdentifierKind:
        tally = scores.by_kind.get(kind, Tally())
        lines.append(_row(kind.value, tally))
    lines.append(_row("**overall**", scores.overall))
    lines += [
        "",
        f"Target: precision ≥ {TARGET_PRECISION} overall, no kind below {TARGET_KIND_PRECISION}. "
        f"Courts of dockets right: {scores.courts_right} of {scores.courts_expected}.",
        "",
        _listing(
            "False positives",
            [f"{pid}: {m.kind} {m.display!r}" for pid, m in scores.false_positives],
        ),
        _listing("Missed", [f"{pid}: {e.kind} {e.value}" for pid, e in scores.misses]),
        "",
        f"Speed: {timing.chunks} chunks of ≤ {CHUNK_CHARS} characters "
        f"({timing.characters:,} characters) of the shared corpus: "
        f"**{timing.ms_per_1000_chars:.3f} ms per 1,000 characters** "
        f"({timing.cpu_ms_per_1000_chars:.3f} ms of CPU), "
        f"{timing.ms_per_1000_chars / EMBEDDING_MS_PER_CHUNK:.2%} of the "
        f"~{EMBEDDING_MS_PER_CHUNK:.0f} ms it takes to embed such a chunk (target ≤ 10 %).",
        "Found there: "
        + ", ".join(f"{kind.value} {count}" for kind, count in timing.found.most_common())
        + ".",
    ]
    return "\n".join(lines)


def _row(name: str, tally: Tally) -> str:
    expected = tally.true_positives + tally.false_negatives
    found = tally.true_positives + tally.false_positives
    return (
        f"| {name} | {expected} | {found} | {tally.true_positives} | "
        f"{_ratio(tally.precision)} | {_ratio(tally.recall)} |"
    )


def _listing(title: str, items: list[str]) -> str:
    return f"{title} ({len(items)}): " + ("; ".join(items) if items else "none") + "."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md")
    args = parser.parse_args()
    passages = load_passages()
    scores = score(passages)
    timing = time_extraction(chunks_of(corpus_texts(args.corpus)))
    body = report(passages, scores, timing)
    print(body)
    if args.write:
        results.write_section("Identifier extraction", COMMAND, body)


if __name__ == "__main__":
    main()
