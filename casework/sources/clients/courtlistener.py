"""CourtListener's REST API (v4): each followed docket, with its entries, as one JSON docket
sheet in the shape the docket loader renders (case, court, number, dates, parties, entries).

A docket whose ``date_modified`` is the one the last run saw costs one request: its entries are
not read again and nothing is ingested. A changed docket is read whole (the entries are
cursor-paginated: ``next`` is followed to the end) and its sheet becomes a new version when its
text changed. A token without access to the entries still gets the docket itself.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urljoin

from casework.sources.clients import texts
from casework.sources.clients.transport import (
    GONE,
    HttpPolicy,
    Transport,
    UpstreamError,
    parse_json,
)
from casework.sources.config import SourceConfig
from casework.sources.fetching import Cursor, Fetched
from ingestion.pipeline import IncomingFile

log = logging.getLogger(__name__)

PUBLIC_SITE: Final = "https://www.courtlistener.com"
API_PATH: Final = "/api/rest/v4/"
POLICY: Final = HttpPolicy(min_interval_seconds=0.72)
"""5,000 requests an hour per token."""
REFUSED: Final = 403
DOCKET_FIELDS: Final = (
    "docket_number",
    "date_filed",
    "date_terminated",
    "assigned_to_str",
    "referred_to_str",
    "nature_of_suit",
    "cause",
    "jury_demand",
)
"""Fields copied as they are into the sheet; the docket loader reads them by these names."""


class CourtListenerClient:
    def __init__(
        self,
        token: str | None,
        policy: HttpPolicy = POLICY,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._token = token
        self._policy = policy
        self._sleep = sleep
        self._clock = clock

    def close(self) -> None:
        """Nothing is kept between runs: each run has a transport of its own."""

    def fetch(self, source: SourceConfig, cursor: Cursor) -> Fetched:
        if not self._token:
            raise UpstreamError(texts.COURTLISTENER_TOKEN_MISSING.format(name=source.name))
        headers = {"Authorization": f"Token {self._token}"}
        transport = Transport(self._policy, headers=headers, sleep=self._sleep, clock=self._clock)
        try:
            reader = _DocketReader(transport, (source.base_url or PUBLIC_SITE).rstrip("/"))
            return reader.read_all(source.dockets, cursor.get("dockets") or {})
        finally:
            transport.close()


@dataclass
class _Outcome:
    file: IncomingFile | None = None
    gone: str | None = None
    state: dict[str, Any] = field(default_factory=dict)


class _DocketReader:
    def __init__(self, transport: Transport, site: str) -> None:
        self._transport = transport
        self._site = site
        self._api = f"{site}{API_PATH}"

    def read_all(self, docket_ids: Iterable[str], seen: Mapping[str, Any]) -> Fetched:
        fetched = Fetched()
        states: dict[str, Any] = {}
        for docket_id in docket_ids:
            outcome = self.read(docket_id, seen.get(docket_id) or {})
            if outcome.file is not None:
                fetched.files.append(outcome.file)
            if outcome.gone is not None:
                fetched.withdrawn.append(outcome.gone)
            if outcome.state:
                states[docket_id] = outcome.state
        fetched.cursor["dockets"] = states
        return fetched

    def read(self, docket_id: str, seen: Mapping[str, Any]) -> _Outcome:
        url = f"{self._api}dockets/{docket_id}/"
        response = self._transport.get(url)
        if response.status_code in GONE:
            return self._gone(docket_id, seen)
        docket = _mapping(url, parse_json(url, response), "a docket")
        modified = docket.get("date_modified")
        if seen and modified is not None and modified == seen.get("date_modified"):
            return _Outcome(state=dict(seen))
        source = seen.get("source") or self._public_url(docket_id, docket)
        entries, refused = self._entries(docket_id)
        state = {"source": source, "date_modified": modified, **_newest(entries)}
        if refused:
            state["entries_refused"] = True
        name = f"courtlistener-docket-{docket_id}.json"
        return _Outcome(file=IncomingFile(source, name, docket_sheet(docket, entries)), state=state)

    def _gone(self, docket_id: str, seen: Mapping[str, Any]) -> _Outcome:
        """Withdrawn once: the next runs that find it still gone have nothing to remove."""
        if seen.get("gone"):
            return _Outcome(state=dict(seen))
        source = seen.get("source") or self._public_url(docket_id, {})
        return _Outcome(gone=source, state={"source": source, "gone": True})

    def _public_url(self, docket_id: str, docket: Mapping[str, Any]) -> str:
        path = docket.get("absolute_url")
        if isinstance(path, str) and path.strip():
            return urljoin(f"{self._site}/", path.strip())
        return f"{self._site}/docket/{docket_id}/"

    def _entries(self, docket_id: str) -> tuple[list[Mapping[str, Any]], bool]:
        """Every entry of the docket, and whether the token was refused them."""
        try:
            return self._all_pages(f"{self._api}docket-entries/", {"docket": docket_id}), False
        except UpstreamError as error:
            if error.status != REFUSED:
                raise
            log.warning(texts.COURTLISTENER_ENTRIES_REFUSED, docket_id)
            return [], True

    def _all_pages(self, url: str, params: Mapping[str, str] | None) -> list[Mapping[str, Any]]:
        results: list[Mapping[str, Any]] = []
        read: set[str] = set()
        next_url: str | None = url
        while next_url is not None:
            read.add(next_url)
            page = _mapping(next_url, self._transport.get_json(next_url, params=params), "a page")
            listed = page.get("results")
            if not isinstance(listed, list):
                raise UpstreamError(texts.UNEXPECTED_JSON.format(url=next_url, what="`results`"))
            results.extend(item for item in listed if isinstance(item, Mapping))
            next_url, params = self._next_page(next_url, page.get("next"), read), None
        return results

    def _next_page(self, url: str, next_url: object, read: set[str]) -> str | None:
        if next_url is None:
            return None
        if not isinstance(next_url, str) or not next_url.startswith(self._api):
            message = texts.FOREIGN_NEXT_PAGE.format(url=url, next_url=next_url, root=self._api)
            raise UpstreamError(message)
        if next_url in read:
            raise UpstreamError(texts.PAGING_LOOP.format(url=url))
        return next_url


def docket_sheet(docket: Mapping[str, Any], entries: Iterable[Mapping[str, Any]]) -> bytes:
    """The docket and its entries as the docket loader reads them; the same upstream content
    always gives the same bytes (entries in docket order, keys sorted, no fetch times)."""
    sheet: dict[str, Any] = {name: _text(docket.get(name)) for name in DOCKET_FIELDS}
    sheet["case_name"] = _text(docket.get("case_name")) or _text(docket.get("case_name_full"))
    sheet["court_id"] = _court_id(docket)
    sheet["jurisdiction"] = _text(docket.get("jurisdiction_type"))
    sheet["parties"] = [_party(party) for party in _mappings(docket.get("parties"))]
    sheet["docket_entries"] = [_entry(entry) for entry in sorted(entries, key=_docket_order)]
    return json.dumps(sheet, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _court_id(docket: Mapping[str, Any]) -> str:
    # The API gives the court as a URL too: .../api/rest/v4/courts/moed/
    court = _text(docket.get("court_id")) or _text(docket.get("court"))
    return court.rstrip("/").rsplit("/", 1)[-1]


def _party(party: Mapping[str, Any]) -> dict[str, str]:
    types = [_text(kind.get("name")) for kind in _mappings(party.get("party_types"))]
    return {
        "name": _text(party.get("name")),
        "type": _text(party.get("type")) or ", ".join(kind for kind in types if kind),
        "extra_info": _text(party.get("extra_info")),
    }


def _entry(entry: Mapping[str, Any]) -> dict[str, Any]:
    documents = sorted(_mappings(entry.get("recap_documents")), key=_attachment_number)
    main = next((document for document in documents if not _attachment_number(document)), {})
    described = _text(entry.get("description")) or _text(main.get("description"))
    document_texts = [
        f"{_document_label(document)}: {plain}"
        for document in documents
        if (plain := " ".join(_text(document.get("plain_text")).split()))
    ]
    number = entry.get("entry_number")
    return {
        "entry_number": _text(number if number is not None else main.get("document_number")),
        "date_filed": _text(entry.get("date_filed")),
        "description": "\n".join(part for part in (described, *document_texts) if part),
        "short_description": _text(entry.get("short_description")),
        "attachments": [
            {"attachment_number": str(number), "description": _text(document.get("description"))}
            for document in documents
            if (number := _attachment_number(document))
        ],
    }


def _document_label(document: Mapping[str, Any]) -> str:
    number = _attachment_number(document)
    return f"Attachment {number} text" if number else "Document text"


def _attachment_number(document: Mapping[str, Any]) -> int:
    number = document.get("attachment_number")
    return number if isinstance(number, int) else 0


def _docket_order(entry: Mapping[str, Any]) -> tuple[str, str, int, int]:
    """As the docket sheet lists them: by date filed, then CourtListener's sequence within the
    day, so an unnumbered minute entry sits among the numbered ones."""
    number = entry.get("entry_number")
    entry_id = entry.get("id")
    return (
        _text(entry.get("date_filed")),
        _text(entry.get("recap_sequence_number")),
        number if isinstance(number, int) else 0,
        entry_id if isinstance(entry_id, int) else 0,
    )


def _newest(entries: list[Mapping[str, Any]]) -> dict[str, Any]:
    modified = [value for entry in entries if (value := _text(entry.get("date_modified")))]
    ids = [entry_id for entry in entries if isinstance(entry_id := entry.get("id"), int)]
    newest: dict[str, Any] = {}
    if modified:
        newest["entries_modified"] = max(modified)
    if ids:
        newest["last_entry_id"] = max(ids)
    return newest


def _mapping(url: str, data: object, what: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise UpstreamError(texts.UNEXPECTED_JSON.format(url=url, what=what))
    return data


def _mappings(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value, list) else []


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()
