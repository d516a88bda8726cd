"""Postal addresses in page text: French, Belgian, Luxembourg, Swiss, Canadian, UK and US formats.

Every pattern ends on what an address cannot do without, a postcode (and the city after it in
French-speaking Europe, the province or state before it in North America): a street type alone
("rendez-vous au 12 rue de la Paix") is not an address. Line breaks are allowed between the
street and the postcode, never inside the city: page text joins lines with a space, and the
capitalised word that follows a city belongs to the next line.

Regular expressions rather than `usaddress`: that parser labels the parts of a string already
known to be a US address (it does not find one in running text), pulls a compiled CRF library,
and covers one country of the six. Reads `normalise.latin_with_map` text, like `pii`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ereputation.detect.masking import BULLET, mask_address

__all__ = ["address_spans"]

_FR_STREET_TYPES = (
    r"rue|ruelle|avenue|av\.?|bd\.?|boulevard|all[ée]e?|chemin|ch\.|place|pl\.|impasse|imp\.|quai"
    r"|route|rte\.?|cours|square|sq\.|passage|voie|faubourg|fg\.?|hameau|lieu[- ]dit|r[ée]sidence"
    r"|cit[ée]|mont[ée]e|sentier|esplanade|promenade|rond[- ]point|parvis|carrefour|chauss[ée]e"
    r"|drève|venelle|traverse|mail|clos|lotissement|domaine|rang|côte|croissant|terrasse"
)
_WORD = r"[^\W\d_][^\W\d_'’-]*"
# The city: one word, hyphens and apostrophes joining its parts (Saint-Étienne, L'Isle-Adam),
# after an article (Le Mans, Les Ulis), before CEDEX. A city written without its hyphens keeps
# its first word: the mask shows the city anyway.
_CITY = (
    rf"(?:(?-i:L[ae]s?) )?{_WORD}(?:[-'’]{_WORD})*"
    r"(?: (?i:cedex)(?: \d{1,2})?)?"
)
_HOUSE = r"\d{1,4}(?: ?(?:bis|ter|quater|[a-dA-D]))?"
# French, Belgian, Luxembourg and Swiss: "[12[,]] rue des Lilas[ 12], [B-|CH-|L-]69003 Lyon".
# Belgium, Luxembourg and Switzerland put the number after the street name and use four digits.
_EU_ADDRESS = re.compile(
    rf"(?<![\w,])(?:{_HOUSE},? )?(?i:{_FR_STREET_TYPES}) [^\W\d_][^\n\d,;:()|]{{0,60}}?"
    rf"(?: {_HOUSE}(?: (?i:bte|bo[iî]te|bus) \d{{1,4}})?)?,?\s{{1,3}}"
    rf"(?:(?:(?-i:F|B|CH|L)-)?\d{{4}}|\d{{5}}|\d{{2}} \d{{3}}) {_CITY}(?!\w)"
)

_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ"
    "|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|AS|GU|MP|PR|VI|FM|MH|PW|AA|AE|AP"
)
_CA_PROVINCES = "AB|BC|MB|NB|NL|NS|NT|NU|ON|PE|QC|SK|YT"
_UNIT = r"(?:,? (?:Apt\.?|Apartment|Suite|Ste\.?|Unit|App\.?|Appartement|Bureau|#) ?[\w-]{1,6})"
# The street line of a North American address: a number, then words (no comma, no line break),
# a PO box, or a military one (USNS Ship, PSC 1234 Box 5678). A Canadian province may be written
# out in brackets: "Québec (Québec) G1R 1P3".
_NA_STREET = (
    r"(?:\d{1,6}[A-Za-z]?,?(?: [^\W_][\w.'’-]*){1,6}|P\.? ?O\.? Box \d{1,6}"
    r"|(?:USNS|USNV|USS|USCGC) [A-Z][a-z]+|(?:PSC|Unit) \d{4},? Box \d{4})"
)
_NA_CITY = r"[^\W\d_][\w.'’-]*(?:[ -]{1,2}[^\W\d_][\w.'’-]*){0,3}"
_NA_ADDRESS = re.compile(
    rf"(?<![\w,]){_NA_STREET}{_UNIT}?,?\s{{1,3}}{_NA_CITY},? "
    rf"(?:(?:{_US_STATES}) \d{{5}}(?:-\d{{4}})?"
    rf"|(?:{_CA_PROVINCES}|\([^\W\d_][\w -]{{1,24}}\)) [A-Z]\d[A-Z] ?\d[A-Z]\d)"
    r"(?![\w-])"
)

# UK: "[Flat 3,] [221B] Baker Street, [Town,] [County,] NW1 6XE". The postcode, with its space,
# is what makes it an address; its outward code letters keep the mask's area.
_UK_POSTCODE = r"(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) \d[A-Z]{2}"
_CAP = r"[A-Z][\w'’.-]*"
_UK_FLAT = r"(?:(?:Flat|Studio|Apartment|Unit|Suite) [\w-]{1,5},?\s{1,3})?"
_UK_NAME = rf"{_CAP}(?: (?:{_CAP}|of|the|on|upon)){{0,4}}"
# A town or county after a comma or on a line of its own; without a house number, at least one
# is needed ("London NW1 6XE" alone is a district, not someone's address).
_UK_PART = rf"(?:(?:,\s{{1,3}}| ?\n ?){_CAP}(?: (?:{_CAP}|on|upon|under)){{0,3}})"
_UK_ADDRESS = re.compile(
    rf"(?<![\w,])(?:{_UK_FLAT}\d{{1,4}}[A-Za-z]?,? {_UK_NAME}{_UK_PART}{{0,3}}"
    rf"|{_UK_FLAT}{_UK_NAME}{_UK_PART}{{1,3}}),?\s{{1,3}}{_UK_POSTCODE}(?![\w-])"
)


# What comes before the street in a UK address: a flat, or a house name when two more parts
# follow. Masked whole: `mask_address` reads the first part as the street.
_UK_BEFORE_STREET = re.compile(
    r"(?:(?:Flat|Studio|Apartment|Unit|Suite) [\w-]{1,5}|[^\d,\n][^,\n]*(?=,[^,]+,[^,]+,))"
    r"(?:,\s{1,3}|\s{1,3}(?=\d))"
)


def address_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Where an address is in `text` (Latin-normalised), with its masked form; spans of
    different formats may overlap, `find_pii` keeps the first of two overlapping ones."""
    for pattern in (_EU_ADDRESS, _NA_ADDRESS):
        for m in pattern.finditer(text):
            yield m.start(), m.end(), mask_address(m.group(0))
    for m in _UK_ADDRESS.finditer(text):
        before = _UK_BEFORE_STREET.match(m.group(0))
        if before is None:
            yield m.start(), m.end(), mask_address(m.group(0))
        else:
            masked = mask_address(m.group(0)[before.end() :])
            yield m.start(), m.end(), f"{BULLET * 6}, {masked}"
