"""Web addresses and domain names.

A URL gives two matches: the URL, normalised (lower-case scheme and host, no fragment, no
trailing slash), and its registered domain (``shop.example.co.uk`` → ``example.co.uk``;
private suffixes count, so a storefront ``kicks.myshopify.com`` stays itself). A bare domain in
prose counts only when its suffix is on the Public Suffix List and written in lower case
(``sentence.It`` is a typo, not an Italian site). Defanged forms (``hxxps://``, ``[.]``),
common in investigators' notes, are read as the real address.

The suffix list is the snapshot bundled with ``tldextract``: the extractor never fetches, and it
is built on first use, not at import.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from functools import cache
from urllib.parse import urlsplit, urlunsplit

import tldextract

from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

URL_CHAR = r"(?:[^\s<>\"'`{}|\\^\[\]]|\[\.\])"
URL = re.compile(rf"(?<![\w.-])(?:https?|hxxps?)://{URL_CHAR}+", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?'\"*"
DOT = r"(?:\.|\[\.\])"
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
HOST = rf"(?:{LABEL}{DOT})+[A-Za-z]{{2,24}}"
BARE_DOMAIN = re.compile(rf"(?<![\w@./\]-]){HOST}(?![\w@-]|{DOT}\w)")
DOT_THEN_LETTER = re.compile(r"\.[a-z]|\[\.\][a-z]")
"""Where a lower-case suffix could start: the bare-domain pattern runs only around these."""
HOST_RUN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.[]")
LOOKAHEAD_MARGIN = 2
TYPED_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
DOMAIN_TYPED = re.compile(rf"((?:{TYPED_LABEL}{DOT})+{TYPED_LABEL})\.?(?:[/:?#]\S*)?")
"""Also internationalised names (``bücher.de``), as a URL's host may be written."""
LABEL_SEPARATOR = re.compile(r"\.|\[\.\]")
FILE_LIKE_SUFFIXES = frozenset({"zip", "mov", "md", "py", "sh", "rs", "ai", "so", "ps"})
"""Real top-level domains that are far more often file extensions in case notes."""


@cache
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def registered_domain(host: str) -> str | None:
    """The domain under its public suffix, or None when the suffix is not a real one."""
    host = LABEL_SEPARATOR.sub(".", host).rstrip(".").lower()
    extractor = _extractor()
    result = extractor(host)
    if not result.top_domain_under_public_suffix and result.is_private:
        result = extractor(host, include_psl_private_domains=False)
    return result.top_domain_under_public_suffix or None


def find_urls(text: str) -> Iterator[IdentifierMatch]:
    if "://" not in text:
        return
    for match in URL.finditer(text):
        raw = _trim(match.group())
        value = normalise_url(raw)
        if value is None:
            continue
        start = match.start()
        yield IdentifierMatch(IdentifierKind.URL, value, raw, start, start + len(raw))
        domain = _domain_in_url(text, raw, start)
        if domain is not None:
            yield domain


def _trim(raw: str) -> str:
    """Drop sentence punctuation and an unbalanced closing bracket after a URL."""
    while raw:
        last = raw[-1]
        if last in TRAILING_PUNCTUATION or (last == ")" and raw.count("(") < raw.count(")")):
            raw = raw[:-1]
        else:
            break
    return raw


def normalise_url(raw: str) -> str | None:
    """None when the host is neither an IP address nor under a real public suffix (a URL cut
    off at ``http://www.usdoj`` by a page break is not an address)."""
    scheme, separator, rest = raw.partition("://")
    if not separator:
        return None
    scheme = scheme.lower().replace("xx", "tt")
    try:
        parts = urlsplit(f"{scheme}://{LABEL_SEPARATOR.sub('.', rest)}")
        port = parts.port
    except ValueError:
        return None
    host = parts.hostname
    if not host or not (_is_ip_address(host) or registered_domain(host)):
        return None
    netloc = f"[{host}]" if ":" in host else host
    if parts.username is not None:
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = f"{userinfo}@{netloc}"
    if port is not None:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, parts.path.rstrip("/"), parts.query, ""))


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _domain_in_url(text: str, raw: str, url_start: int) -> IdentifierMatch | None:
    """The registered domain as written inside the URL's host, with its own offsets."""
    host_start = raw.find("://") + 3
    host_end = len(raw)
    for stop in "/?#":
        position = raw.find(stop, host_start)
        if position != -1:
            host_end = min(host_end, position)
    userinfo_end = raw.rfind("@", host_start, host_end)
    if userinfo_end != -1:
        host_start = userinfo_end + 1
    host = raw[host_start:host_end].split(":")[0]
    if host.startswith("["):
        return None
    return _domain_match(text, url_start + host_start, host)


def _domain_match(text: str, host_start: int, host: str) -> IdentifierMatch | None:
    value = registered_domain(host)
    if value is None:
        return None
    separators = list(LABEL_SEPARATOR.finditer(host))
    labels_before = len(separators) - value.count(".")
    offset = separators[labels_before - 1].end() if labels_before > 0 else 0
    start = host_start + offset
    end = host_start + len(host)
    return IdentifierMatch(IdentifierKind.DOMAIN, value, text[start:end], start, end)


def find_domains(text: str) -> Iterator[IdentifierMatch]:
    """Bare domains in prose (``shop-example.com``), not those inside URLs or e-mail addresses."""
    scanned_to = 0
    for hit in DOT_THEN_LETTER.finditer(text):
        if hit.start() < scanned_to:
            continue
        start, scanned_to = _host_run(text, hit.start())
        yield from _bare_domains(text, start, min(len(text), scanned_to + LOOKAHEAD_MARGIN))


def _host_run(text: str, position: int) -> tuple[int, int]:
    """The run of host characters around ``position``."""
    start = position
    while start > 0 and text[start - 1] in HOST_RUN_CHARS:
        start -= 1
    end = position
    while end < len(text) and text[end] in HOST_RUN_CHARS:
        end += 1
    return start, end


def _bare_domains(text: str, start: int, end: int) -> Iterator[IdentifierMatch]:
    for match in BARE_DOMAIN.finditer(text, start, end):
        host = match.group()
        top_label = LABEL_SEPARATOR.split(host)[-1]
        if not top_label.islower() or top_label in FILE_LIKE_SUFFIXES:
            continue
        found = _domain_match(text, match.start(), host)
        if found is not None:
            yield found


def read_url(typed: str) -> Reading | None:
    if URL.fullmatch(typed) is None:
        return None
    value = normalise_url(typed)
    if value is None:
        return Reading(IdentifierKind.URL, typed, valid=False)
    return Reading(IdentifierKind.URL, value, valid=True)


def read_domain(typed: str) -> Reading | None:
    """A domain, or a host with a path typed without a scheme: its registered domain."""
    shape = DOMAIN_TYPED.fullmatch(typed)
    if shape is None:
        return None
    value = registered_domain(shape.group(1))
    if value is None:
        return None
    return Reading(IdentifierKind.DOMAIN, value, valid=True)
