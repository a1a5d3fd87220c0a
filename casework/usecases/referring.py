"""Referring a case's evidence to a partner agency, from any edge: the form's contents, a
preview under the sharing policy, an idempotent submission, a lead's approval, the partner's
answer, and withdrawing, retrying, showing and listing referrals.

Need-to-know: only a member of a case may refer from it (the local operator may do anything, as
elsewhere), only documents the requester may see where they ask can go, and the policy
(:mod:`casework.referrals.policy`) decides the rest. Every change is audited with the referral's
history, in one transaction (:mod:`casework.referrals.store`).

Partners' people are not case members: a partner's answer is authorised by where it comes from,
one of the partner's own Slack channels.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

from casework.audit import AuditLog
from casework.cases import CaseDirectory, CaseInfo
from casework.entities.hits import Hit
from casework.errors import UnknownCaseError
from casework.referrals import texts
from casework.referrals.citations import cite_what_goes
from casework.referrals.drafting import Drafter
from casework.referrals.errors import (
    InvalidResponseError,
    NotApproverError,
    NotCaseMemberError,
    NotPartnerChannelError,
    NotReferralOwnerError,
    PolicyBlockedError,
    UnknownPartnerError,
    UnknownReferralError,
)
from casework.referrals.evidence import CaseMaterial, DocumentChoice, draft_summary
from casework.referrals.lifecycle import PARTNER_RESPONSES, Status
from casework.referrals.package import (
    Investigator,
    Priority,
    ReferralPackage,
    RelatedHit,
    RequestedAction,
    Subject,
    Withheld,
    for_partner,
)
from casework.referrals.partners import Partner, PartnerKind, Partners
from casework.referrals.policy import CandidateEvidence, apply_policy, withholding_reason
from casework.referrals.store import NewReferral, ReferralStore, ReferralView, new_referral_id
from casework.referrals.stored import package_from_json
from casework.usecases.need_to_know import NeedToKnow
from casework.usecases.requester import Requester

PREVIEW_ID: Final = "REF-PREVIEW"
DRAFT_EVIDENCE: Final = 3
"""Documents the draft summary quotes when none were preselected."""


@dataclass(frozen=True)
class PartnerChoice:
    id: str
    name: str
    kind: str
    requires_approval: bool
    markings: tuple[str, ...]
    tlp: str | None


@dataclass(frozen=True)
class DraftForm:
    """What a referral form needs: whom to send to, what may be sent, a summary to start from."""

    case_id: str
    partners: tuple[PartnerChoice, ...]
    documents: tuple[DocumentChoice, ...]
    subjects: tuple[Subject, ...]
    summary: str
    cited_document_ids: tuple[str, ...]
    """The documents the summary's ``[n]`` markers cite, in order: selected in the form."""


@dataclass(frozen=True)
class ReferralDraft:
    case_id: str
    partner_id: str
    document_ids: tuple[str, ...]
    summary: str
    requested_action: RequestedAction = RequestedAction.INFORMATION_ONLY
    priority: Priority = Priority.ROUTINE
    subjects: tuple[Subject, ...] = ()
    quotes: Mapping[str, str] = field(default_factory=dict)
    """A chosen quote per document id; otherwise its first sentences."""
    investigator_name: str = ""
    contact: str = ""


@dataclass(frozen=True)
class CitedDocuments:
    """What an answer cited, to start a referral from it."""

    document_ids: tuple[str, ...]
    case_id: str | None
    """The case of the first cited case note the requester may see (None: only public ones)."""


@dataclass(frozen=True)
class Submission:
    referral: ReferralView
    created: bool
    """False: the client token was used before, and this is the referral it made."""


Clock = Callable[[], datetime]


