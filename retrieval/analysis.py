"""Turning text into search terms: lower-cased words, English stopwords out, Snowball stems.

The same analysis serves the lexical index, query coverage when judging answerability, and
sentence scoring in extractive answers.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN

WORD = re.compile(r"\w+", re.UNICODE)
EXTRA_STOPWORDS = frozenset(
    {
        "what",
        "which",
        "who",
        "whom",
        "when",
        "where",
        "why",
        "how",
        "did",
        "does",
        "do",
        "was",
        "were",
        "has",
        "have",
        "had",
        "is",
        "are",
        "been",
        "being",
        "can",
        "could",
        "would",
        "should",
        "about",
        "from",
        "his",
        "her",
        "its",
        "their",
        "our",
        "your",
        "my",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "me",
        "him",
        "them",
        "us",
        "many",
        "much",
        "any",
        "some",
        "after",
        "before",
        "during",
        "up",
        "out",
        "over",
        "under",
        "again",
        "also",
        "than",
        "too",
        "very",
        "s",
        "t",
        "get",
        "got",
        "tell",
        "give",
        "given",
        "say",
        "said",
    }
)
STOPWORDS = frozenset(STOPWORDS_EN) | EXTRA_STOPWORDS


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def terms(text: str) -> list[str]:
    """Search terms of ``text``, in order, repeats kept."""
    words = [word for word in WORD.findall(text.lower()) if word not in STOPWORDS]
    return list(_stemmer().stemWords(words))
