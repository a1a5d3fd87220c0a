"""The summary's ``[n]`` markers as the partner reads them.

In the form, ``[n]`` names the n-th selected document. The package carries only the evidence
the policy let through, so the markers are renumbered to the package's evidence list, and a
sentence that cites evidence held back from this partner is left out of the partner's summary
altogether: it would pass on, in the investigator's words, what the policy withheld. Sentences
that cite nothing are the investigator's own and stay (the preview shows them as they will go).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from retrieval.answering.sentences import split_sentences

MARKER: Final = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class CitedSummary:
    text: str
    dropped: int
    """Sentences left out because they cite evidence that does not go."""


def cite_what_goes(summary: str, selected: Sequence[str], sent: Sequence[str]) -> CitedSummary:
    """``selected``: document ids in the form's order; ``sent``: those in the package."""
    position = {document_id: number for number, document_id in enumerate(sent, start=1)}
    kept: list[str] = []
    dropped = 0
    for sentence in split_sentences(summary):
        cited = [int(n) for n in MARKER.findall(sentence.text)]
        if any(_target(n, selected, position) is None for n in cited):
            dropped += 1
            continue
        kept.append(_renumbered(sentence.text, selected, position))
    return CitedSummary(" ".join(kept), dropped)


def _renumbered(sentence: str, selected: Sequence[str], position: dict[str, int]) -> str:
    return MARKER.sub(lambda m: f"[{_target(int(m.group(1)), selected, position)}]", sentence)


def _target(number: int, selected: Sequence[str], position: dict[str, int]) -> int | None:
    if not 1 <= number <= len(selected):
        return None
    return position.get(selected[number - 1])
