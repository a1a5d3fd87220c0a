"""The PostgreSQL and Chroma servers a benchmark measures against: those ``scripts/services
start`` runs, named by ``CASEBOT_TEST_DATABASE_URL`` and ``CASEBOT_TEST_CHROMA_URL`` (source
``.casebot-ci/services.env``). Each run gets a database and a collection of its own, dropped
afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import create_engine, make_url, text

from casework.storage.db import with_driver


@dataclass(frozen=True)
class ServerStores:
    database_url: str
    chroma_url: str
    chroma_collection: str

    def environment(self) -> dict[str, str]:
        """The settings that point Casebot (in this process or another) at these stores."""
        return {
            "CASEBOT_DATABASE_URL": self.database_url,
            "CASEBOT_CHROMA_URL": self.chroma_url,
            "CASEBOT_CHROMA_COLLECTION": self.chroma_collection,
        }


@contextmanager
def server_stores() -> Iterator[ServerStores | None]:
    """Fresh stores on the servers, or None when no servers are named."""
    database_url = os.environ.get("CASEBOT_TEST_DATABASE_URL")
    chroma_url = os.environ.get("CASEBOT_TEST_CHROMA_URL")
    if not database_url or not chroma_url:
        yield None
        return
    name = f"casebot_bench_{uuid.uuid4().hex}"
    admin = create_engine(with_driver(database_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    try:
        yield ServerStores(url, chroma_url, name)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
