"""Candidate sentences for an extractive answer, with the signals that judge them.

Every sentence of the retrieved chunks is a candidate once (overlapping chunks and the two
renderings of one release repeat sentences). Signals that need the whole document (does it name
the people asked about, does it answer each part of the question anywhere) are measured over all
of the document's retrieved chunks.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from retrieval.analysis import terms
from retrieval.answering.answer_kinds import AnswerType
from retrieval.answering.answerability import Evidence
from retrieval.answering.matching import (
    LIST_ITEM,
    SUBSECTION_HEADING,
    TITLE_WORDS,
    YEAR,
    cue_share,
    holds_kind,
    is_field,
    label_share,
    values,
)
from retrieval.answering.named_people import (
    HEADLINE_WORDS,
    PLACES_AND_BODIES,
    names_a_subject,
    people_by_age,
)
from retrieval.answering.names_in_documents import defendants, name_coverage
from retrieval.answering.questions import MONTH_WORDS, Question
from retrieval.answering.records import (
    is_boilerplate,
    is_bold_heading,
    is_headline_list,
    is_row,
    listed_headlines,
)
from retrieval.answering.sections import of_another_section, sections_cited
from retrieval.answering.sentences import (
    Sentence,
    is_furniture,
    split_sentences,
    with_short_sentences_joined,
)
from retrieval.answering.withheld_parts import WithheldParts
from retrieval.answering.words import has_word
from retrieval.search import Hit
from retrieval.subsections import cited_subsections

URL = re.compile(r"https?://\S+|www\.\S+")
MARKDOWN_HEADING = re.compile(r"#+\s")
CHAPTER_HEADING = re.compile(r"#+\s+CHAPTER\s+\d", re.I)
"""The code's chapter heading over a section, "### CHAPTER 113— STOLEN PROPERTY", which is
the answer where the question asks in which chapter a section is."""
CHAPTER_OF_A_SECTION_ASKED = re.compile(
    r"\b(?:in|under)\s+(?:which|what)\s+chapter\b"
    r"|\bchapter\b[^?]{0,80}\b(?:codified|located|found|placed|appears?)\b",
    re.I,
)
"""A question asking in which chapter a section is, which the chapter's heading answers (not
one asking which chapter a section refers to)."""
HEADED_PROVISION = re.compile(r"#+\s+\(\w{1,4}\)\s+(?:\S+\s+){5}\S")
"""A statute's provision the code's markdown sets as a heading, which is its text, not its
title: "###### (C) In an in rem action under this paragraph, a domain name shall be deemed to
have its situs in the judicial district in which" (a title is a few words: "(d) Cyberpiracy
prevention")."""
PROVISION_VERB = re.compile(r"\b(?:shall|may|must|is|are|be|means|includes)\b")
"""What a provision says and a subsection's title of several matters does not."""
MATTERS_SEPARATED = re.compile(r";\s+(?!(?:and|or)\s*$)\S")
"""A semicolon between two matters, not one closing a provision ("…; and")."""
FIELD = re.compile(r"^[-*\s]*[A-Za-z][\w /()-]{0,40}:\s+\S")
MIN_WORDS = 3
CODE_CITATION = re.compile(r"\b\d+ U\.?\s?S\.?\s?C\.?\s+(?:§|SS)*\s*\d")
"""A section of a code cited, which says which law however short its line: a table's row
gives a count's statute as "18 U.S.C. § 1832(a)(5)"."""
CAPITALS_SHARE = 0.8
CONTEXT = 2
"""How many sentences either side of a sentence are its context."""
LISTED_HEADLINE_COVERAGE = 0.5
"""How much of the question (idf-weighted) a headline in a news page's list of releases must
name to be evidence: "Baltimore Store Owner Sentenced to 30 Months for Selling Counterfeit
Luxury Apparel" says what it says of the store owner asked about; the list's other headlines
are about other cases."""
IdfLookup = Callable[[Sequence[str]], dict[str, float]]


