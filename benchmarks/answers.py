"""Answer quality on the domain question set, side by side with the naive LangChain pipeline.

    .venv/bin/python -m benchmarks.answers [--calibrate] [--naive] [--failures] [--write]
        [--without-frozen] [--chat]

Indexes the shared domain corpus (DOJ, DA, statutes, dockets, TSDR) once under
benchmarks/.work/, then asks every question of benchmarks/data/domain_questions.jsonl and the
demo case's questions as the local operator and measures: the expected document among the top 3
retrieved, the expected facts present in the answer or its quotes, abstention on unanswerable and
answering of answerable questions, and warm latency; in one table with a column for the questions
the answerer was tuned on, the old held-out ones, the blind validation set and the frozen set.
The naive pipeline (RecursiveCharacterTextSplitter(1000, 200) + MiniLM +
Chroma.similarity_search(k=3)) is measured on the same files. ``--calibrate`` refits the
answerability model on the tuned-on questions and writes
retrieval/answering/answerability.json (its out-of-fold rates are reported); it leaves the
frozen set out unless the table is written too (``--write``).
``--chat`` asks every set's questions but the frozen set's again typed all in lowercase, led
into with "can you tell me" and after a statement ("I'm working a referral on this one.").
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import results
from bot.services import Services, build_services
from casework.access import Viewer
from casework.markings import Kind
from casework.settings import BUNDLED_MODEL, load_settings
from ingestion.pipeline import IngestOptions
from retrieval.answering.answerability import FEATURES, AnswerabilityModel
from retrieval.answering.extractive import ExtractiveAnswerer
from retrieval.answering.model import Answer
from retrieval.embeddings import resolve_model_path

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
WORK = REPO_ROOT / "benchmarks" / ".work"
QUESTIONS = REPO_ROOT / "benchmarks" / "data" / "domain_questions.jsonl"
DEMO = REPO_ROOT / "casework" / "demo"
CALIBRATION = REPO_ROOT / "retrieval" / "answering" / "answerability.json"
HOLDOUT = "holdout"
FROZEN = "frozen"
FROZEN_QUESTIONS = REPO_ROOT / "benchmarks" / "data" / "frozen"
"""Questions written blind, by people shown only the corpus's documents (never the answerer,
its features or its failures), frozen before any tuning: never tuned or calibrated on."""
BLIND_DEV = "blind-dev"
BLIND_DEV_QUESTIONS = REPO_ROOT / "benchmarks" / "data" / "blind_dev"
"""Questions written blind like the frozen set, by other writers, but tuned and calibrated on:
questions worded by people who never saw the answerer, for it to learn from."""
BLIND_VALIDATION = "blind-validation"
BLIND_VALIDATION_QUESTIONS = REPO_ROOT / "benchmarks" / "data" / "blind_validation"
"""Questions written blind by a third group of writers, never tuned or calibrated on: a change
measured on the tuning sets is kept only if it does not cost these, so the frozen set is not
the first place a change that does not carry over shows."""
DOMAIN_FOLDERS = (
    "doj-ip-press-releases-pdf/counterfeit_trademark",
    "doj-ip-press-releases-pdf/other_ip_crime",
    "county-da-counterfeit-press-releases-txt",
    "us-code-ip-enforcement-statutes",
    "pacer-dockets-ip-cases",
    "uspto-tsdr-trademark-records",
)


@dataclass(frozen=True)
class QuestionCase:
    id: str
    question: str
    answerable: bool
    expected_sources: list[str]
    facts: list[str]
    kind: str
    split: str = "dev"
    """"dev" questions were used to tune the answerer; "holdout" ones were written before the
    tuning and are kept out of it (and out of the calibration)."""


@dataclass(frozen=True)
class Outcome:
    case: QuestionCase
    answer: Answer
    top3_sources: list[str]
    search_seconds: float
    answer_seconds: float

    @property
    def cited_sources(self) -> list[str]:
        return [citation.source for citation in self.answer.citations]

    @property
    def found_in_top3(self) -> bool:
        return _matches_any(self.top3_sources, self.case.expected_sources)

    @property
    def cited_expected(self) -> bool:
        return not self.answer.abstained and _matches_any(
            self.cited_sources, self.case.expected_sources
        )

    @property
    def facts_found(self) -> int:
        """Expected facts in the answer's text or in the sentences it quotes (an abstention's
        closest documents do not count), compared case-insensitively, whitespace collapsed."""
        if self.answer.abstained:
            return 0
        said = [self.answer.text, *(citation.quote for citation in self.answer.citations)]
        text = _normalise(" \n ".join(said))
        return sum(_normalise(fact) in text for fact in self.case.facts)


def demo_questions() -> list[QuestionCase]:
    """The demo case's own questions (casework/demo/questions.expected.json)."""
    data = json.loads((DEMO / "questions.expected.json").read_text())
    return [
        QuestionCase(
            id=f"demo{index}",
            question=item["question"],
            answerable=item["expected_source"] is not None,
            expected_sources=[item["expected_source"]] if item["expected_source"] else [],
            facts=item["facts"],
            kind="demo",
        )
        for index, item in enumerate(data, start=1)
    ]


