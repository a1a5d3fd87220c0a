"""Files that summarise other documents: a folder's README, SOURCE.txt or index.tsv, a table of
contents, a list of files with their URLs.

Such a file names many documents at once, so it matches a question about any of them, often
better than the document itself (it has the release's headline, the statute's section title);
but it only points at the evidence. It is recognised from its name and from its text (many file
names and URLs for the words around them) and ranks below the primary documents, unless the
question asks about the listing itself ("which files does the index list?").
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

LISTING_NAME = re.compile(  # the whole name ("README", "00_index", "SOURCE"), not a word of it
    r"^(?:\d+[-_ ]?)?(readme|source|sources|index|contents|toc|table[-_ ]of[-_ ]contents|"
    r"manifest|catalog|catalogue|inventory|listing|file[-_ ]?list)(?:[-_ ]?\d+)?$",
    re.I,
)
REFERENCE = re.compile(
    r"https?://\S+|www\.\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:pdf|txt|html?|docx?|xml|csv|tsv|json|md|xlsx?|eml|msg|zip)\b",
    re.I,
)
WORD = re.compile(r"\w+")
NOTE_KIND = "note"
MIN_REFERENCES = 3
WORDS_PER_REFERENCE = 12
"""A text naming a file or URL at least every this many words is a list of documents; a release
with a link to itself and one to the agency's site is not."""
ENTRY_WORDS = 6
ABOUT_LISTINGS = re.compile(
    r"\b(index|indexes|indices|listing|listings|list of|listed|lists|readme|source\.txt|"
    r"source notes?|table of contents|manifest|catalog(ue)?|inventory|which (files|documents)|"
    r"what (files|documents)|how many (files|documents)|file ?names?|sha-?256|checksums?|"
    r"data ?set|corpus|collection)\b",
    re.I,
)


def is_listing(source: str, text: str, kind: str) -> bool:
    """Whether the document at ``source`` (a path, possibly ``archive!/member``) with this text
    (a chunk of it) summarises or lists other documents rather than being one. Case notes never
    are: an investigator's list of a seller's listings and their URLs is evidence itself."""
    if kind == NOTE_KIND:
        return False
    return has_listing_name(source) or lists_documents(text)


def has_listing_name(source: str) -> bool:
    name = PurePosixPath(source.rsplit("!/", 1)[-1]).name
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return bool(LISTING_NAME.match(stem))


def lists_documents(text: str) -> bool:
    references = len(REFERENCE.findall(text))
    words = len(WORD.findall(REFERENCE.sub(" ", text)))
    return references >= MIN_REFERENCES and words <= WORDS_PER_REFERENCE * references


def is_listing_entry(sentence: str) -> bool:
    """A sentence that only points at another document: a URL or file name with a label
    ("Press Release: http://… Operation Decrypt.")."""
    if not REFERENCE.search(sentence):
        return False
    return len(WORD.findall(REFERENCE.sub(" ", sentence))) <= ENTRY_WORDS


def asks_about_listings(question: str) -> bool:
    """The question is about an index or list itself, so a listing may answer it."""
    return bool(ABOUT_LISTINGS.search(question))
