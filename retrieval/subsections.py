"""Which subsection of a code section a question cites, and which one a statute's chunk is: a
question about what 18 U.S.C. 2319(b) sets is answered by the chunk titled "§ 2319. … — (b)",
not by (c) of the same section."""

from __future__ import annotations

import re

CITED_SUBSECTION = re.compile(r"\b(?P<section>\d{3,5}[A-Za-z]?)\s?\((?P<subsection>[a-z])\)")
"""A section of a code cited with its subsection: "18 U.S.C. 2319(b)", "§ 1117(c)"."""
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


def titled_subsection(title: str) -> tuple[str, str] | None:
    """The section and subsection a chunk's title names, if it names both."""
    match = TITLED_SUBSECTION.search(title)
    return (match.group("section"), match.group("subsection")) if match else None


def is_another_subsection(cited: dict[str, str], title: str) -> bool:
    """The document is another subsection of a section the question cites with its own:
    subsection (c) of 2319 where the question asks what 2319(b) sets."""
    titled = titled_subsection(title)
    return titled is not None and titled[0] in cited and titled[1] != cited[titled[0]]
