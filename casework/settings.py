"""Every setting Casebot reads, in one typed object.

The environment (and an optional ``.env`` file) is read once, at the edge, by
:func:`load_settings`; everything inside the project takes the resulting object or the values it
needs. ``.env.example`` lists the same fields.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Literal

from dotenv import dotenv_values
from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from casework import texts

BUNDLED_MODEL = "bundled:all-MiniLM-L6-v2"
ENV_FILE = ".env"
PREFIX = "CASEBOT_"
LEGACY_NAMES: dict[str, str] = {}
"""Unprefixed names still read for one release, each to its ``CASEBOT_`` name."""


def _prefixed(legacy_name: str) -> AliasChoices:
    """``CASEBOT_<NAME>``, or the unprefixed ``<NAME>`` of earlier releases when that is unset."""
    LEGACY_NAMES[legacy_name] = f"{PREFIX}{legacy_name}"
    return AliasChoices(f"{PREFIX}{legacy_name}", legacy_name)


SLACK_API_URL = "https://slack.com/api/"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=ENV_FILE, extra="ignore", populate_by_name=True)

    casebot_home: Path = Field(default=Path(".casebot"), validation_alias="CASEBOT_HOME")
    database_url: str | None = Field(default=None, validation_alias=_prefixed("DATABASE_URL"))
    operator: str | None = Field(default=None, validation_alias="CASEBOT_OPERATOR")
    chroma_url: str | None = Field(default=None, validation_alias=_prefixed("CHROMA_URL"))
    chroma_token: SecretStr | None = Field(default=None, validation_alias="CASEBOT_CHROMA_TOKEN")
    chroma_collection: str = Field(
        default="casebot_chunks", validation_alias=_prefixed("CHROMA_COLLECTION")
    )
    embedding_model: str = Field(
        default=BUNDLED_MODEL, validation_alias=_prefixed("EMBEDDING_MODEL")
    )
    embedding_batch_size: int = Field(
        default=16, ge=1, validation_alias=_prefixed("EMBEDDING_BATCH_SIZE")
    )
    embedding_threads: int = Field(default=0, ge=0, validation_alias=_prefixed("EMBEDDING_THREADS"))
    sentence_runtime: Literal["onnx", "torch"] = Field(
        default="onnx", validation_alias=_prefixed("SENTENCE_RUNTIME")
    )
    chunk_tokens: int = Field(default=200, ge=32, validation_alias=_prefixed("CHUNK_TOKENS"))
    chunk_overlap_tokens: int = Field(
        default=32, ge=0, validation_alias=_prefixed("CHUNK_OVERLAP_TOKENS")
    )
    max_file_mb: float = Field(default=50.0, gt=0, validation_alias=_prefixed("MAX_FILE_MB"))
    archive_max_depth: int = Field(default=3, ge=1, validation_alias=_prefixed("ARCHIVE_MAX_DEPTH"))
    archive_max_members: int = Field(
        default=1000, ge=1, validation_alias=_prefixed("ARCHIVE_MAX_MEMBERS")
    )
    archive_max_total_mb: float = Field(
        default=200.0, gt=0, validation_alias=_prefixed("ARCHIVE_MAX_TOTAL_MB")
    )
    archive_max_ratio: float = Field(
        default=100.0, gt=1, validation_alias=_prefixed("ARCHIVE_MAX_RATIO")
    )

    llm_provider: Literal["none", "openai", "anthropic", "ollama"] = Field(
        default="none", validation_alias=_prefixed("LLM_PROVIDER")
    )
    llm_base_url: str | None = Field(default=None, validation_alias=_prefixed("LLM_BASE_URL"))
    llm_model: str | None = Field(default=None, validation_alias=_prefixed("LLM_MODEL"))
    llm_api_key: SecretStr | None = Field(default=None, validation_alias=_prefixed("LLM_API_KEY"))
    llm_timeout_seconds: float = Field(
        default=20.0, gt=0, validation_alias=_prefixed("LLM_TIMEOUT_SECONDS")
    )

    slack_bot_token: SecretStr | None = Field(default=None, validation_alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(default=None, validation_alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias="SLACK_SIGNING_SECRET"
    )
    slack_api_url: str = Field(default=SLACK_API_URL, validation_alias=_prefixed("SLACK_API_URL"))
    slack_workers: int = Field(default=4, ge=1, validation_alias=_prefixed("SLACK_WORKERS"))
    slack_queue_limit: int = Field(
        default=200, ge=0, validation_alias=_prefixed("SLACK_QUEUE_LIMIT")
    )
    slack_http_threads: int = Field(
        default=32, ge=1, validation_alias=_prefixed("SLACK_HTTP_THREADS")
    )
    slack_answer_bots: bool = Field(default=False, validation_alias=_prefixed("SLACK_ANSWER_BOTS"))
    slack_hit_notice_seconds: float = Field(
        default=60.0, ge=0, validation_alias=_prefixed("SLACK_HIT_NOTICE_SECONDS")
    )
    ops_channel: str | None = Field(default=None, validation_alias="CASEBOT_OPS_CHANNEL")
    admins: Annotated[frozenset[str], NoDecode] = Field(
        default=frozenset(), validation_alias="CASEBOT_ADMINS"
    )

    partners_file: Path | None = Field(default=None, validation_alias="CASEBOT_PARTNERS_FILE")
    referral_max_attempts: int = Field(
        default=6, ge=1, validation_alias="CASEBOT_REFERRAL_MAX_ATTEMPTS"
    )
    referral_retry_seconds: float = Field(
        default=30.0, gt=0, validation_alias="CASEBOT_REFERRAL_RETRY_SECONDS"
    )
    referral_lease_seconds: float = Field(
        default=300.0, gt=0, validation_alias="CASEBOT_REFERRAL_LEASE_SECONDS"
    )
    referral_poll_seconds: float = Field(
        default=5.0, gt=0, validation_alias="CASEBOT_REFERRAL_POLL_SECONDS"
    )
    sources_file: Path | None = Field(default=None, validation_alias="CASEBOT_SOURCES_FILE")
    source_poll_seconds: float = Field(
        default=30.0, gt=0, validation_alias="CASEBOT_SOURCE_POLL_SECONDS"
    )
    source_lease_seconds: float = Field(
        default=3600.0, gt=0, validation_alias="CASEBOT_SOURCE_LEASE_SECONDS"
    )
    source_retry_seconds: float = Field(
        default=60.0, gt=0, validation_alias="CASEBOT_SOURCE_RETRY_SECONDS"
    )
    source_max_retry_seconds: float = Field(
        default=3600.0, gt=0, validation_alias="CASEBOT_SOURCE_MAX_RETRY_SECONDS"
    )
    source_failing_after: int = Field(
        default=3, ge=1, validation_alias="CASEBOT_SOURCE_FAILING_AFTER"
    )
    doj_base_url: str = Field(
        default="https://www.justice.gov", validation_alias="CASEBOT_DOJ_BASE_URL"
    )
    doj_min_interval_seconds: float = Field(
        default=1.0, ge=0, validation_alias="CASEBOT_DOJ_MIN_INTERVAL_SECONDS"
    )
    doj_backfill_pages: int = Field(default=10, ge=1, validation_alias="CASEBOT_DOJ_BACKFILL_PAGES")
    doj_max_pages: int = Field(default=50, ge=1, validation_alias="CASEBOT_DOJ_MAX_PAGES")
    courtlistener_token: SecretStr | None = Field(
        default=None, validation_alias="CASEBOT_COURTLISTENER_TOKEN"
    )
    courtlistener_min_interval_seconds: float = Field(
        default=0.72, ge=0, validation_alias="CASEBOT_COURTLISTENER_MIN_INTERVAL_SECONDS"
    )
    uspto_api_key: SecretStr | None = Field(default=None, validation_alias="CASEBOT_USPTO_API_KEY")
    tsdr_min_interval_seconds: float = Field(
        default=1.0, ge=0, validation_alias="CASEBOT_TSDR_MIN_INTERVAL_SECONDS"
    )
    source_http_timeout_seconds: float = Field(
        default=30.0, gt=0, validation_alias="CASEBOT_SOURCE_HTTP_TIMEOUT_SECONDS"
    )
    smtp_host: str | None = Field(default=None, validation_alias="CASEBOT_SMTP_HOST")
    smtp_port: int = Field(default=587, ge=1, le=65535, validation_alias="CASEBOT_SMTP_PORT")
    smtp_from: str = Field(default="casebot@localhost", validation_alias="CASEBOT_SMTP_FROM")
    smtp_starttls: bool = Field(default=True, validation_alias="CASEBOT_SMTP_STARTTLS")
    smtp_username: str | None = Field(default=None, validation_alias="CASEBOT_SMTP_USERNAME")
    smtp_password: SecretStr | None = Field(default=None, validation_alias="CASEBOT_SMTP_PASSWORD")
    webhook_timeout_seconds: float = Field(
        default=10.0, gt=0, validation_alias="CASEBOT_WEBHOOK_TIMEOUT_SECONDS"
    )

    @field_validator(
        "database_url",
        "partners_file",
        "sources_file",
        "smtp_host",
        "smtp_username",
        "smtp_password",
        "operator",
        "chroma_url",
        "chroma_token",
        "llm_base_url",
        "llm_model",
        "llm_api_key",
        "slack_bot_token",
        "slack_app_token",
        "slack_signing_secret",
        "ops_channel",
        "courtlistener_token",
        "uspto_api_key",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("admins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        """``U0ADMIN1,U0ADMIN2``: Slack user ids, spaces around the commas ignored."""
        if isinstance(value, str):
            return frozenset(part.strip() for part in value.split(",") if part.strip())
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_ends_with_slash(cls, value: str) -> str:
        """slack_sdk joins method names onto the base URL: "…/api" must become "…/api/"."""
        return value if value.endswith("/") else f"{value}/"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.casebot_home / 'casebot.sqlite3').resolve()}"

    @property
    def chroma_path(self) -> Path:
        return self.casebot_home / "chroma"

    @property
    def resolved_partners_file(self) -> Path | None:
        """``CASEBOT_PARTNERS_FILE``, else ``partners.yml`` in the data folder if it is there,
        else None: no partners, and referrals cannot be made."""
        if self.partners_file is not None:
            return self.partners_file
        default = self.casebot_home / "partners.yml"
        return default if default.is_file() else None

    @property
    def resolved_sources_file(self) -> Path | None:
        """``CASEBOT_SOURCES_FILE``, else ``sources.yml`` in the data folder if it is there,
        else None: no sources, and the worker has nothing to run."""
        if self.sources_file is not None:
            return self.sources_file
        default = self.casebot_home / "sources.yml"
        return default if default.is_file() else None

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


def load_settings(**overrides: object) -> Settings:
    """Read the environment once; keyword overrides win (used by the CLI's options). An
    unprefixed name of an earlier release is still read, with a warning naming its new name."""
    warn_about_legacy_names(_names_set_outside(overrides))
    return Settings(**overrides)  # type: ignore[arg-type]


def warn_about_legacy_names(names: Iterable[str]) -> None:
    names = set(names)
    for name in sorted(names & LEGACY_NAMES.keys()):
        if LEGACY_NAMES[name] in names:
            continue  # the new name is set too, and wins
        message = texts.LEGACY_SETTING.format(old=name, new=LEGACY_NAMES[name])
        warnings.warn(message, FutureWarning, stacklevel=3)


def _names_set_outside(overrides: dict[str, object]) -> set[str]:
    """Setting names in the environment and the ``.env`` file (what overrides do not replace)."""
    names = {name.upper() for name in os.environ}
    if Path(ENV_FILE).is_file():
        names |= {name.upper() for name in dotenv_values(ENV_FILE)}
    return names - {name.upper() for name in overrides}
