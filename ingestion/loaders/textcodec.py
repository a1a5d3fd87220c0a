"""Bytes to text for every loader that reads text (plain text, Markdown, HTML, CSV, e-mail bodies).

The order is: a byte-order mark, strict UTF-8, the charset the file declares (an HTML ``<meta>``,
an e-mail ``Content-Type``), UTF-8 with a few damaged bytes, then detection with
charset_normalizer. Whatever decodes is checked for control characters, so binary junk without
NUL bytes is refused rather than indexed.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

import charset_normalizer

from ingestion import messages
from ingestion.errors import IngestError, TextDecodingError, UnsupportedContentError

# UTF-32 LE first: its BOM begins with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Browsers read a page labelled Latin-1 or ASCII as Windows-1252 (WHATWG Encoding Standard).
WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "ascii"})
WINDOWS_1252 = "cp1252"
MIN_LANGUAGE_EVIDENCE = 0.01
CHAOS_TOLERANCE = 0.04
WIDE_ENCODING_PREFIXES = ("utf_16", "utf_32", "utf-16", "utf-32")
# C0/C1 controls other than whitespace, surrogates, private use and the replacement character.
UNPRINTABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\uf8ff\ufffd]")
MAX_UNPRINTABLE_SHARE = 0.10
NON_ASCII = re.compile("[^\x00-\x7f]")
REPLACEMENT_CHARACTER = "\ufffd"
MAX_DAMAGED_UTF8_SHARE = 0.10


class DecodedText(NamedTuple):
    text: str
    encoding: str
    """A Python codec name, e.g. ``utf-8``, ``cp1252``, ``utf-16-le``."""


def decode_text(data: bytes, declared_encoding: str | None = None) -> DecodedText:
    """The text in ``data`` and the encoding it was read with.

    Raises :class:`UnsupportedContentError` when the result is mostly control characters (binary
    data) and :class:`TextDecodingError` when no encoding fits.
    """
    decoded = (
        _decode_by_byte_order_mark(data)
        or _decode_utf8(data)
        or _decode_declared(data, declared_encoding)
        or _decode_mostly_utf8(data)
        or _decode_detected(data)
    )
    if _looks_binary(decoded.text):
        raise _binary_data_error()
    return decoded


def _decode_by_byte_order_mark(data: bytes) -> DecodedText | None:
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return DecodedText(data[len(mark) :].decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise TextDecodingError(
                    messages.broken_byte_order_mark(encoding, error.reason)
                ) from error
    return None


def _decode_utf8(data: bytes) -> DecodedText | None:
    # NUL bytes are valid UTF-8 but mean UTF-16/32 without a BOM (or binary): leave it to detection.
    return None if b"\x00" in data else _decode_strictly(data, "utf-8")


def _decode_strictly(data: bytes, encoding: str) -> DecodedText | None:
    try:
        return DecodedText(data.decode(encoding), encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_declared(data: bytes, declared_encoding: str | None) -> DecodedText | None:
    if not declared_encoding:
        return None
    try:
        encoding = codecs.lookup(declared_encoding.strip()).name
    except LookupError:
        return None
    if encoding in WINDOWS_1252_ALIASES:
        encoding = WINDOWS_1252
    return _decode_strictly(data, encoding)


def _decode_mostly_utf8(data: bytes) -> DecodedText | None:
    # A UTF-8 file cut mid-character or with a stray corrupt byte would otherwise be detected as
    # some single-byte code page and turned into mojibake throughout ("Straße" -> "StraĂŸe").
    # Legacy code-page text almost never contains valid multi-byte UTF-8 sequences.
    if b"\x00" in data:
        return None
    text = data.decode("utf-8", errors="replace")
    damaged = text.count(REPLACEMENT_CHARACTER)
    intact = len(NON_ASCII.findall(text)) - damaged
    if intact and damaged <= intact * MAX_DAMAGED_UTF8_SHARE:
        return DecodedText(text, "utf-8")
    return None


def _decode_detected(data: bytes) -> DecodedText:
    candidates = [
        match
        for match in charset_normalizer.from_bytes(data)
        if _is_plausible(match.encoding, data)
    ]
    if not candidates:
        raise _undetectable_error(data)
    chosen = _prefer_windows_1252(data, candidates)
    return DecodedText(str(chosen), codecs.lookup(chosen.encoding).name)


def _is_plausible(encoding: str, data: bytes) -> bool:
    # UTF-16/32 text without a BOM is full of NUL bytes; short Latin-1 notes such as b"caf\xe9"
    # otherwise come back as two CJK characters.
    return not encoding.startswith(WIDE_ENCODING_PREFIXES) or b"\x00" in data


def _prefer_windows_1252(
    data: bytes, candidates: list[charset_normalizer.CharsetMatch]
) -> charset_normalizer.CharsetMatch:
    # Short text fits many code pages about equally well and detection picks almost at random
    # among them (b"caf\xe9" comes back as cp1006 "cafﻠ", "Müller" as mac-latin2 "MŁller").
    # Windows-1252 is by far the likeliest legacy encoding of the documents Casebot sees, so it
    # wins unless the detector's first choice reads as a language at least as well and is
    # clearly less garbled.
    best = candidates[0]
    western = _windows_1252_match(data, candidates)
    if western is None:
        return best
    if best.coherence < MIN_LANGUAGE_EVIDENCE or western.coherence > best.coherence:
        return western
    if western.coherence == best.coherence and western.chaos <= best.chaos + CHAOS_TOLERANCE:
        return western
    return best


def _windows_1252_match(
    data: bytes, candidates: list[charset_normalizer.CharsetMatch]
) -> charset_normalizer.CharsetMatch | None:
    for candidate in candidates:
        if candidate.encoding == WINDOWS_1252:
            return candidate
    return charset_normalizer.from_bytes(data, cp_isolation=[WINDOWS_1252]).best()


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(UNPRINTABLE.findall(text)) / len(text) > MAX_UNPRINTABLE_SHARE


def _undetectable_error(data: bytes) -> IngestError:
    if _looks_binary(data.decode("latin-1")):
        return _binary_data_error()
    return TextDecodingError(messages.UNKNOWN_ENCODING)


def _binary_data_error() -> UnsupportedContentError:
    return UnsupportedContentError(messages.BINARY_NOT_TEXT)
