"""Two ``casebot serve --http`` replicas, each its own process with its own data folder, sharing
one PostgreSQL database and one Chroma server, behind the same fake Slack: what must happen once
happens once, whichever replica Slack (or a retry) reaches.

Server backend only: embedded Chroma is one process's store, so replicas need the servers.
"""

from __future__ import annotations

import signal
import subprocess
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.services import Services, build_services
from bot.testing.environment import CASEBOT, PROXY_VARIABLES, scrubbed_environment
from bot.testing.fake_slack import FakeSlackWebAPI, RecordedCall
from bot.testing.payloads import BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, app_mention_event
from bot.testing.signing import (
    HttpResponse,
    SlackRequest,
    event_callback,
    free_port,
    send,
    slash_command,
    wait_for_http,
)
from casework.markings import Kind
from casework.settings import load_settings
from casework.storage.registry import Document
from casework.usecases.referring import ReferralDraft
from casework.usecases.requester import Requester, Surface
from ingestion.pipeline import IngestOptions
from retrieval.embeddings import SentenceTransformerEmbedder
from tests.backends import Backend, ServerBackends
from tests.slack.casebot_app import CASE_CHANNEL, CASE_ID, MEMBER, PUBLIC_QUESTION, index_corpus
from tests.slack.test_lookup_and_hits import (
    OTHER_CASE,
    OTHER_LEAD,
    OTHER_NOTE,
    OTHER_ROOM,
    PHONE_NOTE,
    names_marker_phone,
    raise_marker_hit,
)

STARTUP_SECONDS = 180
PARTNER_CHANNEL = "C0PARTNER"
PARTNERS_YAML = f"""\
partners:
  - id: cbp
    name: Customs
    kind: government
    deliveries:
      - slack_channel: {PARTNER_CHANNEL}
    markings: [PUBLIC, LES]
"""


@dataclass
class Replicas:
    events_urls: list[str]
    slack: FakeSlackWebAPI
    services: Services
    """In this process, on the same database and Chroma server."""

    def send_to(self, replica: int, request: SlackRequest) -> HttpResponse:
        return send(self.events_urls[replica], request, timeout=30)


