"""The composition root: builds Casebot's services from settings, once per process.

Clients (database engine, Chroma, the embedding model) are made here and passed inward; nothing
inside the project builds its own.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from typing import Any

from langchain_core.language_models import BaseChatModel
from sqlalchemy import Engine

from casework.audit import AuditLog
from casework.cases import CaseDirectory
from casework.claims import OnceOnlyClaims
from casework.entities.hits import HitDetector, HitNotices
from casework.entities.lookup import LookupService
from casework.referrals.delivery import Sender, TargetKind
from casework.referrals.drafting import Drafter, LlmDrafter
from casework.referrals.evidence import CaseMaterial, draft_summary
from casework.referrals.outbox import FailureHook, OutboxDrainer
from casework.referrals.package import ReferralPackage
from casework.referrals.partners import Partners, PartnersFile
from casework.referrals.rendering import render
from casework.referrals.senders.smtp import SmtpSender
from casework.referrals.senders.webhook import WebhookSender
from casework.referrals.store import ReferralStore
from casework.settings import Settings
from casework.sources.clients.courtlistener import CourtListenerClient
from casework.sources.clients.doj import DojClient, DojPaging
from casework.sources.clients.http import HttpClient
from casework.sources.clients.rss import RssClient
from casework.sources.clients.transport import HttpPolicy, Transport
from casework.sources.clients.tsdr import TsdrClient
from casework.sources.config import Sources, SourceType, load_sources
from casework.sources.cursors import SourceCursors
from casework.sources.fetching import Client
from casework.sources.folder import FolderRunner
from casework.sources.remote import RemoteRunner
from casework.sources.runs import Runners
from casework.sources.scheduler import RetryPolicy, SourceScheduler
from casework.sources.worker import RunHook, SourceWorker
from casework.storage.db import (
    SessionFactory,
    create_registry_engine,
    current_revision,
    migrate,
    session_factory,
)
from casework.usecases.asking import Asking
from casework.usecases.audit_review import ReviewingAudit
from casework.usecases.feedback import GivingFeedback
from casework.usecases.hit_notices import DeliveringHitNotices
from casework.usecases.looking_up import LookingUp
from casework.usecases.need_to_know import NeedToKnow
from casework.usecases.referring import Referring
from casework.usecases.running_sources import RunningSources
from casework.usecases.shared_files import IngestingSharedFiles
from ingestion.chunking import Chunker
from ingestion.extraction import MentionExtractor
from ingestion.indexer import Indexer
from ingestion.loaders.base import LoadLimits
from ingestion.loaders.catalog import default_registry
from ingestion.lock import IngestionLock, registry_lock
from ingestion.pipeline import IngestionService
from ingestion.preparation import DocumentPreparer
from ingestion.rebuild import IndexRebuilder
from retrieval.answering.answerability import AnswerabilityModel
from retrieval.answering.extractive import ExtractiveAnswerer
from retrieval.answering.llm_factory import build_chat_model
from retrieval.answering.prompts import load_prompt
from retrieval.answering.service import AnswerService
from retrieval.document_text import RegistryDocumentText
from retrieval.embeddings import Embedder, SentenceTransformerEmbedder
from retrieval.lexical import LexicalIndex
from retrieval.search import HybridSearcher
from retrieval.vector_store import ChromaIndex, VectorIndex, open_chroma_client


@dataclass
class Services:
    settings: Settings
    embedder: Embedder
    chroma_client: Any = None

    @cached_property
    def engine(self) -> Engine:
        engine = create_registry_engine(self.settings.resolved_database_url)
        migrate(engine)
        return engine

    @cached_property
    def sessions(self) -> SessionFactory:
        return session_factory(self.engine)

    @cached_property
    def audit(self) -> AuditLog:
        return AuditLog(self.sessions)

    @cached_property
    def cases(self) -> CaseDirectory:
        return CaseDirectory(self.sessions, self.audit)

    @cached_property
    def claims(self) -> OnceOnlyClaims:
        return OnceOnlyClaims(self.sessions)

    @cached_property
    def chroma_index(self) -> ChromaIndex:
        settings = self.settings
        token = settings.chroma_token
        client = self.chroma_client or open_chroma_client(
            settings.chroma_url,
            settings.chroma_path,
            token=token.get_secret_value() if token else None,
        )
        return ChromaIndex(client, settings.chroma_collection)

    @cached_property
    def vector_index(self) -> VectorIndex:
        return self.chroma_index

    @cached_property
    def indexer(self) -> Indexer:
        return Indexer(self.sessions, self.vector_index)

    @cached_property
    def chunker(self) -> Chunker:
        return Chunker(
            tokenizer=self.embedder.tokenizer,
            model_max_tokens=self.embedder.max_tokens,
            chunk_tokens=self.settings.chunk_tokens,
            overlap_tokens=self.settings.chunk_overlap_tokens,
        )

    @cached_property
    def ingestion(self) -> IngestionService:
        preparer = DocumentPreparer(
            default_registry(), self.load_limits, lambda: self.chunker, MentionExtractor()
        )
        return IngestionService(
            sessions=self.sessions,
            indexer=self.indexer,
            embedder=self.embedder,
            preparer=preparer,
            lock=self.ingestion_lock,
            after_run=[self.lexical_index.refresh, self.hit_detector.scan],
        )

    @property
    def ingestion_lock(self) -> IngestionLock:
        return registry_lock(self.engine, self.settings.casebot_home)

    @cached_property
    def index_rebuilder(self) -> IndexRebuilder:
        return IndexRebuilder(
            self.sessions,
            self.indexer,
            self.chroma_index,
            self.embedder,
            lambda: self.chunker,
            self.ingestion_lock,
            after=[self.lexical_index.rebuild],
        )

    def upgrade_database(self) -> str | None:
        """Bring the registry's schema to the newest migration; the revision it is then at."""
        return current_revision(self.engine)

    @cached_property
    def hit_detector(self) -> HitDetector:
        return HitDetector(self.sessions)

    @cached_property
    def hits(self) -> HitNotices:
        return HitNotices(self.sessions)

    @cached_property
    def lookups(self) -> LookupService:
        return LookupService(self.sessions)

    @cached_property
    def lexical_index(self) -> LexicalIndex:
        return LexicalIndex(self.settings.casebot_home / "lexical", self.sessions)

    @cached_property
    def searcher(self) -> HybridSearcher:
        return HybridSearcher(
            self.sentence_embedder, self.vector_index, self.lexical_index, self.sessions
        )

    @cached_property
    def sentence_embedder(self) -> Embedder:
        """What embeds while someone waits: the question, and the sentences an answer compares
        with it. The ONNX twin gives the index's model's vectors (to within 1e-6) in a quarter
        of the time torch takes."""
        if self.settings.sentence_runtime == "onnx" and isinstance(
            self.embedder, SentenceTransformerEmbedder
        ):
            return self.embedder.onnx_twin(self.settings.casebot_home / "models")
        return self.embedder

    @cached_property
    def extractive_answerer(self) -> ExtractiveAnswerer:
        return ExtractiveAnswerer(
            self.sentence_embedder,
            self.lexical_index.idf,
            AnswerabilityModel.shipped(),
            document_text=RegistryDocumentText(self.sessions),
        )

    @cached_property
    def answers(self) -> AnswerService:
        return AnswerService(
            self.searcher,
            self.extractive_answerer,
            llm=self.chat_model,
            llm_timeout_seconds=self.settings.llm_timeout_seconds,
        )

    @cached_property
    def chat_model(self) -> BaseChatModel | None:
        return build_chat_model(
            self.settings.llm_provider,
            model=self.settings.llm_model,
            base_url=self.settings.llm_base_url,
            api_key=self.settings.llm_api_key,
            timeout_seconds=self.settings.llm_timeout_seconds,
        )

    @property
    def referral_drafter(self) -> Drafter:
        """The model drafts referral summaries when one is configured; else extractive."""
        if self.chat_model is None:
            return draft_summary
        return LlmDrafter(self.chat_model, load_prompt("referral_summary"))

    @cached_property
    def need_to_know(self) -> NeedToKnow:
        return NeedToKnow(self.cases)

    @cached_property
    def asking(self) -> Asking:
        return Asking(self.answers.ask, self.need_to_know, self.audit)

    @cached_property
    def looking_up(self) -> LookingUp:
        return LookingUp(self.lookups, self.need_to_know, self.audit)

    @cached_property
    def feedback(self) -> GivingFeedback:
        return GivingFeedback(self.audit)

    @cached_property
    def shared_files(self) -> IngestingSharedFiles:
        return IngestingSharedFiles(self.cases, self.ingestion, self.audit)

    @cached_property
    def hit_notice_delivery(self) -> DeliveringHitNotices:
        return DeliveringHitNotices(self.hits, self.audit)

    @cached_property
    def audit_review(self) -> ReviewingAudit:
        return ReviewingAudit(self.audit)

    @cached_property
    def partners_file(self) -> PartnersFile:
        return PartnersFile(self.settings.resolved_partners_file, os.environ)

    def partners(self) -> Partners:
        """The partners file as it is now (read again when it changes)."""
        return self.partners_file.current()

    @cached_property
    def case_material(self) -> CaseMaterial:
        return CaseMaterial(self.sessions)

    @cached_property
    def referring(self) -> Referring:
        store = ReferralStore(self.sessions, self.audit)
        return Referring(
            self.cases,
            self.need_to_know,
            self.case_material,
            store,
            self.partners,
            hits=lambda case_id: self.hits.hits(case_id=case_id),
            drafter=self.referral_drafter,
            audit=self.audit,
        )

    @cached_property
    def referral_outbox(self) -> OutboxDrainer:
        """A drainer with the senders the settings allow (e-mail when an SMTP host is set,
        webhooks always); ``casebot serve`` makes one with Slack's too."""
        return self.referral_drainer(self.referral_senders())

    def referral_senders(self) -> dict[TargetKind, Sender]:
        settings = self.settings
        senders: dict[TargetKind, Sender] = {
            TargetKind.WEBHOOK: WebhookSender(settings.webhook_timeout_seconds)
        }
        if settings.smtp_host:
            password = settings.smtp_password
            senders[TargetKind.EMAIL] = SmtpSender(
                settings.smtp_host,
                settings.smtp_port,
                settings.smtp_from,
                starttls=settings.smtp_starttls,
                username=settings.smtp_username,
                password=password.get_secret_value() if password else None,
            )
        return senders

    def referral_drainer(
        self, senders: Mapping[TargetKind, Sender], on_failed: FailureHook | None = None
    ) -> OutboxDrainer:
        settings = self.settings
        return OutboxDrainer(
            self.sessions,
            self.audit,
            self.partners,
            self.case_material,
            senders,
            render,
            clock=_utc_now,
            worker_id=f"{socket.gethostname()}:{os.getpid()}",
            max_attempts=settings.referral_max_attempts,
            base_delay=timedelta(seconds=settings.referral_retry_seconds),
            lease=timedelta(seconds=settings.referral_lease_seconds),
            on_failed=on_failed,
        )

    def sources(self) -> Sources:
        """The sources file as it is now (read at every call: the worker picks up edits)."""
        return load_sources(self.settings.resolved_sources_file)

    @cached_property
    def source_scheduler(self) -> SourceScheduler:
        settings = self.settings
        retry = RetryPolicy(
            base_delay=timedelta(seconds=settings.source_retry_seconds),
            max_delay=timedelta(seconds=settings.source_max_retry_seconds),
            failing_after=settings.source_failing_after,
        )
        return SourceScheduler(self.sessions, self.sources, _utc_now, retry=retry)

    @cached_property
    def running_sources(self) -> RunningSources:
        return RunningSources(self.source_scheduler, self.settings.admins, self.audit)

    @cached_property
    def source_runners(self) -> Runners:
        cursors = SourceCursors(self.sessions, _utc_now)
        remote = {
            source_type: RemoteRunner(client, self.ingestion, cursors, self.hits.count)
            for source_type, client in self.source_clients.items()
        }
        return {SourceType.FOLDER: FolderRunner(self.ingestion, self.hits.count), **remote}

    @cached_property
    def source_clients(self) -> dict[SourceType, Client]:
        """A client per upstream source type, each with its own rate and credentials."""
        settings = self.settings
        courtlistener_token = settings.courtlistener_token
        uspto_api_key = settings.uspto_api_key
        return {
            SourceType.HTTP: HttpClient(Transport(self._source_policy())),
            SourceType.RSS: RssClient(Transport(self._source_policy())),
            SourceType.DOJ: self.doj_client,
            SourceType.COURTLISTENER: CourtListenerClient(
                courtlistener_token.get_secret_value() if courtlistener_token else None,
                self._source_policy(settings.courtlistener_min_interval_seconds),
            ),
            SourceType.TSDR: TsdrClient(
                uspto_api_key.get_secret_value() if uspto_api_key else None,
                self._source_policy(settings.tsdr_min_interval_seconds),
            ),
        }

    @cached_property
    def doj_client(self) -> DojClient:
        settings = self.settings
        policy = self._source_policy(settings.doj_min_interval_seconds)
        paging = DojPaging(
            backfill_pages=settings.doj_backfill_pages, max_pages=settings.doj_max_pages
        )
        return DojClient(Transport(policy), base_url=settings.doj_base_url, paging=paging)

    def _source_policy(self, min_interval_seconds: float = 0.0) -> HttpPolicy:
        """One upstream's request rate; pages and feeds on any site have none of their own."""
        return HttpPolicy(
            timeout_seconds=self.settings.source_http_timeout_seconds,
            min_interval_seconds=min_interval_seconds,
        )

    @property
    def source_lease(self) -> timedelta:
        return timedelta(seconds=self.settings.source_lease_seconds)

    @cached_property
    def worker_id(self) -> str:
        return f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"

    def source_worker(self, on_run: RunHook | None = None) -> SourceWorker:
        return SourceWorker(
            self.source_scheduler,
            self.source_runners,
            self.settings.source_poll_seconds,
            worker_id=self.worker_id,
            lease=self.source_lease,
            on_run=on_run,
        )

    def close(self) -> None:
        """Stop the workers of what was built (nothing is built just to be closed)."""
        if "answers" in vars(self):
            self.answers.close()
        for client in vars(self).get("source_clients", {}).values():
            client.close()

    @property
    def load_limits(self) -> LoadLimits:
        settings = self.settings
        return LoadLimits(
            max_file_bytes=settings.max_file_bytes,
            archive_max_depth=settings.archive_max_depth,
            archive_max_members=settings.archive_max_members,
            archive_max_total_bytes=int(settings.archive_max_total_mb * 1024 * 1024),
            archive_max_ratio=settings.archive_max_ratio,
        )


def export_referral(package: ReferralPackage, fmt: str) -> bytes:
    """``json`` or ``pdf``: what ``casebot referral export`` writes."""
    rendered = render(package)
    return rendered.pdf if fmt == "pdf" else rendered.json_text.encode("utf-8")


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def build_services(settings: Settings, embedder: Embedder | None = None) -> Services:
    return Services(
        settings=settings,
        embedder=embedder
        or SentenceTransformerEmbedder(
            settings.embedding_model,
            batch_size=settings.embedding_batch_size,
            threads=settings.embedding_threads,
        ),
    )
