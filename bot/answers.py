"""Showing answers on a terminal, and answering a batch of questions as JSON lines."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape

from bot import texts
from bot.operator import operator_requester
from casework.usecases.asking import QuestionRequest
from retrieval.answering.model import Answer

if TYPE_CHECKING:
    from bot.services import Services


def print_answer(console: Console, answer: Answer) -> None:
    console.print(escape(answer.text), highlight=False)
    if answer.note:
        console.print(texts.NOTE_LINE.format(note=escape(answer.note)), style="yellow")
    if answer.citations:
        heading = texts.CLOSEST_HEADING if answer.abstained else texts.SOURCES_HEADING
        console.print(heading, style="bold")
        for citation in answer.citations:
            line = texts.SOURCE_LINE.format(
                n=citation.n,
                title=citation.title,
                page=f", page {citation.page}" if citation.page else "",
                kind=citation.kind,
                marking=citation.marking,
                case=f", case {citation.case_id}" if citation.case_id else "",
            )
            console.print(escape(line), highlight=False)
            console.print(escape(texts.QUOTE_LINE.format(quote=citation.quote)), style="dim")
    for group in answer.withheld:
        line = texts.WITHHELD_LINE.format(documents=group.documents, case_id=group.case_id)
        console.print(escape(line), style="yellow")


def ask_as_operator(services: Services, question: str, case: str | None) -> Answer:
    requester = operator_requester(services.settings.operator, case)
    return services.asking.ask(QuestionRequest(text=question, requester=requester)).answer


def answer_batch(services: Services, source: Path, case: str | None) -> None:
    """One JSON result per input line; the model is loaded once for the whole batch."""
    for number, line in _lines(source):
        try:
            question, line_case = _parse_line(line)
        except ValueError as error:
            print(json.dumps({"line": number, "error": str(error)}), flush=True)
            continue
        answer = ask_as_operator(services, question, line_case or case)
        print(json.dumps(answer.as_json()), flush=True)


def _lines(source: Path) -> Iterator[tuple[int, str]]:
    handle = sys.stdin if str(source) == "-" else source.open(encoding="utf-8")
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line.strip()


def _parse_line(line: str) -> tuple[str, str | None]:
    if not line.startswith("{"):
        return line, None
    data = json.loads(line)
    question = data.get("question")
    if not isinstance(question, str) or not question.strip():
        raise ValueError('a JSON line needs a "question" string')
    case = data.get("case_id")
    return question, case if isinstance(case, str) else None
