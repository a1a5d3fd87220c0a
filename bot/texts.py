"""What the command line says to its user."""

from __future__ import annotations

INGEST_HELP = "Ingest files or folders (recursively) into the index."
KIND_HELP = "note: case material (needs --case); filing: public-record material."
CASE_HELP = "The case the notes belong to; created if new."
MARKING_HELP = "Handling marking: PUBLIC, LES or 6E. Notes default to LES, filings to PUBLIC."
PRUNE_HELP = "Remove documents whose files are gone from the given folders."
JSON_HELP = "Print one JSON object instead of a summary."
VERIFY_HELP = "Check that the registry and the vector index agree."
REPAIR_HELP = "Drop orphan vectors and mark documents missing vectors for re-ingestion."
DEMO_HELP = "Ingest the fictional demo case shipped with Casebot and summarise it."

RUN_SUMMARY = (
    "Run {run_id}: {added} added, {updated} updated, {unchanged} unchanged, "
    "{removed} removed, {chunks} chunks indexed, {failed} failed, {skipped} skipped."
)
HITS_RAISED = "{count} new cross-case hit(s): `casebot hits` lists them."
FAILED_HEADING = "Files that could not be ingested:"
SKIPPED_HEADING = "Passed over (not a format Casebot reads):"
INDEX_CONSISTENT = "Registry and vector index agree: {documents} documents, {vectors} vectors."
INDEX_INCONSISTENT = (
    "Registry and vector index disagree: {missing} documents missing vectors, "
    "{orphans} orphan versions. Run `casebot index verify --repair`, then ingest again."
)
REBUILD_HELP = (
    "Embed every chunk in the registry again into a new vector index and swap it in; "
    "the lexical index is rebuilt too."
)
REBUILD_SUMMARY = (
    "Rebuilt the vector index: {documents} documents, {chunks} chunks, {vectors} vectors "
    "(and the lexical index)."
)
REBUILD_LEFTOVERS = "Removed {count} unfinished index(es) left by an interrupted rebuild."
PROGRESS_INGESTING = "Ingesting"
PROGRESS_REBUILDING = "Rebuilding"
DB_APP_HELP = "The registry's database."
DB_UPGRADE_HELP = (
    "Migrate the database to the newest schema (Alembic) and exit; run once before starting "
    "replicas."
)
DB_AT_REVISION = "Database schema at revision {revision}."
INDEX_REPAIRED = "Repaired: orphan vectors dropped; documents missing vectors will be re-ingested."
DEMO_HEADING = "Demo case {case_id}: {title}"
DEMO_QUESTION = "Q: {question}"
DEMO_DOCUMENT_LINE = "  {kind:<6} {marking:<6} {chunks:>3} chunks  {title}"

ASK_HELP = "Answer a question from the indexed material, citing document, page and quote."
ASK_CASE_HELP = "Answer as a member of this case: public material plus this case's notes."
ASK_BATCH_HELP = "Answer one question per line of FILE ('-' for stdin; plain or JSON lines)."
ASK_NEEDS_QUESTION = "give a QUESTION, or --batch FILE"
SOURCES_HEADING = "Sources:"
CLOSEST_HEADING = "Closest documents:"
SOURCE_LINE = "  [{n}] {title}{page} ({kind}, {marking}{case})"
QUOTE_LINE = '      "{quote}"'
WITHHELD_LINE = (
    "{documents} restricted document(s) in case {case_id} also matched; "
    "ask in that case's channel or its lead."
)
NOTE_LINE = "Note: {note}"
BATCH_BAD_LINE = "line {line}: {error}"

