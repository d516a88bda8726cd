"""Dates a page shows or declares: <time> elements and "Last updated March 3, 2024" in words."""

from __future__ import annotations

import datetime as _dt
import re

from ereputation.web.page.facts import DateHint, DateKind
from ereputation.web.page.limits import MAX_DATES
from ereputation.web.page.tree import Index, text_of
from ereputation.web.page.values import attr

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?!\d)")


def iso_date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _ISO.match(value[:64])
    if not match:
        return None
    return valid_date(int(match[1]), int(match[2]), int(match[3]))


def valid_date(year: int, month: int, day: int) -> str | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def time_dates(index: Index) -> tuple[DateHint, ...]:
    out = []
    for tag in index.tags["time"]:
        iso = iso_date(attr(tag, "datetime")) or iso_date(text_of(tag, index, "time", 64))
        if iso:
            out.append(DateHint(iso, "other", "time"))
    return tuple(out)


_MONTH_NAMES = (
    ("janvier", "january", "jan", "janv"),
    ("février", "fevrier", "february", "feb", "févr"),
    ("mars", "march", "mar"),
    ("avril", "april", "apr", "avr"),
    ("mai", "may"),
    ("juin", "june", "jun"),
    ("juillet", "july", "jul", "juil"),
    ("août", "aout", "august", "aug"),
    ("septembre", "september", "sep", "sept"),
    ("octobre", "october", "oct"),
    ("novembre", "november", "nov"),
    ("décembre", "decembre", "december", "dec", "déc"),
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_LABELS: tuple[tuple[DateKind, str], ...] = (
    (
        "modified",
        r"last\s+updated|last\s+modified|updated|modified|derni[èe]re\s+mise\s+[àa]\s+jour"
        r"|mise?\s+[àa]\s+jour|modifi[ée]",
    ),
    ("published", r"published|posted|publi[ée]"),
)
_DATE_FORMS = (
    rf"(?P<y1>\d{{4}})-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}})(?:er)?\s+(?P<mn2>{_MONTH})\.?\s+(?P<y2>\d{{4}})"
    rf"|(?P<mn3>{_MONTH})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{{4}})"
    rf"|(?P<a4>\d{{1,2}})[/.](?P<b4>\d{{1,2}})[/.](?P<y4>\d{{4}})"
)


def _label_pattern(label: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?P<label>{label})\b\s*(?:on|le|:|—|-)?\s*(?:le\s+)?(?:{_DATE_FORMS})", re.IGNORECASE
    )


_ENGLISH_LABEL = re.compile(r"(?:last\s+)?(?:updated|modified)|published|posted", re.IGNORECASE)


_TEXT_DATES = tuple((kind, _label_pattern(label)) for kind, label in _LABELS)


def text_dates(text: str) -> tuple[DateHint, ...]:
    """Dates the page announces in words: "Last updated March 3, 2024", "Mis à jour le 3 mars…"."""
    out: list[DateHint] = []
    for kind, pattern in _TEXT_DATES:
        for match in pattern.finditer(text):
            iso = _match_date(match, french=not _ENGLISH_LABEL.fullmatch(match["label"]))
            if iso:
                out.append(DateHint(iso, kind, "text"))
            if len(out) >= MAX_DATES:
                return tuple(out)
    return tuple(out)


def _match_date(match: re.Match[str], french: bool) -> str | None:
    groups = match.groupdict()
    if groups["y1"]:
        return valid_date(int(groups["y1"]), int(groups["m1"]), int(groups["d1"]))
    for suffix in ("2", "3"):
        if groups[f"y{suffix}"]:
            month = _MONTHS.get(groups[f"mn{suffix}"].lower())
            if month is None:
                return None
            return valid_date(int(groups[f"y{suffix}"]), month, int(groups[f"d{suffix}"]))
    first, second, year = int(groups["a4"]), int(groups["b4"]), int(groups["y4"])
    if french or first > 12:
        return valid_date(year, second, first)  # day first, as in France
    if second > 12:
        return valid_date(year, first, second)
    return None  # 03/04/2024 in English text: April or March? Better no date than a wrong one


def sorted_dates(dates: list[DateHint]) -> tuple[DateHint, ...]:
    unique = dict.fromkeys(dates)
    return tuple(sorted(unique, key=lambda d: (d.iso, d.kind, d.source)))[:MAX_DATES]
