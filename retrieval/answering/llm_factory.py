"""Builds the configured chat model (or none): any OpenAI-compatible server (vLLM, Ollama's
OpenAI endpoint, llama.cpp server, Azure), Anthropic, or Ollama's own API."""

from __future__ import annotations

from langchain_core.language_models import BaseChatModel

from casework.settings import Settings

NO_KEY = "not-needed"


class LlmSettingsError(ValueError):
    pass


def build_chat_model(settings: Settings) -> BaseChatModel | None:
    provider = settings.llm_provider
    if provider == "none":
        return None
    if not settings.llm_model:
        raise LlmSettingsError(f"LLM_PROVIDER={provider} needs LLM_MODEL (the model's name)")
    api_key = settings.llm_api_key.get_secret_value() if settings.llm_api_key else None
    if provider == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(
            model=settings.llm_model,
            base_url=settings.llm_base_url,
            api_key=api_key or NO_KEY,  # type: ignore[arg-type]
            timeout=settings.llm_timeout_seconds,
            max_retries=0,
            temperature=0,
        )
    if provider == "anthropic":
        from langchain_anthropic import ChatAnthropic

        if settings.llm_api_key is None:
            raise LlmSettingsError("LLM_PROVIDER=anthropic needs LLM_API_KEY")
        return ChatAnthropic(  # type: ignore[call-arg]
            model=settings.llm_model,
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key,
            timeout=settings.llm_timeout_seconds,
            max_retries=0,
            temperature=0,
        )
    from langchain_ollama import ChatOllama

    return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url, temperature=0)
