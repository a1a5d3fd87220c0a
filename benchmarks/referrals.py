"""Referral creation to delivery, under concurrent submissions.

    .venv/bin/python -m benchmarks.referrals [--submissions 20] [--write]

Real stores (SQLite and Chroma under benchmarks/.work/referrals/), a case with notes of its own,
and two partners played by stand-ins on 127.0.0.1: a customs office over SMTP (aiosmtpd) and a
marketplace over a signed webhook. ``--submissions`` referrals are submitted at once from as
many threads (half to each partner), each submitted twice with the same client token, as a
double click would; two replicas (two ``Services`` on one database, each with its outbox worker)
drain the outbox. Measured per referral: from the start of its submission to the moment its
status reads ``delivered``. Checked: one referral per token, and each partner received each
referral exactly once.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import threading
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

from benchmarks import results
from bot.services import Services, build_services
from bot.testing.partner_smtp import RecordingHandler, smtp_server
from bot.testing.partner_webhook import WebhookReceiver
from casework.markings import Kind
from casework.referrals.lifecycle import Status
from casework.referrals.worker import OutboxWorker
from casework.settings import load_settings
from casework.usecases.referring import ReferralDraft
from casework.usecases.requester import Requester, Surface
from ingestion.pipeline import IngestOptions
from retrieval.testing import HashingEmbedder

WORK = Path(__file__).resolve().parents[1] / "benchmarks" / ".work" / "referrals"
CASE = "OP-BENCH"
MEMBER = "U0BENCH"
SECRET = "bench-secret"
POLL_SECONDS = 0.01
DEADLINE_SECONDS = 60.0
NOTE = (
    "Customs held 48 cartons of counterfeit Veloce batteries at Newark on 3 March. The importer "
    "of record, Harbor Imports LLC, gave (312) 555-0142 as its phone. The broker's clerk gave "
    "her personal cell, (646) 555-0199."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    measured = run(args.submissions)
    body = _table(measured)
    print(body)
    if args.write:
        command = ".venv/bin/python -m benchmarks.referrals --write"
        results.write_section("Referrals: creation to delivery", command, body)


def run(submissions: int) -> dict[str, float]:
    shutil.rmtree(WORK, ignore_errors=True)
    mailbox = RecordingHandler()
    webhook = WebhookReceiver(SECRET)
    webhook.start()
    try:
        with smtp_server(mailbox) as controller:
            replicas = _replicas(int(controller.port), webhook.url)
            document_id = _set_up_case(replicas[0])
            workers = [
                OutboxWorker(replica.referral_outbox, interval=1.0).start() for replica in replicas
            ]
            try:
                latencies, referral_ids = _submit_all(replicas, workers, document_id, submissions)
            finally:
                for worker in workers:
                    worker.stop()
            return _measures(latencies, referral_ids, submissions, mailbox, webhook)
    finally:
        webhook.stop()


def _replicas(smtp_port: int, webhook_url: str) -> list[Services]:
    WORK.mkdir(parents=True, exist_ok=True)
    partners_file = WORK / "partners.yml"
    partners_file.write_text(_partners_yaml(webhook_url), encoding="utf-8")
    settings = load_settings(
        CASEBOT_HOME=WORK / "home",
        CASEBOT_PARTNERS_FILE=partners_file,
        CASEBOT_SMTP_HOST="127.0.0.1",
        CASEBOT_SMTP_PORT=smtp_port,
        CASEBOT_SMTP_STARTTLS=False,
        CASEBOT_REFERRAL_RETRY_SECONDS=0.2,
    )
    return [build_services(settings, embedder=HashingEmbedder()) for _ in range(2)]


def _set_up_case(services: Services) -> str:
    services.cases.create(CASE, "Benchmark case", members=[MEMBER], leads=[MEMBER])
    note = WORK / "notes" / "seizure.txt"
    note.parent.mkdir(parents=True, exist_ok=True)
    note.write_text(NOTE, encoding="utf-8")
    services.ingestion.ingest([note], IngestOptions(kind=Kind.NOTE, case_id=CASE))
    requester = Requester.in_slack(MEMBER, "D0BENCH", Surface.DM)
    [document] = services.referring.draft_form(requester, CASE).documents
    return document.document_id


def _submit_all(
    replicas: list[Services], workers: list[OutboxWorker], document_id: str, submissions: int
) -> tuple[list[float], list[str]]:
    start = threading.Barrier(submissions)
    started: dict[str, float] = {}
    lock = threading.Lock()

    def submit(number: int) -> None:
        replica = replicas[number % len(replicas)]
        requester = Requester.in_slack(MEMBER, "D0BENCH", Surface.DM)
        draft = ReferralDraft(
            case_id=CASE,
            partner_id="customs" if number % 2 else "marketplace",
            document_ids=(document_id,),
            summary=f"Referral {number}: 48 cartons held at Newark [1].",
        )
        start.wait()
        began = time.perf_counter()
        token = f"bench-{number}"
        first = replica.referring.submit(requester, draft, token)
        again = replicas[(number + 1) % len(replicas)].referring.submit(requester, draft, token)
        workers[number % len(workers)].wake()
        with lock:
            started[first.referral.id] = began
            assert again.referral.id == first.referral.id

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(submissions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    delivered_at = _wait_for_delivery(replicas[0], set(started))
    latencies = [delivered_at[referral] - began for referral, began in started.items()]
    return latencies, list(started)


def _wait_for_delivery(services: Services, referral_ids: set[str]) -> dict[str, float]:
    delivered: dict[str, float] = {}
    deadline = time.perf_counter() + DEADLINE_SECONDS
    while len(delivered) < len(referral_ids) and time.perf_counter() < deadline:
        for referral_id in referral_ids - delivered.keys():
            if services.referring.for_notice(referral_id).status is Status.DELIVERED:
                delivered[referral_id] = time.perf_counter()
        time.sleep(POLL_SECONDS)
    return delivered


def _measures(
    latencies: list[float],
    referral_ids: list[str],
    submissions: int,
    mailbox: RecordingHandler,
    webhook: WebhookReceiver,
) -> dict[str, float]:
    mails = Counter(
        str(message_from_bytes(mail.content, policy=policy.default)["Subject"]).split()[1]
        for mail in mailbox.received
    )
    hooks = Counter(request.headers.get("X-Casebot-Referral", "") for request in webhook.received)
    received = mails + hooks
    ordered = sorted(latencies)
    return {
        "submissions": submissions,
        "referrals": len(set(referral_ids)),
        "delivered": len(latencies),
        "duplicates": sum(count - 1 for count in received.values() if count > 1),
        "undelivered": sum(1 for referral in referral_ids if referral not in received),
        "p50": statistics.median(ordered) * 1000,
        "p95": ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000,
        "max": ordered[-1] * 1000,
    }


def _table(measured: dict[str, float]) -> str:
    rows = [
        (
            "concurrent submissions (each sent twice with its token)",
            f"{measured['submissions']:.0f}",
        ),
        ("referrals created (target: one per token)", f"{measured['referrals']:.0f}"),
        ("delivered", f"{measured['delivered']:.0f}"),
        ("deliveries received twice (target 0)", f"{measured['duplicates']:.0f}"),
        ("creation to delivered p50, ms", f"{measured['p50']:.0f}"),
        ("creation to delivered p95, ms (target ≤ 2000)", f"{measured['p95']:.0f}"),
        ("creation to delivered max, ms", f"{measured['max']:.0f}"),
    ]
    lines = [
        "Two replicas drain one outbox; half the referrals go to a customs office by e-mail "
        "(aiosmtpd on 127.0.0.1), half to a marketplace by signed webhook (a local receiver).",
        "",
        "| measure | value |",
        "|---|---|",
    ]
    lines.extend(f"| {name} | {value} |" for name, value in rows)
    return "\n".join(lines)


def _partners_yaml(webhook_url: str) -> str:
    return f"""\
partners:
  - id: customs
    name: Customs (benchmark)
    kind: government
    deliveries:
      - email: referrals@customs.example.gov
    markings: [PUBLIC, LES]
  - id: marketplace
    name: Marketplace (benchmark)
    kind: private
    deliveries:
      - webhook: {webhook_url}
        secret: {SECRET}
    markings: [PUBLIC, LES]
    tlp: AMBER
"""


if __name__ == "__main__":
    main()
