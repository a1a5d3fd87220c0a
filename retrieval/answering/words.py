"""When a word of a sentence is a word of the question: the same stem, another form of it ("own"
and "owner"), or a word of the same meaning in cases ("fake" and "counterfeit")."""

from __future__ import annotations

from functools import cache

from retrieval.analysis import terms

MIN_PREFIX = 3
MAX_SUFFIX = 4
"""Two stems are one word if the shorter (3 letters or more) starts the longer, at most 4 letters
longer: "own" and "owner", "reg" and "registr"."""
SAME_MEANING = (
    "counterfeit fake bogus knockoff phony imitation pirated forged spurious",
    "fugitive run large fled flee escaped wanted",
    "prosecutor prosecuted prosecuting attorney ausa",
    "lawyer counsel attorney represented",
    "defendant accused charged indicted",
    "sue sued lawsuit plaintiff complaint",
    "seize seized seizure confiscated grabbed intercepted",
    "head chief director leader lead",
    "buy bought purchase purchased",
    "sell sold sale sales selling",
    "ship shipped shipment shipping mailed",
    "arrest arrested apprehended caught custody picked detained nabbed",
    "plead pleaded pled plea",
    "steal stole stolen theft misappropriated",
    "hack hacked hacking intrusion breach",
    "begin began start started originated launched initiated",
    "join joined joining stood accompanied",
    "website site online internet",
    "stationed based located headquartered",
    "new reset rescheduled postponed continued pushed",
    "set scheduled slated",
    "create created enact enacted establish established",
    "attend attended came come present appeared",
    "issue issued prescribe prescribed promulgate promulgated",
    "consequence penalty penalties punishment punished liable subject",
    "official secretary commissioner director administrator",
    "wrote write written writing author authored letter",
    "live lived living lives reside resided resides residing resident",
    "store shop market storefront boutique",
    "fire fired terminated termination discharged",
    "employ employed employer worked",
    "find found discovered",
    "judge honorable",
    "challenge challenged contest contested protest appeal",
    "allow allowed permit permitted entitled",
    "carry carries carried bear bears burden",
    "officer officers employee employees personnel staff",
    "fast quickly promptly soon immediately delay",
    "gun guns firearm firearms weapon weapons",
    "pick picked select selected selection choose chose chosen",
    "goods merchandise wares",
    "photo photos photograph photographs picture pictures",
    "charitable charity charities eleemosynary",
    "must duty required obligated",
    "people persons individuals",
    "fly flew flown flight travel traveled travelled",
    "way traveling travelling headed heading",
    "company companies corporation corporations firm firms",
    "pass passed disseminate disseminated transmit transmitted hand handed deliver delivered",
)
"""Words of one meaning in the cases Casebot reads: a part's cue is met by any of its group
("which defendant is still on the run" by "fugitive")."""


def has_word(word: str, sentence_terms: frozenset[str]) -> bool:
    """``word``, another form of it ("own", "owner") or a word of the same meaning in cases
    ("fake", "counterfeit") is among ``sentence_terms``."""
    return any(has_form(same, sentence_terms) for same in _same_meaning(word))


def has_form(word: str, sentence_terms: frozenset[str]) -> bool:
    """``word`` or another form of it ("own", "owner") is among ``sentence_terms``."""
    if word in sentence_terms:
        return True
    head = word[:MIN_PREFIX]
    return any(term.startswith(head) and _same_word(word, term) for term in sentence_terms)


@cache
def _synonyms() -> dict[str, frozenset[str]]:
    # A word may be in several groups ("attorney": a prosecutor, and a defendant's lawyer).
    synonyms: dict[str, frozenset[str]] = {}
    for group in (frozenset(terms(words)) for words in SAME_MEANING):
        for stem in group:
            synonyms[stem] = synonyms.get(stem, frozenset()) | group
    return synonyms


def _same_meaning(word: str) -> frozenset[str]:
    return _synonyms().get(word, frozenset()) | {word}


def _same_word(first: str, second: str) -> bool:
    short, long = sorted((first, second), key=len)
    return (
        len(short) >= MIN_PREFIX and len(long) - len(short) <= MAX_SUFFIX and long.startswith(short)
    )
