"""The parts of a question a document is seen to leave unanswered, so that none of its sentences
answers them: the firm or person it describes without naming, those it tells of only as several
("defense contractors"), the place of an event it does not name, the sentence of someone still
awaiting it (:mod:`withheld_names`, :mod:`pending`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from retrieval.analysis import terms
from retrieval.answering.named_people import names_the_employer_asked
from retrieval.answering.pending import parts_asking_the_sentence_imposed
from retrieval.answering.questions import Question
from retrieval.answering.withheld_names import (
    asks_for_people,
    describes_without_naming,
    descriptions_asked,
    group_mentions,
    groups_asked,
    leaves_the_place_unnamed,
    parts_asking_where,
    parts_asking_which_firm,
    tells_of_the_described_unnamed,
    tells_of_the_group_unnamed,
)


@dataclass
class WithheldParts:
    """Gathers, sentence by sentence over the retrieved chunks, what each document withholds.

    ``coverage`` scores a sentence's terms against the question: the firm asked for is judged by
    the document's sentence closest to the question, which either names it or only describes it.
    """

    question: Question
    coverage: Callable[[frozenset[str]], float]
    place_asked: frozenset[int] = field(init=False)
    firm_asked: frozenset[int] = field(init=False)
    _place_words: frozenset[str] = field(init=False)
    _firm_words: frozenset[str] = field(init=False)
    _closest: dict[str, tuple[float, str]] = field(default_factory=dict, init=False)
    _described: set[str] = field(default_factory=set, init=False)
    _employer_named: set[str] = field(default_factory=set, init=False)
    _unplaced: set[str] = field(default_factory=set, init=False)
    _described_unnamed: dict[str, frozenset[int]] = field(default_factory=dict, init=False)
    _descriptions: dict[int, str] = field(init=False)
    _groups: dict[int, tuple[str, frozenset[str]]] = field(init=False)
    _group_unnamed: dict[str, frozenset[int]] = field(default_factory=dict, init=False)
    _group_named: dict[str, frozenset[int]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.place_asked = parts_asking_where(self.question)
        self.firm_asked = parts_asking_which_firm(self.question)
        self._place_words = self._words_asked(self.place_asked)
        self._firm_words = self._words_asked(self.firm_asked)
        self._descriptions = descriptions_asked(self.question)
        self._groups = {
            part: (noun, self._words_asked(frozenset({part})))
            for part, noun in groups_asked(self.question).items()
        }

    def observe(
        self, document_id: str, sentence: str, sentence_terms: frozenset[str], parts: frozenset[int]
    ) -> None:
        """Notes what ``sentence`` of ``document_id``, answering ``parts``, tells or withholds."""
        if self.place_asked and leaves_the_place_unnamed(sentence, self._place_words):
            self._unplaced.add(document_id)
        for part, description in self._descriptions.items():
            if tells_of_the_described_unnamed(sentence, description):
                unnamed = self._described_unnamed.get(document_id, frozenset())
                self._described_unnamed[document_id] = unnamed | {part}
        for part, (noun, words) in self._groups.items():
            mentions = group_mentions(sentence, noun)
            if any(mentions):
                _add(self._group_named, document_id, part)
            elif mentions and tells_of_the_group_unnamed(sentence, words):
                _add(self._group_unnamed, document_id, part)
        if not self.firm_asked:
            return
        coverage = self.coverage(sentence_terms)
        if coverage > self._closest.get(document_id, (-1.0, ""))[0]:
            self._closest[document_id] = (coverage, sentence)
        if describes_without_naming(sentence, self._firm_words):
            self._described.add(document_id)
        if self._names_the_employer(parts & self.firm_asked, sentence):
            self._employer_named.add(document_id)

    def by_document(self, awaiting: frozenset[str]) -> dict[str, frozenset[int]]:
        """The parts each document withholds; ``awaiting`` are those that tell of someone who
        has yet to be sentenced."""
        withheld: dict[str, frozenset[int]] = defaultdict(frozenset)
        people_asked = asks_for_people(self.question, self.firm_asked)
        for document_id, (_, nearest) in self._closest.items():
            unnamed = describes_without_naming(nearest, people_asked=people_asked)
            described = unnamed or document_id in self._described
            if described and document_id not in self._employer_named:
                withheld[document_id] = self.firm_asked
        for document_id, parts in self._described_unnamed.items():
            withheld[document_id] |= parts
        for document_id, parts in self._group_unnamed.items():
            withheld[document_id] |= parts - self._group_named.get(document_id, frozenset())
        for document_id in self._unplaced:
            withheld[document_id] |= self.place_asked
        for document_id in awaiting:
            withheld[document_id] |= parts_asking_the_sentence_imposed(self.question)
        return dict(withheld)

    def _words_asked(self, parts: frozenset[int]) -> frozenset[str]:
        return frozenset(term for part in parts for term in terms(self.question.aspects[part].asks))

    def _names_the_employer(self, parts: frozenset[int], sentence: str) -> bool:
        """The sentence names whom someone worked for, asked as a firm: a release that also
        speaks of "his employer" unnamed still names it ("worked as a rice breeder for
        Ventria")."""
        return any(
            names_the_employer_asked(self.question.aspects[part], sentence) for part in parts
        )


def _add(parts_by_document: dict[str, frozenset[int]], document_id: str, part: int) -> None:
    parts_by_document[document_id] = parts_by_document.get(document_id, frozenset()) | {part}
