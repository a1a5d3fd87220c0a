"""Where a test's registry and vectors live: embedded (SQLite and a persistent Chroma under the
test's folder) or on servers (a fresh PostgreSQL database and a fresh collection on a Chroma
server, dropped after the test).

The servers are named by two variables, which ``scripts/services start`` writes to
``.casebot-ci/services.env``:

- ``CASEBOT_TEST_DATABASE_URL``: a PostgreSQL URL whose user may create databases;
- ``CASEBOT_TEST_CHROMA_URL``: ``http://host:port`` of a Chroma server.

Without them a server test is skipped, except under ``CI=true``, where it fails: CI must not
pass by silently testing one backend.

Outside the ``backend`` fixture (``tests/conftest.py``), :func:`server_backends` gives the same
fresh databases and collections::

    with server_backends() as servers, servers.fresh() as backend:
        settings = load_settings(CASEBOT_HOME=home, **backend.settings_overrides())
"""

from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, make_url, text

from casework.storage.db import SessionFactory, create_registry_engine, migrate, with_driver
from retrieval.vector_store import open_chroma_client

DATABASE_VARIABLE = "CASEBOT_TEST_DATABASE_URL"
CHROMA_VARIABLE = "CASEBOT_TEST_CHROMA_URL"
EMBEDDED = "embedded"
SERVER = "server"
BACKEND_NAMES = (EMBEDDED, SERVER)
FILE_COPY_SINCE = 150000
"""``server_version_num`` of PostgreSQL 15, where ``CREATE DATABASE`` learnt ``STRATEGY``."""
MISSING_SERVERS = (
    f"the server backend needs {DATABASE_VARIABLE} and {CHROMA_VARIABLE}: "
    "run `scripts/services start` and source .casebot-ci/services.env"
)


@dataclass(frozen=True)
class Backend:
    """The settings that point Casebot at one test's stores; all None: the embedded defaults
    under ``CASEBOT_HOME``."""

    name: str
    database_url: str | None = None
    chroma_url: str | None = None
    chroma_collection: str | None = None

    def settings_overrides(self) -> dict[str, object]:
        """Keyword arguments for :func:`casework.settings.load_settings`."""
        overrides: dict[str, object] = {}
        if self.database_url is not None:
            overrides["database_url"] = self.database_url
        if self.chroma_url is not None:
            overrides["chroma_url"] = self.chroma_url
        if self.chroma_collection is not None:
            overrides["chroma_collection"] = self.chroma_collection
        return overrides

    def registry_url(self, home: Path) -> str:
        """The registry's URL: the server database, else SQLite under ``home``."""
        return self.database_url or f"sqlite:///{home / 'registry.sqlite3'}"


EMBEDDED_BACKEND = Backend(EMBEDDED)


@dataclass(frozen=True)
class ServerUrls:
    database_url: str
    """Of a database to connect to while creating and dropping the test databases."""
    chroma_url: str


def server_urls(environ: Mapping[str, str]) -> ServerUrls | None:
    database_url = environ.get(DATABASE_VARIABLE, "")
    chroma_url = environ.get(CHROMA_VARIABLE, "")
    if not database_url or not chroma_url:
        return None
    return ServerUrls(database_url, chroma_url)


def require_server_urls(environ: Mapping[str, str]) -> ServerUrls:
    """The servers' URLs; skips the test when they are not set, or fails it on CI."""
    urls = server_urls(environ)
    if urls is not None:
        return urls
    if environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail(MISSING_SERVERS)
    pytest.skip(MISSING_SERVERS)


class ServerBackends:
    """Fresh databases on one PostgreSQL server and fresh collections on one Chroma server.
    Migrated databases are copied from a template migrated once, which is far cheaper than
    migrating each."""

    def __init__(self, urls: ServerUrls) -> None:
        self._urls = urls
        self._admin = create_engine(with_driver(urls.database_url), isolation_level="AUTOCOMMIT")
        self._template: str | None = None
        self._chroma: Any = None

    @contextmanager
    def fresh(self, migrated: bool = True) -> Iterator[Backend]:
        """A backend of its own: a new database (at the newest migration, or empty) and a new
        collection name; both are dropped afterwards, whoever is still connected."""
        database = self._create_database(self._migrated_template() if migrated else None)
        collection = _unique_name("casebot_test")
        try:
            yield Backend(SERVER, self._url_of(database), self._urls.chroma_url, collection)
        finally:
            self._drop_database(database)
            self._delete_collection(collection)

    @property
    def urls(self) -> ServerUrls:
        return self._urls

    def close(self) -> None:
        if self._template is not None:
            self._drop_database(self._template)
        self._admin.dispose()

    def _migrated_template(self) -> str:
        if self._template is None:
            template = self._create_database(None)
            engine = create_registry_engine(self._url_of(template))
            try:
                migrate(engine)
            finally:
                engine.dispose()
            self._template = template
        return self._template

    def _create_database(self, template: str | None) -> str:
        name = _unique_name("casebot_test")
        with self._admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}{_copying(connection, template)}"))
        return name

    def _drop_database(self, name: str) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def _delete_collection(self, name: str) -> None:
        if self._chroma is None:
            self._chroma = open_chroma_client(self._urls.chroma_url, Path())
        if name in {collection.name for collection in self._chroma.list_collections()}:
            self._chroma.delete_collection(name)

    def _url_of(self, database: str) -> str:
        url = make_url(self._urls.database_url).set(database=database)
        return url.render_as_string(hide_password=False)


@contextmanager
def server_backends(environ: Mapping[str, str] = os.environ) -> Iterator[ServerBackends]:
    """The servers the environment names (see :func:`require_server_urls`)."""
    servers = ServerBackends(require_server_urls(environ))
    try:
        yield servers
    finally:
        servers.close()


def _unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex}"


def _copying(connection: Connection, template: str | None) -> str:
    """The clause copying ``template``: file by file where the server can (PostgreSQL 15 and
    later copy through the WAL by default, several times slower for a small database)."""
    if template is None:
        return ""
    version = int(connection.scalar(text("SHOW server_version_num")) or 0)
    return f" TEMPLATE {template}" + (" STRATEGY FILE_COPY" if version >= FILE_COPY_SINCE else "")


def wait_until_blocked_or_done(sessions: SessionFactory, worker: threading.Thread) -> None:
    """Until ``worker`` waits for a lock on the PostgreSQL server of ``sessions`` (say, for a
    transaction the test holds open) or has finished without waiting; fails after a minute."""
    waiting = text(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    for _ in range(1200):
        if not worker.is_alive():
            return
        with sessions() as session:
            if session.scalar(waiting):
                return
        worker.join(timeout=0.05)
    pytest.fail("the worker neither finished nor waited for a lock")
