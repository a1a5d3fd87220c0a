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
