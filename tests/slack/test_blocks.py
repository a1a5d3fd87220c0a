"""Block Kit rendering: Slack's limits, and text that cannot ping or link."""

from __future__ import annotations

import json

from bot.slack.blocks import (
    BLOCK_LIMIT,
    SECTION_TEXT_LIMIT,
    answer_message,
    withheld_line,
)
from bot.slack.mrkdwn import cut, escape, unescape, without_mention
from bot.testing.payloads import BOT_USER_ID, app_mention_event
from bot.testing.signing import event_callback
from casework.usecases.need_to_know import WithheldNotice
from retrieval.answering.model import Answer, Citation
from tests.slack.casebot_app import NOTICE_QUESTION, OTHER_CHANNEL, RunningCasebot, said_to_slack

PINGS = ("<!channel>", "<!here>", "<!everyone>", "<@U999>", "<#C999>", "<https://evil.example|x>")


def citation(n: int, quote: str = "a quote", url: str | None = None) -> Citation:
    return Citation(
        n=n,
        chunk_id=f"d{n}:v1:0",
        document_id=f"d{n}",
        title=f"Document {n} <!here>",
        source=f"/corpus/d{n}.txt",
        url=url,
        page=n,
        kind="filing",
        case_id=None,
        marking="PUBLIC",
        quote=quote,
    )


def answer_of(text: str, citations: list[Citation]) -> Answer:
    return Answer(question="q", text=text, abstained=False, citations=citations)


def texts_in(blocks: list[dict[str, object]]) -> list[str]:
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("text"), str):
                found.append(value["text"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(blocks)
    return found


def test_long_answer_and_many_sources_fit_slacks_limits() -> None:
    answer = answer_of("x & y " * 2000, [citation(n, "quote " * 400) for n in range(1, 41)])

    message = answer_message(answer, 7, [WithheldNotice("OP-1", 2, ("C1",))])

    assert len(message.blocks) <= BLOCK_LIMIT
    assert all(len(text) <= SECTION_TEXT_LIMIT for text in texts_in(message.blocks))
    rendered = json.dumps(message.blocks)
    assert "truncated" in rendered
    assert "more source(s) not shown" in rendered
    assert message.blocks[-1]["type"] == "actions"
    assert not any(text.endswith(("&am", "&l", "&g")) for text in texts_in(message.blocks))


def test_document_text_cannot_ping_or_link() -> None:
    hostile = " ".join(PINGS)
    answer = answer_of(f"{hostile} [1]", [citation(1, hostile, url="https://ok.example/a?b=1&c=2")])

    message = answer_message(answer, 1, [WithheldNotice("OP-<!channel>", 1, ("C1", "<!here>"))])

    rendered = message.text + json.dumps(message.blocks)
    for ping in PINGS:
        assert ping not in rendered
    assert "&lt;!channel&gt;" in rendered
    assert "<https://ok.example/a?b=1&amp;c=2|Document 1 &lt;!here&gt;>" in rendered


def test_unsafe_links_are_dropped() -> None:
    for url in ("javascript:alert(1)", "https://x.example/|<!channel>", "ftp://x.example"):
        message = answer_message(answer_of("a [1]", [citation(1, url=url)]), 1)
        assert "<http" not in json.dumps(message.blocks) and "<!channel>" not in str(message)


def test_withheld_line_names_the_case_room_without_content() -> None:
    line = withheld_line(WithheldNotice("OP-HARBOR", 3, ("CCASE1",)))
    nowhere = withheld_line(WithheldNotice("OP-HARBOR", 1, ()))

    assert line == (
        ":lock: 3 restricted document(s) in case OP-HARBOR matched; ask in <#CCASE1> or its lead."
    )
    assert "ask the case's lead" in nowhere


def test_cut_never_splits_an_entity() -> None:
    text = escape("<" * 100)

    cut_text = cut(text, 50, "…")

    assert len(cut_text) <= 50 and cut_text.endswith("&lt;…")


def test_user_text_round_trip_and_mention_removal() -> None:
    assert unescape(escape("a < b & c > d")) == "a < b & c > d"
    assert without_mention("<@UBOT|casebot>  what   next?", "UBOT") == "what next?"


def test_document_pings_never_reach_slack(casebot: RunningCasebot) -> None:
    mention = app_mention_event(f"<@{BOT_USER_ID}> {NOTICE_QUESTION}", channel=OTHER_CHANNEL)

    casebot.send(event_callback(mention))
    casebot.answer()

    said = said_to_slack(casebot.slack)
    assert "<!channel>" not in said and "<@U999>" not in said
    assert "&lt;!channel&gt;" in said
