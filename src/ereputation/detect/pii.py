"""Personal data exposed in a page's visible text: e-mail, phone, postal address, birth date.

Precision matters as much as recall: a report that calls a SIRET number a phone number, or a
"2019-2023" a birth date, teaches its reader to ignore it. So phones must be *valid* numbers for
`phonenumbers`, birth dates need a birth phrase ("né le", "date of birth", "DOB"...) right before
the date, and addresses need a street type and a postcode. Limits are listed in docs/detection.md.

Patterns read `normalise.latin_with_map(text)`: invisible characters gone, fullwidth and other
compatibility forms folded (NFKC), look-alike letters read as Latin. So `06\\u200d12 34 56 78`
and `jean＠exemple.fr` are found, and each match is mapped back to its place in `text`.
`phonenumbers` is imported on first use: loading the lexicon or matching names must not pay
for its tables.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ereputation.detect.addresses import address_spans
from ereputation.detect.masking import mask_birthdate, mask_email, mask_phone
from ereputation.detect.normalise import latin_with_map, original_span, shown
from ereputation.detect.regions import NO_TRUNK_PREFIX_NEEDED
from ereputation.detect.urls import URL_IN_TEXT, mask_url
from ereputation.vocabulary import PiiKind

__all__ = ["PiiKind", "PiiMatch", "find_pii", "mask_pii"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PiiMatch:
    """One piece of personal data: `value` as a reader sees it (`normalise.shown`), `start:end`
    its place in the text given (invisible characters inside it included)."""

    kind: PiiKind
    value: str
    value_masked: str
    start: int
    end: int


# --- e-mail ------------------------------------------------------------------------------------

_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_EMAIL = re.compile(
    rf"(?<![\w.%+-])[a-z0-9._%+-]{{1,64}}@(?:{_LABEL}\.){{1,8}}[a-z]{{2,24}}(?![\w-])",
    re.IGNORECASE | re.ASCII,
)
# Obfuscated forms need a bracketed "at" ("[at]", "(at)", "[arobase]", "(@)"): a bare " at " would
# read "look at this dot com" as an address.
_AT = r"\s?[\[({<]\s?(?:at|arobase|@)\s?[\])}>]\s?"
_DOT = r"(?:\s?[\[({<]\s?(?:dot|point|\.)\s?[\])}>]\s?|\s(?:dot|point)\s|\.)"
_OBFUSCATED = re.compile(
    rf"(?<![\w.%+-])([a-z0-9._%+-]{{1,64}}){_AT}((?:{_LABEL}{_DOT}){{1,8}})([a-z]{{2,24}})(?![\w-])",
    re.IGNORECASE | re.ASCII,
)
_DOT_SPLIT = re.compile(_DOT, re.IGNORECASE)


def _emails(text: str) -> list[PiiMatch]:
    found = [
        PiiMatch("email", m.group(0), mask_email(m.group(0)), m.start(), m.end())
        for m in _EMAIL.finditer(text)
        if not m.group(0).startswith(".")
    ]
    for m in _OBFUSCATED.finditer(text):
        canonical = _canonical_email(m.group(0))
        found.append(PiiMatch("email", m.group(0), mask_email(canonical), m.start(), m.end()))
    return found


def _canonical_email(value: str) -> str:
    """`Camille [at] example [dot] org` -> `camille@example.org`."""
    m = _OBFUSCATED.fullmatch(value)
    if m is None:
        return value.lower()
    labels = [label for label in _DOT_SPLIT.split(m.group(2)) if label]
    return f"{m.group(1)}@{'.'.join([*labels, m.group(3)])}".lower()


# --- phone -------------------------------------------------------------------------------------

# Identifiers that can look like valid phone numbers: a number right after one of these is not
# reported as a phone.
_NOT_A_PHONE = re.compile(
    r"(?:siret|siren|iban|bic|rcs|tva|vat|isbn|issn|ean|ref|company (?:number|no\.?|reg\w*)"
    r"|entreprise|ide|neq|order|commande|invoice|facture|tracking)\W{0,6}$",
    re.I,
)


def _phones(text: str, regions: Sequence[str]) -> list[PiiMatch]:
    """Valid numbers read in each region in turn: a number the first region reads is not read
    again (the same digits valid in a neighbour's plan are the same number)."""
    import phonenumbers

    found: list[PiiMatch] = []
    for region in regions:
        try:
            matcher = phonenumbers.PhoneNumberMatcher(
                text, region, leniency=phonenumbers.Leniency.VALID, max_tries=2000
            )
            for m in matcher:
                if _NOT_A_PHONE.search(text[max(0, m.start - 24) : m.start]):
                    continue
                if any(m.start < other.end and other.start < m.end for other in found):
                    continue
                # A neighbour's national number must show its trunk 0 (Luxembourg and Monaco have
                # none: their short numbers would read "3000" or "2019-2023" as phones).
                if (
                    region != regions[0]
                    and region not in NO_TRUNK_PREFIX_NEEDED
                    and not m.raw_string.lstrip("(").startswith("0")
                ):
                    continue
                found.append(
                    PiiMatch("phone", m.raw_string, mask_phone(m.raw_string), m.start, m.end)
                )
        except Exception:  # hostile text must not take down the audit
            logger.debug("phone search stopped early in %s", region, exc_info=True)
    return found


# --- postal address ----------------------------------------------------------------------------


def _addresses(text: str) -> list[PiiMatch]:
    return [
        PiiMatch("address", text[start:end], masked, start, end)
        for start, end, masked in address_spans(text)
    ]


# --- birth date --------------------------------------------------------------------------------

_FR_MONTHS = (
    r"janvier|janv\.?|f[ée]vrier|f[ée]vr?\.?|mars|avril|avr\.?|mai|juin|juillet|juil\.?|ao[uû]t"
    r"|septembre|sept?\.?|octobre|oct\.?|novembre|nov\.?|d[ée]cembre|d[ée]c\.?"
)
_EN_MONTHS = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan\.?|feb\.?|mar\.?|apr\.?|jun\.?|jul\.?|aug\.?|sept?\.?|oct\.?|nov\.?|dec\.?"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?!\d)"
_DATE = (
    rf"(?:{_DAY}[/.-](?:0?[1-9]|1[0-2])[/.-](?:19|20)?\d\d"  # 12/03/1994, 12.03.94
    r"|(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])/(?:19|20)\d\d"  # 03/12/1994 (US)
    r"|(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"  # 1994-03-12
    rf"|(?:1er|{_DAY})(?:st|nd|rd|th)? (?:of )?(?:{_FR_MONTHS}|{_EN_MONTHS})(?![^\W\d_])"
    r"(?:,? (?:19|20)\d\d)?"
    rf"|(?:{_EN_MONTHS})(?![^\W\d_]) {_DAY}(?:st|nd|rd|th)?(?:,? (?:19|20)\d\d)?)"
)
_BIRTH_PHRASE = (
    r"(?:n[ée]e?(?: ?\(e\))?(?: à \w[\w' -]{0,30}?)? le"  # né le, née le, né(e) le, né à Lyon le
    r"|date (?:de )?naissance|naissance|(?:mon |date d['’])anniversaire|anniversaire(?=\s?:)"
    r"|born(?: on)?|date of birth|birth ?date|my birthday|birthday(?=\s?:)|d\.?o\.?b\.?)"
)
_BIRTHDATE = re.compile(
    rf"(?<!\w){_BIRTH_PHRASE}\s{{0,3}}[:\-–]?\s{{0,3}}(?:le |on |the )?({_DATE})(?![\w/.-]\d)",
    re.IGNORECASE,
)


def _birthdates(text: str) -> list[PiiMatch]:
    return [
        PiiMatch("birthdate", m.group(1), mask_birthdate(m.group(1)), m.start(1), m.end(1))
        for m in _BIRTHDATE.finditer(text)
    ]


# --- all together ------------------------------------------------------------------------------

# When two findings overlap, the more specific one wins (an e-mail's digits are not a phone).
_PRIORITY: dict[PiiKind, int] = {"email": 0, "address": 1, "birthdate": 2, "phone": 3}


def find_pii(
    text: str,
    *,
    default_region: str = "FR",
    unique: bool = True,
    regions: Sequence[str] | None = None,
) -> list[PiiMatch]:
    """Personal data in `text`, in text order; overlapping findings are resolved.

    With `unique` (the default), a value seen twice (same kind, same masked value) is reported
    once, at its first place; `unique=False` keeps every occurrence (what masking needs).
    A phone number without a country prefix is read in each of `regions` in turn (the person's
    country first, then its neighbours: `regions.phone_regions`), else in `default_region`.
    """
    if not isinstance(text, str) or not text:
        return []
    wanted = regions if regions else (default_region,)
    chosen = tuple(r.upper() for r in wanted if isinstance(r, str) and r.strip()) or ("FR",)
    region = chosen[0]
    latin, index = latin_with_map(text)
    candidates = [*_emails(latin), *_addresses(latin), *_birthdates(latin), *_phones(latin, chosen)]
    candidates.sort(key=lambda m: (_PRIORITY[m.kind], m.start, -(m.end - m.start)))
    kept: list[PiiMatch] = []
    for match in candidates:
        if all(match.end <= other.start or match.start >= other.end for other in kept):
            kept.append(match)
    kept.sort(key=lambda m: (m.start, m.end))
    if unique:
        seen: set[tuple[str, str]] = set()
        distinct: list[PiiMatch] = []
        for match in kept:
            key = (match.kind, _identity(match, region))
            if key not in seen:
                seen.add(key)
                distinct.append(match)
        kept = distinct
    return [_in_original(text, index, match) for match in kept]


def _in_original(text: str, index: list[int], match: PiiMatch) -> PiiMatch:
    """A match found in the Latin form, placed in `text` and valued as a reader sees it."""
    start, end = original_span(text, index, match.start, match.end)
    return PiiMatch(match.kind, shown(text[start:end]), match.value_masked, start, end)


def mask_pii(text: str, *, default_region: str = "FR", regions: Sequence[str] | None = None) -> str:
    """`text` as a reader sees it (`normalise.shown`), every piece of personal data in it
    replaced by its masked form.

    For page fields shown as they are (title, description, headline) and for URLs (a final URL,
    links): a URL's user info, path, query and fragment are read percent-decoded, so
    `?email=jean%40exemple.fr` or `/tel:%2B33612345678` are masked too, and the URL stays one.
    """
    if not isinstance(text, str) or not text:
        return ""
    chosen = tuple(regions) if regions else (default_region,)
    out: list[str] = []
    cursor = 0
    for url in URL_IN_TEXT.finditer(text):
        out.append(_mask_text(text[cursor : url.start()], chosen))
        out.append(mask_url(url[0], lambda part: _mask_text(part, chosen)))
        cursor = url.end()
    out.append(_mask_text(text[cursor:], chosen))
    return "".join(out)


def _mask_text(text: str, regions: Sequence[str]) -> str:
    out: list[str] = []
    last = 0
    for match in find_pii(text, regions=regions, unique=False):
        out += [shown(text[last : match.start]), match.value_masked]
        last = match.end
    return "".join(out) + shown(text[last:])


def _identity(match: PiiMatch, region: str) -> str:
    """What makes two findings the same value: `06 12…` and `+33 6 12…` are one phone."""
    if match.kind == "phone":
        import phonenumbers

        try:
            number = phonenumbers.parse(match.value, region)
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except Exception:  # then compare the digits as written
            logger.debug("a phone number could not be parsed", exc_info=True)
    if match.kind == "email":
        return _canonical_email(match.value)
    return re.sub(r"\W", "", match.value.casefold())
