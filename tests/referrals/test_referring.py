"""The referring use case on real SQLite: need-to-know, the policy at build time, the lifecycle
with its audit records, idempotent submission, approval and partner answers."""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path

import pytest

from bot.services import Services
from casework.audit import REFERRAL
from casework.markings import Kind
from casework.referrals.errors import (
    InvalidResponseError,
    InvalidTransitionError,
    NotApproverError,
    NotCaseMemberError,
    NotPartnerChannelError,
    PolicyBlockedError,
)
from casework.referrals.lifecycle import Status
from casework.referrals.package import Subject
from casework.usecases.referring import ReferralDraft
from casework.usecases.requester import Requester, Surface
from ingestion.pipeline import IngestOptions
from tests.referrals.support import (
    CASE,
    CBP_CHANNEL,
    IPRC_CHANNEL,
    LEAD,
    MEMBER,
    OUTSIDER,
    ROOM,
    member,
    titles,
)


def draft(documents: dict[str, str], partner: str = "cbp", *names: str) -> ReferralDraft:
    chosen = names or ("seizure-report.txt",)
    return ReferralDraft(
        case_id=CASE,
        partner_id=partner,
        document_ids=tuple(documents[name] for name in chosen),
        summary="Forty pallets seized; importer Harbor Imports LLC [1].",
    )


def referral_records(services: Services, referral_id: str) -> list[dict[str, object]]:
    return [
        entry.details
        for entry in services.audit.entries(action=REFERRAL)
        if entry.details["referral_id"] == referral_id
    ]


def test_the_form_offers_visible_evidence_never_6e_with_a_cited_draft_summary(
    services: Services, documents: dict[str, str]
) -> None:
    form = services.referring.draft_form(member(), CASE, [documents["seizure-report.txt"]])

    offered = {document.document_id for document in form.documents}
    assert documents["grand-jury.txt"] not in offered
    assert documents["seizure-report.txt"] in offered
    assert form.summary.startswith("CBP seized forty pallets")
    assert form.summary.endswith("[1]")
    assert form.cited_document_ids == (documents["seizure-report.txt"],)
    assert [partner.id for partner in form.partners] == ["cbp", "iprc", "carrier"]
    identifiers = {identifier for subject in form.subjects for identifier in subject.identifiers}
    assert ("phone", "+13125550142") in identifiers


def test_only_a_case_member_may_refer_from_it(
    services: Services, documents: dict[str, str]
) -> None:
    outsider = Requester.in_slack(OUTSIDER, "D0OUT", Surface.BUTTON)

    with pytest.raises(NotCaseMemberError):
        services.referring.draft_form(outsider, CASE)
    with pytest.raises(NotCaseMemberError):
        services.referring.submit(outsider, draft(documents), "token-outsider")


def test_the_preview_applies_the_policy_without_saving(
    services: Services, documents: dict[str, str]
) -> None:
    chosen = ("seizure-report.txt", "press-release.txt", "grand-jury.txt")

    package = services.referring.preview(member(), draft(documents, "carrier", *chosen))

    assert [item.document_id for item in package.evidence] == [documents["press-release.txt"]]
    title_of = titles(services)
    reasons = {item.item: item.reason for item in package.policy.withheld}
    assert "6E" in reasons[title_of[documents["grand-jury.txt"]]]
    assert reasons[title_of[documents["seizure-report.txt"]]] == (
        "Carrier does not receive LES material."
    )
    assert services.referring.list(Requester.operator("test")) == []


def test_in_the_case_room_only_what_the_room_may_see_goes(
    services: Services, documents: dict[str, str]
) -> None:
    """A member in a channel that is not the case's room sees public material only there."""
    elsewhere = Requester.in_slack(MEMBER, "C0ELSEWHERE", Surface.BUTTON)

    package = services.referring.preview(
        elsewhere, draft(documents, "cbp", "seizure-report.txt", "press-release.txt")
    )

    assert [item.document_id for item in package.evidence] == [documents["press-release.txt"]]
    assert "may not see" in package.policy.withheld[0].reason


