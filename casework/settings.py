"""Every setting Casebot reads, in one typed object.

The environment (and an optional ``.env`` file) is read once, at the edge, by
:func:`load_settings`; everything inside the project takes the resulting object or the values it
needs. ``.env.example`` lists the same fields.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

BUNDLED_MODEL = "bundled:all-MiniLM-L6-v2"
SLACK_API_URL = "https://slack.com/api/"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    casebot_home: Path = Field(default=Path(".casebot"), alias="CASEBOT_HOME")
    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    operator: str | None = Field(default=None, alias="CASEBOT_OPERATOR")
    chroma_url: str | None = Field(default=None, alias="CHROMA_URL")
    chroma_collection: str = Field(default="casebot_chunks", alias="CHROMA_COLLECTION")
    embedding_model: str = Field(default=BUNDLED_MODEL, alias="EMBEDDING_MODEL")
    embedding_batch_size: int = Field(default=16, ge=1, alias="EMBEDDING_BATCH_SIZE")
    embedding_threads: int = Field(default=0, ge=0, alias="EMBEDDING_THREADS")
    chunk_tokens: int = Field(default=200, ge=32, alias="CHUNK_TOKENS")
    chunk_overlap_tokens: int = Field(default=32, ge=0, alias="CHUNK_OVERLAP_TOKENS")
    max_file_mb: float = Field(default=50.0, gt=0, alias="MAX_FILE_MB")
    archive_max_depth: int = Field(default=3, ge=1, alias="ARCHIVE_MAX_DEPTH")
    archive_max_members: int = Field(default=1000, ge=1, alias="ARCHIVE_MAX_MEMBERS")
    archive_max_total_mb: float = Field(default=200.0, gt=0, alias="ARCHIVE_MAX_TOTAL_MB")
    archive_max_ratio: float = Field(default=100.0, gt=1, alias="ARCHIVE_MAX_RATIO")

    llm_provider: Literal["none", "openai", "anthropic", "ollama"] = Field(
        default="none", alias="LLM_PROVIDER"
    )
    llm_base_url: str | None = Field(default=None, alias="LLM_BASE_URL")
    llm_model: str | None = Field(default=None, alias="LLM_MODEL")
    llm_api_key: SecretStr | None = Field(default=None, alias="LLM_API_KEY")
    llm_timeout_seconds: float = Field(default=20.0, gt=0, alias="LLM_TIMEOUT_SECONDS")

    slack_bot_token: SecretStr | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_app_token: SecretStr | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_api_url: str = Field(default=SLACK_API_URL, alias="SLACK_API_URL")
    slack_workers: int = Field(default=4, ge=1, alias="SLACK_WORKERS")
    slack_queue_limit: int = Field(default=200, ge=0, alias="SLACK_QUEUE_LIMIT")
    slack_http_threads: int = Field(default=32, ge=1, alias="SLACK_HTTP_THREADS")
    slack_answer_bots: bool = Field(default=False, alias="SLACK_ANSWER_BOTS")
    slack_hit_notice_seconds: float = Field(default=60.0, ge=0, alias="SLACK_HIT_NOTICE_SECONDS")

    @field_validator(
        "database_url",
        "chroma_url",
        "llm_base_url",
        "llm_model",
        "llm_api_key",
        "slack_bot_token",
        "slack_app_token",
        "slack_signing_secret",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if value == "" else value

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
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)


def load_settings(**overrides: object) -> Settings:
    """Read the environment once; keyword overrides win (used by the CLI's options)."""
    return Settings(**overrides)  # type: ignore[arg-type]
