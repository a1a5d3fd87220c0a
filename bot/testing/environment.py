"""The process environment for a `casebot` started by a test or a benchmark.

A developer's shell may hold real settings (a production Slack token, a database URL); a test
that starts Casebot must not pick them up, so every variable with one of `SETTING_PREFIXES` is
removed first.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SETTING_PREFIXES = ("CASEBOT_", "DATABASE_URL", "CHROMA_", "EMBEDDING_", "SLACK_", "LLM_")
"""Prefixes of the environment variables that Casebot reads its settings from."""

PROXY_VARIABLES = (
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
)
"""slack_sdk sends even 127.0.0.1 traffic through these when they are set."""

CASEBOT = Path(sys.executable).parent / "casebot"
"""The `casebot` console script of the running interpreter's environment."""


def scrubbed_environment(**overrides: str) -> dict[str, str]:
    """This process's environment without Casebot's settings, then `overrides` on top."""
    environment = {
        name: value for name, value in os.environ.items() if not name.startswith(SETTING_PREFIXES)
    }
    environment.update(overrides)
    return environment
