"""Which candidate sentences make an extractive answer.

The most probable sentence first (or one nearly as probable that answers more of the
question's parts). Then, for each part of the question it leaves open (the restitution after the
prison term, the judge, the date), the sentence that answers that part most specifically,
preferring the first sentence's document. Then a few more sentences, chosen by marginal
relevance: each must be nearly as probable and add question terms or names the chosen ones do not
have yet, and not repeat them. The answer reads in document order, its first document first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.analysis import terms
from retrieval.answering.candidates import Candidate
from retrieval.answering.questions import Question

NAME_WORD = re.compile(r"\b[A-Z][a-zA-Z'-]{2,}")
HEADING_CAPITALS = 0.7
HEADING_WORDS = 5
MAX_NEW_TERMS_OF_A_REPEAT = 2
"""A sentence mostly made of a chosen one's words repeats it if it adds at most this many terms."""


@dataclass(frozen=True)
class SelectionSettings:
    max_sentences: int = 4
    max_answer_chars: int = 1100
    """Sentences added for what they add stop here…"""
    max_part_answer_chars: int = 1400
    """…but a sentence that answers an open part of the question may go on to here."""
    missing_part_margin: float = 0.6
    """A sentence answering an open part may be this much less probable than the first."""
    companion_margin: float = 0.5
    """Any other sentence of the first one's document may be this much less probable than the
    first…"""
    other_document_margin: float = 0.3
    """…and one of another document this much: the answer stays with its document."""
    other_document_penalty: float = 0.1
    fit_weight: float = 0.35
    """Preference for the sentence that names what the part asks about (its cue words, a field
    label saying so) over one that merely holds that kind of thing."""
    answers_for_many: int = 3
    """Sentences a part asking for several ("who are the defendants") may take…"""
    many_margin: float = 0.2
    """…each nearly as preferred as the first."""
    context_weight: float = 0.2
    """Preference for a sentence whose neighbours speak of what the question does."""
    heading_penalty: float = 0.1
    unnamed_penalty: float = 0.3
    """Against a sentence about no one the question names, where the first sentence is (a
    court's standing rule among a defendant's docket entries); such a sentence is never added
    for what it adds."""
    first_margin: float = 0.1
    """The first sentence may be this much less probable than the most probable one if it
    answers more of the question's parts."""
    first_rank_weight: float = 0.2
    """Among sentences nearly as probable, preference for the better-ranked hit's: search
    weighed the whole passage (the statute's section on penalties), where a release's "she
    faces a maximum of 10 years" only reads like the answer."""
    new_value_gain: float = 0.1
    """What a value of the asked-for kind not given yet ("one year" after "eight years") adds."""
    min_gain: float = 0.0
    """Least share of the question's (idf-weighted) terms a sentence must add to be added."""
    adjacent_bonus: float = 0.1
    """Preference for the sentence right before or after a chosen one in the same chunk."""
    repeat_overlap: float = 0.7


def select(
    question: Question,
    ranked: Sequence[Candidate],
    weights: dict[str, float],
    settings: SelectionSettings,
) -> list[Candidate]:
    """``ranked``: candidates, most probable first."""
    best = _first(ranked, settings)
    chosen = [best]
    for part, aspect in enumerate(question.aspects):
        _answer_part(part, aspect.many, best, ranked, chosen, settings)
    _add_what_adds_most(question, best, ranked, weights, chosen, settings)
    return _in_reading_order(chosen)


def _first(ranked: Sequence[Candidate], settings: SelectionSettings) -> Candidate:
    """The most probable sentence, or one nearly as probable that answers more of the
    question's parts (the sentence naming who was sentenced *and* to how long)."""
    floor = ranked[0].probability - settings.first_margin
    close = [candidate for candidate in ranked if candidate.probability >= floor]
    return max(
        close,
        key=lambda c: (
            not c.boilerplate,
            len(c.parts),
            _preference(c, c, [], settings) + settings.first_rank_weight / (1 + c.hit_rank),
        ),
    )


