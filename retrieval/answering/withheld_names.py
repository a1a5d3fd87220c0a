"""A document that describes the firm a question asks for without naming it.

Releases often keep a victim or a supplier anonymous: "a company based in China that used the web
address …", "an Oregon-based company … identified and removed the malware". When the document's
sentence closest to the question is such a description, the name is not in it, and the firm
names the document does hold (the drug's maker, the defendants) answer something else.
"""

from __future__ import annotations

import re

from retrieval.analysis import terms
from retrieval.answering.answer_kinds import AnswerType
from retrieval.answering.questions import Question

ORGANIZATION = (
    r"(?:compan(?:y|ies)|firms?|business(?:es)?|corporations?|manufacturers?|makers?|"
    r"suppliers?|distributors?|retailers?|vendors?|stores?|shops?|subsidiar(?:y|ies)|"
    r"contractors?)"
)
ORGANIZATION_ASKED = re.compile(
    rf"\b(?:which|what)\s+(?:(?!(?:did|does|do|was|were|is|are|has|had)\b)[\w.'&-]+\s+){{0,4}}"
    rf"{ORGANIZATION}\b"
    rf"|\bname of (?:the|that|this|his|her|their)\s+(?:[\w.'&-]+\s+){{0,4}}{ORGANIZATION}\b"
    rf"|\bwho (?:is|was|were|are) (?:the|that|this)\s+(?:[\w.'&-]+\s+){{0,4}}{ORGANIZATION}\b",
    re.I,
)
INDEFINITE_ORGANIZATION = re.compile(
    rf"\b(?:a|an)\s+(?:[\w.'&-]+\s+){{0,5}}?{ORGANIZATION}\b"
    # "a company website", "a business day": the firm's thing, not a firm.
    r"(?!\s+(?:websites?|web|names?|days?|hours|records?|accounts?|owners?|partners?|credits?|"
    r"premises|address|e-?mail|logos?|officials?|employees?|executives?|representatives?|"
    r"polic(?:y|ies)|practices?|license|registration|trip)\b)"
    r"(?P<after>[^.;]{0,30})",
    re.I,
)
NAMED_AFTER = re.compile(
    r"^\s*(?:,\s*|\(\s*)?(?:(?:named|called|known as|doing business as|d/b/a)\b|[A-Z0-9])"
)
NAMED_BEFORE = re.compile(
    r"(?<![\w&.'-])(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Wed|Thu|"
    r"Fri|Sat|Sun|Today|However|Then|Also|Additionally|Meanwhile)\w*\s*,)"
    r"[A-Z][\w&.'-]*,?\s*(?:\([^)]*\)\s*)?,\s*$"
)
"""A name just before the description, set off by a comma: "Capstone Turbine, a …" (not a
month's or an opening word's comma: "In May, an Oregon-based company …")."""


DESCRIPTION_WORDS_ASKED = 2
"""How many of the question's words a firm's description must use to be the one asked about
("Chinese supplier")."""


def parts_asking_which_firm(question: Question) -> frozenset[int]:
    """The question's parts that ask which firm ("what's the name of the China-based company",
    "which locomotive maker", "who was the Chinese supplier")."""
    return frozenset(
        index
        for index, aspect in enumerate(question.aspects)
        if aspect.kind is AnswerType.PERSON and ORGANIZATION_ASKED.search(aspect.asks)
    )


def describes_without_naming(sentence: str, asked: frozenset[str] | None = None) -> bool:
    """The sentence speaks of "a company …" and gives it no name: none follows it ("a company
    named Kingdom International", "a Virginia company, JDC Networking") and none goes before it
    ("Capstone Turbine, a Los Angeles-based manufacturer"). With ``asked`` (the stems of the
    question's words for the firm), only a description in those words counts: "a Houston-area
    oil & gas manufacturer" for "which Houston-area oil and gas manufacturer"."""
    return any(
        not NAMED_AFTER.match(match.group("after"))
        and not NAMED_BEFORE.search(sentence[: match.start()])
        and (asked is None or _in_the_words_asked(match, asked))
        for match in INDEFINITE_ORGANIZATION.finditer(sentence)
    )


def _in_the_words_asked(match: re.Match[str], asked: frozenset[str]) -> bool:
    described = frozenset(terms(match.group(0)[: match.start("after") - match.start()]))
    return len(described & asked) >= DESCRIPTION_WORDS_ASKED
