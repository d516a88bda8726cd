"""Masking applied to every piece of personal data or risky wording before it reaches a report.

Pure string functions that know nothing of detection (`excerpt` and `pii` use them, never the
reverse).

Rules shared by every masker: the mask character is "•" (U+2022); a masker never raises, whatever
it is given; masking an already masked value gives the same value (idempotent), so a value can
safely pass through two layers that both mask.
"""

from __future__ import annotations

import logging
import re
import unicodedata

__all__ = [
    "BULLET",
    "EXCERPT_WIDTH",
    "mask_address",
    "mask_birthdate",
    "mask_email",
    "mask_phone",
    "mask_term",
]

logger = logging.getLogger(__name__)

BULLET = "•"
EXCERPT_WIDTH = 80
_STREET_NAME_MASK = BULLET * 6  # fixed length: the mask must not tell how long the name is


def _keep_ends(value: str, *, last: bool = True) -> str:
    """First (and last) character kept, the rest bulleted; very short values fully bulleted."""
    if len(value) <= 1:
        return BULLET * len(value)
    if len(value) <= 3 or not last:
        return value[0] + BULLET * (len(value) - 1)
    return value[0] + BULLET * (len(value) - 2) + value[-1]


def mask_email(email: str) -> str:
    """`camille.martin@example.org` -> `c••••••••••••n@e••••••.org`."""
    try:
        local, at, domain = email.strip().rpartition("@")
        if not at:
            return _keep_ends(email.strip())
        host, dot, tld = domain.rpartition(".")
        masked_domain = _keep_ends(host, last=False) + dot + tld if dot else _keep_ends(domain)
        return _keep_ends(local) + "@" + masked_domain
    except Exception:  # a masker must never break a report
        logger.debug("value fully masked: the masker failed", exc_info=True)
        return BULLET * 3


def mask_phone(phone: str) -> str:
    """`06 12 34 56 78` -> `06 •• •• •• 78`: first two and last two digits, separators kept.

    A bullet counts as an already masked digit, which keeps the function idempotent; a number
    with fewer than five digits is masked entirely.
    """
    try:
        positions = [i for i, c in enumerate(phone) if c.isdigit() or c == BULLET]
        keep = set(positions[:2] + positions[-2:]) if len(positions) >= 5 else set()
        return "".join(
            BULLET if (c.isdigit() or c == BULLET) and i not in keep else c
            for i, c in enumerate(phone)
        )
    except Exception:
        logger.debug("value fully masked: the masker failed", exc_info=True)
        return BULLET * 3


_STREET_TYPES = frozenset(
    [
        "rue",
        "avenue",
        "av",
        "ave",
        "bd",
        "boulevard",
        "blvd",
        "allee",
        "chemin",
        "ch",
        "place",
        "pl",
        "impasse",
        "imp",
        "quai",
        "route",
        "rte",
        "cours",
        "square",
        "sq",
        "passage",
        "voie",
        "faubourg",
        "fg",
        "hameau",
        "residence",
        "cite",
        "montee",
        "sentier",
        "esplanade",
        "promenade",
        "rond-point",
        "parvis",
        "lieu-dit",
        "street",
        "st",
        "road",
        "rd",
        "lane",
        "ln",
        "drive",
        "dr",
        "terrace",
        "close",
        "court",
        "ct",
        "crescent",
        "way",
        "gardens",
        "grove",
        "hill",
        "mews",
        "row",
        "parkway",
        "pkwy",
        "highway",
        "hwy",
    ]
)
_HOUSE_NUMBER = re.compile(
    r"^[\d•]{1,5}(?:[a-z•]|\s?(?:bis|ter|quater))?$", re.IGNORECASE | re.UNICODE
)
_NUMBER_SUFFIX = re.compile(r"^(?:bis|ter|quater|[a-d]),?$", re.IGNORECASE)
_FIVE_DIGITS = r"(?P<area5>[\d•]{2})[\d•]{3}(?:-[\d•]{4})?"  # FR postcode, US ZIP(+4)
_UK_POSTCODE = r"(?P<area_uk>[A-Z]{1,2})[\d•][A-Z\d•]? ?[\d•][A-Z•]{2}"
_POSTCODE = re.compile(rf"(?<![\w•])(?:{_FIVE_DIGITS}|{_UK_POSTCODE})(?![\w•])", re.IGNORECASE)


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(".")


