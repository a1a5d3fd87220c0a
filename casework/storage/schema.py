"""Every table of the registry, in one metadata: what Alembic migrates and what SQLAlchemy needs
loaded before it maps the relationships between modules.

==========================  ===========================================================
``base``                    the declarative base
``cases``                   cases, members, rooms
``registry``                documents and chunks: what is indexed
``ingestion_journal``       ingestion runs, source files, the vector-store journal
``audit_log``               the hash-chained audit log and answer feedback
``claims``                  once-only claims across replicas (Slack events, shared files)
``entities``                entities, mentions, cross-case hits and their notices
``referrals``               referrals to partners, their history and delivery outbox
``sources``                 scheduled sources: their leases and the record of their runs
==========================  ===========================================================
"""

from __future__ import annotations

from casework.storage import (  # noqa: F401 - imported to register their tables
    audit_log,
    cases,
    claims,
    entities,
    ingestion_journal,
    referrals,
    registry,
    sources,
)
from casework.storage.base import Base

metadata = Base.metadata
