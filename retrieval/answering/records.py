"""Sentences that are not prose: a table's row rendered "Header: value; Header: value", a
markdown bold heading line, a press release's contacts and closing boilerplate, a page's list
of other releases' headlines.

A row answers with the fields the question asks for (and those naming what it asks about), not
with all of its columns; the citation still quotes the whole row.
"""

from __future__ import annotations

import re

from retrieval.analysis import terms
from retrieval.answering.named_people import HEADLINE_WORDS, SHORT_WORD_LETTERS, title_case
from retrieval.answering.questions import Question
from retrieval.answering.sentences import Sentence

ROW_FIELD = re.compile(r"(?:^|;\s)([A-Za-z_][\w /()-]{0,40}):\s([^;]*)")
ROW_MIN_FIELDS = 3
DATE_LINE = re.compile(
    r"[A-Z][a-z]{2,8}\.? (\d{1,2}, )?\d{4}|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4}"
)
"""A line that is only a date ("May 26, 2011", "September 2011"), as a news page dates its
headlines."""
HEADLINE_LIST = 3
"""This many headlines are a page's list of other releases, not one release's title and
subtitle."""
HEADLINE_LIST_SHARE = 0.6
"""The share of a chunk's lines that its headlines and dates make up, at least, in such a list."""
LINE = re.compile(r"[^\n\s](?:[^\n]*[^\n\s])?")
"""A line without the blanks around it."""
CAPITALS_LABEL = re.compile(r"^[A-Z][A-Z/'-]+(?: [A-Z][A-Z/'-]+)*: ")
"""The defendant's name in capitals a news page leads a headline with ("SHU: ")."""
BOLD_HEADING = re.compile(r"^\s*(?:[-*•]\s+)?\*\*[^*\n]{1,80}\*\*")
"""A markdown line opening in bold: "**Case:** OP-HARBOR-LIGHT — …", "**Summary**"."""
BOILERPLATE = re.compile(
    r"\b(media|press) (contacts?|inquir\w*)\b"
    r"|\b(contact|call|e-?mail|phone)\b[^.]{0,80}(\(\d{3}\)|\b\d{3}[-. ]\d{3}[-. ]\d{4}\b|\w@\w)"
    r"|\b(is|are|was|were) being (investigated|prosecuted|handled)\b"
    r"|\b(investigated|prosecuted|handled) by\b"
    r"|\bfollow us\b",
    re.I,
)
BOILERPLATE_TOPICS = frozenset(
    terms(
        "contact contacts investigated investigation prosecuted prosecution prosecutor handled "
        "media press attorney attorneys counsel lawyer lawyers"
    )
)
"""A question about one of these is asking for what boilerplate says, not past it: a docket's
"Attorney: … Email: …" line is who represented a party."""


def is_row(sentence: str) -> bool:
    return sentence.count("; ") >= ROW_MIN_FIELDS - 1 and (
        len(ROW_FIELD.findall(sentence)) >= ROW_MIN_FIELDS
    )


def is_headline_list(text: str) -> bool:
    """Lines that are mostly headlines ("Capitol Heights Woman Sentenced to 41 Months for
    Fraud"), their wrapped ends, the dates they came out and the page's links ("Return to
    Top"), three headlines at least: a news page's list of other releases, each headline
    speaking only of its own release. (A headline's second line, "the Archives", is
    neither.)"""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    dated = [bool(DATE_LINE.fullmatch(line)) for line in lines]
    headlines = sum(title_case(_unlabelled(line)) for line in lines)
    listed = sum(
        date or _capitalised(_unlabelled(line)) for line, date in zip(lines, dated, strict=True)
    )
    return headlines >= HEADLINE_LIST and any(dated) and listed >= HEADLINE_LIST_SHARE * len(lines)


def listed_headlines(text: str) -> list[Sentence]:
    """A news page's list cut at its lines, each headline with its wrapped end ("…Possession
    of a Gun in" / "Furtherance of Drug Trafficking"): its headlines run on without full stops,
    and each tells of another release. A line is a wrapped end when it is short and no date, or
    when the line before stops at a lowercase word."""
    spans: list[tuple[int, int]] = []
    for line in LINE.finditer(text):
        short = len(line.group(0).split()) < HEADLINE_WORDS
        wrapped = short and not DATE_LINE.fullmatch(line.group(0))
        if spans and (wrapped or _runs_on(text[spans[-1][0] : spans[-1][1]])):
            spans[-1] = (spans[-1][0], line.end())
        else:
            spans.append((line.start(), line.end()))
    return [Sentence(text[start:end], start, end) for start, end in _dated(text, spans)]


def _dated(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The first headline under a date line read with it ("May 26, 2011" over "Waldorf Woman
    Pleads Guilty…"): the page tells when a release came out only there. The headlines after
    it are read alone, as each would be read with the others between it and the date."""
    dated: list[tuple[int, int]] = []
    for index, (start, end) in enumerate(spans):
        previous = spans[index - 1] if index else None
        if previous and DATE_LINE.fullmatch(text[previous[0] : previous[1]].split("\n")[0]):
            start = previous[0]
        dated.append((start, end))
    return dated


def _runs_on(headline: str) -> bool:
    """A headline in title case that stops at a lowercase word ("…Ordered to Pay More than
    $196,000 for") goes on in the next line."""
    last = headline.split()[-1]
    return last[:1].islower()


def _unlabelled(line: str) -> str:
    """A headline without its name in capitals ("SHU: Clark County Man Sentenced…")."""
    return CAPITALS_LABEL.sub("", line, count=1)


def _capitalised(line: str) -> bool:
    """Every word of more than four letters capitalised, however short the line: a headline's
    wrapped end ("Furtherance of Drug Trafficking") or a page's link ("Return to Top")."""
    words = [word.strip(".,;!?'\"()") for word in line.split()]
    return all(not word[:1].islower() for word in words if len(word) > SHORT_WORD_LETTERS)


def is_bold_heading(sentence: str) -> bool:
    return bool(BOLD_HEADING.match(sentence))


def is_boilerplate(sentence: str, question: Question) -> bool:
    """A contact line or a release's "investigated by" close, unless the question asks that."""
    if not BOILERPLATE.search(sentence):
        return False
    return not (frozenset(question.terms) & BOILERPLATE_TOPICS)


def asked_fields(question: Question, row: str) -> str | None:
    """The row's fields that answer a part of the question, with those naming what the question
    is about, in the row's order; None when no field answers (the whole row is the answer)."""
    fields = [(match.group(1), match.group(2).strip()) for match in ROW_FIELD.finditer(row)]
    answering = [
        bool(question.aspects_answered_by(f"{label}: {value}", terms(f"{label} {value}")))
        for label, value in fields
    ]
    if not any(answering) or all(answering):
        return None
    asked_about = frozenset(question.terms + question.key_terms)
    kept = [
        f"{label}: {value}"
        for (label, value), answers in zip(fields, answering, strict=True)
        if answers or frozenset(terms(value)) & asked_about
    ]
    return "; ".join(kept)
