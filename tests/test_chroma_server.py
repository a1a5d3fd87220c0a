"""CHROMA_URL points ingestion at a Chroma server instead of the embedded store."""

from __future__ import annotations

import http.client
import http.server
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.services import build_services
from casework.settings import load_settings
from ingestion.pipeline import IngestOptions
from retrieval.testing import HashingEmbedder
from tests.drivers.nginx import NGINX, running_nginx, status_of

CHROMA_CLI = Path(sys.executable).parent / "chroma"
REPO_ROOT = Path(__file__).resolve().parents[1]


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


class TokenProxy:
    """A reverse proxy on 127.0.0.1 that refuses (401) every request without
    ``Authorization: Bearer <token>`` and forwards the others to Chroma, as
    ``deploy/chroma-proxy.conf`` does in front of the Chroma server."""

    def __init__(self, upstream: str, token: str) -> None:
        self.refused: list[str] = []
        self.forwarded: list[str] = []
        upstream_parts = urllib.parse.urlparse(upstream)
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _relay(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.headers.get("Authorization") != f"Bearer {token}":
                    proxy.refused.append(self.path)
                    self._answer(401, b'{"error": "missing or wrong token"}', {})
                    return
                proxy.forwarded.append(self.path)
                connection = http.client.HTTPConnection(
                    upstream_parts.hostname or "127.0.0.1", upstream_parts.port, timeout=30
                )
                headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                answer_headers = {
                    k: v for k, v in response.getheaders() if k.lower() not in HOP_HEADERS
                }
                self._answer(response.status, response.read(), answer_headers)
                connection.close()

            def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self._relay()

            def do_POST(self) -> None:
                self._relay()

            def do_PUT(self) -> None:
                self._relay()

            def do_DELETE(self) -> None:
                self._relay()

            def do_PATCH(self) -> None:
                self._relay()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> TokenProxy:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._server.shutdown()
        self._server.server_close()


HOP_HEADERS = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}
CHROMA_TOKEN = "s3cret-chroma-token"


@pytest.fixture
def token_proxy(chroma_url: str) -> Iterator[TokenProxy]:
    with TokenProxy(chroma_url, CHROMA_TOKEN) as proxy:
        yield proxy


def test_the_chroma_token_is_sent_on_every_request_through_the_proxy(
    token_proxy: TokenProxy, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text("Container ZQLU4826158 held 960 counterfeit batteries.")
    settings = load_settings(
        CASEBOT_HOME=tmp_path / "home",
        CASEBOT_CHROMA_URL=token_proxy.url,
        CASEBOT_CHROMA_TOKEN=CHROMA_TOKEN,
    )
    services = build_services(settings, embedder=HashingEmbedder())

    report = services.ingestion.ingest([folder], IngestOptions())

    assert (report.added, report.failed) == (1, [])
    assert services.indexer.check().ok
    assert token_proxy.forwarded
    assert token_proxy.refused == []


def test_without_the_token_the_proxy_refuses_casebot(
    token_proxy: TokenProxy, tmp_path: Path
) -> None:
    settings = load_settings(CASEBOT_HOME=tmp_path / "home", CASEBOT_CHROMA_URL=token_proxy.url)

    with pytest.raises(Exception, match=r"401|[Uu]nauthori[sz]ed|token"):
        _ = build_services(settings, embedder=HashingEmbedder()).vector_index

    assert token_proxy.refused
    assert token_proxy.forwarded == []


def test_a_rebuild_through_the_proxy_is_followed_by_another_replica(
    token_proxy: TokenProxy, tmp_path: Path
) -> None:
    """Two replicas share the Chroma server: one rebuilds, the other's next search finds the
    rebuilt collection by name."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text("Container ZQLU4826158 held 960 counterfeit batteries.")
    (folder / "release.txt").write_text("The defendant was sentenced to 37 months in prison.")
    settings = load_settings(
        CASEBOT_HOME=tmp_path / "home",
        CASEBOT_CHROMA_URL=token_proxy.url,
        CASEBOT_CHROMA_TOKEN=CHROMA_TOKEN,
    )
    rebuilding = build_services(settings, embedder=HashingEmbedder())
    rebuilding.ingestion.ingest([folder], IngestOptions())
    other_replica = build_services(settings, embedder=HashingEmbedder())
    assert other_replica.vector_index.count() == 2

    report = rebuilding.index_rebuilder.rebuild()

    assert report.vectors == 2
    assert other_replica.vector_index.count() == 2
    assert other_replica.indexer.check().ok
    assert token_proxy.refused == []


CHROMA_PROXY_TEMPLATE = REPO_ROOT / "deploy" / "nginx" / "chroma-proxy.conf.template"


def chroma_proxy_block(chroma_url: str, port: int) -> str:
    """deploy/'s token proxy as the nginx image renders it (the token substituted), listening
    on 127.0.0.1 and forwarding to the test's Chroma server instead of the `chroma` service."""
    server = CHROMA_PROXY_TEMPLATE.read_text(encoding="utf-8")
    server = server.replace("${CHROMA_TOKEN}", CHROMA_TOKEN)
    server = server.replace("listen 8000;", f"listen 127.0.0.1:{port};")
    return server.replace("http://chroma:8000", chroma_url)


@pytest.fixture
def nginx_token_proxy(chroma_url: str, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    with running_nginx(tmp_path / "nginx", chroma_proxy_block(chroma_url, port), port) as url:
        yield url


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed")
def test_the_shipped_nginx_token_proxy_refuses_requests_without_the_token(
    nginx_token_proxy: str,
) -> None:
    heartbeat = f"{nginx_token_proxy}/api/v2/heartbeat"
    assert status_of(heartbeat) == 401
    assert status_of(heartbeat, {"Authorization": "Bearer not-the-token"}) == 401
    assert status_of(heartbeat, {"Authorization": f"Bearer {CHROMA_TOKEN}"}) == 200
    assert status_of(heartbeat, {"X-Chroma-Token": CHROMA_TOKEN}) == 200


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed")
def test_casebot_ingests_and_rebuilds_through_the_shipped_nginx_token_proxy(
    nginx_token_proxy: str, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "note.txt").write_text("Container ZQLU4826158 held 960 counterfeit batteries.")
    settings = load_settings(
        CASEBOT_HOME=tmp_path / "home",
        CASEBOT_CHROMA_URL=nginx_token_proxy,
        CASEBOT_CHROMA_TOKEN=CHROMA_TOKEN,
    )
    services = build_services(settings, embedder=HashingEmbedder())

    report = services.ingestion.ingest([folder], IngestOptions())
    rebuilt = services.index_rebuilder.rebuild()

    assert (report.added, report.failed, rebuilt.vectors) == (1, [], 1)
    assert services.indexer.check().ok