@pytest.fixture(scope="module")
def replicas(
    servers: ServerBackends,
    real_embedder: SentenceTransformerEmbedder,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[Replicas]:
    root = tmp_path_factory.mktemp("replicas")
    partners = root / "partners.yml"
    partners.write_text(PARTNERS_YAML)
    with servers.fresh() as backend, FakeSlackWebAPI() as slack:
        settings = load_settings(
            CASEBOT_HOME=root / "test-home",
            CASEBOT_PARTNERS_FILE=partners,
            **backend.settings_overrides(),
        )
        services = build_services(settings, embedder=real_embedder)
        index_corpus(services, root / "corpus")
        (root / "phone.md").write_text(PHONE_NOTE)
        services.ingestion.ingest(
            [root / "phone.md"], IngestOptions(kind=Kind.NOTE, case_id=CASE_ID)
        )
        processes = [start_replica(root / f"replica-{n}", backend, slack, partners) for n in (1, 2)]
        try:
            urls = [wait_until_serving(process, port) for process, port in processes]
            yield Replicas(urls, slack, services)
        finally:
            for process, _ in processes:
                process.send_signal(signal.SIGTERM)
            for process, _ in processes:
                process.wait(timeout=60)
            services.close()


def start_replica(
    home: Path, backend: Backend, slack: FakeSlackWebAPI, partners: Path
) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    environment = scrubbed_environment(
        CASEBOT_HOME=str(home),
        HF_HUB_OFFLINE="1",
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        CASEBOT_SLACK_API_URL=slack.url,
        CASEBOT_DATABASE_URL=str(backend.database_url),
        CASEBOT_CHROMA_URL=str(backend.chroma_url),
        CASEBOT_CHROMA_COLLECTION=str(backend.chroma_collection),
        CASEBOT_PARTNERS_FILE=str(partners),
        CASEBOT_SLACK_HIT_NOTICE_SECONDS="0.2",
        CASEBOT_REFERRAL_POLL_SECONDS="0.2",
    )
    for proxy in PROXY_VARIABLES:
        environment.pop(proxy, None)
    command = [str(CASEBOT), "serve", "--http", "--host", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(command, env=environment, stderr=subprocess.DEVNULL), port


def wait_until_serving(process: subprocess.Popen[bytes], port: int) -> str:
    wait_for_http(f"http://127.0.0.1:{port}/healthz", timeout=STARTUP_SECONDS)
    assert process.poll() is None
    return f"http://127.0.0.1:{port}/slack/events"


def in_channel(channel: str) -> Callable[[RecordedCall], bool]:
    return lambda call: call.params.get("channel") == channel


def mention_in(channel: str) -> SlackRequest:
    return event_callback(app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel=channel))


def answers_in(slack: FakeSlackWebAPI, channel: str) -> list[RecordedCall]:
    """Answers start as a placeholder message in the channel; one per question answered."""
    return [
        call for call in slack.calls("chat.postMessage") if call.params.get("channel") == channel
    ]


def both_at_once(replicas: Replicas, request: SlackRequest) -> list[HttpResponse]:
    responses: list[HttpResponse] = []
    barrier = threading.Barrier(2)

    def deliver(replica: int) -> None:
        barrier.wait()
        responses.append(replicas.send_to(replica, request))

    threads = [threading.Thread(target=deliver, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


def test_an_event_delivered_to_both_replicas_is_answered_once(replicas: Replicas) -> None:
    replicas.slack.reset()
    channel = "CRETRY01"
    request = mention_in(channel)

    responses = both_at_once(replicas, request)
    replicas.slack.wait_for("chat.update", in_channel(channel), timeout=120)
    marker = "CMARK01"
    replicas.send_to(
        0, event_callback(app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel=marker))
    )
    replicas.send_to(
        1,
        event_callback(app_mention_event(f"<@{BOT_USER_ID}> {PUBLIC_QUESTION}", channel="CMARK02")),
    )
    replicas.slack.wait_for("chat.update", in_channel(marker), timeout=120)
    replicas.slack.wait_for("chat.update", in_channel("CMARK02"), timeout=120)

    assert [response.status for response in responses] == [200, 200]
    assert len(answers_in(replicas.slack, channel)) == 1


def test_questions_spread_over_both_replicas_are_each_answered_once_and_audited_in_one_chain(
    replicas: Replicas,
) -> None:
    replicas.slack.reset()
    channels = [f"CSPREAD{n:02d}" for n in range(12)]
    responses: list[HttpResponse] = []

    def ask(n: int, channel: str) -> None:
        request = slash_command("/ask", PUBLIC_QUESTION, f"UASKER{n:02d}", channel)
        responses.append(replicas.send_to(n % 2, request))

    threads = [threading.Thread(target=ask, args=(n, c)) for n, c in enumerate(channels)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for channel in channels:
        replicas.slack.wait_for("chat.postMessage", in_channel(channel), timeout=180)

    assert [response.status for response in responses] == [200] * len(channels)
    assert all(len(answers_in(replicas.slack, channel)) == 1 for channel in channels)
    verdict = replicas.services.audit.verify()
    assert verdict.ok, verdict


def test_a_cross_case_hit_is_announced_once_though_both_replicas_poll(
    replicas: Replicas, tmp_path: Path
) -> None:
    replicas.slack.reset()
    services = replicas.services
    services.cases.create(OTHER_CASE, "Counterfeit chargers", [OTHER_ROOM], leads=[OTHER_LEAD])
    note = tmp_path / "complaint.md"
    note.write_text(OTHER_NOTE)

    services.ingestion.ingest([note], IngestOptions(kind=Kind.NOTE, case_id=OTHER_CASE))
    raise_marker_hit(services, tmp_path)
    replicas.slack.wait_for("chat.postMessage", names_marker_phone, count=2, timeout=60)

    notices = replicas.slack.calls("chat.postMessage")
    first_hit = [call for call in notices if not names_marker_phone(call)]
    assert sorted(call.params["channel"] for call in first_hit) == [CASE_CHANNEL, OTHER_ROOM]


def test_a_referral_is_delivered_once_though_both_replicas_drain_the_outbox(
    replicas: Replicas,
) -> None:
    replicas.slack.reset()
    services = replicas.services
    with services.sessions() as session:
        [note_id] = session.scalars(
            select(Document.id).where(Document.source.endswith("informant.md"))
        ).all()
    sender = Requester.in_slack(MEMBER, "D0DIRECT", Surface.BUTTON)
    draft = ReferralDraft(
        case_id=CASE_ID, partner_id="cbp", document_ids=(note_id,), summary="A raid is planned [1]."
    )

    first = services.referring.submit(sender, draft, "replicas-1").referral
    second = services.referring.submit(sender, draft, "replicas-2").referral
    replicas.slack.wait_for("chat.postMessage", in_channel(PARTNER_CHANNEL), count=2, timeout=60)
    marker = services.referring.submit(sender, draft, "replicas-3").referral
    replicas.slack.wait_for("chat.postMessage", in_channel(PARTNER_CHANNEL), count=3, timeout=60)

    delivered = [
        call
        for call in replicas.slack.calls("chat.postMessage")
        if in_channel(PARTNER_CHANNEL)(call)
    ]
    assert len({first.id, second.id, marker.id}) == 3
    assert len(delivered) == 3
