"""BENCHMARKS.md: each benchmark owns one ``## `` section, replaced in place on ``--write``."""

from __future__ import annotations

from pathlib import Path

BENCHMARKS_FILE = Path(__file__).resolve().parents[1] / "BENCHMARKS.md"
PREAMBLE = (
    "# Benchmarks\n\n"
    "Measured by hand on this project's 2-core, 24 GB machine; each section names the command "
    "that produced it. Ratios are taken within one run.\n"
)


def write_section(heading: str, command: str, body: str) -> None:
    """Replace (or append) the section titled ``heading`` in BENCHMARKS.md."""
    section = f"## {heading}\n\nCommand: `{command}`\n\n{body.rstrip()}\n"
    text = BENCHMARKS_FILE.read_text() if BENCHMARKS_FILE.exists() else PREAMBLE
    start = text.find(f"## {heading}\n")
    if start == -1:
        text = text.rstrip() + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        rest = text[end + 1 :] if end != -1 else ""
        text = text[:start] + section + ("\n" + rest if rest else "")
    BENCHMARKS_FILE.write_text(text)
