"""The sharing policy: what of a case may go to a partner, applied when a package is built
(:func:`apply_policy`) and again just before each delivery (:func:`recheck_before_delivery`).

- ``6E`` (grand-jury) material never leaves its case: it is never in a package.
- Restricted material of another case never rides on this case's referral.
- Only documents the referring user may see (their :class:`~casework.access.Viewer`) go.
- ``LES`` material goes only to partners whose ``markings`` include it.
- For a partner with ``redact`` set (every private partner by default), dates of birth, SSNs,
  and phone numbers and e-mail addresses that are *not* the referral's subjects' identifiers are
  replaced by a visible token in the summary, the quotes and the subjects' names.

The summary is the requester's own text and is sent as written (redacted as above): the draft
summary the form offers (:func:`casework.referrals.evidence.draft_summary`) quotes only material
a partner could receive, never ``6E``.

Everything here is a pure function of its inputs. What was held back comes back as
:class:`~casework.referrals.package.Withheld`, each redaction as a
:class:`~casework.referrals.package.Redaction`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from stdnum.us import ssn as us_ssn

from casework.access import Viewer
from casework.identifiers import IdentifierKind, find_identifiers
from casework.markings import Marking
from casework.referrals import texts
from casework.referrals.package import (
    Evidence,
    Handling,
    PolicyResult,
    Redaction,
    Subject,
    Withheld,
)
from casework.referrals.partners import Partner, PartnerKind, PersonalData


@dataclass(frozen=True)
class CandidateEvidence:
    """A document the requester selected, as the registry holds it now."""

    document_id: str
    title: str
    case_id: str | None
    marking: str
    page: int | None
    quote: str
    sha256: str


@dataclass(frozen=True)
class PolicyOutcome:
    """What may go to the partner, already redacted, and the account of what did not."""

    summary: str
    subjects: tuple[Subject, ...]
    evidence: tuple[Evidence, ...]
    handling: Handling
    result: PolicyResult


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str


_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS},?\s+\d{{4}})"
)
DATE_OF_BIRTH = re.compile(
    rf"\b(?:d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|born(?:\s+on)?)\s*[:#-]?\s*({_DATE})",
    re.IGNORECASE,
)
"""A date after a birth keyword; only the date itself is redacted, so the text still reads."""
SSN_DASHED = re.compile(r"(?<![\w-])(\d{3}-\d{2}-\d{4})(?![\w-])")
SSN_AFTER_KEYWORD = re.compile(
    r"\b(?:ssn|social\s+security(?:\s+(?:no\.?|number|#))?)\s*[:#]?\s*"
    r"(\d{3}[ -]?\d{2}[ -]?\d{4})\b",
    re.IGNORECASE,
)
"""With the keyword the number is redacted whatever its digits; a dashed number alone only when
``stdnum`` finds it a valid SSN (a docket or part number can be shaped alike)."""
_PERSONAL_KINDS = {
    PersonalData.PERSONAL_PHONE: IdentifierKind.PHONE,
    PersonalData.PERSONAL_EMAIL: IdentifierKind.EMAIL,
}
_REDACTION_KIND = {IdentifierKind.PHONE: "phone", IdentifierKind.EMAIL: "email"}


def apply_policy(
    partner: Partner,
    viewer: Viewer,
    case_id: str,
    summary: str,
    subjects: Sequence[Subject],
    candidates: Sequence[CandidateEvidence],
) -> PolicyOutcome:
    withheld: list[Withheld] = []
    kept: list[CandidateEvidence] = []
    for candidate in candidates:
        reason = withholding_reason(partner, viewer, case_id, candidate)
        if reason is None:
            kept.append(candidate)
        else:
            withheld.append(Withheld(candidate.title, reason))
    redactor = Redactor(partner.redact, subjects)
    redactions: list[Redaction] = []
    summary = redactor.redact(summary, texts.WHERE_SUMMARY, redactions)
    evidence = tuple(_evidence(candidate, redactor, redactions) for candidate in kept)
    shown_subjects = tuple(_subject(subject, redactor, redactions) for subject in subjects)
    blocked = None if evidence else texts.BLOCKED_NO_EVIDENCE.format(partner=partner.name)
    result = PolicyResult(
        allowed=blocked is None,
        blocked_reason=blocked,
        withheld=tuple(withheld),
        redactions=tuple(redactions),
    )
    return PolicyOutcome(summary, shown_subjects, evidence, handling_for(partner, evidence), result)


def withholding_reason(
    partner: Partner, viewer: Viewer, case_id: str, candidate: CandidateEvidence
) -> str | None:
    """Why this document may not go to this partner, or None if it may."""
    if candidate.marking == Marking.SIXE.value:
        return texts.WITHHELD_SIXE
    if candidate.marking != Marking.PUBLIC.value and candidate.case_id != case_id:
        return texts.WITHHELD_OTHER_CASE
    if not viewer.can_see(candidate.case_id, candidate.marking):
        return texts.WITHHELD_NOT_VISIBLE
    if candidate.marking not in partner.markings:
        return texts.WITHHELD_MARKING.format(partner=partner.name, marking=candidate.marking)
    return None


def handling_for(partner: Partner, evidence: Iterable[Evidence]) -> Handling:
    markings = tuple(sorted({item.marking for item in evidence}))
    if partner.kind is PartnerKind.PRIVATE and partner.tlp is not None:
        dissemination = texts.DISSEMINATION_TLP[partner.tlp.value].format(partner=partner.name)
    else:
        dissemination = texts.DISSEMINATION_GOVERNMENT.format(partner=partner.name)
    return Handling(markings=markings, tlp=partner.tlp, dissemination=dissemination)


@dataclass(frozen=True)
class SentDocument:
    """A document as the stored package carries it: what it was when the package was built."""

    document_id: str
    title: str
    marking: str


@dataclass(frozen=True)
class CurrentDocument:
    case_id: str | None
    marking: str


def recheck_before_delivery(
    partner: Partner | None,
    partner_id: str,
    target_key: str,
    case_id: str,
    sent: Sequence[SentDocument],
    current: Mapping[str, CurrentDocument],
    redacted_at_build: frozenset[PersonalData],
) -> str | None:
    """Why the stored package may no longer go to this target, or None if it still may: the
    partner or the target left the file, the partner no longer takes a marking, a document's
    marking changed (or it is gone), or the partner now needs more redacted."""
    if partner is None:
        return texts.RECHECK_PARTNER_GONE.format(partner_id=partner_id)
    if partner.target(target_key) is None:
        return texts.RECHECK_TARGET_GONE.format(target=target_key, partner=partner.name)
    missing = partner.redact - redacted_at_build
    if missing:
        kinds = ", ".join(sorted(kind.value for kind in missing))
        return texts.RECHECK_REDACTION_GREW.format(partner=partner.name, kinds=kinds)
    for document in sent:
        reason = _document_recheck(partner, case_id, document, current.get(document.document_id))
        if reason is not None:
            return reason
    return None


def _document_recheck(
    partner: Partner, case_id: str, sent: SentDocument, now: CurrentDocument | None
) -> str | None:
    if now is None:
        return texts.RECHECK_DOCUMENT_GONE.format(title=sent.title)
    moved = now.marking != Marking.PUBLIC.value and now.case_id != case_id
    if now.marking != sent.marking or moved:
        return texts.RECHECK_DOCUMENT_CHANGED.format(
            title=sent.title, marking=now.marking, was=sent.marking
        )
    if now.marking not in partner.markings:
        return texts.RECHECK_MARKING.format(
            partner=partner.name, marking=now.marking, title=sent.title
        )
    return None


class Redactor:
    """Replaces the personal data a partner may not receive with ``[redacted: …]`` tokens.
    Phones and e-mail addresses that identify one of the referral's subjects are kept: they
    are what the partner acts on."""

    def __init__(self, kinds: Iterable[PersonalData], subjects: Sequence[Subject]) -> None:
        self._kinds = frozenset(kinds)
        self._subject_values = _subject_identifiers(subjects)

    def redact(self, text: str, where: str, redactions: list[Redaction]) -> str:
        if not self._kinds or not text:
            return text
        spans = _without_overlaps(self._spans(text))
        for kind, count in sorted(Counter(span.kind for span in spans).items()):
            redactions.append(Redaction(kind=kind, where=where, count=count))
        for span in sorted(spans, key=lambda span: span.start, reverse=True):
            token = texts.REDACTED_TOKEN.format(label=texts.REDACTION_LABELS[span.kind])
            text = text[: span.start] + token + text[span.end :]
        return text

    def _spans(self, text: str) -> list[_Span]:
        spans: list[_Span] = []
        if PersonalData.DATE_OF_BIRTH in self._kinds:
            spans += [_group_span(m, "date_of_birth") for m in DATE_OF_BIRTH.finditer(text)]
        if PersonalData.SSN in self._kinds:
            spans += [_group_span(m, "ssn") for m in SSN_AFTER_KEYWORD.finditer(text)]
            spans += [
                _group_span(m, "ssn") for m in SSN_DASHED.finditer(text) if us_ssn.is_valid(m[1])
            ]
        wanted = {_PERSONAL_KINDS[kind] for kind in self._kinds if kind in _PERSONAL_KINDS}
        if wanted:
            spans += self._personal_contacts(text, wanted)
        return spans

    def _personal_contacts(self, text: str, wanted: set[IdentifierKind]) -> list[_Span]:
        return [
            _Span(match.start, match.end, _REDACTION_KIND[match.kind])
            for match in find_identifiers(text)
            if match.kind in wanted and (match.kind, match.value) not in self._subject_values
        ]


def normalised_identifier(kind: str, value: str) -> tuple[str, str]:
    """``(kind, value)`` as the identifier finder normalises it, so a subject's phone typed as
    ``(312) 555-0142`` matches ``+13125550142`` found in a quote."""
    for match in find_identifiers(value):
        if match.kind == kind:
            return kind, match.value
    return kind, value.strip().lower()


def _subject_identifiers(subjects: Sequence[Subject]) -> frozenset[tuple[str, str]]:
    return frozenset(
        normalised_identifier(kind, value)
        for subject in subjects
        for kind, value in subject.identifiers
    )


def _evidence(
    candidate: CandidateEvidence, redactor: Redactor, redactions: list[Redaction]
) -> Evidence:
    where = texts.WHERE_QUOTE.format(title=candidate.title)
    return Evidence(
        document_id=candidate.document_id,
        title=candidate.title,
        page=candidate.page,
        quote=redactor.redact(candidate.quote, where, redactions),
        sha256=candidate.sha256,
        marking=candidate.marking,
    )


def _subject(subject: Subject, redactor: Redactor, redactions: list[Redaction]) -> Subject:
    where = texts.WHERE_SUBJECT.format(name=subject.name)
    return Subject(redactor.redact(subject.name, where, redactions), subject.identifiers)


def _group_span(match: re.Match[str], kind: str) -> _Span:
    return _Span(match.start(1), match.end(1), kind)


def _without_overlaps(spans: Iterable[_Span]) -> list[_Span]:
    kept: list[_Span] = []
    for span in sorted(spans, key=lambda span: (span.start, -span.end)):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