CASE_APP_HELP = "Create cases and say who works on them and which channels are their rooms."
CASE_CREATE_HELP = "Create a case with its members, leads, 6(e)-cleared members and channels."
CASE_SHOW_HELP = "Show a case: its channels, members and settings."
CASE_LIST_HELP = "List every case."
CASE_ADD_MEMBER_HELP = (
    "Add someone to a case, or change their flags: they become exactly what --lead and --sixe say."
)
CASE_REMOVE_MEMBER_HELP = "Remove someone from a case (the last lead cannot be removed)."
CASE_LINK_HELP = "Make a channel a room of the case (a channel serves one case)."
CASE_UNLINK_HELP = "Stop a channel being a room of the case."
CASE_ID_HELP = "The case id, for example OP-HARBOR-LIGHT."
USER_ID_HELP = "The user's id, for example U0123ABCD."
CHANNEL_ID_HELP = "The channel's id, for example C0123ABCD."
CASE_TITLE_HELP = "The case's title."
CASE_CHANNEL_HELP = "A channel id (C…) that is the case's room; repeatable."
CASE_MEMBER_HELP = "A member's user id (U…); repeatable."
CASE_LEAD_HELP = "A lead's user id: a member who may change the case; repeatable."
CASE_SIXE_HELP = "A 6(e)-cleared member's user id: sees the case's grand-jury material; repeatable."
MEMBER_LEAD_HELP = "Make them a lead of the case."
MEMBER_SIXE_HELP = "Clear them for the case's 6(e) grand-jury material."

CASE_HEADING = "{case_id}: {title}"
CASE_CHANNELS_LINE = "  channels:     {channels}"
CASE_MEMBERS_LINE = "  members:      {members}"
CASE_SHARED_FILES_LINE = "  shared files: {shared_files}"
CASE_NONE = "none"
CASE_ROLE_LEAD = "lead"
CASE_ROLE_SIXE = "6(e)-cleared"
CASE_SHARED_FILES_ON = "ingested as case notes"
CASE_SHARED_FILES_OFF = "not ingested"
CASE_LIST_LINE = "{case_id:<24} {members:>3} members {channels:>3} channels  {title}"
NO_CASES = "No cases yet. Create one with `casebot case create CASE_ID --title TITLE`."

AUDIT_APP_HELP = "Read, export and verify the hash-chained audit log."
AUDIT_LIST_HELP = "List audit records, oldest first (with --limit, the newest N)."
AUDIT_EXPORT_HELP = "Export audit records as CSV or JSON lines."
AUDIT_VERIFY_HELP = "Recompute every record's hash and link; exit 1 at the first bad record."
AUDIT_ACTION_HELP = "Only records of this action: {actions}."
AUDIT_USER_HELP = "Only records of this user id."
AUDIT_SINCE_HELP = "Only records at or after this ISO 8601 time (UTC unless it has an offset)."
AUDIT_LIMIT_HELP = "Only the newest N matching records."
AUDIT_FORMAT_HELP = "csv or jsonl."
AUDIT_OUTPUT_HELP = "Write to FILE instead of standard output."
AUDIT_BAD_ACTION = "{value!r} is not an audit action; one of {actions}."
AUDIT_BAD_SINCE = "{value!r} is not an ISO 8601 time; for example 2026-03-01 or 2026-03-01T09:30Z."
AUDIT_LINE = "{id:>6}  {at}  {action:<16} {user_id:<12} {channel_id:<12} {details}"
AUDIT_NO_RECORDS = "No audit records match."
AUDIT_EXPORTED = "{count} audit records written to {output}."
AUDIT_INTACT = "{checked} records, chain intact. Last hash: {last_hash}"
AUDIT_BROKEN = (
    "Audit chain broken at record {first_bad_id}: {problem}. Records before it are intact "
    "(last good hash: {last_hash}). Keep the database as it is, compare it with a backup or an "
    "earlier export, and find out who had write access to it."
)

