"""The chat model each provider setting builds, its client bounded by the timeout."""

from __future__ import annotations

import pytest
from langchain_anthropic import ChatAnthropic
from langchain_ollama import ChatOllama
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from retrieval.answering.llm_factory import LlmSettingsError, build_chat_model


def test_no_provider_means_no_model() -> None:
    assert build_chat_model("none", model=None) is None


def test_a_provider_needs_a_model_name() -> None:
    with pytest.raises(LlmSettingsError, match="LLM_MODEL"):
        build_chat_model("openai", model=None)


def test_anthropic_needs_a_key() -> None:
    with pytest.raises(LlmSettingsError, match="LLM_API_KEY"):
        build_chat_model("anthropic", model="claude-test")


def test_an_openai_compatible_client_times_out_and_never_retries() -> None:
    model = build_chat_model(
        "openai", model="local", base_url="http://127.0.0.1:1/v1", timeout_seconds=4.5
    )

    assert isinstance(model, ChatOpenAI)
    assert model.request_timeout == 4.5
    assert model.max_retries == 0


def test_an_anthropic_client_gets_the_key_and_the_timeout() -> None:
    model = build_chat_model(
        "anthropic", model="claude-test", api_key=SecretStr("sk-test"), timeout_seconds=4.5
    )

    assert isinstance(model, ChatAnthropic)
    assert model.anthropic_api_key.get_secret_value() == "sk-test"
    assert model.default_request_timeout == 4.5


def test_an_ollama_client_times_out() -> None:
    model = build_chat_model("ollama", model="llama-test", timeout_seconds=4.5)

    assert isinstance(model, ChatOllama)
    assert model.client_kwargs == {"timeout": 4.5}