def load_questions(path: Path = QUESTIONS, split: str | None = None) -> list[QuestionCase]:
    """The questions of a JSON-lines file; ``split`` overrides the file's own."""
    cases = []
    for line in path.read_text().splitlines():
        if line.strip():
            data = json.loads(line)
            cases.append(
                QuestionCase(
                    id=data["id"],
                    question=data["question"],
                    answerable=data["answerable"],
                    expected_sources=data["expected_sources"],
                    facts=data["facts"],
                    kind=data.get("kind", ""),
                    split=split or data.get("split", "dev"),
                )
            )
    return cases


def frozen_questions() -> list[QuestionCase]:
    return _folder_questions(FROZEN_QUESTIONS, FROZEN)


def blind_dev_questions() -> list[QuestionCase]:
    return _folder_questions(BLIND_DEV_QUESTIONS, BLIND_DEV)


def blind_validation_questions() -> list[QuestionCase]:
    return _folder_questions(BLIND_VALIDATION_QUESTIONS, BLIND_VALIDATION)


def _folder_questions(folder: Path, split: str) -> list[QuestionCase]:
    return [case for path in sorted(folder.glob("*.jsonl")) for case in load_questions(path, split)]


def staged_corpus() -> Path:
    """The domain folders, less the corpus's own SOURCE.txt notes, as links under .work/."""
    staged = WORK / "domain-corpus"
    for folder in DOMAIN_FOLDERS:
        for path in (CORPUS / folder).rglob("*"):
            if path.is_file() and path.name != "SOURCE.txt":
                link = staged / path.relative_to(CORPUS)
                if not link.exists():
                    link.parent.mkdir(parents=True, exist_ok=True)
                    link.symlink_to(path)
    return staged


def domain_services() -> Services:
    services = build_services(load_settings(CASEBOT_HOME=WORK / "domain-home"))
    staged = staged_corpus()
    report = services.ingestion.ingest(
        [staged / folder for folder in DOMAIN_FOLDERS], IngestOptions()
    )
    if report.failed:
        print(f"warning: {len(report.failed)} files failed to ingest: {report.failed[:3]}")
    services.ingestion.ingest(
        [DEMO / "case-notes"], IngestOptions(kind=Kind.NOTE, case_id="OP-HARBOR-LIGHT")
    )
    services.ingestion.ingest([DEMO / "filings"], IngestOptions())
    services.lexical_index.refresh()
    return services


def ask_all(services: Services, cases: Sequence[QuestionCase]) -> list[Outcome]:
    viewer = Viewer.operator()
    services.answers.ask("warm up", viewer)
    outcomes = []
    for case in cases:
        started = time.perf_counter()
        result = services.searcher.search(case.question, viewer)
        searched = time.perf_counter()
        answer = services.extractive_answerer.answer(case.question, result)
        answered = time.perf_counter()
        top3 = _distinct_sources([hit.source for hit in result.hits])[:3]
        outcomes.append(Outcome(case, answer, top3, searched - started, answered - searched))
    return outcomes


