"""The summary's citations as the partner reads them: renumbered to the evidence that goes, and
no sentence that cites evidence held back."""

from __future__ import annotations

from casework.referrals.citations import cite_what_goes

SUMMARY = (
    "Customs held 48 cartons [1]. The informant named the warehouse [2]. "
    "The seller's phone appears in both [1][3]. We ask for the listing to come down."
)


def test_markers_follow_the_evidence_that_goes_and_sentences_citing_withheld_evidence_go() -> None:
    cited = cite_what_goes(SUMMARY, ["seizure", "informant", "release"], ["seizure", "release"])

    assert cited.text == (
        "Customs held 48 cartons [1]. The seller's phone appears in both [1][2]. "
        "We ask for the listing to come down."
    )
    assert cited.dropped == 1


def test_a_marker_naming_no_selected_document_is_not_passed_on() -> None:
    cited = cite_what_goes("Held at Newark [4].", ["seizure"], ["seizure"])

    assert (cited.text, cited.dropped) == ("", 1)
