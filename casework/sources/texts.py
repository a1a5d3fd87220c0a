"""What the sources domain tells people: sources-file problems and why a run failed."""

from __future__ import annotations

from typing import Final

SOURCES_FILE_PROBLEMS: Final = "The sources file {path} has {count} problem(s):\n{problems}"
SOURCES_FILE_PROBLEM: Final = "  line {line}: {problem}"
SOURCES_FILE_NOT_A_MAPPING: Final = (
    "the file must be a mapping with a `sources:` list (see sources.example.yml)"
)
DUPLICATE_SOURCE_NAME: Final = "source name {name!r} is used twice; names must be unique"
ONE_SCHEDULE: Final = 'a schedule is either `every: 6h` or `cron: "0 6 * * *"`, exactly one'
BAD_INTERVAL: Final = "{value!r} is not an interval; write a number and a unit: 30s, 15m, 6h or 1d"
BAD_CRON: Final = (
    '{value!r} is not a 5-field cron expression (minute hour day month weekday), e.g. "0 6 * * 1-5"'
)
NOTE_NEEDS_CASE: Final = "a `kind: note` source needs `case:` (the case its notes belong to)"
FOLDER_NEEDS_PATH: Final = "a `type: folder` source needs `path:` (the folder to ingest)"
HTTP_NEEDS_URLS: Final = "a `type: http` source needs `urls:` (the pages or files to fetch)"
RSS_NEEDS_URLS: Final = "a `type: rss` source needs `urls:` (the RSS or Atom feeds to follow)"
DOJ_NEEDS_FILTER: Final = (
    "a `type: doj` source needs `topics:` or `keywords:` (which press releases to keep)"
)
COURTLISTENER_NEEDS_DOCKETS: Final = (
    "a `type: courtlistener` source needs `dockets:` (the CourtListener docket ids to follow)"
)
TSDR_NEEDS_NUMBERS: Final = (
    "a `type: tsdr` source needs `numbers:` "
    "(serial numbers as sn97123456, registrations as rn6543210)"
)
BAD_DOCKET_IDS: Final = (
    "{values}: a CourtListener docket id is a number (the 4214664 in /docket/4214664/...)"
)
BAD_TRADEMARK_NUMBERS: Final = (
    "{values}: write a serial number as sn and 8 digits (sn97123456), "
    "a registration as rn and its digits (rn6543210)"
)

UNKNOWN_SOURCE: Final = "There is no source {name!r} in the sources file ({known})."
NO_SOURCES: Final = "none: set CASEBOT_SOURCES_FILE or put sources.yml in the data folder"
SOURCE_BUSY: Final = (
    "Source {name!r} is being run by {worker} until {until}; wait for it to finish."
)
NO_RUNNER: Final = "no runner for sources of type {type!r} in this process"
FOLDER_MISSING: Final = "the folder {path} does not exist or is not a folder; create or fix `path:`"
NOT_AN_ADMIN: Final = (
    "Only a Casebot administrator (CASEBOT_ADMINS) may run source {name!r} now; "
    "it runs on its schedule."
)