def _answer_part(
    part: int,
    many: bool,
    best: Candidate,
    ranked: Sequence[Candidate],
    chosen: list[Candidate],
    settings: SelectionSettings,
) -> None:
    """Add the sentence that answers ``part`` most specifically (a "Registration date:" field
    for "when was it registered"), unless a chosen one answers it as well; for a part asking
    for several ("who are the defendants"), a few such sentences."""
    floor = best.probability - settings.missing_part_margin
    options = sorted(
        (
            c
            for c in ranked
            if part in c.parts
            and c.part_probability >= floor
            and _may_join(c, best)
            and not _of_no_one_asked(c, best)
        ),
        key=lambda c: -_preference(c, best, chosen, settings, part),
    )
    if not options:
        return
    answered = max((c.fit_for(part) for c in chosen), default=0.0)
    if answered >= max(option.fit_for(part) for option in options) and not many:
        return
    wanted = settings.answers_for_many if many else 1
    first = _preference(options[0], best, chosen, settings, part)
    added = 0
    for option in options:
        if added == wanted or _preference(option, best, chosen, settings, part) < first - (
            settings.many_margin
        ):
            return
        if _fits(option, chosen, settings.max_part_answer_chars, settings):
            chosen.append(option)
            added += 1
        elif (rival := _repeated(option, chosen, settings.repeat_overlap)) is not None and (
            rival.fit_for(part) < option.fit_for(part)
        ):
            chosen[next(i for i, c in enumerate(chosen) if c is rival)] = option
            added += 1


def _add_what_adds_most(
    question: Question,
    best: Candidate,
    ranked: Sequence[Candidate],
    weights: dict[str, float],
    chosen: list[Candidate],
    settings: SelectionSettings,
) -> None:
    """Marginal relevance: nearly as probable, and adds question terms or names not said yet,
    or a value of the asked-for kind not given yet (the co-defendant's "one year in jail" after
    the "eight years" of the headline)."""
    wanted = {term: weights.get(term, 0.0) for term in question.terms + question.key_terms}
    total = sum(wanted.values()) or 1.0

    def floor(candidate: Candidate) -> float:
        same = candidate.document_id == best.document_id
        margin = settings.companion_margin if same else settings.other_document_margin
        return best.probability - margin

    while len(chosen) < settings.max_sentences:
        covered = frozenset().union(*(candidate.terms for candidate in chosen))
        given = frozenset().union(*(candidate.values for candidate in chosen))
        gains = {
            id(candidate): sum(wanted.get(term, 0.0) for term in candidate.terms - covered) / total
            + settings.new_value_gain * min(len(candidate.values - given), 2)
            for candidate in ranked
            if candidate.probability >= floor(candidate)
            and _may_join(candidate, best)
            and not _unnamed(candidate, best)
            and not _of_someone_else(candidate, best)
            and _fits(candidate, chosen, settings.max_answer_chars, settings)
        }
        options = [c for c in ranked if gains.get(id(c), -1.0) >= settings.min_gain]
        if not options:
            return
        chosen.append(
            max(options, key=lambda c: gains[id(c)] + _preference(c, best, chosen, settings))
        )


def _may_join(candidate: Candidate, best: Candidate) -> bool:
    """Not a contact line or boilerplate, not of a section the question does not cite (the fine
    1526 sets is none 1595a does), and not a table row about something else than the first
    sentence's (a row is a record of its own: its neighbours are other records)."""
    if candidate.boilerplate or candidate.document.another_section:
        return False
    return not (candidate.row and candidate.key_coverage < best.key_coverage)


def _preference(
    candidate: Candidate,
    best: Candidate,
    chosen: list[Candidate],
    settings: SelectionSettings,
    part: int | None = None,
) -> float:
    other_document = candidate.document_id != best.document_id
    adjacent = any(
        candidate.hit.chunk_id == other.hit.chunk_id
        and abs(candidate.position - other.position) == 1
        for other in chosen
    )
    if part is None:
        value = candidate.probability
    else:
        value = candidate.part_probability + settings.fit_weight * candidate.fit_for(part)
    return (
        value
        + settings.context_weight * candidate.context_coverage
        - settings.other_document_penalty * other_document
        + settings.adjacent_bonus * adjacent
        - settings.heading_penalty * _is_heading(candidate.text)
        - settings.unnamed_penalty * _unnamed(candidate, best)
    )


