"""The TSDR client against a FakeUpstream answering as USPTO's TSDR API does: a case status
record in ST.96 XML at ``/ts/cd/casestatus/{sn|rn}{number}/info.xml``, the key in the
``USPTO-API-KEY`` header."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from bot.services import Services, build_services
from bot.testing.upstream import Answer, FakeUpstream, Seen, running_upstream
from casework.access import Viewer
from casework.settings import Settings, load_settings
from casework.sources.clients.transport import HttpPolicy, UpstreamError
from casework.sources.clients.tsdr import TsdrClient
from casework.sources.config import SourceConfig, SourceType
from casework.sources.cursors import SourceCursors
from casework.sources.errors import SourcesFileError
from casework.sources.remote import RemoteRunner
from ingestion.loaders.structured import parse_xml_safely
from ingestion.loaders.tsdr import read_tsdr_record
from retrieval.testing import HashingEmbedder
from tests.sources.support import Clock, sources_of
from tests.sources.test_transport import Sleeps

API_KEY = "uspto-test-key"
SERIAL = "sn97123456"
REGISTRATION = "rn6543210"
STATUS_PAGE = "https://tsdr.uspto.gov/#caseNumber=97123456&caseType=SERIAL_NO"
REGISTERED = ("700", "Registered.")
CANCELLED = ("710", "Cancelled because the registrant did not file an acceptable declaration.")


def status_record(serial: str, mark: str, status: tuple[str, str], registration: str = "") -> bytes:
    """A TSDR case status record in the ST.96 shape TSDR serves (a small part of one)."""
    code, description = status
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<ns2:TrademarkTransaction xmlns:ns1="http://www.wipo.int/standards/XMLSchema/ST96/Common"
    xmlns:ns2="http://www.wipo.int/standards/XMLSchema/ST96/Trademark">
  <ns2:TrademarkTransactionBody><ns2:TransactionContentBag>
    <ns1:TransactionCategory>National trademark application</ns1:TransactionCategory>
    <ns2:TransactionData><ns2:TrademarkBag><ns2:Trademark>
      <ns1:ApplicationNumber>
        <ns1:IPOfficeCode>US</ns1:IPOfficeCode>
        <ns1:ApplicationNumberText>{serial}</ns1:ApplicationNumberText>
      </ns1:ApplicationNumber>
      <ns2:ApplicationDate>2022-01-10-05:00</ns2:ApplicationDate>
      <ns1:RegistrationNumber>{registration}</ns1:RegistrationNumber>
      <ns1:RegistrationDate>2023-02-14</ns1:RegistrationDate>
      <ns2:MarkCurrentStatusCode>{code}</ns2:MarkCurrentStatusCode>
      <ns2:MarkCurrentStatusDate>2023-02-14</ns2:MarkCurrentStatusDate>
      <ns2:MarkCategory>Trademark</ns2:MarkCategory>
      <ns2:MarkRepresentation><ns2:MarkReproduction><ns2:WordMarkSpecification>
        <ns2:MarkVerbalElementText>{mark}</ns2:MarkVerbalElementText>
      </ns2:WordMarkSpecification></ns2:MarkReproduction></ns2:MarkRepresentation>
      <ns2:GoodsServicesBag><ns2:GoodsServices><ns2:ClassDescriptionBag>
        <ns2:ClassDescription>
          <ns2:ClassNumber>009</ns2:ClassNumber>
          <ns2:GoodsServicesDescriptionText ns1:sequenceNumber="1"
            >Wireless earbuds; charging cases for earbuds</ns2:GoodsServicesDescriptionText>
        </ns2:ClassDescription>
      </ns2:ClassDescriptionBag></ns2:GoodsServices></ns2:GoodsServicesBag>
      <ns2:ApplicantBag>
        <ns2:Applicant ns1:sequenceNumber="10">
          <ns1:LegalEntityName>LIMITED LIABILITY COMPANY</ns1:LegalEntityName>
          <ns1:IncorporationState>DE</ns1:IncorporationState>
          <ns1:Version>
            <ns1:CommentText ns1:sequenceNumber="1">ORIGINAL REGISTRANT</ns1:CommentText>
          </ns1:Version>
          <ns1:Contact>
            <ns1:Name><ns1:EntityName>Glimmerwave Audio LLC</ns1:EntityName></ns1:Name>
          </ns1:Contact>
        </ns2:Applicant>
      </ns2:ApplicantBag>
      <ns2:MarkEventBag>
        <ns2:MarkEvent>
          <ns2:NationalMarkEvent>
            <ns2:MarkEventCode>R.PR</ns2:MarkEventCode>
            <ns2:MarkEventDescriptionText
              >REGISTERED-PRINCIPAL REGISTER</ns2:MarkEventDescriptionText>
          </ns2:NationalMarkEvent>
          <ns2:MarkEventDate>2023-02-14</ns2:MarkEventDate>
        </ns2:MarkEvent>
      </ns2:MarkEventBag>
      <ns2:NationalTrademarkInformation>
        <ns2:MarkCurrentStatusExternalDescriptionText>{description}</ns2:MarkCurrentStatusExternalDescriptionText>
      </ns2:NationalTrademarkInformation>
    </ns2:Trademark></ns2:TrademarkBag></ns2:TransactionData>
  </ns2:TransactionContentBag></ns2:TrademarkTransactionBody>
</ns2:TrademarkTransaction>
""".encode()


