"""The sharing policy, block by block, as pure functions over the package inputs."""

from __future__ import annotations

from casework.access import Viewer
from casework.referrals import texts
from casework.referrals.delivery import DeliveryTarget, TargetKind
from casework.referrals.package import Subject, Tlp
from casework.referrals.partners import Partner, PartnerKind, PersonalData
from casework.referrals.policy import (
    CandidateEvidence,
    CurrentDocument,
    SentDocument,
    apply_policy,
    recheck_before_delivery,
)

CASE = "OP-HARBOR"
CUSTOMS = Partner(
    id="cbp",
    name="Customs",
    kind=PartnerKind.GOVERNMENT,
    deliveries=(DeliveryTarget(TargetKind.EMAIL, "ipr@cbp.example.gov"),),
    markings=frozenset({"PUBLIC", "LES"}),
)
CARRIER = Partner(
    id="carrier",
    name="Carrier",
    kind=PartnerKind.PRIVATE,
    deliveries=(DeliveryTarget(TargetKind.WEBHOOK, "https://carrier.example.com/hook", "k"),),
    markings=frozenset({"PUBLIC", "LES"}),
    redact=frozenset(PersonalData),
    tlp=Tlp.AMBER,
)
MEMBER = Viewer.member("member", [CASE], sixe_cleared=[CASE])
SUBJECT = Subject(
    "Harbor Imports LLC", (("phone", "(312) 555-0142"), ("email", "sales@harbor.example.com"))
)


def document(
    document_id: str,
    marking: str = "PUBLIC",
    quote: str = "Forty pallets seized.",
    case_id: str | None = CASE,
) -> CandidateEvidence:
    return CandidateEvidence(
        document_id, f"Doc {document_id}", case_id, marking, 1, quote, "ab" * 32
    )


def test_6e_material_never_leaves_its_case_even_for_a_cleared_member() -> None:
    outcome = apply_policy(CUSTOMS, MEMBER, CASE, "s", [], [document("a", "6E"), document("b")])

    assert [item.document_id for item in outcome.evidence] == ["b"]
    [withheld] = outcome.result.withheld
    assert withheld.item == "Doc a"
    assert "6E" in withheld.reason


def test_les_is_withheld_from_a_partner_that_does_not_receive_it() -> None:
    public_only = Partner(**{**CARRIER.__dict__, "markings": frozenset({"PUBLIC"})})

    outcome = apply_policy(
        public_only, MEMBER, CASE, "s", [], [document("a", "LES"), document("b")]
    )

    assert [item.document_id for item in outcome.evidence] == ["b"]
    assert outcome.result.withheld[0].reason == "Carrier does not receive LES material."
    assert outcome.handling.markings == ("PUBLIC",)
    assert outcome.handling.tlp is Tlp.AMBER


def test_a_document_the_sender_may_not_see_is_withheld() -> None:
    outsider = Viewer.public("outsider")

    outcome = apply_policy(CUSTOMS, outsider, CASE, "s", [], [document("a", "LES"), document("b")])

    assert [item.document_id for item in outcome.evidence] == ["b"]
    assert "may not see" in outcome.result.withheld[0].reason


def test_restricted_material_of_another_case_is_withheld() -> None:
    outcome = apply_policy(
        CUSTOMS, Viewer.operator(), CASE, "s", [], [document("a", "LES", case_id="OTHER")]
    )

    assert outcome.evidence == ()
    assert outcome.result.withheld[0].reason == texts.WITHHELD_OTHER_CASE
    assert "OTHER" not in outcome.result.withheld[0].reason  # the other case is not named
    assert not outcome.result.allowed
    assert outcome.result.blocked_reason is not None


def test_personal_data_is_redacted_for_a_private_partner_but_subjects_identifiers_kept() -> None:
    summary = (
        "The importer (call 312-555-0142, sales@harbor.example.com) was run by J. Doe, "
        "DOB 03/14/1979, SSN 536-90-4399, reachable at (646) 555-0199 or jdoe@mail.example.com; "
        "his partner was born March 14, 1981. Docket 123-45-6789x stays."
    )

    outcome = apply_policy(CARRIER, MEMBER, CASE, summary, [SUBJECT], [document("a")])

    text = outcome.summary
    assert "312-555-0142" in text and "sales@harbor.example.com" in text
    for gone in (
        "03/14/1979",
        "536-90-4399",
        "(646) 555-0199",
        "jdoe@mail.example.com",
        "March 14, 1981",
    ):
        assert gone not in text
    assert "DOB [redacted: date of birth]" in text
    assert "[redacted: SSN]" in text
    assert "[redacted: phone]" in text and "[redacted: e-mail]" in text
    counts = {(r.kind, r.where): r.count for r in outcome.result.redactions}
    assert counts == {
        ("date_of_birth", "summary"): 2,
        ("ssn", "summary"): 1,
        ("phone", "summary"): 1,
        ("email", "summary"): 1,
    }


def test_a_dashed_number_that_is_no_valid_ssn_is_left_alone() -> None:
    outcome = apply_policy(
        CARRIER, MEMBER, CASE, "Lot 078-05-1120 and 000-12-3456.", [], [document("a")]
    )

    assert outcome.summary == "Lot 078-05-1120 and 000-12-3456."


def test_quotes_and_subject_names_are_redacted_too() -> None:
    subject = Subject("J. Doe (DOB 1979-03-14)")
    quote = "Seller's personal cell (646) 555-0199 was on the waybill."

    outcome = apply_policy(CARRIER, MEMBER, CASE, "s", [subject], [document("a", quote=quote)])

    assert (
        outcome.evidence[0].quote == "Seller's personal cell [redacted: phone] was on the waybill."
    )
    assert outcome.subjects[0].name == "J. Doe (DOB [redacted: date of birth])"
    wheres = {r.where for r in outcome.result.redactions}
    assert wheres == {"quote from Doc a", "subject J. Doe (DOB 1979-03-14)"}


def test_a_government_partner_gets_the_text_as_written() -> None:
    summary = "J. Doe, DOB 03/14/1979, cell (646) 555-0199."

    outcome = apply_policy(CUSTOMS, MEMBER, CASE, summary, [], [document("a", "LES")])

    assert outcome.summary == summary
    assert outcome.result.redactions == ()
    assert outcome.handling.tlp is None


def recheck(
    partner: Partner | None,
    marking_now: str = "LES",
    redacted: frozenset[PersonalData] = frozenset(),
) -> str | None:
    sent = [SentDocument("a", "Doc a", "LES")]
    current = {"a": CurrentDocument(CASE, marking_now)}
    return recheck_before_delivery(
        partner, "cbp", "email:ipr@cbp.example.gov", CASE, sent, current, redacted
    )


def test_the_recheck_passes_when_nothing_changed() -> None:
    assert recheck(CUSTOMS) is None


def test_the_recheck_fails_when_the_partner_dropped_les() -> None:
    reason = recheck(Partner(**{**CUSTOMS.__dict__, "markings": frozenset({"PUBLIC"})}))

    assert reason is not None and "no longer receives LES" in reason


def test_the_recheck_fails_when_a_document_became_6e() -> None:
    reason = recheck(CUSTOMS, marking_now="6E")

    assert reason is not None and "now marked 6E" in reason


def test_the_recheck_fails_when_the_partner_left_the_file() -> None:
    assert recheck(None) == "Partner cbp is no longer in the partners file."
