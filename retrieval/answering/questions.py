"""What a question asks for: its key terms and the parts it asks about.

A question can ask several things at once ("what sentence did X receive, and how much
restitution?", "when was the case filed, and what fee was paid?"). Each part is an
:class:`Aspect`: the kind of answer its wording calls for (a prison term, an amount of money, a
date, a count, a name, a number) and its cue, the words that say what that value is about (the
*sentencing* date, the *filing* fee). A sentence answers a part if it contains that kind of thing
and, where the part has a cue, one of the cue's words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from retrieval.analysis import STOPWORDS, terms
from retrieval.answering.words import MIN_PREFIX, has_word


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


WH_WORD = (
    r"(?:what|when|who|whom|whose|which|how|where|to what|on what|from which|for what|"
    r"under what|in what|by whom|before which|by which|to whom)\b"
)
CLAUSE_BREAK = re.compile(rf"(,\s*and\s+|\s+and\s+|,\s*)(?={WH_WORD})", re.I)
SUBORDINATE = re.compile(
    r"^\s*(when|if|after|before|once|while|since|although|according|in|under|for|at|as)\b", re.I
)
ASKING_START = re.compile(
    r"^\W*(did|does|do|is|was|were|are|has|have|had|can|could|will|would|should|may|might|list|"
    r"name|give|tell|describe|explain|summari[sz]e|show|find)\b",
    re.I,
)
DURATION_WORDS = r"(years?|months?|weeks?|days?|hours?|business days)"
PRISON_CONTEXT = re.compile(r"\b(sentenc\w*|prison|imprison\w*|jail|incarcerat\w*)\b", re.I)
MAXIMUM = re.compile(
    r"\b(maximum|max|cap|up to|at most|faces?|facing|could|can|statutory|penalt(y|ies))\b", re.I
)
QUESTION_PATTERNS: list[tuple[AnswerType, re.Pattern[str]]] = [
    (
        AnswerType.PRISON_SENTENCE,
        re.compile(
            r"\b(sentences?|sentenced to|prison|imprison\w*|probation|jail|incarcerat\w*|"
            rf"how much (prison |jail )?time)\b|\bhow many {DURATION_WORDS}\b.*\b(prison|jail)"
            r"|\bhow long\b.*\bsentenc|\bstatutory maximum\b|\bmost (prison |jail )?time\b"
            r"|\bwhat (did|does|will) [^?,]{0,60}\b(give|get|receive|impose)\b[^?,]{0,60}"
            r"\bat (his |her |their |the )?sentencing\b",
            re.I,
        ),
    ),
    (
        AnswerType.MONEY,
        re.compile(
            r"\b(fine[ds]?|restitution|how much(?! (prison |jail )?time)"
            r"(?! (do|does|did|is|was|were|are) \w+ (\w+ )*weigh)|"
            r"forfeit\w*|worth|value[ds]?|paid|pay|cost|bail|fee|price|damages|retail|proceeds)\b"
            r"|\b(what|which)\b[^?,]{0,30}\bdollar (amount|volume|figure|value|total)",
            re.I,
        ),
    ),
    (
        AnswerType.DATE,
        re.compile(
            r"^\s*(?:and\s+)?(?:on |to |by |from |until )?(when|(what|which) (day|year))\b"
            r"|\bdates?\b",
            re.I,
        ),
    ),
    (
        AnswerType.OUTCOME,
        re.compile(
            r"\bhow (did|was|were|has|have|is|does) \b.{0,160}?\b(end|ended|resolved?|"
            r"conclude[ds]?|turn(ed)? out|close[ds]?|decided|disposed of)\b"
            r"|\b(outcome|disposition|resolution|verdict)\b"
            r"|\bwhat (ultimately |eventually |finally |then )?happened (to|in|with)\b"
            r"|\b(ever|end(ed)? up|eventually|ultimately) (being |get |getting )?"
            r"(convicted|acquitted|tried|sentenced|plead(ed|ing)? guilty)\b",
            re.I,
        ),
    ),
    (AnswerType.DURATION, re.compile(rf"\b(how long|how many {DURATION_WORDS})\b", re.I)),
    (
        AnswerType.PLACE,
        re.compile(
            r"^\s*(?:and\s+)?(?:from |to )?where\b"
            r"|\b(in|at|from|to) (what|which) (city|state|country|port|town|county|place|location|"
            r"airport|market|facility)\b|\bwhat (city|state|country|port|town|location)\b",
            re.I,
        ),
    ),
    (
        AnswerType.WEB_ADDRESS,
        re.compile(
            r"\b(which|what)\b(\s+\w+){0,3}?\s+(websites?|web ?sites?|domains?|domain names?|"
            r"urls?|web addresses|sites?)\b",
            re.I,
        ),
    ),
    (
        AnswerType.STATUTE,
        re.compile(
            r"\b(which|what|under what)\b(\s+[\w.'-]+){0,4}?\s+"
            r"((sections?|provisions?|subsections?|legislation|bills?)\b"
            r"|(statutes?|laws?|acts?)\b(?! (of|in) ))",
            re.I,
        ),
    ),
    (AnswerType.COUNT, re.compile(rf"\bhow many\b(?! {DURATION_WORDS}\b)", re.I)),
    (
        AnswerType.NUMBER,
        re.compile(r"(?<!the )(?<!a )\b(number|no\.|id|identifier|serial)\b", re.I),
    ),
    (
        AnswerType.PERSON,
        re.compile(
            r"(?:^|[:;]\s+|,\s*(?=(?:which|what)\b))\s*(?:and\s+)?"
            r"(?:to |by |from |for |under |before |in )?"
            r"(who|whom|whose|(which|what) ((?!(did|does|do|was|were|is|are|has|had)\b)\w+ ){0,4}"
            r"(judges?|defendants?|persons?|people|"
            r"attorneys?|lawyers?|compan(y|ies)|firms?|business(es)?|corporations?|"
            r"individuals?|m[ae]n|wom[ae]n|agents?|officers?|prosecutors?|owners?|registrants?|"
            r"applicants?|sellers?|engineers?|employees?|court|brands?|manufacturers?|makers?|"
            r"importers?|exporters?|suppliers?|distributors?|retailers?|vendors?|buyers?|"
            r"customers?|victims?|officials?|executives?|founders?|co-?defendants?|"
            r"co-?conspirators?|pitchers?|players?|doctors?|dentists?|scientists?|chemists?|"
            r"professors?|businessm[ae]n|hackers?|developers?|agenc(y|ies))\b(?! id\b| number\b)"
            r"|what (company )?name)"
            r"|\bwhat(?:'s| is| was| were| are) the names? of\b|^\s*name (?:the|all|every|each)\b"
            r"|\bwhat (?:is|was) (?:his|her|their|the) (?:company|business|firm|store|shop)"
            r"(?:'s name)? (?:called|named)\b",
            re.I,
        ),
    ),
]
TENS = r"(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
NUMBER_WORDS = (
    rf"(\d+|{TENS}[- ](one|two|three|four|five|six|seven|eight|nine)|{TENS}|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen)"
)
DURATION = (
    rf"\b{NUMBER_WORDS}[- ](and[- ]a[- ]half[- ])?"
    rf"((consecutive|full|additional|more|calendar)[- ])?{DURATION_WORDS}\b"
)
CUSTODY = r"(prison|imprison\w*|incarcerat\w*|jail|custody|behind bars|confinement)"
ANSWER_PATTERNS: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.PRISON_SENTENCE: re.compile(
        rf"\b(sentenc|handed)\w*\b.{{0,200}}?({DURATION}|probation|time served|"
        r"life in prison|home (confinement|detention))"
        rf"|{DURATION}[- ](term[- ])?(in|of|behind) (federal |state )?{CUSTODY}",
        re.I | re.S,
    ),
    AnswerType.MONEY: re.compile(
        r"\$\s?\d|\b\d[\d,.]*\s*(dollars|million|billion)\b"
        r"|\b(value|retail price|price) of\b|\btimes the\b|\btwice the\b"
        r"|\b(not more than|up to|at most) the (value|price|amount)\b",
        re.I,
    ),
    AnswerType.DATE: re.compile(
        r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
        r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b(19|20)\d{2}\b"
        # A statute's or an order's "when" is a time counted from an event.
        rf"|\b{NUMBER_WORDS} ((calendar|business) )?days? (after|before|from|of)\b",
        re.I,
    ),
    AnswerType.COUNT: re.compile(rf"\b{NUMBER_WORDS}\b", re.I),
    AnswerType.DURATION: re.compile(DURATION, re.I),
    AnswerType.PERSON: re.compile(
        r"\b(?:[A-Z]\.|[A-Z][a-z]+)(?: [A-Z]\.?)? [A-Z][a-zA-Z'-]+\b"
        r"|\b[A-Z][A-Z&.'-]+(?: [A-Z][A-Z&.'-]+)+\b"
    ),
    AnswerType.WEB_ADDRESS: re.compile(
        r"https?://|\bwww\.|\b[\w-]+\.(com|net|org|gov|info|biz|cn|ru|us|co|io|eu|de|uk)\b", re.I
    ),
    AnswerType.STATUTE: re.compile(
        r"§|\b(?i:sections?|title) \d|\b\d+ U\.?\s?S\.?\s?C\b|\bU\.S\. ?Code\b"
        r"|\b(?:[A-Z][a-z]+ ){1,6}Act\b"
    ),
    AnswerType.PLACE: re.compile(
        r"\b(?i:in|at|from|near|into|through|outside|via|to)\s+(?:the\s+)?"
        r"(?:[A-Z][\w.'&-]*\s+(?:of\s+)?){0,4}[A-Z][\w.'&-]*"
    ),
    AnswerType.OUTCOME: re.compile(
        # A proposed verdict, a motion to dismiss or for judgment asks for an end; it is none.
        r"(?<!proposed )(?<!motion to )(?<!motion for )(?<!motion for summary )"
        r"\b(judgments?|dismiss\w*|settle(d|ment)|terminat\w*|verdict|convicted|acquitted|"
        r"found (not )?guilty|sentenced|pleaded guilty|consent (decree|judgment|order)|"
        r"injunction|withdrawn|affirmed|reversed|remanded|vacated)\b",
        re.I,
    ),
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
}
STATUTORY_TERM = re.compile(
    rf"\b(imprison\w*|prison|jail|incarcerat\w*)\b[^.;]{{0,80}}?{DURATION}"
    rf"|{DURATION}[^.;]{{0,30}}\b(in|of) (federal |state )?(prison|jail)\b",
    re.I,
)
MONEY_KINDS = frozenset(
    terms(
        "fine fined restitution forfeiture forfeit bail damages fee value price paid profit "
        "proceeds seized"
    )
)
COUNTED = re.compile(
    rf"\b(?P<number>\d[\d,]*|{NUMBER_WORDS[1:-1]})\b(?P<following>(?:\W+\w+){{1,4}})", re.I
)
YEAR = re.compile(r"(19|20)\d\d")
COUNT_FIELD = re.compile(r"\b(quantity|qty|count|units|pieces|total)\s*[:=]?\s*\d", re.I)
HYPOTHETICAL_SENTENCE = re.compile(
    r"\b(faces?|facing|maximum|up to|could|would|may|scheduled|will be|set for|when sentenced|"
    r"not more than|shall be)\b",
    re.I,
)
IMPOSED_SENTENCE = re.compile(
    r"\b(was|were|been|is|are|and|today|yesterday)\s+sentenced\b|\bhanded (him|her|them|down)\b"
    r"|\bsentenced (him|her|them|each|both)\b",
    re.I,
)
NAME_OR_NUMBER = re.compile(r"(?<!^)(?<![?!] )(?<!\w\w\. )\b([A-Z][\w&'-]+|\d[\w:/.,-]*)")
ASKS_OBJECT = re.compile(
    r"^\s*(?:and\s+)?(?:who|whom)\s+(?:did|does|do|will|would|could|can|should)\b", re.I
)
""""Who did ORZ sue", "whom did he put in charge": the person is the one the verb is done to,
so the verb is no cue (the docket names the defendant without the word "sue")."""
LEADING_WORD = re.compile(r"^\W*([A-Z][\w&-]+)")
OPENER = re.compile(
    r"(?:"
    r"what|when|who|whom|whose|which|how|where|why|is|was|were|are|did|does|do|has|had|"
    r"have|can|could|should|would|will|shall|may|might|in|on|at|for|from|to|of|by|with|"
    r"under|after|before|during|since|as|if|the|a|an|this|that|these|those|there|it|he|"
    r"she|they|his|her|their|its|i|we|you|our|my|your|list|give|tell|name|show|find|"
    r"describe|explain|summarise|summarize|according|and|or|but|besides|apart|other|any|"
    r"all|each|every|some|out|regarding|about|per|please|once|while|although|though|then|"
    r"between|among|within|without|against|into|over|following|next|last|first"
    r")$",
    re.I,
)
"""Words a question may start with that name nothing: any other capitalised first word is a
name ("Kane's sentencing got pushed back: what's the new date?")."""
TYPE_WORDS = frozenset(
    terms(
        "date day year number id identifier serial long time amount total range name person "
        "end ended resolved resolution concluded closed decided outcome disposition happened "
        "where place location city town website site domain url address section statute law "
        "provision act subsection"
    )
)
"""Words that say which kind of answer is wanted, not what it is about: no part of a cue."""
PLURAL = re.compile(
    r"\b(who|which|what)\b[^,?]*\b(are|were)\b|\b(defendants|owners|registrants|applicants|"
    r"sentences|judges|attorneys|people|persons|individuals|companies|engineers|men|women)\b",
    re.I,
)
LABEL = re.compile(r"^\s*([A-Za-z][\w /()-]{0,40}):\s|^[^\n]{1,100} — ([A-Za-z ;]{3,120})")
"""A record's field label ("Registration date: …") or role ("MySQL AB — ORIGINAL REGISTRANT")."""
LIST_MARKER = re.compile(r"^\s*([-*•]|#{1,6})\s+")
UNCUED = frozenset(
    {AnswerType.PRISON_SENTENCE, AnswerType.MONEY, AnswerType.OUTCOME, AnswerType.WEB_ADDRESS}
)
"""Kinds whose own check says enough: an imposed prison term, the kind of money, a case's end,
a web address."""
EVENT_KINDS = frozenset({AnswerType.OUTCOME})
"""Kinds of answer that are events, whose date or place a following part may ask."""
HEADLINE_WORDS = 6
SHORT_WORD_LETTERS = 4
"""A headline in title case leaves only short words ("to", "in", "for", "with") lowercase."""
MODIFIED: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.NUMBER: re.compile(r"\b(\w+) (number|no\.|id|identifier)\b", re.I),
    AnswerType.DATE: re.compile(r"\b(\w+) date\b", re.I),
    AnswerType.COUNT: re.compile(
        r"\bhow many ((?:(?!(did|does|do|was|were|is|are|has|had|have)\b)[\w-]+ ){1,6})", re.I
    ),
    AnswerType.PERSON: re.compile(
        r"^\s*(?:and\s+)?(?:to |by |from |for |under |before |in )?(?:who|whom|whose|which|what)"
        r"\s+(?:(?:is|was|are|were|did|does|do|has|had|have)\s+)?"
        r"(?:(?:the|a|an|his|her|its|their)\s+)?"
        r"((?:(?!(?:for|of|in|to|the|a|an|at|on|with|by|from|it|him|her|them|and|after|before|"
        r"when|did|does|do|was|were|is|are|has|had|have)\b)[\w-]+\s*){1,5})",
        re.I,
    ),
}
OFFICIAL_TITLES = frozenset(
    terms(
        "judge justice magistrate attorney prosecutor agent officer detective inspector sheriff "
        "commissioner director secretary spokesperson spokesman spokeswoman chief"
    )
)
"""Words that make a name an official's ("District Judge Renata Okafor", "Special Agent…")."""
TITLE_REACH = 30
CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w.'&-]*[ \t]+)*[A-Z][\w.'&-]*")
"""Capitalised words in a row: a name with its title ("U.S. District Judge Renata Okafor")."""
"""How far before a name its title may stand ("U.S. District Judge" is 19 characters)."""
LIST_ITEM = re.compile(r"^\s*(\(\w{1,4}\)|\d{1,2}[.)]|[-*•])\s")
TITLE_CASE = re.compile(r"^\W*[A-Z][a-z]")
NEXT_NUMBER = re.compile(r"[$\d]")


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
    of_kind: AnswerType = AnswerType.ANY
    """A part with no words of its own asks about the part before: "how did the case end, and
    on what date" asks the date of an end, so a sentence must tell of that kind of thing too."""


