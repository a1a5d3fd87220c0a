"""What the senders say: the e-mail a partner receives, and why a delivery failed (shown to the
investigator with the referral's delivery status). ``{…}`` fields are filled by the senders."""

from __future__ import annotations

EMAIL_SUBJECT = (
    "Referral {referral_id} (version {version}) from case {case_id}: {action}, {priority}"
)
EMAIL_SUBJECT_WITH_TLP = "{tlp} {subject}"

EMAIL_BODY = """\
Referral {referral_id}, version {version}, from case {case_id}.

Requested action: {action}
Priority: {priority}
Handling: {handling}

The referral is attached twice: as a PDF ({pdf_name}) to read, and as JSON ({json_name}) for \
your systems, following the Casebot referral package schema (version {schema_version}).

To reply, answer this e-mail or contact {investigator} at {contact}, quoting referral \
{referral_id}.
"""
HANDLING_WITH_TLP = "{tlp_meaning} Markings: {markings}. Dissemination: {dissemination}"
HANDLING_WITHOUT_TLP = "Markings: {markings}. Dissemination: {dissemination}"
NO_MARKINGS = "none"

WRONG_TARGET_KIND = "The {sender} sender cannot deliver to a {kind} target ({address})."

SMTP_REFUSED = (
    "The mail server {host} refused the referral for {address} ({code} {reply}). "
    "Check the partner's e-mail address."
)
SMTP_DEFERRED = (
    "The mail server {host} deferred the referral for {address} ({code} {reply}); "
    "it will be tried again."
)
SMTP_NO_STARTTLS = (
    "The mail server {host} does not offer STARTTLS, and referrals are only sent over an "
    "encrypted connection. Fix the SMTP settings or the server."
)
SMTP_CERTIFICATE = (
    "The certificate of the mail server {host} could not be verified ({reason}). "
    "Fix the server's certificate or the SMTP host setting."
)
SMTP_UNREACHABLE = (
    "The mail server {host}:{port} could not be reached ({reason}); "
    "the referral will be tried again."
)

WEBHOOK_NO_SECRET = (
    "The webhook {host} has no shared secret, so the referral cannot be signed. "
    "Add the secret to the partner's delivery target."
)
WEBHOOK_BAD_URL = "The webhook address {address!r} is not usable ({reason}). Fix the partner's URL."
WEBHOOK_REFUSED = (
    "The webhook {host} refused the referral (HTTP {status} {reason}). "
    "Check the partner's URL and secret with the partner."
)
WEBHOOK_DEFERRED = (
    "The webhook {host} could not take the referral now (HTTP {status} {reason}); "
    "it will be tried again."
)
WEBHOOK_UNREACHABLE = (
    "The webhook {host} could not be reached ({reason}); the referral will be tried again."
)
