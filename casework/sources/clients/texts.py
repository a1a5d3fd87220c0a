"""What the source clients say when an upstream cannot be read, each with what to do."""

from __future__ import annotations

from typing import Final

UNREACHABLE: Final = "{url} could not be reached ({error}); check the address and the network"
REFUSED: Final = (
    "{url} refused the request (HTTP {status}); check the source's token or API key setting"
)
RATE_LIMITED: Final = (
    "{url} asks to wait {seconds} s before the next request (HTTP 429); the run is retried later"
)
STILL_RATE_LIMITED: Final = "{url} kept answering HTTP 429 (too many requests); retried later"
FAILING: Final = "{url} kept failing (HTTP {status}); the run is retried later"
UNEXPECTED_STATUS: Final = "{url} answered HTTP {status}, which this source does not expect"
MALFORMED: Final = "{url} answered with a body that is not valid JSON ({error})"

DOJ_MALFORMED: Final = (
    "{url} answered with a press-release listing that cannot be read ({problem}); "
    "check the source's base_url points at the justice.gov API"
)
DOJ_NOT_A_LISTING: Final = "no `results` list"
DOJ_NOT_A_RELEASE: Final = "result {index} is not an object"
DOJ_RELEASE_LACKS: Final = "result {index} has no valid `{field}`"
DOJ_PAGE_LIMIT: Final = (
    "source %s: read %d pages of press releases without reaching the last run's; the next run "
    "goes on from page %d (raise CASEBOT_DOJ_MAX_PAGES to catch up in fewer runs)"
)
UNEXPECTED_JSON: Final = "{url} answered JSON without {what}; the upstream's API may have changed"
FOREIGN_NEXT_PAGE: Final = (
    "{url} gave its next page at {next_url}, outside {root}; the run stops rather than send "
    "the credentials there"
)
PAGING_LOOP: Final = "{url} gave a next page that was already read; the paging loops"

COURTLISTENER_TOKEN_MISSING: Final = (
    "source {name!r} reads CourtListener, which needs an API token: set "
    "CASEBOT_COURTLISTENER_TOKEN (courtlistener.com, profile, API)"
)
COURTLISTENER_ENTRIES_REFUSED: Final = (
    "CourtListener refused the entries of docket %s (HTTP 403); it is ingested without them "
    "(the token needs access to the docket entries API)"
)

USPTO_API_KEY_MISSING: Final = (
    "source {name!r} reads USPTO TSDR, which needs an API key: set CASEBOT_USPTO_API_KEY "
    "(from the USPTO API key manager)"
)
NOT_A_TSDR_RECORD: Final = (
    "{url} answered with a body that is not a TSDR case status record ({reason})"
)
ROOT_ELEMENT_IS: Final = "its root element is {tag}"

NOTHING_READABLE: Final = "none of the {count} addresses could be read; the first: {error}"
MALFORMED_FEED: Final = "{url} is not a readable RSS or Atom feed ({error}); check the address"
FEED_ENTRY_PUBLISHED: Final = "Published: {date}"
FEED_ENTRY_UPDATED: Final = "Updated: {date}"
FEED_ENTRY_FROM: Final = "From the feed: {title}"
FEED_ENTRY_UNTITLED: Final = "Untitled entry"
FEED_GONE: Final = (
    "{url} answered HTTP {status}: the feed is gone (its entries are kept);"
    " remove it from the sources file or fix its address"
)
