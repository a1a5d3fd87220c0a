"""What the referrals domain tells people: partners-file problems, why something was held back
from a package, why a referral cannot change as asked. Edges show these texts as they are."""

from __future__ import annotations

from typing import Final

# -- the partners file -----------------------------------------------------------------------

PARTNERS_FILE_PROBLEMS: Final = "The partners file {path} has {count} problem(s):\n{problems}"
PARTNERS_FILE_PROBLEM: Final = "  line {line}: {problem}"
PARTNERS_FILE_UNREADABLE: Final = "The partners file {path} cannot be read: {reason}"
PARTNERS_FILE_NOT_A_MAPPING: Final = (
    "the file must be a mapping with a `partners:` list (see partners.example.yml)"
)
DUPLICATE_PARTNER_ID: Final = "partner id {partner_id!r} is used twice; ids must be unique"
SIXE_NEVER_SHARED: Final = "6E (grand-jury) material never leaves its case; remove 6E from markings"
UNKNOWN_MARKING: Final = "unknown marking {marking!r}; use PUBLIC and/or LES"
UNKNOWN_REDACTION: Final = "unknown personal-data kind {kind!r}; use {kinds}"
TLP_REQUIRED: Final = "a private partner needs a `tlp:` label ({labels})"
TLP_REFUSED: Final = "`tlp:` is for private partners only; remove it from a government partner"
UNKNOWN_TLP: Final = "unknown TLP label {label!r}; use {labels}"
ONE_DELIVERY_KIND: Final = (
    "each delivery names exactly one of `slack_channel:`, `email:` or `webhook:`"
)
BAD_SLACK_CHANNEL: Final = (
    "{channel!r} is not a Slack channel id (it starts with C or G, e.g. C0123ABCD)"
)
BAD_EMAIL: Final = "{address!r} is not a valid e-mail address"
WEBHOOK_NOT_HTTPS: Final = (
    "webhook URL {url!r} must use https:// (http:// only to 127.0.0.1 or localhost)"
)
WEBHOOK_NEEDS_SECRET: Final = (
    "a webhook needs `secret_env:` naming the environment variable holding its HMAC secret"
)
SECRET_ONLY_FOR_WEBHOOKS: Final = "`secret_env:` and `secret:` belong to webhook deliveries only"
ONE_SECRET: Final = "give either `secret_env:` or `secret:`, not both"
SECRET_ENV_MISSING: Final = (
    "environment variable {name} (the webhook's HMAC secret) is not set; set it before starting"
)
NO_DELIVERIES: Final = "a partner needs at least one delivery"

# -- the sharing policy ------------------------------------------------------------------------

WITHHELD_SIXE: Final = "6E (grand-jury) material never leaves its case."
WITHHELD_OTHER_CASE: Final = "It belongs to another case, not to this referral's case."
WITHHELD_NOT_VISIBLE: Final = "You may not see this document here, so you may not refer it."
WITHHELD_MARKING: Final = "{partner} does not receive {marking} material."
WITHHELD_UNKNOWN_DOCUMENT: Final = "This document is not in the registry (any more)."
WITHHELD_SUMMARY_SENTENCES: Final = "{count} sentence(s) of the summary"
WITHHELD_SUMMARY_REASON: Final = (
    "They cite evidence held back from this partner, so they would pass it on."
)
BLOCKED_NO_EVIDENCE: Final = (
    "Nothing may be sent to {partner}: every selected document was held back. Select evidence "
    "this partner may receive."
)
REDACTED_TOKEN: Final = "[redacted: {label}]"
REDACTION_LABELS: Final = {
    "date_of_birth": "date of birth",
    "ssn": "SSN",
    "phone": "phone",
    "email": "e-mail",
}
WHERE_SUMMARY: Final = "summary"
WHERE_QUOTE: Final = "quote from {title}"
WHERE_SUBJECT: Final = "subject {name}"
DISSEMINATION_GOVERNMENT: Final = (
    "For official use by {partner} and agencies it works the case with; do not release "
    "publicly without the referring agency's consent."
)
DISSEMINATION_TLP: Final = {
    "TLP:CLEAR": "Disclosure is not limited.",
    "TLP:GREEN": "Limited disclosure: {partner} may share it within its community, not publicly.",
    "TLP:AMBER": (
        "Limited disclosure: {partner} may share it within its organisation and with its "
        "clients on a need-to-know basis only."
    ),
    "TLP:AMBER+STRICT": (
        "Limited disclosure: {partner} may share it within its own organisation only."
    ),
    "TLP:RED": "For the named recipients at {partner} only; not to be passed on.",
}

# -- before delivery -----------------------------------------------------------------------------

RECHECK_PARTNER_GONE: Final = "Partner {partner_id} is no longer in the partners file."
RECHECK_TARGET_GONE: Final = "{target} is no longer a delivery of {partner}."
RECHECK_MARKING: Final = "{partner} no longer receives {marking} material ({title})."
RECHECK_DOCUMENT_CHANGED: Final = (
    "{title} is now marked {marking}; the package was built when it was {was}. Build it again."
)
RECHECK_DOCUMENT_GONE: Final = "{title} is no longer in the registry."
RECHECK_REDACTION_GREW: Final = (
    "{partner} now needs {kinds} redacted, which this package was built without. Build it again."
)
NO_SENDER: Final = "No sender for {kind} deliveries is configured."
GAVE_UP: Final = "Gave up after {attempts} attempts: {error}"
WITHDRAWN_BEFORE_DELIVERY: Final = "The referral was withdrawn before this delivery."

# -- the lifecycle ---------------------------------------------------------------------------------

UNKNOWN_REFERRAL: Final = "There is no referral {referral_id}."
UNKNOWN_PARTNER: Final = (
    "There is no partner {partner_id!r} in the partners file. Partners: {partners}."
)
NO_PARTNERS: Final = "none (set CASEBOT_PARTNERS_FILE)"
INVALID_TRANSITION: Final = (
    "Referral {referral_id} is {current}; it cannot become {wanted}. From {current} it can "
    "become: {allowed}."
)
NOTHING_ALLOWED: Final = "nothing (it is final)"
NOT_A_CASE_MEMBER: Final = (
    "You are not a member of case {case_id}; only its members may refer its evidence."
)
NOT_AN_APPROVER: Final = "Only a lead of case {case_id} may approve or reject it ({leads})."
NO_LEADS: Final = "the case has no lead; ask the local operator"
NOT_YOURS: Final = (
    "Only its creator, a lead of case {case_id} or the local operator may change {referral_id}."
)
NOT_PARTNER_CHANNEL: Final = (
    "Only {partner} may answer referral {referral_id}, from one of its channels."
)
UNKNOWN_RESPONSE: Final = "{response!r} is not a partner response; use {responses}."
POLICY_BLOCKED: Final = "Referral not sent: {reason}"
NOTHING_TO_RETRY: Final = "Referral {referral_id} has no failed deliveries to retry."
REJECTED_NOTE: Final = "Approval rejected: {reason}"
RETRY_NOTE: Final = "{count} failed deliver(ies) queued again"
DELIVERY_FAILED_NOTE: Final = "Delivery to {target} failed: {error}"
DELIVERED_NOTE: Final = "Delivered to {target}"

WITHHELD_ITEMS_FOR_PARTNER = "{count} item(s) held back"
"""What a partner reads in place of the titles of what was held back."""
