"""Sentence splitting that keeps character offsets and does not break at "U.S." or "No. 4"."""

from __future__ import annotations

import re
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    {
        "u.s",
        "u.s.c",
        "no",
        "nos",
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "v",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "jr",
        "sr",
        "st",
        "jan",
        "feb",
        "mar",
        "apr",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
        "e.d",
        "n.d",
        "s.d",
        "w.d",
        "c.d",
        "d",
        "cal",
        "tex",
        "mo",
        "ill",
        "fla",
        "va",
        "pa",
        "sec",
        "gen",
        "atty",
        "dept",
        "approx",
        "fed",
        "r",
        "crim",
        "p",
        "al",
        "etc",
        "e.g",
        "i.e",
        "reg",
        "p.o",
        "h.r",
        "h.res",
        "pub",
    }
)
BOUNDARY = re.compile(
    r"(?<=[.!?])(?:a(?=\s))?[\"')\]\u201d\u2019]*\s+(?=[\"'(\[]?[A-Z0-9])"  # a sentence end
    # (a PDF's closing quote may come out as "a": 'labeled aBaby Einstein Collection.a On')
    r"|(?<=[a-z]{2}\.)(?=[A-Z][a-z]+\s)"  # a PDF's lost space: "contrary to U.S. law.Baqla was"
    r"|\n\s*\n"  # a blank line
    r"|\n(?=\s*[-*•#|])"  # a list item, heading or table row
    r"|\n(?=[A-Za-z_][\w /()-]{0,40}: )"  # a "field: value" line (rendered rows, records)
    r"|\n(?=\d{1,2}/\d{1,2}/\d{2,4} \| )"  # a docket row: "02/15/2018 | 42 | …"
    r"|\n(?=\d{4}-\d{2}-\d{2} )"  # a dated event line: "2003-05-06 R.PR: REGISTERED"
    r"|\n(?=[^\n]{1,100} — )"  # a record's "NAME — ROLE" line
)
DASH_IN_LOWER_CASE = re.compile(r"[ \t]*[-\u2013\u2014][ \t]+[a-z]")
"""A line opening with a dash and going on in lower case: a list item, or a PDF's wrapped dash."""
BULLET = re.compile(r"[-*\u2022]\s")
"""A line that is itself a bulleted item."""
SECTION_NUMBER = re.compile(r"§+\s*[\w().-]+$")
"""A statute's "§ 2318." goes on with its title: "§ 2318. Trafficking in counterfeit labels"."""
LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")
INITIALS = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")
FIRM_SUFFIX = re.compile(r"(?:Co|Corp|Inc|Ltd|LLC|L\.L\.C)\b")
NAME_AFTER_INITIALS = re.compile(r"([A-Z][a-z]+)\b(?!\.)")
SENTENCE_OPENERS = frozenset(
    re.findall(
        r"\w+",
        "The A An He She It They We I In On At By For From To This That These Those His Her "
        "Their Its According After Before During If When While As But And Also However Then "
        "There Today Yesterday Under Since Further Furthermore Each All Some Both",
    )
)
"""Words that open a sentence far more often than they are a surname after initials."""
FURNITURE = ("link:", "tittle:", "print version", "search the archive", "home »")
"""How a page's furniture opens, which says nothing of the case: the link to it, its title
field, the archive's navigation."""
MIN_SENTENCE_CHARS = 12
SHORT_LINE_CHARS = 60
MIN_WRAPPED_LINE_CHARS = 20
LINES_FOR_A_WIDTH = 8
"""Lines of at least ``MIN_WRAPPED_LINE_CHARS`` a text needs for its usual width to be read."""
USUAL_WIDTH_SHARE = 0.9
"""The usual width is that of the line longer than this share of the text's lines…"""
SHORT_LINE_SHARE = 0.8
"""…and a line is short below this share of it (or below ``SHORT_LINE_CHARS``)."""
SHORT_SENTENCE_WORDS = 7
"""A sentence of fewer words goes on from the one before ("They were actually bath salts.")…"""
JOINED_MAX_CHARS = 400
"""…unless that one is already this long…"""
REFERS_BACK = re.compile(
    r"^(this|that|these|those|they|it|he|she|his|her|their|its|such|both|each|all|none|"
    r"there|then|the (same|latter|former|rest|others?))\b",
    re.I,
)
"""…and only where it refers back to it."""
RUN_ON_ENDINGS = (",", ";", "-", "(", "and", "or", "of", "the", "to", "a", "in", "for")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with their [start, end) offsets; whitespace trimmed."""
    sentences: list[Sentence] = []
    start = 0
    short_line = _short_line_chars(text)
    for boundary in BOUNDARY.finditer(text):
        if _ends_with_abbreviation(text[start : boundary.start()]):
            continue
        if _initials_go_on(text[start : boundary.start()], text[boundary.end() :]):
            continue
        if _dash_goes_on(text, boundary.start(), boundary.end()):
            continue
        _append_split_at_short_lines(sentences, text, start, boundary.start(), short_line)
        start = boundary.end()
    _append_split_at_short_lines(sentences, text, start, len(text), short_line)
    return sentences


def _short_line_chars(text: str) -> int:
    """How short a line is to end a sentence: a typed release wraps its lines at 60-odd
    characters, so only a line well short of its usual width is a heading."""
    widths = sorted(
        width
        for width in (len(line.strip()) for line in text.split("\n"))
        if width >= MIN_WRAPPED_LINE_CHARS
    )
    if len(widths) < LINES_FOR_A_WIDTH:
        return SHORT_LINE_CHARS
    usual = widths[int(len(widths) * USUAL_WIDTH_SHARE)]
    return min(SHORT_LINE_CHARS, int(usual * SHORT_LINE_SHARE))


def _append_split_at_short_lines(
    sentences: list[Sentence], text: str, start: int, end: int, short_line: int
) -> None:
    """A short line that does not run on (a heading, a "Date: …" field, a dateline) ends a
    sentence even without a full stop; long lines are a paragraph wrapped by the PDF. A first
    line the next goes on from in lower case runs on, however short: a chunk may start in the
    middle of a line ("the defendants face a maximum sentence" / "of five years in prison")."""
    search_from = start
    while (newline := text.find("\n", search_from, end)) != -1:
        line_start = text.rfind("\n", 0, newline) + 1
        line = text[line_start:newline].strip()
        if (
            line
            and len(line) < short_line
            and not line.endswith(RUN_ON_ENDINGS)
            and not (line_start == 0 and _goes_on_in_lower_case(text, newline, end))
        ):
            _append(sentences, text, start, newline)
            start = newline + 1
        search_from = newline + 1
    _append(sentences, text, start, end)


def _goes_on_in_lower_case(text: str, newline: int, end: int) -> bool:
    """The line ending at ``newline`` goes on in lower case on the next: read of the text's
    first line, which may be the end of a line cut by the chunk's start."""
    following = text[newline + 1 : end].lstrip(" \t")
    return following[:1].islower()


