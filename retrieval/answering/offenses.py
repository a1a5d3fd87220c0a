"""Whether a part of a question asks about a first or a repeat offense, and whether a sentence
is about the other.

Penalty statutes give a first offense's maximum and then a higher one "for a second or
subsequent offense", side by side. A part asking what a repeat offender faces is not answered by
the first-offense penalty, nor a part asking about a first offense by the repeat one.
"""

from __future__ import annotations

import re

OFFENSE = r"(offen[cs]es?|offenders?|violations?|convictions?)"
REPEAT_ASKED = re.compile(
    rf"\b(repeat(ed)?|second(-time)?|subsequent|later) {OFFENSE}"
    r"|\bprior conviction|\bpreviously convicted|\brecidivis",
    re.I,
)
FIRST_ASKED = re.compile(rf"\bfirst(-time)? {OFFENSE}", re.I)
REPEAT_STATED = re.compile(
    rf"\b(second|subsequent|repeat(ed)?)( or subsequent)? {OFFENSE}"
    r"|\bprior conviction|\bpreviously (been )?convicted|\bafter a (prior )?conviction",
    re.I,
)


def about_another_offense(asked: str, sentence: str) -> bool:
    """The part asks about a repeat offense and the sentence states none, or it asks about a
    first offense and the sentence is about a repeat one."""
    if REPEAT_ASKED.search(asked):
        return not REPEAT_STATED.search(sentence)
    return bool(FIRST_ASKED.search(asked) and REPEAT_STATED.search(sentence))
