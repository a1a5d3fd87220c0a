"""The migrations build exactly the schema the models describe, and re-running them is harmless."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from casework.storage.db import create_registry_engine, migrate
from casework.storage.models import Base


def test_migrated_schema_matches_the_models(tmp_path: Path) -> None:
    engine = create_registry_engine(f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    migrate(engine)
    migrate(engine)

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)

    assert differences == []