def _dash_goes_on(text: str, start: int, end: int) -> bool:
    """A dash opening a line in lower case after a wrapped line of prose goes on its sentence;
    it is no list item: "he stole one of the company's trade secrets" / "- a key component in
    the manufacture of a new food product"."""
    if not DASH_IN_LOWER_CASE.match(text, end):
        return False
    line = text[text.rfind("\n", 0, start) + 1 : start].strip()
    return len(line) >= SHORT_LINE_CHARS and line[-1].islower() and not BULLET.match(line)


def _ends_with_abbreviation(fragment: str) -> bool:
    stripped = fragment.rstrip("\"')] ")
    if SECTION_NUMBER.search(stripped):
        return True
    match = LAST_WORD.search(stripped)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _initials_go_on(fragment: str, following: str) -> bool:
    """Initials that begin a firm's name or are someone's first names: "passed the information
    to J.T.M.G. Co., a glass company" and "P.Y. Yang is the president of Four Pillars" are one
    sentence each ("…in the U.K. The firm said" is two)."""
    if INITIALS.search(fragment) is None:
        return False
    if FIRM_SUFFIX.match(following) is not None:
        return True
    match = NAME_AFTER_INITIALS.match(following)
    return match is not None and match.group(1) not in SENTENCE_OPENERS


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    leading = len(piece) - len(piece.lstrip())
    trailing = len(piece.rstrip())
    if trailing - leading >= MIN_SENTENCE_CHARS:
        sentences.append(Sentence(piece[leading:trailing], start + leading, start + trailing))


def with_short_sentences_joined(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """``sentences`` of ``text``, each short sentence of prose that refers back joined to the
    one before it in its paragraph: "This included GE Aviation." says nothing without it, and
    quoted alone would not show what it answers."""
    joined: list[Sentence] = []
    for sentence in sentences:
        previous = joined[-1] if joined else None
        if previous is not None and _goes_on_from(text, previous, sentence):
            joined[-1] = Sentence(text[previous.start : sentence.end], previous.start, sentence.end)
        else:
            joined.append(sentence)
    return joined


def _goes_on_from(text: str, previous: Sentence, sentence: Sentence) -> bool:
    words = sentence.text.split()
    return (
        len(words) < SHORT_SENTENCE_WORDS
        and REFERS_BACK.match(sentence.text) is not None
        and len(previous.text) < JOINED_MAX_CHARS
        and sentence.text.endswith(".")
        and previous.text.endswith(".")
        and "\n\n" not in text[previous.end : sentence.start]
        and ":" not in sentence.text
        and not sentence.text.lstrip().startswith(("-", "*", "•", "|", "#", "("))
    )


def is_furniture(sentence: str) -> bool:
    """A page's link, title field or navigation (:data:`FURNITURE`)."""
    return sentence.lstrip().lower().startswith(FURNITURE)
