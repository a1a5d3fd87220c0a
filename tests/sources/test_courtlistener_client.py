"""The CourtListener client against a FakeUpstream answering as the REST API v4 does: a docket at
``dockets/{id}/``, its entries cursor-paginated at ``docket-entries/?docket={id}`` with the
RECAP documents nested, a token in the ``Authorization`` header."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from bot.services import Services, build_services
from bot.testing.upstream import Answer, FakeUpstream, Seen, running_upstream
from casework.access import Viewer
from casework.settings import Settings, load_settings
from casework.sources.clients.courtlistener import CourtListenerClient
from casework.sources.clients.transport import HttpPolicy, UpstreamError
from casework.sources.config import SourceConfig, SourceType
from casework.sources.cursors import SourceCursors
from casework.sources.fetching import Fetched
from casework.sources.remote import RemoteRunner
from ingestion.loaders.docket import docket_from_json, render_docket
from retrieval.testing import HashingEmbedder
from tests.sources.support import Clock, sources_of
from tests.sources.test_transport import Sleeps

TOKEN = "cl-test-token"
API = "/api/rest/v4"
DOCKET_ID = "68571705"
PAGE_SIZE = 2
SHEET_PATH = f"/docket/{DOCKET_ID}/brightline-outdoor-v-the-partnerships/"


def docket(docket_id: str, modified: str, **fields: Any) -> dict[str, Any]:
    return {
        "resource_uri": f"https://www.courtlistener.com{API}/dockets/{docket_id}/",
        "id": int(docket_id),
        "court": f"https://www.courtlistener.com{API}/courts/ilnd/",
        "court_id": "ilnd",
        "absolute_url": f"/docket/{docket_id}/brightline-outdoor-v-the-partnerships/",
        "date_created": "2024-02-12T10:02:11.120000-08:00",
        "date_modified": modified,
        "case_name": "Brightline Outdoor Co. v. The Partnerships",
        "case_name_full": "Brightline Outdoor Co. v. The Partnerships and Associations",
        "docket_number": "1:24-cv-01234",
        "date_filed": "2024-02-12",
        "date_terminated": None,
        "assigned_to_str": "Harriet M. Osei",
        "referred_to_str": "",
        "cause": "15:1114 Trademark Infringement",
        "nature_of_suit": "840 Trademark",
        "jury_demand": "Plaintiff",
        "jurisdiction_type": "Federal question",
        "pacer_case_id": "455123",
        **fields,
    }


def entry(number: int | None, filed: str, description: str, **fields: Any) -> dict[str, Any]:
    entry_id = 900000 + (number or 99)
    return {
        "resource_uri": f"https://www.courtlistener.com{API}/docket-entries/{entry_id}/",
        "id": entry_id,
        "docket": f"https://www.courtlistener.com{API}/dockets/{DOCKET_ID}/",
        "description": description,
        "entry_number": number,
        "recap_sequence_number": f"{filed}.{number or 0:03d}",
        "pacer_sequence_number": number,
        "date_filed": filed,
        "time_filed": None,
        "date_created": f"{filed}T12:00:00-08:00",
        "date_modified": f"{filed}T12:30:00-08:00",
        "short_description": "",
        "recap_documents": [],
        **fields,
    }


def document(number: int, attachment: int | None, description: str, text: str) -> dict[str, Any]:
    return {
        "id": 7000000 + number * 10 + (attachment or 0),
        "document_number": str(number),
        "attachment_number": attachment,
        "document_type": 2 if attachment else 1,
        "description": description,
        "plain_text": text,
        "page_count": 3,
        "is_available": bool(text),
        "pacer_doc_id": f"06712{number:06d}",
    }


ENTRIES = [
    entry(
        1,
        "2024-02-12",
        "COMPLAINT filed by Brightline Outdoor Co.",
        recap_documents=[
            document(1, None, "Complaint", "Defendants sell   counterfeit\n\nSUMMITLINE tents."),
            document(1, 1, "Exhibit A - Schedule A", "Store 17: glimmerdeals-outlet"),
        ],
    ),
    entry(2, "2024-02-13", "MOTION for temporary restraining order"),
    entry(None, "2024-02-14", "MINUTE entry before the Honorable Harriet M. Osei"),
    entry(3, "2024-02-15", "ORDER granting temporary restraining order and asset freeze"),
    entry(4, "2024-03-01", "", short_description="Summons Issued"),
]


class FakeCourtListener:
    """Dockets and their entries, served in pages of two, newest entries first."""

    def __init__(self, upstream: FakeUpstream) -> None:
        self.upstream = upstream
        self.entries: dict[str, list[dict[str, Any]]] = {}
        upstream.route(f"{API}/docket-entries/", self._entries_page)

    def serve(self, body: dict[str, Any], entries: list[dict[str, Any]]) -> None:
        docket_id = str(body["id"])
        encoded = json.dumps(body).encode()
        self.upstream.route(f"{API}/dockets/{docket_id}/", lambda seen: Answer(200, encoded))
        self.entries[docket_id] = list(reversed(entries))

    def withdraw(self, docket_id: str) -> None:
        detail = b'{"detail": "No Docket matches the given query."}'
        self.upstream.route(f"{API}/dockets/{docket_id}/", lambda seen: Answer(404, detail))

    def _entries_page(self, seen: Seen) -> Answer:
        docket_id = seen.param("docket") or ""
        start = int(seen.param("cursor") or "0")
        listed = self.entries.get(docket_id, [])
        rest = start + PAGE_SIZE
        base = f"{self.upstream.url}{API}/docket-entries/?docket={docket_id}"
        page = {
            "next": f"{base}&cursor={rest}" if rest < len(listed) else None,
            "previous": f"{base}&cursor={start - PAGE_SIZE}" if start else None,
            "results": listed[start:rest],
        }
        return Answer(200, json.dumps(page).encode(), {"Content-Type": "application/json"})


@pytest.fixture
def upstream() -> Iterator[FakeUpstream]:
    with running_upstream() as server:
        yield server


@pytest.fixture
def courtlistener(upstream: FakeUpstream) -> FakeCourtListener:
    fake = FakeCourtListener(upstream)
    fake.serve(docket(DOCKET_ID, "2024-03-01T09:00:00-08:00"), ENTRIES)
    return fake


def source_for(upstream: FakeUpstream, *dockets: str) -> SourceConfig:
    listed = ", ".join(dockets or (DOCKET_ID,))
    return sources_of(
        "  - name: tents\n    type: courtlistener\n    schedule: {every: 6h}\n"
        f"    kind: filing\n    base_url: {upstream.url}\n    dockets: [{listed}]\n"
    ).by_name["tents"]


def client(sleeps: Sleeps | None = None, token: str | None = TOKEN) -> CourtListenerClient:
    sleeps = sleeps or Sleeps()
    policy = HttpPolicy(timeout_seconds=5, min_interval_seconds=0.72)
    return CourtListenerClient(token, policy, sleep=sleeps, clock=sleeps.clock)


def entry_lines(fetched: Fetched) -> list[str]:
    rendered = render_docket(docket_from_json(json.loads(fetched.files[0].data)))
    section = next(part for part in rendered.sections if part.label == "docket entries")
    return section.text.splitlines()[1:]


def test_a_docket_is_read_with_every_page_of_its_entries_as_a_docket_sheet(
    upstream: FakeUpstream, courtlistener: FakeCourtListener
) -> None:
    fetched = client().fetch(source_for(upstream), {})

    [sheet] = fetched.files
    assert sheet.source == f"{upstream.url}{SHEET_PATH}"
    assert sheet.name == f"courtlistener-docket-{DOCKET_ID}.json"
    assert [seen.param("cursor") for seen in upstream.requests_to(f"{API}/docket-entries/")] == [
        None,
        "2",
        "4",
    ]
    assert entry_lines(fetched) == [
        "#1 2024-02-12: COMPLAINT filed by Brightline Outdoor Co.",
        "Document text: Defendants sell counterfeit SUMMITLINE tents.",
        "Attachment 1 text: Store 17: glimmerdeals-outlet Attachments: 1 Exhibit A - Schedule A",
        "#2 2024-02-13: MOTION for temporary restraining order",
        "# 2024-02-14: MINUTE entry before the Honorable Harriet M. Osei",
        "#3 2024-02-15: ORDER granting temporary restraining order and asset freeze",
        "#4 2024-03-01: Summons Issued",
    ]


def test_the_token_is_sent_and_requests_keep_courtlisteners_rate(
    upstream: FakeUpstream, courtlistener: FakeCourtListener
) -> None:
    sleeps = Sleeps()

    client(sleeps).fetch(source_for(upstream), {})

    assert {seen.headers["Authorization"] for seen in upstream.requests} == {f"Token {TOKEN}"}
    assert sleeps.waits == [0.72] * (len(upstream.requests) - 1)


def test_an_unchanged_docket_costs_one_request_and_gives_nothing_new(
    upstream: FakeUpstream, courtlistener: FakeCourtListener
) -> None:
    first = client().fetch(source_for(upstream), {})
    upstream.requests.clear()

    again = client().fetch(source_for(upstream), first.cursor)

    assert [seen.path for seen in upstream.requests] == [f"{API}/dockets/{DOCKET_ID}/"]
    assert (again.files, again.withdrawn, again.cursor) == ([], [], first.cursor)
    assert first.cursor["dockets"][DOCKET_ID]["date_modified"] == "2024-03-01T09:00:00-08:00"
    assert first.cursor["dockets"][DOCKET_ID]["last_entry_id"] == 900099


def test_the_same_upstream_content_gives_the_same_bytes(
    upstream: FakeUpstream, courtlistener: FakeCourtListener
) -> None:
    first = client().fetch(source_for(upstream), {})
    courtlistener.serve(docket(DOCKET_ID, "2024-03-02T08:00:00-08:00"), list(reversed(ENTRIES)))

    touched = client().fetch(source_for(upstream), first.cursor)

    assert touched.files[0].data == first.files[0].data


def test_a_429_waits_as_retry_after_says(
    upstream: FakeUpstream, courtlistener: FakeCourtListener
) -> None:
    sleeps = Sleeps()
    upstream.script(Answer(429, headers={"Retry-After": "9"}))

    fetched = client(sleeps).fetch(source_for(upstream), {})

    assert 9.0 in sleeps.waits
    assert len(entry_lines(fetched)) == 7


def test_a_server_error_is_retried_and_one_that_persists_fails_the_run(
    upstream: FakeUpstream, courtlistener: FakeCourtListener
) -> None:
    upstream.script(Answer(502))
    assert client().fetch(source_for(upstream), {}).files

    upstream.script(*[Answer(503)] * 4)
    with pytest.raises(UpstreamError, match="kept failing \\(HTTP 503\\)"):
        client().fetch(source_for(upstream), {})


def test_a_page_that_is_not_json_or_has_no_results_names_its_url(
    upstream: FakeUpstream, courtlistener: FakeCourtListener
) -> None:
    upstream.route(f"{API}/docket-entries/", lambda seen: Answer(200, b'{"results": [{"id'))
    with pytest.raises(UpstreamError, match="docket-entries/ answered with a body that is not"):
        client().fetch(source_for(upstream), {})

    upstream.route(f"{API}/docket-entries/", lambda seen: Answer(200, b'{"detail": "x"}'))
    with pytest.raises(UpstreamError, match="docket-entries/ answered JSON without `results`"):
        client().fetch(source_for(upstream), {})


def test_a_next_page_elsewhere_is_not_followed_with_the_token(
    upstream: FakeUpstream, courtlistener: FakeCourtListener
) -> None:
    page: dict[str, Any] = {"next": "https://elsewhere.test/steal", "results": []}
    upstream.route(f"{API}/docket-entries/", lambda seen: Answer(200, json.dumps(page).encode()))

    with pytest.raises(UpstreamError, match="outside"):
        client().fetch(source_for(upstream), {})


def test_entries_the_token_may_not_read_leave_the_docket_without_them(
    upstream: FakeUpstream, courtlistener: FakeCourtListener, caplog: pytest.LogCaptureFixture
) -> None:
    refusal = b'{"detail": "You do not have permission to perform this action."}'
    upstream.route(f"{API}/docket-entries/", lambda seen: Answer(403, refusal))

    with caplog.at_level(logging.WARNING):
        fetched = client().fetch(source_for(upstream), {})

    document = render_docket(docket_from_json(json.loads(fetched.files[0].data)))
    assert "Trademark Infringement" in document.sections[0].text
    assert [section.label for section in document.sections] == ["case details"]
    assert fetched.cursor["dockets"][DOCKET_ID]["entries_refused"] is True
    assert f"entries of docket {DOCKET_ID} (HTTP 403)" in caplog.text


def test_a_docket_gone_upstream_is_withdrawn_once_under_the_name_it_was_ingested_as(
    upstream: FakeUpstream, courtlistener: FakeCourtListener
) -> None:
    first = client().fetch(source_for(upstream), {})
    courtlistener.withdraw(DOCKET_ID)

    gone = client().fetch(source_for(upstream), first.cursor)
    still_gone = client().fetch(source_for(upstream), gone.cursor)
    courtlistener.serve(docket(DOCKET_ID, "2024-05-01T09:00:00-07:00"), ENTRIES)
    back = client().fetch(source_for(upstream), still_gone.cursor)

    assert (gone.withdrawn, gone.files) == ([first.files[0].source], [])
    assert (still_gone.withdrawn, still_gone.files) == ([], [])
    assert [item.source for item in back.files] == [first.files[0].source]


def test_without_a_token_the_run_fails_saying_which_setting_to_set(
    upstream: FakeUpstream, services: Services
) -> None:
    runner = services.source_runners[SourceType.COURTLISTENER]

    with pytest.raises(UpstreamError, match="set CASEBOT_COURTLISTENER_TOKEN"):
        runner(source_for(upstream))
    assert upstream.requests == []


# -- through ingestion ---------------------------------------------------------------------------


@pytest.fixture
def token_services(settings: Settings, hashing_embedder: HashingEmbedder) -> Services:
    configured = load_settings(
        CASEBOT_HOME=settings.casebot_home,
        CASEBOT_COURTLISTENER_TOKEN=TOKEN,
        CASEBOT_COURTLISTENER_MIN_INTERVAL_SECONDS=0,
    )
    return build_services(configured, embedder=hashing_embedder)


def test_followed_dockets_are_searchable_new_entries_versioned_and_withdrawn_ones_removed(
    upstream: FakeUpstream, courtlistener: FakeCourtListener, token_services: Services
) -> None:
    run = token_services.source_runners[SourceType.COURTLISTENER]
    source = source_for(upstream)
    sheet_url = f"{upstream.url}{SHEET_PATH}"

    first = run(source)
    hit = search(token_services, "glimmerdeals-outlet Schedule A store")[0]
    unchanged = run(source)
    later = [*ENTRIES, entry(5, "2024-03-04", "PRELIMINARY INJUNCTION entered against store 17")]
    courtlistener.serve(docket(DOCKET_ID, "2024-03-04T10:00:00-08:00"), later)
    updated = run(source)
    courtlistener.withdraw(DOCKET_ID)
    removed = run(source)

    assert (first.added, unchanged.added, unchanged.updated) == (1, 0, 0)
    assert hit.url == sheet_url
    assert "glimmerdeals-outlet" in hit.text
    assert updated.updated == 1
    assert removed.removed == 1
    assert search(token_services, "preliminary injunction store 17") == []


def test_a_malformed_answer_fails_the_run_and_keeps_the_cursor(
    upstream: FakeUpstream, courtlistener: FakeCourtListener, token_services: Services
) -> None:
    cursors = SourceCursors(token_services.sessions, Clock())
    run = RemoteRunner(client(), token_services.ingestion, cursors, token_services.hits.count)
    source = source_for(upstream, DOCKET_ID, "68571999")
    other = docket("68571999", "2024-03-01T09:00:00-08:00", case_name="Brightline v. Lakeshore")
    courtlistener.serve(other, [])
    upstream.route(f"{API}/dockets/68571999/", lambda seen: Answer(200, b"<html>oops</html>"))

    with pytest.raises(UpstreamError, match="68571999/ answered with a body that is not"):
        run(source)

    assert cursors.get("tents") == {}
    assert search(token_services, "counterfeit SUMMITLINE tents") == []


def search(services: Services, query: str) -> list[Any]:
    return list(services.searcher.search(query, Viewer.operator()).hits)
