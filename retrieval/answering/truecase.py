"""A question typed all in lowercase, as chat messages often are, with its names capitalised
the way the retrieved passages write them: "when was adama kane sentenced?" reads as "when was
Adama Kane sentenced?".

The answerer finds what a question is about by its capitals (its names, the case it names, the
agency); without them it would treat "kane" like "sentenced", and an answer about anyone would
do. A word takes the passages' capitals only where they never write it in lowercase, so
"sentenced" stays lowercase though a headline capitalises it, and "judge" though "Judge Okafor"
does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from retrieval.analysis import STOPWORDS
from retrieval.answering.named_people import SHORT_WORD_LETTERS

WORD = re.compile(r"[A-Za-z][\w'&.-]*[A-Za-z0-9]|[A-Za-z]")
SENTENCE_START = re.compile(r"(^|[.!?:;\"\u201c(\n]\s*|\s[-\u2013\u2014\u2022*]\s*)$")
ASKING = frozenset(
    ("which", "what", "whose", "his", "her", "their", "its", "my", "our", "your", "a", "an")
)
ASKED_FOR_WORDS = 2
"""Words after "which", "whose" or "his" name what is asked for or his ("which magistrate
judge", "his sentencing"): a role, not a name, though passages write "Judge Okafor"; only an
acronym is taken there ("which FBI agents")."""
HEADLINE_LONG_WORDS = 3
"""Words longer than a short word a line needs, all capitalised, to be a headline."""
POSSESSIVE = re.compile(r"^(?P<word>.+?)(?P<ending>['\u2019]s)$", re.I)


def truecased(question: str, passages: Iterable[str]) -> str:
    """``question`` as is if any word after its first has a capital; else with each word the
    passages capitalise and never write in lowercase written their way."""
    words = list(WORD.finditer(question))
    if any(not match.group(0).islower() for match in words[1:]):
        return question
    forms = _written_forms(passages)
    pieces, end, asked_for = [], 0, 0
    for match in words:
        word = match.group(0)
        written = _as_written(word, forms)
        if asked_for and not _all_capitals(written):
            written = word
        asked_for = ASKED_FOR_WORDS if word.lower() in ASKING else max(asked_for - 1, 0)
        pieces.append(question[end : match.start()])
        pieces.append(written)
        end = match.end()
    pieces.append(question[end:])
    return "".join(pieces)


def _as_written(word: str, forms: dict[str, Counter[str]]) -> str:
    possessive = POSSESSIVE.match(word)
    if possessive:
        return _as_written(possessive.group("word"), forms) + possessive.group("ending")
    if word.lower() in STOPWORDS:
        return word
    written = forms.get(word.lower())
    if not written:
        return word
    form = written.most_common(1)[0][0]
    # A name is never written in lowercase; "the judge" and "Judge Okafor" are a title.
    return word if word.lower() in written else form


def _written_forms(passages: Iterable[str]) -> dict[str, Counter[str]]:
    """How the passages write each word mid-sentence (an acronym anywhere): "Kane" 12 times,
    "kane" never. A word seen only opening sentences counts where a capitalised word follows
    it: "Adama Kane, 41, was sentenced" writes "Adama" as a name, "Counterfeit airbags were
    seized" says nothing."""
    forms: dict[str, Counter[str]] = {}
    opening: dict[str, Counter[str]] = {}
    for passage in passages:
        for line in passage.splitlines():
            if not _headline(line):
                _count_forms(line, forms, opening)
    return {**opening, **forms}


def _count_forms(
    line: str, forms: dict[str, Counter[str]], opening: dict[str, Counter[str]]
) -> None:
    matches = list(WORD.finditer(line))
    for index, match in enumerate(matches):
        if _shouted(matches, index):
            continue
        word = POSSESSIVE.sub(r"\g<word>", match.group(0))
        opens = SENTENCE_START.search(line[: match.start()][-3:] or "\n")
        if not opens or _all_capitals(word):
            forms.setdefault(word.lower(), Counter())[word] += 1
        elif _name_follows(line, matches, index):
            opening.setdefault(word.lower(), Counter())[word] += 1


def _headline(line: str) -> bool:
    """A line with no lowercase word of over four letters ("Store Owner Sentenced to 30
    Months"): its capitals are a headline's, not a name's."""
    words = [word for word in WORD.findall(line) if len(word) > SHORT_WORD_LETTERS]
    return len(words) >= HEADLINE_LONG_WORDS and not any(word[0].islower() for word in words)


def _name_follows(passage: str, matches: list[re.Match[str]], index: int) -> bool:
    if index + 1 >= len(matches):
        return False
    following = matches[index + 1]
    between = passage[matches[index].end() : following.start()]
    return between == " " and following.group(0)[0].isupper()


def _shouted(matches: list[re.Match[str]], index: int) -> bool:
    """An all-capitals word next to another one is a headline's, not an acronym."""
    if not _all_capitals(matches[index].group(0)):
        return False
    near = matches[max(index - 1, 0) : index] + matches[index + 1 : index + 2]
    return any(_all_capitals(match.group(0)) for match in near)


def _all_capitals(word: str) -> bool:
    return word.isupper() and len(word) > 1
