"""Whether a sentence answers a part of a question: it contains the kind of thing the part
asks for (a prison term, an amount, a date, a name…) and, where the part has a cue, one of the
cue's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.analysis import terms
from retrieval.answering.agencies import about_another_agency
from retrieval.answering.answer_kinds import (
    BESIDE,
    CHAPTER_ASKED,
    CUSTODY,
    DURATION,
    DURATION_WORDS,
    EVENTS,
    NUMBER_WORDS,
    AnswerType,
    Aspect,
)
from retrieval.answering.countries import COUNTRY_ASKED, NAMES_A_COUNTRY
from retrieval.answering.destinations import notice_to_another, posted_elsewhere
from retrieval.answering.named_people import (
    BODIES_ASKED,
    CALLED_NAME,
    FIRM_NAME_WORDS,
    FIRMS_ASKED,
    NAMED_FIRM,
    PERSON_NAME,
    acronyms,
    asks_leave,
    examiner_untold,
    initials_asked,
    names_someone_asked_for,
    names_someone_by_initials,
    names_the_employer_asked,
    presiding_untold,
    statutory_role,
)
from retrieval.answering.offenses import (
    about_another_charge,
    about_another_offense,
    crime_left_unnamed,
)
from retrieval.answering.precision import (
    DAY_OF_A_MONTH,
    EXACT_KINDS,
    MONTH,
    gives_the_day_asked,
    gives_the_exact_amount_asked,
)
from retrieval.answering.relatives import relative_of_another
from retrieval.answering.words import has_form, has_word

NOT_A_TERM = (
    r"(?![-\s](?:\w+\s)?(?:trial|hearing|visit|trip|conference|meeting|course|program|"
    r"operation|investigation|window|period)\b)"
)
"""A length of time that is another thing's ("a four-day bench trial") is no prison term."""
AGE_GIVEN = re.compile(
    r"(?<=[A-Za-z.)],)\s\d{1,3}(?=,|\s+of\b)|\b\d{1,3}[- ]years?[- ]old\b|\baged?\s+\d{1,3}\b"
)
"""An age as a release gives it: "Rex Yang Jr., 37, of Seattle", "a 52-year-old", "age 29"."""
AGE_OF_WHOM = 60
"""How far before an age (in characters) the name of the person it is the age of may be."""
MONTH_AND_YEAR = rf"(?:{MONTH}[a-z]*\.? )?(?:19|20)\d\d"
SPAN_OF_DATES = (
    rf"\b(?:from|between) {MONTH_AND_YEAR},? (?:through|to|until|and|thru) {MONTH_AND_YEAR}\b"
)
"""A period given by its ends, which is as good as its length: "from July 2005 through January
2013"."""
ANSWER_PATTERNS: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.PRISON_SENTENCE: re.compile(
        rf"\b(sentenc|handed)\w*\b.{{0,200}}?({DURATION}{NOT_A_TERM}|probation|time served|"
        r"life in prison|home (confinement|detention))"
        rf"|{DURATION}[- ](term[- ])?(in|of|behind) (federal |state )?{CUSTODY}"
        rf"|{DURATION}[- ]((federal|state)[- ])?((prison|jail) )?(sentence|term of imprisonment)"
        rf"|{DURATION}[- ]((federal|state)[- ])?(prison|jail) terms?\b"
        rf"|{DURATION}['\u2019]?[- ](term[- ]of[- ]|of[- ])?probation\b",
        re.I | re.S,
    ),
    AnswerType.MONEY: re.compile(
        # "145 million American victims" counts victims, not dollars.
        r"\$\s?\d|\b\d[\d,.]*\s*(dollars|(million|billion)\b"
        r"(?!\s+(?:[A-Z][a-z]+\s+)?(?!dollars\b)[A-Za-z]+s\b))"
        r"|\b(value|retail price|price) of\b|\btimes (the|such)\b|\btwice the\b|\btreble\b"
        r"|\b(not more than|up to|at most) the (value|price|amount)\b",
        re.I,
    ),
    AnswerType.DATE: re.compile(
        rf"{DAY_OF_A_MONTH}|\b(19|20)\d{{2}}\b"
        rf"|\b{NUMBER_WORDS} (months?|years?) (after|before|from)\b"
        r"|\b(beginning|commencing|starting) on the date (of|on which|that)\b",
        re.I,
    ),
    AnswerType.COUNT: re.compile(rf"\b{NUMBER_WORDS}\b", re.I),
    AnswerType.DURATION: re.compile(rf"{DURATION}|{SPAN_OF_DATES}", re.I),
    AnswerType.PERSON: PERSON_NAME,
    AnswerType.WEB_ADDRESS: re.compile(
        r"https?://|\bwww\.|\b[\w-]+\.(com|net|org|gov|info|biz|cn|ru|us|co|io|eu|de|uk)\b", re.I
    ),
    AnswerType.STATUTE: re.compile(
        # Text taken from a PDF may render the section sign as "SS": "under SS 922(g)".
        r"§|\bSS ?\d{2,4}|\b(?i:sections?|title) \d|\b\d+ U\.?\s?S\.?\s?C\b|\bU\.S\. ?Code\b"
        r"|\b(?i:subsection|paragraph) \([a-z\d]{1,4}\)"
        # An Act's name may be an acronym: "the CAN-SPAM Act".
        r"|\b(?:[A-Z][a-z]+ |[A-Z]{2,}(?:-[A-Z]{2,})* ){1,6}Act\b"
        # An Act known by the day it was passed: "the Act of March 3, 1881".
        r"|\bAct of (?:[A-Z][a-z]+\.? \d{1,2}, )?\d{4}\b"
    ),
    AnswerType.PLACE: re.compile(
        r"\b(?i:in|at|from|near|into|through|outside|via|to)\s+(?:the\s+)?"
        r"(?:[A-Z][\w.'&-]*\s+(?:of\s+)?){0,4}[A-Z][\w.'&-]*"
        r"|\b(?i:residents?|natives?) of\s+(?:the\s+)?[A-Z][\w.'&-]*"
        # A statute places a thing by the court's district: "deemed to have its situs in the
        # judicial district in which the domain name registrar … is located".
        r"|\b(?i:situs|judicial district)\b"
    ),
    AnswerType.OUTCOME: re.compile(
        # A proposed verdict, a motion to dismiss or for judgment asks for an end; it is none.
        r"(?<!proposed )(?<!motion to )(?<!motion for )(?<!motion for summary )"
        r"\b(judgments?|dismiss\w*|settle(d|ment)|terminat\w*|verdict|convicted|acquitted|"
        r"found (not )?guilty|sentenced|pleaded guilty|consent (decree|judgment|order)|"
        r"injunction|withdrawn|affirmed|reversed|remanded|vacated|"
        # A record's filing or proceeding ends too: "AFFIDAVIT UNDER SECT 15 ABANDONED".
        r"abandoned|cancell?ed|expired|sustained|denied|refused|rejected)\b",
        re.I,
    ),
    AnswerType.AGE: AGE_GIVEN,
    AnswerType.NUMBER: re.compile(
        r"(?<![\d/-])\b(?!(19|20)\d\d\b)\d{4,}\b(?![-/]\d)"  # not a year or a date
        r"|\b(?=[A-Z]*\d)(?=\d*[A-Z])[A-Z\d]{6,}\b"
    ),
}
VALUES: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.PRISON_SENTENCE: re.compile(rf"{DURATION}|probation|time served", re.I),
    AnswerType.DURATION: re.compile(DURATION, re.I),
    AnswerType.MONEY: re.compile(r"\$\s?\d[\d,.]*(\s(million|billion))?", re.I),
    AnswerType.DATE: ANSWER_PATTERNS[AnswerType.DATE],
    AnswerType.COUNT: re.compile(r"\b\d[\d,]*\b"),
    AnswerType.NUMBER: ANSWER_PATTERNS[AnswerType.NUMBER],
    AnswerType.AGE: AGE_GIVEN,
}
STATUTORY_TERM = re.compile(
    rf"\b(imprison\w*|prison|jail|incarcerat\w*)\b[^.;]{{0,80}}?{DURATION}"
    rf"|{DURATION}[^.;]{{0,30}}\b(in|of) (federal |state )?(prison|jail)\b",
    re.I,
)
COUNTED = re.compile(
    rf"\b(?P<number>\d[\d,]*(?:\.\d+)?|{NUMBER_WORDS[1:-1]})\b(?=(?P<following>(?:\W+\w+){{1,6}}))",
    re.I,
)
"""A number and the words after it. The words are looked ahead at, not taken: "two assault
rifles and an additional 778 sights" has two numbers, and the second is among the first's
words."""
SHARE_AFTER = re.compile(r"\s*(?:%|percent\b|per cent\b)", re.I)
NUMBER_OF = re.compile(
    r"\bnumber of (?P<what>[^.;:\d]{1,80}?)\s+(?:to|at|was|is|reached|of)\s+"
    r"(?:about |approximately |nearly |over |more than )?(?P<number>\d[\d,]*)\b",
    re.I,
)
"""A count given after what it counts: "bringing the total number of specialized units to 25"."""
DEFINES = re.compile(
    r"[\"\u201c](?P<term>[^\"\u201d]{2,80})[\"\u201d]\s+"
    r"(?:means|is|are|has the meaning|includes|shall mean|refers to)\b"
)
"""A sentence defining a term it quotes: "the term 'illicit label' means…", "'dilution by
tarnishment' is association…"."""
DEED_OF = re.compile(
    r"\b(?P<what>[a-z]+) of (?:about |approximately |nearly |over |more than |at least )?"
    r"(?P<number>\d[\d,]*)\b",
    re.I,
)
"""A count given as what was done to so many: "resulted in the arrest of 179 Darknet drug
traffickers" is how many were arrested."""
TREND_OF = re.compile(
    r"\b(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3})\s+(?:have\s+|has\s+|had\s+)?"
    r"(?:increased|rose|risen|grew|grown|fell|fallen|declined|dropped|decreased|jumped|climbed)"
    r"\s+from\s+(?:about |approximately |nearly |over |more than )?(?P<number>\d[\d,]*)\b",
    re.I,
)
"""A count given as a trend in what it counts: "FDA counterfeit drug investigations have
increased from 6 in 1997 to 22 in 2003"."""
VALUE_OF = re.compile(
    r"\$\s?\d[\d,.]*(?:\s+(?:thousand|million|billion))?(?:\s+worth)?\s+(?:of|in)\s+"
    r"(?P<what>(?:[\w'-]+\s+){0,3}[\w'-]+)"
)
"""An amount of goods told by its worth: "more than $100 million in counterfeit luxury goods",
"$2 million worth of fake handbags"."""
HOW_MUCH = re.compile(r"\bhow much\b", re.I)
SUPERVISION = re.compile(r"\b(?:supervised release|probation)\b", re.I)
CUSTODY_ASKED = re.compile(rf"\b{CUSTODY}", re.I)
GIVEN_BESIDE = re.compile(rf"\b(?:{BESIDE}|after)\s+(?:[\w'-]+\s+){{0,3}}[\w'-]+", re.I)
"""What a part names as given beside what it asks ("on top of his prison sentence", "after his
prison term")."""
EACH_UNIT = re.compile(r"\b(?:at|in|for|to|on) each\s+(?P<unit>[a-z][\w-]*)", re.I)
"""What a count asked for is a count of each of: "how many officers at each *port* of entry"."""
PEOPLE_DEALT_WITH = re.compile(
    r"\b(?:charged|charging|arrested|indicted|convicted|sentenced|extradited|prosecuted)\s+"
    r"(?:more than |over |about |nearly |approximately |at least )?"
    rf"(?:\d[\d,]*|{NUMBER_WORDS[1:-1]})\s+[a-z][\w-]*s\b",
    re.I,
)
"""So many people, by whatever they are called, that the law dealt with: "charged 36
cybercriminals", "arrested 12 suspects"."""
PEOPLE_COUNTED = frozenset(terms("people persons individuals"))
"""Words by which "how many" counts people of any kind: "how many people were charged"."""
POSITION_ASKED = re.compile(r"\b(?:his|her|their)\s+(?:job\s+)?(?:title|position|rank)s?\b", re.I)
"""A part asking what post someone holds: "what was his title"."""
POSITION_HELD = re.compile(
    r"\b(?:is|was|were|are|as|became)\s+(?:an?\s+|the\s+)?(?:[A-Z][\w.'-]*\s+){0,4}"
    r"(?:Director|Officer|Chief|President|Chairman|Chairwoman|Manager|Agent|Engineer|Secretary|"
    r"Commissioner|Head|Minister|Professor|Executive|Founder|Partner|Scientist|Analyst)\b"
)
"""A post someone holds, in capitals: "is a Deputy Division Director with the MSS"."""
YEAR = re.compile(r"(19|20)\d\d")
DECIMALS = re.compile(r"\d\.$")
COUNT_FIELD = re.compile(r"\b(quantity|qty|count|units|pieces|total)\s*[:=]?\s*\d", re.I)
HYPOTHETICAL_SENTENCE = re.compile(
    r"\b(faces?|facing|maximum|up to|could|would|may|scheduled|will be|set for|when sentenced|"
    r"not more than|shall be|expected to)\b",
    re.I,
)
BOUNDS = frozenset(terms("bracket brackets category categories range lowest smallest top"))
"""Words asking for the bounds a rule sets ("the smallest fine bracket and the top one"), not
for a fine someone was ordered to pay."""
WITHIN_A_TIME = r"(?:not later than|no later than|within \S+ (?:days|months|years))"
DEADLINE = re.compile(
    rf"\b{WITHIN_A_TIME}\b[^.;]*\b(?:shall|must)\b|\b(?:shall|must)\b[^.;]*\b{WITHIN_A_TIME}\b",
    re.I,
)
"""A rule's deadline: "not later than 180 days after …, the Commissioner shall prescribe"."""
DEADLINE_WORDS = frozenset(terms("deadline"))
"""A cue a rule's deadline meets without the word: "by what deadline" is answered by "not later
than one year after February 24, 2016, the Secretary shall prescribe regulations"."""
OBLIGATION_ASKED = re.compile(
    r"\b(?:by when|by what date|deadline|due|must|shall|ha(?:ve|s|d) to|required(?! by)|supposed|"
    r"obliged|obligated|need(?:s|ed)? to|latest)\b",
    re.I,
)
"""Words asking for the date a rule sets rather than the date something was done ("the
regulations required by 4347(d)" are only those the section calls for)."""
REQUESTED_SENTENCE = re.compile(
    r"\b(ask(s|ed|ing)? for|seeks?|sought|seeking|request(s|ed|ing)?|recommend(s|ed|ing)?)\b",
    re.I,
)
REQUEST_WORDS = frozenset(terms("ask asked request requested seek sought recommend"))
IMPOSED_SENTENCE = re.compile(
    r"\b(was|were|been|is|are|and|today|yesterday)\s+sentenced\b|\bhanded (him|her|them|down)\b"
    r"|\bsentenced (him|her|them|each|both)\b"
    r"|\b(secured|obtained|won)\s+([\w-]+\s+){0,4}?sentences?\b",
    re.I,
)
"""A term said to have been imposed: "was sentenced", "handed him", "the team secured the
conviction and 45-year sentence of Farid Fata"."""
CONDITIONAL_OUTCOME = re.compile(
    r"\b(if|unless|until|when|could|would|may|might|will)\s+(\w+\s+){0,3}?"
    r"(convicted|found guilty|proven guilty|sentenced)\b"
    r"|\b(?:seek\w*|sought)\b(?! and (?:obtained|won|secured))[^.;]{0,120}?\bjudgments?\b"
    r"|\bjudgments? to be determined\b",
    re.I,
)
"""An end a sentence only supposes or asks for: "if convicted, each charge carries up to 15
years", "a defendant is presumed innocent unless convicted", "could be sentenced to", "the
government is seeking … a money judgment to be determined at trial"."""
IMPOSED_ORDER = re.compile(
    r"\b(was|were|been)\s+(also\s+)?(ordered|fined)\b|\bordered\s+(?!to\b)\w+|\bagreed to\b"
    r"|\bpaid\b|\b(imposed|levied|assessed)\b",
    re.I,
)
"""An amount ordered, imposed or agreed to: "was ordered to pay", "ordered Lance to forfeit",
"imposed the maximum statutory fine of $1.5 million". "And ordered to pay" is not one by
itself: "is expected to be sentenced… and ordered to pay $201,000"."""
ORDERED_MONEY = frozenset(terms("restitution fine fined forfeiture forfeit"))
PAYMENT = frozenset(terms("paid"))
"""Words that ask for money without naming a kind of it: "how much was he to be paid" is
answered by "he was to get $1,000 a day", as "what fine" is not by any amount."""
PRICE = frozenset(terms("price cost"))
PENALTY_ASKED = re.compile(
    r"^\W*(?:and\s+)?(?:what|which|how (?:big|large|severe|stiff|harsh))\b[^?]{0,60}"
    r"\bpenalt(?:y|ies)\b",
    re.I,
)
PENALTY_GIVEN = re.compile(rf"{DURATION}|\b(life|death|equal to|twice|times the|value of)\b", re.I)
"""What a penalty is, besides an amount of money: a term or a measure of one ("equal to the
value of the article"). "The maximum statutory penalty for each of the charges is as
follows:" gives none, where the release's table of them was lost."""
PENALTY_MONEY = frozenset(terms("fine penalty restitution forfeiture"))
PERCENTAGE_ASKED = re.compile(
    r"\b(?:what|which|how (?:high|large|big))\s+(?:[\w-]+\s+){0,3}?percent(?:age)?\b", re.I
)
PERCENTAGE_GIVEN = re.compile(r"\d\s*%|\bpercent\b", re.I)
"""A percentage asked for is given as one: "an annual interest rate established under section
6621(a)(2) of title 26" gives what sets the rate, not the annual percentage rate."""
FREQUENCY_ASKED = re.compile(r"\bhow (?:often|frequently)\b", re.I)
UNIT_OF_TIME = r"(?:second|minute|hour|day|week|month|quarter|year|decade)s?"
FREQUENCY_GIVEN = re.compile(
    rf"\b(?:every|each)\s+(?:[\w-]+\s+){{0,2}}?{UNIT_OF_TIME}\b"
    r"|\b(?:(?:semi|bi)-?)?(?:annual(?:ly)?|yearly|quarterly|monthly|weekly|daily|hourly)\b"
    r"|\bbiennial(?:ly)?\b|\bperiodic(?:al)?(?:ly)?\b|\bregularly\b"
    r"|\b(?:once|twice|[\w-]+ times)\s+(?:a|an|per|each|every)\b"
    rf"|\bper\s+{UNIT_OF_TIME}\b"
    rf"|\b(?:{NUMBER_WORDS[1:-1]}|several|many|numerous|multiple|dozens of) times\b",
    re.I,
)
"""How often something is done is said as a frequency: "annually", "every 10 hours", "twice a
year". "The Commissioner shall consult with private sector entities" says that it is done, not
how often."""
SHARE_ASKED = re.compile(
    r"\b(?:what|which|how (?:large|big|much of))\s+(?:a\s+)?"
    # "what may it share" asks what is shared, not how large a share.
    r"(?:(?!(?:may|can|could|does|do|did|will|would|should|must|shall|is|are|was|were|it|"
    r"they|he|she|we|you)\b)[\w-]+\s+){0,2}?"
    r"(?:share|portion|proportion|fraction)\b",
    re.I,
)
SHARE_GIVEN = re.compile(
    r"\d\s*%|\bper ?cent\b|\$\s?\d|\b\d+/\d+\b"
    r"|\b(?:one[- ])?(?:half|third|quarter|fourth)\b|\btwo[- ]thirds\b|\bthree[- ]quarters\b",
    re.I,
)
"""A share asked for is given as a part of the whole or as an amount: "a sale at public auction
more than 90 days after forfeiture" gives no share of its proceeds."""
KIND_OF_AMOUNT_WORDS = 6
"""How many words before an amount may say what it is an amount of."""
WORTH = frozenset(terms("value worth"))
"""Kinds of money a sum of goods is told in: "the value of the goods" is "$1.4 million in
counterfeit handbags"."""
KINDS_OF_MONEY = (
    WORTH
    | PRICE
    | ORDERED_MONEY
    | frozenset(
        terms(
            "retail loss losses proceeds sales revenue profits damages fines bond bail fee fees "
            "salary bribe payment income"
        )
    )
)
"""The words an amount is said to be of: "a total retail value of $2,500" is no fine."""
UNIT_PRICE = re.compile(r"\$\s?\d[\d,.]*\s+(?:each|apiece|per|a|an)\b")
"""An amount that is a price by what follows it: "for just $2.00 each", "$30 per bottle"."""
MEASURED_MONEY = re.compile(
    r"\b(?P<kind>[a-z]+)\s+(?:of\s+)?(?:up\s+to\s+)?(?:twice|double|triple|equal\s+to|"
    r"(?:two|three|four|five|ten)\s+times)\b",
    re.I,
)
"""Money given as a measure of another amount: "a fine of twice the gross gain or loss"."""
RATE_ASKED = re.compile(
    r"\bper\s+(?!(?:cent|the|a|an|his|her|its|their|court|according)\b)(?-i:[a-z0-9])", re.I
)
"""A part asking for an amount per something: "how much did she pay per unit" (not "per
Holder's 2013 speech", "per the indictment")."""
RATE_GIVEN = re.compile(
    r"\b(?:per|each|apiece)\b"
    r"|(?:\$\s?\.?\d[\d,.]*|\b\d[\d,.]*\s+(?:cents|dollars))(?:\s+(?:million|billion))?\s+an?\b",
    re.I,
)
"""An amount given per something: "$.45 each", "$50,000 USD per month", "a fine on each count
of twice the gross gain", "$1,000 a day"."""
LABEL = re.compile(r"^\s*([A-Za-z][\w /()-]{0,40}):\s|^[^\n]{1,100} — ([A-Za-z ;]{3,120})")
"""A record's field label ("Registration date: …") or role ("MySQL AB — ORIGINAL REGISTRANT")."""
SURNAME_FIRST = re.compile(r"[A-Z][A-Za-z'-]+, [A-Z][A-Za-z'-]+(?: [A-Z]\.?)?")
ROLE_SHARE = 0.5
MONEY_AMOUNT = re.compile(r"\$\s?\d|\b\d[\d,.]*\s*(dollars|million|billion)\b", re.I)
MONEY_RULE = re.compile(r"\b(shall|may|not more than|not less than|up to|liable|fined)\b", re.I)
"""Words of a rule that sets an amount by a measure: "fined not more than twice the value"."""
CASE_NAME = re.compile(r"\b[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*){0,3}\s+v\.?\s+[A-Z]")
"""A case cited by its parties: "Turner v. Williams", "United States v. Verdugo-Urquidez"."""
CASE_WORDS = frozenset(terms("case lawsuit suit decision precedent"))
"""How much of a "NAME — ROLE" line's role must be the part's words for the line to answer it."""
LIST_MARKER = re.compile(r"^\s*([-*•]|#+)\s+")
"""A list item's or a heading's marker. Statutes nest their paragraphs as headings deeper than
Markdown's six levels ("######## (C) In an in rem action…")."""
EVENT_TERMS = frozenset(terms(EVENTS))
NO_EVENT = re.compile(
    r"\b(principal|supplemental) register\b|\barrest(?= warrants?\b)"
    r"|\bto set (a |the )?(new )?(dates? for (his |her |their |the )?\w+|trial date)",
    re.I,
)
"""Words that name no event: the trademark register a record names, a noun, is no registering;
an arrest warrant issued is no arrest; a hearing "to set the date for her trial" is no trial."""
ASPECTS_KEPT = 256
"""How many parts' events asked and initials counted are kept, worked out once for the many
sentences read for one question."""
INITIALS_WORDS = 3
"""How many words the initials of the things counted may stand for ("ICs", "CBP")."""
DONE = re.compile(r"[a-z]+ed")
"""A word telling of something done: "arraigned", "indicted"."""
EVENT_SAID_OTHERWISE = {"sign": tuple(terms("entered")), "file": tuple(terms("commenced"))}
"""An event's other words: a contract or an agreement "signed" is one "entered into", a civil
action "filed" one "commenced"."""
LIST_ITEM = re.compile(r"^\s*(\(\w{1,4}\)|\d{1,2}[.)]|[-*•])\s")
TITLE_CASE = re.compile(r"^\W*[A-Z][a-z]")
NEXT_NUMBER = re.compile(r"[$\d]")
DURATION_OF = re.compile(
    rf"\b{NUMBER_WORDS}[- ]{DURATION_WORDS}(?:['\u2019]|-)\s*(?P<what>[a-z]+)",
    re.I,
)
"""A length of time written as what it is the length of: "ten days' notice", "a 30-day stay"."""
COUNTED_FROM = re.compile(
    rf"\b{DURATION_WORDS}\s+(?:after|following|from)\s+(?P<event>[^,;.()]{{1,60}})", re.I
)
"""A length of time counted from an event: "90 days after the date of forfeiture"."""
COUNTED_FROM_ASKED = re.compile(r"\bcounted\s+from\s+(?P<event>[^,;.()?]{1,60})", re.I)
"""A part asking for a time counted from an event in those words: "what is the outer limit
counted from the date the violation occurred"."""
COUNTED_KINDS = frozenset({AnswerType.DURATION, AnswerType.DATE})
CHAPTER_CITED = re.compile(r"\bchapter\s+\d+", re.I)
"""A chapter of the code by its number: "the provisions of chapter 46"."""
WHERE_IT_HAPPENED = re.compile(r"^\W*(?:and\s+)?where\b", re.I)
"""A part asking where something happened: "where was he arrested" is not answered by where he
was charged ("in what town did he meet the officers on the day he was arrested" asks where he
met them)."""
LEADS_TO_AN_EVENT = frozenset(terms("date day time"))
"""Words that lead to the event a time is counted from without being it ("the date of")."""
ANY_LENGTH = frozenset(
    terms(
        "period term time window limit deadline interval span timeframe sentence prison jail "
        "imprisonment incarceration custody confinement probation"
    )
)
"""What a length of time may be written as being of, whatever the question asks it of."""


