"""What can go wrong with sources that a person can act on::

CasebotError
├── SourcesFileError        the sources file is unreadable or malformed
└── SourceError             about one source
    ├── UnknownSourceError  no source of that name in the sources file
    ├── SourceBusyError     another worker holds the source's lease
    ├── NoRunnerError       this process cannot run sources of that type
    └── NotAdminError       running a source from Slack, by someone not in CASEBOT_ADMINS
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from casework.errors import CasebotError
from casework.sources import texts


class SourcesFileError(CasebotError):
    """``problems`` are ``(line, text)`` pairs, line 0 when no line applies."""

    def __init__(self, path: Path | str, problems: Sequence[tuple[int, str]]) -> None:
        lines = "\n".join(
            texts.SOURCES_FILE_PROBLEM.format(line=line, problem=problem)
            for line, problem in problems
        )
        message = texts.SOURCES_FILE_PROBLEMS.format(path=path, count=len(problems), problems=lines)
        super().__init__(message)
        self.path = str(path)
        self.problems = tuple(problems)


class SourceError(CasebotError):
    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


class UnknownSourceError(SourceError):
    def __init__(self, name: str, known: Sequence[str]) -> None:
        listed = ", ".join(known) or texts.NO_SOURCES
        super().__init__(texts.UNKNOWN_SOURCE.format(name=name, known=listed), name)
        self.known = tuple(known)


class SourceBusyError(SourceError):
    def __init__(self, name: str, worker: str | None, until: datetime | None) -> None:
        when = until.isoformat(timespec="seconds") if until else "?"
        super().__init__(texts.SOURCE_BUSY.format(name=name, worker=worker, until=when), name)
        self.worker = worker
        self.until = until


class NoRunnerError(SourceError):
    def __init__(self, name: str, source_type: str) -> None:
        super().__init__(texts.NO_RUNNER.format(type=source_type), name)
        self.source_type = source_type


class NotAdminError(SourceError):
    def __init__(self, name: str, user_id: str) -> None:
        super().__init__(texts.NOT_AN_ADMIN.format(name=name), name)
        self.user_id = user_id
