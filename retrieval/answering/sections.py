"""Which sections of the code a question cites, and which section a statute's chunk is of: a
question about the fine of 18 U.S.C. 2318 is not answered by the fine 2320 sets."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

CITED_SECTION = re.compile(
    r"(?:\bU\.?\s?S\.?\s?C\.?\s*(?:§+\s*)?|§+\s*|\bsections?\s+)(?P<number>\d{3,5}[A-Za-z]?)\b",
    re.I,
)
"""A section cited by number: "18 U.S.C. 2318", "19 U.S.C. § 4346", "§ 1526", "section 2323"."""
SECTION_TITLE = re.compile(r"§\s*(?P<number>\d+[A-Za-z]?)\.")
"""A statute's section as its chunk's title names it: "§ 2318. Trafficking in counterfeit
labels"."""

SECTION_HEADING = re.compile(r"(?:#+\s+)?§+\s*(?P<number>\w+)\.\s+[A-Z][^.;:]{0,150}$")
"""A code section's heading, with or without its markdown: "§ 1526. Merchandise bearing
American trade-mark"."""
TOPIC_ASKED = re.compile(
    r"\b(?:covers?|titled?(?!\s+\d)|called|headings?|deals? with|what is [^?]{0,60}\babout|"
    r"what (?:offense|crime|conduct))\b",
    re.I,
)
"""A question asking what a section is on, which its heading tells."""


def sections_cited(question: str) -> frozenset[str]:
    """The sections cited, in lower case as a document's terms are ("2319a")."""
    return frozenset(match.group("number").lower() for match in CITED_SECTION.finditer(question))


def heads_a_cited_section(question: str, sentence: str) -> bool:
    """The heading of a section the question cites ("§ 1526. Merchandise bearing American
    trade-mark" for "under 19 U.S.C. 1526(d)"), unless the question asks what the section is
    on: it names what the question already does."""
    match = SECTION_HEADING.match(sentence)
    return (
        match is not None
        and match.group("number").lower() in sections_cited(question)
        and TOPIC_ASKED.search(question) is None
    )


def section_of(title: str) -> str | None:
    """The section a chunk is of, if its title names one."""
    match = SECTION_TITLE.search(title)
    return match.group("number").lower() if match else None


def of_another_section(
    cited: frozenset[str],
    title: str,
    document_terms: frozenset[str],
    cited_subsections: Mapping[str, str],
    document_texts: Sequence[str],
) -> bool:
    """The question cites sections, and the document is none of them and names none: the fine
    18 U.S.C. 2320 sets, or a release's "faces a $250,000 fine" for trafficking in counterfeit
    goods, does not say what fine 2318 sets. A section that names one cited answers for it
    (18 U.S.C. 2319 sets the penalties of "section 506(a)(1)(B) of title 17"), but one cited
    with its subsection only where it names that subsection: the report 2320(h) asks for on
    "prosecutions brought under sections 2318, 2319, 2319A, and 2320" sets no fine of 2319(b)."""
    if not cited or section_of(title) in cited:
        return False
    return not any(
        section not in cited_subsections
        or _names_subsection(section, cited_subsections[section], document_texts)
        for section in cited & document_terms
    )


def _names_subsection(section: str, subsection: str, texts: Sequence[str]) -> bool:
    cited = re.compile(rf"\b{re.escape(section)}\s?\({subsection}\)", re.I)
    return any(cited.search(text) for text in texts)
