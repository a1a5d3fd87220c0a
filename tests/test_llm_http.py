"""The LLM path through langchain-openai against an OpenAI-compatible server on 127.0.0.1 (the
shape vLLM, llama.cpp's server and Ollama's OpenAI endpoint speak)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from bot.services import build_services
from casework.access import Viewer
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.embeddings import SentenceTransformerEmbedder

REPLY = "Jane Poe was sentenced to 30 months in prison [1]."


class ChatCompletions(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []
    status: ClassVar[int] = 200

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.received.append(
            {"path": self.path, "body": body, "auth": self.headers["Authorization"]}
        )
        payload = {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": REPLY},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }
        data = json.dumps(payload if self.status == 200 else {"error": {"message": "overloaded"}})
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data.encode())

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def llm_server() -> Iterator[str]:
    ChatCompletions.received = []
    ChatCompletions.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), ChatCompletions)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    thread.join()


def services_with_llm(tmp_path: Path, url: str, embedder: SentenceTransformerEmbedder) -> Any:
    settings = load_settings(
        CASEBOT_HOME=tmp_path / "home",
        CASEBOT_LLM_PROVIDER="openai",
        CASEBOT_LLM_BASE_URL=url,
        CASEBOT_LLM_MODEL="local-test-model",
        CASEBOT_LLM_API_KEY="sk-local",
        CASEBOT_LLM_TIMEOUT_SECONDS=10,
    )
    services = build_services(settings, embedder=embedder)
    folder = tmp_path / "filings"
    folder.mkdir()
    (folder / "poe.txt").write_text(
        "BOSTON - Jane Poe was sentenced today to 30 months in prison for selling counterfeit "
        "luxury handbags through a network of online storefronts."
    )
    services.ingestion.ingest([folder], IngestOptions())
    return services


def test_answers_come_from_an_openai_compatible_server(
    tmp_path: Path, llm_server: str, real_embedder: SentenceTransformerEmbedder
) -> None:
    services = services_with_llm(tmp_path, llm_server, real_embedder)

    answer = services.answers.ask("What sentence did Jane Poe receive?", Viewer.public())

    assert answer.answerer == "llm"
    assert answer.text == "Jane Poe was sentenced to 30 months in prison. [1]"
    assert answer.citations[0].source.endswith("poe.txt")
    [request] = ChatCompletions.received
    assert request["path"] == "/v1/chat/completions"
    assert request["auth"] == "Bearer sk-local"
    assert request["body"]["model"] == "local-test-model"
    roles = [message["role"] for message in request["body"]["messages"]]
    assert roles == ["system", "user"]
    assert '<source n="1"' in request["body"]["messages"][1]["content"]


def test_a_server_error_falls_back_to_the_extractive_answer(
    tmp_path: Path, llm_server: str, real_embedder: SentenceTransformerEmbedder
) -> None:
    services = services_with_llm(tmp_path, llm_server, real_embedder)
    ChatCompletions.status = 503

    answer = services.answers.ask("What sentence did Jane Poe receive?", Viewer.public())

    assert answer.answerer == "extractive"
    assert "30 months" in answer.text
    assert answer.note is not None
