"""What the casework domain says to people: error messages and audit-verification findings.

Every error message names what to do next. Messages are plain text with user ids as given (the
Slack layer may render them as mentions); ``{…}`` fields are filled by :mod:`casework.errors`
and :mod:`casework.audit`.
"""

from __future__ import annotations

INVALID_ID = (
    "{what} {value!r} is not usable: give 1 to {limit} characters with no spaces, "
    "for example OP-HARBOR-LIGHT."
)
UNKNOWN_CASE = (
    "There is no case {case_id}. Check the id (`casebot case list` shows every case), "
    "or create it with `casebot case create {case_id} --title TITLE`."
)
CASE_EXISTS = (
    "Case {case_id} already exists (`casebot case show {case_id}` shows it). To add people or "
    "channels to it, ask one of its leads; a case without a lead is changed by the local "
    "operator with `casebot case add-member` and `casebot case link`."
)
TITLE_TOO_LONG = (
    "The title of case {case_id} has {length} characters; shorten it to at most {limit}."
)
CHANNEL_TAKEN = (
    "Channel {channel_id} is already the room of case {owner_case_id}; a channel serves one "
    "case. Ask a lead of {owner_case_id} to unlink it first, or use another channel."
)
CHANNEL_NOT_LINKED = (
    "Channel {channel_id} is not linked to case {case_id}, so there is nothing to unlink. "
    "`casebot case show {case_id}` lists its channels."
)
NOT_A_MEMBER = (
    "{user_id} is not a member of case {case_id}, so there is nothing to remove. "
    "`casebot case show {case_id}` lists its members."
)
NOT_A_LEAD = "Only a lead of case {case_id} can change it ({leads}); ask one of them."
NO_LEADS = (
    "Case {case_id} has no lead, so only the local operator can change it: "
    "`casebot case add-member {case_id} USER_ID --lead` makes someone its lead."
)
LAST_LEAD = (
    "{user_id} is the last lead of case {case_id}; a case needs a lead. "
    "Make someone else a lead first, then try again."
)
UNKNOWN_AUDIT_RECORD = (
    "There is no audit record {audit_id} to give feedback on; "
    "feedback refers to the audit id of the question it rates."
)
INVALID_FEEDBACK = "Feedback is 'up' or 'down', not {value!r}."

RECORD_ALTERED = (
    "record {record_id} was changed after it was written: its hash does not match its contents"
)
RECORD_UNLINKED = (
    "record {record_id} does not follow record {previous_id}: a record between them was "
    "deleted, or records were reordered"
)
FIRST_RECORD_UNLINKED = (
    "record {record_id} is the first record but links to an earlier one: "
    "the records before it were deleted"
)

LEGACY_SETTING = (
    "the setting {old} is read under its old name for this release only; rename it to {new}"
)

UNKNOWN_KEY = "unknown key; remove it or check its spelling"
MISSING_KEY = "this key is required"
NOT_YAML = "this is not valid YAML ({problem}); fix the syntax"