SERVE_HELP = (
    "Run the Slack app: Socket Mode by default (SLACK_BOT_TOKEN, SLACK_APP_TOKEN), "
    "or HTTP mode with --http (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET)."
)
SERVE_HTTP_HELP = "Serve Slack's requests over HTTP on POST /slack/events (and GET /healthz)."
SERVE_HOST_HELP = "Address to listen on in HTTP mode."
SERVE_PORT_HELP = "Port to listen on in HTTP mode."
SERVE_MISSING = "{name} is not set: {what}. See the Slack section of the README."
SERVE_BOT_TOKEN = "the bot token (xoxb-…) from the app's OAuth & Permissions page"
SERVE_APP_TOKEN = "an app-level token (xapp-…) with connections:write, for Socket Mode"
SERVE_SIGNING_SECRET = "the signing secret from the app's Basic Information page, for HTTP mode"
SERVE_LISTENING = "Casebot listening on {url} (Ctrl+C stops)"
SERVE_CONNECTED = "Casebot connected to Slack in Socket Mode (Ctrl+C stops)"
SERVE_STOPPING = "Stopping: finishing the answers in progress…"

LOOKUP_HELP = (
    "Everything known about an identifier or a name: where it appears, by case and in public "
    "filings, and what appears with it. Type `type:value` to say what it is (e.g. "
    "`phone:312-555-0100`, `company:Acme`)."
)
LOOKUP_VALUE_HELP = "An identifier or a name; `type:value` to say which."
LOOKUP_CASE_HELP = "Look up as a member of this case (its notes plus public material)."
LOOKUP_HEADING = "{label} {value}{validity}"
LOOKUP_VALID = " (check digit valid)"
LOOKUP_INVALID = " (check digit FAILS: probably mistyped)"
LOOKUP_ALTERNATIVES = "Could also be: {alternatives}. Type `type:value` to choose."
LOOKUP_NAME_HEADING = "Names matching {query!r}"
LOOKUP_NAME_MATCH = "  {display} ({kind}), score {score:.0f}: {why}"
LOOKUP_SEEN = "Seen in {documents} documents, {first} to {last}"
LOOKUP_CASE_GROUP = "Case {case_id}"
LOOKUP_PUBLIC_GROUP = "Public filings"
LOOKUP_MENTION = "  • {title}{page} [{kind}, {marking}]"
LOOKUP_QUOTE = "    “{quote}”"
LOOKUP_MORE = "  … and {more} more mentions not shown"
LOOKUP_WITHHELD = (
    "{documents} more documents in case {case_id} mention it; they are restricted — ask in "
    "that case's channel or its lead."
)
LOOKUP_RELATED = "Appears most with: {related}"
LOOKUP_RELATED_ITEM = "{value} ({kind}, {count})"
LOOKUP_NOT_FOUND = "Nothing indexed mentions {query!r}."
LOOKUP_NOT_AN_IDENTIFIER = (
    "{query!r} is not an identifier Casebot recognises and matches no stated name. "
    "Type `type:value` (e.g. `container:MSCU1234565`) to say what it is."
)

HITS_HELP = "List cross-case hits: identifiers or names found in the material of two cases."
HITS_CASE_HELP = "Only hits involving this case."
HITS_LINE = "{raised_at}  {label} {value}  links {case_a} and {case_b}"
HITS_NONE = "No cross-case hits yet."

EXPORT_APP_HELP = "Export the index for other tools."
EXPORT_FTM_HELP = (
    "Write documents, entities and their links as FollowTheMoney JSON lines (for Aleph)."
)
EXPORT_CASE_HELP = "Only the documents of this case."
EXPORT_OUTPUT_HELP = "Write to FILE instead of standard output."
EXPORT_FTM_DONE = (
    "{documents} documents, {entities} entities, {mentions} mentions written to {output}."
)
NAME_LABELS = {
    "person": "person",
    "company": "company",
    "legal_entity": "organisation",
    "name": "name",
}
DEMO_LOOKUP = "$ casebot lookup {value!r} --case OP-HARBOR-LIGHT"
DEMO_HITS = "$ casebot hits"
DEMO_REFERRALS = (
    "$ casebot referral … (the demo case to two fictional partners, each played by a stand-in "
    "on 127.0.0.1)"
)
DEMO_REFERRAL_HEADING = (
    "{referral_id} to {partner} ({kind}, {tlp}): {evidence} piece(s) of evidence go"
)
DEMO_WITHHELD = "  withheld: {item} — {reason}"
DEMO_REDACTED = "  redacted: {count} {kind} in {where}"
DEMO_SUMMARY_SENT = "  summary as sent: {summary}"
DEMO_REFERRAL_STATUS = "{referral_id}: {status}"
DEMO_DELIVERY = "  {target}: {status} after {attempts} attempt(s)"
DEMO_PARTNER_SIDE = "What the partners received:"
DEMO_MAIL_RECEIVED = "  mail to {to}: “{subject}” with {attachments}"
DEMO_WEBHOOK_RECEIVED = "  webhook: {referral_id}, signature {valid}, Idempotency-Key {key}"

