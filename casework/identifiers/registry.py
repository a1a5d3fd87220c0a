"""Every identifier recogniser, listed once: how the finder spots its kind in running text, how a
lookup reads it when typed, and the names a user may give it.

:mod:`.finder` and :mod:`.query` both choose among these; a kind added here is found in case
material and accepted in a lookup alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from casework.identifiers import (
    banking,
    companies,
    contact,
    crypto,
    dockets,
    freight,
    marketplace,
    parcels,
    trademarks,
    web,
)
from casework.identifiers.kinds import IdentifierKind, IdentifierMatch, Reading

Finder = Callable[[str], Iterable[IdentifierMatch]]
Reader = Callable[[str], Reading | None]
K = IdentifierKind


@dataclass(frozen=True)
class Recogniser:
    kind: IdentifierKind
    finders: tuple[Finder, ...]
    """What reports this kind in running text. One finder may report several kinds (the digits of
    a USPS, FedEx or DHL number are told apart by their format), so finders are shared."""
    read: Reader
    """Reads a typed string as this kind, unasked."""
    read_when_named: Reader | None = None
    """A reading too loose to offer unasked (``640399`` as an HTS code), tried only when the user
    named the kind (``hts:640399``)."""
    aliases: tuple[str, ...] = ()
    """Names a user may give the kind besides its own value (``ein:``): as a ``name:`` prefix, or
    as the label pasted with the number (``Reg. No. 1,234,567``)."""


# In order of precedence in running text: a span claimed by an earlier kind is not reported
# again as a later one (the digits of a UPS number are not also a phone number).
RECOGNISERS: tuple[Recogniser, ...] = (
    Recogniser(K.EMAIL, (contact.find_emails,), contact.read_email, aliases=("mailto",)),
    Recogniser(K.URL, (web.find_urls,), web.read_url),
    Recogniser(
        K.ETHEREUM, (crypto.find_ethereum_addresses,), crypto.read_ethereum, aliases=("eth",)
    ),
    Recogniser(K.BITCOIN, (crypto.find_bitcoin_addresses,), crypto.read_bitcoin, aliases=("btc",)),
    Recogniser(K.IBAN, (banking.find_ibans,), banking.read_iban),
    Recogniser(K.USCC, (companies.find_usccs,), companies.read_uscc),
    Recogniser(K.UPS_TRACKING, (parcels.find_lettered,), parcels.read_ups, aliases=("ups",)),
    Recogniser(
        K.USPS_TRACKING,
        (parcels.find_lettered, parcels.find_digit_numbers),
        parcels.read_usps,
        aliases=("usps",),
    ),
    Recogniser(
        K.FEDEX_TRACKING, (parcels.find_digit_numbers,), parcels.read_fedex, aliases=("fedex",)
    ),
    Recogniser(
        K.DHL_TRACKING,
        (parcels.find_digit_numbers,),
        parcels.read_dhl,
        read_when_named=parcels.read_dhl_spaced,
        aliases=("dhl",),
    ),
    Recogniser(K.CONTAINER, (freight.find_containers,), freight.read_container),
    Recogniser(
        K.DOCKET,
        (dockets.find_dockets,),
        dockets.read_docket,
        aliases=("case", "case_no", "docket_no"),
    ),
    Recogniser(
        K.AIR_WAYBILL,
        (freight.find_air_waybills,),
        freight.read_air_waybill,
        aliases=("awb", "mawb", "hawb"),
    ),
    Recogniser(K.IMO, (freight.find_imo_numbers,), freight.read_imo),
    Recogniser(K.ASIN, (marketplace.find_asins,), marketplace.read_asin),
    Recogniser(
        K.AMAZON_SELLER_ID,
        (marketplace.find_seller_ids,),
        marketplace.read_seller_id,
        aliases=("seller",),
    ),
    Recogniser(K.BIC, (banking.find_bics,), banking.read_bic, aliases=("swift",)),
    Recogniser(
        K.HTS_CODE,
        (freight.find_hts_codes,),
        freight.read_hts,
        read_when_named=freight.read_hts_digits,
        aliases=("hts", "htsus"),
    ),
    Recogniser(
        K.USPTO_SERIAL,
        (trademarks.find_serial_numbers,),
        trademarks.read_serial_number,
        aliases=("serial", "serial_no"),
    ),
    Recogniser(
        K.USPTO_REGISTRATION,
        (trademarks.find_registration_numbers,),
        trademarks.read_registration_number,
        aliases=("registration", "registration_no", "reg", "reg_no", "u.s._reg"),
    ),
    Recogniser(K.EIN, (companies.find_eins,), companies.read_ein),
    Recogniser(K.DOMAIN, (web.find_domains,), web.read_domain),
    Recogniser(K.PHONE, (contact.find_phones,), contact.read_phone, aliases=("tel",)),
)
# A typed string read as several kinds equally well (see query._plausibility) goes to the earliest
# here. It differs from the text order on purpose: in text a nearby keyword settles such
# ties, typed there is none, so e.g. a book ASIN goes before a DHL waybill and a phone number
# before an EIN.
TYPED_PRIORITY: tuple[IdentifierKind, ...] = (
    K.EMAIL, K.URL, K.ETHEREUM, K.BITCOIN, K.IBAN, K.USCC, K.UPS_TRACKING, K.USPS_TRACKING,
    K.CONTAINER, K.DOCKET, K.AIR_WAYBILL, K.HTS_CODE, K.IMO, K.ASIN, K.AMAZON_SELLER_ID, K.BIC,
    K.FEDEX_TRACKING, K.DHL_TRACKING, K.PHONE, K.EIN, K.USPTO_SERIAL, K.USPTO_REGISTRATION,
    K.DOMAIN,
)  # fmt: skip
BY_KIND: dict[IdentifierKind, Recogniser] = {
    recogniser.kind: recogniser for recogniser in RECOGNISERS
}


def text_finders() -> tuple[Finder, ...]:
    """Every finder once, in the order of the first kind each reports."""
    unique = dict.fromkeys(finder for recogniser in RECOGNISERS for finder in recogniser.finders)
    return tuple(unique)


ALIASES: dict[str, IdentifierKind] = {
    alias: recogniser.kind for recogniser in RECOGNISERS for alias in recogniser.aliases
}
