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

# -- the form --------------------------------------------------------------------------------
FORM_TITLE: Final = "Refer to a partner"
PREVIEW_TITLE: Final = "Check the referral"
REJECT_TITLE: Final = "Reject the referral"
DECLINE_TITLE: Final = "Decline the referral"
CLOSE: Final = "Cancel"
NEXT: Final = "Preview"
SEND: Final = "Send"
ASK_APPROVAL: Final = "Ask a lead to approve"
REJECT_SUBMIT: Final = "Reject"
DECLINE_SUBMIT: Final = "Decline"
PREPARING: Final = ":hourglass_flowing_sand: Preparing the referral…"
FORM_INTRO: Final = (
    "Referring evidence of case *{case_id}*. The next step shows exactly what the partner would "
    "receive, after the sharing policy."
)
LABEL_PARTNER: Final = "Partner"
LABEL_ACTION: Final = "Requested action"
LABEL_PRIORITY: Final = "Priority"
LABEL_SUMMARY: Final = "Summary"
HINT_SUMMARY: Final = "[n] cites the n-th selected document. The partner reads this as written."
LABEL_SUBJECTS: Final = "Subjects"
LABEL_EVIDENCE: Final = "Evidence"
HINT_EVIDENCE: Final = "Documents of the case you may see; grand-jury (6E) material never goes."
LABEL_CONTACT: Final = "Your contact (e-mail or phone)"
CHOOSE_PARTNER: Final = "Choose a partner"
CHOOSE: Final = "Choose"
PARTNER_OPTION: Final = "{name} · {kind}{tlp}{approval}"
PARTNER_OPTION_TLP: Final = " · {tlp}"
PARTNER_OPTION_APPROVAL: Final = " · lead approval"
DOCUMENT_OPTION: Final = "{title} · {marking}"
NEEDS_PARTNER: Final = "Choose the partner to refer to."
NEEDS_EVIDENCE: Final = "Choose at least one document."
NEEDS_SUMMARY: Final = "Write a summary for the partner."
TOO_LONG_FOR_SLACK: Final = (
    "Too much to carry to the preview: choose fewer documents or shorten the summary."
)
NEEDS_REASON: Final = "Say why, in a few words."
LABEL_REASON: Final = "Reason"
NO_DOCUMENTS: Final = (
    "Case *{case_id}* has no document you may refer (grand-jury material never leaves its case)."
)
NO_PARTNERS: Final = (
    "No partner is configured; whoever runs Casebot adds them to the partners file."
)
REFER_NEEDS_CASE: Final = (
    "Which case? This channel is not a case's room: run `/refer CASE_ID`, or `/refer` in the "
    "case's room."
)
REFER_FAILED: Final = ":warning: I couldn't prepare the referral: {reason}"
REFER_BROKEN: Final = (
    ":warning: I couldn't prepare the referral ({error_type}, reference `{reference}`); try "
    "again, and give the reference to whoever runs Casebot if it keeps failing."
)

# -- the preview -----------------------------------------------------------------------------
PREVIEW_PARTNER: Final = "*To:* {name} ({kind}){tlp}"
PREVIEW_TLP: Final = " · *{tlp}*"
PREVIEW_REQUEST: Final = "*Requested action:* {action} · *Priority:* {priority}"
PREVIEW_SUMMARY: Final = "*Summary as it will go*\n{summary}"
PREVIEW_SUBJECTS: Final = "*Subjects:* {subjects}"
PREVIEW_EVIDENCE: Final = "*Evidence ({count})*\n{items}"
PREVIEW_EVIDENCE_ITEM: Final = "• {title}{page} · {marking}"
PREVIEW_PAGE: Final = " · page {page}"
PREVIEW_WITHHELD: Final = "*Withheld ({count})*\n{items}"
PREVIEW_WITHHELD_ITEM: Final = "• {item}: {reason}"
PREVIEW_REDACTED: Final = "*Redacted*\n{items}"
PREVIEW_REDACTED_ITEM: Final = "• {count} {kind} in {where}"
PREVIEW_NOTHING_WITHHELD: Final = "Nothing withheld or redacted by the sharing policy."
PREVIEW_HANDLING: Final = "Markings: {markings}. {dissemination}"
PREVIEW_NEEDS_APPROVAL: Final = (
    ":lock: {partner} requires a lead's approval: a lead of case {case_id} is asked, and it "
    "goes once approved."
)
PREVIEW_GOES_NOW: Final = "It goes to {partner} as soon as you press *Send*."
PREVIEW_BLOCKED: Final = ":no_entry: Nothing can go: {reason}"
SUBMIT_FAILED: Final = ":warning: The referral was not sent: {reason}"

