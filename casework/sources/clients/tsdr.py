"""USPTO TSDR case status: each followed trademark's status record, the XML as TSDR serves it
(the XML loader renders it: mark, owner, status, goods, prosecution history).

Each record is asked for with the ``ETag``/``Last-Modified`` its last answer gave, when TSDR
gave any, so an unchanged record costs a ``304``. Otherwise the record is read again and its
bytes compared with the last run's digest: an unchanged record is not handed to ingestion, so
a run that finds nothing changed ingests nothing.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Final

from casework.sources.clients import texts
from casework.sources.clients.transport import (
    GONE,
    NOT_MODIFIED,
    HttpPolicy,
    Transport,
    UpstreamError,
    Validators,
)
from casework.sources.config import SourceConfig
from casework.sources.fetching import Cursor, Fetched
from ingestion.errors import IngestError
from ingestion.loaders.structured import parse_xml_safely
from ingestion.loaders.tsdr import is_tsdr_record
from ingestion.pipeline import IncomingFile

API_ROOT: Final = "https://tsdrapi.uspto.gov"
POLICY: Final = HttpPolicy(min_interval_seconds=1.0)
"""60 requests a minute per API key."""
STATUS_PAGE: Final = "https://tsdr.uspto.gov/#caseNumber={digits}&caseType={case_type}"
CASE_TYPES: Final = {"sn": "SERIAL_NO", "rn": "US_REGISTRATION_NO"}


def status_page(number: str) -> str:
    """The public TSDR page of ``sn97123456`` or ``rn6543210``: the record's stable name."""
    kind, digits = number[:2], number[2:]
    return STATUS_PAGE.format(digits=digits, case_type=CASE_TYPES[kind])


class TsdrClient:
    def __init__(
        self,
        api_key: str | None,
        policy: HttpPolicy = POLICY,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._api_key = api_key
        self._policy = policy
        self._sleep = sleep
        self._clock = clock

    def close(self) -> None:
        """Nothing is kept between runs: each run has a transport of its own."""

    def fetch(self, source: SourceConfig, cursor: Cursor) -> Fetched:
        if not self._api_key:
            raise UpstreamError(texts.USPTO_API_KEY_MISSING.format(name=source.name))
        headers = {"USPTO-API-KEY": self._api_key}
        transport = Transport(self._policy, headers=headers, sleep=self._sleep, clock=self._clock)
        try:
            root = (source.base_url or API_ROOT).rstrip("/")
            return _read_all(transport, root, source.numbers, cursor.get("numbers") or {})
        finally:
            transport.close()


def _read_all(
    transport: Transport, root: str, numbers: Iterable[str], seen: Mapping[str, Any]
) -> Fetched:
    fetched = Fetched()
    states: dict[str, Any] = {}
    for number in numbers:
        last = seen.get(number) or {}
        url = f"{root}/ts/cd/casestatus/{number}/info.xml"
        response = transport.get(url, validators=Validators.from_json(last))
        if response.status_code in GONE:
            # Withdrawn once: the next runs that find it still gone have nothing to remove.
            if not last.get("gone"):
                fetched.withdrawn.append(status_page(number))
            states[number] = {"gone": True}
            continue
        if response.status_code == NOT_MODIFIED:
            states[number] = dict(last)
            continue
        _check_record(url, response.content)
        digest = hashlib.sha256(response.content).hexdigest()
        states[number] = {**Validators.of(response).as_json(), "sha256": digest}
        if digest != last.get("sha256"):
            name = f"tsdr-{number}.xml"
            fetched.files.append(IncomingFile(status_page(number), name, response.content))
    fetched.cursor["numbers"] = states
    return fetched


def _check_record(url: str, data: bytes) -> None:
    """A body that is not a status record (an error page, a truncated answer) fails the run
    rather than replace the record with it."""
    try:
        root = parse_xml_safely(data)
    except IngestError as error:
        raise UpstreamError(texts.NOT_A_TSDR_RECORD.format(url=url, reason=error)) from error
    if not is_tsdr_record(root):
        reason = texts.ROOT_ELEMENT_IS.format(tag=root.tag)
        raise UpstreamError(texts.NOT_A_TSDR_RECORD.format(url=url, reason=reason))
