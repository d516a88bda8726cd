"""The phone regions a person's numbers are read in: their country first, then its neighbours.

A number written without its country prefix (`06 12 34 56 78`, `(415) 555-0132`, `020 7946 0958`)
only means something in a region. The person's country comes from `person.country`, else from
`person.location` (a small table of countries, regions and cities below), else from the report's
language: French reads France, its French-speaking neighbours and Canada, English reads the UK
and Ireland, then the US and Canada, then France (a UK or French national number starts with 0,
a US one never does, so they do not read the same digits). Neighbours are tried because people
near a border publish numbers of the other side.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "COUNTRIES",
    "ISO_COUNTRIES",
    "NO_TRUNK_PREFIX_NEEDED",
    "country_from_location",
    "phone_regions",
]

# ISO 3166-1 alpha-2 codes (249), what `person.country` accepts.
ISO_COUNTRIES = frozenset(
    re.findall(
        r"[A-Z]{2}",
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN "
        "BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
        "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL "
        "GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM "
        "JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME "
        "MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP "
        "NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD "
        "SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO "
        "TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW",
    )
)

# Countries the regions and the address formats know; any other ISO 3166 code is still accepted
# by `person.country` and read alone.
COUNTRIES = ("FR", "BE", "CH", "LU", "MC", "CA", "GB", "IE", "US")

NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "FR": ("BE", "CH", "LU", "MC"),
    "BE": ("FR", "LU"),
    "CH": ("FR",),
    "LU": ("FR", "BE"),
    "MC": ("FR",),
    "GB": ("IE",),
    "IE": ("GB",),
    "US": ("CA",),
    "CA": ("US",),
}
# Without a country: the language's countries. English ends with France, the tool's home and
# the region it always read in: a French person with an English report keeps their findings.
BY_LANGUAGE: dict[str, tuple[str, ...]] = {
    "fr": ("FR", "BE", "CH", "LU", "MC", "CA"),
    "en": ("GB", "IE", "US", "CA", "FR"),
}
# North American numbers have no trunk 0 but strict area and exchange codes: read as a
# neighbour's, they need no 0 (`pii._phones`).
NO_TRUNK_PREFIX_NEEDED = frozenset({"US", "CA"})

# Places of a location (accents removed, lower case) by country, names separated by "|".
# Country names are read first: "Paris, Texas, USA" is in the US. Names found in two countries
# (Laval, Jura) are left out.
_COUNTRY_NAMES: dict[str, str] = {
    "FR": "france",
    "BE": "belgique|belgium|belgie",
    "CH": "suisse|switzerland|schweiz|svizzera",
    "LU": "luxembourg",
    "MC": "monaco",
    "CA": "canada",
    "GB": (
        "royaume-uni|united kingdom|uk|england|angleterre|scotland|ecosse|wales|"
        "pays de galles|northern ireland"
    ),
    "IE": "ireland|irlande|eire",
    "US": "etats-unis|united states|usa|u.s.a.|us",
}

_PLACES: dict[str, str] = {
    "FR": (
        "ile-de-france|bretagne|normandie|occitanie|provence|auvergne-rhone-alpes|"
        "nouvelle-aquitaine|alsace|grand est|hauts-de-france|pays de la loire|corse|"
        "bourgogne|centre-val de loire|paris|lyon|marseille|toulouse|nice|nantes|"
        "strasbourg|montpellier|bordeaux|lille|rennes|reims|grenoble|dijon|angers|nimes|"
        "tours|clermont-ferrand|saint-etienne|le havre|toulon|brest|limoges|metz|nancy|"
        "rouen|caen|orleans|perpignan|besancon|amiens|annecy"
    ),
    "BE": (
        "bruxelles|brussels|wallonie|flandre|liege|namur|charleroi|mons|anvers|antwerpen|"
        "gand|gent|louvain|leuven|bruges|tournai|arlon|wavre"
    ),
    "CH": (
        "geneve|genf|geneva|lausanne|zurich|berne|bern|bale|basel|fribourg|neuchatel|"
        "sion|valais|vaud|lugano|romandie"
    ),
    "LU": "esch-sur-alzette",
    "MC": "monte-carlo",
    "CA": (
        "quebec|montreal|ontario|toronto|ottawa|vancouver|calgary|edmonton|winnipeg|"
        "gatineau|sherbrooke|nouveau-brunswick|new brunswick|british columbia|"
        "colombie-britannique|alberta|manitoba|nova scotia|nouvelle-ecosse|saskatchewan|"
        "moncton"
    ),
    "GB": (
        "london|londres|manchester|birmingham|leeds|glasgow|edinburgh|edimbourg|"
        "liverpool|bristol|cardiff|belfast|sheffield|newcastle|oxford|cambridge|"
        "nottingham|brighton"
    ),
    "IE": "dublin|cork|galway",
    "US": (
        "new york|nyc|los angeles|chicago|houston|san francisco|seattle|boston|miami|"
        "austin|washington|atlanta|denver|philadelphia|dallas|california|texas|florida|"
        "new jersey|illinois|massachusetts|louisiane|louisiana|new orleans|"
        "nouvelle-orleans|californie|floride"
    ),
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[’'_/,;()|]", " ", folded).split())


def _patterns(table: dict[str, str]) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (
            country,
            re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, names.split('|')))})(?![\w-])"),
        )
        for country, names in table.items()
    ]


_COUNTRY_PATTERNS = _patterns(_COUNTRY_NAMES)
_PLACE_PATTERNS = _patterns(_PLACES)


def _find(patterns: list[tuple[str, re.Pattern[str]]], location: str) -> str | None:
    # The place named last wins ("Lyon, France"); a name matches whole words only.
    best: tuple[int, str] | None = None
    for country, pattern in patterns:
        for m in pattern.finditer(location):
            if best is None or m.start() > best[0]:
                best = (m.start(), country)
    return best[1] if best else None


def country_from_location(location: str | None) -> str | None:
    """The country a free-text location is in, when the table knows one of its places."""
    if not location or not location.strip():
        return None
    folded = _fold(location[:200])
    return _find(_COUNTRY_PATTERNS, folded) or _find(_PLACE_PATTERNS, folded)


def phone_regions(
    country: str | None = None, *, location: str | None = None, language: str | None = None
) -> tuple[str, ...]:
    """Regions to read national numbers in, most likely first: the country (else the one the
    location names), then its neighbours; with neither, the language's regions; French last."""
    found = (country or "").strip().upper() or country_from_location(location)
    if found:
        return (found, *NEIGHBOURS.get(found, ()))
    return BY_LANGUAGE.get((language or "fr").lower()[:2], BY_LANGUAGE["fr"])