# -- after sending ----------------------------------------------------------------------------
SENT_TO_SENDER: Final = (
    ":outbox_tray: Referral {referral_id} to {partner} is on its way. `/referral {referral_id}` "
    "shows its deliveries."
)
AWAITING_TO_SENDER: Final = (
    ":hourglass: Referral {referral_id} to {partner} waits for a lead of case {case_id} to "
    "approve it. `/referral {referral_id}` shows where it is."
)
ROOM_SUBMITTED: Final = "<@{user_id}> referred case {case_id} to {partner}: {referral_id}."
ROOM_AWAITING: Final = (
    "<@{user_id}> asks to refer case {case_id} to {partner}: {referral_id}, awaiting a lead's "
    "approval."
)
ROOM_DECIDED: Final = "{referral_id} to {partner}: {decision} by {who}."
ROOM_REJECTED: Final = "{referral_id} to {partner}: rejected by {who} ({reason})."
ROOM_DECLINED: Final = "{referral_id} to {partner}: declined by {who} ({reason})."

# -- approval ---------------------------------------------------------------------------------
APPROVAL_HEADING: Final = (
    ":raised_hand: <@{user_id}> asks you to approve referral *{referral_id}* of case {case_id} "
    "to {partner}."
)
APPROVAL_EVIDENCE: Final = "*Evidence:* {items}"
APPROVAL_POLICY: Final = "Sharing policy — withheld: {withheld}; redacted: {redacted}."
APPROVAL_WITHHELD_ITEM: Final = "{item} ({reason})"
APPROVAL_REDACTED_ITEM: Final = "{count} {kind} in {where}"
APPROVAL_NOTHING: Final = "nothing"
APPROVE_LABEL: Final = "Approve"
REJECT_LABEL: Final = "Reject…"
APPROVED_BY: Final = ":white_check_mark: Approved by <@{user_id}>; it is being delivered."
REJECTED_BY: Final = ":x: Rejected by <@{user_id}>: {reason}"
APPROVAL_FALLBACK: Final = "Approve referral {referral_id} to {partner}?"
DECISION_APPROVED: Final = "approved"

# -- the partner's answer ----------------------------------------------------------------------
PARTNER_STATUS: Final = "*{status}* by {who}"
PARTNER_STATUS_WORDS: Final = {
    "acknowledged": "Acknowledged",
    "accepted": "Accepted",
    "declined": "Declined",
}
PARTNER_DECLINE_REASON: Final = "{status}: {reason}"
RESPONSE_FAILED: Final = ":warning: {reason}"

# -- /referral and the App Home ----------------------------------------------------------------
STATUS_HEADING: Final = "*{referral_id}* · case {case_id} → {partner} · *{status}*"
STATUS_REQUEST: Final = "Requested action: {action} · priority: {priority} · version {version}"
STATUS_DELIVERIES: Final = "*Deliveries*\n{items}"
STATUS_DELIVERY: Final = "• {target}: {status}, {attempts} attempt(s){error}"
STATUS_DELIVERY_ERROR: Final = " — last error: {error}"
STATUS_NO_DELIVERIES: Final = "*Deliveries*: none yet."
STATUS_HISTORY: Final = "*History*\n{items}"
STATUS_EVENT: Final = "• {at} {from_status}→ {to_status} by {actor}{note}"
STATUS_EVENT_NOTE: Final = " ({note})"
STATUS_HINT: Final = "`/referral {referral_id} retry` · `/referral {referral_id} withdraw`"
LIST_MINE: Final = "*Your open referrals*"
LIST_AWAITING: Final = "*Awaiting your approval*"
LIST_ITEM: Final = "• *{referral_id}* · case {case_id} → {partner} · {status}"
LIST_NONE: Final = "_None._"
RETRIED: Final = "Failed deliveries of {referral_id} are queued again."
WITHDRAWN: Final = "Referral {referral_id} is withdrawn; nothing more goes to the partner."
REFERRAL_USAGE: Final = (
    "`/referral` lists your open referrals and those awaiting your approval; "
    "`/referral REF-…` shows one; `/referral REF-… retry` or `withdraw` acts on it."
)
REFERRAL_FAILED: Final = ":warning: {reason}"
REFER_NOT_OPENED: Final = (
    "Slack would not open the referral form (the request may have taken too long); "
    "run the command again."
)
REJECTED_TO_SENDER: Final = (
    ":leftwards_arrow_with_hook: <@{user_id}> rejected referral {referral_id} to {partner}: "
    "{reason}. It is back in draft; `/referral {referral_id} withdraw` drops it, or refer again."
)
REFER_BUSY: Final = (
    "I'm answering too many requests right now; close this and try again in a minute."
)
