"""What each kind of identifier is called when Casebot talks to people."""

from __future__ import annotations

from casework.identifiers.kinds import IdentifierKind

LABELS: dict[IdentifierKind, str] = {
    IdentifierKind.EMAIL: "e-mail address",
    IdentifierKind.PHONE: "phone number",
    IdentifierKind.URL: "web address",
    IdentifierKind.DOMAIN: "domain name",
    IdentifierKind.ASIN: "Amazon ASIN",
    IdentifierKind.AMAZON_SELLER_ID: "Amazon seller ID",
    IdentifierKind.UPS_TRACKING: "UPS tracking number",
    IdentifierKind.FEDEX_TRACKING: "FedEx tracking number",
    IdentifierKind.USPS_TRACKING: "USPS or international postal tracking number",
    IdentifierKind.DHL_TRACKING: "DHL Express waybill number",
    IdentifierKind.AIR_WAYBILL: "air waybill number",
    IdentifierKind.CONTAINER: "shipping container number",
    IdentifierKind.IMO: "IMO ship number",
    IdentifierKind.HTS_CODE: "HTS tariff code",
    IdentifierKind.USPTO_SERIAL: "USPTO trademark serial number",
    IdentifierKind.USPTO_REGISTRATION: "USPTO trademark registration number",
    IdentifierKind.DOCKET: "court docket number",
    IdentifierKind.IBAN: "IBAN bank account",
    IdentifierKind.BIC: "SWIFT/BIC bank code",
    IdentifierKind.BITCOIN: "bitcoin address",
    IdentifierKind.ETHEREUM: "Ethereum address",
    IdentifierKind.EIN: "US employer identification number (EIN)",
    IdentifierKind.USCC: "Chinese unified social credit code",
}


def label(kind: IdentifierKind) -> str:
    return LABELS[kind]
