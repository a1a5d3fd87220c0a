"""The referral form's summary drafted by a language model from the selected evidence: kept only
where it cites real evidence, extractive when the model fails or cites nothing."""

from __future__ import annotations

from casework.referrals.drafting import LlmDrafter
from casework.referrals.evidence import draft_summary
from casework.referrals.policy import CandidateEvidence
from retrieval.answering.prompts import load_prompt
from tests.fakes import FailingChatModel, RecordingChatModel

EVIDENCE = [
    CandidateEvidence(
        document_id=f"doc-{n}",
        title=title,
        case_id="OP-1",
        marking="LES",
        page=None,
        quote=quote,
        sha256="0" * 64,
    )
    for n, (title, quote) in enumerate(
        [
            ("Seizure report", "Customs held 48 cartons of counterfeit batteries at Newark."),
            ("Intake memo", "The brand reported the seller VoltHarbor Direct on 9 January."),
        ]
    )
]


def drafter(model: RecordingChatModel | FailingChatModel) -> LlmDrafter:
    return LlmDrafter(model, load_prompt("referral_summary"))


def test_the_model_drafts_from_the_evidence_and_uncited_sentences_are_dropped() -> None:
    model = RecordingChatModel(
        replies=[
            "VoltHarbor Direct was reported on 9 January [2]. Customs held 48 cartons [1]. "
            "This is probably a large network. It also sold elsewhere [7]."
        ]
    )

    summary = drafter(model)(EVIDENCE)

    assert (
        summary == "VoltHarbor Direct was reported on 9 January [2]. Customs held 48 cartons [1]."
    )
    sent = str(model.prompts[0][-1].content)
    assert '<evidence n="1" title="Seizure report">' in sent and "48 cartons" in sent


def test_a_reply_citing_nothing_leaves_the_extractive_draft() -> None:
    summary = drafter(RecordingChatModel(replies=["A large counterfeiting network."]))(EVIDENCE)

    assert summary == draft_summary(EVIDENCE)


def test_a_failing_model_leaves_the_extractive_draft() -> None:
    assert drafter(FailingChatModel())(EVIDENCE) == draft_summary(EVIDENCE)