@dataclass(frozen=True)
class DocumentSignals:
    key_coverage: float
    term_coverage: float
    cue_coverage: float
    """Share (idf-weighted) of what the question's first part is about (its cue: the *default
    judgment* of "when was a default judgment entered") that the document names anywhere."""
    parts_answered: float
    retrievers_agree: float
    name_coverage: float = 1.0
    """Share of the people and firms the question names that the document names: a release
    about Xu Jiaqiang does not answer a question about Yanjun Xu."""
    others_by_age: frozenset[str] = frozenset()
    """The surnames of the people the document introduces with their age ("Pao Sheng Yang,
    34,") where it so introduces someone the question names too: its other defendants."""
    asked_by_age: frozenset[str] = frozenset()
    """The words of the question's names of the people the document introduces with their age
    ("Yongming Sui, 53,")."""
    withheld_parts: frozenset[int] = frozenset()
    """The parts asking which firm that the document describes and does not name ("a company
    based in China that used the web address …"): no sentence of it answers them."""
    another_section: bool = False
    """The document is a section of the code other than those the question cites: the fine
    18 U.S.C. 2320 sets does not answer what 2318's is."""

    def about_someone_else(self, sentence_terms: frozenset[str]) -> bool:
        """The sentence names another of the document's defendants and none the question
        names."""
        return bool(sentence_terms & self.others_by_age) and not sentence_terms & self.asked_by_age


@dataclass
class Candidate:
    hit_rank: int
    hit: Hit
    text: str
    offset: int
    """Where the sentence starts in its document."""
    position: int
    """Which sentence of its chunk it is."""
    terms: frozenset[str]
    coverage: float
    chunk_coverage: float
    context_key_coverage: float
    context_coverage: float
    """Share of the question's terms in the sentence and the two either side of it: "who was
    sentenced for selling GBICs" may be answered two sentences before the GBICs."""
    parts: frozenset[int]
    """The question's parts (indexes into ``Question.aspects``) the sentence answers."""
    answers_primary: bool
    holds_primary_kind: bool
    """It holds the kind of thing the question's first part asks for, about anything."""
    cue_shares: tuple[float, ...]
    """For each of the question's parts, the share of its cue words in the sentence."""
    label_shares: tuple[float, ...]
    """For each part, how well the sentence's field label (if it is a record field) names it."""
    values: frozenset[str]
    """The values of the asked-for kinds the sentence holds ("one year", "$5,100")."""
    document: DocumentSignals
    key_coverage: float = 1.0
    """Share of the question's names and numbers in the sentence itself."""
    primary_part: int = 0
    """Which of the question's parts is its first (``Question.primary_index``)."""
    field: bool = False
    """A record's field line ("Registration date: …", "NAME — ROLE") or a table row."""
    row: bool = False
    """A table row ("Header: value; Header: value"): a record of its own, not prose."""
    boilerplate: bool = False
    """A contact line or closing boilerplate the question does not ask about."""
    about_someone_else: bool = False
    """It names another of the document's defendants and no one the question names: "Tse and
    Yang were arrested March 23" does not tell when Sui was."""
    read_with: str = ""
    """The text the sentence says what it says of: the sentence leading into the list it is
    an item of, or the next one telling what was seen at the place it names."""
    similarity: float = 0.0
    probability: float = 0.0
    part_probability: float = 0.0
    """The probability as if the part it answers were the question's first part."""

    @property
    def document_id(self) -> str:
        return self.hit.document_id

    def fit_for(self, part: int) -> float:
        """How specifically the sentence answers ``part`` (0 if it does not)."""
        if part not in self.parts:
            return 0.0
        return 1.0 + self.cue_shares[part] + self.label_shares[part]

    def evidence(self, as_answering_a_part: bool = False) -> Evidence:
        typed = self.answers_primary or (as_answering_a_part and bool(self.parts))
        return Evidence(
            sentence_similarity=self.similarity,
            key_term_coverage=self.document.key_coverage,
            answer_type_match=1.0 if typed else 0.0,
            parts_answered=self.document.parts_answered,
            retrievers_agree=self.document.retrievers_agree,
            answer_kind_present=1.0 if typed or self.holds_primary_kind else 0.0,
            sentence_term_coverage=self.coverage,
            document_term_coverage=self.document.term_coverage,
            document_cue_coverage=self.document.cue_coverage,
            retrieval_rank=1.0 / (1 + self.hit_rank),
            parts_share=len(self.parts) / max(len(self.cue_shares), 1),
            sentence_cue_coverage=self.cue_shares[self.primary_part] if self.cue_shares else 0.0,
            field_label_match=max(self.label_shares, default=0.0),
            answers_a_part=1.0 if self.parts else 0.0,
            chunk_term_coverage=self.chunk_coverage,
            names_in_document=self.document.name_coverage,
        )

    def prefilter_score(self, parts: int) -> float:
        """How promising the sentence looks before its meaning is compared (which costs)."""
        return (
            self.coverage
            + self.chunk_coverage
            + self.context_key_coverage
            + (1.0 if self.answers_primary else 0.0)
            + 0.5 * len(self.parts) / parts
            + 0.5 * max(self.label_shares, default=0.0)
            + 1.0 / (2 + self.hit_rank)
        )