@dataclass(frozen=True)
class Question:
    text: str
    terms: list[str]
    aspects: tuple[Aspect, ...]
    """What the question asks for, in the order its wording names them; one ANY if nothing."""
    key_terms: list[str]
    """Stems of the names and numbers in the question: the things it is about."""

    @classmethod
    def parse(cls, text: str) -> Question:
        names = NAME_OR_NUMBER.findall(text) + _leading_name(text)
        key_terms = sorted({term for word in names for term in terms(word)})
        maximum = bool(MAXIMUM.search(text))
        prison_context = bool(PRISON_CONTEXT.search(text))
        parts = _parts(text)
        aspects: list[Aspect] = []
        previous_cue: frozenset[str] = frozenset()
        previous_kind = AnswerType.ANY
        for part in parts:
            part_terms = terms(part)
            own_cue = _cue(part_terms, key_terms)
            cue = own_cue or previous_cue
            of_kind = AnswerType.ANY if own_cue else previous_kind
            money = frozenset(part_terms) & MONEY_KINDS
            words = frozenset(part_terms) - frozenset(key_terms)
            many = bool(PLURAL.search(part))
            for kind in _kinds(part, prison_context) or [AnswerType.ANY]:
                named = _modifier(kind, part) - frozenset(key_terms)
                uncued = kind in UNCUED or (kind is AnswerType.PERSON and ASKS_OBJECT.match(part))
                aspect_cue = frozenset() if uncued else named or cue
                aspects.append(
                    Aspect(kind, aspect_cue, money, maximum, words, many, _asked(part), of_kind)
                )
            previous_cue = cue
            previous_kind = aspects[-1].kind if aspects[-1].kind in EVENT_KINDS else AnswerType.ANY
        return cls(
            text=text,
            terms=terms(text),
            aspects=tuple(dict.fromkeys(aspects)) or (Aspect(AnswerType.ANY),),
            key_terms=key_terms,
        )

    @property
    def primary_index(self) -> int:
        """The part the question asks for first, a specific kind of answer if it names one
        ("Was he ever caught, and what sentence did he get?" asks for a sentence)."""
        typed = [i for i, aspect in enumerate(self.aspects) if aspect.kind is not AnswerType.ANY]
        return typed[0] if typed else 0

    @property
    def primary(self) -> Aspect:
        return self.aspects[self.primary_index]

    def aspects_answered_by(
        self,
        sentence: str,
        sentence_terms: Iterable[str],
        preceding_terms: frozenset[str] = frozenset(),
    ) -> frozenset[int]:
        """Which of the question's parts (indexes into ``aspects``) ``sentence`` answers.
        ``preceding_terms``: those of the sentences just before, which may say what a name in
        this one did ("A Paterson man was sentenced today… Marcus Hale, 38, …")."""
        present = frozenset(sentence_terms)
        return frozenset(
            index
            for index, aspect in enumerate(self.aspects)
            if answers(aspect, sentence, present, self.terms, preceding_terms)
        )


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
    if aspect.of_kind is not AnswerType.ANY and not _contains(Aspect(aspect.of_kind), sentence):
        return False
    if aspect.kind is AnswerType.MONEY and aspect.money_terms:
        # A list item goes on from the sentence that leads into it ("…an award of statutory
        # damages… (1) not less than $1,000…"): that one may name the kind of money.
        named = sentence_terms | preceding_terms if LIST_ITEM.match(sentence) else sentence_terms
        if not aspect.money_terms & named:
            return False
    if aspect.kind is AnswerType.COUNT:
        return _counts(sentence, aspect.cue or frozenset(question_terms))
    if aspect.kind is AnswerType.PERSON and not _names_someone_asked_for(
        sentence, aspect, frozenset(question_terms)
    ):
        return False
    if aspect.kind in (AnswerType.PERSON, AnswerType.PLACE):
        # Who or where may go on from the sentence naming what ("The dialogue will take place
        # in Beijing.").
        sentence_terms = sentence_terms | preceding_terms
    return not aspect.cue or _shares_a_cue(aspect.cue, sentence_terms)


