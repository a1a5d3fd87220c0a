"""The kinds of answer a question may ask for, and one part of a question: what it asks for.

A question can ask several things at once ("what sentence did X receive, and how much
restitution?", "when was the case filed, and what fee was paid?"). Each part is an
:class:`Aspect`: the kind of answer its wording calls for (a prison term, an amount of money, a
date, a count, a name, a number) and its cue, the words that say what that value is about (the
*sentencing* date, the *filing* fee).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class AnswerType(StrEnum):
    ANY = "any"
    PRISON_SENTENCE = "prison_sentence"
    MONEY = "money"
    DATE = "date"
    COUNT = "count"
    DURATION = "duration"
    PERSON = "person"
    NUMBER = "number"
    OUTCOME = "outcome"
    """How a case ended: a judgment, a dismissal, a settlement, a verdict."""
    PLACE = "place"
    """Where: a named place, a port, a market, a city."""
    WEB_ADDRESS = "web_address"
    """Which website, domain or address: a domain name or URL."""
    STATUTE = "statute"
    """Which section, statute or law: a section number or a named Act."""
    AGE = "age"
    """How old someone is: "37" in "Rex Yang Jr., 37, of Seattle"."""


CHAPTER_ASKED = re.compile(r"\b(?:which|what)\s+chapters?\b", re.I)
"""A part asking which chapter of the code, whatever the chapter is about."""
DURATION_WORDS = r"(years?|months?|weeks?|days?|hours?|business days)"
TENS = r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUMBER_WORDS = (
    rf"(\d+[½¼¾]?|{TENS}[- ](one|two|three|four|five|six|seven|eight|nine)|{TENS}|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen)"
)
DURATION = (
    rf"\b{NUMBER_WORDS}[- ](and[- ]a[- ]half[- ])?"
    rf"((non-?consecutive|consecutive|concurrent|full|additional|more|calendar)[- ])?"
    rf"{DURATION_WORDS}\b"
)
BESIDE = (
    r"(?:on top of|in addition to|besides|apart from|other than|beyond|along with|together with|"
    r"alongside)"
)
"""The words a question names what is given beside what it asks by ("on top of her
restitution")."""
FIRM_NOUNS = (
    r"(?:compan(?:y|ies)|firms?|business(?:es)?|corporations?|manufacturers?|makers?|"
    r"suppliers?|distributors?|retailers?|vendors?|stores?|shops?|subsidiar(?:y|ies)|"
    r"contractors?)"
)
"""The words a release calls a firm by: "Stihl, a company based in Germany"."""
DESCRIBING_WORD = r"(?:(?-i:[A-Z])[\w.'&-]*,\s+(?-i:[A-Z])[\w.'&-]*|[\w.'&-]+)"
"""A word describing a firm or a person, or a place and its state set off by a comma, which is
one description: "a Washington, D.C.-based think tank" (not "In 2015, JSSD officers", nor
"the officers, and the hackers": the capitals count even where case does not)."""
CUSTODY = r"(prison|imprison\w*|incarcerat\w*|jail|custody|behind bars|confinement)"
EVENTS = (
    "arrested charged indicted arraigned detained extradited seized pleaded plea convicted "
    "acquitted verdict trial hearing sentenced released dismissed settled filed registered "
    "renewed granted issued cancelled abandoned expired launched live opened established "
    "signed enacted reported submitted prescribed"
)
"""The events of a case or a record that a date is the date of: "when was he arrested" is not
answered by the date he was sentenced, "by what date must CBP report" by the date a statute
gives for prescribing regulations."""


@dataclass(frozen=True)
class Aspect:
    """One thing a question asks for: a kind of answer, about its cue words."""

    kind: AnswerType
    cue: frozenset[str] = frozenset()
    money_terms: frozenset[str] = frozenset()
    """Which kind of money the part asks about (a fine, restitution, bail…), as stems."""
    maximum: bool = False
    """It asks for a maximum ("faces up to", "not more than"), not what was imposed."""
    words: frozenset[str] = frozenset()
    """All the part's words but names, to match a record's field label ("Registration date")."""
    many: bool = False
    """It asks for several ("who are the defendants"), so several sentences may answer it."""
    asks: str = field(default="", compare=False)
    """The question's words for this part ("which judge imposed the sentence")."""
    counted: frozenset[str] = frozenset()
    """What "how many" counts, its head word ("scanners" of "how many diagnostic scanners"):
    35,000 counterfeit *keys* do not answer it, though "counterfeit" is a cue word."""
    counted_names: frozenset[str] = frozenset()
    """The names among what "how many" counts ("how many *Levitra* tablets"): 2,000 Viagra
    tablets are not what is asked."""
    filed: frozenset[str] = frozenset()
    """What a "when was it filed" part asks the filing of ("his *answer*", "the *Section* 8
    declaration"): a docket's or a record's other filings are not it."""
    own_names: frozenset[str] = frozenset()
    """What a later part names that no other part does, as stems ("and how much to *the
    Virginia State Police*"): a sentence that names none of it answers the other part only."""
    others_names: frozenset[str] = frozenset()
    """Where the part names a person or firm of its own, what the other parts name that it
    does not, as stems: "UMC agreed to pay a fine" speaks of UMC, not of the co-defendant
    Fujian Jinhua the sentence before it named."""
    quoted: frozenset[str] = frozenset()
    """The words of a phrase the part quotes ("define *'commercial advantage'*", "bragged he
    was *'very close'* to the MSS"), as stems: a sentence that does not say them is about
    something else.
    """
    defined: frozenset[str] = frozenset()
    """The words of the term the part asks the definition of ("how does the Act define
    *dilution by tarnishment*"), as stems: a sentence defining another term does not answer."""
    given_amounts: frozenset[str] = frozenset()
    """Amounts of money the question itself gives ("of the more than *$6.5 million* seized, how
    much was cash"): a sentence that holds no other repeats the question."""
    of_kind: AnswerType = AnswerType.ANY
    """A part with no words of its own asks about the part before: "how did the case end, and
    on what date" asks the date of an end, so a sentence must tell of that kind of thing too."""
    of_whom: frozenset[str] = frozenset()
    """For a part asking someone's age, the words of the names the question gives, as stems:
    the age of another defendant in the same sentence is not theirs."""