@dataclass(frozen=True)
class _Weights:
    terms: dict[str, float]
    total: float
    keys: dict[str, float]
    asked: dict[str, float]
    """The weights of the terms of what the message asks (``Question.asked_terms``)."""
    asked_total: float

    def coverage(self, present: frozenset[str]) -> float:
        """The share of the question's terms ``present`` holds, or of those of what it asks if
        more: a rule need not tell the story a question opens with, a release may."""
        whole = sum(w for term, w in self.terms.items() if term in present) / self.total
        asked = sum(w for term, w in self.asked.items() if term in present) / self.asked_total
        return max(whole, asked)

    def cue_coverage(self, cue: frozenset[str], present: frozenset[str]) -> float:
        total = sum(self.terms.get(word, 0.0) for word in cue)
        if not total:
            return 1.0
        return sum(self.terms.get(word, 0.0) for word in cue if has_word(word, present)) / total

    def key_coverage(self, present: frozenset[str]) -> float:
        total = sum(self.keys.values())
        if not total:
            return 1.0
        return sum(w for term, w in self.keys.items() if term in present) / total


def may_decide(question: Question, candidate: Candidate) -> bool:
    """Whether ``candidate`` may be the evidence that the question is answered. A question that
    asks for a kind of thing (a date, a name, an amount) is answered only by a sentence that
    holds one about what is asked: "Former Dodgers Pitcher Signs Plea Agreement" names no
    pitcher, however close it is to "which former Dodgers pitcher signed a plea deal". And a
    question about people or firms only by a document that names one of them: the release about
    Xu Jiaqiang does not tell what Yanjun Xu was sentenced to. The yes-or-no part of such a
    question is no evidence: "was indicted" does not tell whether he went to trial and what
    the verdict was."""
    typed = not question.asks_for_a_kind or any(
        not question.asks_yes_or_no(part) for part in candidate.parts
    )
    return (
        typed
        and (not question.names or candidate.document.name_coverage > 0)
        and not candidate.about_someone_else
        and not candidate.document.another_section
    )


def term_weights(question: Question, idf: IdfLookup) -> dict[str, float]:
    """The idf of each of the question's terms and key terms."""
    return idf(list(dict.fromkeys(question.terms + question.key_terms)))


