"""The ``casebot`` command line: a thin edge over the services."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from bot import texts
from bot.answers import answer_batch, ask_as_operator, print_answer
from bot.cli_audit import audit_app
from bot.cli_cases import case_app
from bot.cli_lookup import export_app, hits, lookup
from bot.cli_referrals import referral_app
from bot.cli_serve import serve
from bot.cli_sources import sources_app, worker
from bot.demo_referrals import DemoPartners, demo_partners, print_partner_side, refer_demo_case
from bot.lookups import hit_line, look_up_as_operator, print_card
from bot.progress import RichProgress
from bot.services import Services, build_services
from casework.markings import Kind, Marking
from casework.settings import load_settings
from ingestion.lock import IngestionBusyError
from ingestion.pipeline import IngestOptions, RunReport

app = typer.Typer(no_args_is_help=True, add_completion=False, help="Casebot: casework assistant.")
index_app = typer.Typer(no_args_is_help=True, help="Inspect or rebuild the index.")
app.add_typer(index_app, name="index")
db_app = typer.Typer(no_args_is_help=True, help=texts.DB_APP_HELP)
app.add_typer(db_app, name="db")
app.add_typer(case_app, name="case")
app.add_typer(audit_app, name="audit")
app.add_typer(export_app, name="export")
app.add_typer(referral_app, name="referral")
app.add_typer(sources_app, name="sources")
app.command(help=texts.WORKER_HELP)(worker)
app.command(help=texts.SERVE_HELP)(serve)
app.command(help=texts.LOOKUP_HELP)(lookup)
app.command(help=texts.HITS_HELP)(hits)

DEMO_CASE_ID = "OP-HARBOR-LIGHT"
DEMO_CASE_TITLE = "Operation Harbor Light — counterfeit 'Veloce' e-bike batteries"
DEMO_OTHER_CASE_ID = "OP-COPPER-RIDGE"
DEMO_LOOKUP_VALUE = "(312) 555-0142"


def _services() -> Services:
    return build_services(load_settings())


@app.command(help=texts.INGEST_HELP)
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders.")],
    kind: Annotated[Kind, typer.Option(help=texts.KIND_HELP)] = Kind.FILING,
    case: Annotated[str | None, typer.Option(help=texts.CASE_HELP)] = None,
    marking: Annotated[Marking | None, typer.Option(help=texts.MARKING_HELP)] = None,
    prune: Annotated[bool, typer.Option(help=texts.PRUNE_HELP)] = False,
    as_json: Annotated[bool, typer.Option("--json", help=texts.JSON_HELP)] = False,
) -> None:
    options = IngestOptions(kind=kind, case_id=case, marking=marking, prune=prune)
    services = _services()
    console = Console(stderr=True)
    hits_before = services.hits.count()
    try:
        if as_json or not sys.stdout.isatty():
            report = services.ingestion.ingest(paths, options)
        else:
            with RichProgress(console) as progress:
                report = services.ingestion.ingest(paths, options, progress)
    except (ValueError, IngestionBusyError) as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error
    _print_report(report, as_json, hits_raised=services.hits.count() - hits_before)
    raise typer.Exit(1 if report.failed else 0)


def _print_report(report: RunReport, as_json: bool, hits_raised: int = 0) -> None:
    if as_json:
        typer.echo(json.dumps({**report.as_json(), "hits_raised": hits_raised}))
        return
    console = Console()
    console.print(
        texts.RUN_SUMMARY.format(
            run_id=report.run_id,
            added=report.added,
            updated=report.updated,
            unchanged=report.unchanged,
            removed=report.removed,
            chunks=report.chunks,
            failed=len(report.failed),
            skipped=len(report.skipped),
        ),
        highlight=False,
    )
    if hits_raised:
        console.print(texts.HITS_RAISED.format(count=hits_raised), highlight=False)
    if report.failed:
        console.print(texts.FAILED_HEADING, style="bold red")
        for failure in report.failed:
            console.print(f"  {failure['source']}: {failure['error']}", highlight=False)


@app.command(help=texts.ASK_HELP)
def ask(
    question: Annotated[str | None, typer.Argument(help="The question.")] = None,
    case: Annotated[str | None, typer.Option(help=texts.ASK_CASE_HELP)] = None,
    batch: Annotated[Path | None, typer.Option(help=texts.ASK_BATCH_HELP)] = None,
    as_json: Annotated[bool, typer.Option("--json", help=texts.JSON_HELP)] = False,
) -> None:
    if (question is None) == (batch is None):
        Console(stderr=True).print(texts.ASK_NEEDS_QUESTION)
        raise typer.Exit(2)
    services = _services()
    if batch is not None:
        answer_batch(services, batch, case)
        return
    assert question is not None
    answer = ask_as_operator(services, question, case)
    if as_json:
        typer.echo(json.dumps(answer.as_json()))
    else:
        print_answer(Console(), answer)


@index_app.command("verify", help=texts.VERIFY_HELP)
def verify_index(
    repair: Annotated[bool, typer.Option(help=texts.REPAIR_HELP)] = False,
) -> None:
    services = _services()
    consistency = services.indexer.check()
    if consistency.ok:
        typer.echo(
            texts.INDEX_CONSISTENT.format(
                documents=services.indexer.document_count(),
                vectors=services.vector_index.count(),
            )
        )
        return
    typer.echo(
        texts.INDEX_INCONSISTENT.format(
            missing=len(consistency.documents_missing_vectors),
            orphans=len(consistency.orphan_versions),
        )
    )
    if repair:
        services.indexer.repair(consistency)
        typer.echo(texts.INDEX_REPAIRED)
        return
    raise typer.Exit(1)


@index_app.command("rebuild", help=texts.REBUILD_HELP)
def rebuild_index(
    as_json: Annotated[bool, typer.Option("--json", help=texts.JSON_HELP)] = False,
) -> None:
    services = _services()
    console = Console(stderr=True)
    try:
        if as_json or not sys.stdout.isatty():
            report = services.index_rebuilder.rebuild()
        else:
            with RichProgress(console, texts.PROGRESS_REBUILDING) as progress:
                report = services.index_rebuilder.rebuild(progress)
    except IngestionBusyError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(2) from error
    if as_json:
        typer.echo(json.dumps(report.as_json()))
        return
    if report.leftovers_removed:
        typer.echo(texts.REBUILD_LEFTOVERS.format(count=report.leftovers_removed))
    typer.echo(
        texts.REBUILD_SUMMARY.format(
            documents=report.documents, chunks=report.chunks, vectors=report.vectors
        )
    )


@db_app.command("upgrade", help=texts.DB_UPGRADE_HELP)
def upgrade_database() -> None:
    revision = _services().upgrade_database()
    typer.echo(texts.DB_AT_REVISION.format(revision=revision))


@app.command(help=texts.DEMO_HELP)
def demo() -> None:
    settings = load_settings()
    with demo_partners(settings.casebot_home) as partners:
        services = build_services(load_settings(**partners.settings()))
        _demo(services)
        _demo_referrals(services, partners)


def _demo(services: Services) -> None:
    demo_root = Path(str(resources.files("casework") / "demo"))
    notes = IngestOptions(kind=Kind.NOTE, case_id=DEMO_CASE_ID)
    other_case = IngestOptions(kind=Kind.NOTE, case_id=DEMO_OTHER_CASE_ID)
    reports = [
        services.ingestion.ingest([demo_root / "case-notes"], notes),
        services.ingestion.ingest([demo_root / "filings"], IngestOptions(kind=Kind.FILING)),
        services.ingestion.ingest([demo_root / "copper-ridge"], other_case),
    ]
    console = Console()
    console.print(texts.DEMO_HEADING.format(case_id=DEMO_CASE_ID, title=DEMO_CASE_TITLE))
    for report in reports:
        _print_report(report, as_json=False)
    for row in services.indexer.document_summaries():
        console.print(texts.DEMO_DOCUMENT_LINE.format(**row), highlight=False)
    questions = (demo_root / "questions.txt").read_text(encoding="utf-8").splitlines()
    for question in filter(None, (line.strip() for line in questions)):
        console.rule()
        console.print(texts.DEMO_QUESTION.format(question=question), style="bold", highlight=False)
        print_answer(console, ask_as_operator(services, question, DEMO_CASE_ID))
    _demo_lookup(console, services)


def _demo_lookup(console: Console, services: Services) -> None:
    console.rule()
    console.print(texts.DEMO_LOOKUP.format(value=DEMO_LOOKUP_VALUE), style="bold", highlight=False)
    print_card(console, look_up_as_operator(services, DEMO_LOOKUP_VALUE, DEMO_CASE_ID).card)
    console.rule()
    console.print(texts.DEMO_HITS, style="bold", highlight=False)
    for hit in services.hits.hits():
        console.print(escape(hit_line(hit)), highlight=False)


def _demo_referrals(services: Services, partners: DemoPartners) -> None:
    console = Console()
    console.rule()
    console.print(texts.DEMO_REFERRALS, style="bold", highlight=False)
    refer_demo_case(console, services, DEMO_CASE_ID)
    console.print(texts.DEMO_PARTNER_SIDE, style="bold", highlight=False)
    print_partner_side(console, partners)


def main() -> None:
    app()