def answers(
    aspect: Aspect,
    sentence: str,
    sentence_terms: frozenset[str],
    question_terms: list[str],
    preceding_terms: frozenset[str] = frozenset(),
) -> bool:
    """Whether ``sentence`` holds the kind of thing ``aspect`` asks for, about its cue.

    An amount answers "what fine" only if it is a fine: the kind of money asked about must be
    named in the same sentence. A count answers "how many sights" only if the number counts
    something the question names."""
    if not _contains(aspect, sentence):
        return False
    if aspect.own_names and not _names_any(
        aspect.own_names, sentence, _named_with(aspect, sentence, sentence_terms, preceding_terms)
    ):
        return False
    if not all(has_form(word, sentence_terms) for word in aspect.quoted):
        return False
    if CHAPTER_ASKED.search(aspect.asks) and not CHAPTER_CITED.search(sentence):
        return False  # "of which chapter" is answered by "chapter 46"
    if aspect.defined and _defines_another_term(aspect.defined, sentence):
        return False
    if about_another_agency(aspect.asks, sentence) or about_another_offense(aspect.asks, sentence):
        return False
    if crime_left_unnamed(aspect.asks, sentence) or relative_of_another(aspect.asks, sentence):
        return False
    if aspect.kind is not AnswerType.PERSON and about_another_charge(aspect.asks, sentence):
        # Who did something is no penalty on a count: "which judge resentenced him after one
        # of his drug counts was reversed" is answered where the judge is named for any count.
        return False
    if aspect.of_kind is not AnswerType.ANY and not _contains(Aspect(aspect.of_kind), sentence):
        return False
    if aspect.kind is AnswerType.MONEY and aspect.money_terms:
        # A list item goes on from the sentence that leads into it ("…an award of statutory
        # damages… (1) not less than $1,000…"): that one may name the kind of money.
        named = sentence_terms | preceding_terms if LIST_ITEM.match(sentence) else sentence_terms
        kinds_named = aspect.money_terms - PAYMENT
        named_here = any(has_form(kind, named) for kind in kinds_named)
        if kinds_named and not named_here and not _told_unnamed(aspect, kinds_named, sentence):
            return False
        if kinds_named and _only_other_amounts(kinds_named, sentence):
            return False
        if _prospective_order(aspect, sentence):
            return False
    if aspect.kind is AnswerType.MONEY and not _gives_the_rate_asked(aspect, sentence):
        return False
    if aspect.kind is AnswerType.MONEY and aspect.given_amounts:
        found = amounts(sentence)
        if found and found <= aspect.given_amounts:
            return False
    if aspect.kind in EXACT_KINDS and not gives_the_exact_amount_asked(aspect, sentence):
        return False
    if aspect.kind is AnswerType.DATE or _where_it_happened(aspect):
        sentence_terms = _event_terms(sentence, sentence_terms)
        if not _names_the_event(aspect, sentence_terms):
            return False
    if aspect.kind is AnswerType.DATE and _deadline_for_an_event(aspect, sentence):
        return False
    if aspect.filed and not any(has_word(word, sentence_terms) for word in aspect.filed):
        return False
    if aspect.kind is AnswerType.DURATION and not _lasts(sentence, aspect.cue):
        return False
    if aspect.kind is AnswerType.PRISON_SENTENCE and not _gives_the_supervision_asked(
        aspect.asks, sentence
    ):
        return False
    if aspect.kind in COUNTED_KINDS and _counted_from_another_event(aspect.asks, sentence):
        return False
    if aspect.kind is AnswerType.AGE:
        return _gives_the_age_of(aspect.of_whom, sentence)
    if aspect.kind is AnswerType.COUNT:
        if not _names_each_unit(aspect.asks, sentence_terms):
            return False
        if posted_elsewhere(aspect.asks, sentence):
            return False
        counted = aspect.counted or aspect.cue or frozenset(question_terms)
        counted |= _initials(aspect.asks, aspect.counted)
        if HOW_MUCH.search(aspect.asks) and _valued(sentence, counted):
            return True
        if aspect.words & PEOPLE_COUNTED and PEOPLE_DEALT_WITH.search(sentence):
            return True
        return _counts(sentence, counted, aspect.counted_names)
    if aspect.kind is AnswerType.PERSON:
        if _role_line_of_the_asked(sentence, frozenset(question_terms)):
            return False
        if _field_names_the_role(aspect, sentence) or _cites_a_case(aspect, sentence):
            return True
        if not names_someone_asked_for(sentence, aspect, frozenset(question_terms)):
            return False
        if presiding_untold(aspect, sentence) or examiner_untold(aspect, sentence):
            return False
        initials = initials_asked(aspect.asks)
        if initials and not names_someone_by_initials(sentence, initials):
            return False
    if aspect.kind in (AnswerType.PERSON, AnswerType.PLACE, AnswerType.STATUTE):
        # Who or where may go on from the sentence naming what ("The dialogue will take place
        # in Beijing."), and which statute from the line before it in a table's row ("Conspiring
        # to commit trade secret theft" / "18 U.S.C. § 1832(a)(5)").
        sentence_terms = sentence_terms | preceding_terms
    if not _gives_the_penalty_asked(aspect, sentence):
        return False
    if PERCENTAGE_ASKED.search(aspect.asks) and not PERCENTAGE_GIVEN.search(sentence):
        return False
    if FREQUENCY_ASKED.search(aspect.asks) and not FREQUENCY_GIVEN.search(sentence):
        return False
    if notice_to_another(aspect.asks, sentence):
        return False
    if aspect.kind is AnswerType.DATE and not gives_the_day_asked(aspect, sentence):
        return False
    if SHARE_ASKED.search(aspect.asks) and not SHARE_GIVEN.search(sentence):
        return False
    if POSITION_ASKED.search(aspect.asks) and POSITION_HELD.search(sentence):
        return True
    if aspect.kind is AnswerType.PERSON and aspect.cue <= BODIES_ASKED:
        return True  # "which Chinese agency": the body named is the answer, by any name
    if aspect.kind is AnswerType.PERSON and names_the_employer_asked(aspect, sentence):
        return True
    if aspect.kind is AnswerType.PERSON and _names_a_firm_asked(aspect, sentence):
        return True  # "which company": a firm named as one, "Skycom was Huawei's subsidiary"
    cue = aspect.cue - DEADLINE_WORDS if DEADLINE.search(sentence) else aspect.cue
    return not cue or _shares_a_cue(cue, sentence_terms)


