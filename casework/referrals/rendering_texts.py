"""What the referral PDF says: its headings, labels and the words for the package's enums.

Plain text; ``{…}`` fields are filled by :mod:`casework.referrals.rendering`.
"""

from __future__ import annotations

from casework.referrals.package import Priority, RequestedAction, Tlp

DOCUMENT_TITLE = "Referral {referral_id}"
RUNNING_HEADER = "Casebot referral {referral_id} - version {version}"
VERSION_LINE = "Version {version}, created {created_at}"
MARKINGS_LINE = "Markings: {markings}"
PAGE_FOOTER = "Page {page} of {pages}"
NONE_GIVEN = "none"

HEADING_REFERRAL = "The referral"
HEADING_HANDLING = "Handling"
HEADING_SUMMARY = "Summary"
HEADING_SUBJECTS = "Subjects"
HEADING_EVIDENCE = "Evidence"
HEADING_RELATED = "Related cases (deconfliction)"
HEADING_POLICY = "Sharing policy"

LABEL_CASE = "Originating case"
LABEL_INVESTIGATOR = "Investigator"
LABEL_CONTACT = "Contact"
LABEL_PARTNER = "Partner"
LABEL_REQUESTED_ACTION = "Requested action"
LABEL_PRIORITY = "Priority"
LABEL_MARKINGS = "Markings"
LABEL_TLP = "TLP"
LABEL_DISSEMINATION = "Dissemination"

PARTNER_LINE = "{name} ({kind}, {partner_id})"
INVESTIGATOR_LINE = "{name} ({user_id})"
NO_TLP = "none (government partner: the markings govern handling)"

NO_SUBJECTS = "No subjects are named in this referral."
SUBJECT_WITHOUT_IDENTIFIERS = "no identifiers"

EVIDENCE_COLUMNS = ("#", "Document", "Page", "Quote", "SHA-256 of the source file")
NO_EVIDENCE = "No evidence is attached to this referral."
NO_PAGE = "-"

RELATED_COLUMNS = ("Kind", "Value", "Other case")
OTHER_CASE_NOT_NAMED = "another case (not named to this partner)"
NO_RELATED = "No related hits in other cases."

POLICY_BLOCKED = "Nothing may go to this partner: {reason}"
POLICY_ALLOWED = "The package passed the sharing policy."
WITHHELD_INTRO = "Withheld from this package:"
WITHHELD_COLUMNS = ("Item", "Why it was withheld")
NOTHING_WITHHELD = "Nothing was withheld."
REDACTIONS_INTRO = "Redacted in this package:"
REDACTION_COLUMNS = ("Kind of data", "Where", "How many")
NOTHING_REDACTED = "Nothing was redacted."

REQUESTED_ACTIONS: dict[RequestedAction, str] = {
    RequestedAction.SEIZE_SHIPMENT: "Seize the shipment",
    RequestedAction.DETAIN_SHIPMENT: "Detain the shipment",
    RequestedAction.OPEN_INVESTIGATION: "Open an investigation",
    RequestedAction.TAKE_DOWN_LISTING: "Take down the listing",
    RequestedAction.PRESERVE_RECORDS: "Preserve the records",
    RequestedAction.INFORMATION_ONLY: "For information only",
}

PRIORITIES: dict[Priority, str] = {
    Priority.ROUTINE: "Routine",
    Priority.PRIORITY: "Priority",
    Priority.IMMEDIATE: "Immediate",
}

TLP_MEANINGS: dict[Tlp, str] = {
    Tlp.CLEAR: "TLP:CLEAR - disclosure is not limited.",
    Tlp.GREEN: "TLP:GREEN - limited disclosure, within your community.",
    Tlp.AMBER: (
        "TLP:AMBER - limited disclosure, within your organisation and its clients "
        "on a need-to-know basis."
    ),
    Tlp.AMBER_STRICT: ("TLP:AMBER+STRICT - limited disclosure, within your organisation only."),
    Tlp.RED: "TLP:RED - for the eyes and ears of the individual recipients only.",
}
