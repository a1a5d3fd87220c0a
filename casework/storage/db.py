"""Engine, sessions and schema migrations for the registry."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from casework.storage import schema  # noqa: F401 - every table mapped before the first session

SessionFactory = sessionmaker[Session]

HEAD_REVISION = "0008"
"""The newest migration; ``tests/test_migrations.py`` checks it against Alembic's head."""


POSTGRESQL_DRIVER_URL = "postgresql+psycopg://"
"""PostgreSQL is reached through psycopg 3, whatever driver (or none) the URL names."""
_POSTGRESQL_SCHEMES = ("postgresql://", "postgres://")


def create_registry_engine(url: str) -> Engine:
    url = with_driver(url)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _configure_sqlite)
        return engine
    return create_engine(url, pool_pre_ping=True)


def with_driver(url: str) -> str:
    """``url`` with the driver Casebot installs: a bare ``postgresql://`` (or ``postgres://``)
    URL would otherwise ask SQLAlchemy for psycopg2, which is not installed."""
    for scheme in _POSTGRESQL_SCHEMES:
        if url.startswith(scheme):
            return POSTGRESQL_DRIVER_URL + url.removeprefix(scheme)
    return url


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to the newest revision (or to ``revision``); safe to call at every
    start. Alembic is imported only when there is something to do: a process that finds the
    schema current does not pay for it."""
    if revision == "head" and current_revision(engine) == HEAD_REVISION:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("casework") / "migrations"))
    with engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            # sqlite3 runs CREATE TABLE outside any transaction unless one was begun outright:
            # a process killed mid-migration would leave tables without their revision, and
            # every later start would fail on "table already exists".
            connection.exec_driver_sql("BEGIN")
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def session_factory(engine: Engine) -> SessionFactory:
    return sessionmaker(engine, expire_on_commit=False)


def current_revision(engine: Engine) -> str | None:
    """The migration the schema is at; None before the first."""
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except DBAPIError:
        return None