def _gives_the_supervision_asked(asked: str, sentence: str) -> bool:
    """A part asking only for the supervision a sentence imposes ("how long a term of
    supervised release on top of his prison sentence") is not answered by the prison term."""
    asked = GIVEN_BESIDE.sub(" ", asked)
    wanted = {match.group(0).lower() for match in SUPERVISION.finditer(asked)}
    if not wanted or CUSTODY_ASKED.search(asked):
        return True
    said = " ".join(sentence.lower().split())
    return any(kind in said for kind in wanted)


def _names_a_firm_asked(aspect: Aspect, sentence: str) -> bool:
    """A part asking only which firm is answered by a firm the sentence names as one, by any
    firm's word: "which Huawei-linked company" by "Skycom was Huawei's unofficial subsidiary"
    (not by "Germany, a country of makers")."""
    only_a_firm = bool(aspect.cue) and aspect.cue <= FIRMS_ASKED
    return only_a_firm and any(
        " of " not in match.group(0) for match in NAMED_FIRM.finditer(sentence)
    )


def _told_unnamed(aspect: Aspect, kinds_named: frozenset[str], sentence: str) -> bool:
    """An amount of the kind asked for, given without the kind's word: a price ("$2.00
    each"), or the worth of the goods asked about ("$1.4 million in counterfeit handbags")."""
    if _prices(kinds_named, sentence):
        return True
    return kinds_named <= WORTH and _valued(sentence, aspect.words - WORTH)


