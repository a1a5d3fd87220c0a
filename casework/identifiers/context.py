"""The words around a candidate: the evidence that a bare number is the identifier it looks like.

Scanning a chunk with a regex costs more than looking for a few words in it, so keyword-bound
recognisers first ask :func:`mentions_any` whether their words occur at all.

A ten-digit number passes the DHL check one time in seven, so on its own it proves nothing; next
to the word "DHL" it is very likely a waybill. Recognisers of weakly checked identifiers ask for
such a keyword within a short window, which stops at a blank line (a new paragraph is a new
context).
"""

from __future__ import annotations

import re

WINDOW_BEFORE = 80
WINDOW_AFTER = 40
PARAGRAPH_BREAK = "\n\n"


def mentions_any(text: str, words: tuple[str, ...]) -> bool:
    """A cheap gate before a regex scan: does any of ``words`` (lower-case) occur at all?"""
    lowered = text.lower()
    return any(word in lowered for word in words)


def keywords(*alternatives: str) -> re.Pattern[str]:
    """A case-insensitive pattern for any of ``alternatives`` (regex fragments) as whole words."""
    joined = "|".join(alternatives)
    return re.compile(rf"(?<![A-Za-z])(?:{joined})(?![A-Za-z])", re.IGNORECASE)


def keyword_near(
    text: str,
    start: int,
    end: int,
    pattern: re.Pattern[str],
    before: int = WINDOW_BEFORE,
    after: int = WINDOW_AFTER,
) -> bool:
    """Whether ``pattern`` occurs shortly before ``start`` or after ``end``, in one paragraph."""
    window_start = max(0, start - before)
    paragraph = text.rfind(PARAGRAPH_BREAK, window_start, start)
    if paragraph != -1:
        window_start = paragraph
    if pattern.search(text, window_start, start):
        return True
    window_end = min(len(text), end + after)
    paragraph = text.find(PARAGRAPH_BREAK, end, window_end)
    if paragraph != -1:
        window_end = paragraph
    return pattern.search(text, end, window_end) is not None
