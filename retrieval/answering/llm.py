"""The LLM answerer: sources go into the prompt as quoted, untrusted data; the reply is kept only
where it cites them.

The prompt lists the question's parts, each with the sentences of the sources that answer it
best (found as the extractive answerer finds them), so that no part is left unread; a source
holding a part's best evidence is given even if it ranked below the first few. The sources are
widened to whole sentences at their chunk edges.

Validation: a ``[n]`` must name one of the sources given; a made-up number is removed; a sentence
left with no valid citation is dropped (and the answer says how many were). A ``NOT_FOUND:``
line names a part the sources do not answer; the answer says so. A reply with nothing cited left
is rejected, and the caller falls back to the extractive answer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from retrieval.analysis import terms
from retrieval.answering import texts
from retrieval.answering.model import Answer, Citation
from retrieval.answering.prompts import PromptTemplate
from retrieval.answering.sentences import split_sentences
from retrieval.errors import AnsweringError
from retrieval.search import Hit, SearchResult

if TYPE_CHECKING:
    from retrieval.answering.extractive import ExtractiveAnswerer, PartEvidence

MAX_SOURCES = 6
NO_ANSWER = "NO_ANSWER"
NOT_FOUND = "NOT_FOUND:"
MARKER = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")


class LlmAnswerRejectedError(AnsweringError):
    """The model's reply could not be used (nothing in it cited a source)."""


class LlmAnswerer:
    name = "llm"

    def __init__(
        self, model: BaseChatModel, prompt: PromptTemplate, evidence: ExtractiveAnswerer
    ) -> None:
        self._model = model
        self._prompt = prompt
        self._evidence = evidence

    def answer(self, question: str, result: SearchResult) -> Answer | None:
        """The validated answer, or None when the model says the sources do not answer."""
        if not result.hits:
            return None
        widened, parts = self._evidence.evidence_by_part(question, result)
        hits = sources_for(widened.hits, parts)
        system, user = self._prompt.render(
            question=question,
            sources=render_sources(hits),
            source_count=str(len(hits)),
            parts=render_parts(parts, hits),
        )
        reply = self._model.invoke([SystemMessage(system), HumanMessage(user)])
        return validate_reply(question, _text_of(reply.content), hits, widened)


def sources_for(hits: Sequence[Hit], parts: Sequence[PartEvidence]) -> list[Hit]:
    """The first few hits, and any hit holding a part's evidence that ranked below them."""
    sources = list(hits[:MAX_SOURCES])
    for part in parts:
        for sentence in part.sentences:
            if not any(hit.chunk_id == sentence.hit.chunk_id for hit in sources):
                sources.append(sentence.hit)
    return sources


def render_parts(parts: Sequence[PartEvidence], hits: Sequence[Hit]) -> str:
    """Each part of the question with the numbered sentences that answer it best; the
    sentences escaped like the sources they come from."""
    numbers = {hit.chunk_id: n for n, hit in enumerate(hits, start=1)}
    lines = []
    for index, part in enumerate(parts, start=1):
        lines.append(f"{index}. {html.escape(part.asks, quote=False)}")
        for sentence in part.sentences:
            quoted = html.escape(" ".join(sentence.text.split()), quote=False)
            lines.append(f"   - [{numbers[sentence.hit.chunk_id]}] {quoted}")
        if not part.sentences:
            lines.append(f"   - {texts.LLM_PART_WITHOUT_EVIDENCE}")
    return "\n".join(lines)


def render_sources(hits: Sequence[Hit]) -> str:
    """Each source as a tagged block; its text escaped so it cannot close the tag."""
    blocks = []
    for n, hit in enumerate(hits, start=1):
        page = f' page="{hit.page}"' if hit.page else ""
        blocks.append(
            f'<source n="{n}" title="{html.escape(hit.title)}"{page}>\n'
            f"{html.escape(hit.text, quote=False)}\n</source>"
        )
    return "\n".join(blocks)


def validate_reply(
    question: str, reply: str, hits: Sequence[Hit], result: SearchResult
) -> Answer | None:
    if reply.strip().upper().startswith(NO_ANSWER):
        return None
    numbering: dict[int, int] = {}
    citations: list[Citation] = []
    kept: list[str] = []
    unanswered: list[str] = []
    dropped = 0
    for sentence in split_sentences(reply.strip()):
        if sentence.text.upper().startswith(NOT_FOUND):
            unanswered.append(sentence.text[len(NOT_FOUND) :].strip().rstrip(".").strip())
            continue
        cited = [n for n in _markers(sentence.text) if 1 <= n <= len(hits)]
        claim = MARKER.sub("", sentence.text).strip()
        if not cited or not claim:
            dropped += 1
            continue
        for n in cited:
            if n not in numbering:
                numbering[n] = len(numbering) + 1
                hit = hits[n - 1]
                citations.append(Citation.from_hit(numbering[n], hit, _best_quote(claim, hit)))
        markers = "".join(f" [{numbering[n]}]" for n in dict.fromkeys(cited))
        kept.append(f"{claim}{markers}")
    if not kept and unanswered:
        return None
    if not kept:
        raise LlmAnswerRejectedError("no statement in the reply cited a source")
    if unanswered:
        kept.append(texts.PARTS_NOT_ANSWERED.format(parts="; ".join(unanswered)))
    return Answer(
        question=question,
        text=" ".join(kept),
        abstained=False,
        citations=citations,
        withheld=result.withheld,
        confidence=1.0,
        note=texts.LLM_UNCITED_DROPPED.format(count=dropped) if dropped else None,
        answerer=LlmAnswerer.name,
        unanswered=tuple(unanswered),
    )


def _markers(sentence: str) -> list[int]:
    return [int(n) for group in MARKER.findall(sentence) for n in group.split(",")]


def _best_quote(claim: str, hit: Hit) -> str:
    """The sentence of the cited chunk that shares most terms with the claim: an exact quote."""
    claim_terms = set(terms(claim))
    sentences = split_sentences(hit.text) or []
    if not sentences:
        return hit.text[:300]
    best = max(sentences, key=lambda sentence: len(claim_terms & set(terms(sentence.text))))
    return best.text


def _text_of(content: object) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            part if isinstance(part, str) else str(part.get("text", ""))
            for part in content
            if isinstance(part, str | dict)
        )
    return str(content)
