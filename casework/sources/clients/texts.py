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
    "source %s: stopped after %d pages of press releases before reaching the last run's; "
    "releases changed between them were not fetched (raise CASEBOT_DOJ_MAX_PAGES)"
)
