"""What Casebot says in Slack about referrals (``mrkdwn``; ``{…}`` fields filled by the
modules that send them, user and document text escaped first)."""

from __future__ import annotations

from typing import Final

PARTNER_HEADING: Final = "*Referral {referral_id}* (version {version}) from case {case_id}"
PARTNER_HANDLING: Final = "{tlp}Markings: {markings}. {dissemination}"
PARTNER_TLP: Final = "*{tlp}* · "
PARTNER_REQUEST: Final = "*Requested action:* {action} · *Priority:* {priority}"
PARTNER_SUMMARY: Final = "*Summary*\n{summary}"
PARTNER_SUBJECTS: Final = "*Subjects:* {subjects}"
PARTNER_EVIDENCE: Final = (
    "{count} piece(s) of evidence, each with its quote and SHA-256 in the PDF."
)
PARTNER_CONTACT: Final = "Investigator: {name}, {contact}"
PARTNER_FALLBACK: Final = "Referral {referral_id} from case {case_id}: {action}"
PARTNER_PDF_COMMENT: Final = "The full package, version {version} (PDF)."
ACKNOWLEDGE_LABEL: Final = "Acknowledge"
ACCEPT_LABEL: Final = "Accept"
DECLINE_LABEL: Final = "Decline…"
DELIVERY_FAILED: Final = (
    ":warning: Referral {referral_id} could not be delivered to {partner_id}: {error}. "
    "It was given up after its retries; fix the cause, then `/referral {referral_id} retry`."
)