def _gives_the_penalty_asked(aspect: Aspect, sentence: str) -> bool:
    """A part of no particular kind that asks what a penalty is wants one given: contracts
    "worth in excess of $20 million" are none, and nor is a term the question itself states
    ("what penalty if CBP fails to notify within 30 business days")."""
    if aspect.kind is not AnswerType.ANY or not PENALTY_ASKED.search(aspect.asks):
        return True
    asked = _one_spaced(aspect.asks)
    return any(
        _one_spaced(given.group(0)) not in asked for given in PENALTY_GIVEN.finditer(sentence)
    ) or _states_an_amount_of(PENALTY_MONEY, sentence)


def _one_spaced(text: str) -> str:
    return " ".join(text.lower().split())


def _only_other_amounts(kinds_named: frozenset[str], sentence: str) -> bool:
    """Every amount the sentence states is said to be of another kind of money than those
    asked: "fined in the amount set forth in this title … copies which have a total retail
    value of $2,500" gives no fine. A fine given as a measure ("a fine of twice the gross gain
    or loss, … up to twice the alleged loss of more than $800 million") is the kind asked."""
    if any(
        has_form(kind, frozenset(terms(match.group("kind"))))
        for kind in kinds_named
        for match in MEASURED_MONEY.finditer(sentence)
    ):
        return False
    return MONEY_AMOUNT.search(sentence) is not None and not _states_an_amount_of(
        kinds_named, sentence
    )


