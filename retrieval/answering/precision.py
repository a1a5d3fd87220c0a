"""How precisely a part asks for a date or an amount.

A part asking for "the exact day" or "exactly how much" is not answered by a month or by "more
than $75 million": writers ask so where a document gives the figure only roughly, and the rough
figure reads like an answer.
"""

from __future__ import annotations

import re

from retrieval.analysis import terms
from retrieval.answering.answer_kinds import NUMBER_WORDS, AnswerType, Aspect
from retrieval.answering.words import has_form

MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
"""A month by the first three letters of its name, as a pattern read without case."""
DAY_OF_A_MONTH = (
    rf"\b{MONTH}[a-z]*\.? \d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)? (?:day )?of {MONTH}"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
    # A statute's or an order's "when" is a time counted from an event.
    rf"|\b{NUMBER_WORDS} (?:(?:calendar|business) )?days? (?:after|before|from|of)\b"
)
"""A date to the day: "Dec. 11, 2018", "the 3rd of May", "2018-12-11", or a number of days
counted from an event."""
DAY_GIVEN = re.compile(DAY_OF_A_MONTH, re.I)
DAY_ASKED = re.compile(
    r"\b(?:what|which) (?:(?:exact|specific|precise|particular) )?day\b"
    r"|\b(?:exact|specific|precise|particular) (?:[\w-]+ )?date\b",
    re.I,
)
"""A part asking for the day, which a month or a year does not give: "on what exact day did he
plead guilty" is not answered by "he pleaded guilty in March 2009"."""
NUMBER_GIVEN = re.compile(rf"\b(?!(?:19|20)\d\d\b){NUMBER_WORDS}\b", re.I)
"""A number that may be a count: any but a year."""
DATED_TO_A_MONTH = re.compile(
    r"\b(?P<event>[a-z]+)\s+(?:in|during)\s+(?:early\s+|late\s+|mid-)?"
    rf"{MONTH}[a-z]*\b(?!\.?\s+\d{{1,2}}\b)",
    re.I,
)
"""An event dated to its month alone: "Arrested in May", "indicted in March 2009"."""
EXACT_AMOUNT_ASKED = re.compile(
    r"\bexactly how (?:much|many)\b|\bhow (?:much|many)\b[^?]{0,40}\bexactly\b"
    r"|\b(?:exact|precise) (?:[\w-]+ )?(?:amount|number|figure|sum|count|total)\b",
    re.I,
)
"""A part asking for an amount to the unit: "exactly how much did they pay"."""
HEDGED = re.compile(
    r"\b(?:more than|over|at least|approximately|about|nearly|almost|roughly|around|some|up to|"
    r"in excess of|upwards of|less than|under|not (?:more|less|fewer) than)\s*$",
    re.I,
)
"""Words before an amount that make it a bound or an estimate: "more than $75 million"."""
MONEY_GIVEN = re.compile(r"\$\s?\d")
EXACT_KINDS = frozenset({AnswerType.MONEY, AnswerType.COUNT})


def gives_the_exact_amount_asked(aspect: Aspect, sentence: str) -> bool:
    """A part asking for an exact amount is answered by one the sentence gives as it is, not
    by a bound or an estimate: "agreed to pay more than $75 million" does not say exactly how
    much."""
    if not EXACT_AMOUNT_ASKED.search(aspect.asks):
        return True
    pattern = MONEY_GIVEN if aspect.kind is AnswerType.MONEY else NUMBER_GIVEN
    given = [match.start() for match in pattern.finditer(sentence)]
    return not given or any(not HEDGED.search(sentence[:start]) for start in given)


def gives_the_day_asked(aspect: Aspect, sentence: str) -> bool:
    """A part asking for the day is answered by a date to the day, and not where the sentence
    dates the event asked about to its month alone: "Arrested in May…, Qadir pleaded guilty…
    on Sept. 26, 2011" gives the day of his plea, not of his arrest."""
    if not DAY_ASKED.search(aspect.asks):
        return True
    if not DAY_GIVEN.search(sentence):
        return False
    dated = (term for match in DATED_TO_A_MONTH.finditer(sentence) for term in terms(match[1]))
    return not any(has_form(event, aspect.cue) for event in dated)