def _names_someone_asked_for(sentence: str, aspect: Aspect, question_terms: frozenset[str]) -> bool:
    """A name the question does not already hold, unless every such name is an official's by
    title (the judge, the prosecutor, the agent) and the part does not ask about that office:
    "who was sentenced" is not answered by "Judge Renata Okafor imposed the sentence", "which
    company did Ferizi hack" not by "Ardit Ferizi gained access". A headline in title case
    ("Baltimore Store Owner Sentenced to 30 Months") names no one by its capitals."""
    if _title_case(sentence):
        return False
    for run in CAPITALISED_RUN.finditer(sentence):
        name = _without_leading_function_words(run.group(0))
        if not ANSWER_PATTERNS[AnswerType.PERSON].search(name):
            continue
        if frozenset(terms(name)) <= question_terms:
            continue
        before = sentence[max(run.start() - TITLE_REACH, 0) : run.start()]
        titles = frozenset(terms(f"{before} {run.group(0)}")) & OFFICIAL_TITLES
        if not titles or any(has_word(title, aspect.words) for title in titles):
            return True
    return False


def _without_leading_function_words(run: str) -> str:
    """The run without the function words leading it: a sentence's first word is capitalised,
    so "The FBI" and "In Marcus Hale" stand for "FBI" and "Marcus Hale"."""
    words = run.split()
    while words and words[0].lower() in STOPWORDS:
        words.pop(0)
    return " ".join(words)


