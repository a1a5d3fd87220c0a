"""Slack stays at the edge: only ``bot/`` imports Slack's libraries."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SLACK_IMPORT = re.compile(r"^\s*(from|import)\s+slack_(bolt|sdk)\b", re.MULTILINE)


def test_only_the_bot_edge_imports_slack() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("retrieval", "ingestion", "casework", "prompts")
        for path in (ROOT / package).rglob("*.py")
        if SLACK_IMPORT.search(path.read_text(encoding="utf-8"))
    ]

    assert offenders == []
