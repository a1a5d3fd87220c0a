"""Runs nginx (when installed) with one of deploy/'s server blocks, on 127.0.0.1, in a folder of
the test's, until the test ends."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.testing.signing import free_port

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
DEADLINE_SECONDS = 30


def status_of(url: str, headers: dict[str, str] | None = None, data: bytes | None = None) -> int:
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


@contextmanager
def running_nginx(folder: Path, server_block: str, port: int) -> Iterator[str]:
    """nginx serving ``server_block`` (which listens on 127.0.0.1:``port``); yields its URL."""
    assert NGINX is not None
    folder.mkdir(parents=True, exist_ok=True)
    temporary = " ".join(
        f"{kind}_temp_path {folder / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = folder / "nginx.conf"
    config.write_text(
        f"daemon off; worker_processes 1; pid {folder / 'nginx.pid'}; error_log stderr;\n"
        f"events {{}}\nhttp {{\naccess_log off; {temporary}\n{server_block}\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [NGINX, "-c", str(config), "-p", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_listening(port, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_listening(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            pass
        if process.poll() is not None:
            raise RuntimeError("nginx exited: is the configuration valid?")
        if time.monotonic() > deadline:
            raise TimeoutError(f"nginx did not listen on {port} in {DEADLINE_SECONDS} s")
        time.sleep(0.1)


__all__ = ["NGINX", "free_port", "running_nginx", "status_of"]
