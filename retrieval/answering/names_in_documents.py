"""Whether a retrieved document names the people and firms a question names, read from the
whole document: a release names "Katiran Lee" in its first paragraph and "Lee" after it, and the
chunk that says what Lee sold may be the only one retrieved."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from retrieval.analysis import terms
from retrieval.answering.questions import Question
from retrieval.document_text import DocumentText
from retrieval.search import Hit


def names_beyond_hits(
    question: Question, hits: Sequence[Hit], document_text: DocumentText | None
) -> dict[str, frozenset[str]]:
    """For each document of ``hits`` whose hits leave out a word of the question's names, the
    words of them its other chunks hold."""
    wanted = frozenset(word for name in question.names for word in name)
    if document_text is None or not wanted:
        return {}
    present: dict[str, frozenset[str]] = defaultdict(frozenset)
    for hit in hits:
        present[hit.document_id] |= wanted & frozenset(terms(hit.text))
    missing = {document: wanted - words for document, words in present.items() if words != wanted}
    if not missing:
        return {}
    words = sorted(frozenset().union(*missing.values()))
    texts = document_text.texts_mentioning(sorted(missing), words)
    return {
        document: wanted & frozenset(term for text in found for term in terms(text))
        for document, found in texts.items()
    }
