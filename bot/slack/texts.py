"""Everything Casebot says in Slack, in one place.

Strings are Slack ``mrkdwn``. ``{…}`` fields are filled by the modules that send them; fields
holding user or document text are escaped (:func:`bot.slack.mrkdwn.escape`) before they are
filled in, ids are Slack's own. ``tests/slack/test_texts.py`` renders every template.
"""

from __future__ import annotations

from typing import Final

SEARCHING: Final = ":mag: Searching…"
SEARCHING_FOR: Final = ":mag: Searching for “{question}”…"
EMPTY_QUESTION: Final = (
    "Ask me a question after the mention, for example "
    "`@Casebot what sentence did the defendant receive?` — `/casebot help` lists what I can do."
)
EMPTY_ASK: Final = "Give the question after the command: `/ask what sentence did Doe receive?`"
BUSY: Final = (
    "I'm answering too many questions right now and couldn't take yours. "
    "Please ask again in a minute."
)

ANSWER_FALLBACK: Final = "{answer}"
ASKED_BY: Final = "<@{user_id}> asked: {question}"
SOURCES_HEADING: Final = "*Sources*"
CLOSEST_HEADING: Final = "*Closest documents* (none of them answers the question)"
SOURCE_LINE: Final = "*[{n}]* {title}{page} · {kind} · {marking}{case}"
SOURCE_LINK: Final = "<{url}|{title}>"
SOURCE_PAGE: Final = " · page {page}"
SOURCE_CASE: Final = " · case {case_id}"
QUOTE: Final = "> “{quote}”"
NOTE: Final = ":information_source: {note}"
WITHHELD_IN_CHANNEL: Final = (
    ":lock: {documents} restricted document(s) in case {case_id} matched; "
    "ask in {channels} or its lead."
)
WITHHELD_NO_CHANNEL: Final = (
    ":lock: {documents} restricted document(s) in case {case_id} matched; ask the case's lead."
)
CHANNEL_MENTION: Final = "<#{channel_id}>"
CHANNEL_SEPARATOR: Final = " or "
TRUNCATED: Final = " … _(truncated: Slack shows at most {limit} characters here)_"
SOURCES_LEFT_OUT: Final = (
    "_{count} more source(s) not shown: a Slack message holds at most {limit} blocks._"
)
FEEDBACK_UP: Final = ":+1:"
FEEDBACK_DOWN: Final = ":-1:"
REFER: Final = "Refer to a partner"

FEEDBACK_THANKS: Final = "Thanks, your feedback ({value}) is recorded with the question."
FEEDBACK_FAILED: Final = "I couldn't record your feedback: {reason}"

PLACEHOLDER_FAILED: Final = (
    ":warning: I couldn't answer this question; I've told whoever asked what went wrong."
)
FAILED_SLACK: Final = (
    ":warning: I couldn't answer “{question}”: Slack refused my reply ({error}). {advice}"
)
FAILED_INTERNAL: Final = (
    ":warning: I couldn't answer “{question}”: {what} failed inside Casebot "
    "({error_type}, reference `{reference}`). Nothing was posted. Try again in a minute; if it "
    "keeps failing, give the reference to whoever runs Casebot."
)
FAILED_WHAT_SEARCH: Final = "the search or the answer"
SLACK_ADVICE: Final = {
    "not_in_channel": "Invite me to the channel with `/invite @Casebot` and ask again.",
    "channel_not_found": "Invite me to the channel with `/invite @Casebot` and ask again.",
    "is_archived": "The channel is archived; ask somewhere else.",
    "msg_too_long": "The answer was too long for Slack; ask a narrower question.",
    "ratelimited": "Slack is rate-limiting me; ask again in a minute.",
}
SLACK_ADVICE_DEFAULT: Final = "Ask again in a minute; if it keeps failing, tell whoever runs me."

FILE_INGESTED: Final = (
    ":page_facing_up: Added *{name}* to case {case_id} as a case note "
    "({chunks} passage(s) indexed). Ask about it here or in a DM."
)
FILE_UNCHANGED: Final = (
    ":page_facing_up: *{name}* is already in case {case_id} with the same contents; nothing to add."
)
FILE_FAILED: Final = ":warning: I couldn't add *{name}* to case {case_id}: {reason}"
FILE_SKIPPED: Final = (
    ":warning: I couldn't add *{name}* to case {case_id}: {reason}. "
    "Share it as PDF, Word, e-mail, text, HTML, CSV or Excel."
)
FILE_NOT_FOUND: Final = "Slack no longer has the file (it may have been deleted)."
FILE_DOWNLOAD_STATUS: Final = (
    "Slack answered the download with HTTP {status}; check that I have the `files:read` scope "
    "and try again."
)
FILE_LOGIN_PAGE: Final = (
    "Slack sent a web page instead of the file, which means my token may not read files; "
    "reinstall me with the `files:read` scope."
)
FILE_TOO_LARGE: Final = "it is {size_mb:.1f} MB, over the {limit_mb:.1f} MB limit; split it."
FILE_EXTERNAL: Final = "it is stored outside Slack ({mode}); upload the file itself."
FILE_BUSY: Final = "another ingestion is running; share the file again in a few minutes."
FILE_ERROR: Final = "{error_type} while adding it (reference `{reference}`); try again later."

