"""The quote a referral offers for a document, and the draft summary built from the quotes:
statements, not the document's title, headings or form labels."""

from __future__ import annotations

from casework.referrals.evidence import informative_sentences

NOTE = """# Intake memo — OP-EXAMPLE

**Case:** OP-EXAMPLE
Handling: LES
Date / place: 2026-01-12, Newark

- 2026-01-09: the brand's manager reported forty counterfeit batteries sold by the seller.
The importer of record gave a phone number that also appears in an indicted case.
A third sentence that is not needed.
"""


def test_the_quote_skips_the_title_headings_and_labels() -> None:
    quote = informative_sentences(NOTE, count=2)

    assert quote == (
        "2026-01-09: the brand's manager reported forty counterfeit batteries sold by the "
        "seller. The importer of record gave a phone number that also appears in an indicted "
        "case."
    )


def test_a_document_with_no_statement_is_quoted_from_its_opening() -> None:
    assert informative_sentences("Seizure log\nLES") == "Seizure log LES"