def _states_an_amount_of(kinds_named: frozenset[str], sentence: str) -> bool:
    """Some amount the sentence states may be of a kind named: one said to be of nothing (",
    or fined $5,000") may be."""
    return any(
        not _amount_of_another_kind(kinds_named, sentence[: match.start()])
        for match in MONEY_AMOUNT.finditer(sentence)
    )


def _amount_of_another_kind(kinds_named: frozenset[str], before: str) -> bool:
    said_of = frozenset(terms(" ".join(before.split()[-KIND_OF_AMOUNT_WORDS:])))
    if any(has_form(kind, said_of) for kind in kinds_named):
        return False
    return bool(said_of & KINDS_OF_MONEY)


def _gives_the_rate_asked(aspect: Aspect, sentence: str) -> bool:
    """An amount per something answers "how much per unit"; a total does not: "sold at least
    149 counterfeit units worth more than $15,000" says nothing of what one unit cost."""
    return not RATE_ASKED.search(aspect.asks) or RATE_GIVEN.search(sentence) is not None


def _prices(kinds_named: frozenset[str], sentence: str) -> bool:
    """A price asked for, given as one without the word: "offering them for just $2.00 each"
    answers "at what price per tablet"."""
    return kinds_named <= PRICE and UNIT_PRICE.search(sentence) is not None


