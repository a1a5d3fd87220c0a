"""The HTTP transport every source client shares: a request rate the upstream allows,
``429`` answered by waiting its ``Retry-After``, ``5xx`` and dropped connections retried with
backoff, and conditional requests (``ETag`` / ``Last-Modified``), so a ``304`` costs nothing.

What it returns is a response the client can act on: ``2xx``, ``304``, or ``404``/``410``
(the item is gone upstream). Anything else raises an :class:`UpstreamError` that says what to
do; the scheduler records it and retries the run later.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any, Final

import httpx

from casework.errors import CasebotError
from casework.sources.clients import texts

GONE: Final = frozenset({404, 410})
NOT_MODIFIED: Final = 304


class UpstreamError(CasebotError):
    """The upstream could not be read: unreachable, refusing, failing or answering nonsense."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        """The HTTP status that was refused, when an answer came."""


@dataclass(frozen=True)
class HttpPolicy:
    timeout_seconds: float = 30.0
    retries: int = 3
    """Further tries after a ``5xx``, a dropped connection or a ``429``."""
    backoff_seconds: float = 1.0
    """The wait before the first retry of a ``5xx``; doubled before each next one."""
    max_retry_after_seconds: float = 300.0
    """A ``429`` asking for a longer wait fails the run (the scheduler tries again later)."""
    min_interval_seconds: float = 0.0
    """The least time between two requests: the upstream's rate limit."""


@dataclass(frozen=True)
class Validators:
    """What a previous answer said about its content, for a conditional request."""

    etag: str | None = None
    last_modified: str | None = None

    @classmethod
    def of(cls, response: httpx.Response) -> Validators:
        return cls(response.headers.get("ETag"), response.headers.get("Last-Modified"))

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Validators:
        data = data or {}
        return cls(data.get("etag"), data.get("last_modified"))

    def as_json(self) -> dict[str, str]:
        kept = {"etag": self.etag, "last_modified": self.last_modified}
        return {key: value for key, value in kept.items() if value}

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class Transport:
    def __init__(
        self,
        policy: HttpPolicy,
        *,
        headers: Mapping[str, str] | None = None,
        client: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._policy = policy
        self._client = client or httpx.Client(
            timeout=policy.timeout_seconds, follow_redirects=True, headers=dict(headers or {})
        )
        self._sleep = sleep
        self._clock = clock
        self._last_request: float | None = None

    def close(self) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        validators: Validators | None = None,
    ) -> httpx.Response:
        """A ``2xx``, ``304`` or ``404``/``410`` answer; raises :class:`UpstreamError`."""
        sent = {**(validators.headers() if validators else {}), **(headers or {})}
        delay = self._policy.backoff_seconds
        for attempt in range(self._policy.retries + 1):
            last_try = attempt == self._policy.retries
            response = self._send(url, params, sent, last_try)
            if response is None:
                self._sleep(delay)
                delay *= 2
                continue
            status = response.status_code
            if status == 429 and not last_try:
                self._sleep(self._retry_after(url, response, delay))
                continue
            if status >= 500 and not last_try:
                self._sleep(delay)
                delay *= 2
                continue
            return self._checked(url, response)
        raise AssertionError("unreachable: the last try returns or raises")

    def get_json(self, url: str, **kwargs: Any) -> Any:
        """The parsed body of a ``2xx`` JSON answer; a ``304``/``404``/``410`` is not one."""
        response = self.get(url, **kwargs)
        status = response.status_code
        if status in GONE or status == NOT_MODIFIED:
            raise UpstreamError(texts.UNEXPECTED_STATUS.format(url=url, status=status))
        return parse_json(url, response)

    def _send(
        self, url: str, params: Mapping[str, Any] | None, headers: dict[str, str], last_try: bool
    ) -> httpx.Response | None:
        """The answer, or None for a dropped connection that may be retried."""
        self._keep_rate()
        try:
            return self._client.get(url, params=params, headers=headers)
        except httpx.TransportError as error:
            if last_try:
                raise UpstreamError(texts.UNREACHABLE.format(url=url, error=error)) from error
            return None

    def _keep_rate(self) -> None:
        now = self._clock()
        if self._last_request is not None:
            wait = self._policy.min_interval_seconds - (now - self._last_request)
            if wait > 0:
                self._sleep(wait)
                now += wait
        self._last_request = now

    def _retry_after(self, url: str, response: httpx.Response, fallback: float) -> float:
        wait = _seconds_from(response.headers.get("Retry-After"), fallback)
        if wait > self._policy.max_retry_after_seconds:
            raise UpstreamError(texts.RATE_LIMITED.format(url=url, seconds=round(wait)))
        return wait

    @staticmethod
    def _checked(url: str, response: httpx.Response) -> httpx.Response:
        status = response.status_code
        if 200 <= status < 300 or status == NOT_MODIFIED or status in GONE:
            return response
        if status in (401, 403):
            raise UpstreamError(texts.REFUSED.format(url=url, status=status), status)
        if status == 429:
            raise UpstreamError(texts.STILL_RATE_LIMITED.format(url=url), status)
        if status >= 500:
            raise UpstreamError(texts.FAILING.format(url=url, status=status), status)
        raise UpstreamError(texts.UNEXPECTED_STATUS.format(url=url, status=status), status)


def parse_json(url: str, response: httpx.Response) -> Any:
    try:
        return json.loads(response.content)
    except ValueError as error:
        raise UpstreamError(texts.MALFORMED.format(url=url, error=error)) from error


def _seconds_from(retry_after: str | None, fallback: float) -> float:
    """``Retry-After`` is seconds or an HTTP date."""
    if not retry_after:
        return fallback
    try:
        return max(0.0, float(retry_after))
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(retry_after)
    except (TypeError, ValueError):
        return fallback
    return max(0.0, moment.timestamp() - time.time())
