"""What a question asks for, read from its wording: its key terms (the names and numbers it is
about) and its parts, each an :class:`~retrieval.answering.answer_kinds.Aspect`. Whether a
sentence answers a part is :mod:`retrieval.answering.matching`'s to say.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from retrieval.analysis import terms
from retrieval.answering.agencies import agencies_named
from retrieval.answering.answer_kinds import BESIDE, AnswerType, Aspect
from retrieval.answering.matching import ORDERED_MONEY, amounts, answers, values
from retrieval.answering.named_people import (
    INITIALS,
    OFFICIAL_TITLES,
    PLACES_AND_BODIES,
    clauses,
    led_by_another,
    led_by_someone_else,
    names_someone_by_age,
    namesakes,
    verdict_on_another,
)
from retrieval.answering.operations import another_round
from retrieval.answering.question_kinds import (
    HOW_LONG_A_DOCUMENT,
    IMPOSED_ASKED,
    MAXIMUM,
    MONEY_KINDS,
    PRISON_CONTEXT,
    RULE_ASKED,
    kinds_asked,
    without_time_anchor,
)
from retrieval.answering.words import MIN_PREFIX
from retrieval.series import MONTHS

WH_WORD = (
    r"(?:what|when|who|whom|whose|which|how|where|to what|on what|from which|for what|"
    r"under what|in what|by whom|before which|by which|to whom)\b"
)
LEADING_WH = (
    r"(?:(?:through|on|in|at|from|for|to|by|with|within|into|over|across|about|roughly|approximately|"
    r"around|nearly|exactly|just|then)\s+){0,2}"
)
"""Words a further part may open with before its wh-word: "and through about how many
servers", "and on roughly how many occasions"."""
YES_OR_NO_CLAUSE = (
    r"(?:is|are|was|were|did|does|do|has|have|had|can|could|will|would)\s+"
    r"(?:there|it|he|she|they|any|anyone|anything|the|this|that|his|her|their|its)\b"
)
"""A further part that asks yes or no, opening with its verb and its subject: "…, and is there
any exception", "…, and were any of them charged"."""
NOUN_BEFORE_WH = r"[a-z]+\s+(?:on|of|about|for)\s+(?:how|which|what|whom)\b"
"""A further part that opens with what it is about: "and data on how many people was stolen"."""
CLAUSE_BREAK = re.compile(
    rf"(,\s*and\s+(?={YES_OR_NO_CLAUSE}|{NOUN_BEFORE_WH})"
    rf"|(?:,\s*and\s+|\s+and\s+|,\s*|:\s*)(?={LEADING_WH}{WH_WORD}))",
    re.I,
)
LISTED_AFTER_COLON = re.compile(r"^(?P<head>[^:]+?):\s+(?P<items>[^:]+?)\s*\??\s*$")
LIST_ITEMS = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
EACH_OF_SEVERAL = re.compile(
    r"^(?P<head>.*?\b(?:did|does|do|will|would|could|can|was|were|is|are|has|have|had))\s+"
    r"(?P<subjects>(?:the\s+)?(?-i:[A-Z])[^?]*?)\s+each\s+(?P<rest>[a-z][^?]*\??)\s*$",
    re.I,
)
"""A part asking the same of several it names, each: "how much did Baltimore County and the
Virginia State Police each receive"."""
SUBJECTS_APART = re.compile(r",\s*(?:and\s+)?|\s+and\s+")
NAMED_SUBJECT = re.compile(r"(?:the\s+)?[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*)*$")
"""A subject by its name alone: "Baltimore County", "the Virginia State Police", "Moody's"."""
SUBORDINATE = re.compile(
    r"^\s*(?:when\b(?!\s+(?:was|were|is|are|did|does|do|has|have|had|will|can|must)\b)"
    r"|where\b(?!\s+(?:was|were|is|are|did|does|do|has|have|had|will|can|could|must|may)\b)"
    r"|(?:if|after|before|once|while|since|although|according|in|under|for|at|as)\b"
    r"(?!\s+(?:which|what|whose|whom)\s+(?:[\w'-]+\s+){0,3}?"
    r"(?:was|were|is|are|did|does|do|has|have|had|will|can|could|would|must|should)\b))",
    re.I,
)
"""How a piece that only sets the scene opens ("When he pleaded guilty, …", "In the Xu case,
…", "…, in which a defendant conspired with …"); one that asks opens the same way, with its
verb put first ("In which country was he arrested, …")."""
ASKING_START = re.compile(
    r"^\W*(did|does|do|is|was|were|are|has|have|had|can|could|will|would|should|may|might|list|"
    r"name|give|tell|describe|explain|summari[sz]e|show|find)\b",
    re.I,
)
NAME_OR_NUMBER = re.compile(r"(?<!^)(?<![?!] )(?<!\w\w\. )\b([A-Z][\w&'-]+|\d[\w:/.,-]*)")
CAPITALISED = re.compile(r"\b[A-Z][\w&'-]+")
QUOTED_PHRASE = re.compile(
    r"\"(?P<phrase>[^\"]{3,60})\"|\u201c(?P<curly>[^\u201d]{3,60})\u201d"
    r"|(?<!\w)'(?P<single>[^']{3,60})'(?!\w)"
)
QUOTED_INITIALS = re.compile(INITIALS)
"""Initials quoted ("identified as 'R.K.'"): who is meant, not words a sentence must say."""
DEFINITION_SAYS = (
    r"(?:names?|includes?|lists?|covers?|says?|excludes?|mentions?|specif(?:y|ies)|contains?)"
)
"""What a question asks a definition does: "which types does the definition of X *name*"."""
DEFINITION_ASKED = (
    re.compile(
        r"\b(?:define|definition of|meaning of)\s+(?:the\s+(?:term|phrase|word)\s+)?"
        r"[\"'\u201c\u2018]?(?P<term>[^?\"'\u201d\u2019,;]+?)[\"'\u201d\u2019]?"
        r"(?:\s+(?:under|in|for|within)\b|\s+" + DEFINITION_SAYS + r"\b|\s*[?,;]|\s*$)",
        re.I,
    ),
    re.compile(
        r"\bwhat (?:does|do) (?:the (?:term|phrase|word) )?[\"'\u201c\u2018]?"
        r"(?P<term>[^?\"'\u201d\u2019]+?)[\"'\u201d\u2019]? mean\b",
        re.I,
    ),
)
"""A part asking what a term means: "how does the Act define *dilution by tarnishment*", "what
is the definition of *illicit label*", "what does *counterfeit mark* mean"."""
MONTH_ABBREVIATIONS = ("feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
"""Not "Jan", which is a name as often as a month."""
MONTH_WORDS = frozenset(terms(" ".join(MONTHS + MONTH_ABBREVIATIONS)))
YES_OR_NO = re.compile(
    r"^\W*(?:(?:under|in|for|according to|as of)\b[^,?]{1,80},\s*)?"
    r"(did|does|do|is|was|were|are|has|have|had|can|could|will|would|must|shall|should)\b",
    re.I,
)
"""A part that asks yes or no, opening with its verb, after the law or the case it is about if
the question names that first: "Under 18 U.S.C. 2323(b), must the court order restitution"."""
ASKS_OBJECT = re.compile(
    r"^\s*(?:and\s+)?(?:who|whom)\s+(?:did|does|do|will|would|could|can|should)\b", re.I
)
""""Who did ORZ sue", "whom did he put in charge": the person is the one the verb is done to,
so the verb is no cue (the docket names the defendant without the word "sue")."""
DONE_TO = {terms(verb)[0]: terms(role)[0] for verb, role in {"sue": "defendant"}.items()}
"""What a record calls the one a verb is done to, as stems: "who did ORZ sue" asks for the
"Defendant:" lines of the docket, not for the "Plaintiff:" line the word "sue" would match."""
STATEMENT_END = re.compile(
    r"(?<=[a-z0-9)][.!])\s+(?=[A-Z])"
    rf"|\s+[-\u2013\u2014]+\s+"
    rf"(?={LEADING_WH}{WH_WORD}|(?:did|does|do|is|was|were|are|has|have|had)\b)"
)
"""A statement's end, or a dash after the context a question opens with ("Parviz Khaki was
arrested in the Philippines - when was he extradited?")."""
STATEMENT_WORDS = 3
"""A leading piece shorter than this is no statement but an abbreviation's end ("Did Mr.")."""
COURTESY = re.compile(
    r"^\s*(?:(?:hi|hey|hello|ok|okay|so|quick question)\b[\s,!.:;-]*)*"
    r"(?:(?:(?:can|could|would|will) you (?:please )?|please )?"
    r"(?:tell me|let me know|remind me)"
    r"|do you (?:know|have)|i(?: need| want|'d like| would like) to know|please)\b[\s,:;-]*",
    re.I,
)
"""A chat message's way into its question ("hey, can you tell me when…", "do you know who…"),
which would hide the question word the kinds of answer are read from."""
LEADING_WORD = re.compile(r"^\W*([A-Z][\w&-]+)")
NAMED = re.compile(
    r"[A-Z][a-z][\w'\u2019-]*(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z][\w'\u2019-]*)+"
    r"|\b(?=(?:[A-Z]{2,}\s+)*[A-Z]{4})[A-Z]{2,}(?:\s+[A-Z]{2,})+\b"
)
"""Capitalised words in a row, a middle initial allowed ("Yanjun Xu", "Luis Angel Garcia
Torres", "Liberty Reserve"), or a mark's words in capitals ("BURGER ADDICT"); acronyms side by
side ("the DOJ IP coordinators") are no mark."""
MARK_WORD = re.compile(r"(?<![A-Z] )\b[A-Z]{5,}\b(?! [A-Z]{2,})")
"""A word of five capitals or more standing alone: a mark's name ("ULTRABOOK", "COACH")."""
NOT_A_MARK = frozenset({"USPTO", "USPIS", "USDOJ", "USCIS", "INTERPOL", "EUROPOL", "PACER", "TSDR"})
"""Public bodies and their records systems, in capitals: named in full in the documents
("Patent and Trademark Office"), and no seller a document must name."""
WEBSITE = re.compile(r"\b(?:www\.)?([\w-]+)\.(?:com|net|org|biz|info|cn|ru|us|co|io)\b", re.I)
"""A website's name ("sderclub.com"): it names the seller behind it as a firm's name does."""
NOT_IN_NAMES = OFFICIAL_TITLES | (MONTH_WORDS - {"may"})
"""Capitalised words that are no part of a person's or firm's name: titles and months (not
"May", which names people too)."""
PLACE_NAME_ENDS = frozenset(
    terms(
        "jersey york carolina dakota virginia mexico hampshire columbia rico kong angeles "
        "francisco diego vegas lanka zealand arabia emirates"
    )
)
"""Last words of places named in two words ("British Columbia", "New Jersey", "Hong Kong"): a
question naming one names no person or firm a document must name too."""
OPENER = re.compile(
    r"(?:"
    r"what|when|who|whom|whose|which|how|where|why|is|was|were|are|did|does|do|has|had|"
    r"have|can|could|should|would|will|shall|may|might|in|on|at|for|from|to|of|by|with|"
    r"under|after|before|during|since|as|if|the|a|an|this|that|these|those|there|it|he|"
    r"she|they|his|her|their|its|i|we|you|our|my|your|list|give|tell|name|show|find|"
    r"describe|explain|summarise|summarize|according|and|or|but|besides|apart|other|any|"
    r"all|each|every|some|out|regarding|about|per|please|once|while|although|though|then|"
    r"between|among|within|without|against|into|over|following|next|last|first|"
    r"\w+ly"  # an adverb: "Roughly how many…", "Approximately when…"
    r")$",
    re.I,
)
"""Words a question may start with that name nothing: any other capitalised first word is a
name ("Kane's sentencing got pushed back: what's the new date?")."""
TYPE_WORDS = frozenset(
    terms(
        "date day year number id identifier serial long time amount total range name real full "
        "person end ended resolved resolution concluded closed decided outcome disposition "
        "happened where place location city town website site domain url address section "
        "statute law provision act subsection legislation bill covers covered governs governed "
        "categories kinds types sorts two three four five six seven eight nine ten "
        "exact exactly specific specifically precise precisely particular"
    )
)
"""Words that say which kind of answer is wanted, not what it is about: no part of a cue. How
many are asked for is one of them: "which two agencies" is answered by the agencies named, and
so is how precisely: "on what exact date" by the date, without "exact"."""
BESIDES = re.compile(rf"\b{BESIDE}\s+((?:[\w'-]+\s+){{0,3}}[\w'-]+)", re.I)
"""What a question names as given beside what it asks ("on top of her restitution")."""
LIGHT_VERBS = frozenset(terms("bear bears bore borne"))
"""Verbs whose noun says what is asked: "who bears the burden" is answered by "the defendant
shall have the burden of proof"."""
PREPOSITIONS = frozenset(
    ("of", "from", "in", "at", "on", "for", "with", "by", "to", "into", "through", "under")
)
GENERIC_PEOPLE = frozenset(terms("people persons individuals men women"))
"""Heads of "which individuals" that any name answers: no cue a sentence must repeat."""
GENERIC_COUNTED = GENERIC_PEOPLE | frozenset(terms("times"))
"""Heads of "how many" that other words count as well ("five defendants" are people)."""
ANSWERABLE_FOR = frozenset(terms("responsible accountable standing entitled eligible"))
"""What "who is *responsible* for running the campaign" says of whoever runs it: the statute
that names them says "shall run", not "responsible"; "who has *standing* to bring the civil
action" is answered by "liable in a civil action by any person who…"."""
GENERIC_HEADS = {
    AnswerType.COUNT: GENERIC_COUNTED,
    AnswerType.PERSON: GENERIC_PEOPLE | ANSWERABLE_FOR,
}
"""For a kind of answer, the words naming what is asked for that no sentence need repeat."""
PLURAL = re.compile(
    r"\b(who|which|what)\b[^,?]*\b(are|were)\b|\b(defendants|owners|registrants|applicants|"
    r"sentences|judges|attorneys|people|persons|individuals|companies|engineers|men|women)\b",
    re.I,
)
UNCUED = frozenset(
    {AnswerType.PRISON_SENTENCE, AnswerType.MONEY, AnswerType.OUTCOME, AnswerType.WEB_ADDRESS}
)
"""Kinds whose own check says enough: an imposed prison term, the kind of money, a case's end,
a web address."""
FILED_ACTIVE = re.compile(
    r"\bfile[ds]?\s+(?:his|her|its|their|the|a|an)\s+(?P<what>[A-Za-z]\w+)", re.I
)
"""Filing something, not a "file system": the verb takes a determiner."""
NICKNAME = re.compile(r"\s+[\"\u201c][A-Z][\w.'-]*[\"\u201d]\s+")
"""A nickname in quotes inside a name: Dongfan *"Greg"* Chung."""
PERSONAL_KINDS = frozenset({AnswerType.PRISON_SENTENCE, AnswerType.DATE, AnswerType.OUTCOME})
"""Kinds of answer that befall a person: a sentence about someone else is none of theirs. (An
amount may be paid to someone else: "$210,738 in restitution to TRW Automotive".)"""
OFFICERS_OF_A_CASE = frozenset(terms("judge magistrate justice prosecutor attorney ausa"))
"""The officers a part may ask for in the named person's own case: "which judge sentenced
Nguyen" is not answered by "Li, 44, pleaded guilty before Judge McNulty"."""
OTHER_PEOPLE = frozenset(
    terms(
        "codefendant codefendants coconspirator coconspirators accomplice accomplices partner "
        "partners others wife husband son daughter brother sister father mother employee "
        "employees each both all"
    )
)
"""Words by which a part asks about people the question does not name."""
CO_ROLES = tuple(frozenset(terms(role)) for role in ("co-defendant", "co-conspirator"))
"""The same words hyphenated, which come apart into their stems: a part asking about
"defendant Ng" or what he was "conspiring" to do asks about him; only with both stems ("co",
"defend") does it ask about his co-defendants."""
SOMEONE_ELSE = OTHER_PEOPLE - frozenset(terms("each both all"))
"""Those words that name people apart from the one the question names ("each" may be him)."""
UNNAMED_SUBJECT = re.compile(
    r"(?:^|[\u2013\u2014-]\s+|\.\s+)(?:an?|two|three|four|five)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:m[ae]n|wom[ae]n|nationals?|residents?|citizens?|business(?:m[ae]n|wom[ae]n)|couple)\s+"
    # What the subject did may hold an initialism's stops: "from China for sale in the U.S.".
    r"(?:\w+\s+|(?:who|that)\s(?:[^.;]|(?<=\b[A-Z])\.){0,200}?\s)?"
    r"(?:was|were|has|have|had|is|are|pleaded|pled)\b",
    re.I,
)
"""A sentence's subject told of without a name, as a release's first sentence does: "SANTA ANA
- A man was sentenced today…", "Two Chinese nationals were charged…", "An Italian national who
smuggled counterfeit electronics … was sentenced"."""
ASKED_NOT_TOLD = re.compile(r"\?[\"\u201d']?\s*$")
"""A sentence that asks tells nothing, as a reporter's question at a briefing does: "Q But
weren't we told there would be 100,000 new police officers on the streets by 2000?"."""
NAMED_BESIDE = re.compile(
    r"\b(?:alongside|along with|together with|co-?(?:defendants?|conspirators?) of)\s+"
    r"(?P<others>[^,;?\u2013\u2014]*?)(?=\s+-\s|[,;?\u2013\u2014]|$)",
    re.I,
)
"""Those a question names beside the one it asks about: "Hui Huang, the Chinese national
charged *alongside Shan Shi* - was he ever convicted?"."""
PRONOUN_SUBJECT = re.compile(r"\W*(?:He|She)\b")
"""A sentence that tells of someone by the pronoun alone, as the one named before."""
PAGES = frozenset(terms("pages"))
"""What is counted when a part asks how long a document is."""
AMOUNT_KINDS = frozenset({AnswerType.MONEY, AnswerType.COUNT, AnswerType.NUMBER})
"""Kinds of answer that are amounts, which a part asking yes or no never asks for."""
EVENT_KINDS = frozenset({AnswerType.OUTCOME})
"""Kinds of answer that are events, whose date or place a following part may ask."""
MODALS = "must|shall|should|will|would|can|could|may|might"
"""Auxiliaries of a question's verb ("whom *must* the Commissioner consult", "which businesses
*can* submit"): no modifier of what is asked."""
MODAL_TERMS = frozenset(terms(MODALS.replace("|", " ")))
MODIFIED: dict[AnswerType, re.Pattern[str]] = {
    AnswerType.NUMBER: re.compile(r"\b(\w+) (number|no\.|id|identifier)\b", re.I),
    AnswerType.DATE: re.compile(r"\b(\w+) date\b", re.I),
    AnswerType.COUNT: re.compile(
        r"\bhow (?:many|much) ((?:(?!(did|does|do|was|were|is|are|has|had|have|must|shall|should|"
        r"will|would|can|could|may|might|turned|proved|ended|wound)\b)[\w-]+,? ){1,6})",
        re.I,
    ),
    AnswerType.PERSON: re.compile(
        r"^\s*(?:and\s+)?(?:to |by |from |for |under |before |in )?(?:who|whom|whose|which|what)"
        rf"\s+(?:(?:is|was|are|were|did|does|do|has|had|have|{MODALS})\s+)?"
        r"(?:(?:the|a|an|his|her|its|their)\s+)?"
        r"((?:(?!(?:for|of|in|to|the|a|an|at|on|with|by|from|it|him|her|them|and|after|before|"
        r"when|did|does|do|was|were|is|are|has|had|have)\b)[\w.-]+\s*){1,5})",
        re.I,
    ),
}


@dataclass(frozen=True)
class Question:
    text: str
    terms: list[str]
    aspects: tuple[Aspect, ...]
    """What the question asks for, in the order its wording names them; one ANY if nothing."""
    key_terms: list[str]
    """Stems of the names and numbers in the question: the things it is about."""
    names: tuple[tuple[str, ...], ...] = ()
    """The people and firms the question names, each as its words' stems ("Yanjun Xu"): not a
    place, a public body, an official's title or a month."""
    named_beside: frozenset[str] = frozenset()
    """The words of the names the question gives only beside the one it asks about: "Hui
    Huang, the Chinese national charged alongside *Shan Shi*"."""

    @classmethod
    def parse(cls, text: str) -> Question:
        text = COURTESY.sub("", text, count=1)
        names = NAME_OR_NUMBER.findall(text) + _leading_name(text)
        key_terms = sorted({term for word in names for term in terms(word)})
        maximum = bool(MAXIMUM.search(text) or RULE_ASKED.search(text))
        prison_context = bool(PRISON_CONTEXT.search(text))
        asking = _asking(text)
        parts = _parts(asking)
        aspects: list[Aspect] = []
        previous_cue: frozenset[str] = frozenset()
        previous_kind = AnswerType.ANY
        given_amounts = amounts(text)
        people_and_firms = _names(text)
        for index, part in enumerate(parts):
            # A bare "When" of "When and where was he arrested" asks about the next part's deed.
            part_terms = terms(part) or (terms(parts[index + 1]) if index + 1 < len(parts) else [])
            own_names = _own_names(index, parts) if index else frozenset()
            # Only where the part names a person or firm of its own does a sentence naming
            # another part's speak of someone else: "his Ohio indictment" is still Xu's.
            others_names = (
                _others_names(index, parts)
                if any(frozenset(name) <= own_names for name in people_and_firms)
                else frozenset()
            )
            asked = without_time_anchor(part, prison_context)
            own_cue = _cue(terms(asked), key_terms)
            cue = own_cue or previous_cue
            of_kind = AnswerType.ANY if own_cue else previous_kind
            money = _money_asked(part, frozenset(part_terms) & MONEY_KINDS)
            # An office is no name, however it is capitalised ("which U.S. Attorney").
            not_asked = frozenset(key_terms) - OFFICIAL_TITLES
            words = frozenset(part_terms) - not_asked
            many = bool(PLURAL.search(part))
            for kind in _kinds_asked(asked, prison_context) or [AnswerType.ANY]:
                named = _modifier(kind, part) - not_asked
                named -= GENERIC_HEADS.get(kind, frozenset())
                done_to = kind is AnswerType.PERSON and bool(ASKS_OBJECT.match(part))
                uncued = kind in UNCUED or done_to
                aspect_cue = frozenset() if uncued else named or cue
                part_words, part_many = (_role_done_to(words), True) if done_to else (words, many)
                counting = kind is AnswerType.COUNT
                counted = _counted(part, key_terms) if counting else frozenset()
                counted_names = _counted_names(part) if counting else frozenset()
                filed = _filed(part) if kind is AnswerType.DATE else frozenset()
                aspects.append(
                    Aspect(
                        kind,
                        aspect_cue,
                        money_terms=money,
                        maximum=maximum and not _asks_what_was_imposed(part),
                        words=part_words,
                        many=part_many,
                        asks=_asked(part),
                        counted=counted,
                        counted_names=counted_names,
                        filed=filed,
                        own_names=own_names,
                        others_names=others_names,
                        of_kind=of_kind,
                        of_whom=_names_words(text) if kind is AnswerType.AGE else frozenset(),
                        quoted=_quoted(part),
                        defined=_defined(part),
                        given_amounts=given_amounts,
                    )
                )
            previous_cue = cue
            previous_kind = aspects[-1].kind if aspects[-1].kind in EVENT_KINDS else AnswerType.ANY
        return cls(
            text=text,
            terms=terms(text),
            aspects=tuple(dict.fromkeys(aspects)) or (Aspect(AnswerType.ANY),),
            key_terms=key_terms,
            names=people_and_firms,
            named_beside=_named_beside(text, people_and_firms),
        )

    @property
    def asked_terms(self) -> list[str]:
        """The terms of what the message asks, with the names and numbers of all of it: the
        story a question opens with ("A competitor markets olive oil as Italian.") tells which
        rule is asked about, not words the rule must hold."""
        asked = terms(_asking(self.text))
        named = [term for term in self.key_terms if term in self.terms and term not in asked]
        return asked + named

    @property
    def primary_index(self) -> int:
        """The part the question asks for first, a specific kind of answer if it names one
        ("Was he ever caught, and what sentence did he get?" asks for a sentence)."""
        typed = [i for i, aspect in enumerate(self.aspects) if aspect.kind is not AnswerType.ANY]
        return typed[0] if typed else 0

    @property
    def asks_who_the_others_are(self) -> bool:
        """Some part asks who the people beside the one the question names are ("who was the
        Kansas co-defendant awaiting trial in the case involving Wengui Yan")."""
        return any(
            aspect.kind is AnswerType.PERSON and _asks_of_others(aspect) for aspect in self.aspects
        )

    @property
    def officers_asked(self) -> frozenset[int]:
        """The parts asking for the judge or the prosecutor of the case the question names
        ("and which judge accepted the plea")."""
        return frozenset(
            index
            for index, aspect in enumerate(self.aspects)
            if _asks_for_an_officer_of_his_case(aspect)
        )

    @property
    def asks_for_a_kind(self) -> bool:
        """Some part asks for a kind of answer (a date, a name, an amount), not for anything."""
        return any(aspect.kind is not AnswerType.ANY for aspect in self.aspects)

    def asks_yes_or_no(self, part: int) -> bool:
        """The part asks yes or no ("did he go to trial"): any sentence about it seems to
        answer it, so it alone never shows that a question with a kind of answer is answered."""
        aspect = self.aspects[part]
        return aspect.kind is AnswerType.ANY and bool(YES_OR_NO.match(aspect.asks))

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
        # A PDF's line breaks fall inside phrases ("a sentence of up\nto 10 years").
        sentence = " ".join(sentence.split())
        if ASKED_NOT_TOLD.search(sentence) or another_round(self.text, sentence):
            return frozenset()
        present = frozenset(sentence_terms)
        answered = frozenset(
            index
            for index, aspect in enumerate(self.aspects)
            if answers(aspect, sentence, present, self.terms, preceding_terms)
        )
        personal = frozenset(i for i in answered if _of_whom_it_is_asked(self.aspects[i]))
        if personal and (
            self._about_someone_else(sentence, present) or self._names_only_namesakes(sentence)
        ):
            return answered - personal
        if personal:
            answered -= self._given_only_of_others(personal, sentence)
        officers = frozenset(
            i for i in answered if _asks_for_an_officer_of_his_case(self.aspects[i])
        )
        if officers and self._names_another_defendant(sentence, present):
            answered -= officers
        return answered - self._told_once_for_both(answered, sentence)

    def _given_only_of_others(self, parts: frozenset[int], sentence: str) -> frozenset[int]:
        """The parts about the person the question names whose every value the sentence gives
        in a clause about someone else: "Schroebel was sentenced to seven years, Schrooten
        received twelve, and Williamson is awaiting trial" gives no term of Williamson's."""
        asked = frozenset(word for name in self.names if len(name) >= 2 for word in name)
        sentence_clauses = clauses(sentence)
        if not asked or len(sentence_clauses) < 2:
            return frozenset()
        others = [clause for clause in sentence_clauses if led_by_another(clause, asked)]
        own = [clause for clause in sentence_clauses if clause not in others]

        def gives(index: int, group: list[str]) -> bool:
            aspect = self.aspects[index]
            return any(answers(aspect, c, frozenset(terms(c)), self.terms) for c in group)

        return frozenset(i for i in parts if gives(i, others) and not gives(i, own))

    def _told_once_for_both(self, answered: frozenset[int], sentence: str) -> frozenset[int]:
        """The parts asking what befell the others ("what sentences did his codefendants
        receive") that a sentence answers only with the one value it gives for the person
        another part asks about: "Shi was sentenced to 16 months" tells nothing of the
        others' sentences."""
        about_others = {i for i in answered if _asks_of_others(self.aspects[i], SOMEONE_ELSE)}
        kinds_of_the_one = {self.aspects[i].kind for i in answered - about_others}
        return frozenset(
            i
            for i in about_others
            if self.aspects[i].kind in kinds_of_the_one
            and len(values(self.aspects[i], sentence)) < 2
        )

    def told_of_whom_the_next_names(
        self, sentence: str, present: frozenset[str], following: str
    ) -> frozenset[int]:
        """The parts asking what befell the person the question names, of a sentence that
        tells of an unnamed "man" whom the sentence after it names, as someone else: "A man was
        sentenced today to eight years and ordered to pay $201,000 in restitution." followed by
        "Larry Allred, 58, pleaded guilty…" tells nothing of what his co-defendant owes."""
        if not self._names_people_missing_from(present):
            return frozenset()
        if not UNNAMED_SUBJECT.search(sentence):
            return frozenset()
        if not self._about_someone_else(following, frozenset(terms(following))):
            return frozenset()
        return self._befalling_the_one_named()

    def told_of_whom_the_last_named(
        self, sentence: str, present: frozenset[str], preceding: Sequence[str]
    ) -> frozenset[int]:
        """The parts asking what befell the person the question names, of a sentence that
        tells of "he" after sentences (``preceding``) that name someone else as a subject and
        never him: "In February 2011, Jin Ming Zhang was arrested… He remained a pretrial
        detainee… when he was sentenced to time served and a $2,000 fine" tells nothing of
        the fine Su Lian Wu was given."""
        if not preceding or not PRONOUN_SUBJECT.match(sentence):
            return frozenset()
        before = frozenset(terms(" ".join(preceding)))
        if not self._names_people_missing_from(present | before):
            return frozenset()
        if not any(self._names_another_subject(text) for text in preceding):
            return frozenset()
        return self._befalling_the_one_named()

    def _befalling_the_one_named(self) -> frozenset[int]:
        """The parts asking what befell the person the question names, or what he was ordered
        to pay."""
        return frozenset(
            index
            for index, aspect in enumerate(self.aspects)
            if _of_whom_it_is_asked(aspect) or aspect.money_terms & ORDERED_MONEY
        )

    def _names_another_subject(self, sentence: str) -> bool:
        """A clause of the sentence opens with someone's name, or the sentence names someone
        with his age: the one a following "he" is."""
        if self._about_someone_else(sentence, frozenset(terms(sentence))):
            return True
        asked = frozenset(word for name in self.names for word in name)
        return any(led_by_another(clause, asked) for clause in clauses(sentence))

    def _names_only_namesakes(self, sentence: str) -> bool:
        """The sentence names none of the people the question asks about but someone who
        shares a name with one of them: "Mike Yu … was sentenced to 70 months" tells nothing
        of Yu Long's sentence."""
        people = [frozenset(name) for name in self.names if len(name) >= 2]
        spans = namesakes(sentence, people)
        if not spans:
            return False
        rest = sentence
        for start, end in reversed(spans):
            rest = f"{rest[:start]} {rest[end:]}"
        return self._names_people_missing_from(frozenset(terms(rest)))

    def _names_people_missing_from(self, present: frozenset[str]) -> bool:
        """The question names people (of two words or more), and none of their words is among
        ``present``. Those it names only beside the one it asks about do not count: a sentence
        naming Shan Shi alone tells nothing of Hui Huang, "charged alongside Shan Shi"."""
        people = [
            name for name in self.names if len(name) >= 2 and not set(name) <= self.named_beside
        ]
        return bool(people) and not any(word in present for name in people for word in name)

    def _names_another_defendant(self, sentence: str, present: frozenset[str]) -> bool:
        """The question names people, and the sentence none of them but someone else with
        his age, as a release names a defendant: the judge before whom "Li, 44, pleaded
        guilty" is of Li's case. (A name leading the sentence may be the officer asked for:
        "Andrew Sottile, lead attorney".)"""
        if not self._names_people_missing_from(present):
            return False
        return names_someone_by_age(sentence, frozenset(self.terms))

    def _about_someone_else(self, sentence: str, present: frozenset[str]) -> bool:
        """The question names people, and the sentence names someone else, as a release
        names a defendant, with his age, and none of them: "Todd Richard, 33, was sentenced to
        36 months" tells nothing of what the Edmans got. A sentence that says "he" names no
        one."""
        if not self._names_people_missing_from(present):
            return False
        question_terms = frozenset(self.terms) - self.named_beside
        return (
            names_someone_by_age(sentence, question_terms)
            or led_by_someone_else(sentence, question_terms)
            or verdict_on_another(sentence, question_terms)
        )


def _asks_what_was_imposed(part: str) -> bool:
    """The part asks what a court imposed, not the most a law or a plea allows: "and what
    sentence did the court ultimately impose" (not "what fine does 19 U.S.C. 1526 impose")."""
    return bool(IMPOSED_ASKED.search(part)) and not (
        MAXIMUM.search(part) or RULE_ASKED.search(part)
    )


def _of_whom_it_is_asked(aspect: Aspect) -> bool:
    """A part asking what befell the person the question names (a prison term, a date, an
    end), not who someone is or what befell the others ("his co-defendants")."""
    return aspect.kind in PERSONAL_KINDS and not _asks_of_others(aspect)


def _asks_for_an_officer_of_his_case(aspect: Aspect) -> bool:
    """A part asking for the judge or the prosecutor of the named person's own case."""
    return (
        aspect.kind is AnswerType.PERSON
        and bool(aspect.words & OFFICERS_OF_A_CASE)
        and not _asks_of_others(aspect)
    )


def _asks_of_others(aspect: Aspect, others: frozenset[str] = OTHER_PEOPLE) -> bool:
    """The part asks about people other than (or beside) the one the question names."""
    return bool(aspect.words & others) or any(role <= aspect.words for role in CO_ROLES)


def _kinds_asked(part: str, prison_context: bool) -> list[AnswerType]:
    """A part asking yes or no asks for no amount, whatever words it uses: "can a registrar be
    held liable for damages" is answered by the rule, which names none. (It may ask for an
    event: "did he end up being convicted".)"""
    kinds = kinds_asked(part, prison_context)
    if not YES_OR_NO.match(part):
        return kinds
    return [kind for kind in kinds if kind not in AMOUNT_KINDS]


def _asked(part: str) -> str:
    """A part's words as a reader would quote them back: no leading "and", no question mark."""
    return re.sub(r"^\s*(and\s+)|[\s?.,]+$", "", part)


def _asking(text: str) -> str:
    """The message from its first sentence that asks: "I'm working the Kane referral. When
    was he sentenced?" asks only the second (whose "he" the first's names still tell)."""
    pieces = STATEMENT_END.split(text)
    for index, piece in enumerate(pieces[:-1]):
        if "?" in piece or len(piece.split()) < STATEMENT_WORDS or _asks(piece):
            return " ".join(pieces[index:])
    return pieces[-1] if "?" in pieces[-1] else text


def _asks(piece: str) -> bool:
    return bool(ASKING_START.match(piece) or re.match(rf"\W*{WH_WORD}", piece, re.I))


def _parts(text: str) -> list[str]:
    """The question's parts: split before each further wh-word, and before a further yes or
    no after ", and". A leading "When he pleaded guilty, …" or "In a civil case, …" is
    context, not a part: it names no kind of answer; so is all before a colon that a wh-word
    follows ("On the APT10 indictment: what is …")."""
    pieces = CLAUSE_BREAK.split(text)
    parts = [pieces[0]]
    for separator, part in zip(pieces[1::2], pieces[2::2], strict=True):
        if len(parts) == 1 and separator.strip() == "," and _context_only(parts[0]):
            parts = [part]
            continue
        if separator.strip() == ":":
            parts = [part]  # what comes before is the topic: "Danny Ferrer, whom he named: how…"
            continue
        parts.append(part)
    return [asked for part in parts for listed in _listed(part) for asked in _of_each(listed)]


def _listed(part: str) -> list[str]:
    """A part that lists after a colon what it asks for, two kinds of answer or more ("what
    sentence did he get: prison term, restitution, and supervised release"), as one part for
    each; not choices ("how did it end: conviction, plea deal or dismissal")."""
    match = LISTED_AFTER_COLON.match(part)
    if not match or re.search(rf"\bor\b|{WH_WORD}", match.group("items"), re.I):
        return [part]
    items = [item for item in LIST_ITEMS.split(match.group("items")) if item.strip()]
    asked = [f"what {item.strip()}" for item in items]
    typed = [piece for piece in asked if kinds_asked(piece, prison_context=False)]
    return asked if len(items) >= 2 and len(typed) >= 2 else [part]


def _of_each(part: str) -> list[str]:
    """A part asking the same of several named subjects, each ("how much did Baltimore County
    and the Virginia State Police each receive"), as one part for each: a release that gives
    one's amount does not say the other's."""
    match = EACH_OF_SEVERAL.match(part)
    if not match:
        return [part]
    subjects = SUBJECTS_APART.split(match.group("subjects"))
    if len(subjects) < 2 or not all(NAMED_SUBJECT.match(subject) for subject in subjects):
        return [part]
    return [f"{match.group('head')} {subject} {match.group('rest')}" for subject in subjects]


def _named_beside(text: str, names: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """The words of the names the question gives only after "alongside", "along with" or "a
    co-defendant of", where it names someone else as well: the one it asks about."""
    beside = frozenset(
        word for match in NAMED_BESIDE.finditer(text) for word in terms(match.group("others"))
    )
    referenced = [name for name in names if set(name) <= beside]
    if not referenced or len(referenced) == len(names):
        return frozenset()
    return frozenset(word for name in referenced for word in name)


def _own_names(index: int, parts: list[str]) -> frozenset[str]:
    """The names of part ``index`` that no other part has, where a part before it names
    something else of its own: "how much went to Baltimore County and how much to the Virginia
    State Police" asks about two bodies, "when and before which judge was the Boulder men's
    arraignment" about one."""
    names = [_capitalised(part) for part in parts]
    others = [frozenset(terms(part)) for part in parts]
    if not any(names[before] - others[index] for before in range(index)):
        return frozenset()
    return names[index] - frozenset().union(*(others[:index] + others[index + 1 :]))


def _others_names(index: int, parts: list[str]) -> frozenset[str]:
    """The names the other parts have that part ``index`` does not."""
    others = frozenset().union(*(_capitalised(part) for i, part in enumerate(parts) if i != index))
    return others - frozenset(terms(parts[index]))


def _quoted(part: str) -> frozenset[str]:
    """The words of the phrase of two words or more that the part quotes, initials aside, even
    if only one of them is more than a function word ("'very close'"). A part quoting several
    asks about each, which one sentence may give alone ("where do the definitions of 'financial
    gain' and 'work being prepared for commercial distribution' come from")."""
    quoted = [
        next(group for group in match.groups() if group) for match in QUOTED_PHRASE.finditer(part)
    ]
    phrases = [
        words
        for words in (
            terms(phrase)
            for phrase in quoted
            if len(phrase.split()) >= 2 and not QUOTED_INITIALS.fullmatch(phrase)
        )
        if words
    ]
    return frozenset(phrases[0]) if len(phrases) == 1 else frozenset()


def _defined(part: str) -> frozenset[str]:
    """The words of the term the part asks the definition of, as stems."""
    for pattern in DEFINITION_ASKED:
        match = pattern.search(part)
        if match:
            return frozenset(terms(match.group("term")))
    return frozenset()


def _capitalised(part: str) -> frozenset[str]:
    """The stems of a part's capitalised words, less months, officials' titles and the words
    any place or body has ("State", "Police")."""
    named = frozenset(term for word in CAPITALISED.findall(part) for term in terms(word))
    return named - MONTH_WORDS - OFFICIAL_TITLES - PLACES_AND_BODIES


def _context_only(piece: str) -> bool:
    """ "When he pleaded guilty", "Besides the company itself", "Of the settlement": a
    leading piece that asks nothing."""
    return bool(SUBORDINATE.match(piece)) or not (
        ASKING_START.match(piece) or re.search(rf"\b{WH_WORD}", piece, re.I)
    )


def _role_done_to(words: frozenset[str]) -> frozenset[str]:
    """The part's words with a verb a record names by its object's role put as that role."""
    return frozenset(DONE_TO.get(word, word) for word in words)


def _names(text: str) -> tuple[tuple[str, ...], ...]:
    """The stems of each name of two words or more, less titles and months, each mark's word
    in capitals ("ULTRABOOK") and each website's name ("sderclub.com")."""
    found: dict[tuple[str, ...], None] = {}
    for match in NAMED.finditer(NICKNAME.sub(" ", text)):
        words = tuple(stem for stem in terms(match.group(0)) if stem not in NOT_IN_NAMES)
        if len(words) >= 2 and words[-1] not in PLACES_AND_BODIES | PLACE_NAME_ENDS:
            found[words] = None
    for match in MARK_WORD.finditer(text):
        if match.group(0) in NOT_A_MARK:
            continue
        found[tuple(terms(match.group(0)))] = None
    for match in WEBSITE.finditer(text):
        found[tuple(terms(match.group(1)))] = None
    return tuple(name for name in found if name)


def _names_words(text: str) -> frozenset[str]:
    return frozenset(word for name in _names(text) for word in name)


def _leading_name(text: str) -> list[str]:
    """The question's first word, if it is a name (the names after it are found by their
    capital letter; the first word has one anyway)."""
    match = LEADING_WORD.match(text)
    if match is None or OPENER.match(match.group(1)):
        return []
    return [match.group(1)]


def _money_asked(part: str, money: frozenset[str]) -> frozenset[str]:
    """The kinds of money the part names, less one it names as given beside what it asks: "how
    large a fine on top of her restitution" asks for the fine alone."""
    given = frozenset(term for phrase in BESIDES.findall(part) for term in terms(phrase)) & money
    return (money - given) or money


def _cue(part_terms: list[str], key_terms: list[str]) -> frozenset[str]:
    return frozenset(
        term
        for term in part_terms
        if len(term) >= MIN_PREFIX and term not in key_terms and term not in TYPE_WORDS
    )


def _counted(part: str, key_terms: list[str]) -> frozenset[str]:
    """The head word of what "how many" counts: the last word before any preposition ("how
    many *units* of perfume", "how many *batteries* from VH-7"), or the last plural among them,
    if it is no name (in capitals). A word that elsewhere says which kind of answer is wanted is
    counted here: "how many domain *names*". How long a document is counts its pages."""
    if HOW_LONG_A_DOCUMENT.search(part):
        return PAGES
    words = _counted_words(part)
    # A plural in capitals that ends the words is what is counted ("how many Americans"), not
    # a name; one before another word may be a name ("how much Siemens data").
    counted_plural = bool(words) and _plural(words[-1])
    if words and not _plural(words[-1]):
        # A verb may end the words ("how many transactions ran through"): the plural heads them.
        words = [word for word in words if _plural(word)] or words
    head = terms(words[-1]) if words else []
    # A word in lower case here is no name, whatever the question capitalises elsewhere ("how
    # many competition agencies signed the Framework on Competition Agency Procedures").
    capitalised = bool(words) and words[-1][:1].isupper() and not counted_plural
    named = frozenset(key_terms) if capitalised else frozenset()
    return frozenset(head) - GENERIC_COUNTED - named


def _plural(word: str) -> bool:
    lowered = word.lower()
    return len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith("ss")


def _counted_names(part: str) -> frozenset[str]:
    """The capitalised words of what "how many" counts: "how many counterfeit *Levitra*
    tablets" (not "China-benefiting", which says of the cases, not which, nor an agency, which
    a sentence may name in full: :mod:`.agencies` tells them apart)."""
    names = [
        word
        for word in _counted_words(part)[:-1]
        if word[:1].isupper() and "-" not in word and not agencies_named(word)
    ]
    return frozenset(term for word in names for term in terms(word))


LINKING_PARTICIPLES = frozenset(
    re.findall(r"\w+", "involving including concerning regarding pertaining bearing containing")
)
"""Words that go on to say what the counted things are of, as a preposition does: "how many
*transactions* involving fraudulent coupons"."""
COUNTED_WORDS_END = PREPOSITIONS | LINKING_PARTICIPLES


def _counted_words(part: str) -> list[str]:
    """The words after "how many" (or "how much") up to the first preposition: "how many
    *counterfeit Levitra tablets* from Fletcher"."""
    match = MODIFIED[AnswerType.COUNT].search(part)
    words = match.group(1).split() if match else []
    ends = [i for i, word in enumerate(words) if word.lower() in COUNTED_WORDS_END]
    words = words[: ends[0]] if ends else words
    listed = [i for i, word in enumerate(words) if word.endswith(",")]
    # A list of things counted ("how many handbags, belts and wallets") is headed by its first.
    return [word.rstrip(",") for word in words[: listed[0] + 1]] if listed else words


def _filed(part: str) -> frozenset[str]:
    """The first word of what the part asks the filing of: "file his *answer*", "file the
    *Section* 8 declaration". ("When was the case filed" asks for the docket's filing date,
    which names no case: what is filed is named only after the verb.)"""
    match = FILED_ACTIVE.search(part)
    return frozenset(terms(match.group("what"))) if match else frozenset()


def _modifier(kind: AnswerType, part: str) -> frozenset[str]:
    """The words naming which number or date is asked for (the *registration* number), what
    is counted (how many *counterfeit airbags*) or whose name (who *owns*, which *judge*)."""
    pattern = MODIFIED.get(kind)
    match = pattern.search(part) if pattern else None
    if match is None:
        return frozenset()
    # A letter of an initialism ("U.S. Attorney") tells nothing of whose name is asked.
    words = frozenset(term for term in terms(match.group(1)) if len(term) > 1)
    return words - TYPE_WORDS - LIGHT_VERBS - MODAL_TERMS