def _names_any(names: frozenset[str], sentence: str, present: frozenset[str]) -> bool:
    """The sentence names one of ``names``, in its words or another form of them ("Malaysian"
    of "Malaysia"), or by the initials of a body it names in full ("CBP" of "Customs and Border
    Protection")."""
    return any(has_form(name, present) for name in names) or bool(names & acronyms(sentence))


def _named_with(
    aspect: Aspect, sentence: str, sentence_terms: frozenset[str], preceding: frozenset[str]
) -> frozenset[str]:
    """What a sentence names, with what the sentences before it named, unless it names what
    another part asks about: then it speaks of that."""
    if _names_any(aspect.others_names, sentence, sentence_terms):
        return sentence_terms
    return sentence_terms | preceding


def _deadline_for_an_event(aspect: Aspect, sentence: str) -> bool:
    """A deadline a rule sets ("not later than 180 days after February 24, 2016, the
    Commissioner shall prescribe regulations") does not say when it was done ("on what date did
    CBP actually publish the regulations"), unless the part asks for the deadline ("by when did
    CBP have to")."""
    return DEADLINE.search(sentence) is not None and OBLIGATION_ASKED.search(aspect.asks) is None


def _gives_the_age_of(of_whom: frozenset[str], sentence: str) -> bool:
    """An age, right after a name of the person asked about if the question names one: a
    release gives each defendant's age after their name, in one sentence for several."""
    if not of_whom:
        return True
    return any(
        of_whom & frozenset(terms(sentence[max(match.start() - AGE_OF_WHOM, 0) : match.start()]))
        for match in AGE_GIVEN.finditer(sentence)
    )


def _prospective_order(aspect: Aspect, sentence: str) -> bool:
    """Restitution or a fine someone faces or is expected to be ordered to pay is none
    ordered, unless the sentence also tells of one imposed: "is expected to be sentenced to
    eight years and ordered to pay $201,000 restitution" answers no "what restitution was he
    ordered to pay". A part that asks for a maximum, or for the bounds a rule sets, asks for
    just such an amount."""
    if aspect.maximum or aspect.words & BOUNDS or not aspect.money_terms & ORDERED_MONEY:
        return False
    if not HYPOTHETICAL_SENTENCE.search(sentence):
        return False
    return not (IMPOSED_SENTENCE.search(sentence) or IMPOSED_ORDER.search(sentence))


def _field_names_the_role(aspect: Aspect, sentence: str) -> bool:
    """A record's "NAME — ROLE" line whose role is mostly the part's words says whom it
    names, whatever the name looks like: "T.C.X DataKonsult AB — ORIGINAL APPLICANT" answers
    "who filed the original application". The role is the whole rest of its line: "COACH — US
    trademark Reg. No. 3886986" names no owner. A "Label: value" field's value is read as any
    other name is ("Defendant: Adama Kane" is no defense counsel), but a record's name written
    surname first is a name however short: "Examining attorney: SANTOMARTINO, MARTHA L"."""
    line = unmarked(sentence).strip()
    match = LABEL.match(line)
    if match is None:
        return False
    whole_role = match.end() == len(line)
    names_the_role = whole_role if match.group(2) else _surname_first_field(sentence)
    return names_the_role and label_share(aspect, sentence) >= ROLE_SHARE


def _role_line_of_the_asked(sentence: str, question_terms: frozenset[str]) -> bool:
    """A record's "NAME — ROLE" line naming only the firm the question names, which tells
    nothing new of it (its role in capitals is no one's name): "Burger Addict Renton LLC —
    ORIGINAL APPLICANT" is not who is behind Burger Addict Renton LLC."""
    line = unmarked(sentence).strip()
    match = LABEL.match(line)
    if match is None or not match.group(2):
        return False
    words = frozenset(terms(line[: match.start(2)])) - FIRM_NAME_WORDS
    return bool(words) and words <= question_terms


