"""Normalisation round-trips: what was found reads back to the same value, a normalised value
normalises to itself, offsets quote the text, and matches never overlap within a kind."""

from __future__ import annotations

import json
from pathlib import Path

from casework.identifiers import IdentifierKind, find_identifiers, label, parse_query
from tests.identifiers.test_recognisers import VALID

LABELLED = (
    Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "identifiers_labelled.jsonl"
)


def labelled_texts() -> list[str]:
    return [json.loads(line)["text"] for line in LABELLED.read_text().splitlines() if line]


TEXTS = [text for _, text, _ in VALID] + labelled_texts()


def test_every_kind_is_exercised() -> None:
    kinds = {match.kind for text in TEXTS for match in find_identifiers(text)}

    assert kinds == set(IdentifierKind)


def test_found_identifiers_round_trip_through_the_lookup() -> None:
    broken = []
    for text in TEXTS:
        for match in find_identifiers(text):
            explicit = parse_query(f"{match.kind}:{match.value}")
            if not (
                text[match.start : match.end] == match.display
                and parse_query(match.display).value == match.value
                and parse_query(match.value).value == match.value
                and (explicit.kind, explicit.value, explicit.valid)
                == (match.kind, match.value, True)
            ):
                broken.append(match)

    assert broken == []


def test_no_two_matches_of_one_kind_overlap() -> None:
    overlapping = []
    for text in TEXTS:
        matches = find_identifiers(text)
        overlapping += [
            (first, second)
            for first in matches
            for second in matches
            if first is not second
            and first.kind == second.kind
            and first.start < second.end
            and second.start < first.end
        ]

    assert overlapping == []


def test_every_kind_has_a_label() -> None:
    labels = [label(kind) for kind in IdentifierKind]

    assert all(labels)
    assert len(set(labels)) == len(labels)