def candidates(
    question: Question,
    hits: Sequence[Hit],
    weights: dict[str, float],
    named_elsewhere: Mapping[str, frozenset[str]] | None = None,
    lead_ins: Mapping[str, frozenset[str]] | None = None,
    awaiting: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """Every sentence of ``hits`` once; ``weights``: the idf of the question's terms;
    ``named_elsewhere``: words of the question's names that a document's other chunks hold;
    ``lead_ins``: for a chunk that opens inside a list, the terms of the sentence leading into
    the list; ``awaiting``: the documents telling that everyone asked about is still to be
    sentenced."""
    asked = question.asked_terms
    scale = _Weights(
        terms={term: weights[term] for term in question.terms},
        total=sum(weights[term] for term in question.terms) or 1.0,
        asked={term: weights[term] for term in asked},
        asked_total=sum(weights[term] for term in asked) or 1.0,
        keys={term: weights[term] for term in question.key_terms},
    )
    lead_ins = lead_ins or {}
    titles_asked = bool(frozenset(question.terms) & TITLE_WORDS)
    chapters_asked = CHAPTER_OF_A_SECTION_ASKED.search(question.text) is not None
    named = _named(question)
    prison_terms = _parts_asking(question, AnswerType.PRISON_SENTENCE)
    places = _parts_asking(question, AnswerType.PLACE)
    chunks = [
        _ChunkSentences.of(question, hit, lead_ins.get(hit.chunk_id, frozenset())) for hit in hits
    ]
    cue_weights = _cue_weights(question, chunks, weights)
    documents = _documents(question, hits, chunks, scale, named_elsewhere or {}, awaiting)
    found: list[Candidate] = []
    seen: set[str] = set()
    for rank, (hit, chunk) in enumerate(zip(hits, chunks, strict=True)):
        chunk_coverage = scale.coverage(chunk.terms)
        document = documents[hit.document_id]
        for position, (sentence, sentence_terms, answered) in enumerate(chunk.sentences):
            parts = answered - document.withheld_parts
            key = " ".join(sentence.text.lower().split())
            heads_a_chapter = chapters_asked and CHAPTER_HEADING.match(sentence.text) is not None
            if not (heads_a_chapter or _says_something(sentence.text, titles_asked)) or key in seen:
                continue
            if chunk.listing and scale.coverage(sentence_terms) < LISTED_HEADLINE_COVERAGE:
                continue  # another release's headline in a news page's list
            if named and in_capitals(sentence.text) and not named & sentence_terms:
                parts -= prison_terms  # a headline about another release's sentence
            label_shares = tuple(label_share(aspect, sentence.text) for aspect in question.aspects)
            if is_bold_heading(sentence.text) and not any(label_shares):
                continue  # a heading: what it names, the text under it says
            seen.add(key)
            read_with = chunk.lead_ins[position] | chunk.told_of(places, position)
            found.append(
                Candidate(
                    hit_rank=rank,
                    hit=hit,
                    text=sentence.text,
                    offset=hit.char_start + sentence.start,
                    position=position,
                    terms=sentence_terms,
                    coverage=scale.coverage(sentence_terms | read_with),
                    read_with=chunk.read_with_text(places, position),
                    chunk_coverage=chunk_coverage,
                    context_key_coverage=scale.key_coverage(chunk.leading_to(position)),
                    context_coverage=scale.coverage(chunk.around(position)),
                    parts=parts,
                    answers_primary=question.primary_index in parts,
                    holds_primary_kind=question.primary_index in parts
                    or holds_kind(question.primary, sentence.text),
                    cue_shares=tuple(
                        cue_share(aspect, sentence_terms, cue_weights)
                        for aspect in question.aspects
                    ),
                    label_shares=label_shares,
                    values=frozenset().union(
                        *(values(question.aspects[part], sentence.text) for part in parts)
                    ),
                    document=document,
                    key_coverage=scale.key_coverage(sentence_terms),
                    primary_part=question.primary_index,
                    field=is_field(sentence.text),
                    row=is_row(sentence.text),
                    boilerplate=is_boilerplate(sentence.text, question),
                    about_someone_else=document.about_someone_else(sentence_terms),
                )
            )
    return found


def _cue_weights(
    question: Question, chunks: Sequence[_ChunkSentences], weights: dict[str, float]
) -> dict[str, float]:
    """A cue word's weight: its idf, less where most retrieved sentences have it. A record
    repeats what it is about in every heading ("Owners of Design mark: a stylized dog…"), so
    there the words that tell its sentences apart ("owner") are the ones that count."""
    cue = frozenset().union(*(aspect.cue for aspect in question.aspects))
    sentences = [present for chunk in chunks for _, present, _ in chunk.sentences]
    total = len(sentences) + 1
    return {
        word: weights.get(word, 0.0)
        * math.log(total / (1 + sum(has_word(word, present) for present in sentences)))
        for word in cue
    }


@dataclass(frozen=True)
class _ChunkSentences:
    """A chunk's sentences, each with its terms and the question's parts it answers."""

    terms: frozenset[str]
    sentences: list[tuple[Sentence, frozenset[str], frozenset[int]]]
    listing: bool = False
    """A news page's list of other releases' headlines, read one headline at a time."""
    lead_ins: tuple[frozenset[str], ...] = ()
    """For each sentence that is a list's item, the terms of the sentence leading into the
    list: "(B) All forms of news reporting" says what it says of "The following shall not be
    actionable as dilution"."""
    lead_in_texts: tuple[str, ...] = ()
    """The same sentences' text, where the chunk holds them."""

    @classmethod
    def of(cls, question: Question, hit: Hit, lead_in: frozenset[str]) -> _ChunkSentences:
        """``lead_in``: the terms of the sentence leading into the list the chunk opens in."""
        sentences: list[tuple[Sentence, frozenset[str], frozenset[int]]] = []
        lead_ins: list[frozenset[str]] = []
        lead_in_texts: list[str] = []
        lead_in_text = ""
        listing = is_headline_list(hit.text)
        if listing:
            read = listed_headlines(hit.text)
        else:
            read = with_short_sentences_joined(hit.text, split_sentences(hit.text))
        for sentence in read:
            sentence_terms = frozenset(terms(sentence.text))
            preceding = frozenset().union(*(t for _, t, _ in sentences[-CONTEXT:]))
            if LIST_ITEM.match(sentence.text):
                # A list's later items go on from the sentence that leads into the list.
                preceding |= lead_in
                lead_ins.append(lead_in)
                lead_in_texts.append(lead_in_text)
            else:
                lead_in = sentence_terms
                lead_in_text = sentence.text
                lead_ins.append(frozenset())
                lead_in_texts.append("")
            parts = question.aspects_answered_by(sentence.text, sentence_terms, preceding)
            sentences.append((sentence, sentence_terms, parts))
        return cls(
            frozenset(terms(f"{hit.title}\n{hit.text}")),
            _named_next(question, sentences),
            listing,
            tuple(lead_ins),
            tuple(lead_in_texts),
        )

    def read_with_text(self, places: frozenset[int], position: int) -> str:
        """The text a sentence is read with: the sentence leading into the list it is an item
        of, or the next one, where it goes on about the place this one names."""
        if self.told_of(places, position):
            return self.sentences[position + 1][0].text
        return self.lead_in_texts[position]

    def told_of(self, places: frozenset[int], position: int) -> frozenset[str]:
        """The terms of the next sentence where it goes on about the place this one names
        (``places``: the parts asking where), naming none itself: "Day before yesterday, I was
        in Winston-Salem. The police department had established its training program at a
        school for at-risk youth." """
        if position + 1 >= len(self.sentences) or not self.sentences[position][2] & places:
            return frozenset()
        _, following_terms, following_parts = self.sentences[position + 1]
        return frozenset() if following_parts & places else following_terms

    def around(self, position: int) -> frozenset[str]:
        """The terms of a sentence and of the two either side of it."""
        nearby = self.sentences[max(position - CONTEXT, 0) : position + CONTEXT + 1]
        return frozenset().union(*(sentence_terms for _, sentence_terms, _ in nearby))

    def leading_to(self, position: int) -> frozenset[str]:
        """The terms of a sentence and of the two before it, which name whom "he" is."""
        nearby = self.sentences[max(position - CONTEXT, 0) : position + 1]
        return frozenset().union(*(sentence_terms for _, sentence_terms, _ in nearby))


def _documents(
    question: Question,
    hits: Sequence[Hit],
    chunks: Sequence[_ChunkSentences],
    scale: _Weights,
    named_elsewhere: Mapping[str, frozenset[str]],
    awaiting: frozenset[str],
) -> dict[str, DocumentSignals]:
    present: dict[str, frozenset[str]] = defaultdict(frozenset)
    answered: dict[str, frozenset[int]] = defaultdict(frozenset)
    introduced: dict[str, list[list[str]]] = defaultdict(list)
    withholding = WithheldParts(question, scale.coverage)
    cited = sections_cited(question.text)
    cited_parts = cited_subsections(question.text)
    titles = {hit.document_id: hit.title for hit in hits}
    texts: dict[str, list[str]] = defaultdict(list)
    for hit, chunk in zip(hits, chunks, strict=True):
        present[hit.document_id] |= chunk.terms
        texts[hit.document_id].append(hit.text)
        introduced[hit.document_id] += people_by_age(hit.text)
        for sentence, sentence_terms, parts in chunk.sentences:
            answered[hit.document_id] |= parts
            withholding.observe(hit.document_id, sentence.text, sentence_terms, parts)
    withheld = withholding.by_document(awaiting)
    officers = question.officers_asked
    named = _named(question)
    for document_id, document_terms in present.items():
        held = document_terms | named_elsewhere.get(document_id, frozenset())
        if officers and not _names_anything_asked(named, held):
            withheld[document_id] = withheld.get(document_id, frozenset()) | officers
    dense_top = _top_document(hits, lambda hit: hit.dense_similarity)
    lexical_top = _top_document(hits, lambda hit: hit.lexical_score)
    by_age = {
        document_id: defendants(question, people) for document_id, people in introduced.items()
    }
    return {
        document_id: DocumentSignals(
            key_coverage=scale.key_coverage(document_terms),
            term_coverage=scale.coverage(document_terms),
            cue_coverage=scale.cue_coverage(question.primary.cue, document_terms),
            parts_answered=len(answered[document_id] - withheld.get(document_id, frozenset()))
            / len(question.aspects),
            retrievers_agree=0.5 * (document_id == dense_top) + 0.5 * (document_id == lexical_top),
            name_coverage=name_coverage(
                question.names, document_terms | named_elsewhere.get(document_id, frozenset())
            ),
            asked_by_age=by_age[document_id][0],
            others_by_age=by_age[document_id][1],
            withheld_parts=withheld.get(document_id, frozenset()),
            another_section=of_another_section(
                cited,
                titles[document_id],
                document_terms,
                cited_parts,
                texts[document_id],
            ),
        )
        for document_id, document_terms in present.items()
    }


def in_capitals(sentence: str) -> bool:
    """A headline set in capitals ("SEATTLE MAN SENTENCED TO 10 YEARS IN PRISON FOR
    TRAFFICKING LSD"): the prison term it gives is its own release's, which a question naming
    none of its names is not asking about (a record's owner in capitals, "COLUMBIA LAW REVIEW
    ASSOCIATION, INC.", is still a name). Its first line is the headline; a line under it may
    be in lower case ("Defendant Convicted at Trial of Conspiracy…")."""
    first_line = sentence.strip().split("\n", 1)[0]
    letters = [c for c in first_line if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(first_line.split()) >= HEADLINE_WORDS and upper >= CAPITALS_SHARE * len(letters)


def _names_anything_asked(named: frozenset[str], held: frozenset[str]) -> bool:
    """The document holds a name or a number the question is about, or the question names
    none: the judge a release of another case names presided over that case, not the one
    asked about ("which judge accepted UMC's plea" is not answered by a release naming neither
    UMC nor Micron)."""
    return not named or bool(named & held)


def _named(question: Question) -> frozenset[str]:
    return frozenset(question.key_terms) - PLACES_AND_BODIES - MONTH_WORDS - _years(question)


def _parts_asking(question: Question, kind: AnswerType) -> frozenset[int]:
    return frozenset(part for part, aspect in enumerate(question.aspects) if aspect.kind is kind)


def _years(question: Question) -> frozenset[str]:
    return frozenset(term for term in question.key_terms if YEAR.fullmatch(term))


def _top_document(hits: Sequence[Hit], score: Callable[[Hit], float | None]) -> str | None:
    scored = [(value, hit.document_id) for hit in hits if (value := score(hit)) is not None]
    return max(scored)[1] if scored else None


def _says_something(sentence: str, titles_asked: bool = False) -> bool:
    """Not a bare link, page furniture, a markdown heading (but a statute's section heading,
    "§ 2318. Trafficking in counterfeit labels", says which section covers what, a provision
    set as a heading is text, and where the question asks what a subsection is called, its
    heading is the answer) or a fragment too short to say anything (a record's "Registration
    date: 2003-05-06" says something)."""
    words = [word for word in URL.sub(" ", sentence).split() if any(c.isalpha() for c in word)]
    return (
        (len(words) >= MIN_WORDS or bool(FIELD.match(sentence) or CODE_CITATION.search(sentence)))
        and not is_furniture(sentence)
        and not (
            MARKDOWN_HEADING.match(sentence)
            and "§" not in sentence
            and not (HEADED_PROVISION.match(sentence) and not _titles_a_list(sentence))
            and not (titles_asked and SUBSECTION_HEADING.match(sentence))
        )
    )


def _titles_a_list(heading: str) -> bool:
    """A subsection's title naming several matters, however long: "(d) Exemptions; publication
    in Federal Register; forfeitures; rules and regulations"."""
    return bool(MATTERS_SEPARATED.search(heading)) and not PROVISION_VERB.search(heading)


def _next_naming_someone(following: list[str]) -> str:
    """The first of the next sentences that names someone, past those that name only the
    officials announcing the case: "An Italian national … was sentenced today to 37 months.
    Acting Assistant Attorney General … made the announcement. Rosario La Marca, 54, …"."""
    return next((text for text in following if names_a_subject(text)), following[0])


def _named_next(
    question: Question, sentences: list[tuple[Sentence, frozenset[str], frozenset[int]]]
) -> list[tuple[Sentence, frozenset[str], frozenset[int]]]:
    """Each sentence's parts, less those it answers only of someone the next sentence names or
    of whom the sentences before it tell."""
    named: list[tuple[Sentence, frozenset[str], frozenset[int]]] = []
    for index, (sentence, sentence_terms, parts) in enumerate(sentences):
        if parts and index + 1 < len(sentences):
            near = sentences[index + 1 : index + 1 + CONTEXT]
            following = _next_naming_someone([s.text for s, _, _ in near])
            parts -= question.told_of_whom_the_next_names(sentence.text, sentence_terms, following)
        if parts:
            preceding = [before.text for before, _, _ in sentences[max(index - CONTEXT, 0) : index]]
            parts -= question.told_of_whom_the_last_named(sentence.text, sentence_terms, preceding)
        named.append((sentence, sentence_terms, parts))
    return named
