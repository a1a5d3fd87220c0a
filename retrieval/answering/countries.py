"""The countries a document may name where a question asks "which country": a country is named
bare as often as after a preposition ("the intelligence community implicated Iran"). The United
States is none of them: every release speaks of it, and "which country" asks of another."""

from __future__ import annotations

import re

_LISTED = """
    Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|
    Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|
    Botswana|Brazil|Brunei|Bulgaria|Burkina|Burma|Burundi|Cambodia|Cameroon|Canada|Cape Verde|
    Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|
    Czechia|Denmark|Djibouti|Dominica|Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|
    England|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|
    Gambia|Georgia|Germany|Ghana|Great Britain|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|
    Honduras|Hong Kong|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|
    Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|
    Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|Macao|Macau|
    Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|
    Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|
    Nauru|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|
    Norway|Oman|Pakistan|Palau|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|
    Portugal|Puerto Rico|Qatar|Romania|Russia|Rwanda|Samoa|San Marino|Saudi Arabia|Scotland|
    Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|
    Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|
    Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|
    Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|United Kingdom|
    Uruguay|Uzbekistan|Vanuatu|Vatican City|Venezuela|Vietnam|Wales|Yemen|
    Zambia|Zimbabwe
"""
COUNTRIES = frozenset(name.strip() for name in _LISTED.split("|"))
_BY_LENGTH = sorted(COUNTRIES, key=len, reverse=True)
NAMES_A_COUNTRY = re.compile(
    r"\b(?:"
    + "|".join(re.escape(name) for name in _BY_LENGTH)
    + "|"
    + "|".join(re.escape(name.upper()) for name in _BY_LENGTH)
    + r")\b"
)
"""A country by its name, in title case or in a record's capitals ("ITALY")."""
COUNTRY_ASKED = re.compile(r"\b(?:countr(?:y|ies)|nations?)\b", re.I)