def _unnamed(candidate: Candidate, best: Candidate) -> bool:
    """Neither the sentence nor the two before it name anything the question names, while the
    first sentence's do, and it names no one the first sentence names: "Fugitive business owner
    Yongming Sui…" goes on about the "Tse, Sui, and Yang" of the first, a court's standing rule
    among a defendant's docket entries about no one. A record's field ("Current owner: …",
    "NAME — ROLE") is exempt: a record names what it is about once, in its heading."""
    if candidate.field:
        return False
    names_nothing_asked = candidate.context_key_coverage == 0 < best.context_key_coverage
    return names_nothing_asked and not _names(candidate.text) & _names(best.text)


def _of_someone_else(candidate: Candidate, best: Candidate) -> bool:
    """A sentence about someone the question does not ask of, where the first is about whom it
    asks: Todd Richard's restitution says nothing of what Mark Geis was ordered to pay."""
    return candidate.about_someone_else and not best.about_someone_else


def _of_no_one_asked(candidate: Candidate, best: Candidate) -> bool:
    """A sentence of a document that names none of the people the question names, where the
    first sentence's document does: Picone's restitution is not what Sallnert was ordered to
    pay."""
    return candidate.document.name_coverage == 0 < best.document.name_coverage


def _names(sentence: str) -> frozenset[str]:
    """The terms of the capitalised words past a sentence's first."""
    return frozenset(terms(" ".join(NAME_WORD.findall(sentence.split(maxsplit=1)[-1]))))


def _is_heading(sentence: str) -> bool:
    """A headline in capitals ("MAN SENTENCED TO EIGHT YEARS…"): the body says the same with its
    details. A record's "NAME — ROLE" line is no headline."""
    letters = [c for c in sentence if c.isalpha()]
    shouting = sum(c.isupper() for c in letters) >= HEADING_CAPITALS * max(len(letters), 1)
    return shouting and len(sentence.split()) >= HEADING_WORDS and " — " not in sentence


def _fits(
    candidate: Candidate, chosen: list[Candidate], limit: int, settings: SelectionSettings
) -> bool:
    if any(candidate is other for other in chosen):
        return False
    length = sum(len(other.text) for other in chosen) + len(candidate.text)
    return length <= limit and not _repeats(candidate, chosen, settings.repeat_overlap)


def _repeats(candidate: Candidate, chosen: list[Candidate], overlap: float) -> bool:
    return _repeated(candidate, chosen, overlap) is not None


def _repeated(candidate: Candidate, chosen: list[Candidate], overlap: float) -> Candidate | None:
    """The chosen sentence that ``candidate`` mostly repeats (the same entry in another
    rendering, a headline and its lead sentence), if any: most of its words, and hardly a
    term the other lacks. "For the second seizure… twice the value" shares nearly all its
    words with "For the first such seizure… the value", and says something else; a headline
    repeated with other page furniture around it ("… Scroll to top", "… For Immediate Release")
    says nothing else."""
    words = set(candidate.text.lower().split())
    for other in chosen:
        other_words = set(other.text.lower().split())
        shared = len(words & other_words) / max(min(len(words), len(other_words)), 1)
        adds = len(candidate.terms - other.terms) > MAX_NEW_TERMS_OF_A_REPEAT
        if shared > overlap and (not adds or _is_heading(candidate.text)):
            return other
    return None


def _in_reading_order(chosen: list[Candidate]) -> list[Candidate]:
    documents = list(dict.fromkeys(candidate.document_id for candidate in chosen))
    return sorted(chosen, key=lambda c: (documents.index(c.document_id), c.offset))
