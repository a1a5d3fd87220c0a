"""Referrals to a partner's webhook: one signed HTTPS POST of the package JSON per delivery.

What the partner receives
-------------------------
The body is the referral package as JSON (UTF-8), as ``referral-package.schema.json``
describes it. The headers::

    Content-Type: application/json
    X-Casebot-Referral: REF-2026-0042
    X-Casebot-Timestamp: 1773480600
    X-Casebot-Signature: v1=5257a869e7...
    Idempotency-Key: REF-2026-0042-v2

``X-Casebot-Timestamp`` is when the request was signed, in Unix seconds. ``Idempotency-Key`` is
the same for every retry of one version of a referral: a partner who has already accepted it
can answer 2xx again and ignore the copy.

How to verify the signature
---------------------------
``X-Casebot-Signature`` is ``v1=`` followed by the lower-case hex HMAC-SHA256, keyed with the
shared secret (UTF-8), of the bytes ``v1:{timestamp}:{body}``: the literal ``v1:``, the
timestamp header exactly as sent, a colon, and the raw request body exactly as received (before
any JSON parsing). Recompute it, compare it in constant time, and reject a timestamp more than
five minutes from your clock, so a captured request cannot be replayed later.
:func:`verify_signature` does exactly this.

What the answer means
---------------------
2xx: delivered (a ``X-Request-Id`` response header is kept as the partner's reference).
408, 429 and 5xx, timeouts and connection errors: tried again later. Any other answer
(including redirects, which are not followed, so the signed body never goes to another host):
the delivery failed for good until the partner's target is fixed.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable

import httpx

from casework.referrals.delivery import DeliveryFailedError, DeliveryTarget, Rendered, TargetKind
from casework.referrals.senders import require_kind, texts

SIGNATURE_VERSION = "v1"
DEFAULT_TOLERANCE_SECONDS = 300
RETRYABLE_STATUSES = frozenset({408, 429})


class WebhookSender:
    kind = TargetKind.WEBHOOK

    def __init__(self, timeout: float = 10.0, *, clock: Callable[[], float] = time.time) -> None:
        self.timeout = timeout
        self._clock = clock

    def send(self, target: DeliveryTarget, rendered: Rendered) -> str | None:
        """POSTs the package; returns the partner's ``X-Request-Id`` or ``HTTP <status>``."""
        require_kind(target, self.kind, "webhook")
        host = _host(target.address)
        if not target.secret:
            raise DeliveryFailedError(texts.WEBHOOK_NO_SECRET.format(host=host), permanent=True)
        body = rendered.json_text.encode("utf-8")
        headers = signed_headers(rendered, body, target.secret, timestamp=int(self._clock()))
        try:
            response = httpx.post(
                target.address, content=body, headers=headers, timeout=self.timeout
            )
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
            message = texts.WEBHOOK_BAD_URL.format(address=target.address, reason=error)
            raise DeliveryFailedError(message, permanent=True) from error
        except httpx.RequestError as error:
            reason = str(error) or type(error).__name__
            message = texts.WEBHOOK_UNREACHABLE.format(host=host, reason=reason)
            raise DeliveryFailedError(message) from error
        return _reference(response, host)


def signed_headers(
    rendered: Rendered, body: bytes, secret: str, *, timestamp: int
) -> dict[str, str]:
    package = rendered.package
    stamp = str(timestamp)
    return {
        "Content-Type": "application/json",
        "X-Casebot-Referral": package.referral_id,
        "X-Casebot-Timestamp": stamp,
        "X-Casebot-Signature": sign(secret, stamp, body),
        "Idempotency-Key": f"{package.referral_id}-v{package.version}",
    }


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``v1=`` and the hex HMAC-SHA256 of ``v1:{timestamp}:{body}`` keyed with ``secret``."""
    signed = f"{SIGNATURE_VERSION}:{timestamp}:".encode() + body
    digest = hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()
    return f"{SIGNATURE_VERSION}={digest}"


def verify_signature(
    secret: str,
    timestamp: str,
    body: bytes,
    signature: str,
    now: float,
    tolerance: float = DEFAULT_TOLERANCE_SECONDS,
) -> bool:
    """True when ``signature`` (the header) signs ``body`` at ``timestamp`` with ``secret`` and the
    timestamp is within ``tolerance`` seconds of ``now``. For partners and tests."""
    try:
        signed_at = int(timestamp)
    except ValueError:
        return False
    if abs(now - signed_at) > tolerance:
        return False
    expected = sign(secret, timestamp, body).encode("utf-8")
    return hmac.compare_digest(expected, signature.strip().encode("utf-8"))


def _reference(response: httpx.Response, host: str) -> str:
    status = response.status_code
    if 200 <= status < 300:
        return response.headers.get("X-Request-Id") or f"HTTP {status}"
    facts = {"host": host, "status": status, "reason": response.reason_phrase}
    if status in RETRYABLE_STATUSES or status >= 500:
        raise DeliveryFailedError(texts.WEBHOOK_DEFERRED.format(**facts))
    raise DeliveryFailedError(texts.WEBHOOK_REFUSED.format(**facts), permanent=True)


def _host(address: str) -> str:
    """Messages name the host only: a webhook URL may carry a token in its path."""
    try:
        return httpx.URL(address).host or address
    except httpx.InvalidURL:
        return address