def _title_case(sentence: str) -> bool:
    """Every word of more than four letters capitalised, in a line that is no record field: a
    headline ("Store Owner Sentenced to 30 Months in Prison"), where a list of names still has
    lowercase words ("Wong Ong Hua, 46, and Ling Yang Ching, 32, both Malaysian nationals")."""
    if ":" in sentence or " — " in sentence:
        return False
    words = [word.strip(".,;!?'\"()") for word in sentence.split()]
    words = [word for word in words if word[:1].isalpha()]
    lowercase = [word for word in words if word[0].islower() and len(word) > SHORT_WORD_LETTERS]
    return len(words) >= HEADLINE_WORDS and not lowercase


def _asked(part: str) -> str:
    """A part's words as a reader would quote them back: no leading "and", no question mark."""
    return re.sub(r"^\s*(and\s+)|[\s?.,]+$", "", part)


def _parts(text: str) -> list[str]:
    """The question's parts: split before each further wh-word. A leading "When he pleaded
    guilty, …" or "In a civil case, …" is context, not a part: it names no kind of answer."""
    pieces = CLAUSE_BREAK.split(text)
    parts = [pieces[0]]
    for separator, part in zip(pieces[1::2], pieces[2::2], strict=True):
        if len(parts) == 1 and separator.strip() == "," and _context_only(parts[0]):
            parts = [part]
            continue
        parts.append(part)
    return parts