def _cites_a_case(aspect: Aspect, sentence: str) -> bool:
    """ "Which Supreme Court case did he cite" is answered by the parties' names of one."""
    return bool(aspect.cue & CASE_WORDS) and CASE_NAME.search(sentence) is not None


def _surname_first_field(sentence: str) -> bool:
    line = unmarked(sentence).strip()
    match = LABEL.match(line)
    return bool(match and match.group(1) and SURNAME_FIRST.fullmatch(line[match.end() :].strip()))


def _event_terms(sentence: str, sentence_terms: frozenset[str]) -> frozenset[str]:
    """The sentence's words that may name an event: the "Principal Register" a mark is
    approved for publication on is no registration, the "arrest warrant" issued for a fugitive
    no arrest, the appearance "to set the date for her trial" no trial."""
    if not NO_EVENT.search(sentence):
        return sentence_terms
    return frozenset(terms(NO_EVENT.sub(" ", sentence)))


def _where_it_happened(aspect: Aspect) -> bool:
    """The part asks where something happened (:data:`WHERE_IT_HAPPENED`)."""
    return aspect.kind is AnswerType.PLACE and WHERE_IT_HAPPENED.match(aspect.asks) is not None


def _names_the_event(aspect: Aspect, sentence_terms: frozenset[str]) -> bool:
    """A date answers "when was he arrested" only in a sentence that names the arrest: "was
    sentenced today" dates the sentencing, "Registration date" not the renewal. So does a place
    "where was he arrested". A bare "and on what date" asks of the event its cue, the part
    before it, names ("who was set to sentence them, and on what date")."""
    events = _events_asked(aspect.asks, aspect.words | aspect.cue)
    said = [other for event in events for other in EVENT_SAID_OTHERWISE.get(event, ())]
    return not events or any(has_word(event, sentence_terms) for event in [*events, *said])


@lru_cache(maxsize=ASPECTS_KEPT)
def _events_asked(asks: str, words: frozenset[str]) -> tuple[str, ...]:
    """The events a part asks the date of: where it tells some as done, any it names up to the
    last of those ("when were the charges filed", "who pleaded guilty in June, scheduled to be
    sentenced"), as what follows only says on what ("when were they arraigned on the handbag
    charges" asks when they were arraigned, not charged); else any its words name (a bare
    "When" of "When and where was he arrested" asks of the arrest)."""
    events: list[str] = []
    told = 0
    for word in re.findall(r"[\w'-]+", asks):
        events += [term for term in terms(word) if term in EVENT_TERMS]
        if DONE.fullmatch(word) and events:
            told = len(events)
    return tuple(events[:told] if told else [word for word in words if word in EVENT_TERMS])


def _shares_a_cue(cue: frozenset[str], sentence_terms: frozenset[str]) -> bool:
    """A cue word or another form of it ("own" and "owner")."""
    return any(has_word(word, sentence_terms) for word in cue)


def values(aspect: Aspect, sentence: str) -> frozenset[str]:
    """The values of the asked-for kind in ``sentence`` ("one year", "$5,100", "May 15, 2009"),
    to tell a sentence that says something new from one that repeats a value."""
    pattern = VALUES.get(aspect.kind)
    if pattern is None:
        return frozenset()
    found = (match.group(0) for match in pattern.finditer(sentence))
    return frozenset(_one_spaced(value) for value in found)


def amounts(text: str) -> frozenset[str]:
    """The amounts of money ``text`` states, alike however a sentence ends after them."""
    return frozenset(value.rstrip(".,") for value in values(Aspect(AnswerType.MONEY), text))


def label_share(aspect: Aspect, sentence: str) -> float:
    """If the sentence is a record field, the share of its label's words that are the part's:
    "Registration date" is all about "when was it registered", "Filing date" half. A list item's
    or a bold label ("- **Assigned to:** …") counts as well. A field that holds another kind of
    thing than the part asks for names nothing it asks: "Reg. No. 2824281" is no date."""
    if aspect.kind is not AnswerType.ANY and not _contains(aspect, sentence):
        return 0.0
    if aspect.defined and _defines(aspect.defined, sentence):
        return 1.0  # a definition is labelled by the term it defines
    match = LABEL.match(unmarked(sentence))
    label = frozenset(terms(match.group(1) or match.group(2))) if match else frozenset()
    if not label:
        return 0.0
    return sum(has_word(word, aspect.words) for word in label) / len(label)


def is_field(line: str) -> bool:
    """A record's "Label: value" line, a "NAME — ROLE" line, a list item's or a bold label's."""
    return bool(LABEL.match(unmarked(line)))


def unmarked(line: str) -> str:
    """A line without its markdown list or heading marker and bold markers."""
    return LIST_MARKER.sub("", line.replace("**", ""), count=1)


def cue_share(aspect: Aspect, sentence_terms: frozenset[str], weights: dict[str, float]) -> float:
    """How much of the aspect's cue (idf-weighted) the sentence has; 1 with no cue."""
    total = sum(weights.get(word, 0.0) for word in aspect.cue)
    if not total:
        return 1.0
    present = sum(weights.get(w, 0.0) for w in aspect.cue if has_word(w, sentence_terms))
    return present / total


def holds_kind(aspect: Aspect, sentence: str) -> bool:
    """``sentence`` holds the kind of thing ``aspect`` asks for (a name, an amount, a date),
    whatever it is about: weaker evidence than :func:`answers`, which wants its cue too. Any
    sentence holds what a question of no particular kind asks for, so none counts for it."""
    return aspect.kind is not AnswerType.ANY and _contains(aspect, sentence)


SUBSECTION_HEADING = re.compile(r"#+\s+\([a-z\d]{1,4}\)\s")
"""A subsection's heading, "##### (d) Cyberpiracy prevention": which subsection is on what,
where the part asks which one or what it is called (``TITLE_WORDS``), and a heading only."""
TITLE_WORDS = frozenset(terms("subsection heading called caption"))
"""Words asking which subsection is on something or what it is called ("title" would be any
citation's "title 17")."""
SECTION_BEFORE = re.compile(r"(?:§|\bsections?)\s*$", re.I)