def summarise(outcomes: Sequence[Outcome]) -> dict[str, float]:
    answerable = [o for o in outcomes if o.case.answerable]
    unanswerable = [o for o in outcomes if not o.case.answerable]
    facts_total = sum(len(o.case.facts) for o in answerable)
    total_seconds = [o.search_seconds + o.answer_seconds for o in outcomes]
    return {
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "top3": _share(o.found_in_top3 for o in answerable),
        "cited_expected": _share(o.cited_expected for o in answerable),
        "facts": sum(o.facts_found for o in answerable) / max(facts_total, 1),
        "answered_answerable": _share(not o.answer.abstained for o in answerable),
        "abstained_unanswerable": _share(o.answer.abstained for o in unanswerable),
        "abstained_or_gap_named": _share(
            o.answer.abstained or bool(o.answer.unanswered) for o in unanswerable
        ),
        "auc": _auc(
            [o.answer.confidence for o in answerable], [o.answer.confidence for o in unanswerable]
        ),
        "p50_ms": 1000 * statistics.median(total_seconds),
        "p95_ms": 1000 * float(np.percentile(total_seconds, 95)),
        "search_p50_ms": 1000 * statistics.median(o.search_seconds for o in outcomes),
        "answer_p50_ms": 1000 * statistics.median(o.answer_seconds for o in outcomes),
    }


def print_failures(outcomes: Sequence[Outcome]) -> None:
    """The misses of the tuned-on and held-out questions: never the validation or frozen set's,
    which are looked at only as aggregates."""
    for o in outcomes:
        if o.case.split in (BLIND_VALIDATION, FROZEN):
            continue
        wrong = (
            o.case.answerable and (o.answer.abstained or o.facts_found < len(o.case.facts))
        ) or (not o.case.answerable and not o.answer.abstained)
        if wrong:
            print(f"\n{o.case.id} [{o.case.kind}] {o.case.question}")
            print(f"  expected {o.case.expected_sources[:1]} facts {o.case.facts}")
            print(f"  top3 {[Path(s).name[:50] for s in o.top3_sources]}")
            print(
                f"  conf {o.answer.confidence:.2f} abstained {o.answer.abstained}: "
                f"{o.answer.text[:300]!r}"
            )


def calibrate(services: Services, cases: Sequence[QuestionCase]) -> dict[str, Any]:
    """Fit the answerability model on candidate sentences: a sentence of an answerable
    question's candidates that contains one of its expected facts is a positive, every other
    candidate (all of an unanswerable question's) a negative. A question's score is the best
    probability among the candidates that may decide it (``may_decide``); the threshold is
    chosen on out-of-fold scores (folds by question): the highest that answers
    ``ANSWERED_TARGET`` of the answerable questions. ``cases`` should leave out the held-out
    questions."""
    from sklearn.model_selection import GroupKFold

    viewer = Viewer.operator()
    # The shipped model may have been fitted on other features; measuring evidence needs none.
    unfitted = AnswerabilityModel(weights=(0.0,) * len(FEATURES), bias=0.0, threshold=0.5)
    answerer = ExtractiveAnswerer(services.embedder, services.lexical_index.idf, unfitted)
    features, labels, groups, deciding = [], [], [], []
    for index, case in enumerate(cases):
        result = services.searcher.search(case.question, viewer)
        for text, evidence, decides in answerer.evidence_of_candidates(case.question, result):
            features.append(evidence.vector())
            labels.append(int(case.answerable and _has_fact(text, case.facts)))
            groups.append(index)
            deciding.append(decides)
    x, y, g = np.array(features), np.array(labels), np.array(groups)
    scores = np.zeros(len(cases))
    for train, test in GroupKFold(n_splits=8).split(x, y, g):
        fold = _regression().fit(x[train], y[train])
        probabilities = fold.predict_proba(x[test])[:, 1]
        for row, question, probability in zip(test, g[test], probabilities, strict=True):
            if deciding[row]:
                scores[question] = max(scores[question], probability)
    answerable = np.array([case.answerable for case in cases], dtype=int)
    threshold, answered, abstained = _threshold_answering(scores, answerable, ANSWERED_TARGET)
    final = _regression().fit(x, y)
    return {
        "features": list(FEATURES),
        "weights": [round(float(w), 4) for w in final.coef_[0]],
        "bias": round(float(final.intercept_[0]), 4),
        "threshold": round(threshold, 4),
        "fitted_on": (
            f"{len(x)} candidate sentences of the {len(cases)} tuned-on questions (domain "
            f"questions not held out, the demo case's and the blind-written tuning set; "
            f"{int(y.sum())} sentences contain an "
            f"expected fact); class-balanced logistic regression with non-negative weights "
            f"(C={C}); threshold: the highest that answers {ANSWERED_TARGET:.0%} of answerable "
            f"questions on 8-fold out-of-fold question scores (folds by question), where it "
            f"answers {answered:.1%} of answerable and abstains on {abstained:.1%} of "
            f"unanswerable questions"
        ),
    }


C = 1.0