def _context_only(piece: str) -> bool:
    """ "When he pleaded guilty", "Besides the company itself", "Of the settlement": a
    leading piece that asks nothing."""
    return bool(SUBORDINATE.match(piece)) or not (
        ASKING_START.match(piece) or re.search(rf"\b{WH_WORD}", piece, re.I)
    )


def _leading_name(text: str) -> list[str]:
    """The question's first word, if it is a name (the names after it are found by their
    capital letter; the first word has one anyway)."""
    match = LEADING_WORD.match(text)
    if match is None or OPENER.match(match.group(1)):
        return []
    return [match.group(1)]


def _cue(part_terms: list[str], key_terms: list[str]) -> frozenset[str]:
    return frozenset(
        term
        for term in part_terms
        if len(term) >= MIN_PREFIX and term not in key_terms and term not in TYPE_WORDS
    )


def _modifier(kind: AnswerType, part: str) -> frozenset[str]:
    """The words naming which number or date is asked for (the *registration* number), what
    is counted (how many *counterfeit airbags*) or whose name (who *owns*, which *judge*)."""
    pattern = MODIFIED.get(kind)
    match = pattern.search(part) if pattern else None
    return frozenset(terms(match.group(1))) - TYPE_WORDS if match else frozenset()


def _kinds(clause: str, prison_context: bool) -> list[AnswerType]:
    found = sorted(
        (match.start(), order, kind)
        for order, (kind, pattern) in enumerate(QUESTION_PATTERNS)
        if (match := pattern.search(clause))
    )
    kinds = [kind for _, _, kind in found]
    if prison_context:
        kinds = [AnswerType.PRISON_SENTENCE if k is AnswerType.DURATION else k for k in kinds]
    return list(dict.fromkeys(kinds))


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
    return frozenset(" ".join(value.lower().split()) for value in found)