def _is_house_number(word: str) -> bool:
    """`12`, `221B`, `3bis`, or the `••` that masked one."""
    return bool(_HOUSE_NUMBER.match(word)) and (
        word == BULLET * 2 or any(c.isdigit() for c in word)
    )


def _mask_street(street: str) -> str:
    """`12 rue des Lilas` -> `•• rue ••••••`: number and name masked, street type kept."""
    words = street.split()
    out: list[str] = []
    for position, word in enumerate(words):
        number = word.rstrip(",")
        if position == 0 and _is_house_number(number):
            out.append(BULLET * 2 + ("," if word.endswith(",") else ""))
        elif position == 1 and out[0] == BULLET * 2 and _NUMBER_SUFFIX.match(word):
            out[0] += "," if word.endswith(",") else ""  # "3 bis": part of the number
        elif _fold(word.rstrip(",")) in _STREET_TYPES:
            out.append(word)
        elif out and out[-1] == _STREET_NAME_MASK:
            continue
        else:
            out.append(_STREET_NAME_MASK)
    return " ".join(out)


def _mask_locality(locality: str) -> str:
    """Postcodes reduced to their area (`69•••`, `NW• •••`); other digits masked; city kept."""
    out: list[str] = []
    cursor = 0
    for match in _POSTCODE.finditer(locality):
        out.append(_bullet_digits(locality[cursor : match.start()]))
        if match.group("area5") is not None:
            out.append(match.group("area5") + _bullet_alnum(match.group(0)[2:]))
        else:
            area = match.group("area_uk")
            out.append(area + _bullet_alnum(match.group(0)[len(area) :]))
        cursor = match.end()
    out.append(_bullet_digits(locality[cursor:]))
    return "".join(out)


def _bullet_digits(text: str) -> str:
    return "".join(BULLET if c.isdigit() else c for c in text)


def _bullet_alnum(text: str) -> str:
    return "".join(BULLET if c.isalnum() else c for c in text)


def mask_address(address: str) -> str:
    """`12 rue des Lilas, 69003 Lyon` -> `•• rue ••••••, 69••• Lyon`.

    The street part (before the first comma, or before the postcode) loses its number and name;
    the rest keeps the city and the postcode's area (French department, US state's first digits,
    UK postcode area letters).
    """
    try:
        text = " ".join(address.split())
        parts = text.split(",")
        # "12, avenue Victor Hugo": the number stands alone before the first comma.
        if len(parts) > 1 and _is_house_number(parts[0].strip()):
            parts = [parts[0] + "," + parts[1], *parts[2:]]
        street, rest = parts[0], ",".join(parts[1:])
        if not rest:
            postcode = _POSTCODE.search(street)
            if postcode:
                street, rest = street[: postcode.start()], " " + street[postcode.start() :]
            sep = ""
        else:
            sep = ","
        return (_mask_street(street) + sep + _mask_locality(rest)).strip()
    except Exception:
        logger.debug("value fully masked: the masker failed", exc_info=True)
        return BULLET * 3


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def mask_birthdate(value: str) -> str:
    """Any birth date -> `••/••/1994`: the year only is kept (`••/••/••••` without one)."""
    try:
        years = _YEAR.findall(value)
    except Exception:
        logger.debug("birth year not read: fully masked", exc_info=True)
        years = []
    return f"{BULLET * 2}/{BULLET * 2}/{years[-1] if years else BULLET * 4}"


def mask_term(term: str) -> str:
    """`connard` -> `c•••••d`: each word keeps its first (and last, from 4 letters) letter."""
    try:
        return " ".join(_keep_ends(word) for word in term.split())
    except Exception:
        logger.debug("value fully masked: the masker failed", exc_info=True)
        return BULLET * 3
