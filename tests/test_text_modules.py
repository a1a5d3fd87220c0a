"""User-facing text lives in text modules, one name per message: a name defined twice silently
replaces the first message wherever it is used."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
TEXT_MODULES = sorted(
    path
    for package in ("bot", "casework", "ingestion", "retrieval")
    for pattern in ("texts.py", "*_texts.py", "messages.py")
    for path in (REPO_ROOT / package).rglob(pattern)
)


def defined_twice(source: str) -> list[str]:
    names: Counter[str] = Counter()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
    return sorted(name for name, count in names.items() if count > 1)


@pytest.mark.parametrize("module", TEXT_MODULES, ids=lambda path: str(path.relative_to(REPO_ROOT)))
def test_each_message_has_its_own_name(module: Path) -> None:
    assert defined_twice(module.read_text(encoding="utf-8")) == []


def test_the_check_sees_a_name_defined_twice() -> None:
    assert defined_twice('A = "one"\nB: str = "two"\nA = "three"\n') == ["A"]
