"""The caseload page's rows: every case with its last audit, searchable and sortable (pure).

Built from the history's light rows (`Store.cases()` and `Store.history()`: two queries for the
whole caseload, no JSON result read) and the workspace's case ids, so 500 cases render in a few
milliseconds. The score cells reuse the overview's (`formats/index.py`) type and wording, the
change and its direction `formats/view.py`'s. Every value a database or a file holds goes
through the one sanitiser before it is shown.
"""

from __future__ import annotations

import datetime as dt
import logging
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ereputation.formats.index import ScoreCell
from ereputation.formats.view import direction, long_date, signed
from ereputation.i18n import Language
from ereputation.serve.case_ref import CaseRef
from ereputation.store.rows import AuditRow, CaseRow
from ereputation.textsafe import one_line

logger = logging.getLogger(__name__)

SORTS = ("name", "last", "visibility", "risk", "verdict", "consent", "erase", "audits")
DEFAULT_SORT = "name"
MAX_QUERY = 100
NAME_LIMIT = 120


@dataclass(frozen=True)
class CaseloadRow:
    key: str | None  # the history's case key; None for a case saved but never audited
    case_id: str | None  # the workspace's id when the case's interview is saved there
    name: str
    counsellor: str
    audits: int
    last_audit_id: int | None
    last_date: str
    last_iso: str
    visibility: ScoreCell
    risk: ScoreCell
    visibility_value: int | None
    risk_value: int | None
    verdict: str
    consent: str
    consent_iso: str
    erase_after: str
    erase_after_iso: str
    overdue: bool

    @property
    def link(self) -> dict[str, str]:
        """The query naming this case in the case pages' URLs (`case_ref.CaseRef.params`)."""
        return CaseRef(self.key, self.case_id).params


@dataclass(frozen=True)
class Caseload:
    rows: tuple[CaseloadRow, ...]
    total: int
    query: str
    sort: str
    descending: bool


def build_caseload(
    cases: Sequence[CaseRow],
    audits: Iterable[AuditRow],
    workspace_ids: Iterable[str],
    words: Mapping[str, str],
    language: Language,
    *,
    today: dt.date,
    query: str = "",
    sort: str = DEFAULT_SORT,
    descending: bool = False,
    workspace_id_of: Callable[[str | None], str | None] = lambda path: None,
    workspace_name: Callable[[str], str | None] = lambda case_id: None,
) -> Caseload:
    """The rows shown for `query`, sorted by `sort` (`SORTS`); undated and unscored rows last.

    A case of the history is tied to the workspace by the config its last audit read
    (`workspace_id_of(config_path)`); a saved case no audit read yet gets a row of its own.
    """
    latest: dict[str, list[AuditRow]] = {}
    for audit in audits:  # newest first: keep each case's first two
        pair = latest.setdefault(audit.case_key, [])
        if len(pair) < 2:
            pair.append(audit)
    rows = []
    linked: set[str] = set()
    for case in cases:
        pair = latest.get(case.key, [])
        case_id = workspace_id_of(pair[0].config_path) if pair else None
        if case_id is not None:
            linked.add(case_id)
        rows.append(_row(case, pair, case_id, words, language, today))
    for case_id in sorted(set(workspace_ids) - linked):
        rows.append(_new_row(case_id, workspace_name(case_id), words))
    total = len(rows)
    needle = _folded(one_line(query, MAX_QUERY))
    if needle:
        rows = [row for row in rows if needle in _folded(_searched(row))]
    sort = sort if sort in SORTS else DEFAULT_SORT
    rows = _sorted(rows, sort, descending)
    return Caseload(tuple(rows), total, one_line(query, MAX_QUERY), sort, descending)


def _row(
    case: CaseRow,
    audits: list[AuditRow],
    case_id: str | None,
    words: Mapping[str, str],
    language: Language,
    today: dt.date,
) -> CaseloadRow:
    last = audits[0] if audits else None
    earlier = audits[1] if len(audits) > 1 else None
    last_iso = last.recorded_at.date().isoformat() if last else ""
    consent_iso = case.consent_date.isoformat() if case.consent_date else ""
    erase_iso = case.erase_after.isoformat() if case.erase_after else ""
    return CaseloadRow(
        key=case.key,
        case_id=case_id,
        name=one_line(case.display_name, NAME_LIMIT) or one_line(case.key, NAME_LIMIT),
        counsellor=one_line(case.counsellor or "", NAME_LIMIT),
        audits=case.audit_count,
        last_audit_id=last.id if last else None,
        last_date=long_date(words, last_iso) if last else words["serve_never"],
        last_iso=last_iso,
        visibility=_cell(words, "visibility", last, earlier),
        risk=_cell(words, "risk", last, earlier),
        visibility_value=last.visibility if last else None,
        risk_value=last.risk if last else None,
        verdict=verdict_title(last.verdict_id, language) if last else words["serve_none"],
        consent=long_date(words, consent_iso) or words["serve_none"],
        consent_iso=consent_iso,
        erase_after=long_date(words, erase_iso) or words["serve_none"],
        erase_after_iso=erase_iso,
        overdue=case.erase_after is not None and case.erase_after <= today,
    )


