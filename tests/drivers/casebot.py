"""Runs the ``casebot`` console script as a user runs it: in its own process, with a clean
environment and its data folder where the test says."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bot.testing.environment import CASEBOT, scrubbed_environment

DEADLINE_SECONDS = 300


def run_casebot(home: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = scrubbed_environment(CASEBOT_HOME=str(home), HF_HUB_OFFLINE="1")
    return subprocess.run(
        [str(CASEBOT), *args],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=DEADLINE_SECONDS,
        check=False,
    )
