"""Builds the configured chat model (or none): any OpenAI-compatible server (vLLM, Ollama's
OpenAI endpoint, llama.cpp server, Azure), Anthropic, or Ollama's own API."""

from __future__ import annotations

from typing import Literal

from langchain_core.language_models import BaseChatModel
from pydantic import SecretStr

from retrieval.answering import texts
from retrieval.errors import AnsweringError

Provider = Literal["none", "openai", "anthropic", "ollama"]
NO_KEY = "not-needed"


class LlmSettingsError(AnsweringError, ValueError):
    pass


def build_chat_model(
    provider: Provider,
    *,
    model: str | None,
    base_url: str | None = None,
    api_key: SecretStr | None = None,
    timeout_seconds: float = 20.0,
) -> BaseChatModel | None:
    """The chat model, its client bounded by ``timeout_seconds``; None for provider ``none``."""
    if provider == "none":
        return None
    if not model:
        raise LlmSettingsError(texts.LLM_NEEDS_MODEL.format(provider=provider))
    if provider == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=model,
            base_url=base_url,
            api_key=api_key or SecretStr(NO_KEY),
            timeout=timeout_seconds,
            max_retries=0,
            temperature=0,
        )
    if provider == "anthropic":
        from langchain_anthropic import ChatAnthropic

        if api_key is None:
            raise LlmSettingsError(texts.LLM_NEEDS_API_KEY)
        return ChatAnthropic(  # type: ignore[call-arg]
            model=model,
            base_url=base_url,
            api_key=api_key,
            timeout=timeout_seconds,
            max_retries=0,
            temperature=0,
        )
    from langchain_ollama import ChatOllama

    return ChatOllama(
        model=model,
        base_url=base_url,
        temperature=0,
        client_kwargs={"timeout": timeout_seconds},
    )
