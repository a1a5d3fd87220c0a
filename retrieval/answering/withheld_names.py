"""A document that describes the firm or person a question asks for without naming it, or
tells of the event a question asks where of as happening somewhere it does not name.

Releases often keep a victim or a supplier anonymous: "a company based in China that used the web
address …", "an Oregon-based company … identified and removed the malware". When the document's
sentence closest to the question is such a description, the name is not in it, and the firm
names the document does hold (the drug's maker, the defendants) answer something else. Speeches
and year-end reviews do the same with people and lists: "a former CIA case officer was
sentenced to 19 years", "the intellectual property of six U.S. technology companies".
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.analysis import terms
from retrieval.answering.answer_kinds import DESCRIBING_WORD, FIRM_NOUNS, AnswerType
from retrieval.answering.questions import Question
from retrieval.answering.words import has_word

ROLE = (
    r"(?:leaders?|officers?|engineers?|employees?|scientists?|executives?|hackers?|doctors?|"
    r"physicians?|pharmacists?|buyers?|purchasers?|customers?|friends?|associates?|"
    r"accomplices?)"
)
"""The people a speech or a review may leave unnamed by their role."""
PEOPLE = r"(?:m[ae]n|wom[ae]n|individuals?|persons?|defendants?)"
"""Anyone, asked about by what they did ("the name of the Washington State man", "who was the
defendant extradited"): a document withholds their name only where it tells of them so
(:data:`PERSON_WHO`)."""
INSTITUTIONS = (
    r"(?:think\s+tanks?|banks?|universit(?:y|ies)|organi[sz]ations?|institutes?|"
    r"laborator(?:y|ies)|hospitals?)"
)
"""Bodies that are no firm, which a release may keep as anonymous as one: "a Washington,
D.C.-based think tank", "a Chinese bank"."""
UNNAMED = rf"(?:{FIRM_NOUNS}(?:\s+{FIRM_NOUNS})*|{INSTITUTIONS}|(?P<role>{ROLE}))"
"""What a firm is called, in one or more words ("a corn seed subsidiary company"), or people by
their role."""
DETERMINER = r"(?:a|an|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)"
NOT_OWNED = r"(?!['\u2019]s\b)"
"""Not the firm's something: "who was the French company's security head" asks for a person.
"Which retailer's computer system did he hack" asks which retailer all the same."""
NOT_A_VERB = r"(?!(?:did|does|do|was|were|is|are|has|had)\b)"
ORGANIZATION_ASKED = re.compile(
    rf"\b(?:which|what)\s+(?:{NOT_A_VERB}{DESCRIBING_WORD}\s+){{0,4}}"
    rf"(?:{FIRM_NOUNS}|{INSTITUTIONS}|{ROLE})\b"
    rf"|\bname of (?:the|that|this|his|her|their)\s+(?:[\w.,'&-]+\s+){{0,4}}"
    rf"(?:{FIRM_NOUNS}|{INSTITUTIONS}|{ROLE}|{PEOPLE})\b{NOT_OWNED}"
    rf"|\bnames of (?:the|those|these|his|her|their)\s+(?:[\w.,'&-]+\s+){{0,4}}"
    rf"(?:{ROLE}|{PEOPLE})\b{NOT_OWNED}"
    rf"|\bwho (?:is|was|were|are) (?:the|that|this)\s+(?:[\w.,'&-]+\s+){{0,4}}"
    rf"(?:{FIRM_NOUNS}|{ROLE}|{PEOPLE})\b{NOT_OWNED}",
    re.I,
)
INDEFINITE_ORGANIZATION = re.compile(
    # A capitalised "University" or "Company" is part of a name: "a student at Hunan Normal
    # University".
    rf"\b(?P<determiner>{DETERMINER})\s+(?:{DESCRIBING_WORD}\s+){{0,5}}?(?=(?-i:[a-z])){UNNAMED}\b"
    # "a company website", "a business day": the firm's thing, not a firm.
    r"(?!\s+(?:websites?|web|names?|days?|hours|records?|accounts?|owners?|partners?|credits?|"
    r"premises|address|e-?mail|logos?|officials?|employees?|executives?|representatives?|"
    r"polic(?:y|ies)|practices?|license|registration|trip)\b)"
    r"(?P<after>[^.;]{0,30})",
    re.I,
)
NAMED_AFTER = re.compile(
    r"^(?:\s+of\s+[^,;.]{1,25}?(?=,))?"
    r"\s*(?:,\s*|\(\s*|[-\u2013\u2014:]\s*)?"
    r"(?:(?:named|called|known as|doing business as|d/b/a)\b|[A-Z0-9])"
    r"|^[^,;]{0,20}?\b(?:named|called)\s+[\"\u201c']?[A-Z0-9]"
)
"""A name right after the description (after a comma, a bracket or a dash), or after its "of"
phrase: "two leaders of the ring, Dana Vole and …", "two Chinese companies - Liaoning …", or
one it is called by a few words on: "a company in China called …"."""
NAMED_BEFORE = re.compile(
    r"(?<![\w&.'-])(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Wed|Thu|"
    r"Fri|Sat|Sun)(?:[a-z]*day|uary|ruary|ch|il|e|y|ust|ember|ober)?\.?(?:\s+\d{1,4})?\s*,"
    r"|(?:Today|However|Then|Also|Additionally|Meanwhile)\s*,)"
    r"[A-Z][\w&.'-]*(?:\s+\d[\w-]*)?,?\s*(?:\([^)]*\)\s*)?,\s*"
    r"(?:(?:which|that|who)\s+(?:is|was|are|were)\s+)?$"
)
"""A name just before the description, set off by a comma: "Capstone Turbine, a …", "China
Standards 2035, which is a new industrial plan" (not a month's or an opening word's comma: "In
May, an Oregon-based company …")."""
PEOPLE_ASKED = re.compile(rf"\b(?:{ROLE}|{PEOPLE})$", re.I)
"""A part's words asking which firm that end in people by role: "the name of the engineer"."""
STAND_IN_FIRM = re.compile(
    r"\bVictim[- ](?:Company|Firm|Corporation|Entity|Business)\b"
    r"|\b(?:Company|Firm|Corporation|Entity)[- ](?:[A-D]|\d{1,2})\b"
)
"""The term a filing keeps a firm's name back by, capitalised as a name is: "the Victim
Company", "Company-1"."""
PERSON_WHO = re.compile(rf"\b(?:the|a|an)\s+(?:[\w.'-]+\s+){{0,2}}?{PEOPLE}\s+who\b", re.I)
"""Someone a speech tells of by what they did, unnamed: "The man who is charged with serving
as the American reshipper for Zheng has already been arrested" (and is named nowhere)."""
COUNTERPART = re.compile(
    r"\bfrom\s+(?:an?|another|one)\s+(?:[\w.'-]+\s+){0,2}?"
    r"(?:individual|person)\b(?P<after>[^.;]{0,30})",
    re.I,
)
"""Whom goods came from, unnamed: "the Edmans purchased and imported the counterfeit hardware
from an individual in China" gives no name for "from whom did the Edmans buy it". (Whom they
went to is often named further on: "to another person, specifically a student at …".)"""
DESCRIPTION_ASKED = re.compile(
    r"\b(?:name of|who (?:is|was|were|are)|(?:appointed|named|hired|retained|served|acted) as)"
    r"\s+(?:the|that|this)\s+(?P<description>(?:[\w.'&-]+\s+){1,6}?[\w.'&-]+?)"
    r"(?=\s+(?:who|whom|that|which|in|of|at|for|from|to|and|or|was|were|is|are|did|does|with|by|"
    r"on|whose|behind|the)\b|\s+(?-i:[a-z]+ed)\b|\s*[,?;]|\s*$)",
    re.I,
)
"""Whom a part asks for, by the question's own description of them, up to what it did: "the
name of the former JFK airline ticket counter agent who …", "which firm was appointed as the
Independent Monitor", "who was the former DuPont employee convicted alongside …"."""
GROUP_NOUNS = rf"(?:{FIRM_NOUNS}|{INSTITUTIONS}|{ROLE}|brands|co-?defendants|co-?conspirators)"
"""Those a question may ask for as several: "which defense contractors", "the names of the
four codefendants"."""
NOT_ASKING = (
    r"(?!(?:is|are|was|were|did|does|do|has|have|had|can|could|should|would|will|must|may)\b)"
)
"""Not a verb of the question: "what are CBP officers trained to do" asks for no officers."""
GROUP_ASKED = re.compile(
    rf"\b(?:which|what)\s+(?:{NOT_ASKING}[\w.'&-]+\s+){{0,3}}?(?P<head>{GROUP_NOUNS})(?<=s)"
    r"(?:'(?=\s)|(?=\s+(?:were|are|did|do|does|had|have|bought|sold|paid|got|received|"
    r"(?-i:[a-z]+ed))\b|\s*[?,]))"
    rf"|\bnames of (?:the|those|these|his|her|their)\s+(?:[\w.'&-]+\s+){{0,3}}?"
    rf"(?P<named>{GROUP_NOUNS})(?<=s)\b",
    re.I,
)
"""A part asking for several by what they are, plural: "which defense contractors bought the
counterfeit circuits", "which fragrance brands' trademarks", "the names of the four
codefendants of Shan Shi"."""
GROUP_NAMED_AFTER = re.compile(
    r"^\s*(?:,\s*|\(\s*|[-\u2013\u2014:]+\s*)?"
    r"(?:(?:including|such as|like|namely|among them|specifically|identified as)\s+)?"
    r"(?:(?:named|called|known as)\b|[A-Z0-9])"
)
"""Names right after those told of: "electronics manufacturers, including Motorola", "two
co-defendants, Ana Vole and …"."""
UNNAMED_PLACE = re.compile(
    r"\b(?:abroad|overseas|in (?:a|another) (?:foreign |third )?country)\b", re.I
)
"""Where something happened, told without naming the place."""
PLACE_AFTER = re.compile(
    r"\s+(?:(?:based|located)\s+)?in\s+(?:the\s+)?(?P<place>(?-i:[A-Z])[^,;.]+)", re.I
)
"""Where a firm described is, named after it: "a company in the Eastern District of Virginia"
(not "a counterfeit distributor in a scheme to traffic")."""
PLACE_BEFORE = re.compile(r"\b(?:in|at|near)\s+(?:[A-Z][\w.'-]*\s+){0,2}[A-Z][\w.'-]*,\s*$")
"""A place set off by a comma is no name of what follows: "here in San Jose, two leaders …"."""


DESCRIPTIONS_KEPT = 256
"""How many questions' descriptions keep their worked-out mention, in a long-running bot."""
DEED_WORDS = 2
"""How many words before "abroad" may say what was done there."""
WHAT_THEY_DID_CHARS = 80
"""How far past "the man who" a sentence is read for what he did."""
DEAL_WORDS_ASKED = 3
"""How many of the question's words a sentence must use to tell of the deal or the event asked
about."""
DESCRIPTION_WORDS_ASKED = 2
"""How many of the question's words a firm's description must use to be the one asked about
("Chinese supplier")."""


def parts_asking_where(question: Question) -> frozenset[int]:
    """The question's parts that ask where ("in which country was he arrested")."""
    return frozenset(
        index for index, aspect in enumerate(question.aspects) if aspect.kind is AnswerType.PLACE
    )


def leaves_the_place_unnamed(sentence: str, asked: frozenset[str]) -> bool:
    """The sentence tells of the event asked about, in the question's words, as happening
    "abroad": "In September 2020, Louarn and Bowser were arrested abroad" does not say in
    which country Louarn was arrested, and the release's other places answer something
    else (where the charges were filed)."""
    return any(
        _done_there(sentence[: match.start()], asked) for match in UNNAMED_PLACE.finditer(sentence)
    ) and _told_in_the_words_asked(sentence, asked)


def _done_there(before: str, asked: frozenset[str]) -> bool:
    """The words just before "abroad" say the deed asked about ("were arrested abroad"), not
    something else ("criminals here and abroad")."""
    deed = frozenset(terms(" ".join(before.split()[-DEED_WORDS:])))
    return any(has_word(word, deed) for word in asked)


def parts_asking_which_firm(question: Question) -> frozenset[int]:
    """The question's parts that ask which firm ("what's the name of the China-based company",
    "which locomotive maker", "who was the Chinese supplier")."""
    return frozenset(
        index
        for index, aspect in enumerate(question.aspects)
        if aspect.kind is AnswerType.PERSON and ORGANIZATION_ASKED.search(aspect.asks)
    )


def asks_for_people(question: Question, parts: frozenset[int]) -> bool:
    """Some of ``parts`` asks for people by role ("the name of the former engineer"), not for a
    firm or a body ("which Chinese university")."""
    for part in parts:
        match = ORGANIZATION_ASKED.search(question.aspects[part].asks)
        if match and PEOPLE_ASKED.search(match.group(0)):
            return True
    return False


def descriptions_asked(question: Question) -> dict[int, str]:
    """The question's parts asking who, by the description of two or more words each gives of
    whom it asks for."""
    described: dict[int, str] = {}
    for index, aspect in enumerate(question.aspects):
        match = DESCRIPTION_ASKED.search(aspect.asks) if aspect.kind is AnswerType.PERSON else None
        if match and len(terms(match.group("description"))) >= DESCRIPTION_WORDS_ASKED:
            described[index] = match.group("description")
    return described


def tells_of_the_described_unnamed(sentence: str, description: str) -> bool:
    """The sentence speaks of "a" or "an" one in the words of the question's description and
    gives no name with it: "a former airline ticket counter agent pleaded guilty" for "the
    former JFK airline ticket counter agent", "retain an Independent Monitor" for "the
    Independent Monitor"."""
    asked, mention = _mention_of(description)
    return any(
        _in_the_description(match.group("words"), asked)
        and not NAMED_AFTER.match(match.group("after"))
        and not _named_before(sentence[: match.start()])
        for match in mention.finditer(sentence)
    )


@lru_cache(maxsize=DESCRIPTIONS_KEPT)
def _mention_of(description: str) -> tuple[frozenset[str], re.Pattern[str]]:
    """The description's words, and how a sentence speaks of "a" or "an" one ending in its last
    word, worked out once for the many sentences read for one question."""
    head = re.escape(description.split()[-1])
    mention = re.compile(
        rf"\b(?:a|an)\s+(?P<words>(?:[\w.'&-]+\s+){{0,5}}?){head}\b(?P<after>[^.;]{{0,30}})",
        re.I,
    )
    return frozenset(terms(description)), mention


def _in_the_description(words: str, asked: frozenset[str]) -> bool:
    """The words between "a" and the description's last word are the description's, all but
    one at most, and one at least: "a former airline ticket counter agent", "a new industrial
    plan", not "a third indictment charging two Malaysian businessmen"."""
    others = [word for word in words.split() if not frozenset(terms(word)) <= asked]
    return len(others) <= 1 and bool(frozenset(terms(words)) & asked)


def groups_asked(question: Question) -> dict[int, str]:
    """The question's parts asking for several by what they are, each with the plural noun it
    asks for them by."""
    asked: dict[int, str] = {}
    for index, aspect in enumerate(question.aspects):
        match = GROUP_ASKED.search(aspect.asks)
        if match:
            asked[index] = (match.group("head") or match.group("named")).lower()
    return asked


def group_mentions(sentence: str, noun: str) -> list[bool]:
    """Each mention of the plural noun in the sentence, as whether a name goes with it: after
    it ("victim companies, including Alcoa", "two co-defendants, Ana Vole and …") or before it
    ("Wang Dong, …, who were officers")."""
    spelled = re.sub(r"^co-?(?=defendants|conspirators)", "co-?", noun)
    return [
        bool(
            GROUP_NAMED_AFTER.match(sentence[match.end() :])
            or _named_before(sentence[: match.start()])
        )
        for match in re.finditer(rf"\b{spelled}\b", sentence, re.I)
    ]


def tells_of_the_group_unnamed(sentence: str, asked: frozenset[str]) -> bool:
    """A sentence that mentions those asked for only as the plural noun the question asks them
    by ("bore trademarks belonging to well-known fragrance brands, and were packaged …", "Four
    of Shi's codefendants--some of whom worked at Trelleborg--had pleaded guilty") tells what
    they did in the question's words."""
    return _told_in_the_words_asked(sentence, asked)


def describes_without_naming(
    sentence: str, asked: frozenset[str] | None = None, people_asked: bool = True
) -> bool:
    """The sentence speaks of "a company …" and gives it no name: none follows it ("a company
    named Kingdom International", "a Virginia company, JDC Networking") and none goes before it
    ("Capstone Turbine, a Los Angeles-based manufacturer"). With ``asked`` (the stems of the
    question's words for the firm), only a firm described in those words counts: "a
    Houston-area oil & gas manufacturer" for "which Houston-area oil and gas manufacturer".
    Someone told of only by what they did ("the man who is charged with …") is withheld too;
    with ``asked``, where the deed is told in the question's words, as is the other side of a
    deal told in them ("bought it from an individual in China"). Without ``people_asked``,
    people by role withhold nothing: "a research scientist at the Bridgestone Center" does not
    keep back the university he meant to join. A firm a filing calls "the Victim Company"
    is kept back wherever it is told of."""
    if STAND_IN_FIRM.search(sentence):
        return True
    if any(
        not _named_before(sentence[: match.start()]) and _told_of_as_asked(sentence, match, asked)
        for match in PERSON_WHO.finditer(sentence)
    ):
        return True
    if asked is not None and any(
        not NAMED_AFTER.match(match.group("after")) and _told_in_the_words_asked(sentence, asked)
        for match in COUNTERPART.finditer(sentence)
    ):
        return True
    return any(
        not NAMED_AFTER.match(match.group("after"))
        and not _named_before(sentence[: match.start()])
        and _withholds(match, asked, people_asked)
        for match in INDEFINITE_ORGANIZATION.finditer(sentence)
    )


def _withholds(match: re.Match[str], asked: frozenset[str] | None, people_asked: bool) -> bool:
    """In the sentence closest to the question, one firm or any people by role ("two leaders
    of a piracy ring"), but no counted firms: a release lists its victims as "45 technology
    companies". Anywhere in the release, a firm or a counted list of them in the question's
    words ("six U.S. technology companies"), but no person by role: a release that says "a
    JSSD intelligence officer" somewhere often names the officers it is about elsewhere."""
    role = match.group("role") is not None
    if asked is None and role:
        return people_asked
    if asked is None:
        return match.group("determiner").lower() in ("a", "an")
    return not role and _in_the_words_asked(match, asked)


def _told_of_as_asked(sentence: str, match: re.Match[str], asked: frozenset[str] | None) -> bool:
    """Someone told of by what they did: in the sentence closest to the question, anyone; else
    someone whose deed is told in the question's words ("the man who … served as the American
    reshipper for Zheng")."""
    if asked is None:
        return True
    told = frozenset(terms(sentence[match.start() : match.end() + WHAT_THEY_DID_CHARS]))
    return len(told & asked - frozenset(terms(match.group(0)))) >= DESCRIPTION_WORDS_ASKED


def _told_in_the_words_asked(sentence: str, asked: frozenset[str]) -> bool:
    """The deal or the event is told in the question's words, or words of their meaning
    ("purchased" for "bought"): what it leaves unnamed is what the question asks for."""
    told = frozenset(terms(sentence))
    return sum(has_word(word, told) for word in asked) >= DEAL_WORDS_ASKED


def _named_before(text: str) -> bool:
    return NAMED_BEFORE.search(text) is not None and PLACE_BEFORE.search(text) is None


def _in_the_words_asked(match: re.Match[str], asked: frozenset[str]) -> bool:
    """The firm is described in the question's words, before it or by where it is after it:
    "a company in the Eastern District of Virginia" for "the Eastern District of Virginia
    company"."""
    described = frozenset(terms(match.group(0)[: match.start("after") - match.start()]))
    where = PLACE_AFTER.match(match.group("after"))
    if where:
        described |= frozenset(terms(where.group("place")))
    return len(described & asked) >= DESCRIPTION_WORDS_ASKED