class Referring:
    def __init__(
        self,
        cases: CaseDirectory,
        need_to_know: NeedToKnow,
        material: CaseMaterial,
        store: ReferralStore,
        partners: Callable[[], Partners],
        hits: Callable[[str], Sequence[Hit]] | None = None,
        drafter: Drafter = draft_summary,
        clock: Clock | None = None,
        audit: AuditLog | None = None,
    ) -> None:
        """``audit`` is read for what an answer cited (:meth:`cited_documents`)."""
        self._cases = cases
        self._audit = audit
        self._need_to_know = need_to_know
        self._material = material
        self._store = store
        self._partners = partners
        self._hits = hits or _no_hits
        self._drafter = drafter
        self._clock = clock or _now

    # -- before submitting ----------------------------------------------------------------------

    def draft_form(
        self,
        requester: Requester,
        case_id: str,
        preselected_citation_document_ids: Sequence[str] = (),
    ) -> DraftForm:
        self._require_member(requester, case_id)
        viewer = self._need_to_know.viewer_for(requester)
        documents = self._material.documents(case_id, viewer)
        visible = {document.document_id for document in documents}
        cited = [d for d in preselected_citation_document_ids if d in visible]
        if not cited:
            cited = [document.document_id for document in documents[:DRAFT_EVIDENCE]]
        candidates = self._material.candidates(cited)
        return DraftForm(
            case_id=case_id,
            partners=tuple(_choice(partner) for partner in self._partners()),
            documents=tuple(documents),
            subjects=tuple(self._material.subjects(case_id, viewer)),
            summary=self._drafter(candidates),
            cited_document_ids=tuple(candidate.document_id for candidate in candidates),
        )

    def cited_documents(self, requester: Requester, question_audit_id: int) -> CitedDocuments:
        """The documents the answer to a question cited (from its ``answer`` audit record), to
        preselect in the form, and the case they belong to. Documents the requester may not
        see where they ask are left out, so nothing here tells them more than the answer did."""
        entry = self._audit.answer_to(question_audit_id) if self._audit else None
        cited = [str(d) for d in entry.details.get("document_ids", [])] if entry else []
        viewer = self._need_to_know.viewer_for(requester)
        visible = [
            candidate
            for candidate in self._material.candidates(cited)
            if viewer.can_see(candidate.case_id, candidate.marking)
        ]
        case_id = next((c.case_id for c in visible if c.case_id is not None), None)
        return CitedDocuments(tuple(c.document_id for c in visible), case_id)

    def partner_choice(self, partner_id: str) -> PartnerChoice:
        """How a partner is offered (its kind, TLP, whether a lead must approve)."""
        return _choice(self._partner(partner_id))

    def preview(self, requester: Requester, draft: ReferralDraft) -> ReferralPackage:
        """The package as it would go, with its policy result; nothing is saved."""
        package, _partner = self._build(requester, draft, PREVIEW_ID)
        return package

    # -- submitting and approving -------------------------------------------------------------

    def submit(self, requester: Requester, draft: ReferralDraft, client_token: str) -> Submission:
        """Create the referral once per ``client_token`` (a double-clicked button, a retried
        request, another replica: the same referral comes back). It waits for a lead's approval
        if the partner requires one, else it is submitted and its deliveries queued."""
        existing = self._store.id_for_token(client_token)
        if existing is not None:
            referral = self._store.require(existing)
            self._require_member(requester, referral.case_id)
            return Submission(referral, created=False)
        package, partner = self._build(requester, draft, new_referral_id())
        if not package.policy.allowed:
            raise PolicyBlockedError(package.policy.blocked_reason or "")
        package = dataclasses.replace(package, policy=for_partner(package.policy, _held_back_count))
        then = Status.AWAITING_APPROVAL if partner.requires_approval else Status.SUBMITTED
        new = NewReferral(
            id=package.referral_id,
            case_id=draft.case_id,
            partner_id=partner.id,
            requested_action=draft.requested_action.value,
            priority=draft.priority.value,
            summary=draft.summary,
            subjects=[_subject_json(subject) for subject in draft.subjects],
            evidence=[{"document_id": d} for d in draft.document_ids],
            created_by=requester.user_id,
            client_token=client_token,
            redacted=tuple(sorted(kind.value for kind in partner.redact)),
        )
        referral, created = self._store.create(
            new, package, then, partner.deliveries, requester.channel_id
        )
        return Submission(referral, created)

    def approve(self, requester: Requester, referral_id: str) -> ReferralView:
        """A lead of the case approves: the package they saw is queued for delivery (the outbox
        checks it against the policy again before each delivery)."""
        referral = self._store.require(referral_id)
        self._require_lead(requester, referral)
        partner = self._partner(referral.partner_id)
        return self._store.transition(
            referral_id,
            Status.SUBMITTED,
            requester.user_id,
            channel_id=requester.channel_id,
            targets=partner.deliveries,
        )

    def reject(self, requester: Requester, referral_id: str, reason: str) -> ReferralView:
        """Back to ``draft``, with the reason in its history (see :mod:`.lifecycle`)."""
        referral = self._store.require(referral_id)
        self._require_lead(requester, referral)
        return self._store.transition(
            referral_id,
            Status.DRAFT,
            requester.user_id,
            channel_id=requester.channel_id,
            note=texts.REJECTED_NOTE.format(reason=reason),
        )

    # -- the partner's answer -----------------------------------------------------------------

    def partner_response(
        self,
        actor_user_id: str,
        channel_id: str | None,
        referral_id: str,
        response: str,
        reason: str | None = None,
    ) -> ReferralView:
        """``acknowledged``, ``accepted`` or ``declined``, from a button the partner pressed in
        one of its own Slack channels."""
        answers = [status.value for status in PARTNER_RESPONSES]
        if response not in answers:
            raise InvalidResponseError(response, answers)
        referral = self._store.require(referral_id)
        partner = self._partners().get(referral.partner_id)
        if partner is None or channel_id not in partner.slack_channels:
            name = partner.name if partner else referral.partner_id
            raise NotPartnerChannelError(referral_id, name, channel_id)
        return self._store.transition(
            referral_id, Status(response), actor_user_id, channel_id=channel_id, note=reason
        )

    # -- the referring side's follow-up -------------------------------------------------------

    def withdraw(self, requester: Requester, referral_id: str) -> ReferralView:
        referral = self._require_owner(requester, referral_id)
        return self._store.transition(
            referral.id, Status.WITHDRAWN, requester.user_id, channel_id=requester.channel_id
        )

    def close(self, requester: Requester, referral_id: str) -> ReferralView:
        referral = self._require_owner(requester, referral_id)
        return self._store.transition(
            referral.id, Status.CLOSED, requester.user_id, channel_id=requester.channel_id
        )

    def retry(self, requester: Requester, referral_id: str) -> ReferralView:
        """Failed deliveries back into the outbox, due now."""
        referral = self._require_owner(requester, referral_id)
        return self._store.retry_failed(referral.id, requester.user_id, requester.channel_id)

    def show(self, requester: Requester, referral_id: str) -> ReferralView:
        """Status, history and each delivery with its last error."""
        referral = self._store.require(referral_id)
        self._require_member(requester, referral.case_id)
        return referral

    def for_notice(self, referral_id: str) -> ReferralView:
        """The referral as Casebot itself reads it, to tell its sender or its case room what
        happened (a delivery given up, a partner's answer); never shown to anyone else."""
        return self._store.require(referral_id)

    def package(self, requester: Requester, referral_id: str) -> ReferralPackage:
        """The package as built (and approved): what the outbox sends, for an export."""
        referral = self.show(requester, referral_id)
        if referral.package is None:
            raise UnknownReferralError(referral_id)
        return package_from_json(referral.package)

    def list(self, requester: Requester) -> list[ReferralView]:
        """Open referrals the requester made and those awaiting their approval; the local
        operator sees every open referral."""
        if requester.is_operator:
            return self._store.find(every_open=True)
        leading = [
            case.id
            for case in self._cases.cases_of(requester.user_id)
            if requester.user_id in case.leads
        ]
        return self._store.find(created_by=requester.user_id, awaiting_approval_in=leading)

    # -- internals ------------------------------------------------------------------------------

    def _build(
        self, requester: Requester, draft: ReferralDraft, referral_id: str
    ) -> tuple[ReferralPackage, Partner]:
        self._require_member(requester, draft.case_id)
        partner = self._partner(draft.partner_id)
        viewer = self._need_to_know.viewer_for(requester)
        candidates = self._material.candidates(draft.document_ids, draft.quotes)
        sent = [
            candidate.document_id
            for candidate in candidates
            if withholding_reason(partner, viewer, draft.case_id, candidate) is None
        ]
        summary = cite_what_goes(draft.summary, draft.document_ids, sent)
        outcome = apply_policy(
            partner, viewer, draft.case_id, summary.text, draft.subjects, candidates
        )
        policy = dataclasses.replace(
            outcome.result,
            withheld=outcome.result.withheld
            + _unknown(draft.document_ids, candidates)
            + _summary_sentences(summary.dropped),
        )
        package = ReferralPackage(
            referral_id=referral_id,
            version=1,
            created_at=self._clock().replace(tzinfo=UTC),
            case_id=draft.case_id,
            investigator=Investigator(
                requester.user_id, draft.investigator_name or requester.user_id, draft.contact
            ),
            partner=partner.ref,
            requested_action=draft.requested_action,
            priority=draft.priority,
            handling=outcome.handling,
            summary=outcome.summary,
            subjects=outcome.subjects,
            evidence=outcome.evidence,
            related_hits=self._related_hits(draft.case_id, outcome.subjects, partner),
            policy=policy,
        )
        return package, partner

    def _related_hits(
        self, case_id: str, subjects: Sequence[Subject], partner: Partner
    ) -> tuple[RelatedHit, ...]:
        """Cross-case hits on the subjects' own identifiers (already in the package), for
        deconfliction: a government partner learns the other case's id, a private partner only
        that another case holds the identifier."""
        sent = {identifier for subject in subjects for identifier in subject.identifiers}
        related = []
        for hit in self._hits(case_id):
            if (hit.entity_kind, hit.entity_value) not in sent:
                continue
            other = hit.case_b if hit.case_a == case_id else hit.case_a
            named = other if partner.kind is PartnerKind.GOVERNMENT else None
            related.append(RelatedHit(hit.entity_kind, hit.entity_value, named))
        return tuple(dict.fromkeys(related))

    def _partner(self, partner_id: str) -> Partner:
        partners = self._partners()
        partner = partners.get(partner_id)
        if partner is None:
            raise UnknownPartnerError(partner_id, partners.ids)
        return partner

    def _case(self, case_id: str) -> CaseInfo:
        case = self._cases.get(case_id)
        if case is None:
            raise UnknownCaseError(case_id)
        return case

    def _require_member(self, requester: Requester, case_id: str) -> None:
        case = self._case(case_id)
        if not requester.is_operator and case.member(requester.user_id) is None:
            raise NotCaseMemberError(case_id, requester.user_id)

    def _require_lead(self, requester: Requester, referral: ReferralView) -> None:
        case = self._case(referral.case_id)
        if not requester.is_operator and requester.user_id not in case.leads:
            raise NotApproverError(case.id, requester.user_id, case.leads)

    def _require_owner(self, requester: Requester, referral_id: str) -> ReferralView:
        referral = self._store.require(referral_id)
        case = self._case(referral.case_id)
        owners = {referral.created_by, *case.leads}
        if not requester.is_operator and requester.user_id not in owners:
            raise NotReferralOwnerError(referral_id, case.id, requester.user_id)
        return referral


