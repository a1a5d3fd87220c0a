"""Referral packages for the rendering and delivery tests: a full one, a minimal one and one
with many evidence items."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime

from casework.referrals.package import (
    Evidence,
    Handling,
    Investigator,
    PartnerRef,
    PolicyResult,
    Priority,
    Redaction,
    ReferralPackage,
    RelatedHit,
    RequestedAction,
    Subject,
    Tlp,
    Withheld,
)

CREATED_AT = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def evidence_item(number: int) -> Evidence:
    return Evidence(
        document_id=f"doc-{number:03d}",
        title=f"Shipping manifest {number:03d}",
        page=number,
        quote=f"Container MSKU{number:07d} declared as 'phone cases', 400 cartons.",
        sha256=sha256_of(f"source file {number}"),
        marking="LES",
    )


def full_package() -> ReferralPackage:
    """A referral to a private partner with everything a package can carry."""
    return ReferralPackage(
        referral_id="REF-2026-0042",
        version=2,
        created_at=CREATED_AT,
        case_id="OP-HARBOR-LIGHT",
        investigator=Investigator(
            user_id="U024BE7LH", name="Dana Reyes", contact="dana.reyes@example.gov"
        ),
        partner=PartnerRef(
            id="acme-brand-protection", name="Acme Brand Protection", kind="private"
        ),
        requested_action=RequestedAction.TAKE_DOWN_LISTING,
        priority=Priority.IMMEDIATE,
        handling=Handling(
            markings=("PUBLIC", "LES"),
            tlp=Tlp.AMBER,
            dissemination="Acme's brand-protection team only; do not forward to sellers.",
        ),
        summary=(
            "Counterfeit Acme chargers are sold through three marketplace listings run by the "
            "same seller; the shipments are traced to one consignee."
        ),
        subjects=(
            Subject(
                name="Harbor Light Trading Ltd",
                identifiers=(("domain", "harborlight-trading.example"), ("phone", "+15555550123")),
            ),
            Subject(name="Unnamed seller"),
        ),
        evidence=tuple(evidence_item(number) for number in range(1, 4)),
        related_hits=(
            RelatedHit(kind="domain", value="harborlight-trading.example", other_case_id="OP-TIDE"),
            RelatedHit(kind="phone", value="+15555550123", other_case_id=None),
        ),
        policy=PolicyResult(
            allowed=True,
            withheld=(
                Withheld(item="Grand jury subpoena return", reason="6(e) material is never shared"),
                Withheld(item="Informant statement", reason="LES material to a private partner"),
            ),
            redactions=(Redaction(kind="phone", where="the summary", count=2),),
        ),
    )


def minimal_package() -> ReferralPackage:
    """A referral to a government partner with only what a package must have."""
    return ReferralPackage(
        referral_id="REF-2026-0001",
        version=1,
        created_at=CREATED_AT,
        case_id="OP-QUIET",
        investigator=Investigator(user_id="U1", name="Sam Lee", contact="+1 555 0100"),
        partner=PartnerRef(id="cbp", name="U.S. Customs and Border Protection", kind="government"),
        requested_action=RequestedAction.INFORMATION_ONLY,
        priority=Priority.ROUTINE,
        handling=Handling(markings=(), tlp=None, dissemination="Within CBP."),
        summary="",
    )


def package_with_evidence(count: int) -> ReferralPackage:
    evidence = tuple(evidence_item(number) for number in range(1, count + 1))
    return replace(full_package(), evidence=evidence)
