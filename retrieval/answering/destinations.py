"""Where a part asks that something goes: the party a notice is given to, the place people
are posted at.

Statutes set side by side the notice one party gets and the notice another does ("ten days'
notice to the United States attorney"), and the staff posted at one place and at another ("not
fewer than 3 full-time employees … to the Coordination Center"; "sufficient personnel … at ports
of entry"): the other destination's figure reads like an answer.
"""

from __future__ import annotations

import re

from retrieval.analysis import terms

NOTICE_RECEIVED_ASKED = re.compile(
    r"\bnotice\b[^?]{0,40}?\b(?:must|does|do|shall|will|should|is|are)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?P<who>[\w.-]+(?:\s+[\w.-]+)?)\s+(?:get|receive|be given|be served)\b"
    r"|\bnotice\s+to\s+(?:the\s+|a\s+|an\s+)?(?P<to>[\w.-]+(?:\s+[\w.-]+)?)",
    re.I,
)
"""Who a part asks is given notice: "how many days' notice must *the defendant* get"."""
NOTICE_GIVEN_TO = re.compile(
    r"\bnotice\b[^.;]{0,40}?\bto\s+(?!be\b|the\s+extent\b)"
    r"(?:the\s+|a\s+|an\s+)?(?P<who>[\w.-]+(?:\s+[\w.-]+){0,2})",
    re.I,
)
"""The party a notice goes to; "notice, to be served" and "to the extent" name none."""
POSTS = r"ports? of entry|borders?|cent(?:er|re)s?|headquarters|field offices?"
POSTED_AT = re.compile(
    r"\b(?:at|to|in|within)\s+(?:the\s+)?(?:(?:[A-Z][\w.'-]*|of|and)\s+){0,8}?"
    rf"(?P<post>(?i:{POSTS}))\b"
)
"""Where people are posted: "at U.S. ports of entry", "to the National Intellectual Property
Rights Coordination Center"."""
POST_NAMED = re.compile(rf"\b(?P<post>{POSTS})\b", re.I)


def notice_to_another(asks: str, sentence: str) -> bool:
    """The part asks about the notice one party gets, and the sentence gives only notice to
    another: "ten days' notice to the United States attorney" is none the defendant gets."""
    asked = NOTICE_RECEIVED_ASKED.search(asks)
    if asked is None:
        return False
    receiver = frozenset(terms(asked.group("who") or asked.group("to")))
    given = [frozenset(terms(match.group("who"))) for match in NOTICE_GIVEN_TO.finditer(sentence)]
    return bool(given) and not any(receiver & to_whom for to_whom in given)


def posted_elsewhere(asks: str, sentence: str) -> bool:
    """The part counts those posted at one place ("how many officers at ports of entry"), and
    the sentence names only another: "assign not fewer than 3 full-time employees … to the
    National Intellectual Property Rights Coordination Center" counts none at the ports."""
    asked = {_post(match) for match in POSTED_AT.finditer(asks)}
    named = {_post(match) for match in POST_NAMED.finditer(sentence)}
    return bool(asked and named) and not asked & named


def _post(match: re.Match[str]) -> str:
    """A place of posting by its head word: "ports of entry" and "port" are one place."""
    return terms(match.group("post"))[0]