def _contains(aspect: Aspect, sentence: str) -> bool:
    kind = aspect.kind
    pattern = ANSWER_PATTERNS.get(kind)
    if pattern is None:
        return True
    if kind is AnswerType.PRISON_SENTENCE and aspect.maximum:
        return bool(pattern.search(sentence) or STATUTORY_TERM.search(sentence))
    if kind is AnswerType.OUTCOME:
        sentence = CONDITIONAL_OUTCOME.sub(" ", sentence)
    if kind is AnswerType.STATUTE and SUBSECTION_HEADING.match(sentence):
        return bool(aspect.words & TITLE_WORDS)
    if kind is AnswerType.PLACE and COUNTRY_ASKED.search(aspect.asks):
        return bool(pattern.search(sentence) or NAMES_A_COUNTRY.search(sentence))
    if not pattern.search(sentence):
        return kind is AnswerType.PERSON and (
            _cites_a_case(aspect, sentence)
            or statutory_role(sentence, frozenset(), asks_leave(aspect))
            or bool(NAMED_FIRM.search(sentence))
            or bool(CALLED_NAME.search(sentence))
            or _surname_first_field(sentence)
        )
    if kind is AnswerType.MONEY and not MONEY_AMOUNT.search(sentence):
        # "the value of the goods" is a measure of money only in a rule that sets one.
        return aspect.maximum or MONEY_RULE.search(sentence) is not None
    if kind is AnswerType.PRISON_SENTENCE and aspect.words & REQUEST_WORDS:
        return bool(REQUESTED_SENTENCE.search(sentence))
    if kind is AnswerType.PRISON_SENTENCE and _not_imposed(aspect, sentence):
        return bool(IMPOSED_SENTENCE.search(sentence))
    return True


def _defines_another_term(asked: frozenset[str], sentence: str) -> bool:
    """The sentence defines a term, and not the one asked about: "'dilution by blurring' is
    association…" does not say what dilution by tarnishment is."""
    defined = _defined_terms(sentence)
    return bool(defined) and not any(asked <= term for term in defined)


def _defines(asked: frozenset[str], sentence: str) -> bool:
    """The sentence defines the term asked about (``asked``: its words)."""
    return any(asked <= term for term in _defined_terms(sentence))


def _defined_terms(sentence: str) -> list[frozenset[str]]:
    """The words of each term the sentence defines."""
    return [frozenset(terms(match.group("term"))) for match in DEFINES.finditer(sentence)]


def _not_imposed(aspect: Aspect, sentence: str) -> bool:
    """A term the sentence only supposes ("faces up to"), or one a party asked for ("in asking
    for a 57 month prison sentence"). A part asking what was asked for wants just that."""
    return bool(HYPOTHETICAL_SENTENCE.search(sentence) or REQUESTED_SENTENCE.search(sentence))


def _counts(sentence: str, counted: frozenset[str], names: frozenset[str] = frozenset()) -> bool:
    """A number (not an amount of money, not a year, not a list item's or a paragraph's "(2)")
    of the things asked about, and of the ones named, if the question names some ("how many
    Levitra tablets")."""
    if COUNT_FIELD.search(sentence):
        return True
    if names and not names & frozenset(terms(sentence)):
        return False
    sentence = LIST_ITEM.sub("", sentence, count=1)
    given_counts = (*NUMBER_OF.finditer(sentence), *DEED_OF.finditer(sentence))
    for given in (*given_counts, *TREND_OF.finditer(sentence)):
        if not YEAR.fullmatch(given.group("number")) and _shares_a_cue(
            counted, frozenset(terms(given.group("what")))
        ):
            return True
    for match in COUNTED.finditer(sentence):
        number = match.group("number")
        before = sentence[: match.start()]
        if YEAR.fullmatch(number) or before.rstrip().endswith("$") or DECIMALS.search(before):
            continue  # a year, an amount, or the cents of one ("$1.20")
        if before.endswith("(") or SECTION_BEFORE.search(before):
            continue  # a paragraph or section cited: "as used in paragraph (2)", "§ 4346."
        if SHARE_AFTER.match(match.group("following")):
            continue  # a share of them: "85 percent of the residents" counts no residents
        if _shares_a_cue(counted, frozenset(terms(_common_words(match.group("following"))))):
            return True
    return False


def _names_each_unit(asks: str, sentence_terms: frozenset[str]) -> bool:
    """A count asked for each of something ("at each port of entry") is given by a sentence
    naming that thing: "3 employees to the Coordination Center" are not at each port."""
    units = [match.group("unit") for match in EACH_UNIT.finditer(asks)]
    return all(has_word(stem, sentence_terms) for unit in units for stem in terms(unit))


@lru_cache(maxsize=ASPECTS_KEPT)
def _initials(asks: str, counted: frozenset[str]) -> frozenset[str]:
    """The initials the things counted may be written as: "ICs" for "how many counterfeit
    integrated circuits" (a release defines them once and counts them by their initials)."""
    words = re.findall(r"[A-Za-z]+", asks)
    return frozenset(
        "".join(word[0] for word in words[start : end + 1]).lower()
        for end, word in enumerate(words)
        if frozenset(terms(word)) & counted
        for start in range(max(end - INITIALS_WORDS + 1, 0), end)
    )


def _valued(sentence: str, counted: frozenset[str]) -> bool:
    """The worth of the things asked about, which tells "how much counterfeit merchandise" as
    well as a count of them does."""
    return any(
        _shares_a_cue(counted, frozenset(terms(match.group("what"))))
        for match in VALUE_OF.finditer(sentence)
    )


def _counted_from_another_event(asks: str, sentence: str) -> bool:
    """The part asks for a time counted from one event ("how many days after seizing the
    merchandise"), and every time the sentence counts is from another: "90 days after the date
    of forfeiture" is when the goods may be sold, not when the owner is told of the seizure."""
    asked = _events_counted_from(asks) | _events_counted_from(asks, COUNTED_FROM_ASKED)
    said = _events_counted_from(sentence)
    return bool(asked and said) and not any(has_word(event, said) for event in asked)


def _events_counted_from(text: str, pattern: re.Pattern[str] = COUNTED_FROM) -> frozenset[str]:
    events = (
        [word for word in terms(match.group("event")) if word not in LEADS_TO_AN_EVENT]
        for match in pattern.finditer(text)
    )
    return frozenset(words[0] for words in events if words)


def _lasts(sentence: str, cue: frozenset[str]) -> bool:
    """A length of time that may be the one asked about: "ten days' notice" is how long the
    notice is, not how long the U.S. attorney has to ask for a hearing."""
    lengths = list(ANSWER_PATTERNS[AnswerType.DURATION].finditer(sentence)) if cue else []
    for length in lengths:
        written_of = DURATION_OF.match(sentence, length.start())
        if written_of is None:
            return True
        what = frozenset(terms(written_of.group("what")))
        if what & ANY_LENGTH or _shares_a_cue(cue, what):
            return True
    return not lengths


def _common_words(text: str) -> str:
    """The words a number counts: up to the next number or amount ("50+ at $95/unit" counts no
    units). Capitalised words count only where no number follows: "20 FBI Special Agents"
    counts agents, "2250 Harborgate Pkwy Unit 7" (an address) counts no units."""
    counted, *rest = NEXT_NUMBER.split(text, maxsplit=1)
    if not rest:
        return counted
    return " ".join(word for word in counted.split() if not TITLE_CASE.match(word))
