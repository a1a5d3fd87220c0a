"""Telling apart the documents of one series: a case's indictment, plea and sentencing releases,
an April and a May action against one seller.

Siblings share names, products and wording, so they score alike; what tells them apart is when
each was issued and which stage of the case its headline announces. When a question names a
month or year, or a stage ("pleaded guilty", "sentenced", "indicted"), the documents whose date
line or headline match are preferred. The date and stage are read from a document's heading: its
title and the opening of its first chunk, where a release states its date and headline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_NAME = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
)
YEAR = r"(?P<year>(?:19|20)\d\d)"
NAMED_DATE = re.compile(
    rf"\b{MONTH_NAME}\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?(?:\s+(?:of\s+)?{YEAR})?\b"
)
"""A month, capitalised ("May" the month, not "may" the verb), with its day and year if given."""
NAMED_YEAR = re.compile(rf"\b{YEAR}\b")
NUMERIC_DATE = re.compile(
    r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-\d\d\b"
    r"|\b(?P<month2>\d{1,2})[/-]\d{1,2}[/-](?P<year2>(?:19|20)?\d\d)\b"
)
TWO_DIGIT_YEARS_FROM_1900 = 70
HEADING_CHARS = 300
"""How much of a document's first chunk holds its date line."""
HEADLINE_CHARS = 800
"""How far into its first chunk a release's headline may start (after the agency's header)."""
HEADLINE_WORDS = 3
HEADLINE_CAPITALS = 0.8
STAGES: dict[str, re.Pattern[str]] = {
    "plea": re.compile(r"\bplead\w*|\bpled\b|\bpleas?\b", re.I),
    "sentencing": re.compile(r"\bsentenc\w*", re.I),
    "indictment": re.compile(r"\bindict\w*|\bgrand jury\b", re.I),
    "conviction": re.compile(r"\bconvict\w*|\bverdict\b|\bfound guilty\b", re.I),
    "charge": re.compile(r"\bcharg\w*|\bcomplaint\b|\barraign\w*", re.I),
    "arrest": re.compile(r"\barrest\w*", re.I),
    "seizure": re.compile(r"\bseiz\w*", re.I),
}

STAGE_TO_COME = re.compile(
    r"\b(?:was|were|is|are)\s+(?:due\s+|scheduled\s+|set\s+|expected\s+)?to\s+(?:be\s+)?"
    r"sentenc\w*|\bwill\s+be\s+sentenc\w*|\bsentencing\s+(?:is|was)\s+(?:set|scheduled)\b",
    re.I,
)
"""A stage the question speaks of as still to come ("which judge was to sentence him", "when
will he be sentenced"): the release of an earlier stage says it, not the later one's."""


@dataclass(frozen=True)
class When:
    year: int | None
    month: int | None

    def covers(self, other: When) -> bool:
        """``other`` (a document's date) is within what this (a question's) names."""
        return (self.year is None or self.year == other.year) and (
            self.month is None or self.month == other.month
        )


@dataclass(frozen=True)
class SeriesCues:
    """The dates and stages a question names."""

    dates: frozenset[When]
    stages: frozenset[str]

    @classmethod
    def of_question(cls, question: str) -> SeriesCues:
        dates = set(_named_dates(question))
        months_with_years = {when.year for when in dates}
        dates |= {
            When(int(match.group("year")), None)
            for match in NAMED_YEAR.finditer(question)
            if int(match.group("year")) not in months_with_years
        }
        told = STAGE_TO_COME.sub(" ", question)
        stages = frozenset(name for name, pattern in STAGES.items() if pattern.search(told))
        return cls(frozenset(dates), stages)

    @property
    def any(self) -> bool:
        return bool(self.dates or self.stages)

    @property
    def months(self) -> frozenset[When]:
        """The dates named to the month ("April 2012", "in May")."""
        return frozenset(when for when in self.dates if when.month is not None)

    def matches(self, heading: Heading) -> float:
        """1 for each of a date and a stage the question names that the heading matches."""
        date = document_date(heading.dated)
        dated = date is not None and any(when.covers(date) for when in self.dates)
        staged = any(STAGES[stage].search(heading.headline) for stage in self.stages)
        return float(dated) + float(staged)

    def conflicts(self, heading: Heading) -> bool:
        """The heading gives another date, or announces another stage, than the question names,
        and matches none of them: a sibling of the series the question is about."""
        if self.matches(heading):
            return False
        date = document_date(heading.dated)
        other_date = bool(self.dates) and date is not None
        other_stage = bool(self.stages) and any(
            pattern.search(heading.headline) for pattern in STAGES.values()
        )
        return other_date or other_stage

    def dated_otherwise(self, heading: Heading, text: str) -> bool:
        """The question names a month, the heading dates the document in another, and ``text``
        (the part of the document at hand) names none of the question's months, in words or in
        figures: a release of June that says nothing of April does not tell of "the April 2012
        seizure"."""
        months = self.months
        date = document_date(heading.dated)
        if not months or date is None or any(when.covers(date) for when in months):
            return False
        named = {when.month for when in _named_dates(text) + _numeric_dates(text)}
        return not any(when.month in named for when in months)


@dataclass(frozen=True)
class Heading:
    dated: str
    """Where a document states its date: its title and the opening of its first chunk."""
    headline: str
    """What it announces: its title and the lines of its opening in capitals. (The body
    mentions other stages: a plea release says when the defendant will be sentenced.)"""

    @classmethod
    def of(cls, title: str, lead_text: str) -> Heading:
        opening = lead_text[:HEADING_CHARS]
        shouted = [line for line in lead_text[:HEADLINE_CHARS].splitlines() if _shouted(line)]
        return cls(f"{title}\n{opening}", "\n".join([title, *shouted]))


def _shouted(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    words = line.split()
    return len(words) >= HEADLINE_WORDS and sum(c.isupper() for c in letters) >= (
        HEADLINE_CAPITALS * len(letters)
    )


def document_date(text: str) -> When | None:
    """The first full date in ``text`` (a month and a year)."""
    found = [when for when in _named_dates(text) if when.year and when.month]
    numeric = NUMERIC_DATE.search(text)
    if numeric:
        position = numeric.start()
        named = NAMED_DATE.search(text)
        if not found or (named is not None and position < named.start()):
            return _numeric(numeric)
    return found[0] if found else None


def _named_dates(text: str) -> list[When]:
    return [
        When(int(match.group("year")) if match.group("year") else None, _month(match))
        for match in NAMED_DATE.finditer(text)
    ]


def _numeric_dates(text: str) -> list[When]:
    """A docket's "2008-02-27" and "2/27/08" name February as well as "February 27" does."""
    return [when for match in NUMERIC_DATE.finditer(text) if (when := _numeric(match))]


def _month(match: re.Match[str]) -> int:
    name = match.group("month").lower()
    return next(index for index, month in enumerate(MONTHS, start=1) if month.startswith(name))


def _century(two_digit_year: int) -> int:
    """'99 is 1999 and '12 is 2012: the documents are of this century and the last."""
    return (1900 if two_digit_year >= TWO_DIGIT_YEARS_FROM_1900 else 2000) + two_digit_year


def _numeric(match: re.Match[str]) -> When | None:
    month = int(match.group("month") or match.group("month2"))
    year_text = match.group("year") or match.group("year2")
    year = int(year_text) if len(year_text) == 4 else _century(int(year_text))
    return When(year, month) if 1 <= month <= 12 else None
