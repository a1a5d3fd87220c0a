"""``casebot serve [--http]``: run the Slack app until SIGINT or SIGTERM.

The model is loaded and the registry migrated before the first request, so the first question
is as fast as the others. On a signal the server stops taking requests and the answers already
started are finished before the process exits.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from types import FrameType
from typing import Annotated

import typer
from slack_bolt import App

from bot import texts
from bot.services import Services, build_services
from bot.slack.app import build_app
from bot.slack.http import HttpServer
from bot.slack.socket import close, connect, socket_mode_handler
from bot.slack.work import Pools
from casework.referrals.errors import PartnersFileError
from casework.settings import Settings, load_settings

ACK_SWITCH_INTERVAL_SECONDS = 0.0005
"""How long a thread holds the interpreter lock before another may take it (CPython's default:
5 ms). Answer workers run Python-heavy retrieval; a shorter slice lets the threads that ack
Slack's requests in between, so acks stay fast under load, for a little throughput."""


def serve(
    http: Annotated[bool, typer.Option("--http", help=texts.SERVE_HTTP_HELP)] = False,
    host: Annotated[str, typer.Option(help=texts.SERVE_HOST_HELP)] = "127.0.0.1",
    port: Annotated[int, typer.Option(help=texts.SERVE_PORT_HELP)] = 3000,
) -> None:
    settings = load_settings()
    _require_settings(settings, http)
    sys.setswitchinterval(ACK_SWITCH_INTERVAL_SECONDS)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    services = build_services(settings)
    _require_partners(services)
    _warm_up(services)
    pools = Pools.sized(settings.slack_workers, settings.slack_queue_limit)
    app = build_app(settings, services, pools=pools, post_hit_notices=True, deliver_referrals=True)
    stop = _stop_on_signals()
    if http:
        _serve_http(app, settings, host, port, stop)
    else:
        _serve_socket_mode(app, settings, stop)
    typer.echo(texts.SERVE_STOPPING, err=True)
    pools.shutdown(wait=True)
    services.close()


def _serve_http(app: App, settings: Settings, host: str, port: int, stop: threading.Event) -> None:
    server = HttpServer(app, host, port, settings.slack_http_threads).start()
    typer.echo(texts.SERVE_LISTENING.format(url=server.events_url), err=True)
    stop.wait()
    server.stop()


def _serve_socket_mode(app: App, settings: Settings, stop: threading.Event) -> None:
    handler = socket_mode_handler(app, settings.slack_app_token)
    connect(handler)
    typer.echo(texts.SERVE_CONNECTED, err=True)
    stop.wait()
    close(handler)


def _require_settings(settings: Settings, http: bool) -> None:
    needed = [("SLACK_BOT_TOKEN", settings.slack_bot_token, texts.SERVE_BOT_TOKEN)]
    if http:
        needed.append(
            ("SLACK_SIGNING_SECRET", settings.slack_signing_secret, texts.SERVE_SIGNING_SECRET)
        )
    else:
        needed.append(("SLACK_APP_TOKEN", settings.slack_app_token, texts.SERVE_APP_TOKEN))
    for name, value, what in needed:
        if value is None:
            typer.echo(texts.SERVE_MISSING.format(name=name, what=what), err=True)
            raise typer.Exit(2)


def _require_partners(services: Services) -> None:
    """A malformed partners file stops the start, naming its file, lines and what to fix."""
    try:
        services.partners()
    except PartnersFileError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error


def _warm_up(services: Services) -> None:
    """Migrate the registry and load the model (and its export for answers' sentences) and the
    indexes now, not on the first question."""
    services.embedder.embed_query("warm up")
    services.sentence_embedder.embed_query("warm up")
    _ = services.answers, services.cases, services.claims


def _stop_on_signals() -> threading.Event:
    stop = threading.Event()

    def request_stop(_signal: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    return stop
