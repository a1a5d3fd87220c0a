"""Bad input never stops a batch and never leaves a trace.

Every bad file below is ingested in one batch with two good text files. The bad file gets its own
entry in the report and in the run record, saying what is wrong and what to do; the good files
are indexed and searchable; nothing of the bad file reaches the registry or the vector index.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from sqlalchemy import select

from bot.services import Services, build_services
from casework.settings import load_settings
from casework.storage.ingestion_journal import IngestionRun, SourceFile
from casework.storage.registry import Chunk, Document
from ingestion.pipeline import IngestOptions, RunReport
from retrieval.testing import HashingEmbedder
from tests.conftest import REPO_ROOT

COUNTERFEIT_RELEASES = "doj-ip-press-releases-pdf/counterfeit_trademark"
GUTHRIE_INDICTMENT = "cf002_"  # "DEFENDANT FACES 18-COUNT INDICTMENT ..."
GOOD_FILES = {
    "seizure-note.txt": (
        "Seizure at the port of Long Beach: 960 counterfeit batteries in container ZQLU4826158."
    ),
    "plea-memo.txt": "The defendant pleaded guilty to trafficking in counterfeit Veloce chargers.",
}
ZIP_BOMB_BYTES = 30 * 1024 * 1024
NOBODY = 65534
SUBPROCESS_DEADLINE_SECONDS = 300

BadFileBuilder = Callable[[Path, Path], Path]
"""Writes one bad file into a folder (given the shared corpus) and returns its path."""


@dataclass(frozen=True)
class BadInput:
    build: BadFileBuilder
    keywords: tuple[str, ...]
    """Words the error must contain: what is wrong, and what to do."""
    member: str | None = None
    """The archive member the failure is reported against, when it is not the file itself."""
    settings: dict[str, object] = field(default_factory=dict)


def write_good_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in GOOD_FILES.items():
        path = folder / name
        path.write_text(text)
        paths.append(path)
    return paths


def services_with(home: Path, **settings: object) -> Services:
    return build_services(load_settings(CASEBOT_HOME=home, **settings), embedder=HashingEmbedder())


def corpus_pdf(corpus_dir: Path, prefix: str = GUTHRIE_INDICTMENT) -> Path:
    [path] = sorted((corpus_dir / COUNTERFEIT_RELEASES).glob(f"{prefix}*.pdf"))
    return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def documents(services: Services) -> list[Document]:
    with services.sessions() as session:
        return list(session.scalars(select(Document).order_by(Document.source)))


def chunk_texts(services: Services, source: Path) -> list[str]:
    with services.sessions() as session:
        return list(
            session.scalars(
                select(Chunk.text)
                .join(Document, Chunk.document_id == Document.id)
                .where(Document.source == str(source))
                .order_by(Chunk.ordinal)
            )
        )


def indexed_sources(services: Services) -> set[str]:
    """The source of every vector in the index."""
    total = services.vector_index.count()
    if total == 0:
        return set()
    probe = services.embedder.embed_query("counterfeit")
    return {str(hit.metadata["source"]) for hit in services.vector_index.query(probe, total)}


def assert_searchable(services: Services, path: Path, text: str) -> None:
    [hit] = services.vector_index.query(services.embedder.embed_query(text), 1)
    assert hit.metadata["source"] == str(path)
    with services.sessions() as session:
        assert session.scalars(select(Chunk.text).where(Chunk.id == hit.id)).one() == text


def assert_failed_alone(
    services: Services,
    report: RunReport,
    bad_file: Path,
    good_files: list[Path],
    keywords: tuple[str, ...],
    member: str | None = None,
) -> None:
    """The bad file failed with a helpful error; the good files are indexed; nothing else is."""
    expected_source = f"{bad_file}!/{member}" if member else str(bad_file)
    [failure] = report.failed
    assert failure["source"] == expected_source
    missing = [word for word in keywords if word.lower() not in failure["error"].lower()]
    assert not missing, f"error lacks {missing}: {failure['error']}"

    assert report.added == len(good_files)
    for path in good_files:
        assert_searchable(services, path, path.read_text())

    indexed = documents(services)
    assert sorted(doc.source for doc in indexed) == sorted(str(path) for path in good_files)
    assert not [doc for doc in indexed if doc.root_source == str(bad_file)]
    with services.sessions() as session:
        assert session.get(SourceFile, str(bad_file)) is None
        run = session.get_one(IngestionRun, report.run_id)
    assert set(services.vector_index.versions()) == {(doc.id, doc.version) for doc in indexed}
    assert indexed_sources(services) == {str(path) for path in good_files}
    assert services.indexer.check().ok

    assert run.status == "failed"
    assert failure in run.errors


# --- the bad files ---------------------------------------------------------------------------


def truncated_pdf(folder: Path, corpus_dir: Path) -> Path:
    data = corpus_pdf(corpus_dir).read_bytes()
    path = folder / "indictment-truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    return path


def password_protected_pdf(folder: Path, corpus_dir: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(corpus_pdf(corpus_dir)))
    writer.encrypt(user_password="s3cret", owner_password="owner-secret", algorithm="AES-256")
    path = folder / "indictment-locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def empty_file(folder: Path, corpus_dir: Path) -> Path:
    path = folder / "interview.txt"
    path.write_bytes(b"")
    return path


def binary_junk_named_txt(folder: Path, corpus_dir: Path) -> Path:
    path = folder / "ledger.txt"
    path.write_bytes(random.Random(1).randbytes(4096))
    return path


def text_in_no_recognisable_encoding(folder: Path, corpus_dir: Path) -> Path:
    # High Latin-1 letters scattered among ASCII at random: no code page reads it as language.
    rng = random.Random(2)
    alphabet = list(range(0xA0, 0x100)) + list(b"abcdefgh ")
    path = folder / "garbled.txt"
    path.write_bytes(bytes(rng.choice(alphabet) for _ in range(2000)))
    return path


def utf8_byte_order_mark_then_garbage(folder: Path, corpus_dir: Path) -> Path:
    path = folder / "mislabelled.txt"
    path.write_bytes(b"\xef\xbb\xbfShipment manifest \xff\xfe\xfd for container 4826158")
    return path


def text_over_the_size_limit(folder: Path, corpus_dir: Path) -> Path:
    path = folder / "wiretap-transcript.txt"
    path.write_text("The caller asked about the battery shipment again. " * 400)
    return path


def zip_bomb(folder: Path, corpus_dir: Path) -> Path:
    path = folder / "evidence.zip"
    path.write_bytes(zip_bytes({"zeros.txt": bytes(ZIP_BOMB_BYTES)}))
    return path


def zip_bomb_inside_a_zip(folder: Path, corpus_dir: Path) -> Path:
    bomb = zip_bytes({"zeros.txt": bytes(ZIP_BOMB_BYTES)})
    path = folder / "evidence.zip"
    path.write_bytes(zip_bytes({"inner.zip": bomb}))
    return path


def zip_with_path_traversal(folder: Path, corpus_dir: Path) -> Path:
    path = folder / "partner-delivery.zip"
    path.write_bytes(
        zip_bytes(
            {
                "notes/warehouse.txt": b"Warehouse lease in Carson signed by the seller's agent.",
                "../../etc/evil.txt": b"overwrite me",
            }
        )
    )
    return path


def symlink_to_itself(folder: Path, corpus_dir: Path) -> Path:
    path = folder / "loop.txt"
    path.symlink_to(path.name)
    return path


def symlink_to_nothing(folder: Path, corpus_dir: Path) -> Path:
    path = folder / "moved.txt"
    path.symlink_to("no-longer-here.txt")
    return path


def named_pipe(folder: Path, corpus_dir: Path) -> Path:
    path = folder / "feed.txt"
    os.mkfifo(path)
    return path


BAD_INPUTS = [
    pytest.param(
        BadInput(truncated_pdf, ("damaged", "truncated", "fresh copy")), id="truncated-pdf"
    ),
    pytest.param(
        BadInput(password_protected_pdf, ("password-protected", "remove the password")),
        id="encrypted-pdf",
    ),
    pytest.param(BadInput(empty_file, ("empty", "0 bytes", "check")), id="empty-file"),
    pytest.param(
        BadInput(binary_junk_named_txt, ("binary data", "what its name says")),
        id="binary-junk-named-txt",
    ),
    pytest.param(
        BadInput(
            text_in_no_recognisable_encoding,
            ("not UTF-8", "could not be recognised", "re-save it as UTF-8"),
        ),
        id="undecodable-text",
    ),
    pytest.param(
        BadInput(utf8_byte_order_mark_then_garbage, ("byte-order mark", "re-save it as UTF-8")),
        id="utf8-bom-then-garbage",
    ),
    pytest.param(
        BadInput(
            text_over_the_size_limit,
            ("over the", "limit", "split it", "MAX_FILE_MB"),
            settings={"CASEBOT_MAX_FILE_MB": 0.01},
        ),
        id="over-size-limit",
    ),
    pytest.param(BadInput(zip_bomb, ("zip bomb", "refused", "unpack")), id="zip-bomb"),
    pytest.param(
        BadInput(zip_bomb_inside_a_zip, ("zip bomb", "refused", "unpack"), member="inner.zip"),
        id="zip-bomb-nested",
    ),
    pytest.param(
        BadInput(zip_with_path_traversal, ("../../etc/evil.txt", "path traversal", "refused")),
        id="zip-path-traversal",
    ),
    pytest.param(
        BadInput(symlink_to_itself, ("symbolic link loop", "fix or remove the link")),
        id="symlink-to-itself",
    ),
    pytest.param(
        BadInput(symlink_to_nothing, ("does not exist", "fix or remove the link")),
        id="symlink-to-nothing",
    ),
    pytest.param(
        BadInput(named_pipe, ("not a regular file", "files or folders only")), id="named-pipe"
    ),
]


@pytest.mark.parametrize("bad", BAD_INPUTS)
def test_bad_file_fails_alone_and_leaves_nothing_behind(
    bad: BadInput, tmp_path: Path, corpus_dir: Path
) -> None:
    services = services_with(tmp_path / "casebot-home", **bad.settings)
    folder = tmp_path / "batch"
    good_files = write_good_files(folder)
    bad_file = bad.build(folder, corpus_dir)

    report = services.ingestion.ingest([folder], IngestOptions())

    assert_failed_alone(services, report, bad_file, good_files, bad.keywords, bad.member)


# --- files that look wrong but are fine ------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        pytest.param(
            "cp1252", "Müller paid €2,500 at the café in Zürich — «déjà vu».", id="cp1252"
        ),
        pytest.param(
            "latin-1", "Straße 12, Köln: Señor Núñez signed for the crates.", id="latin-1"
        ),
    ],
)
def test_legacy_encoded_text_is_decoded_and_indexed(
    encoding: str, text: str, services: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    good_files = write_good_files(folder)
    legacy = folder / "witness-statement.txt"
    legacy.write_bytes(text.encode(encoding))

    report = services.ingestion.ingest([folder], IngestOptions())

    assert (report.added, report.failed) == (3, [])
    assert chunk_texts(services, legacy) == [text]
    assert_searchable(services, legacy, text)
    for path in good_files:
        assert_searchable(services, path, path.read_text())
    assert services.indexer.check().ok


def test_pdf_named_txt_is_read_as_a_pdf(
    services: Services, tmp_path: Path, corpus_dir: Path
) -> None:
    folder = tmp_path / "batch"
    write_good_files(folder)
    misnamed = folder / "indictment.txt"
    shutil.copyfile(corpus_pdf(corpus_dir), misnamed)

    report = services.ingestion.ingest([folder], IngestOptions())

    assert (report.added, report.failed) == (3, [])
    [document] = [doc for doc in documents(services) if doc.source == str(misnamed)]
    assert (document.loader, document.media_type) == ("pdf", "application/pdf")
    text = " ".join(chunk_texts(services, misnamed))
    assert "DEFENDANT FACES 18-COUNT INDICTMENT" in text
    assert "%PDF" not in text
    assert services.indexer.check().ok


@pytest.mark.timeout(60)
def test_folder_cycle_through_a_symlink_is_walked_once(services: Services, tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    [note, memo] = write_good_files(folder)
    sub = folder / "sub"
    sub.mkdir()
    memo = memo.rename(sub / memo.name)
    (sub / "back").symlink_to("..", target_is_directory=True)

    report = services.ingestion.ingest([folder], IngestOptions())

    assert (report.added, report.failed) == (2, [])
    assert [doc.source for doc in documents(services)] == [str(note), str(memo)]
    assert services.vector_index.count() == 2
    assert services.indexer.check().ok


# --- unreadable files ------------------------------------------------------------------------


@pytest.fixture
def world_writable_folder() -> Iterator[Path]:
    """A folder the nobody user can write to (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="casebot-nobody-", dir="/tmp"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


@dataclass(frozen=True)
class Interpreter:
    """A Python the nobody user can start, with this checkout's packages on its path."""

    command: str
    env: dict[str, str]


def interpreter_for_nobody() -> Interpreter | str:
    """This interpreter if nobody can run it; else the system Python 3.11 pointed at this
    environment's site-packages (a venv made from a private pyenv build, as on CI, links into
    /root). Returns the reason when neither works."""
    site_packages = next(path for path in sys.path if path.endswith("site-packages"))
    candidates = [
        Interpreter(sys.executable, {}),
        Interpreter("/usr/bin/python3.11", {"PYTHONPATH": f"{REPO_ROOT}:{site_packages}"}),
    ]
    failures = []
    for candidate in candidates:
        failure = _why_nobody_cannot_run(candidate)
        if failure is None:
            return candidate
        failures.append(failure)
    return (
        "running as root, where chmod 000 does not stop reads, so the ingestion must run as "
        f"the nobody user, and nobody can run no interpreter ({'; '.join(failures)}); run the "
        "tests as a non-root user to cover unreadable files"
    )


def _why_nobody_cannot_run(interpreter: Interpreter) -> str | None:
    try:
        probe = subprocess.run(
            [interpreter.command, "-c", "import sqlalchemy, chromadb"],
            cwd=REPO_ROOT,
            env={**os.environ, **interpreter.env},
            user=NOBODY,
            group=NOBODY,
            extra_groups=[],
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_DEADLINE_SECONDS,
            check=False,
        )
    except OSError as error:
        return f"{error.strerror} starting {interpreter.command}"
    if probe.returncode == 0:
        return None
    return f"{interpreter.command} exited {probe.returncode}: {probe.stderr.strip()[-200:]}"


def ingest_as_nobody(interpreter: Interpreter, folder: Path, home: Path) -> RunReport:
    result = subprocess.run(
        [interpreter.command, "-m", "tests.drivers.ingest", str(folder)],
        cwd=REPO_ROOT,
        env={
            **os.environ,
            **interpreter.env,
            "CASEBOT_HOME": str(home),
            "HOME": str(home),
            "HF_HUB_OFFLINE": "1",
        },
        user=NOBODY,
        group=NOBODY,
        extra_groups=[],
        capture_output=True,
        text=True,
        timeout=SUBPROCESS_DEADLINE_SECONDS,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return RunReport(**json.loads(result.stdout.splitlines()[-1])["report"])


SEALED_AFFIDAVIT = "Sealed affidavit of the confidential informant."


@dataclass(frozen=True)
class UnreadableRun:
    services: Services
    report: RunReport
    unreadable: Path
    good_files: list[Path]


def ingest_with_chmod_000(tmp_path: Path) -> UnreadableRun:
    folder = tmp_path / "batch"
    good_files = write_good_files(folder)
    unreadable = folder / "sealed-affidavit.txt"
    unreadable.write_text(SEALED_AFFIDAVIT)
    unreadable.chmod(0)
    services = services_with(tmp_path / "casebot-home")
    try:
        report = services.ingestion.ingest([folder], IngestOptions())
    finally:
        unreadable.chmod(0o600)
    return UnreadableRun(services, report, unreadable, good_files)


def ingest_as_nobody_beside_a_root_only_file(
    interpreter: Interpreter, shared: Path
) -> UnreadableRun:
    folder = shared / "batch"
    good_files = write_good_files(folder)
    for path in good_files:
        path.chmod(0o644)
    unreadable = folder / "sealed-affidavit.txt"
    unreadable.write_text(SEALED_AFFIDAVIT)
    unreadable.chmod(0o600)
    home = shared / "casebot-home"
    report = ingest_as_nobody(interpreter, folder, home)
    return UnreadableRun(services_with(home), report, unreadable, good_files)


def test_unreadable_file_fails_alone_with_a_permission_error(
    tmp_path: Path, world_writable_folder: Path
) -> None:
    if os.geteuid() != 0:
        run = ingest_with_chmod_000(tmp_path)
    else:
        interpreter = interpreter_for_nobody()
        if isinstance(interpreter, str):
            pytest.skip(interpreter)
        run = ingest_as_nobody_beside_a_root_only_file(interpreter, world_writable_folder)

    assert_failed_alone(
        run.services,
        run.report,
        run.unreadable,
        run.good_files,
        ("permission denied", "read access"),
    )


# --- what the user is told ------------------------------------------------------------------


def test_too_large_error_states_the_configured_limit(tmp_path: Path) -> None:
    services = services_with(tmp_path / "casebot-home", CASEBOT_MAX_FILE_MB=2.5)
    folder = tmp_path / "batch"
    write_good_files(folder)
    big = folder / "phone-dump.txt"
    big.write_bytes(b"call log entry\n" * (3 * 1024 * 1024 // 15))

    report = services.ingestion.ingest([folder], IngestOptions())

    [failure] = report.failed
    assert failure["source"] == str(big)
    assert "2.5 MB" in failure["error"], failure["error"]


def test_archive_member_failure_is_reported_again_while_the_archive_is_unchanged(
    services: Services, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    write_good_files(folder)
    archive = folder / "partner-delivery.zip"
    archive.write_bytes(
        zip_bytes({"warehouse.txt": b"Warehouse lease in Carson.", "interview.txt": b""})
    )
    first = services.ingestion.ingest([folder], IngestOptions())
    assert [failure["source"] for failure in first.failed] == [f"{archive}!/interview.txt"]

    again = services.ingestion.ingest([folder], IngestOptions())

    assert again.unchanged == 3
    assert [failure["source"] for failure in again.failed] == [f"{archive}!/interview.txt"]
