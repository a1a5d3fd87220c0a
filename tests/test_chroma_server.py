"""CHROMA_URL points ingestion at a Chroma server instead of the embedded store."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import build_services
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.testing import HashingEmbedder

CHROMA_CLI = Path(sys.executable).parent / "chroma"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_serving(url: str, process: subprocess.Popen[bytes], deadline_seconds: float) -> None:
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                return
        except OSError:
            pass
        try:
            process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            continue
        raise RuntimeError("the Chroma server exited before it answered")
    raise TimeoutError(f"Chroma server at {url} did not answer in {deadline_seconds} s")


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [
            str(CHROMA_CLI),
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process, 60)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_ingestion_writes_to_the_chroma_server(chroma_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text("Container ZQLU4826158 held 960 counterfeit batteries.")
    settings = load_settings(CASEBOT_HOME=tmp_path / "home", CHROMA_URL=chroma_url)
    services = build_services(settings, embedder=HashingEmbedder())

    report = services.ingestion.ingest([folder], IngestOptions())

    assert (report.added, report.failed) == (1, [])
    assert not (tmp_path / "home" / "chroma").exists()
    assert services.vector_index.count() == 1
    assert services.indexer.check().ok
    served = build_services(settings, embedder=HashingEmbedder()).vector_index
    assert served.count() == 1
