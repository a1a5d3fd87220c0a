"""The deploy/ folder, checked as far as can be without Docker: the compose file parses, every
file it mounts or builds from exists, the topology is the documented one (Chroma reachable only
through the token proxy, the schema migrated once before the replicas start), every variable it
substitutes is in deploy/.env.example, and every setting it passes is one Casebot reads."""

from __future__ import annotations

import http.server
import json
import re
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from casework.storage.db import HEAD_REVISION
from tests.drivers.casebot import run_casebot
from tests.drivers.nginx import NGINX, free_port, running_nginx, status_of

REPO_ROOT = Path(__file__).resolve().parents[1]
DEPLOY = REPO_ROOT / "deploy"
CASEBOT_SERVICES = ("migrate", "bot-1", "bot-2", "worker")
REPLICAS = ("bot-1", "bot-2")
SUBSTITUTION = re.compile(r"\$\{([A-Z0-9_]+)")
ASSIGNMENT = re.compile(r"^#?\s*([A-Z0-9_]+)=", re.MULTILINE)


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = compose["services"]
    return found


DEFAULT_VALUE = re.compile(r"\$\{[A-Z0-9_]+:-([^}]*)\}")


def bind_mount_sources(service: dict[str, Any]) -> list[str]:
    """The host paths a service mounts, with each variable at its default."""
    volumes = [DEFAULT_VALUE.sub(r"\1", str(volume)) for volume in service.get("volumes", [])]
    sources = [volume.split(":", 1)[0] for volume in volumes]
    return [source for source in sources if source.startswith((".", "/"))]


def test_the_compose_file_has_the_documented_services(compose: dict[str, Any]) -> None:
    assert set(services(compose)) == {
        "postgres",
        "chroma",
        "chroma-proxy",
        "migrate",
        "bot-1",
        "bot-2",
        "worker",
        "edge",
    }
    assert services(compose)["postgres"]["image"].startswith("postgres:16")
    for name in REPLICAS:
        assert services(compose)[name]["command"][:2] == ["serve", "--http"]
    assert services(compose)["worker"]["command"] == ["worker"]
    assert services(compose)["migrate"]["command"] == ["db", "upgrade"]


def test_every_file_the_compose_file_builds_from_or_mounts_exists(compose: dict[str, Any]) -> None:
    for name, service in services(compose).items():
        build = service.get("build")
        if build:
            context = (DEPLOY / build["context"]).resolve()
            assert (context / build["dockerfile"]).is_file(), name
        for source in bind_mount_sources(service):
            assert (DEPLOY / source).exists(), f"{name} mounts {source}"


def test_the_replicas_and_the_worker_start_after_the_one_migration(
    compose: dict[str, Any],
) -> None:
    for name in (*REPLICAS, "worker"):
        depends_on = services(compose)[name]["depends_on"]
        assert depends_on["migrate"] == {"condition": "service_completed_successfully"}, name
    assert services(compose)["migrate"]["restart"] == "no"
    migrate_needs = services(compose)["migrate"]["depends_on"]["postgres"]
    assert migrate_needs == {"condition": "service_healthy"}


def test_chroma_is_reached_only_through_the_token_proxy(compose: dict[str, Any]) -> None:
    chroma = services(compose)["chroma"]
    assert "ports" not in chroma
    assert chroma["networks"] == ["vectors"]
    assert compose["networks"]["vectors"]["internal"] is True
    assert "vectors" in services(compose)["chroma-proxy"]["networks"]
    for name in CASEBOT_SERVICES:
        service = services(compose)[name]
        assert "vectors" not in service["networks"], name
        environment = service["environment"]
        assert environment["CASEBOT_CHROMA_URL"] == "http://chroma-proxy:8000"
        assert environment["CASEBOT_CHROMA_TOKEN"].startswith("${CHROMA_TOKEN")
        assert environment["CASEBOT_DATABASE_URL"].startswith("postgresql+psycopg://")
    template = (DEPLOY / "nginx" / "chroma-proxy.conf.template").read_text(encoding="utf-8")
    assert '"Bearer ${CHROMA_TOKEN}"' in template
    assert "return 401;" in template
    assert "proxy_pass http://chroma:8000;" in template


