"""Progress between two audits: two `AuditResult`s in, a `Comparison` out. Pure: no I/O, no clock.

What is matched, and by what:
- scores: the headline Visibility and Risk, and every theme (category) by its id;
- actions: by action id; one present before and gone now was done (or no longer applies);
- findings: failed ones only, by `FindingKey`. A failed finding gone from the new result is
  resolved only when the new audit looked again (its profile's page was seen, or for a finding
  across profiles, profiles were checked); otherwise it is "not checked again", never praised;
- profiles: by URL (added, removed, or whose status changed);
- answers: by checklist item id, when the answer changed.

Texts (titles, questions, labels) are copied from the result they come from, in its language.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

from ereputation.checklist import Kind
from ereputation.i18n import Language
from ereputation.model import (
    Action,
    AuditResult,
    Finding,
    FindingKey,
    Rating,
    SinceLast,
)
from ereputation.vocabulary import UNSEEN_STATUSES, ProfileStatus, Severity

ProfileChangeKind = Literal["added", "removed", "status"]


@dataclass(frozen=True)
class AuditRef:
    """Which audit a side of the comparison is."""

    generated_at: str
    audit_date: str | None
    name: str
    language: Language
    tool_version: str


@dataclass(frozen=True)
class ScoreDelta:
    """One score before and after; `change` is after minus before, None when either is None."""

    id: str  # "visibility", "risk", or a theme's id
    title: str
    kind: Kind
    before: int | None
    after: int | None
    change: int | None
    before_rating: Rating
    after_rating: Rating


@dataclass(frozen=True)
class ActionRef:
    id: str
    title: str
    kind: Kind
    critical: bool


@dataclass(frozen=True)
class FindingRef:
    id: str
    check: str
    title: str
    severity: Severity
    profile_url: str | None


@dataclass(frozen=True)
class ProfileChange:
    url: str
    name: str  # the person's label, else the network's name
    change: ProfileChangeKind
    before: ProfileStatus | None
    after: ProfileStatus | None


@dataclass(frozen=True)
class AnswerChange:
    item_id: str
    question: str
    before: str | None  # the answer's label; None when unanswered
    after: str | None
    before_status: str
    after_status: str


@dataclass(frozen=True)
class Comparison:
    old: AuditRef
    new: AuditRef
    visibility: ScoreDelta
    risk: ScoreDelta
    themes: tuple[ScoreDelta, ...]
    actions_done: tuple[ActionRef, ...]
    new_actions: tuple[ActionRef, ...]
    new_findings: tuple[FindingRef, ...]
    resolved_findings: tuple[FindingRef, ...]
    unchecked_findings: tuple[FindingRef, ...]  # failed before, not looked at again
    profiles: tuple[ProfileChange, ...]
    answers: tuple[AnswerChange, ...]

    @property
    def language(self) -> Language:
        """The comparison speaks the newer audit's language."""
        return self.new.language


def compare(old: AuditResult, new: AuditResult) -> Comparison:
    s_old, s_new = old.scores, new.scores
    failed_old, failed_new = _failed(old), _failed(new)
    gone = [f for k, f in failed_old.items() if k not in failed_new]
    seen = {p.url for p in new.profiles if p.status not in UNSEEN_STATUSES}
    return Comparison(
        old=_ref(old),
        new=_ref(new),
        visibility=_delta(
            "visibility",
            "",
            "visibility",
            (s_old.visibility, s_old.visibility_rating),
            (s_new.visibility, s_new.visibility_rating),
        ),
        risk=_delta(
            "risk", "", "risk", (s_old.risk, s_old.risk_rating), (s_new.risk, s_new.risk_rating)
        ),
        themes=_themes(old, new),
        actions_done=_actions_missing(old.actions, new.actions),
        new_actions=_actions_missing(new.actions, old.actions),
        new_findings=tuple(_finding_ref(f) for k, f in failed_new.items() if k not in failed_old),
        resolved_findings=tuple(_finding_ref(f) for f in gone if _looked_again(f, new, seen)),
        unchecked_findings=tuple(_finding_ref(f) for f in gone if not _looked_again(f, new, seen)),
        profiles=_profiles(old, new),
        answers=_answers(old, new),
    )