CASE_SHOW: Final = (
    "*{case_id}*: {title}\n"
    "Rooms: {channels}\n"
    "Leads: {leads}\n"
    "Members: {members}\n"
    "Shared files: {shared_files}"
)
CASE_NOT_A_ROOM: Final = (
    "This channel is not the room of any case. A lead can make it one with "
    "`/case link CASE_ID`; `/case help` lists the commands."
)
CASE_NONE: Final = "none"
CASE_FILES_ON: Final = "ingested as case notes (`/case files off` stops it)"
CASE_FILES_OFF: Final = "not ingested (`/case files on` starts it)"
CASE_LINKED: Final = "This channel is now a room of case *{case_id}*: {title}."
CASE_UNLINKED: Final = "This channel is no longer a room of case *{case_id}*."
CASE_MEMBER_ADDED: Final = "<@{user_id}> is now a member of case *{case_id}*."
CASE_ALREADY_MEMBER: Final = "<@{user_id}> is already a member of case *{case_id}*."
CASE_MEMBER_REMOVED: Final = "<@{user_id}> is no longer a member of case *{case_id}*."
CASE_FILES_SET: Final = "Files shared in the rooms of case *{case_id}* are now {state}."
CASE_FILES_STATE_ON: Final = "ingested as case notes"
CASE_FILES_STATE_OFF: Final = "not ingested"
CASE_NEEDS_ROOM: Final = (
    "This channel is not the room of a case, so I don't know which case you mean. "
    "Link it first with `/case link CASE_ID`."
)
CASE_NEEDS_USER: Final = "Name the person with an @-mention: `/case {verb} @someone`."
CASE_NEEDS_ID: Final = "Give the case id: `/case link CASE_ID`."
CASE_BAD_FILES: Final = "Say `/case files on` or `/case files off`."
CASE_UNKNOWN_VERB: Final = "I don't know `/case {verb}`. {usage}"
CASE_USAGE: Final = (
    "*/case* — the case this channel belongs to\n"
    "*/case link CASE_ID* — make this channel a room of the case\n"
    "*/case unlink* — stop this channel being a room of its case\n"
    "*/case add @someone* — add a member to this channel's case\n"
    "*/case remove @someone* — remove a member from this channel's case\n"
    "*/case files on|off* — whether files shared in the case's rooms are ingested\n"
    "Only a lead of the case may change it."
)
CASE_NOT_LEAD: Final = "Only a lead of case *{case_id}* can change it; ask {leads}."
CASE_NO_LEADS: Final = (
    "Case *{case_id}* has no lead yet, so only whoever runs Casebot can change it "
    "(`casebot case add-member {case_id} USER_ID --lead`)."
)
CASE_UNKNOWN: Final = "There is no case *{case_id}*. Check the id, or ask whoever runs Casebot."
CASE_CHANNEL_TAKEN: Final = (
    "This channel is already the room of case *{owner_case_id}*; a channel serves one case. "
    "Ask a lead of {owner_case_id} to `/case unlink` it first."
)
CASE_LAST_LEAD: Final = (
    "<@{user_id}> is the last lead of case *{case_id}*; make someone else a lead first."
)
CASE_NOT_MEMBER: Final = "<@{user_id}> is not a member of case *{case_id}*."
CASE_ERROR: Final = "I couldn't change the case: {reason}"