def _new_row(case_id: str, name: str | None, words: Mapping[str, str]) -> CaseloadRow:
    """A case saved from the interview and never audited: only in the workspace."""
    none = words["serve_none"]
    empty = ScoreCell(none, none, "none")
    return CaseloadRow(
        key=None,
        case_id=case_id,
        name=one_line(name or case_id, NAME_LIMIT),
        counsellor="",
        audits=0,
        last_audit_id=None,
        last_date=words["serve_never"],
        last_iso="",
        visibility=empty,
        risk=empty,
        visibility_value=None,
        risk_value=None,
        verdict=none,
        consent=none,
        consent_iso="",
        erase_after=none,
        erase_after_iso="",
        overdue=False,
    )


def _cell(
    words: Mapping[str, str], kind: str, last: AuditRow | None, earlier: AuditRow | None
) -> ScoreCell:
    value = getattr(last, kind) if last else None
    shown = words["not_scored"] if value is None else f"{value}/100"
    if last is None:
        return ScoreCell(words["serve_none"], words["serve_none"], "none")
    if earlier is None:
        return ScoreCell(shown, words["serve_no_earlier"], "none")
    before = getattr(earlier, kind)
    change = value - before if value is not None and before is not None else None
    moved = direction(kind, change)
    word = words[f"compare_{moved}"]
    text = word if change is None or change == 0 else f"{signed(change)} ({word})"
    return ScoreCell(shown, text, moved)


def _sorted(rows: list[CaseloadRow], sort: str, descending: bool) -> list[CaseloadRow]:
    """Sorted by `sort`, the name breaking ties; rows without a value always come last."""
    key = _SORT_KEYS[sort]
    present = [row for row in rows if key(row) is not None]
    absent = [row for row in rows if key(row) is None]
    present.sort(key=lambda row: _folded(row.name))
    present.sort(key=lambda row: key(row), reverse=descending)
    absent.sort(key=lambda row: _folded(row.name))
    return present + absent


_SORT_KEYS: dict[str, Callable[[CaseloadRow], Any]] = {
    "name": lambda row: _folded(row.name),
    "last": lambda row: row.last_iso or None,
    "visibility": lambda row: row.visibility_value,
    "risk": lambda row: row.risk_value,
    "verdict": lambda row: _folded(row.verdict) if row.last_audit_id else None,
    "consent": lambda row: row.consent_iso or None,
    "erase": lambda row: row.erase_after_iso or None,
    "audits": lambda row: row.audits,
}


def _searched(row: CaseloadRow) -> str:
    return f"{row.name} {row.key or ''} {row.case_id or ''} {row.counsellor}"


def _folded(text: str) -> str:
    """For search and sort: no case, no accents (`Zoé` finds `zoe`)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _verdict_titles() -> dict[str, tuple[str, str]]:
    from ereputation.checklist import load_checklist
    from ereputation.resources import default_checklist_path

    try:
        checklist = load_checklist(default_checklist_path())
    except Exception:  # the caseload still shows, with the verdicts' ids
        logger.warning("the default checklist cannot be read: verdicts shown by id", exc_info=True)
        return {}
    return {rule.id: (rule.title.get("fr"), rule.title.get("en")) for rule in checklist.verdicts}


def verdict_title(verdict_id: str | None, language: Language) -> str:
    """The verdict's title from the default checklist; its id when the checklist lacks it."""
    if not verdict_id:
        return "—"
    titles = _verdict_titles().get(verdict_id)
    if titles is None:
        return one_line(verdict_id, 80)
    return titles[0] if language == "fr" else titles[1]


def audit_dates(audits: Sequence[AuditRow], words: Mapping[str, str]) -> dict[int, str]:
    """Each audit's date as a case page shows it, in this computer's time; with the hour when
    another audit of the case shares its day, so that two audits of one day can be told apart."""

    def local(audit: AuditRow) -> dt.datetime:
        at = audit.recorded_at
        return (at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)).astimezone()

    days = [local(a).date() for a in audits]
    shown: dict[int, str] = {}
    for audit, day in zip(audits, days, strict=True):
        label = long_date(words, day.isoformat())
        if days.count(day) > 1:
            hour = local(audit).strftime("%H:%M")
            label = words["serve_audit_when"].format(date=label, time=hour)
        shown[audit.id] = label
    return shown
