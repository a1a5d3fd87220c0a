"""What kind of answer a part of a question asks for, read from its wording: a prison term, an
amount, a date, a case's end, a place, a web address, a statute, a count, a number or a name.
"""

from __future__ import annotations

import re

from retrieval.analysis import terms
from retrieval.answering.answer_kinds import (
    CHAPTER_ASKED,
    DESCRIBING_WORD,
    DURATION,
    DURATION_WORDS,
    AnswerType,
)

PRISON_CONTEXT = re.compile(r"\b(sentenc\w*|prison|imprison\w*|jail|incarcerat\w*)\b", re.I)
MAXIMUM = re.compile(
    r"\b(maximum|max|cap|ceiling|highest|up to|at most|faces?|facing|could|can|statutory|exposure|"
    r"penalt(y|ies)|carr(y|ies))\b",
    re.I,
)
IMPOSED_ASKED = re.compile(
    r"\b(?:impose[sd]?|ultimately|actually|in the end|received?|got|handed down)\b", re.I
)
"""A part asking what a court did impose ("and what sentence did the court ultimately impose"),
which the most another part asks about ("the maximum penalty under his plea") does not answer."""
RULE_ASKED = re.compile(
    r"\b(?:does|do)\b.*(?:\bU\.?\s?S\.?\s?C\.?|§|\bsection\s+\d)"
    r"|(?:\bU\.?\s?S\.?\s?C\.?|§|\bsection\s+\d).*\b(?:does|do)\b",
    re.I,
)
"""A question of what a cited section does ("what fine and prison term does 18 U.S.C.
2319(b) set"): the terms a law sets are the most it allows."""
NOT_A_LAW = (
    r"(?:review|firm|school|journal|enforcement|offices?|clerks?|students?|professors?|"
    r"partners?)\b"
)
"""What makes "law" no law: a law review, a law firm, law enforcement."""
NOTICE = r"(?:(?:advance|prior) )?(?:notice|warning)\b|(?:advance|lead) time\b"
"""How much notice is a time: "ten days' notice"."""
BOUND = r"(?:minimum|maximum|total|smallest|largest|least|greatest)"
"""Words before "number of" that still count: "what is the minimum number of employees"."""
PLACES_SAID_OF = (
    r"(?:foreign|other|\w+ern|specific|particular|exact|named|major|top|domestic|American|"
    r"U\.?S\.?|United States|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)
"""Words between "which" and the places it asks for: "which 10 U.S. ports of entry", "which
specific cities"."""
QUESTION_PATTERNS: list[tuple[AnswerType, re.Pattern[str]]] = [
    (
        AnswerType.PRISON_SENTENCE,
        re.compile(
            # "Who was set to sentence them" asks for a judge: there "sentence" is what he does.
            r"\b((?<!\bto )sentences?|sentenced to|prison|imprison\w*|probation|jail|incarcerat\w*|"
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
            rf"\b(fine[ds]?|restitution|how much(?! (prison |jail )?time)(?! {NOTICE})"
            r"(?! (do|does|did|is|was|were|are) \w+ (\w+ )*weigh)|"
            # "kept from being forfeited" asks what keeps it, not an amount, and "how long after
            # forfeiture" asks a time.
            r"(?<!\bbe )(?<!\bbeing )(?<!\bbeen )(?<!\bafter )(?<!\bbefore )(?<!\bupon )"
            r"forfeit(?!able)\w*|"
            r"worth|value[ds]?|paid|pay|cost|bail|bond|fee|price|damages|retail|"
            r"proceeds|"
            r"civil penalt(?:y|ies))\b"
            r"|\b(what|which)\b[^?,]{0,30}\bdollar "
            r"(amount|volume|figure|value|total|cap|limit|ceiling)"
            # "what annual U.S. loss from IP theft": a loss asked for is one in money.
            r"|\b(what|which)\s+([\w.-]+\s+){0,3}?loss(es)?\b(?! of\b)",
            re.I,
        ),
    ),
    (
        AnswerType.DATE,
        re.compile(
            r"^\s*(?:and\s+)?(?:on |to |by |from |until )?"
            r"(when|(what|which) (?:(?:exact|specific|precise|particular) )?(day|year))\b"
            # A deadline given its length ("who misses the thirty-day deadline") is no date
            # asked.
            r"|\b(dates?|(?<!-day )(?<!-month )(?<!-year )deadlines?|time limits?)\b|\bby when\b",
            re.I,
        ),
    ),
    (
        AnswerType.OUTCOME,
        re.compile(
            r"\bhow (did|was|were|has|have|is|does) \b.{0,160}?\b(end|ended|resolved?|"
            r"conclude[ds]?|turn(ed)? out|close[ds]?|decided|disposed of)\b"
            r"|\b(outcome|disposition|resolution|verdict)\b"
            r"|\bhow did the (board|court|judge|jury|panel|tribunal) (rule|decide)\b"
            r"|\bwhat (ultimately |eventually |finally |then )?happened (to|in|with)\b"
            r"|\b(ever|end(ed)? up|eventually|ultimately) (being |get |getting )?"
            r"(convicted|acquitted|tried|sentenced|plead(ed|ing)? guilty)\b",
            re.I,
        ),
    ),
    (
        AnswerType.DURATION,
        re.compile(
            rf"\b(how long|how many {DURATION_WORDS})\b"
            r"|\b(what|which) (period|time ?frame|length of time|window|(time ?)?span)\b"
            r"(?! of (the )?(year|day))"
            r"|\b(statute|period) of limitations?\b|\blimitations? period\b"
            rf"|\bhow much {NOTICE}",
            re.I,
        ),
    ),
    (
        AnswerType.PLACE,
        re.compile(
            r"^\s*(?:and\s+)?(?:from |to )?where\b"
            r"|\b(in|at|from|to) (what|which) (city|state|country|port|town|county|place|location|"
            r"airport|market|facility)\b|\b(what|which) (city|state|country|port|town|location)\b"
            rf"|\b(what|which) ({PLACES_SAID_OF} ){{0,3}}(cities|countries|ports|towns)\b",
            re.I,
        ),
    ),
    (
        AnswerType.WEB_ADDRESS,
        re.compile(
            # Not past a verb: "in what situations can a domain name registrar be enjoined"
            # asks for situations; nor past a preposition: "what conduct involving a domain
            # name registration" or "what conduct toward a domain name registrar" asks for
            # conduct.
            r"\b(which|what)\b(\s+(?:is|was|are|were))?(\s+(?!(?:can|could|may|might|must|shall|"
            r"should|will|would|does|do|did|is|was|are|were|has|have|had|gives?|makes?|lets?|"
            r"allows?|else|involving|involves?|regarding|concerning|about|with|using|under|"
            r"toward|towards|against|by|through|from|on|at|for|in|into|to|over|via|within)\b)"
            r"\w+){0,3}?\s+"
            # "What domain name registration conduct" asks for conduct, not a name.
            r"(websites?|web ?sites?|domains?(?!\s+name)|"
            r"domain names?(?!\s+(?:registr|authorit|dispute))|"
            r"urls?|web address(?:es)?|sites?)\b",
            re.I,
        ),
    ),
    (
        AnswerType.STATUTE,
        re.compile(
            # Not past a verb: "what intent does the provision require" asks for an intent
            # ("what was the bill number" for the bill).
            r"\b(which|what|under what)\b(\s+(?:is|was|are|were))?"
            r"(\s+(?!(?:does|do|did|is|was|are|were|has|have|had|must|shall|will|would|can)\b)"
            r"[\w.'-]+){0,4}?\s+"
            r"((sections?|provisions?|subsections?|legislation|bills?)\b"
            r"|(statutes?|laws?|acts?)\b(?! (of|in) )"
            rf"(?! {NOT_A_LAW}))",
            re.I,
        ),
    ),
    (
        AnswerType.COUNT,
        re.compile(
            rf"\bhow many\b(?! {DURATION_WORDS}\b)"
            rf"|\b(what|which) (?:{BOUND} )?number of\b(?! {DURATION_WORDS}\b)"
            rf"|\b(what|which)(?:'s| is| was| are| were) the {BOUND} number of\b"
            rf"(?! {DURATION_WORDS}\b)",
            re.I,
        ),
    ),
    (
        AnswerType.AGE,
        re.compile(
            r"\bhow old\b|\bwhat age\b|\bat what age\b|\bthe age of\b"
            r"|\b(?:his|her|their|the defendant'?s?) age\b",
            re.I,
        ),
    ),
    (
        AnswerType.NUMBER,
        # "(serial no. 87881347)" gives the number the question is about; it asks for none.
        re.compile(
            # "what number of copies" counts copies.
            r"(?<!the )(?<!a )(?<!minimum )(?<!maximum )(?<!total )\b"
            r"(number(?!(?<=what number) of\b)(?!(?<=which number) of\b)"
            r"|no\.|id|identifier|serial)(?!\w)"
            r"(?!\s*(?:no\.|number|#)?\s*[:#]?\s*\d)",
            re.I,
        ),
    ),
    (
        AnswerType.PERSON,
        re.compile(
            r"(?:^|[:;]\s+|,\s*(?=(?:which|what)\b))\s*(?:and\s+)?"
            r"(?:to |by |from |for |under |before |in )?"
            r"(who|whom|whose|(which|what) "
            r"((?!(did|does|do|was|were|is|are|has|had|can|could|may|might|must|shall|should|"
            r"will|would|lets?|allows?|permits?|enables?|makes?|gives?|requires?|means|"
            r"by|for|from|to|with|against|about|on|at|in|under|over|after|before|during)\b)"
            rf"{DESCRIBING_WORD} ){{0,4}}"
            r"(judges?|defendants?|persons?|people|"
            r"attorneys?|ausas?|lawyers?|compan(y|ies)|firms?|business(es)?|corporations?|"
            r"individuals?|m[ae]n|wom[ae]n|agents?|officers?|prosecutors?|owners?|registrants?|"
            r"applicants?|sellers?|engineers?|employees?|court|brands?|manufacturers?|makers?|"
            r"importers?|exporters?|suppliers?|distributors?|retailers?|vendors?|buyers?|"
            r"customers?|victims?|officials?|executives?|founders?|co-?defendants?|"
            r"co-?conspirators?|pitchers?|players?|doctors?|dentists?|scientists?|chemists?|"
            r"professors?|businessm[ae]n|hackers?|developers?|agenc(y|ies)|directors?|"
            r"secretar(y|ies)|commissioners?|chiefs?|spokes(m[ae]n|wom[ae]n|persons?)|leaders?|"
            r"inspectors?|detectives?|contractors?|researchers?|organi[sz]ations?|"
            r"universit(y|ies)|colleges?|schools?|banks?|hospitals?|institutes?|"
            r"laborator(y|ies)|think tanks?)\b"
            r"(?! id\b| number\b)"
            r"|what (company )?name)"
            r"|\bwhat(?:'s| is| was| were| are) the (?:real |full |true |legal )?names? of\b"
            r"|^\s*name (?:the|all|every|each)\b"
            r"|\bwhat (?:is|was) (?:his|her|their|the|that|this|its) "
            r"(?:company|business|firm|store|shop)(?:'s name)? (?:called|named)\b"
            # An operation is asked for by its name: "what was the multiagency operation that
            # produced the indictment", "under what FBI initiative was it investigated".
            r"|^\s*(?:and\s+)?(?:under |in |through |by |during )?(?:what|which)\s+"
            r"(?:(?:was|is|were|are)\s+the\s+)?"
            r"(?:(?!(?:did|does|do|was|were|is|are|has|had|can|could|will|would|of|from|in|by|"
            r"about|for)\b)[\w-]+\s+){0,3}?"
            # Not one the question names: "the results of Operation DisrupTor".
            r"(?:operations?|initiatives?|sweeps?|crackdowns?|task forces?)\b(?!\s+(?-i:[A-Z]))",
            re.I,
        ),
    ),
]
WHO_PAYS = re.compile(r"^\s*(?:and\s+)?who\b(?!.*\b(?:how much|what|which)\b)", re.I)
"""A part asking who pays or bears a cost ("who has to pay the cost of destroying the labels")
asks for someone, not an amount."""
KIND_OF_BODY = re.compile(r"\b(?:what|which) (?:kinds?|types?|sorts?|categor(?:y|ies)) of\b", re.I)
"""What kind of body or people asks for a kind, not a name: "to what kind of charitable
organizations may Customs give the goods" ("eleemosynary institutions")."""
NAMES_OF_SITES = re.compile(
    r"\bnames? of (?:the |his |her |their |those |these )?(?:[\w-]+ ){0,2}?"
    r"(?:websites?|web ?sites?|domains?|domain names?|urls?|sites?)\b",
    re.I,
)
"""The names of websites are their addresses: "what were the names of the two websites"."""
WHEN_PERMITTED = re.compile(
    r"^\W*(?:and\s+)?when\s+(?:(?:can|may|must|shall|could|might|should)\b"
    r"|(?:will|would|does|do|is|are)\s+(?:a|an|any)\s|(?:does|do)\s+\w+ing\s)"
    r"(?!.*\b(?:dates?|deadline)\b)",
    re.I,
)
"""When something may or must be done, or is done to anyone at all, asks on what condition
("when can the court award attorney fees": "in exceptional cases"; "when will a court refuse
to find bad faith": "in any case in which…"; "when does falsifying a certificate make it an
illicit label"), not for a date."""
WHERE_IN_THE_LAW = re.compile(
    r"\bwhere\b.*\b(?:defined|define|definitions?|codified|set (?:out|forth)|spelled out)\b"
    r"|\bwhere in (?:the|this|that) (?:section|statute|law|title|chapter|code|act)\b"
    r"|\bwhere\b.*\b(?:rules?|provisions?|requirements?|procedures?|powers?|authority)\b.*"
    r"\bcome from\b",
    re.I,
)
"""Where a term is defined or a rule set out, or where in a section something is, asks for a
section of the law ("section 101 of title 17", "subsection (b)"), not a place; so does where
a rule comes from ("where do the forfeiture rules come from": "subject to section 2323")."""
GIVEN_TERM = re.compile(
    r"\bsentenced (?:(?-i:[A-Z][\w.'-]*)\s|him\s|her\s|them\s){0,4}to "
    rf"(?:about |more than |over |nearly )?{DURATION}(?: (?:in|of) (?:federal |state )?"
    r"(?:prison|jail))?"
    rf"|\b(?:received|got|given|serving|imposed) (?:an?|the|his|her) {DURATION}[- ]"
    r"(?:(?:prison|jail) )?sentence\b"
    rf"|(?:['\u2019]s|\bhis|\bher|\btheir) {DURATION}[- ](?:(?:prison|jail) )?sentence\b",
    re.I,
)
"""A term the question gives ("the man sentenced to 2½ years", "which judge sentenced Ardit
Ferizi to 20 years", "the man who received a 10-year sentence", "who got the 97-month
sentence", "which judge imposed Dep Nguyen's 180-day jail sentence"), which it does not ask
for."""
MONEY_NOUN_GIVEN = (
    r"(?:\s+(?:in\s+)?(?:[\w-]+\s+)?(?:civil\s+|criminal\s+)?"
    r"(?:fines?|restitution|damages|proceeds|penalt(?:y|ies)))"
)
GIVEN_AMOUNT = re.compile(
    r"\b(?:worth|valued?|value[ds]?|cost(?:ing)?|priced|paid|fine[ds]?|restitution|damages|"
    r"proceeds|bail|bond)\b(?:\s+(?:of|at|more|less|than|over|about|nearly|approximately|"
    r"around|some|in|an|the|estimated)){0,3}\s+\$[\d.,]+(?:\s*(?:million|billion))?"
    rf"{MONEY_NOUN_GIVEN}?"
    rf"|\$[\d.,]+(?:\s*(?:million|billion))?{MONEY_NOUN_GIVEN}",
    re.I,
)
"""An amount of money the question gives ("trade secrets worth more than $1 billion", "the
$69,504 in proceeds", "paid the $1 million CFIUS civil penalty"), which it does not ask for."""
WH_QUESTION = re.compile(r"^\W*(?:and\s+)?(what|which|how)\b", re.I)
OUTCOME_PATTERN = next(
    index for index, (kind, _) in enumerate(QUESTION_PATTERNS) if kind is AnswerType.OUTCOME
)
PRISON_PATTERN = next(
    pattern for kind, pattern in QUESTION_PATTERNS if kind is AnswerType.PRISON_SENTENCE
)
MONEY_KINDS = frozenset(
    terms(
        "fine fined restitution forfeiture forfeit bail bond damages fee value price paid profit "
        "proceeds seized"
    )
)


MONEY_ASKED = dict(QUESTION_PATTERNS)[AnswerType.MONEY]
HOW_MUCH_OF = re.compile(
    r"\bhow much\s+(?P<what>(?:[\w$'-]+\s+){1,3}?)"
    r"(?:did|does|do|was|were|is|are|has|had|have|will|would|could|can)\b",
    re.I,
)
"""What "how much" measures, up to the verb: "how much *Siemens data* did they steal"."""
WHICH_THING = re.compile(
    r"\W*(?i:and\s+)?(?i:which|what)\s+(?i:(?:is|was|are|were)\s+(?:the|a|an)\s+)?"
    r"(?P<first>[a-z][\w-]*)(?:\s+of)?(?:\s+[\w.-]+){0,2}"
)
"""The words after "which" or "what" that name what is asked: "which *procedures govern
criminal*", "what was the *total value of*", "what *range of statutory damages*"."""
KINDS_OF = frozenset({"kind", "kinds", "type", "types", "sort", "sorts", "category", "categories"})
"""Words asking which kinds of a thing there are ("which *kinds of sales* are not subject to
forfeiture"): a kind of thing, never an amount of it."""
CONJUNCTIONS = frozenset({"and", "or"})
NEXT_WORD = re.compile(r"\s+[\w-]+")
NOT_WHAT_IS_MEASURED = frozenset(
    re.findall(
        r"\w+",
        "was were is are did does do has had have will would could can should might may he she "
        "they it the his her their its a an in of for to total more less overall combined "
        "approximately roughly exactly about around most least maximum minimum max highest "
        "largest biggest lowest smallest",
    )
)
"""Words after "how much", "which" or "what" that do not name the thing asked: "how much *was*
he fined", "what is the *most* in statutory damages"."""
MONEY_MEASURED = frozenset(
    terms(
        "money cash dollars restitution revenue profit proceeds loss damages funds fine bail "
        "bond fee value worth compensation salary payment income sales price cost penalty "
        "amount sum total currency cryptocurrency bitcoin ransom bribe bribes"
    )
)


TIME_ANCHOR = re.compile(
    r"^(?P<asked>.*?\b(?:does|did|do|is|was|were|are|has|have|had|must|can|could|will|would|"
    r"should|shall)\b.+?)\s+(?:before|after|until|following|once)\s+\S.*$",
    re.I | re.S,
)
"""A part whose asking words (a verb after its auxiliary) come before "before", "after" or
"once" and the event named after it."""
HOW_LONG_A_DOCUMENT = re.compile(
    r"\bhow long (?:\(?in pages\)? )?(?:is|was|are|were) (?:the|a|an|this|that|his|her|its|their) "
    r"(?:[\w'-]+ ){0,4}?(?:report|document|complaint|indictment|affidavit|filing|brief|opinion|"
    r"letter|book|memo|memorandum|transcript|study|manual|agreement|contract)s?\b",
    re.I,
)
"""How long a document is asks for its pages ("the 600-page report"), not for a time."""
HOW_LONG_ASKED = re.compile(rf"\W*(?:and\s+)?how (?:long|many {DURATION_WORDS})\b", re.I)
"""A part asking how long, whatever it goes on to say of money: "how many days does the
importer have to pay the fine"."""
HOW_LONG_AN_EVENT_LASTED = re.compile(
    r"\bhow long (?:did|does|do|will|would) (?:the|a|an|this|that|his|her|its|their) "
    r"(?:[\w'-]+ ){0,4}?(?:trial|hearing|investigation|operation|deliberations?|scheme|"
    r"conspiracy|negotiations?|raid|search|standoff)s?\b[^?]*\blast\b",
    re.I,
)
"""How long a trial or an investigation lasted, asked beside a sentence ("…, and on what date
were their sentencing hearings set"), is no prison term."""
WH_WORD = re.compile(r"\b(?:which|what|who|whom|whose|when|where|how)\b", re.I)
HOW_CLASSED = re.compile(
    r"\bhow (?:is|are|was|were|does|do) (?:[\w'-]+ ){1,4}?(?:be )?"
    r"(?:classified|classed|treated|characteri[sz]ed|categori[sz]ed|regarded)\b",
    re.I,
)
"""How the law classes something ("how is the offense classified for restitution purposes")
asks for a class ("an offense against property"), not for the amount its words name."""
TIME_KINDS = frozenset({AnswerType.DATE, AnswerType.DURATION})
AMOUNTS = frozenset({AnswerType.MONEY, AnswerType.COUNT, AnswerType.NUMBER})


def kinds_asked(clause: str, prison_context: bool) -> list[AnswerType]:
    """The kinds of answer a part of a question asks for, in the order its words name them; a
    duration is a prison term in a question about a sentence."""
    found = sorted(
        (match.start(), order, kind)
        for order, (kind, pattern) in enumerate(QUESTION_PATTERNS)
        if (match := pattern.search(clause))
    )
    kinds = [kind for _, _, kind in found]
    if AnswerType.STATUTE in kinds and _sentence_told_before_the_question(clause, found):
        kinds.remove(AnswerType.PRISON_SENTENCE)
    if AnswerType.MONEY in kinds and _measures_no_money(clause):
        kinds[kinds.index(AnswerType.MONEY)] = AnswerType.COUNT
    if AnswerType.MONEY in kinds and _names_a_thing_that_is_no_money(clause):
        kinds.remove(AnswerType.MONEY)
    if HOW_CLASSED.search(clause):
        kinds = [kind for kind in kinds if kind not in AMOUNTS]
    if AnswerType.MONEY in kinds and _amount_given(clause):
        kinds.remove(AnswerType.MONEY)
    if AnswerType.MONEY in kinds and AnswerType.PERSON in kinds and WHO_PAYS.match(clause):
        kinds.remove(AnswerType.MONEY)
    if AnswerType.PERSON in kinds and KIND_OF_BODY.search(clause):
        kinds.remove(AnswerType.PERSON)
    if AnswerType.PERSON in kinds and NAMES_OF_SITES.search(clause):
        kinds[kinds.index(AnswerType.PERSON)] = AnswerType.WEB_ADDRESS
    if AnswerType.PLACE in kinds and WHERE_IN_THE_LAW.search(clause):
        kinds[kinds.index(AnswerType.PLACE)] = AnswerType.STATUTE
    if AnswerType.DATE in kinds and WHEN_PERMITTED.match(clause):
        # What is done on the condition asked is no part of the answer: "when can a registrant
        # recover profits or damages" asks for the condition, not an amount.
        kinds = [kind for kind in kinds if kind is not AnswerType.DATE and kind not in AMOUNTS]
    if AnswerType.PRISON_SENTENCE in kinds and _term_given(clause):
        kinds.remove(AnswerType.PRISON_SENTENCE)
    if AnswerType.PRISON_SENTENCE in kinds and _sentence_asked_as_an_end(clause):
        kinds.remove(AnswerType.OUTCOME)
    if AnswerType.MONEY in kinds and CHAPTER_ASKED.search(clause):
        kinds.remove(AnswerType.MONEY)  # "forfeiture follows the procedures of which chapter"
    if AnswerType.MONEY in kinds and HOW_LONG_ASKED.match(clause):
        kinds.remove(AnswerType.MONEY)  # "how many days does he have to pay the fine"
    if AnswerType.DURATION in kinds and HOW_LONG_A_DOCUMENT.search(clause):
        kinds[kinds.index(AnswerType.DURATION)] = AnswerType.COUNT
    if prison_context and not HOW_LONG_AN_EVENT_LASTED.search(clause):
        kinds = [AnswerType.PRISON_SENTENCE if k is AnswerType.DURATION else k for k in kinds]
    return list(dict.fromkeys(kinds))


def _sentence_told_before_the_question(
    clause: str, found: list[tuple[int, int, AnswerType]]
) -> bool:
    """ "Meng's 2008 sentence was the first under which section" tells of a sentence before it
    asks, with "which", for a section: the sentence is no part of what it asks."""
    asking = WH_WORD.search(clause)
    return asking is not None and any(
        kind is AnswerType.PRISON_SENTENCE and start < asking.start() for start, _, kind in found
    )


def _measures_no_money(clause: str) -> bool:
    """ "How much *Siemens data* did they steal" asks for a quantity of something that is no
    money ("407 gigabytes of data"), and no other word of the part asks for an amount of money."""
    match = HOW_MUCH_OF.search(clause)
    words = match.group("what").split() if match else []
    if not words or words[0].lower() in NOT_WHAT_IS_MEASURED:
        return False
    if frozenset(terms(" ".join(words))) & MONEY_MEASURED:
        return False
    return not MONEY_ASKED.search(HOW_MUCH_OF.sub(" ", clause))


def _names_a_thing_that_is_no_money(clause: str) -> bool:
    """ "Which *procedures* govern criminal forfeiture", "which *defendant* paid restitution":
    what is asked is named after "which" or "what", and it is no amount of money."""
    match = WHICH_THING.match(clause)
    if match is None or match.group("first").lower() in NOT_WHAT_IS_MEASURED:
        return False
    if match.group("first").lower() in KINDS_OF:
        return True
    named_words = match.group(0)[match.start("first") - match.start() :]
    if named_words.split()[-1].lower() in CONJUNCTIONS:
        # "what prison exposure and fine" names a fine too.
        following = NEXT_WORD.match(clause, match.end())
        named_words += following.group(0) if following else ""
    named = frozenset(terms(named_words))
    return not named & (MONEY_MEASURED | MONEY_KINDS)


def _amount_given(clause: str) -> bool:
    """The part's only words of money give the amount: "which company employed him when he
    stole trade secrets worth more than $1 billion" asks for a company."""
    if not GIVEN_AMOUNT.search(clause):
        return False
    return not MONEY_ASKED.search(GIVEN_AMOUNT.sub(" ", clause))


def _term_given(clause: str) -> bool:
    """The part's only words of a prison term give the term: "what brand did the man
    sentenced to 2½ years import" asks for a brand."""
    if not GIVEN_TERM.search(clause):
        return False
    return not PRISON_PATTERN.search(GIVEN_TERM.sub(" ", clause))


def _sentence_asked_as_an_end(clause: str) -> bool:
    """ "What prison term was he ultimately sentenced to" asks for the term: the words that
    ask how a case ended ("ultimately sentenced") only say when it was given."""
    if not WH_QUESTION.match(clause):
        return False
    match = QUESTION_PATTERNS[OUTCOME_PATTERN][1].search(clause)
    return match is not None and "sentenc" in match.group(0).lower()


def without_time_anchor(part: str, prison_context: bool) -> str:
    """A part asking when or how long, less the event it counts from: "how many days does the
    owner have to consent *before the goods are forfeited*" asks about consenting, and a
    sentence about forfeiture does not answer it (nor does "forfeited" ask for an amount)."""
    match = TIME_ANCHOR.match(part)
    if match is None:
        return part
    kinds = kinds_asked(match.group("asked"), prison_context)
    return match.group("asked") if kinds and set(kinds) <= TIME_KINDS else part
