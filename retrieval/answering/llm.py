"""The LLM answerer: sources go into the prompt as quoted, untrusted data; the reply is kept only
where it cites them.

Validation: a ``[n]`` must name one of the sources given; a made-up number is removed; a sentence
left with no valid citation is dropped (and the answer says how many were). A reply with nothing
cited left is rejected, and the caller falls back to the extractive answer.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from retrieval.analysis import terms
from retrieval.answering import texts
from retrieval.answering.model import Answer, Citation
from retrieval.answering.prompts import PromptTemplate
from retrieval.answering.sentences import split_sentences
from retrieval.errors import AnsweringError
from retrieval.search import Hit, SearchResult

MAX_SOURCES = 6
NO_ANSWER = "NO_ANSWER"
MARKER = re.compile(r"\s*\[(\d+(?:\s*,\s*\d+)*)\]")


class LlmAnswerRejectedError(AnsweringError):
    """The model's reply could not be used (nothing in it cited a source)."""


class LlmAnswerer:
    name = "llm"

    def __init__(self, model: BaseChatModel, prompt: PromptTemplate) -> None:
        self._model = model
        self._prompt = prompt

    def answer(self, question: str, result: SearchResult) -> Answer | None:
        """The validated answer, or None when the model says the sources do not answer."""
        hits = result.hits[:MAX_SOURCES]
        if not hits:
            return None
        system, user = self._prompt.render(
            question=question, sources=render_sources(hits), source_count=str(len(hits))
        )
        reply = self._model.invoke([SystemMessage(system), HumanMessage(user)])
        return validate_reply(question, _text_of(reply.content), hits, result)


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
    dropped = 0
    for sentence in split_sentences(reply.strip()):
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
    if not kept:
        raise LlmAnswerRejectedError("no statement in the reply cited a source")
    return Answer(
        question=question,
        text=" ".join(kept),
        abstained=False,
        citations=citations,
        withheld=result.withheld,
        confidence=1.0,
        note=texts.LLM_UNCITED_DROPPED.format(count=dropped) if dropped else None,
        answerer=LlmAnswerer.name,
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
