"""What an answer cited, read back from its ``answer`` audit record, to start a referral from
the answer's "Refer to a partner" button."""

from __future__ import annotations

from bot.services import Services
from casework.audit import ANSWER, QUESTION
from casework.usecases.referring import CitedDocuments
from casework.usecases.requester import Requester, Surface
from tests.referrals.support import CASE, MEMBER, OUTSIDER, ROOM, member


def asked(services: Services, *document_ids: str) -> int:
    """A question and its answer citing ``document_ids``, with someone else's answer between."""
    question = services.audit.record(QUESTION, MEMBER, ROOM, {"question": "q", "surface": "x"})
    other = {"question_audit_id": question.id - 1, "document_ids": ["not-this-one"]}
    services.audit.record(ANSWER, OUTSIDER, "C0OTHER", other)
    mine = {"question_audit_id": question.id, "document_ids": list(document_ids)}
    services.audit.record(ANSWER, MEMBER, ROOM, mine)
    return question.id


def test_the_answers_cited_documents_and_their_case(
    services: Services, documents: dict[str, str]
) -> None:
    report, release = documents["seizure-report.txt"], documents["press-release.txt"]
    question = asked(services, release, report)

    cited = services.referring.cited_documents(member(), question)

    assert cited == CitedDocuments((release, report), CASE)


def test_what_the_requester_may_not_see_is_left_out(
    services: Services, documents: dict[str, str]
) -> None:
    report, release = documents["seizure-report.txt"], documents["press-release.txt"]
    question = asked(services, report, release)
    outsider = Requester.in_slack(OUTSIDER, "D0OUTSIDER", Surface.BUTTON)

    cited = services.referring.cited_documents(outsider, question)

    assert cited == CitedDocuments((release,), CASE)  # a public note of the case


def test_a_question_without_an_answer_cites_nothing(
    services: Services, documents: dict[str, str]
) -> None:
    assert services.referring.cited_documents(member(), 999_999) == CitedDocuments((), None)