REFERRAL_APP_HELP = "Referrals to partner agencies: list, show, export, retry or withdraw them."
REFERRAL_LIST_HELP = "Open referrals (the local operator sees every one)."
REFERRAL_SHOW_HELP = "A referral's status, history and deliveries with their last error."
REFERRAL_EXPORT_HELP = "Write a referral's package as JSON or PDF."
REFERRAL_RETRY_HELP = "Queue a referral's failed deliveries again."
REFERRAL_WITHDRAW_HELP = "Withdraw a referral; what is not yet delivered is not sent."
REFERRAL_ID_HELP = "The referral id (REF-…)."
REFERRAL_FORMAT_HELP = "pdf or json."
REFERRAL_OUTPUT_HELP = "The file to write."
REFERRAL_NONE = "No open referrals."
REFERRAL_LINE = "{id}  {status:<18} {case_id}  → {partner_id}  {priority}  by {created_by}{error}"
REFERRAL_LINE_ERROR = "  (last error: {error})"
REFERRAL_HEADING = "{id}: case {case_id} → {partner_id}, {status} (v{version})"
REFERRAL_DETAILS = "Requested: {action}, {priority}. Created {created_at} by {created_by}."
REFERRAL_HISTORY_HEADING = "History:"
REFERRAL_HISTORY_LINE = "  {at}  {from_status} → {to_status}  by {actor}{note}"
REFERRAL_DELIVERIES_HEADING = "Deliveries:"
REFERRAL_DELIVERY_LINE = "  {target}  {status}, {attempts} attempt(s){detail}"
REFERRAL_EXPORTED = "Referral {referral_id} written to {output} ({size} bytes)."
REFERRAL_STATUS_CHANGED = "{id} is now {status}."

# -- scheduled sources ---------------------------------------------------------------------------

SOURCES_APP_HELP = "Scheduled ingestion: the sources in the sources file and their runs."
SOURCES_LIST_HELP = "Each source: its schedule, next run, status and last run."
SOURCES_RUN_HELP = "Run one source now, in this process, and print its counts."
SOURCES_HISTORY_HELP = "The latest runs, of every source or of one."
SOURCE_NAME_HELP = "The source's name in the sources file."
SOURCES_LIMIT_HELP = "How many runs to show."
WORKER_HELP = "Run the sources' schedules until interrupted (Ctrl-C or SIGTERM)."
SOURCES_NONE = "No sources: set CASEBOT_SOURCES_FILE or put sources.yml in the data folder."
SCHEDULED_SOURCE_LINE = "{name}  {type}, {schedule}; next {next_run}; {status}{last}"
SOURCE_LINE_LAST = "; last run {started} {run_status}"
SOURCE_LINE_FAILING = " after {failures} failure(s): {error}"
SOURCE_NEVER = "not yet"
SOURCE_RUNS_NONE = "No runs yet."
SOURCE_RUN_LINE = (
    "#{id} {source} {started} {status}: {added} added, {updated} updated, "
    "{unchanged} unchanged, {removed} removed, {failed} failed, {hits} hit(s) raised"
)
SOURCE_RUN_ERROR = "  {source}: {error}"
WORKER_STARTED = "Worker {worker_id} running {count} source(s); Ctrl-C stops it."
WORKER_STOPPED = "Worker stopped."
