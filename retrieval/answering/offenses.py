"""Whether a part of a question asks about a first or a repeat offense, or about one charge, and
whether a sentence is about another.

Penalty statutes give a first offense's maximum and then a higher one "for a second or
subsequent offense", side by side. A part asking what a repeat offender faces is not answered by
the first-offense penalty, nor a part asking about a first offense by the repeat one.
"""

from __future__ import annotations

import re

from retrieval.analysis import terms
from retrieval.answering.words import has_form, has_word

OFFENSE = r"(offen[cs]es?|offenders?|violations?|convictions?)"
REPEAT_ASKED = re.compile(
    rf"\b(repeat(ed)?|second(-time)?|subsequent|later) {OFFENSE}"
    r"|\bprior conviction|\bpreviously convicted|\brecidivis",
    re.I,
)
FIRST_ASKED = re.compile(rf"\bfirst(-time)? {OFFENSE}", re.I)
REPEAT_STATED = re.compile(
    rf"\b(second|subsequent|repeat(ed)?)( or subsequent)? {OFFENSE}"
    r"|\bprior conviction|\bpreviously (been )?convicted|\bafter a (prior )?conviction",
    re.I,
)


def about_another_offense(asked: str, sentence: str) -> bool:
    """The part asks about a repeat offense and the sentence states none, or it asks about a
    first offense and the sentence is about a repeat one."""
    if REPEAT_ASKED.search(asked):
        return not REPEAT_STATED.search(sentence)
    return bool(FIRST_ASKED.search(asked) and REPEAT_STATED.search(sentence))


CRIME = r"(?:felon(?:y|ies)|crimes?|offen[cs]es?)"
WHICH_CRIME_ASKED = re.compile(
    r"\b(?:what|which)\b(?:\s+(?:is|was|are|were))?"
    r"(?:\s+(?!(?:does|do|did|is|was|are|were|has|have|had|can|must|shall|will|would)\b)"
    rf"[\w-]+){{0,3}}?\s+{CRIME}\b",
    re.I,
)
"""A part asking which crime: "what was the earlier felony conviction that barred him" (not
"what does a first offense carry")."""
CRIME_NAMED = re.compile(rf"\b{CRIME}\b", re.I)
CRIME_UNNAMED = re.compile(
    rf"\b(?:a|an|any)\s+(?:(?:prior|previous|earlier)\s+)?{CRIME}"
    r"(?=\s*(?:[,.;:)]|$)|\s+(?:and|or|was|is|were|are|who|which|punishable)\b)",
    re.I,
)
"""A crime not named, only counted: "having been previously convicted of *a felony*, he was
prohibited from possessing a firearm"."""
CONVICTED_OF_A_NAMED_CRIME = re.compile(
    r"\b(?:convicted|guilty|charged|indicted)\s+(?:of|to|with)\s+(?!(?:a|an|any)\s)\w", re.I
)
"""A crime named where a conviction or charge is: "previously convicted of armed robbery"."""


def crime_left_unnamed(asked: str, sentence: str) -> bool:
    """The part asks which crime, and the sentence speaks of crimes only as "a felony" or "an
    offense": it says there was one, not which."""
    if not WHICH_CRIME_ASKED.search(asked):
        return False
    named = len(CRIME_NAMED.findall(sentence))
    if named == 0 or CONVICTED_OF_A_NAMED_CRIME.search(sentence):
        return False
    return named == len(CRIME_UNNAMED.findall(sentence))


CHARGE = r"(?:counts?|charges?)"
CHARGE_OF = re.compile(
    rf"\b{CHARGE}\s+of\s+(?P<offense>[a-z][a-z\s'-]{{2,80}}?)"
    r"(?=\s*(?:[,.;:(?]|$|\b(?:and|as|in|against|for|under|that|which|carry|carries|does|do|did|"
    r"is|are|was|were|face|faces|she|he|they)\b))",
    re.I,
)
"""A charge named after its word: "each count of trafficking in counterfeit goods", "the count
of false statements to law enforcement"."""
NAMED_CHARGE = re.compile(
    rf"\b(?:the|each|every|his|her|their|its)\s+(?P<offense>(?:[a-z][\w'-]*\s+){{1,5}}?){CHARGE}\b",
    re.I,
)
"""A charge named before its word: "the economic espionage counts", "the false statement in
naturalization charge"."""
CHARGED_WITH = re.compile(
    r"\bwhich\s+charges?\s+\w+\s+with\s+(?P<offense>[a-z][a-z\s'-]{2,100}?)(?=\s*[,.;]|$)", re.I
)
"""A count described by what it charges: "Count Fourteen, which charges Zheng with making false
statements to the FBI"."""
NOT_AN_OFFENSE = frozenset(
    terms(
        "each every one two three four five six seven eight nine ten several all both other "
        "additional remaining separate substantive criminal federal felony maximum those same "
        "commit committing"
    )
)
"""Words of a charge's description that name no offense."""


def about_another_charge(asked: str, sentence: str) -> bool:
    """The part asks about a charge it names ("the count of false statements"), and the sentence
    names the charges it speaks of, and nowhere the one asked about: "She faces 10 years on each
    count of trafficking in counterfeit goods" gives no penalty for making false statements.
    (A sentence may name the one asked about otherwise: "20 years in prison for wire fraud".)
    A charge of the same family qualified otherwise is another charge as well."""
    wanted = _offenses(asked, (CHARGE_OF, NAMED_CHARGE))
    named = _offenses(sentence, (CHARGE_OF, NAMED_CHARGE, CHARGED_WITH))
    if not wanted or not named:
        return False
    said = frozenset(terms(sentence))
    if not any(has_form(word, said) for offense in wanted for word in offense):
        return True
    return all(
        not _all_said(offense, said)
        and not any(_one_charge(offense, other) for other in named)
        and any(_of_one_family(offense, other) for other in named)
        for offense in wanted
    )


def _all_said(offense: frozenset[str], said: frozenset[str]) -> bool:
    return all(has_word(word, said) for word in offense)


def _one_charge(wanted: frozenset[str], named: frozenset[str]) -> bool:
    """One charge named in more or fewer words: "false statements" and "false statements to
    agents", "conspiracy to steal trade secrets" and "conspiracy to commit theft of trade
    secrets"."""
    return _all_said(wanted, named) or _all_said(named, wanted)


def _of_one_family(wanted: frozenset[str], named: frozenset[str]) -> bool:
    """Charges sharing a word, of one family: what else each says may still tell them apart
    ("the false statement in naturalization charge" is not "the count of false statements to
    law enforcement")."""
    return any(has_word(word, named) for word in wanted)


def _offenses(text: str, patterns: tuple[re.Pattern[str], ...]) -> list[frozenset[str]]:
    found = (
        frozenset(terms(match.group("offense"))) - NOT_AN_OFFENSE
        for pattern in patterns
        for match in pattern.finditer(text)
    )
    return [offense for offense in found if offense]
