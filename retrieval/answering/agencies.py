"""The enforcement agencies a question or a sentence names, by acronym or by full name.

A part of a question that names one agency ("how many ICE employees must be assigned") is not
answered by a sentence about another ("not fewer than 3 full-time employees of U.S. Customs and
Border Protection"): agencies sit side by side in the same statutes and releases, so the other
one's figure reads like an answer.
"""

from __future__ import annotations

import re

AGENCIES: dict[str, re.Pattern[str]] = {
    # HSI is ICE's investigative arm: naming either names the same agency.
    "ICE": re.compile(
        r"\bICE\b|Immigration and Customs Enforcement|\bHSI\b|Homeland Security Investigations"
    ),
    "CBP": re.compile(r"\bCBP\b|Customs and Border Protection|\bCustoms Service\b"),
    "FBI": re.compile(r"\bFBI\b|Federal Bureau of Investigation"),
    "USPIS": re.compile(r"\bUSPIS\b|Postal Inspection Service|Postal Inspectors?\b"),
    "FDA": re.compile(r"\bFDA\b|Food and Drug Administration"),
    "DEA": re.compile(r"\bDEA\b|Drug Enforcement Administration"),
    "IRS": re.compile(r"\bIRS\b|Internal Revenue Service"),
    "USSS": re.compile(r"\bUSSS\b|Secret Service"),
}


def agencies_named(text: str) -> frozenset[str]:
    """The agencies ``text`` names, by the acronym each goes by."""
    return frozenset(agency for agency, pattern in AGENCIES.items() if pattern.search(text))


def about_another_agency(asked: str, sentence: str) -> bool:
    """The part names an agency and the sentence names only others."""
    wanted = agencies_named(asked)
    if not wanted:
        return False
    named = agencies_named(sentence)
    return bool(named) and not named & wanted
