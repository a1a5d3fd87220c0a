"""The summary a referral form starts from, built from the selected evidence and always cited
with ``[n]`` (n: the evidence's position). Extractive by default (:func:`~casework.referrals.
evidence.draft_summary`); with a language model configured, the model drafts it from the same
evidence, given as quoted, untrusted text, and only its sentences that cite real evidence are
kept. A model that fails, or cites nothing, leaves the extractive draft in place."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Sequence
from typing import Final

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from casework.referrals.evidence import draft_summary
from casework.referrals.policy import CandidateEvidence
from retrieval.answering.prompts import PromptTemplate
from retrieval.answering.sentences import split_sentences

log = logging.getLogger(__name__)

Drafter = Callable[[Sequence[CandidateEvidence]], str]
MARKER: Final = re.compile(r"\[(\d+)\]")


class LlmDrafter:
    def __init__(self, model: BaseChatModel, prompt: PromptTemplate) -> None:
        self._model = model
        self._prompt = prompt

    def __call__(self, evidence: Sequence[CandidateEvidence]) -> str:
        if not evidence:
            return ""
        try:
            system, user = self._prompt.render(
                sources=render_evidence(evidence), source_count=str(len(evidence))
            )
            reply = self._model.invoke([SystemMessage(system), HumanMessage(user)])
            drafted = cited_sentences(str(reply.content), len(evidence))
        except Exception:
            log.exception("the model could not draft a referral summary; drafting extractively")
            drafted = ""
        return drafted or draft_summary(evidence)


def render_evidence(evidence: Sequence[CandidateEvidence]) -> str:
    """Each piece as a tagged block, escaped so its text cannot close the tag."""
    return "\n".join(
        f'<evidence n="{n}" title="{html.escape(item.title)}">\n'
        f"{html.escape(item.quote, quote=False)}\n</evidence>"
        for n, item in enumerate(evidence, start=1)
    )


def cited_sentences(reply: str, evidence_count: int) -> str:
    """The reply's sentences that cite only real evidence (1 … ``evidence_count``)."""
    kept = []
    for sentence in split_sentences(reply.strip()):
        cited = [int(n) for n in MARKER.findall(sentence.text)]
        if cited and all(1 <= n <= evidence_count for n in cited):
            kept.append(sentence.text)
    return " ".join(kept)
