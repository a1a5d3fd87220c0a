"""Which package may import which: the edges (``bot/``) reach the domain only through the use
cases and the composition root; the core (``retrieval/``, ``ingestion/``, ``casework/``) never
reaches the edges; benchmarks stand on the package, not on the tests."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
COMPOSITION_ROOT = REPO_ROOT / "bot" / "services.py"
"""Builds the audit log and the stores, and hands them inward: the one edge module that may."""
AUDIT_AND_ORM = ("casework.audit", "casework.storage")
SLACK_LIBRARIES = ("slack_bolt", "slack_sdk")


def imported_modules(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def offences(
    package: str, forbidden: tuple[str, ...], exempt: frozenset[Path] = frozenset()
) -> list[str]:
    found = []
    for path in sorted((REPO_ROOT / package).rglob("*.py")):
        if path in exempt:
            continue
        for module in imported_modules(path):
            if module.startswith(forbidden) and _is_module_or_child(module, forbidden):
                found.append(f"{path.relative_to(REPO_ROOT)} imports {module}")
    return found


def _is_module_or_child(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == prefix or module.startswith(f"{prefix}.") for prefix in prefixes)


def test_the_edges_write_no_audit_records_and_touch_no_orm_models() -> None:
    assert offences("bot", AUDIT_AND_ORM, frozenset({COMPOSITION_ROOT})) == []


@pytest.mark.parametrize("package", ["retrieval", "ingestion", "casework"])
def test_the_core_never_imports_the_edges(package: str) -> None:
    assert offences(package, ("bot", *SLACK_LIBRARIES)) == []


def test_benchmarks_import_no_tests() -> None:
    assert offences("benchmarks", ("tests",)) == []


def test_the_checker_sees_an_offence(tmp_path: Path) -> None:
    """A control: the import walk finds both spellings of a forbidden import."""
    module = tmp_path / "edge.py"
    module.write_text("import casework.audit\nfrom casework.storage import models\n")

    found = [m for m in imported_modules(module) if _is_module_or_child(m, AUDIT_AND_ORM)]

    assert found == ["casework.audit", "casework.storage", "casework.storage.models"]