def test_redaction_reaches_the_stored_package_for_a_private_partner(
    services: Services, documents: dict[str, str]
) -> None:
    text = "The clerk's personal cell (646) 555-0199; importer line (312) 555-0142."
    subject_draft = ReferralDraft(
        case_id=CASE,
        partner_id="carrier",
        document_ids=(documents["press-release.txt"],),
        summary=text,
        subjects=(_importer(),),
    )

    submission = services.referring.submit(member(), subject_draft, "token-redact")

    package = submission.referral.package
    assert package is not None
    assert "(646) 555-0199" not in package["summary"]
    assert "(312) 555-0142" in package["summary"]
    assert package["policy"]["redactions"] == [{"kind": "phone", "where": "summary", "count": 1}]


def test_a_package_with_nothing_left_is_refused(
    services: Services, documents: dict[str, str]
) -> None:
    with pytest.raises(PolicyBlockedError):
        services.referring.submit(member(), draft(documents, "carrier"), "token-blocked")


def test_submitting_queues_one_delivery_per_target_with_every_move_audited(
    services: Services, documents: dict[str, str]
) -> None:
    submission = services.referring.submit(member(), draft(documents), "token-1")

    referral = submission.referral
    assert submission.created
    assert referral.id.startswith("REF-") and len(referral.id) == 12
    assert referral.status is Status.SUBMITTED
    assert [d.target_key for d in referral.deliveries] == [
        "email:ipr@cbp.example.gov",
        f"slack:{CBP_CHANNEL}",
    ]
    assert {d.status for d in referral.deliveries} == {"pending"}
    moves = [(event.from_status, event.to_status) for event in referral.history]
    assert moves == [(None, "draft"), ("draft", "submitted")]
    records = referral_records(services, referral.id)
    assert [(r["from"], r["to"]) for r in records] == moves
    assert services.audit.verify().ok


def test_a_refused_move_writes_neither_history_nor_audit(
    services: Services, documents: dict[str, str]
) -> None:
    referral = services.referring.submit(member(), draft(documents), "token-1").referral
    before = len(services.audit.entries())

    with pytest.raises(InvalidTransitionError) as refused:
        services.referring.approve(Requester.in_slack(LEAD, "D0LEAD", Surface.BUTTON), referral.id)

    assert "submitted" in str(refused.value)
    assert len(services.audit.entries()) == before
    assert len(services.referring.show(member(), referral.id).history) == 2


def test_the_same_client_token_from_two_threads_makes_one_referral(
    services: Services, documents: dict[str, str]
) -> None:
    results = []
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def submit() -> None:
        start.wait()
        try:
            results.append(services.referring.submit(member(), draft(documents), "token-twice"))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len({result.referral.id for result in results}) == 1
    assert sorted(result.created for result in results) == [False, True]
    [referral] = services.referring.list(Requester.operator("test"))
    assert len(services.referring.show(member(), referral.id).deliveries) == 2
    assert services.audit.verify().ok


def test_a_partner_requiring_approval_waits_for_a_lead(
    services: Services, documents: dict[str, str]
) -> None:
    referral = services.referring.submit(member(), draft(documents, "iprc"), "token-a").referral
    assert referral.status is Status.AWAITING_APPROVAL
    assert referral.deliveries == ()
    lead = Requester.in_slack(LEAD, "D0LEAD", Surface.BUTTON)
    assert [r.id for r in services.referring.list(lead)] == [referral.id]

    with pytest.raises(NotApproverError) as refused:
        services.referring.approve(member(), referral.id)
    assert LEAD in str(refused.value)

    approved = services.referring.approve(lead, referral.id)

    assert approved.status is Status.SUBMITTED
    assert [d.target_key for d in approved.deliveries] == [f"slack:{IPRC_CHANNEL}"]
    assert approved.history[-1].actor == LEAD


def test_a_rejected_approval_goes_back_to_draft_with_the_reason(
    services: Services, documents: dict[str, str]
) -> None:
    referral = services.referring.submit(member(), draft(documents, "iprc"), "token-r").referral
    lead = Requester.in_slack(LEAD, "D0LEAD", Surface.BUTTON)

    rejected = services.referring.reject(lead, referral.id, "cite the waybill too")

    assert rejected.status is Status.DRAFT
    assert rejected.history[-1].note == "Approval rejected: cite the waybill too"
    assert rejected.deliveries == ()
    assert referral_records(services, referral.id)[-1]["note"] == rejected.history[-1].note


