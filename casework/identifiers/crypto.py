"""Cryptocurrency addresses: bitcoin (base58 and bech32) and Ethereum.

Bitcoin addresses carry a checksum, verified by ``python-stdnum``. An Ethereum address is 40 hex
digits; when written in mixed case, the case of its letters is the EIP-55 checksum, which needs
Keccak-256 (not the standardised SHA3-256 in ``hashlib``), from ``pycryptodome``. All-lower or
all-upper addresses carry no checksum and are taken as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from Crypto.Hash import keccak
from stdnum import bitcoin

from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

BASE58_ADDRESS = re.compile(r"[13](?<![A-Za-z0-9].)[1-9A-HJ-NP-Za-km-z]{25,34}(?![A-Za-z0-9])")
BECH32_ADDRESS = re.compile(
    r"(?<![A-Za-z0-9])(?:bc1[02-9ac-hj-np-z]{11,71}|BC1[02-9AC-HJ-NP-Z]{11,71})(?![A-Za-z0-9])"
)
ETHEREUM_ADDRESS = re.compile(r"(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])")
ETHEREUM_TYPED = re.compile(r"0[xX][0-9a-fA-F]{40}")


def find_bitcoin_addresses(text: str) -> Iterator[IdentifierMatch]:
    patterns = (BASE58_ADDRESS, BECH32_ADDRESS) if "bc1" in text.lower() else (BASE58_ADDRESS,)
    for pattern in patterns:
        for match in pattern.finditer(text):
            if bitcoin.is_valid(match.group()):
                yield IdentifierMatch(
                    IdentifierKind.BITCOIN,
                    _normalise_bitcoin(match.group()),
                    match.group(),
                    match.start(),
                    match.end(),
                )


def _normalise_bitcoin(address: str) -> str:
    """Bech32 is case-insensitive and canonically lower-case; base58 is case-sensitive."""
    return address.lower() if address.lower().startswith("bc1") else address


def read_bitcoin(typed: str) -> Reading | None:
    if BASE58_ADDRESS.fullmatch(typed) is None and BECH32_ADDRESS.fullmatch(typed) is None:
        return None
    valid = bitcoin.is_valid(typed)
    return Reading(IdentifierKind.BITCOIN, _normalise_bitcoin(typed), valid=valid, checked=True)


def eip55_checksum_holds(address: str) -> bool:
    """EIP-55: a hex letter is upper-case exactly when the matching nibble of the Keccak-256
    hash of the lower-case address is 8 or more. Addresses in one case carry no checksum."""
    digits = address[2:]
    if digits == digits.lower() or digits == digits.upper():
        return True
    lowered = digits.lower()
    hashed = keccak.new(digest_bits=256, data=lowered.encode("ascii")).hexdigest()
    expected = "".join(
        char.upper() if int(nibble, 16) >= 8 else char
        for char, nibble in zip(lowered, hashed, strict=False)
    )
    return digits == expected


def _has_checksum(address: str) -> bool:
    digits = address[2:]
    return digits not in (digits.lower(), digits.upper())


def find_ethereum_addresses(text: str) -> Iterator[IdentifierMatch]:
    if "0x" not in text:
        return
    for match in ETHEREUM_ADDRESS.finditer(text):
        if eip55_checksum_holds(match.group()):
            yield IdentifierMatch(
                IdentifierKind.ETHEREUM,
                match.group().lower(),
                match.group(),
                match.start(),
                match.end(),
            )


def read_ethereum(typed: str) -> Reading | None:
    if ETHEREUM_TYPED.fullmatch(typed) is None:
        return None
    address = "0x" + typed[2:]
    return Reading(
        IdentifierKind.ETHEREUM,
        address.lower(),
        valid=eip55_checksum_holds(address),
        checked=_has_checksum(address),
    )
