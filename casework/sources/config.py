"""The sources file: what scheduled ingestion fetches, when, and as what. YAML, at the path
``CASEBOT_SOURCES_FILE`` names, else ``sources.yml`` in the data folder (see
``sources.example.yml``)::

    sources:
      - name: court-filings
        type: folder                 # folder, http, doj, courtlistener, tsdr or rss
        schedule: {every: 6h}        # or {cron: "0 6 * * 1-5"} (UTC)
        kind: filing                 # filing | note
        marking: PUBLIC              # PUBLIC | LES | 6E; default PUBLIC for filings, LES notes
        path: /srv/drop/filings
        prune: true                  # documents whose files are gone are removed (default)
      - name: harbor-notes
        type: folder
        schedule: {cron: "*/30 * * * *"}
        kind: note
        case: OP-HARBOR-LIGHT        # required for notes
        path: /srv/drop/harbor

Every problem is reported at once, each with its line (from PyYAML's node marks) and what to
fix, in a :class:`~casework.sources.errors.SourcesFileError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Final

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from casework.markings import Kind, Marking, default_marking
from casework.settings_files import YamlProblemError, compose, located, validation_problems
from casework.sources import texts
from casework.sources.errors import SourcesFileError
from casework.sources.schedule import Schedule, parse_interval, valid_cron

TRADEMARK_NUMBER: Final = re.compile(r"sn\d{8}|rn\d{1,8}")
"""A TSDR case: a serial number (``sn`` and 8 digits) or a registration (``rn`` and digits)."""


class SourceType(StrEnum):
    """A closed set: each type has a runner (a folder, or a client of one upstream API)."""

    FOLDER = "folder"
    HTTP = "http"
    DOJ = "doj"
    COURTLISTENER = "courtlistener"
    TSDR = "tsdr"
    RSS = "rss"


@dataclass(frozen=True)
class SourceConfig:
    name: str
    type: SourceType
    schedule: Schedule
    kind: Kind
    case_id: str | None
    marking: Marking
    path: Path | None = None
    prune: bool = True
    urls: tuple[str, ...] = ()
    """``http``: the pages or files to fetch; ``rss``: the feeds."""
    base_url: str | None = None
    """``doj``, ``courtlistener``, ``tsdr``: the API's root, when not the public one."""
    topics: tuple[str, ...] = ()
    """``doj``: keep releases with any of these topics (or components)."""
    keywords: tuple[str, ...] = ()
    """``doj``: keep releases whose title or body holds any of these words."""
    dockets: tuple[str, ...] = ()
    """``courtlistener``: docket ids to follow."""
    numbers: tuple[str, ...] = ()
    """``tsdr``: trademark serial (``sn97123456``) or registration (``rn6543210``) numbers."""


@dataclass(frozen=True)
class Sources:
    by_name: Mapping[str, SourceConfig] = field(default_factory=dict)

    def get(self, name: str) -> SourceConfig | None:
        return self.by_name.get(name)

    def __iter__(self) -> Iterator[SourceConfig]:
        return iter(self.by_name.values())

    def __len__(self) -> int:
        return len(self.by_name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.by_name)


NO_SOURCES: Final = Sources()


def load_sources(path: Path | None) -> Sources:
    """Read and check the sources file; no file configured: no sources."""
    if path is None:
        return NO_SOURCES
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SourcesFileError(path, [(0, str(error.strerror or error))]) from error
    return parse_sources(text, str(path))


def parse_sources(text: str, source: str) -> Sources:
    try:
        root, data = compose(text, texts.SOURCES_FILE_NOT_A_MAPPING)
    except YamlProblemError as problem:
        raise SourcesFileError(source, [problem.problem]) from problem
    try:
        parsed = _SourcesFileModel.model_validate(data)
    except ValidationError as error:
        raise SourcesFileError(source, validation_problems(error, root)) from error
    duplicates = _duplicate_names(parsed, root)
    if duplicates:
        raise SourcesFileError(source, duplicates)
    return Sources({entry.name: entry.to_config() for entry in parsed.sources})