def since_last(comparison: Comparison) -> SinceLast:
    """The short summary an audit report carries when the case has an earlier audit."""
    c = comparison
    return SinceLast(
        previous_generated_at=c.old.generated_at,
        visibility_before=c.visibility.before,
        risk_before=c.risk.before,
        visibility_change=c.visibility.change,
        risk_change=c.risk.change,
        actions_done=len(c.actions_done),
        new_actions=len(c.new_actions),
        new_findings=len(c.new_findings),
        resolved_findings=len(c.resolved_findings),
        profiles_changed=len(c.profiles),
    )


def _ref(result: AuditResult) -> AuditRef:
    return AuditRef(
        result.generated_at,
        result.info.audit_date,
        result.subject.name,
        result.language,
        result.tool_version,
    )


def _delta(
    id: str,
    title: str,
    kind: Kind,
    before: tuple[int | None, Rating],
    after: tuple[int | None, Rating],
) -> ScoreDelta:
    change = None if before[0] is None or after[0] is None else after[0] - before[0]
    return ScoreDelta(id, title, kind, before[0], after[0], change, before[1], after[1])


def _themes(old: AuditResult, new: AuditResult) -> tuple[ScoreDelta, ...]:
    """Every theme of either audit, in the new one's order, then those only the old one had."""
    before = {c.id: c for c in old.scores.categories}
    after = {c.id: c for c in new.scores.categories}
    order = list(after) + [i for i in before if i not in after]
    out = []
    for id in order:
        b, a = before.get(id), after.get(id)
        shown = a or b
        assert shown is not None
        out.append(
            _delta(
                id,
                shown.title,
                shown.kind,
                (b.score, b.rating) if b else (None, "unknown"),
                (a.score, a.rating) if a else (None, "unknown"),
            )
        )
    return tuple(out)


def _actions_missing(
    present: tuple[Action, ...], absent: tuple[Action, ...]
) -> tuple[ActionRef, ...]:
    """Actions of `present` whose id is not in `absent`, in `present`'s order."""
    gone = {a.id for a in absent}
    return tuple(ActionRef(a.id, a.title, a.kind, a.critical) for a in present if a.id not in gone)


def _failed(result: AuditResult) -> dict[FindingKey, Finding]:
    return {f.key: f for f in result.findings if not f.passed}


def _looked_again(finding: Finding, new: AuditResult, seen: set[str]) -> bool:
    """Did the new audit look where this finding was seen? `seen`: the URLs of its seen pages."""
    if finding.profile_url is None:
        return new.info.checked_profiles
    return finding.profile_url in seen


def _finding_ref(finding: Finding) -> FindingRef:
    return FindingRef(
        finding.id, finding.check, finding.title, finding.severity, finding.profile_url
    )


def _profiles(old: AuditResult, new: AuditResult) -> tuple[ProfileChange, ...]:
    before = {p.url: p for p in old.profiles}
    after = {p.url: p for p in new.profiles}
    out = []
    for url, p in after.items():
        name = p.label or p.network_name or p.network
        if url not in before:
            out.append(ProfileChange(url, name, "added", None, p.status))
        elif before[url].status != p.status:
            out.append(ProfileChange(url, name, "status", before[url].status, p.status))
    for url, p in before.items():
        if url not in after:
            name = p.label or p.network_name or p.network
            out.append(ProfileChange(url, name, "removed", p.status, None))
    return tuple(out)


def _answers(old: AuditResult, new: AuditResult) -> tuple[AnswerChange, ...]:
    before = {a.id: a for a in old.answers}
    out = []
    for a in new.answers:
        b = before.get(a.id)
        if b is None or (b.answer, b.status) == (a.answer, a.status):
            continue  # an item new to the checklist was never answered before: not a change
        out.append(
            AnswerChange(a.id, a.question, b.answer_label, a.answer_label, b.status, a.status)
        )
    return tuple(out)


COMPARE_SCHEMA_VERSION = "1.0"


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """The comparison's JSON form (docs/compare.schema.json): its dataclasses as they are."""
    return {
        "schema_version": COMPARE_SCHEMA_VERSION,
        "kind": "comparison",
        "language": comparison.language,
        **_plain(comparison),
    }


def _plain(obj: object) -> Any:
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple):
        return [_plain(v) for v in obj]
    return obj


__all__ = [
    "COMPARE_SCHEMA_VERSION",
    "ActionRef",
    "AnswerChange",
    "AuditRef",
    "Comparison",
    "FindingRef",
    "ProfileChange",
    "ScoreDelta",
    "compare",
    "comparison_json",
    "since_last",
]