def label_share(aspect: Aspect, sentence: str) -> float:
    """If the sentence is a record field, the share of its label's words that are the part's:
    "Registration date" is all about "when was it registered", "Filing date" half. A list item's
    or a bold label ("- **Assigned to:** …") counts as well."""
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


def _contains(aspect: Aspect, sentence: str) -> bool:
    kind = aspect.kind
    pattern = ANSWER_PATTERNS.get(kind)
    if pattern is None:
        return True
    if kind is AnswerType.PRISON_SENTENCE and aspect.maximum:
        return bool(pattern.search(sentence) or STATUTORY_TERM.search(sentence))
    if not pattern.search(sentence):
        return False
    if kind is AnswerType.PRISON_SENTENCE and HYPOTHETICAL_SENTENCE.search(sentence):
        return bool(IMPOSED_SENTENCE.search(sentence))
    return True


def _counts(sentence: str, counted: frozenset[str]) -> bool:
    """A number (not an amount of money, not a year) of the things asked about."""
    if COUNT_FIELD.search(sentence):
        return True
    for match in COUNTED.finditer(sentence):
        number = match.group("number")
        if YEAR.fullmatch(number) or sentence[: match.start()].rstrip().endswith("$"):
            continue
        if _shares_a_cue(counted, frozenset(terms(_common_words(match.group("following"))))):
            return True
    return False


def _common_words(text: str) -> str:
    """The words a number counts: up to the next number or amount ("50+ at $95/unit" counts no
    units). Capitalised words count only where no number follows: "20 FBI Special Agents"
    counts agents, "2250 Harborgate Pkwy Unit 7" (an address) counts no units."""
    counted, *rest = NEXT_NUMBER.split(text, maxsplit=1)
    if not rest:
        return counted
    return " ".join(word for word in counted.split() if not TITLE_CASE.match(word))
