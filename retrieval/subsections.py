"""Which subsection of a code section a question cites, and which one a statute's chunk is: a
question about what 18 U.S.C. 2319(b) sets is answered by the chunk titled "§ 2319. … — (b)",
not by (c) of the same section."""

from __future__ import annotations

import re

CITED_SUBSECTION = re.compile(r"\b(?P<section>\d{3,5}[A-Za-z]?)\s?\((?P<subsection>[a-z])\)")
"""A section of a code cited with its subsection: "18 U.S.C. 2319(b)", "§ 1117(c)"."""
CITED_PARAGRAPH = re.compile(
    r"\b(?P<section>\d{3,5}[A-Za-z]?)\s?\((?P<subsection>[a-z])\)\((?P<paragraph>\d{1,2})\)"
)
"""A subsection cited with its paragraph: "19 U.S.C. 1526(d)(3)"."""
PARAGRAPH_MARK = re.compile(r"^[#\s]*\((?P<paragraph>\d{1,2})\)\s", re.M)
"""Where a numbered paragraph of a statute's text opens: "(3) If any article…"."""
TITLED_SUBSECTION = re.compile(
    r"§\s*(?P<section>\d{3,5}[A-Za-z]?)\..*?\u2014\s*\((?P<subsection>[a-z])\)"
)
"""A code section's subsection as its document is titled: "§ 2319. Criminal infringement of a
copyright — (c) Any person who…"."""
CITED_AS_CONTEXT = re.compile(
    r"\b(?:listed|described|referred\s+to|set\s+out|defined|specified|beyond|besides|"
    r"other\s+than|except)\b[^,;?]*$",
    re.I,
)
CONTEXT_REACH = 40
"""How far before a cited subsection the words citing it as context are looked for."""


def cited_subsections(question: str) -> dict[str, str]:
    """For each code section the question cites with a subsection, that subsection, unless it
    is cited as what the question asks beyond ("duties beyond those listed in 4344(b)")."""
    return {
        match.group("section"): match.group("subsection")
        for match in CITED_SUBSECTION.finditer(question)
        if not CITED_AS_CONTEXT.search(
            question[max(match.start() - CONTEXT_REACH, 0) : match.start()]
        )
    }


def cited_paragraphs(question: str) -> dict[tuple[str, str], str]:
    """For each subsection the question cites with a paragraph ("1526(d)(3)"), that paragraph,
    unless it is cited as what the question asks beyond."""
    return {
        (match.group("section"), match.group("subsection")): match.group("paragraph")
        for match in CITED_PARAGRAPH.finditer(question)
        if not CITED_AS_CONTEXT.search(
            question[max(match.start() - CONTEXT_REACH, 0) : match.start()]
        )
    }


def is_in_another_paragraph(
    cited: dict[tuple[str, str], str], title: str, text: str, at: int
) -> bool:
    """The sentence at ``at`` in a chunk's ``text`` is in another numbered paragraph of a
    subsection the question cites with its paragraph: (1) of 1526(d) where the question asks
    which sales 1526(d)(3) exempts."""
    titled = titled_subsection(title)
    if titled is None or titled not in cited:
        return False
    marks = [mark for mark in PARAGRAPH_MARK.finditer(text) if mark.start() <= at]
    return bool(marks) and marks[-1].group("paragraph") != cited[titled]


def titled_subsection(title: str) -> tuple[str, str] | None:
    """The section and subsection a chunk's title names, if it names both."""
    match = TITLED_SUBSECTION.search(title)
    return (match.group("section"), match.group("subsection")) if match else None


def is_another_subsection(cited: dict[str, str], title: str) -> bool:
    """The document is another subsection of a section the question cites with its own:
    subsection (c) of 2319 where the question asks what 2319(b) sets."""
    titled = titled_subsection(title)
    return titled is not None and titled[0] in cited and titled[1] != cited[titled[0]]