HELP: Final = (
    "*Casebot* answers questions from the indexed case notes and public filings, "
    "always with its sources.\n\n"
    "*Asking*\n"
    "• `@Casebot question` in a channel: I answer in a thread. Follow-ups in that thread "
    "need no mention.\n"
    "• A direct message: I answer with everything you may see (your cases plus public "
    "material).\n"
    "• `/ask question`: the answer is shown to the channel if everything it cites is public, "
    "otherwise only to you.\n\n"
    "*What I may show where*\n"
    "• In a case's room: that case's notes (when a member asks) and public material.\n"
    "• In any other channel: public material only.\n"
    "• In a DM: the notes of your cases and public material.\n"
    "If restricted documents matched, I say how many and where to ask — never what they say.\n\n"
    "*Lookups*\n"
    "• `/lookup VALUE`: every place an identifier (phone, e-mail, seller ID, tracking or "
    "container number, docket number…) or a stated name appears, by case and in public filings, "
    "and what appears with it. `type:value` says what it is, e.g. `company:Acme Trading`. "
    "The same need-to-know rules apply; the card is shown to you only.\n"
    "• When an identifier links two cases, I post a cross-case hit in each case's room.\n\n"
    "*Cases*\n"
    "{case_usage}\n\n"
    "*Referrals*\n"
    "• `/refer [CASE_ID]`, or *Refer to a partner* under an answer: a form to refer a case's "
    "evidence to a partner agency. A preview shows exactly what would go after the sharing "
    "policy (what is withheld or redacted, and why) before you send; some partners need a "
    "lead's approval first.\n"
    "• `/referral` lists your open referrals and those awaiting your approval; "
    "`/referral REF-…` shows one, `/referral REF-… retry` or `withdraw` acts on it.\n\n"
    "*Scheduled sources*: `/casebot sources` shows each source's status, last and next run; "
    "`/casebot sources run NAME` runs one now (administrators).\n\n"
    "*Files*: files shared in a case's room are added to that case as notes (a lead can turn "
    "this off with `/case files off`).\n\n"
    "Rate answers with :+1: / :-1: — the feedback is kept with the question."
)
HELP_UNKNOWN: Final = "I only know `/casebot help` and `/casebot sources`.\n\n{help}"
HOME_HEADER: Final = "Casebot"

CONFIG_NO_BOT_TOKEN: Final = (
    "SLACK_BOT_TOKEN is not set: copy the bot token (xoxb-…) from the app's "
    "OAuth & Permissions page."
)
CONFIG_NO_APP_TOKEN: Final = (
    "SLACK_APP_TOKEN is not set: create an app-level token (xapp-…) with the "
    "connections:write scope on the app's Basic Information page."
)

LOOKING_UP: Final = "Looking up {value}…"
EMPTY_LOOKUP: Final = (
    "Type what to look up: `/lookup +1 312 555 0100`, `/lookup MSCU1234565` or "
    "`/lookup company:Acme Trading`."
)
LOOKUP_FAILED: Final = (
    "The lookup of {value} failed ({reason}); nothing was shown. Try again; if it keeps failing, "
    "give an administrator the reference {reference}."
)
LOOKUP_HEADING: Final = "*{label}* `{value}`{validity}"
LOOKUP_VALID: Final = " — check digit valid"
LOOKUP_INVALID: Final = " — :warning: check digit fails: probably mistyped"
LOOKUP_ALTERNATIVES: Final = "Could also be: {alternatives}. Type `type:value` to choose."
LOOKUP_NAME_HEADING: Final = "*Names matching* `{query}`"
LOOKUP_NAME_MATCH: Final = "• *{display}* ({kind}) — score {score}: {why}"
LOOKUP_NOT_FOUND: Final = "Nothing you may see here mentions `{query}`."
LOOKUP_NO_NAME: Final = (
    "`{query}` is not an identifier I recognise and matches no stated name. Type `type:value` "
    "(e.g. `container:MSCU1234565`) to say what it is."
)
LOOKUP_SEEN: Final = "Seen in {documents} documents, {first} to {last}"
LOOKUP_GROUP: Final = "*{heading}*"
LOOKUP_MENTION: Final = "• {title}{page} · {kind} · {marking}"
LOOKUP_MORE: Final = "{more} more mentions not shown; `casebot lookup` on the server lists them."
LOOKUP_RELATED: Final = "*Appears most with:* {related}"
LOOKUP_RELATED_ITEM: Final = "`{value}` ({kind}, {count})"
LOOKUP_WITHHELD_IN_CHANNEL: Final = (
    ":lock: {documents} restricted documents of case {case_id} mention it. Ask in {channels}."
)
LOOKUP_WITHHELD_NO_CHANNEL: Final = (
    ":lock: {documents} restricted documents of case {case_id} mention it. Ask the case's lead."
)

HIT_NOTICE: Final = (
    ":link: *Cross-case hit*: the {label} `{value}` in this case's material also appears {where}."
)
HIT_OTHER_PUBLIC: Final = "in public material of case {case_id}"
HIT_OTHER_RESTRICTED_LEADS: Final = "in a case you may not be on; ask its lead ({leads})"
HIT_OTHER_RESTRICTED: Final = "in a case you may not be on; ask a Casebot administrator"
USER_MENTION: Final = "<@{user_id}>"
