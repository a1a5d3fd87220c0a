"""The contract every loader in the registry keeps, whatever its format.

Each loader is given a small sample of its format, built here, and must: be the loader the
registry chooses for it; load it with its words; number the sections by page where the format
has pages, and nowhere else; refuse the sample cut short as a damaged file (CorruptFileError);
and refuse a file of its format that holds no text, rather than return a document without any.

The loaders are taken from the registry itself, so a loader added there is covered here at once,
and fails until it has a sample in SAMPLES.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage

import docx
import pytest

from ingestion.errors import CorruptFileError, EmptyFileError, IngestError
from ingestion.loaders.base import Blob, LoadedDocument, Loader, LoadLimits
from ingestion.loaders.catalog import default_registry
from ingestion.loaders.sniff import sniff_media_type
from tests.loaders.samples import (
    RECIPIENT_TO,
    MsgBuilder,
    blank_pdf,
    docx_bytes,
    pdf_with_pages,
    workbook_bytes,
)

WORDS = "Velmore handbags seized at Pier 9"
FEW_BYTES = 8
REGISTRY = default_registry()


@dataclass(frozen=True)
class Sample:
    name: str
    build: Callable[[], bytes]
    """A valid file of the format whose text holds ``WORDS`` (or, for a container, a member
    that does)."""
    without_text: tuple[Callable[[], bytes], ...]
    """Valid files of the format that hold no text at all."""
    pages: int | None = None
    """How many pages the sample has, for formats that have pages."""
    members: tuple[str, ...] = ()
    """The files a container sample carries, instead of text of its own."""
    cut_shows: bool = True
    """Whether a cut can be told from a complete file. Not so for plain-text formats, where
    any prefix of a file is a valid file of its own."""


# --- samples, one builder per format ------------------------------------------------------------


def _pdf() -> bytes:
    return pdf_with_pages([["Seizure log, page one", WORDS], ["Released to the brand owner"]])


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("Seizure log", level=1)
    document.add_paragraph(f"{WORDS} on 2 May.")
    return docx_bytes(document)


def _docx_with_blank_paragraphs() -> bytes:
    document = docx.Document()
    document.add_paragraph("")
    document.add_paragraph("   ")
    return docx_bytes(document)


def _xlsx() -> bytes:
    return workbook_bytes({"Seizures": [["Note", "Pier"], [WORDS, 9]]})


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _eml() -> bytes:
    message = EmailMessage()
    message["From"] = "Port desk <port.desk@casework.example>"
    message["To"] = "ann.agent@casework.example"
    message["Subject"] = "Seizure log"
    message["Date"] = "Thu, 02 May 2024 09:00:00 +0000"
    message.set_content(f"{WORDS} this morning.\n")
    return message.as_bytes()


def _msg() -> bytes:
    builder = MsgBuilder().recipient("Ann Agent", "ann.agent@casework.example", RECIPIENT_TO)
    builder.message.string(0x0037, "Seizure log").string(0x1000, f"{WORDS} this morning.")
    return builder.build()


def _html() -> bytes:
    page = f"<html><head><title>Seizure log</title></head><body><p>{WORDS}</p></body></html>"
    return page.encode()


def _json(data: object) -> bytes:
    return json.dumps(data).encode()


SAMPLES: dict[str, Sample] = {
    "pdf": Sample("seizure-log.pdf", _pdf, (lambda: blank_pdf(pages=2),), pages=2),
    "docx": Sample(
        "seizure-log.docx",
        _docx,
        (lambda: docx_bytes(docx.Document()), _docx_with_blank_paragraphs),
    ),
    "xlsx": Sample(
        "seizures.xlsx",
        _xlsx,
        (lambda: workbook_bytes({"Seizures": []}), lambda: workbook_bytes({"Seizures": [[""]]})),
    ),
    "zip": Sample(
        "seizure-log.zip",
        lambda: _zip({"log/seizure.txt": WORDS.encode()}),
        (lambda: _zip({}), lambda: _zip({"log/": b"", "__MACOSX/._seizure.txt": b"\x00"})),
        members=("log/seizure.txt",),
    ),
    "eml": Sample(
        "seizure-log.eml",
        _eml,
        (lambda: b"From: \r\nTo: \r\nSubject: \r\n\r\n \r\n",),
        cut_shows=False,
    ),
    "msg": Sample("seizure-log.msg", _msg, (lambda: MsgBuilder().build(),)),
    "html": Sample(
        "seizure-log.html",
        _html,
        (lambda: b"<html><body><nav>Home</nav><script>track()</script></body></html>",),
        cut_shows=False,
    ),
    "xml": Sample(
        "seizures.xml",
        lambda: f'<seizures><seizure pier="9">{WORDS}</seizure></seizures>'.encode(),
        (
            lambda: b"<seizures><seizure/></seizures>",
            lambda: b"<gov_uscourts_docket><case_details/></gov_uscourts_docket>",
        ),
    ),
    "json": Sample(
        "seizures.json",
        lambda: _json({"seizures": [{"note": WORDS, "pier": 9}]}),
        (
            lambda: _json({"seizures": [], "pier": None}),
            lambda: _json({"case_name": "", "docket_number": "", "parties": []}),
        ),
    ),
    "csv": Sample(
        "seizures.csv",
        lambda: f"note,pier\r\n{WORDS},9\r\n".encode(),
        (lambda: b"note,pier\r\n", lambda: b",,\r\n,,\r\n"),
        cut_shows=False,
    ),
    "text": Sample(
        "seizure-log.txt",
        lambda: f"Seizure log\n\n{WORDS} on 2 May.\n".encode(),
        (lambda: b" \n\t\n",),
        cut_shows=False,
    ),
}


# --- the contract -------------------------------------------------------------------------------


@pytest.fixture(params=REGISTRY.loaders, ids=lambda loader: loader.name)
def loader(request: pytest.FixtureRequest) -> Loader:
    registered: Loader = request.param
    return registered


def sample_for(loader: Loader) -> Sample:
    """Called in each test rather than as a fixture, so that a missing sample fails the test
    instead of erroring in its setup."""
    if loader.name not in SAMPLES:
        pytest.fail(
            f"the {loader.name!r} loader has no sample: add one to SAMPLES in "
            "tests/loaders/test_contract.py"
        )
    return SAMPLES[loader.name]


def load(loader: Loader, name: str, data: bytes, limits: LoadLimits) -> LoadedDocument:
    return loader.load(Blob(name, data, sniff_media_type(data, name)), limits)


def load_cut(loader: Loader, sample: Sample, keep: int, limits: LoadLimits) -> LoadedDocument:
    """The sample cut to its first ``keep`` bytes, still under its name and sniffed type: a
    download that stopped early."""
    data = sample.build()
    blob = Blob(sample.name, data[:keep], sniff_media_type(data, sample.name))
    return loader.load(blob, limits)


def text_of(document: LoadedDocument) -> str:
    return "\n".join(section.text for section in document.sections)


def test_the_registry_chooses_the_loader_for_its_sample(loader: Loader) -> None:
    sample = sample_for(loader)
    blob = REGISTRY.blob(sample.name, sample.build())

    assert REGISTRY.choose(blob) is loader


def test_the_sample_loads_with_its_words(loader: Loader, limits: LoadLimits) -> None:
    sample = sample_for(loader)
    document = load(loader, sample.name, sample.build(), limits)

    assert document.title.strip()
    if sample.members:
        assert [child.name for child in document.children] == list(sample.members)
        assert not document.has_own_text
    else:
        assert WORDS in text_of(document)
        assert document.has_own_text


def test_sections_are_numbered_by_page_only_where_the_format_has_pages(
    loader: Loader, limits: LoadLimits
) -> None:
    sample = sample_for(loader)
    document = load(loader, sample.name, sample.build(), limits)

    pages = [section.page for section in document.sections]
    if sample.pages is None:
        assert document.page_count is None
        assert all(page is None for page in pages)
    else:
        assert document.page_count == sample.pages
        assert pages == list(range(1, sample.pages + 1))


@pytest.mark.parametrize("cut", ["half", "few-bytes"])
def test_a_cut_file_is_refused_as_damaged(loader: Loader, cut: str, limits: LoadLimits) -> None:
    sample = sample_for(loader)
    keep = len(sample.build()) // 2 if cut == "half" else FEW_BYTES
    if not sample.cut_shows:
        _loads_what_is_left_or_refuses_it(loader, sample, keep, limits)
        return

    with pytest.raises(CorruptFileError) as raised:
        load_cut(loader, sample, keep, limits)

    assert str(raised.value).strip()


def _loads_what_is_left_or_refuses_it(
    loader: Loader, sample: Sample, keep: int, limits: LoadLimits
) -> None:
    try:
        document = load_cut(loader, sample, keep, limits)
    except IngestError:
        return
    assert text_of(document).strip()


def test_a_file_without_text_is_refused_not_loaded_empty(
    loader: Loader, limits: LoadLimits
) -> None:
    sample = sample_for(loader)
    assert sample.without_text, f"give the {loader.name!r} sample at least one file without text"
    loaded_empty = []
    for number, build in enumerate(sample.without_text, start=1):
        try:
            document = load(loader, sample.name, build(), limits)
        except EmptyFileError as error:
            assert str(error).strip()
            continue
        loaded_empty.append((number, document))

    assert loaded_empty == []
