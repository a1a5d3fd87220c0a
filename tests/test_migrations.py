"""The migrations build exactly the schema the models describe, on SQLite and on PostgreSQL, and
re-running them is harmless."""

from __future__ import annotations

import uuid
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, make_url, text

from bot.services import Services
from casework.storage.base import Base
from casework.storage.db import HEAD_REVISION, create_registry_engine, migrate, with_driver
from tests.backends import SERVER, Backend, ServerBackends

pytestmark = pytest.mark.backends


def test_migrated_schema_matches_the_models(empty_backend: Backend, tmp_path: Path) -> None:
    engine = create_registry_engine(empty_backend.registry_url(tmp_path))
    migrate(engine)
    migrate(engine)

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    assert differences == []


def test_cases_made_before_0002_ingest_shared_files(empty_backend: Backend, tmp_path: Path) -> None:
    engine = create_registry_engine(empty_backend.registry_url(tmp_path))
    migrate(engine, "0001")
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO cases (id, title, created_at) VALUES ('OLD', '', '2026-01-01')")
        )

    migrate(engine)

    with engine.connect() as connection:
        flag = connection.scalar(text("SELECT ingest_shared_files FROM cases WHERE id = 'OLD'"))
    assert flag == 1


def test_the_start_up_shortcut_knows_the_newest_migration() -> None:
    config = Config()
    config.set_main_option("script_location", str(resources.files("casework") / "migrations"))

    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_a_bare_postgresql_url_is_reached_through_psycopg_3() -> None:
    engine = create_registry_engine("postgresql://casebot@db.internal:5432/casebot")

    assert engine.dialect.driver == "psycopg"
    assert engine.url.render_as_string() == "postgresql+psycopg://casebot@db.internal:5432/casebot"


def test_the_services_run_on_the_backend_they_were_given(
    services: Services, backend: Backend
) -> None:
    served_by_servers = backend.name == SERVER

    assert services.vector_index.count() == 0
    assert services.engine.dialect.name == ("postgresql" if served_by_servers else "sqlite")
    assert services.settings.chroma_path.exists() is not served_by_servers


def test_a_cross_case_hit_keeps_code_point_order_under_a_locale_collation(
    servers: ServerBackends,
) -> None:
    """A database with a locale collation (ICU en-US sorts ``OP-alpha`` before ``OP-Zulu``, code
    points the other way) still takes the pair as Casebot orders it."""
    admin = create_engine(with_driver(servers.urls.database_url), isolation_level="AUTOCOMMIT")
    name = f"casebot_icu_{uuid.uuid4().hex}"
    with admin.connect() as connection:
        connection.execute(
            text(
                f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu "
                "ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
            )
        )
    engine = create_registry_engine(
        make_url(servers.urls.database_url).set(database=name).render_as_string(False)
    )
    try:
        migrate(engine)
        first, second = sorted(["OP-alpha", "OP-Zulu"])
        with engine.begin() as connection:
            entity = connection.execute(
                text(
                    "INSERT INTO entities (kind, value, display, created_at) "
                    "VALUES ('phone', '+13125550100', '+1 312 555 0100', now()) RETURNING id"
                )
            ).scalar_one()
            connection.execute(
                text(
                    "INSERT INTO cross_case_hits (entity_id, case_a, case_b, raised_at) "
                    "VALUES (:entity, :a, :b, now())"
                ),
                {"entity": entity, "a": first, "b": second},
            )
    finally:
        engine.dispose()
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def test_a_migration_cut_short_leaves_no_table_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command

    engine = create_engine(f"sqlite:///{tmp_path / 'registry.db'}")

    def killed_midway(config: Any, revision: str) -> None:
        config.attributes["connection"].exec_driver_sql("CREATE TABLE half_made (id INTEGER)")
        raise RuntimeError("killed")

    monkeypatch.setattr(command, "upgrade", killed_midway)
    with pytest.raises(RuntimeError):
        migrate(engine)

    assert inspect(engine).get_table_names() == []