def _has_fact(text: str, facts: Sequence[str]) -> bool:
    normalised = _normalise(text)
    return any(_normalise(fact) in normalised for fact in facts)


def _regression() -> NonNegativeLogistic:
    return NonNegativeLogistic(c=C)


class NonNegativeLogistic:
    """Class-balanced, L2-regularised logistic regression whose weights may not go below zero.

    Every signal is built so that more of it means "more likely answers"; on 71 questions an
    unconstrained fit gives some of them negative weights to offset others they correlate with
    (coverage against similarity), which then ranks a row about the wrong port first."""

    def __init__(self, c: float) -> None:
        self.c = c
        self.coef_ = np.zeros((1, 0))
        self.intercept_ = np.zeros(1)

    def fit(self, x: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> NonNegativeLogistic:
        from scipy.optimize import minimize  # type: ignore[import-untyped]

        positives = max(int(y.sum()), 1)
        negatives = max(len(y) - positives, 1)
        sample = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * negatives))

        def loss(theta: np.ndarray[Any, Any]) -> tuple[float, np.ndarray[Any, Any]]:
            weights, bias = theta[:-1], theta[-1]
            logits = x @ weights + bias
            probability = 1.0 / (1.0 + np.exp(-logits))
            value = float(np.sum(sample * (np.logaddexp(0.0, logits) - y * logits)))
            value += float(weights @ weights) / (2 * self.c)
            residual = sample * (probability - y)
            gradient = np.append(x.T @ residual + weights / self.c, residual.sum())
            return value, gradient

        bounds = [(0.0, None)] * x.shape[1] + [(None, None)]
        start = np.zeros(x.shape[1] + 1)
        result = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds)
        self.coef_ = result.x[:-1].reshape(1, -1)
        self.intercept_ = result.x[-1:]
        return self

    def predict_proba(self, x: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        probability = 1.0 / (1.0 + np.exp(-(x @ self.coef_[0] + self.intercept_[0])))
        return np.column_stack([1.0 - probability, probability])


ANSWERED_TARGET = 0.95
"""Share of answerable questions the threshold must answer (out of fold): an investigator
told "no evidence" when the evidence is there stops asking, so the threshold abstains as much
as it can while answering this many."""


def _threshold_answering(
    scores: np.ndarray[Any, Any], labels: np.ndarray[Any, Any], answered_target: float
) -> tuple[float, float, float]:
    """The highest threshold that still answers ``answered_target`` of the answerable
    questions, with its answered and abstained rates; placed halfway between that question's
    score and the next lower one, not on it, so that a new question scoring a hair below a
    fitted one is not the first to be abstained on."""
    best = (0.0, 1.0, float(np.mean(scores[labels == 0] < 0.0)))
    below = 0.0
    candidates = sorted(set(np.round(scores, 4)))
    for lower, threshold in zip([0.0, *candidates], candidates, strict=True):
        answered = float(np.mean(scores[labels == 1] >= threshold))
        if answered < answered_target:
            break
        best = (float(threshold), answered, float(np.mean(scores[labels == 0] < threshold)))
        below = float(lower)
    threshold, answered, abstained = best
    return (threshold + below) / 2, answered, abstained


def naive_baseline(cases: Sequence[QuestionCase]) -> dict[str, Any]:
    from langchain_chroma import Chroma
    from langchain_community.document_loaders import PyPDFLoader
    from langchain_core.documents import Document
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    embeddings = HuggingFaceEmbeddings(model=resolve_model_path(BUNDLED_MODEL))
    folder = WORK / "naive-chroma"
    built = folder.exists()
    store = Chroma(embedding_function=embeddings, persist_directory=str(folder))
    if not built:
        pages: list[Document] = []
        for path in _domain_files():
            if path.suffix == ".pdf":
                pages.extend(PyPDFLoader(str(path)).load())
            elif path.suffix != ".zip":
                text = path.read_text(errors="replace")
                pages.append(Document(page_content=text, metadata={"source": str(path)}))
        chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(
            pages
        )
        store.add_documents(chunks)
    answerable_top1, unanswerable_top1 = [], []
    found, facts_found, facts_total = 0, 0, 0
    for case in cases:
        results = store.similarity_search_with_relevance_scores(case.question, k=3)
        top1 = results[0][1] if results else 0.0
        if not case.answerable:
            unanswerable_top1.append(top1)
            continue
        answerable_top1.append(top1)
        sources = [str(doc.metadata.get("source", "")) for doc, _ in results]
        found += _matches_any(sources, case.expected_sources)
        text = _normalise(" ".join(doc.page_content for doc, _ in results))
        facts_found += sum(_normalise(fact) in text for fact in case.facts)
        facts_total += len(case.facts)
    return {
        "questions_label": (
            f"{len(answerable_top1)} / {len(unanswerable_top1)} "
            f"({', '.join(sorted({case.split for case in cases}))}; no demo case)"
        ),
        "top3": found / max(len(answerable_top1), 1),
        "facts_in_top3_chunks": facts_found / max(facts_total, 1),
        "auc_top1_similarity": _auc(answerable_top1, unanswerable_top1),
    }


def _domain_files() -> list[Path]:
    return sorted(
        path
        for folder in DOMAIN_FOLDERS
        for path in (CORPUS / folder).rglob("*")
        if path.is_file() and path.name != "SOURCE.txt"
    )


def _matches_any(sources: Sequence[str], expected: Sequence[str]) -> bool:
    return any(
        source.split("!/")[0].endswith("/" + wanted) for source in sources for wanted in expected
    )


def _distinct_sources(sources: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(sources))


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def _share(flags: Any) -> float:
    values = [bool(flag) for flag in flags]
    return sum(values) / max(len(values), 1)


def _auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


TUNED_ON = ("dev", BLIND_DEV)
COLUMNS = (
    ("dev", "tuned on (dev + demo)"),
    (BLIND_DEV, "tuned on (written blind)"),
    (HOLDOUT, "old held-out"),
    (BLIND_VALIDATION, "validation (written blind)"),
    (FROZEN, "frozen (written blind)"),
)
MISSING = "—"


def report(outcomes: Sequence[Outcome], naive: dict[str, Any] | None) -> str:
    """One table: a column per question set (a set left out of the run shows "—"), and the
    naive pipeline's column."""
    columns = [_column([o for o in outcomes if o.case.split == split]) for split, _ in COLUMNS]
    naive_column = _naive_column(naive)
    header = ["measure", *(label for _, label in COLUMNS), "naive LangChain"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row, name in enumerate(ROWS):
        cells = [column[row] for column in columns] + [naive_column[row]]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


ROWS = (
    "questions (answerable / unanswerable)",
    "expected document in the top 3 (target ≥ 95 %)",
    "expected facts in the answer or its quotes (target ≥ 85 %)",
    "answerable questions answered (target ≥ 95 %)",
    "unanswerable questions abstained (target 100 %)",
    "unanswerable questions abstained, or answered in part with the part no source answers named",
    "ask latency p50 / p95, warm, extractive",
)


def chat_table(services: Services, cases: Sequence[QuestionCase]) -> str:
    """The same questions as written, typed all in lowercase, led into and after a statement,
    the ways chat messages often are."""
    variants = {
        "as written": cases,
        "typed in lowercase": [replace(c, question=c.question.lower()) for c in cases],
        'after "can you tell me"': [replace(c, question=_led_into(c.question)) for c in cases],
        "after a statement": [replace(c, question=STATEMENT + c.question) for c in cases],
    }
    columns = [_column(ask_all(services, asked)) for asked in variants.values()]
    lines = ["| measure | " + " | ".join(variants) + " |", "|---" * (len(variants) + 1) + "|"]
    rows = zip(ROWS, *columns, strict=True)
    lines += [f"| {name} | " + " | ".join(cells) + " |" for name, *cells in rows]
    return "\n".join(lines)


STATEMENT = "I'm working a referral on this one. "


def _led_into(question: str) -> str:
    first, rest = question.split(" ", 1)
    return f"Can you tell me {first if first.isupper() else first.lower()} {rest}"


def _column(outcomes: Sequence[Outcome]) -> list[str]:
    if not outcomes:
        return [MISSING] * len(ROWS)
    numbers = summarise(outcomes)
    return [
        f"{numbers['answerable']:.0f} / {numbers['unanswerable']:.0f}",
        _pct(numbers["top3"]),
        _pct(numbers["facts"]),
        _pct(numbers["answered_answerable"]),
        _pct(numbers["abstained_unanswerable"]),
        _pct(numbers["abstained_or_gap_named"]),
        f"{numbers['p50_ms']:.0f} / {numbers['p95_ms']:.0f} ms",
    ]


def _naive_column(naive: dict[str, Any] | None) -> list[str]:
    if naive is None:
        return [MISSING] * len(ROWS)
    return [
        str(naive["questions_label"]),
        _pct(naive["top3"]),
        f"{_pct(naive['facts_in_top3_chunks'])} (in its top-3 chunks)",
        "always answers",
        "never abstains",
        "never abstains",
        MISSING,
    ]


def _pct(value: float) -> str:
    return f"{100 * value:.1f} %"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--naive", action="store_true", help="also run the naive baseline")
    parser.add_argument("--failures", action="store_true", help="print every miss")
    parser.add_argument("--write", action="store_true")
    parser.add_argument(
        "--chat",
        action="store_true",
        help="also ask the tuned-on and held-out questions typed as chat messages often are",
    )
    parser.add_argument(
        "--without-frozen",
        action="store_true",
        help="leave the frozen set out (while working on the answerer: it is never looked at then)",
    )
    args = parser.parse_args()
    if args.write and args.without_frozen:
        parser.error("--write reports the frozen set too: run it without --without-frozen")
    # A refit is judged on the tuning sets; the frozen set is measured when the table is written.
    leave_frozen = args.without_frozen or (args.calibrate and not args.write)
    frozen = [] if leave_frozen else frozen_questions()
    validation = blind_validation_questions()
    cases = load_questions() + demo_questions() + blind_dev_questions() + validation + frozen
    services = domain_services()
    if args.calibrate:
        calibration = calibrate(services, [case for case in cases if case.split in TUNED_ON])
        CALIBRATION.write_text(json.dumps(calibration, indent=2) + "\n")
        print(calibration["fitted_on"])
        services = domain_services()
        services.__dict__.pop("extractive_answerer", None)
    outcomes = ask_all(services, cases)
    domain = load_questions() + blind_dev_questions() + validation + frozen
    naive = naive_baseline(domain) if args.naive else None
    table = report(outcomes, naive)
    print(table)
    if args.failures:
        print_failures(outcomes)
    if args.chat:
        print(chat_table(services, [case for case in cases if case.split != FROZEN]))
    if args.write:
        write_section(table, naive is not None)


def write_section(table: str, with_naive: bool) -> None:
    command = ".venv/bin/python -m benchmarks.answers --write" + (" --naive" if with_naive else "")
    fitted_on = json.loads(CALIBRATION.read_text())["fitted_on"]
    body = (
        "Questions: `benchmarks/data/domain_questions.jsonl` over the shared DOJ, DA, statute, "
        "docket and TSDR corpus, the demo case's questions, and `benchmarks/data/blind_dev/`, "
        "questions written blind (by people shown only the documents) and tuned on. The held-out "
        "questions "
        '(`"split": "holdout"`) were written before the answerer was tuned and take part in '
        "neither the tuning nor the calibration. The validation set "
        "(`benchmarks/data/blind_validation/`) was written blind by a third group of writers "
        "and is never tuned or calibrated on; a change is kept only if it does not cost these "
        "questions, so they flatter the answerer a little more than the frozen set. "
        "The frozen set (`benchmarks/data/frozen/`) was "
        "written blind, by people shown only the corpus's documents, and is never tuned or "
        "calibrated on. Each set has its own column; the naive pipeline's column covers the "
        "domain questions of every set in the run (not the demo case's).\n\n"
        "Measures: the expected document among the first 3 distinct documents retrieved; an "
        "expected fact counts as found when it occurs in the answer's text or in one of the "
        "sentences it quotes, compared case-insensitively with whitespace collapsed (an "
        "abstention finds none); latency is the warm search plus answer composition of each "
        "question, extractive.\n\n"
        "Abstention: each candidate sentence gets a probability of answering from the logistic "
        "model in `retrieval/answering/answerability.json`; a question's confidence is its best "
        "sentence's (for a question that asks for a kind of thing, a date, a name or an amount, "
        "its best among the sentences that hold one about what is asked), and the answerer "
        "abstains below the model's threshold (three quarters of it for a question of one "
        "yes-or-no part). "
        "`--calibrate` fits the weights on the candidate sentences of the tuned-on questions "
        "(a sentence holding an expected fact is a positive) and picks the highest threshold "
        "that still answers 95 % of the answerable ones on out-of-fold confidences, placed "
        "halfway to the next lower confidence. Current fit: "
        f"{fitted_on}.\n\n{table}"
    )
    results.write_section("Answer quality: domain questions", command, body)


if __name__ == "__main__":
    main()