GLIMMERWAVE = status_record("97123456", "GLIMMERWAVE", REGISTERED, "7012345")
SUMMITLINE = status_record("88000111", "SUMMITLINE", REGISTERED, "6543210")


class FakeTsdr:
    """Status records by case number; with ``etags`` each record carries an ETag and a
    matching ``If-None-Match`` gets a 304."""

    def __init__(self, upstream: FakeUpstream, *, etags: bool = False) -> None:
        self.upstream = upstream
        self.etags = etags

    def serve(self, number: str, record: bytes, version: str = "1") -> None:
        def answer(seen: Seen) -> Answer:
            headers: dict[str, Any] = {"Content-Type": "application/xml"}
            if self.etags:
                etag = f'"{number}-{version}"'
                if seen.headers.get("If-None-Match") == etag:
                    return Answer(304, headers={"ETag": etag})
                headers["ETag"] = etag
            return Answer(200, record, headers)

        self.upstream.route(path_of(number), answer)

    def withdraw(self, number: str) -> None:
        self.upstream.route(path_of(number), lambda seen: Answer(404, b"Case not found"))


def path_of(number: str) -> str:
    return f"/ts/cd/casestatus/{number}/info.xml"


@pytest.fixture
def upstream() -> Iterator[FakeUpstream]:
    with running_upstream() as server:
        yield server


@pytest.fixture
def tsdr(upstream: FakeUpstream) -> FakeTsdr:
    fake = FakeTsdr(upstream)
    fake.serve(SERIAL, GLIMMERWAVE)
    fake.serve(REGISTRATION, SUMMITLINE)
    return fake


def source_for(upstream: FakeUpstream, *numbers: str) -> SourceConfig:
    listed = ", ".join(numbers or (SERIAL, REGISTRATION))
    return sources_of(
        "  - name: marks\n    type: tsdr\n    schedule: {every: 1d}\n"
        f"    kind: filing\n    base_url: {upstream.url}\n    numbers: [{listed}]\n"
    ).by_name["marks"]


def client(sleeps: Sleeps | None = None, api_key: str | None = API_KEY) -> TsdrClient:
    sleeps = sleeps or Sleeps()
    policy = HttpPolicy(timeout_seconds=5, min_interval_seconds=1.0)
    return TsdrClient(api_key, policy, sleep=sleeps, clock=sleeps.clock)


def test_each_number_gives_its_status_record_named_by_its_public_page(
    upstream: FakeUpstream, tsdr: FakeTsdr
) -> None:
    sleeps = Sleeps()

    fetched = client(sleeps).fetch(source_for(upstream), {})

    assert [(item.source, item.name) for item in fetched.files] == [
        (STATUS_PAGE, "tsdr-sn97123456.xml"),
        (
            "https://tsdr.uspto.gov/#caseNumber=6543210&caseType=US_REGISTRATION_NO",
            "tsdr-rn6543210.xml",
        ),
    ]
    assert fetched.files[0].data == GLIMMERWAVE
    record = read_tsdr_record(parse_xml_safely(fetched.files[0].data))
    assert (record.mark, record.status_description) == ("GLIMMERWAVE", "Registered.")
    assert {seen.headers["USPTO-API-KEY"] for seen in upstream.requests} == {API_KEY}
    assert sleeps.waits == [1.0]


def test_an_unchanged_record_without_validators_is_read_but_not_ingested_again(
    upstream: FakeUpstream, tsdr: FakeTsdr
) -> None:
    first = client().fetch(source_for(upstream), {})
    tsdr.serve(SERIAL, status_record("97123456", "GLIMMERWAVE", CANCELLED, "7012345"))

    second = client().fetch(source_for(upstream), first.cursor)

    assert [item.source for item in second.files] == [STATUS_PAGE]
    assert b"Cancelled because" in second.files[0].data
    assert second.cursor["numbers"][REGISTRATION] == first.cursor["numbers"][REGISTRATION]


def test_a_record_served_with_an_etag_is_asked_for_conditionally(upstream: FakeUpstream) -> None:
    tsdr = FakeTsdr(upstream, etags=True)
    tsdr.serve(SERIAL, GLIMMERWAVE)
    first = client().fetch(source_for(upstream, SERIAL), {})

    again = client().fetch(source_for(upstream, SERIAL), first.cursor)

    assert first.cursor["numbers"][SERIAL]["etag"] == '"sn97123456-1"'
    assert upstream.requests[-1].headers["If-None-Match"] == '"sn97123456-1"'
    assert (again.files, again.cursor) == ([], first.cursor)


