"""Abbreviations investigators type for the bodies and programmes their documents spell out: a
question about the "IPR Center" is about the statute's "National Intellectual Property Rights
Coordination Center", which never uses the abbreviation. A search adds the spelled-out form of
each abbreviation its query uses, so that lexical search can find the words and the embedding
reads them."""

from __future__ import annotations

import re

SPELLED_OUT = (
    ("IPR Center", "National Intellectual Property Rights Coordination Center"),
    ("IPR", "intellectual property rights"),
    ("CBP", "Customs and Border Protection"),
    ("ICE", "Immigration and Customs Enforcement"),
    ("HSI", "Homeland Security Investigations"),
    ("FDA", "Food and Drug Administration"),
    ("USPIS", "Postal Inspection Service"),
    ("CCIPS", "Computer Crime and Intellectual Property Section"),
    ("CHIP", "Computer Hacking and Intellectual Property"),
    ("USTR", "Trade Representative"),
)
"""Each abbreviation, as written (in capitals: "ice" is no agency), with its spelled-out form."""


def with_spelled_out(query: str) -> str:
    """``query`` followed by the spelled-out forms of the abbreviations it uses and does not
    spell out itself."""
    added: list[str] = []
    for abbreviation, spelled_out in SPELLED_OUT:
        known = " ".join([query, *added]).lower()
        if spelled_out.lower() in known:
            continue
        if re.search(rf"(?<!\w){re.escape(abbreviation)}(?!\w)", query):
            added.append(spelled_out)
    return f"{query} ({'; '.join(added)})" if added else query