def _choice(partner: Partner) -> PartnerChoice:
    return PartnerChoice(
        id=partner.id,
        name=partner.name,
        kind=partner.kind.value,
        requires_approval=partner.requires_approval,
        markings=tuple(sorted(partner.markings)),
        tlp=partner.tlp.value if partner.tlp else None,
    )


def _unknown(
    document_ids: Sequence[str], found: Sequence[CandidateEvidence]
) -> tuple[Withheld, ...]:
    known = {candidate.document_id for candidate in found}
    return tuple(
        Withheld(document_id, texts.WITHHELD_UNKNOWN_DOCUMENT)
        for document_id in dict.fromkeys(document_ids)
        if document_id not in known
    )


def _summary_sentences(dropped: int) -> tuple[Withheld, ...]:
    if not dropped:
        return ()
    item = texts.WITHHELD_SUMMARY_SENTENCES.format(count=dropped)
    return (Withheld(item, texts.WITHHELD_SUMMARY_REASON),)


def _held_back_count(count: int) -> str:
    return texts.WITHHELD_ITEMS_FOR_PARTNER.format(count=count)


def _subject_json(subject: Subject) -> dict[str, Any]:
    return {
        "name": subject.name,
        "identifiers": [{"kind": kind, "value": value} for kind, value in subject.identifiers],
    }


def _no_hits(_case_id: str) -> Sequence[Hit]:
    return ()


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
