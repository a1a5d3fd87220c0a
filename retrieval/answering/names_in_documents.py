"""Whether a retrieved document names the people and firms a question names, read from the
whole document: a release names "Katiran Lee" in its first paragraph and "Lee" after it, and the
chunk that says what Lee sold may be the only one retrieved. And which of the people a document
introduces with their age are others than those asked about: its other defendants."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from retrieval.analysis import terms
from retrieval.answering.questions import Question
from retrieval.answering.words import has_form
from retrieval.document_text import DocumentText
from retrieval.search import Hit

NAME_WORDS_TO_SPARE = 3
"""A name with this many words may miss one in a document and still be the name asked about."""
COMMON_NAME_WORDS = frozenset(
    terms(
        "corporation corp inc incorporated llc ltd limited company co group holdings industries "
        "technologies technology international united american national global"
    )
)
"""Words many firms' names hold ("United Microelectronics Corporation"): a document holding
them and not the name's own word does not name the firm."""
FAMILIAR_FIRST_NAMES = (
    "William: Bill Billy",
    "Robert: Bob Bobby Rob",
    "James: Jim Jimmy",
    "Michael: Mike",
    "Charles: Chuck Charlie",
    "Jeffrey: Jeff",
    "Joseph: Joe",
    "Thomas: Tom Tommy",
    "Richard: Dick Rick",
    "Stephen Steven: Steve",
    "Christopher: Chris",
    "Gregory: Greg",
    "Andrew: Andy",
    "Anthony: Tony",
    "Daniel: Dan Danny",
    "David: Dave",
    "Edward: Ted Eddie",
    "Katherine: Kathy Kate",
    "Elizabeth: Liz Beth",
    "Nicholas: Nick",
    "Benjamin: Ben",
    "Samuel: Sam",
    "Alexander: Alex",
    "Matthew: Matt",
    "Timothy: Tim",
    "Kenneth: Ken",
    "Ronald: Ron",
    "Donald: Don",
    "Lawrence: Larry",
    "Frederick: Fred",
    "Jennifer: Jenny",
    "Patricia: Pat",
    "Margaret: Peggy",
    "John: Jack",
    "Henry: Hank",
    "Peter: Pete",
    "Gerald: Jerry",
    "Douglas: Doug",
)
"""Formal first names and their familiar forms: a question asks about "Bill Barr", a speech's
title names "William P. Barr". A familiar name stands for the formal ones, not the other way
round: a formal name's familiar forms may be words ("will", "don")."""


def names_beyond_hits(
    question: Question, hits: Sequence[Hit], document_text: DocumentText | None
) -> dict[str, frozenset[str]]:
    """For each document of ``hits`` whose hits leave out a word of the question's names, the
    words of them its other chunks hold."""
    wanted = frozenset(form for name in question.names for word in name for form in _forms(word))
    if document_text is None or not wanted:
        return {}
    present: dict[str, frozenset[str]] = defaultdict(frozenset)
    for hit in hits:
        present[hit.document_id] |= wanted & frozenset(terms(hit.text))
    missing = {document: wanted - words for document, words in present.items() if words != wanted}
    if not missing:
        return {}
    words = sorted(frozenset().union(*missing.values()))
    texts = document_text.texts_mentioning(sorted(missing), words)
    return {
        document: wanted & frozenset(term for text in found for term in terms(text))
        for document, found in texts.items()
    }


def defendants(
    question: Question, introduced: Sequence[Sequence[str]]
) -> tuple[frozenset[str], frozenset[str]]:
    """Of ``introduced`` (people named with their age, as stems): the words of the question's
    names that name some of them, and the surnames of the others (none if no name does, or if
    the question asks who the others are: "who was the co-defendant awaiting trial")."""
    asked = [name for name in question.names if any(set(name) & set(one) for one in introduced)]
    asked_words = frozenset(word for name in asked for word in name)
    if not asked_words:
        return frozenset(), frozenset()
    if question.asks_who_the_others_are:
        return asked_words, frozenset()
    return asked_words, frozenset(one[-1] for one in introduced if not asked_words & set(one))


def name_coverage(names: Sequence[Sequence[str]], document_terms: frozenset[str]) -> float:
    """Share of ``names`` the document has. A name of three words or more is there if all but
    one of its words are: a text may leave out a middle name or spell one of its words
    otherwise, unless the words it does hold are those many firms' names hold. A word is there
    in another form too: a PDF's text may run a mark's sign or a possessive into it
    ("FOAMGLASA(r)", "Corningas")."""
    if not names:
        return 1.0
    present = 0
    for name in names:
        missing = [
            word
            for word in name
            if not any(has_form(form, document_terms) for form in _forms(word))
        ]
        held = frozenset(name) - frozenset(missing)
        spared = len(name) >= NAME_WORDS_TO_SPARE and len(missing) == 1
        present += not missing or (spared and not held <= COMMON_NAME_WORDS)
    return present / len(names)


def _forms(word: str) -> frozenset[str]:
    """A name's word, and the formal first names it is a familiar form of."""
    return _formal_names().get(word, frozenset()) | {word}


@cache
def _formal_names() -> dict[str, frozenset[str]]:
    formal: dict[str, frozenset[str]] = defaultdict(frozenset)
    for names in FAMILIAR_FIRST_NAMES:
        formal_names, familiar_names = names.split(":")
        for familiar in terms(familiar_names):
            formal[familiar] |= frozenset(terms(formal_names))
    return dict(formal)