def test_a_429_waits_and_a_server_error_is_retried(upstream: FakeUpstream, tsdr: FakeTsdr) -> None:
    sleeps = Sleeps()
    upstream.script(Answer(429, headers={"Retry-After": "20"}), Answer(500))

    fetched = client(sleeps).fetch(source_for(upstream), {})

    assert 20.0 in sleeps.waits
    assert len(fetched.files) == 2


def test_a_body_that_is_not_a_status_record_fails_naming_the_url(
    upstream: FakeUpstream, tsdr: FakeTsdr
) -> None:
    page = b"<html><body>Service temporarily unavailable</body></html>"
    upstream.route(path_of(REGISTRATION), lambda seen: Answer(200, page))
    with pytest.raises(UpstreamError, match=r"rn6543210/info\.xml answered .* element is html"):
        client().fetch(source_for(upstream), {})

    upstream.route(path_of(REGISTRATION), lambda seen: Answer(200, b"<ns2:Trademark"))
    with pytest.raises(UpstreamError, match="not a TSDR case status record"):
        client().fetch(source_for(upstream), {})


def test_a_case_tsdr_no_longer_has_is_withdrawn_once(
    upstream: FakeUpstream, tsdr: FakeTsdr
) -> None:
    first = client().fetch(source_for(upstream), {})
    tsdr.withdraw(SERIAL)

    gone = client().fetch(source_for(upstream), first.cursor)
    still_gone = client().fetch(source_for(upstream), gone.cursor)
    tsdr.serve(SERIAL, GLIMMERWAVE)
    back = client().fetch(source_for(upstream), still_gone.cursor)

    assert (gone.withdrawn, gone.files) == ([STATUS_PAGE], [])
    assert (still_gone.withdrawn, still_gone.files) == ([], [])
    assert [item.source for item in back.files] == [STATUS_PAGE]


def test_without_an_api_key_the_run_fails_saying_which_setting_to_set(
    upstream: FakeUpstream, services: Services
) -> None:
    with pytest.raises(UpstreamError, match="set CASEBOT_USPTO_API_KEY"):
        services.source_runners[SourceType.TSDR](source_for(upstream))
    assert upstream.requests == []


def test_the_sources_file_refuses_numbers_that_are_not_serials_or_registrations() -> None:
    entry = (
        "  - name: marks\n    type: tsdr\n    schedule: {every: 1d}\n    kind: filing\n"
        "    numbers: [SN97123456, 97123456, rn12-34]\n"
    )
    with pytest.raises(SourcesFileError) as raised:
        sources_of(entry)

    assert "'97123456', 'rn12-34': write a serial number as sn" in str(raised.value)
    assert "line 6" in str(raised.value)
    fixed = entry.replace(", 97123456, rn12-34", "")
    assert sources_of(fixed).by_name["marks"].numbers == (SERIAL,)


# -- through ingestion ---------------------------------------------------------------------------


@pytest.fixture
def key_services(settings: Settings, hashing_embedder: HashingEmbedder) -> Services:
    configured = load_settings(
        CASEBOT_HOME=settings.casebot_home,
        CASEBOT_USPTO_API_KEY=API_KEY,
        CASEBOT_TSDR_MIN_INTERVAL_SECONDS=0,
    )
    return build_services(configured, embedder=hashing_embedder)


def test_followed_marks_are_searchable_a_new_status_is_a_new_version_and_gone_ones_removed(
    upstream: FakeUpstream, tsdr: FakeTsdr, key_services: Services
) -> None:
    run = key_services.source_runners[SourceType.TSDR]
    source = source_for(upstream)

    first = run(source)
    hit = search(key_services, "GLIMMERWAVE trademark status registered")[0]
    nothing_new = run(source)
    tsdr.serve(SERIAL, status_record("97123456", "GLIMMERWAVE", CANCELLED, "7012345"), "2")
    cancelled = run(source)
    now = search(key_services, "GLIMMERWAVE status cancelled declaration")[0]
    tsdr.withdraw(SERIAL)
    removed = run(source)

    assert (first.added, nothing_new.added, nothing_new.updated) == (2, 0, 0)
    assert hit.url == STATUS_PAGE
    assert "Registered." in hit.text
    assert cancelled.updated == 1
    assert now.url == STATUS_PAGE
    assert "Cancelled because the registrant" in now.text
    assert removed.removed == 1
    assert STATUS_PAGE not in {found.url for found in search(key_services, "GLIMMERWAVE")}


def test_a_failed_run_ingests_nothing_and_keeps_the_cursor(
    upstream: FakeUpstream, tsdr: FakeTsdr, key_services: Services
) -> None:
    cursors = SourceCursors(key_services.sessions, Clock())
    run = RemoteRunner(client(), key_services.ingestion, cursors, key_services.hits.count)
    upstream.route(path_of(REGISTRATION), lambda seen: Answer(200, b"{}"))

    with pytest.raises(UpstreamError, match=r"rn6543210/info\.xml"):
        run(source_for(upstream))

    assert cursors.get("marks") == {}
    assert search(key_services, "GLIMMERWAVE wireless earbuds") == []


def search(services: Services, query: str) -> list[Any]:
    return list(services.searcher.search(query, Viewer.operator()).hits)