def test_every_casebot_process_shares_one_data_folder(compose: dict[str, Any]) -> None:
    """The ingestion lock and the published lexical index live there."""
    for name in CASEBOT_SERVICES:
        service = services(compose)[name]
        assert "casebot-home:/var/lib/casebot" in service["volumes"], name
        assert service["environment"]["CASEBOT_HOME"] == "/var/lib/casebot"


def test_the_edge_proxy_spreads_slack_requests_over_both_replicas() -> None:
    config = (DEPLOY / "nginx" / "slack-edge.conf").read_text(encoding="utf-8")
    for name in REPLICAS:
        assert f"server {name}:3000" in config
    assert "location = /slack/events" in config


def test_every_variable_the_compose_file_substitutes_is_in_its_env_example() -> None:
    used = set(SUBSTITUTION.findall((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8")))
    listed = set(ASSIGNMENT.findall((DEPLOY / ".env.example").read_text(encoding="utf-8")))
    assert used - listed == set()


def test_every_setting_passed_to_casebot_is_one_it_reads(compose: dict[str, Any]) -> None:
    known = set(ASSIGNMENT.findall((REPO_ROOT / ".env.example").read_text(encoding="utf-8")))
    for name in CASEBOT_SERVICES:
        passed = set(services(compose)[name]["environment"])
        assert passed - known == set(), name


def test_the_image_installs_the_pinned_cpu_torch() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    pin = re.search(r'"(torch==[^"]+)"', (REPO_ROOT / "pyproject.toml").read_text())
    assert pin is not None
    assert dockerfile.startswith("# ") and "FROM python:3.11-slim" in dockerfile
    assert f"pip install {pin.group(1)} --index-url https://download.pytorch.org/whl/cpu" in (
        dockerfile
    )


def test_casebot_db_upgrade_migrates_and_says_the_revision(tmp_path: Path) -> None:
    result = run_casebot(tmp_path / "home", tmp_path, "db", "upgrade")

    assert result.returncode == 0, result.stderr
    assert f"revision {HEAD_REVISION}" in result.stdout
    assert (tmp_path / "home" / "casebot.sqlite3").is_file()


class StandInReplica:
    """Answers 200 to every request on 127.0.0.1 and records what reached it, as a bot
    replica's HTTP server would see it."""

    def __init__(self) -> None:
        self.received: list[tuple[str, bytes, str | None]] = []
        replica = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                replica.received.append((self.path, body, self.headers.get(SIGNATURE)))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


SIGNATURE = "X-Slack-Signature"


def edge_block(port: int, replicas: list[StandInReplica]) -> str:
    """deploy/'s edge configuration on 127.0.0.1, with the replicas' ports for bot-1 and bot-2."""
    block = (DEPLOY / "nginx" / "slack-edge.conf").read_text(encoding="utf-8")
    block = block.replace("listen 80;", f"listen 127.0.0.1:{port};")
    for name, replica in zip(REPLICAS, replicas, strict=True):
        block = block.replace(f"{name}:3000", f"127.0.0.1:{replica.port}")
    return block


def post_event(url: str, number: int) -> int:
    body = json.dumps({"type": "event_callback", "event_id": f"Ev{number}"}).encode()
    headers = {SIGNATURE: f"v0={number:064x}", "Content-Type": "application/json"}
    return status_of(f"{url}/slack/events", headers, body)


@pytest.mark.skipif(NGINX is None, reason="nginx is not installed")
def test_the_edge_spreads_slack_events_over_both_replicas_and_skips_a_dead_one(
    tmp_path: Path,
) -> None:
    replicas = [StandInReplica(), StandInReplica()]
    port = free_port()
    try:
        with running_nginx(tmp_path / "edge", edge_block(port, replicas), port) as url:
            statuses = [post_event(url, number) for number in range(4)]
            replicas[0].stop()
            after_one_died = [post_event(url, number) for number in range(4, 7)]
            elsewhere = status_of(f"{url}/admin", data=b"")
    finally:
        replicas[1].stop()

    assert statuses == [200] * 4
    assert after_one_died == [200] * 3
    assert elsewhere == 404
    first, second = (replica.received for replica in replicas)
    assert first and len(second) >= 3
    for path, body, signature in first + second:
        number = json.loads(body)["event_id"].removeprefix("Ev")
        assert (path, signature) == ("/slack/events", f"v0={int(number):064x}")
