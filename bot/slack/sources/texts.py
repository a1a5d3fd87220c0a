"""What Casebot says in Slack about scheduled sources (``mrkdwn``; ``{…}`` fields filled by the
modules that send them, source names and error text escaped first)."""

from __future__ import annotations

from typing import Final

# -- the operations channel ------------------------------------------------------------------

OPS_MARKED_FAILING: Final = (
    ":rotating_light: Source *{name}* is now marked *failing*: it is tried only on its "
    "schedule until a run succeeds."
)
OPS_RUN_FAILED: Final = ":warning: Source *{name}*: run {run_id} failed."
OPS_FILES_FAILED: Final = ":warning: Source *{name}*: {failed} file(s) failed in run {run_id}."
OPS_HITS_RAISED: Final = ":link: Source *{name}*: run {run_id} raised {hits} cross-case hit(s)."
OPS_COUNTS: Final = (
    "{added} added · {updated} updated · {unchanged} unchanged · {removed} removed · "
    "{failed} failed · {hits} hit(s) raised"
)
OPS_NOTE_CASE: Final = "Case {case_id}: case material, so only file names are shown here."
OPS_ERROR: Final = "• `{source}`: {error}"
OPS_NOTE_ERROR: Final = "• `{file_name}`"
OPS_MORE_ERRORS: Final = "… and {more} more."
OPS_HINT: Final = "Details on the server: `casebot sources history {name}`"

# -- /casebot sources --------------------------------------------------------------------------

SOURCES_TITLE: Final = "*Scheduled sources*"
SOURCES_NONE: Final = (
    "No scheduled sources: whoever runs Casebot lists them in the sources file "
    "(`CASEBOT_SOURCES_FILE`)."
)
SOURCE_HEADING: Final = "*{name}* · {type} · {schedule} · {status}"
SOURCE_STATUS_OK: Final = ":white_check_mark: ok"
SOURCE_STATUS_FAILING: Final = ":rotating_light: failing"
SOURCE_STATUS_RUNNING: Final = ":hourglass_flowing_sand: running"
SOURCE_FAILURES: Final = "{failures} failure(s) in a row"
SOURCE_LAST_RUN: Final = "Last run {started} UTC, {status}: {counts}"
SOURCE_NEVER_RAN: Final = "Not run yet"
SOURCE_NEXT_RUN: Final = "Next run {next_run} UTC"
SOURCE_NEXT_UNKNOWN: Final = "Next run: as soon as a worker starts"
SOURCES_LEFT_OUT: Final = "{more} more source(s): `casebot sources list` on the server."
SOURCES_FOOTER: Final = "`/casebot sources run NAME` runs one now (administrators)."

SOURCES_QUEUED: Final = (
    ":arrow_forward: Source *{name}* is queued: a worker runs it on its next pass, and "
    "`/casebot sources` shows its run."
)
SOURCES_NOT_ADMIN: Final = (
    "Only a Casebot administrator may run a source now (`CASEBOT_ADMINS`); "
    "source *{name}* runs on its schedule."
)
SOURCES_UNKNOWN: Final = "There is no source *{name}*. The sources are: {known}."
SOURCES_NO_NAMES: Final = "none (no sources file)"
SOURCES_RUN_NEEDS_NAME: Final = "Name the source: `/casebot sources run NAME`."
SOURCES_FAILED: Final = "I couldn't do that: {reason}"
SOURCES_USAGE: Final = (
    "`/casebot sources` lists the scheduled sources; `/casebot sources run NAME` runs one now."
)