def test_a_partner_answers_only_from_its_own_channel(
    services: Services, documents: dict[str, str]
) -> None:
    referral = services.referring.submit(member(), draft(documents), "token-p").referral

    with pytest.raises(NotPartnerChannelError):
        services.referring.partner_response("U0CBPAGENT", ROOM, referral.id, "accepted")
    with pytest.raises(NotPartnerChannelError):
        services.referring.partner_response("U0CBPAGENT", IPRC_CHANNEL, referral.id, "accepted")
    with pytest.raises(InvalidResponseError):
        services.referring.partner_response("U0CBPAGENT", CBP_CHANNEL, referral.id, "maybe")

    acknowledged = services.referring.partner_response(
        "U0CBPAGENT", CBP_CHANNEL, referral.id, "acknowledged"
    )
    accepted = services.referring.partner_response(
        "U0CBPAGENT", CBP_CHANNEL, referral.id, "accepted", "opening a case"
    )

    assert acknowledged.status is Status.ACKNOWLEDGED
    assert accepted.status is Status.ACCEPTED
    assert accepted.history[-1].actor == "U0CBPAGENT"
    assert accepted.history[-1].note == "opening a case"
    with pytest.raises(InvalidTransitionError):
        services.referring.withdraw(member(), referral.id)
    closed = services.referring.close(member(), referral.id)
    assert closed.status is Status.CLOSED


def test_withdrawing_cancels_the_pending_deliveries(
    services: Services, documents: dict[str, str]
) -> None:
    referral = services.referring.submit(member(), draft(documents), "token-w").referral

    withdrawn = services.referring.withdraw(member(), referral.id)

    assert withdrawn.status is Status.WITHDRAWN
    assert {d.status for d in withdrawn.deliveries} == {"failed"}
    assert services.referring.list(member()) == []


def test_every_history_row_has_its_audit_record(
    services: Services, documents: dict[str, str]
) -> None:
    referral = services.referring.submit(member(), draft(documents, "iprc"), "token-h").referral
    lead = Requester.in_slack(LEAD, "D0LEAD", Surface.BUTTON)
    services.referring.approve(lead, referral.id)
    services.referring.partner_response("U0IPRC", IPRC_CHANNEL, referral.id, "declined", "no")
    shown = services.referring.show(member(), referral.id)

    history = Counter((e.from_status, e.to_status, e.actor) for e in shown.history)
    audited = Counter(
        (entry.details["from"], entry.details["to"], entry.user_id)
        for entry in services.audit.entries(action=REFERRAL)
    )

    assert history == audited
    assert len(shown.history) == 4
    assert services.audit.verify().ok


def _importer() -> Subject:
    return Subject("Harbor Imports LLC", (("phone", "+13125550142"),))


def test_the_partner_reads_why_things_were_held_back_but_not_what_they_were(
    services: Services, documents: dict[str, str]
) -> None:
    draft = ReferralDraft(
        case_id=CASE,
        partner_id="carrier",
        document_ids=(
            documents["press-release.txt"],
            documents["seizure-report.txt"],
            documents["grand-jury.txt"],
        ),
        summary="Pallets seized [1].",
    )
    preview = services.referring.preview(member(), draft)
    sent = services.referring.submit(member(), draft, "token-held-back").referral

    package = services.referring.package(member(), sent.id)

    withheld_titles = {item.item for item in preview.policy.withheld}
    assert withheld_titles and not withheld_titles & {i.item for i in package.policy.withheld}
    assert {i.reason for i in package.policy.withheld} == {
        i.reason for i in preview.policy.withheld
    }
    assert all("held back" in item.item for item in package.policy.withheld)


def test_a_cross_case_hit_on_a_subject_is_named_to_customs_but_not_to_a_carrier(
    services: Services, documents: dict[str, str], tmp_path: Path
) -> None:
    other_note = tmp_path / "other" / "intake.txt"
    other_note.parent.mkdir()
    other_note.write_text("The consignee answered on (312) 555-0142 when customs called.")
    services.ingestion.ingest([other_note], IngestOptions(kind=Kind.NOTE, case_id="OP-OTHER"))
    evidence = (documents["press-release.txt"],)

    def related(partner_id: str) -> list[tuple[str, str, str | None]]:
        to_partner = ReferralDraft(
            case_id=CASE,
            partner_id=partner_id,
            document_ids=evidence,
            summary="Batteries [1].",
            subjects=(_importer(),),
        )
        package = services.referring.preview(member(), to_partner)
        return [(h.kind, h.value, h.other_case_id) for h in package.related_hits]

    assert related("cbp") == [("phone", "+13125550142", "OP-OTHER")]
    assert related("carrier") == [("phone", "+13125550142", None)]