# -- the file's schema -----------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _ScheduleModel(_Strict):
    every: str | None = None
    cron: str | None = None

    @field_validator("every")
    @classmethod
    def _interval(cls, value: str | None) -> str | None:
        if value is not None and parse_interval(value) is None:
            raise ValueError(texts.BAD_INTERVAL.format(value=value))
        return value

    @field_validator("cron")
    @classmethod
    def _cron(cls, value: str | None) -> str | None:
        if value is not None and not valid_cron(value):
            raise ValueError(texts.BAD_CRON.format(value=value))
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> _ScheduleModel:
        if (self.every is None) == (self.cron is None):
            raise ValueError(texts.ONE_SCHEDULE)
        return self

    def to_schedule(self) -> Schedule:
        every = parse_interval(self.every) if self.every is not None else None
        return Schedule(every=every, cron=self.cron)


class _SourceModel(_Strict):
    name: str
    type: SourceType
    schedule: _ScheduleModel
    kind: Kind
    case: str | None = None
    marking: Marking | None = None
    path: Path | None = None
    prune: bool = True
    urls: list[str] = []
    base_url: str | None = None
    topics: list[str] = []
    keywords: list[str] = []
    dockets: list[str] = []
    numbers: list[str] = []

    @field_validator("dockets", "numbers", mode="before")
    @classmethod
    def _as_strings(cls, value: object) -> object:
        """Docket ids and trademark numbers are often written bare: 68571705, not "68571705"."""
        if isinstance(value, list):
            return [str(item) if isinstance(item, int) else item for item in value]
        return value

    @field_validator("dockets")
    @classmethod
    def _docket_ids(cls, value: list[str]) -> list[str]:
        ids = [docket_id.strip() for docket_id in value]
        wrong = [docket_id for docket_id in ids if not docket_id.isdigit()]
        if wrong:
            raise ValueError(texts.BAD_DOCKET_IDS.format(values=", ".join(map(repr, wrong))))
        return ids

    @field_validator("numbers")
    @classmethod
    def _trademark_numbers(cls, value: list[str]) -> list[str]:
        numbers = [number.strip().lower() for number in value]
        wrong = [number for number in numbers if not TRADEMARK_NUMBER.fullmatch(number)]
        if wrong:
            raise ValueError(texts.BAD_TRADEMARK_NUMBERS.format(values=", ".join(map(repr, wrong))))
        return numbers

    @model_validator(mode="after")
    def _what_the_kind_and_type_need(self) -> _SourceModel:
        if self.kind is Kind.NOTE and not self.case:
            raise ValueError(texts.NOTE_NEEDS_CASE)
        missing = _REQUIRED_BY_TYPE.get(self.type)
        if missing is not None and not any(getattr(self, field) for field in missing[0]):
            raise ValueError(missing[1])
        return self

    def to_config(self) -> SourceConfig:
        return SourceConfig(
            name=self.name,
            type=self.type,
            schedule=self.schedule.to_schedule(),
            kind=self.kind,
            case_id=self.case,
            marking=self.marking or default_marking(self.kind),
            path=self.path,
            prune=self.prune,
            urls=tuple(self.urls),
            base_url=self.base_url,
            topics=tuple(self.topics),
            keywords=tuple(self.keywords),
            dockets=tuple(self.dockets),
            numbers=tuple(self.numbers),
        )


_REQUIRED_BY_TYPE: Final[dict[SourceType, tuple[tuple[str, ...], str]]] = {
    SourceType.FOLDER: (("path",), texts.FOLDER_NEEDS_PATH),
    SourceType.HTTP: (("urls",), texts.HTTP_NEEDS_URLS),
    SourceType.RSS: (("urls",), texts.RSS_NEEDS_URLS),
    SourceType.DOJ: (("topics", "keywords"), texts.DOJ_NEEDS_FILTER),
    SourceType.COURTLISTENER: (("dockets",), texts.COURTLISTENER_NEEDS_DOCKETS),
    SourceType.TSDR: (("numbers",), texts.TSDR_NEEDS_NUMBERS),
}
"""Each type's must-have fields (any one of them) and what to say when all are missing."""


class _SourcesFileModel(_Strict):
    sources: list[_SourceModel]


def _duplicate_names(parsed: _SourcesFileModel, root: yaml.Node | None) -> list[tuple[int, str]]:
    seen: set[str] = set()
    problems = []
    for index, entry in enumerate(parsed.sources):
        if entry.name in seen:
            location = ("sources", index, "name")
            message = texts.DUPLICATE_SOURCE_NAME.format(name=entry.name)
            problems.append(located(root, location, message))
        seen.add(entry.name)
    return problems
