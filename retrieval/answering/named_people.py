"""Who a sentence names: people and firms by name, officials by their title, and the capitals
that name no one (a place, a public body, a release's dateline, a headline in title case).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casework.identifiers.courts import STATES
from retrieval.analysis import STOPWORDS, terms
from retrieval.answering.answer_kinds import FIRM_NOUNS, Aspect
from retrieval.answering.words import MIN_PREFIX, has_form, has_word

PERSON_NAME = re.compile(
    r"\b(?:[A-Z]\.|[A-Z][a-z]+)(?: [A-Z]\.?)? [A-Z][a-zA-Z'-]+\b"
    r"|\b[A-Z][A-Z&.'-]+(?: [A-Z][A-Z&.'-]+)+\b"
)
"""What looks like a person's name: "Renata Okafor", "J. Smith", "ADAMA KANE"."""
STATE_AFTER = re.compile(
    r",\s+(?:"
    + "|".join(
        re.escape(name) for name in sorted({*STATES, *STATES.values()}, key=len, reverse=True)
    )
    + r")(?!\w)"
)
"""A state's name after a comma, which makes the name before it a town's: "San Jose,
California", "Sedalia, Mo."."""
NUMBERED_CLASS = re.compile(r"[A-Z][a-z]+ (?:I{1,3}|IV|VI{0,3}|IX|X)")
"""A word and a Roman numeral, which number a class or a part ("Schedule II", "Title III"),
not a person (whose numeral follows a surname: "Rex Yang II")."""
HEADLINE_WORDS = 6
SHORT_WORD_LETTERS = 4
"""A headline in title case leaves only short words ("to", "in", "for", "with") lowercase."""
OFFICIAL_TITLES = frozenset(
    terms(
        "judge justice magistrate attorney ausa prosecutor agent officer detective inspector "
        "sheriff commissioner director secretary spokesperson spokesman spokeswoman chief "
        "honorable"
    )
)
"""Words that make a name an official's ("District Judge Renata Okafor", "Special Agent…")."""
ANY_OFFICE = frozenset(terms("official"))
BENCH = frozenset(terms("judge magistrate honorable"))
"""The offices only a name so titled holds: "which judge" is no question a seller's or a
town's name answers."""
SENTENCER_ASKED = re.compile(
    r"\bwho\s+(?:(?:was|is|were|are)\s+(?:set|scheduled|slated|due)\s+to\s+|will\s+|would\s+)?"
    r"sentenced?\s+(?!to\b)",
    re.I,
)
"""Who sentences someone, not who was sentenced: "who sentenced Vole", "who was set to
sentence them" (not "who was sentenced to five years")."""
EXAMINER_ASKED = re.compile(r"\bexamining attorney\b|\bexaminer\b", re.I)
EXAMINER_NAMED = re.compile(r"\bexamin(?:ing|er)\b", re.I)
PRESIDING_ASKED = re.compile(
    r"\bpresid\w*\s+(?:over|at|when)\b[^?]*?\b(?:trial|arraign\w*|pleas?|pleaded|appearance|"
    r"hearing|conference)\b",
    re.I,
)
"""A part asking which judge presided over a step of a case ("presided over the Baton Rouge
trial"), which the judge who sentenced the defendant is not said to have done."""
PRESIDING_TOLD = re.compile(
    r"\bpresid\w*|\bbefore\b|\btrial\b|\barraign\w*|\bpleas?\b|\bpleaded\b|\bappearance\b"
    r"|\bhearing\b|\bconference\b",
    re.I,
)
"""Words telling that a judge presided over some step: "a trial before Judge White", "Judge
Aloi presided" (not "was sentenced by Judge Murguia")."""
OFFICE_FOR_A_DISTRICT = re.compile(
    r"\b(?P<title>attorney|judge|marshal)\s+(?:for|of)\s+the\s+(?:[A-Z][\w.]*\s+)*District\s+of"
    r"\s+(?:the\s+)?$",
    re.I,
)
"""An office held for a district, before the name that holds it: "U.S. Attorney for the Western
District of Wisconsin John W. Vaudreuil" names the prosecutor, not someone charged."""
PLACES_AND_BODIES = frozenset(
    terms(
        "province county city state states court district circuit department office division act "
        "code street avenue road airport port island republic kingdom government university "
        "college agency bureau service administration commission committee council ministry "
        "patrol police force protection security enforcement customs center centre section "
        "operation america americas europe asia africa north south east west northern southern "
        "eastern western central church school hospital museum library"
    )
)
"""First or last words that make a run of capitals a place's, a public body's or a law
enforcement operation's name, not a person's or a company's."""
OFFICE_OR_PLACE = OFFICIAL_TITLES | PLACES_AND_BODIES
"""Words that make a name at the head of a sentence an office's or a place's, no subject's."""
GATHERINGS = frozenset(terms("network conference summit forum initiative program"))
"""Last words that make a run of capitals a gathering's or a programme's name ("Intellectual
Property Crimes Enforcement Network"); as a first word they may start a firm's ("Networking
Inc.")."""
OFFICE_HOLDER_ASKED = re.compile(
    r"\b(?:name of|who (?:is|was)) the\s+(?:(?:current|then|first|new|acting)\s+)?"
    r"(?:[A-Z][\w.]*\s+){0,3}(?P<office>Director|Commissioner|Secretary|Coordinator|"
    r"Administrator|Chief|Chairman|Chairwoman|President)\b"
)
"""A part asking for whoever holds an office, by its title in capitals ("the name of the
Assistant Director appointed to head the Center")."""
FILINGS = frozenset(terms("indictment complaint affidavit agreement memorandum judgment"))
"""Last words that make a run of capitals a court filing's name ("the Superseding Indictment",
"the Plea Agreement"), no one's."""
NAME_WORDS = frozenset(terms("name"))
HOLDER_ASKED = re.compile(
    r"\bwho\s+(?:is|was)\s+the\s+(?:current|present|then|sitting|(?-i:[A-Z]))"
    r"|\bwho\s+(?:currently|now|presently)\s+(?:serves|is|holds)\b",
    re.I,
)
"""A part asking who holds an office ("who is the current Assistant Director", "who is the
Assistant Director of the Center", "who currently serves as Director"): a name."""
PEOPLE_BY_ROLE = frozenset(
    terms(
        "man woman men women engineer engineers employee employees individual individuals "
        "person scientist scientists researcher researchers professor "
        "agent agents prosecutor prosecutors judge attorney lawyer doctor dentist chemist "
        "executive executives founder hacker hackers husband wife son daughter brother"
    )
)
"""Words that ask for a person, not a firm: "the name of the former General Motors engineer"
(a defendant may be a firm)."""
FIRM_NAME_END = re.compile(
    r"\b(?:Corporation|Corp\.?|Inc\.?|Incorporated|LLC|L\.L\.C\.|Ltd\.?|Limited|Company|Co\."
    r"|Group|Technologies|Industries|Holdings)$"
)
"""The last word of a firm's name: "Metaldyne Corporation", "Ford Motor Company"."""
FIRM_NAME_WORDS = frozenset(
    terms(
        "corporation corp inc incorporated llc ltd limited company co group technologies "
        "industries holdings systems international"
    )
)
"""Words a firm's full name adds to what it is called by: "Cisco Systems Incorporated"."""
WHICH_FIRMS = re.compile(rf"\bwhich\s+(?:[\w-]+\s+){{0,3}}{FIRM_NOUNS}\b", re.I)
"""A part asking which firms ("which private sector companies has CBP consulted"): by name,
which a statute's "private sector entities" does not give."""
FIRM_ASKED = re.compile(rf"\b(?:{FIRM_NOUNS}|brands?)\b", re.I)
"""A part that asks for a firm ("which company employed the engineers"), whose name a firm's is."""
DISTRICT_FIRST = re.compile(
    r"(?:[A-Z][\w.]*\s+)*District\s+of\s+(?:the\s+)?[A-Z][\w.]*(?:\s+(?P<rest>.+))?$"
)
"""A run of capitals that opens with a judicial district's name."""
BODIES_ASKED = frozenset(
    terms("agency agencies body bodies department bureau service authority component")
)
"""Words that ask for a public body by name ("which postal agency")."""
FIRMS_ASKED = frozenset(
    terms(
        "company companies firm firms business corporation manufacturer maker supplier "
        "distributor retailer vendor store shop subsidiary contractor"
    )
)
"""Words that ask for a firm by name and nothing more ("which Huawei-linked company")."""
EMPLOYER_ASKED = frozenset(terms("company firm employer"))
"""Words that ask for a firm, which a sentence answers by naming whom someone worked for."""
EMPLOYMENT_ASKED = frozenset(terms("work worked employed employ"))
"""Words of a part asking whom someone worked for ("which company did he work for")."""
EMPLOYER_NAMED = re.compile(
    r"\b(?:work(?:ed|s|ing)?|employed)\b[^.;]{0,40}?\b(?:for|by)\s+(?-i:[A-Z])"
    r"|\bemployee of\s+(?-i:[A-Z])",
    re.I,
)
"""Whom someone worked for, by name: "worked as a rice breeder for Ventria Bioscience"."""
RECIPIENT_ASKED = re.compile(r"\bto whom\b", re.I)
"""Whom something went to, which may be a body as well as a person: "to whom did he pass it"
is answered by "a student at Hunan Normal University"."""
STATUTORY_DUTY = re.compile(r"\s+(?:shall|must)\b")
"""What follows the one a statute gives a duty to: "the Secretary of Homeland Security shall"."""
DUTY = re.compile(r"\b(shall|must|has the burden)\b")
LEAVE_IN_THE_LAW = re.compile(
    r"\bmay\b(?=.*\b(?:this|that) (?:section|chapter|title|subsection|paragraph)\b)"
    r"|\b(?:this|that) (?:section|chapter|title|subsection|paragraph)\b.*\bmay\b"
)
"""Whom a statute lets do something, in its own words: "The owner, importer, or consignee of
goods refused entry at any customhouse under this section may have any recourse by protest"."""
MAY = re.compile(r"\bmay\b")
LEAVE_ASKED = re.compile(r"\bwho\s+may\b", re.I)
"""A part asking whom a statute lets do something, which its "may" answers wherever it stands:
"such other duties as the Secretary of Homeland Security may assign"."""
PERSON_BY_DEED = re.compile(r"\b(?:any|the)\s+person\s+who\b", re.I)
"""Whom a statute names by what they do: "liable in a civil action by any person who believes
that he or she is likely to be damaged", "the person who asserts trade dress protection has
the burden of proving"."""
STATUTORY_ROLES = frozenset(
    terms(
        "defendant plaintiff court registrant registrar owner importer exporter collector officer "
        "entities entity party parties agency secretary commissioner director trader manufacturer "
        "carrier applicant consignee"
    )
)
"""Whom a statute names by role, not by name: "the defendant must prove all elements of cost",
"the Commissioner shall consult with private sector entities"."""
NAME_WORDS_ASKED = 2
"""How many of a run's last words, all in the question, make it a name the question holds."""
TITLE_REACH = 30
"""How far before a name its title may stand ("U.S. District Judge" is 19 characters)."""
CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w.'&-]*[ \t]+(?:of[ \t]+(?:the[ \t]+)?)?)*[A-Z][\w.'&-]*")
"""Capitalised words in a row: a name with its title ("U.S. District Judge Renata Okafor"), or
a body's name ("Department of Justice", "Bureau of Prisons")."""
OPENING_WORDS = frozenset(
    re.findall(
        r"\w+", "since until during after before between through throughout following according"
    )
)
"""Words opening a sentence before a time or a name, capitalised there: "Since July of 1989
the defendants have obtained …" names no one called July."""
INITIALS = r"(?:[A-Z]\.\s?){2,3}"
"""Initials: "T.S.", "R. K."."""
INITIALS_GIVEN = re.compile(
    r"\b(?:identified|known|referred to)\s+(?:only\s+)?(?:as|by)\s+(?:the\s+initials\s+)?"
    rf"['\"\u2018\u201c]?(?P<initials>{INITIALS})"
)
"""A person the question knows only by initials: "the man identified as 'T.S.'"."""
NAME_WITH_AGE = re.compile(
    r"\b(?P<name>[A-Z][\w'-]+(?: [A-Z]\.)?(?: [\"\u201c][A-Z][\w'-]+[\"\u201d])?"
    r"(?: [A-Z][\w'-]+)+)(?:,? (?:Jr|Sr)\.|,? I{2,3}| IV)?,\s+(?:age\s+)?\d{2}(?:,|\.(?!\d))"
)
"""A person's name with an age after it, as a release names a defendant: "Todd Richard, 33,",
'Jianhua "Jeff" Li, 44,', "Rex Yang Jr., 37,"."""
SUBJECT_NAME = re.compile(
    r"\W*(?P<name>(?:[A-Z]\. )?[A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z'-]+){1,2})"
    r"(?:,| (?:was|were|is|has|had|pleaded|pled|received|got)\b)"
)
"""A person's name a sentence opens with, as its subject: "Chi Mak was sentenced", "R. Allen
Stanford, who…"."""
SURNAME_WITH_APPOSITIVE = re.compile(
    r"\W*(?P<name>[A-Z][a-z'-]+),\s+(?:arguably|the|a|an|who|once|formerly|himself|herself)\s"
)
"""A surname alone the sentence opens with, as its subject, followed by who he is: "Gonzalez,
arguably the most prolific identity thief…, was sentenced to 20 years"."""
OPENING_ADVERBS = frozenset(
    terms(
        "however meanwhile today yesterday instead thus therefore moreover furthermore also "
        "separately later earlier next then now here there overall again still indeed "
        "afterward afterwards otherwise together"
    )
)
"""Words a sentence may open with, before a comma, that are no one's name ("Today, the…");
those ending in "-ly" are left out by their ending."""
LEAD_IN = re.compile(r"[^.:;]{1,60}:\s+(?=[A-Z])")
"""Words leading into what follows a colon: "To give you two examples: Lee Bentley Farkas,
the former chairman…, is serving a 30-year prison sentence"."""
VERDICT_ON = re.compile(
    r"\b(?:found|convicted|sentenced|acquitted|(?:conviction|sentencing)s?\s+of)\s+"
    r"(?P<name>[A-Z][a-z'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'-]+){0,2})"
)
"""Whom a verdict or a sentence is passed on, by name: "A jury found Tsarnaev guilty", the one
a following "He was sentenced" tells of, "led to the conviction of Howells and Vaisey"."""
NAME_BEFORE_VERDICT = re.compile(
    r"\b(?P<name>[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2})\s+(?:was|were|has been|had been)\s+"
    r"(?:[a-z]+ly\s+)?(?:convicted|sentenced|acquitted)\b"
)
"""Someone by name, then the verdict or sentence passed on him: "Ibori was previously convicted
here … and sentenced to 13 years in prison"."""
STAND_IN_NAME = re.compile(r"(?:Victim|Proprietary|Unindicted|Confidential|Cooperating)\b")
"""A term a filing keeps a name back by, capitalised as a name is: "the Victim Company", "the
Proprietary Software", "a Cooperating Witness"."""
DEFINED_TERM_BEFORE = re.compile(r"\(\s*(?:i\.e\.,?\s+)?the\s+[\"\u201c]?$")
DEFINED_TERM_AFTER = re.compile(r"[\"\u201d]?\s*\)")
"""A term a filing defines in brackets, for a thing it has just described: "installed on the UC
Network (i.e., the Xu Upload)", "a hotel in White Plains, New York (the "Hotel")"."""
NAME_BEFORE_TERM_RECEIVED = re.compile(
    r"\b(?P<name>[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2})\s+"
    r"(?:(?:[a-z]+ly|earlier|later|also|then)\s+)?(?:received|got|was given|is serving)\s+"
    r"an?\s+(?:[\w-]+\s+){1,3}?(?:sentence|term)\b"
)
"""Someone by name, then the term he received: "Yastremskiy earlier received a 30-year prison
term in Turkey"."""
NAMED_AS_SENTENCED = re.compile(
    r"\b(?P<name>[A-Z][a-z'-]+(?:[ -][A-Z][a-z'-]+)+),\s+an?\s+[^,]{1,60}?\s+who\s+"
    r"(?:\w+\s+)?(?:received|was sentenced|got|is serving)\b"
)
"""Someone named, then said to have been sentenced: "Adrian-Tiberiu Oprea, a Romanian who
recently received a 15-year sentence"."""
NAME_RUN = re.compile(r"[A-Z][\w'-]*(?:[ \t]+(?:[A-Z]\.|[A-Z][\w'-]*))+")
"""Capitalised words in a row, as a person's full name is written: "Mike Yu", "Christina Hong
Qiao Liew"."""
NO_GIVEN_NAMES = (
    OFFICE_OR_PLACE
    | PEOPLE_BY_ROLE
    | STATUTORY_ROLES
    | frozenset(
        terms(
            "mr mrs ms dr miss defendant defendants january february march april may june july "
            "august september october november december monday tuesday wednesday thursday friday "
            "saturday sunday"
        )
    )
)
"""Capitalised words that are no part of whose name it is: a title, a role, a month."""
NAMED_BEFORE_APPOSITIVE_VERDICT = re.compile(
    r"\b(?P<name>[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){1,3}),\s+(?:a|an|the)\s+[^;]{1,120}?,\s+"
    r"(?:was|were|has been|had been)\s+(?:[a-z]+ly\s+)?(?:convicted|sentenced|acquitted)\b"
)
"""Someone named, who he is, then the verdict or sentence passed on him: "Seyed Mahmood Mousavi,
a former interrogator for the Islamic Revolutionary Court in Iran, was sentenced"."""
NOT_THE_SUBJECT = re.compile(r"(?:\b(?:of|for|at|by|from)|[A-Z][\w'-]*)\s+$")
"""What makes a name no subject of the verdict after it: a word of a longer name, or a
preposition ("The owner of Candy Color Lenses, a major online retailer …, was sentenced" passes
the sentence on the owner)."""
BODY_RUN = re.compile(r"[A-Z][\w.'-]*(?:\s+(?:(?:and|of|for|the)\s+)*[A-Z][\w.'-]*)+")
"""Capitalised words in a row, with the small words a body's name holds ("Bureau *of*
Investigation", "Customs *and* Border Protection")."""
MIN_ACRONYM = 3
TITLE_AFTER = re.compile(
    r",\s+(?:(?:Jr\.?|Sr\.?|I{2,3}|IV),\s+)?(?:the\s+)?(?P<title>(?:[A-Z][\w.]*\s+){0,4}"
    r"(?:Judge|Magistrate|Justice|Attorney|Prosecutor|Agent|Director|Commissioner|Secretary))\b"
)
"""An office's title after the name that holds it: "Curtis L. Collier, Chief U.S. District
Judge", "Charles M. Oberly, III, United States Attorney"."""
SUBJECT_CHANGE = re.compile(r"[,;]\s+(?:and|while|whereas|but)?\s*(?=[A-Z])")
"""Where a sentence goes on to another subject: ", and Williamson is awaiting trial"."""
CLAUSE_SUBJECT = re.compile(
    r"\W*(?P<name>[A-Z][a-z'-]+(?: [A-Z]\.)?(?: [A-Z][a-z'-]+){0,2})"
    r" (?:was|were|is|has|had|received|got|pleaded|pled|faces|remains)\b"
)
"""A clause's subject by name, one word or more: "Schrooten received", "Chi Mak was"."""
PLACE_BEFORE_ITS_STATE = re.compile(r"\b(?:of|in|from)\s+(?:[A-Z][\w.'-]*\s+){0,2}[A-Z][\w.'-]*$")
"""A town named after "of" or "in", which a state may follow after a comma."""
DATELINE_END = re.compile(r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*[\u2013\u2014-]")
"""What follows a release's dateline, the place in capitals it opens with, and a dash:
"LAGUNA NIGUEL -", "SANTA ANA, Calif. -", "WASHINGTON-" (an en or em dash as often)."""
FIRM_AFTER = re.compile(
    r"(?:,\s+|\s+(?:is|was)\s+)(?:a|an|(?-i:[A-Z])[\w.&-]*['\u2019]s)\s+"
    rf"(?:[\w.'&-]+\s+){{0,4}}?{FIRM_NOUNS}\b"
)
DEFENDANTS_LISTED_BEFORE = re.compile(
    r"\b(?:the|two|three|four|five|six|both)\s+(?:co-?)?defendants,\s+"
    r"(?:[^,;]+?(?:,\s+(?:and\s+)?|\s+and\s+))*$",
    re.I,
)
"""Names listed as the case's defendants: "The defendants, Patrick Dole, James Dole, and …"."""
COUNTERPARTY_ASKED = re.compile(
    r"\b(?:suppliers?|sources?|buyers?|purchasers?|customers?|victims?|manufacturers?|makers?)\b",
    re.I,
)
"""Whom the defendants dealt with, asked for by role: the defendants are none of them."""
CALLED = r"\b(?:called|named|dubbed)\s*[\"\u201c']?"
CALLED_BEFORE = re.compile(rf"{CALLED}$")
CALLED_NAME = re.compile(rf"{CALLED}(?-i:[A-Z])")
"""What introduces a thing's own name, however short: 'a company called Aernova', 'an eBay store
called "Catsmartplus"'."""
NAMED_FIRM = re.compile(rf"\b[A-Z][\w.'&-]*{FIRM_AFTER.pattern}")
"""A firm's name however short, known by what follows it: "Stihl, a company based in …",
"Skycom was Huawei's unofficial subsidiary"."""
DONE_BY = re.compile(r"\b(?P<verb>[A-Za-z]+) by (?:the )?$")
"""The deed the name after it did: "the task force, chaired by the Acting Deputy Attorney
General Gary G. Grindler"."""
WHO_DOES = re.compile(
    r",?\s+who\s+(?:(?:is|was|has been|had been|will be)\s+)?(?P<verb>[A-Za-z]+)", re.I
)
"""The deed the name before it does: "Dana Ruiz, who is handling the case"."""
PASSIVE = re.compile(r"\b(?:is|was|were|are|been|be|being)\s+\w+(?:ed|en)\b", re.I)
SUBORDINATE_CLAUSE = re.compile(r"\b(?:when|after|before|while|once|since|because|if)\b", re.I)
"""Where a question goes on to say when, which may be passive ("who chaired the task force when
the plan was announced") while what it asks is not."""
PLACE_BEFORE = re.compile(r"\b(?:in|near)\s+$")
"""Where a name after it is a place: "a grand jury in San Francisco", "a plant near Sedalia"."""
ALIAS_BEFORE = re.compile(
    r"\b(also known as|a\.?k\.?a\.?|a/k/a|alias)\s*[\"“']?$|(?-i:[A-Z])[\w'-]*\s*\(\s*$", re.I
)
"""What introduces another name of someone a sentence names, or another rendering of it in
brackets after it: "LI Xiaoyu (Li Xiao Yu), 34"."""
BODY_NAME_GOES_ON = re.compile(
    r"(?:\s+and\s+|[ \t]*\n[ \t]*)(?P<rest>(?:[A-Z][\w.'&-]*[ \t]+)*[A-Z][\w.'&-]*)"
)
"""A name's run of capitals going on after "and" ("Computer Fraud and Abuse Act") or on the
next line ("Intellectual Property Crimes" / "Enforcement Network")."""


def names_someone_asked_for(sentence: str, aspect: Aspect, question_terms: frozenset[str]) -> bool:
    """A name the question does not already hold, unless every such name is an official's by
    title (the judge, the prosecutor, the agent) and the part does not ask about that office:
    "who was sentenced" is not answered by "Judge Renata Okafor imposed the sentence", "which
    company did Ferizi hack" not by "Ardit Ferizi gained access". A headline in title case
    ("Baltimore Store Owner Sentenced to 30 Months") names no one by its capitals."""
    if title_case(sentence) or _another_office(aspect, sentence):
        return False
    by_role = not _asks_for_a_name(aspect)
    if by_role and statutory_role(sentence, question_terms, asks_leave(aspect)):
        return True
    for run in CAPITALISED_RUN.finditer(sentence):
        name = _without_leading_function_words(run.group(0))
        if frozenset(terms(name)) - FIRM_NAME_WORDS <= question_terms:
            continue  # the question's own name, or its firm's in full ("Cisco Systems Inc.")
        if _described_name_asked(name, question_terms):
            continue
        if STAND_IN_NAME.match(name) or _defined_term(sentence, run):
            continue
        if COUNTERPARTY_ASKED.search(aspect.asks) and DEFENDANTS_LISTED_BEFORE.search(
            sentence[: run.start()]
        ):
            continue  # "the Chinese supplier" is not named by "The defendants, Patrick Dole, …"
        name = _after_words_asked(name, question_terms)
        if by_role and _statutory_actor(sentence, run, name):
            return True
        if FIRM_AFTER.match(sentence, run.end()) and not _place_or_body(name, aspect):
            return True
        if _called_by_name(sentence, run, aspect):
            return True  # by any name: "an effort called Operation Double Vision"
        name = _after_district(_after_title(name))
        if not PERSON_NAME.search(name) or _place_or_body(name, aspect):
            continue
        if FIRM_NAME_END.search(name) and _asks_for_a_person(aspect):
            continue  # "employees of Metaldyne Corporation" name no engineer
        if _dateline(sentence, run) or any(ch.isdigit() for ch in name.split()[0]):
            continue  # a release's opening place, or a model's name ("F35 Joint Strike Fighter")
        if NUMBERED_CLASS.fullmatch(name):
            continue  # a class of drug or a part of a law: "Schedule II", "Title III"
        if PLACE_BEFORE.search(sentence[: run.start()]):
            continue
        if STATE_AFTER.match(sentence, run.end()):
            continue  # a town before its state: "San Jose, California"
        if ALIAS_BEFORE.search(sentence[: run.start()]):
            continue  # another name of someone named: 'Xudong Yao, also known as "William Yao"'
        rest = BODY_NAME_GOES_ON.match(sentence, run.end())
        if rest and _place_or_body(f"{name} {rest.group('rest')}", aspect):
            continue  # "Computer Crime" of the "Computer Crime and Intellectual Property Section"
        before = sentence[max(run.start() - TITLE_REACH, 0) : run.start()]
        titles = frozenset(terms(f"{before} {run.group(0)}")) & OFFICIAL_TITLES
        office = OFFICE_FOR_A_DISTRICT.search(sentence[: run.start()])
        if office:
            titles |= frozenset(terms(office.group("title")))
        title_after = TITLE_AFTER.match(sentence, run.end())
        if title_after:
            titles |= frozenset(terms(title_after.group("title"))) & OFFICIAL_TITLES
        if _asks_for_the_bench(aspect) and not titles & BENCH:
            continue
        if not titles or _asks_for_office(titles, aspect):
            return True
        if _did_what_is_asked(sentence[: run.start()], aspect):
            return True
        if _does_what_is_asked(sentence[run.end() :], aspect):
            return True
    return False


def _called_by_name(sentence: str, run: re.Match[str], aspect: Aspect) -> bool:
    """A thing the sentence gives its name to ("a company called Aernova"), where the part asks
    for a name and not for a person, whom one word would not name."""
    return (
        CALLED_BEFORE.search(sentence[: run.start()]) is not None
        and _asks_for_a_name(aspect)
        and not _asks_for_a_person(aspect)
    )


def _another_office(aspect: Aspect, sentence: str) -> bool:
    """The part asks who holds an office by its title, and the sentence never names that
    office: "President Obama appointed Victoria Espinel as the first Enforcement Coordinator"
    does not say who the Assistant Director is."""
    asked = OFFICE_HOLDER_ASKED.search(aspect.asks)
    return asked is not None and not re.search(rf"\b{asked.group('office')}", sentence, re.I)


def _defined_term(sentence: str, run: re.Match[str]) -> bool:
    return bool(
        DEFINED_TERM_BEFORE.search(sentence[: run.start()])
        and DEFINED_TERM_AFTER.match(sentence, run.end())
    )


def _after_words_asked(name: str, question_terms: frozenset[str]) -> str:
    """The name after the leading words the question already holds, which describe its bearer:
    "Eastern Europe ICHIP Scott Keirin" names Scott Keirin where the question asks for "the
    incoming Eastern Europe ICHIP", not a place."""
    words = name.split()
    asked = 0
    while asked < len(words) - NAME_WORDS_ASKED and set(terms(words[asked])) <= question_terms:
        asked += 1
    return " ".join(words[asked:]) if asked else name


def _described_name_asked(name: str, question_terms: frozenset[str]) -> bool:
    """A name the question holds, after words describing its bearer: "Tianjin University
    Professor Hao Zhang" names no one but Hao Zhang."""
    if " of " in name:
        return False  # "Judge Alicia Rosenberg of the Central District of California"
    words = terms(name)
    return len(words) > NAME_WORDS_ASKED and frozenset(words[-NAME_WORDS_ASKED:]) <= question_terms


def _after_title(name: str) -> str:
    """The name an office's title goes before: "Stephen N. Limbaugh" of "District Judge Stephen
    N. Limbaugh", whose "District" is no place. Where a line breaks the name ("Judge Mae A." and
    "D'Agostino" on the next), the title and what there is of the name."""
    words = name.split()
    titled = [i for i, word in enumerate(words) if frozenset(terms(word)) & OFFICIAL_TITLES]
    if not titled:
        return name
    rest = " ".join(words[titled[-1] + 1 :])
    if not rest:
        return ""  # a title and no name: "a U.S. District Judge"
    return rest if PERSON_NAME.search(rest) else name


def _asks_for_a_name(aspect: Aspect) -> bool:
    """The part asks for someone's name ("what is the name of the Assistant Director", "who is
    the current Assistant Director"), which a statute's office ("the Assistant Director
    shall…") does not give."""
    return (
        bool(aspect.words & NAME_WORDS)
        or HOLDER_ASKED.search(aspect.asks) is not None
        or WHICH_FIRMS.search(aspect.asks) is not None
    )


def _after_district(name: str) -> str:
    """The name a judicial district's goes before, if any: "John W. Vaudreuil" of "Western
    District of Wisconsin John W. Vaudreuil", nothing of "Northern District of Ohio"."""
    match = DISTRICT_FIRST.match(name)
    return name if match is None else match.group("rest") or ""


def _asks_for_the_bench(aspect: Aspect) -> bool:
    return any(has_form(word, aspect.words) for word in BENCH)


def _did_what_is_asked(before: str, aspect: Aspect) -> bool:
    """An official by title is the one asked for when the part's deed is said to be done by
    them: "who was chairing the task force" and "chaired by the Deputy Attorney General …".
    Not when the part asks who had it done to them: "who was sentenced" and "sentenced by
    Judge …"."""
    match = DONE_BY.search(before)
    return match is not None and _is_the_deed_asked(match.group("verb"), aspect)


def _does_what_is_asked(after: str, aspect: Aspect) -> bool:
    """An official by title is the one asked for when what follows the name says they do the
    part's deed: "who is handling the case" and "Assistant U.S. Attorney Dana Ruiz, who is
    handling the case"."""
    match = WHO_DOES.match(after)
    return match is not None and _is_the_deed_asked(match.group("verb"), aspect)


def _is_the_deed_asked(verb: str, aspect: Aspect) -> bool:
    """The verb is the deed of the part's cue, which asks who did it (not to whom it was
    done: "who was sentenced")."""
    main_clause = SUBORDINATE_CLAUSE.split(aspect.asks, maxsplit=1)[0]
    if PASSIVE.search(main_clause):
        return False
    return any(has_word(cue, frozenset(terms(verb))) for cue in aspect.cue)


def people_by_age(text: str) -> list[list[str]]:
    """The names (as stems) of the people ``text`` names with their age."""
    return [terms(match.group("name")) for match in NAME_WITH_AGE.finditer(text)]


def led_by_someone_else(sentence: str, question_terms: frozenset[str]) -> bool:
    """The sentence opens with a person's name the question does not hold, as its subject:
    "Chi Mak was sentenced last year to more than 24 years" tells nothing of what Chung got.
    An official by title ("Special Agent Dana Ruiz said") or a place is no such subject."""
    opening = LEAD_IN.sub("", sentence, count=1)
    match = SUBJECT_NAME.match(opening) or _surname_with_appositive(opening)
    if match is None:
        return False
    words = frozenset(terms(match.group("name")))
    if words & OFFICE_OR_PLACE or words <= question_terms:
        return False
    return not title_case(sentence)


def _surname_with_appositive(sentence: str) -> re.Match[str] | None:
    match = SURNAME_WITH_APPOSITIVE.match(sentence)
    if match is None:
        return None
    word = match.group("name")
    stems = frozenset(terms(word))
    return None if word.endswith("ly") or not stems or stems & OPENING_ADVERBS else match


def verdict_on_another(sentence: str, asked: frozenset[str]) -> bool:
    """The sentence passes a verdict or a sentence on someone by a name other than those asked
    about (``asked``: their names' words), or tells of such a one as sentenced."""
    verdicts = (
        VERDICT_ON,
        NAME_BEFORE_VERDICT,
        NAMED_AS_SENTENCED,
        NAMED_BEFORE_APPOSITIVE_VERDICT,
        NAME_BEFORE_TERM_RECEIVED,
    )
    for match in (found for pattern in verdicts for found in pattern.finditer(sentence)):
        if match.re is NAMED_BEFORE_APPOSITIVE_VERDICT and NOT_THE_SUBJECT.search(
            sentence[: match.start("name")]
        ):
            continue
        words = frozenset(terms(match.group("name")))
        if words and not words & OFFICE_OR_PLACE and not words & asked:
            return True
    return False


def namesakes(sentence: str, people: Sequence[frozenset[str]]) -> list[tuple[int, int]]:
    """Where the sentence names someone who shares a name with one of ``people`` (their names'
    words) but is someone else: "Mike Yu" is not Yu Long, nor "Walter Liew" Christina Liew.
    Each holds a name the other does not; a title or a month beside the name is no name. A
    name that is one of ``people`` in full is no namesake of another: "Mo Hailong" is not
    someone else for a question about "Mo Hailong (Robert Mo)"."""
    found = []
    for run in NAME_RUN.finditer(sentence):
        words = frozenset(terms(run.group(0))) - NO_GIVEN_NAMES
        if any(_holds_the_name(words, name) for name in people):
            continue
        if any(_another_by_the_same_name(words, name) for name in people):
            found.append(run.span())
    return found


def _holds_the_name(words: frozenset[str], name: frozenset[str]) -> bool:
    """Every word of ``name`` is among ``words``, in some form."""
    return all(_same_name(word, words) for word in name)


def _another_by_the_same_name(words: frozenset[str], name: frozenset[str]) -> bool:
    """``words`` share a word with ``name`` and each holds one the other does not, in any
    form: "Corningas", as text extraction runs a possessive in, is still "Corning"."""
    shared = [word for word in words if _same_name(word, name)]
    return bool(shared) and len(shared) < len(words) and not _holds_the_name(words, name)


def _same_name(word: str, names: frozenset[str]) -> bool:
    """``word`` is one of ``names``, or begins one or is begun by one ("corningas", "corn")."""
    return word in names or any(
        other.startswith(word) or word.startswith(other)
        for other in names
        if min(len(word), len(other)) >= MIN_PREFIX
    )


def acronyms(sentence: str) -> frozenset[str]:
    """The initials of the bodies the sentence names in full, as stems, with the initials of
    their last words: "U.S. Customs and Border Protection" is also "cbp" (and "uscbp"), as a
    question may call it."""
    found: set[str] = set()
    for run in BODY_RUN.finditer(sentence):
        initials = "".join(word[0] for word in run.group(0).split() if word[0].isupper())
        found.update(initials[start:].lower() for start in range(len(initials) - MIN_ACRONYM + 1))
    return frozenset(found)


def clauses(sentence: str) -> list[str]:
    """The sentence's clauses, split where it goes on to another subject, but not between a
    town and its state: "Rhea Lund, 34, of Seattle, Washington was sentenced" is one clause."""
    found: list[str] = []
    start = 0
    for change in SUBJECT_CHANGE.finditer(sentence):
        before = sentence[start : change.start()]
        if change.group(0).strip() == "," and PLACE_BEFORE_ITS_STATE.search(before):
            continue
        found.append(before)
        start = change.end()
    found.append(sentence[start:])
    return found


def led_by_another(clause: str, asked: frozenset[str]) -> bool:
    """The clause opens with the name of someone other than those asked about (``asked``: their
    names' words): "Schrooten received twelve" is not about Williamson, though the question may
    name Schrooten too."""
    match = CLAUSE_SUBJECT.match(clause)
    if match is None:
        return False
    words = frozenset(terms(match.group("name")))
    if not words or words & OFFICE_OR_PLACE:
        return False
    return not words & asked


def names_a_subject(sentence: str) -> bool:
    """The sentence names someone, with his age or as the subject it opens with."""
    return names_someone_by_age(sentence, frozenset()) or led_by_someone_else(sentence, frozenset())


def names_someone_by_age(sentence: str, question_terms: frozenset[str]) -> bool:
    """The sentence names a person the question does not, with the age a release gives a
    defendant ("Todd Richard, 33,")."""
    return any(
        not frozenset(terms(match.group("name"))) <= question_terms
        for match in NAME_WITH_AGE.finditer(sentence)
    )


def _dateline(sentence: str, run: re.Match[str]) -> bool:
    """The run is the place in capitals a release opens with, not anyone's name."""
    return (
        not sentence[: run.start()].strip()
        and run.group(0).isupper()
        and bool(DATELINE_END.match(sentence, run.end()))
    )


def _asks_for_office(titles: frozenset[str], aspect: Aspect) -> bool:
    """The part asks for one of these offices ("which judge"), or for any ("which officials"),
    or for whoever sentences, which a judge does ("who was set to sentence them")."""
    if titles & BENCH and SENTENCER_ASKED.search(aspect.asks):
        return True
    return any(has_word(title, aspect.words) for title in titles | ANY_OFFICE)


def _place_or_body(name: str, aspect: Aspect) -> bool:
    """A place's or a public body's name ("Guangdong Province", "District Court", "Lanham
    Act", "Department of Justice", "U.S. Department of Defense"), unless the part asks for
    that kind of thing ("which court"), for a body ("which agency") or for whom something went
    to."""
    words = terms(name)
    head = terms(name.split(" of ", 1)[0])  # "U.S. Department" of "U.S. Department of Defense"
    ends = {words[0], words[-1], head[-1]} & PLACES_AND_BODIES if words and head else set()
    if words and words[-1] in GATHERINGS | FILINGS:
        ends.add(words[-1])
    if not ends or aspect.words & BODIES_ASKED or RECIPIENT_ASKED.search(aspect.asks):
        return False
    # Forms, not words of like meaning: "which director" asks for no "Administration".
    return not any(has_form(word, aspect.words) for word in ends)


def _statutory_actor(sentence: str, run: re.Match[str], name: str) -> bool:
    """An office or a body a statute gives a duty to ("the Secretary shall develop a
    campaign"): who does what a statute requires."""
    if not STATUTORY_DUTY.match(sentence, run.end()):
        return False
    return bool(frozenset(terms(name)) & OFFICE_OR_PLACE)


def statutory_role(
    sentence: str, question_terms: frozenset[str], leave_asked: bool = False
) -> bool:
    """A sentence that gives a duty ("shall", "must") or a statute's leave ("may") and names a
    role the question does not: "who must prove the costs" is answered by "defendant must prove
    all elements of cost", "whom does the Commissioner consult" by "shall consult with private
    sector entities". Where the part asks who may do something, any "may" is leave."""
    leave = LEAVE_IN_THE_LAW.search(sentence) or (leave_asked and MAY.search(sentence))
    if not (DUTY.search(sentence) or leave):
        return False
    if PERSON_BY_DEED.search(sentence):
        return True
    return bool((frozenset(terms(sentence)) & STATUTORY_ROLES) - question_terms)


def asks_leave(aspect: Aspect) -> bool:
    """The part asks whom a statute lets do something ("who may assign other duties")."""
    return LEAVE_ASKED.search(aspect.asks) is not None


def _without_leading_function_words(run: str) -> str:
    """The run without the function words leading it: a sentence's first word is capitalised,
    so "The FBI" and "In Marcus Hale" stand for "FBI" and "Marcus Hale". An office held for the
    time being is the office: "Acting Deputy Attorney General" is no Act."""
    words = run.split()
    while words and (
        words[0].lower() in STOPWORDS or words[0].lower() in OPENING_WORDS or words[0] == "Acting"
    ):
        words.pop(0)
    return " ".join(words)


def initials_asked(asks: str) -> str:
    """The initials by which the part knows the person it asks for ("TS"), or ""."""
    match = INITIALS_GIVEN.search(asks)
    return re.sub(r"[^A-Z]", "", match.group("initials")) if match else ""


def names_someone_by_initials(sentence: str, initials: str) -> bool:
    """A name whose first and last words begin with the first and the last initial: "Tom
    Sorrel" or "Tom A. Sorrel" for "T.S.", where the initials alone name no one."""
    for run in CAPITALISED_RUN.finditer(sentence):
        words = [word for word in _after_title(run.group(0)).split() if len(word.strip(".")) > 1]
        if len(words) >= 2 and words[0][0] + words[-1][0] == initials[0] + initials[-1]:
            return True
    return False


def title_case(sentence: str) -> bool:
    """Every word of more than four letters capitalised, in a line that is no record field: a
    headline ("Store Owner Sentenced to 30 Months in Prison"), where a list of names still has
    lowercase words ("Wong Ong Hua, 46, and Ling Yang Ching, 32, both Malaysian nationals")."""
    if ":" in sentence or " — " in sentence:
        return False
    words = [word.strip(".,;!?'\"()") for word in sentence.split()]
    words = [word for word in words if word[:1].isalpha()]
    lowercase = [word for word in words if word[0].islower() and len(word) > SHORT_WORD_LETTERS]
    return len(words) >= HEADLINE_WORDS and not lowercase


def _asks_for_a_person(aspect: Aspect) -> bool:
    return bool(aspect.words & PEOPLE_BY_ROLE) and not FIRM_ASKED.search(aspect.asks)


def names_the_employer_asked(aspect: Aspect, sentence: str) -> bool:
    """ "Which company did he work for" is answered by a sentence naming whom he worked for,
    whether or not it calls that employer a company."""
    return (
        aspect.cue <= EMPLOYER_ASKED
        and bool(aspect.words & EMPLOYMENT_ASKED)
        and EMPLOYER_NAMED.search(sentence) is not None
    )


def examiner_untold(aspect: Aspect, sentence: str) -> bool:
    """The part asks for the trademark office's examining attorney, and the sentence does not
    name one as such: the attorney of record is the applicant's, and the record's owners are no
    examiner."""
    return (
        EXAMINER_ASKED.search(aspect.asks) is not None and EXAMINER_NAMED.search(sentence) is None
    )


def presiding_untold(aspect: Aspect, sentence: str) -> bool:
    """The part asks which judge presided over a step of the case, and the sentence does not
    tell of a judge presiding over any: "which judge presided over the Kansas trial" is not
    answered by "was sentenced by U.S. District Court Judge Carlos Murguia"."""
    return (
        PRESIDING_ASKED.search(aspect.asks) is not None and PRESIDING_TOLD.search(sentence) is None
    )
