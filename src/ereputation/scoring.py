"""Pure scoring: answers and findings in, category and headline scores, verdict and action plan out.

Lighthouse's method: every answered item scores between 0 and 1, a category is the weighted mean
of its items, and one failed critical item caps its category. See docs/scoring.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ereputation.checklist import KINDS, Checklist, Item, Kind, VerdictRule
from ereputation.config import Answer
from ereputation.i18n import Language, LocalText
from ereputation.model import (
    Action,
    AnswerResult,
    AnswerStatus,
    CategoryScore,
    Finding,
    FindingKey,
    Rating,
    Scores,
    Severity,
    Verdict,
    VerdictNote,
)

# A failed critical item holds visibility at or below this, and risk at or above 100 minus it.
CRITICAL_CAP = 40
PASS_THRESHOLD = 0.5
SEVERITY_WEIGHT: Mapping[Severity, float] = {
    "info": 0,
    "low": 1,
    "medium": 2,
    "high": 3,
    "critical": 5,
}
# Statuses whose answer comes with advice in the result.
ADVISED: frozenset[AnswerStatus] = frozenset({"partial", "fail", "unanswered", "to_check"})
# Statuses that say nothing yet: no answer, or "I don't know".
NOT_KNOWN: frozenset[AnswerStatus] = frozenset({"unanswered", "to_check"})
# Categories for what the profile checks observed, next to the checklist's own.
FINDING_CATEGORY: Mapping[Kind, str] = {"visibility": "recruiter_view", "risk": "exposure"}


@dataclass(frozen=True)
class Scored:
    """One scored contribution: an answered item or a finding."""

    category: str
    kind: Kind
    weight: float
    goodness: float
    critical_failed: bool


def goodness_of(points: float, max_points: float) -> float:
    """An answer's share of its item's best points, between 0 and 1."""
    return min(points / max_points, 1.0)


def status_of(goodness: float) -> AnswerStatus:
    """A scored answer's status from its goodness."""
    if goodness >= 1:
        return "pass"
    return "partial" if goodness >= PASS_THRESHOLD else "fail"


def stays_offline(checklist: Checklist, answers: Mapping[str, Answer]) -> bool:
    """Whether an answer records an informed choice not to be on networks."""
    for item_id, answer in answers.items():
        item = checklist.item(item_id)
        choice = item.choice(answer.value) if item else None
        if choice is not None and choice.stays_offline:
            return True
    return False


def score_answers(
    checklist: Checklist, answers: Mapping[str, Answer], language: Language
) -> tuple[AnswerResult, ...]:
    """Each item's answer scored. "I don't know" is `to_check` and, like "does not apply" or an
    item that presupposes a presence the person chose not to have, counts in no score."""
    offline = stays_offline(checklist, answers)
    results = []
    for item in checklist.items:
        answer = answers.get(item.id)
        choice = item.choice(answer.value) if answer else None
        points = goodness = None
        status: AnswerStatus = "unanswered"
        if choice is not None:
            if choice.unsure:
                status = "to_check"
            elif not choice.applicable or (offline and item.presupposes_presence):
                status = "not_applicable"
            else:
                points = choice.points
                goodness = goodness_of(choice.points, item.max_points)
                status = status_of(goodness)
        advice = (choice.advice if choice and choice.advice else item.advice).get(language)
        results.append(
            AnswerResult(
                id=item.id,
                category=item.category,
                kind=item.kind,
                question=item.question.get(language),
                answer=choice.value if choice else None,
                answer_label=choice.label.get(language) if choice else None,
                points=points,
                max_points=item.max_points,
                weight=item.weight,
                critical=item.critical,
                status=status,
                advice=advice if status in ADVISED else None,
                source=item.source,
                note=answer.note if answer else None,
            )
        )
    return tuple(results)


def contributions(answers: Sequence[AnswerResult], findings: Sequence[Finding]) -> list[Scored]:
    out = []
    for a in answers:
        if a.points is None:
            continue
        goodness = goodness_of(a.points, a.max_points)
        failed = a.critical and status_of(goodness) == "fail"
        out.append(Scored(a.category, a.kind, a.weight, goodness, failed))
    out.extend(scored for scored, _ in finding_units(findings))
    return out


def finding_units(findings: Sequence[Finding]) -> list[tuple[Scored, list[Finding]]]:
    """Findings as scored units, each with the findings it stands for.

    A visibility finding is one unit: each profile should show the name, the photo, the keywords.
    Risk findings of one check are one unit across all profiles: a phone number exposed on one
    page is the whole exposure, and clean pages elsewhere must not dilute it.
    """
    units: list[tuple[Scored, list[Finding]]] = []
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        if not SEVERITY_WEIGHT[f.severity]:
            continue
        if f.kind == "risk":
            groups.setdefault(f.key.check, []).append(f)
        else:
            units.append((_unit([f]), [f]))
    units.extend((_unit(group), group) for group in groups.values())
    return units


def _unit(group: list[Finding]) -> Scored:
    failed = [f for f in group if not f.passed]
    worst = max(failed or group, key=lambda f: SEVERITY_WEIGHT[f.severity])
    kind = worst.kind
    critical = any(f.severity == "critical" for f in failed)
    return Scored(
        FINDING_CATEGORY[kind],
        kind,
        SEVERITY_WEIGHT[worst.severity],
        0.0 if failed else 1.0,
        critical,
    )


def _mean_score(parts: Iterable[Scored], kind: Kind) -> tuple[int | None, bool]:
    parts = list(parts)
    total = sum(p.weight for p in parts)
    if not total:
        return None, False
    goodness = sum(p.weight * p.goodness for p in parts) / total
    score = _round(100 * goodness if kind == "visibility" else 100 * (1 - goodness))
    capped = False
    if any(p.critical_failed for p in parts):
        if kind == "visibility" and score > CRITICAL_CAP:
            score, capped = CRITICAL_CAP, True
        elif kind == "risk" and score < 100 - CRITICAL_CAP:
            score, capped = 100 - CRITICAL_CAP, True
    return score, capped


def _round(value: float) -> int:
    """Half up, not Python's banker's rounding: 62.5 shows as 63 as people expect.

    Rounded to 9 places first, so that float error (62.4999…) does not decide.
    """
    return math.floor(round(value, 9) + 0.5)


def rating(score: int | None, kind: Kind) -> Rating:
    if score is None:
        return "unknown"
    if kind == "visibility":
        return "good" if score >= 75 else "fair" if score >= 50 else "poor"
    return "low" if score < 25 else "moderate" if score < 50 else "high"


def score_all(
    checklist: Checklist,
    answers: Sequence[AnswerResult],
    findings: Sequence[Finding],
    language: Language,
    finding_titles: Mapping[str, LocalText],
) -> Scores:
    parts = contributions(answers, findings)
    categories = []
    for category in checklist.categories:
        mine = [p for p in parts if p.category == category.id]
        score, capped = _mean_score(mine, category.kind)
        items = [a for a in answers if a.category == category.id]
        answered = sum(1 for a in items if a.status not in NOT_KNOWN)
        categories.append(
            CategoryScore(
                category.id,
                category.title.get(language),
                category.kind,
                score,
                rating(score, category.kind),
                answered,
                len(items),
                capped,
            )
        )
    for kind in KINDS:
        category_id = FINDING_CATEGORY[kind]
        mine = [p for p in parts if p.category == category_id]
        observed = [f for f in findings if f.kind == kind and SEVERITY_WEIGHT[f.severity]]
        if observed:
            score, capped = _mean_score(mine, kind)
            title = finding_titles[category_id].get(language)
            categories.append(
                CategoryScore(
                    category_id,
                    title,
                    kind,
                    score,
                    rating(score, kind),
                    len(observed),
                    len(observed),
                    capped,
                )
            )
    visibility, visibility_capped = _mean_score(
        (p for p in parts if p.kind == "visibility"), "visibility"
    )
    risk, risk_capped = _mean_score((p for p in parts if p.kind == "risk"), "risk")
    return Scores(
        visibility=visibility,
        visibility_rating=rating(visibility, "visibility"),
        risk=risk,
        risk_rating=rating(risk, "risk"),
        categories=tuple(categories),
        visibility_capped=visibility_capped,
        risk_capped=risk_capped,
    )


@dataclass
class _Candidate:
    """An action of the plan before ranking, with what orders it."""

    action: Action
    critical: bool
    urgency: float  # the gain of a fix; for a check, the points at stake
    order: int
    lifted: bool = False


def action_plan(
    checklist: Checklist,
    answers: Sequence[AnswerResult],
    findings: Sequence[Finding],
    language: Language,
    career_change: bool = False,
) -> tuple[Action, ...]:
    """Largest gain first: the headline points an action would win if fully done.

    A failed critical item comes first whatever its gain, since it caps its whole category; on a
    career change, the career items come next. An "I don't know" answer is a *check* action: it
    wins no points by itself, and is ordered by the points at stake (what its item would weigh in
    the headline if the check found the worst).
    """
    parts = contributions(answers, findings)
    totals = {kind: sum(p.weight for p in parts if p.kind == kind) for kind in KINDS}
    candidates: list[_Candidate] = []
    by_item: dict[str, int] = {}  # item id -> its place in candidates, for findings to join
    for order, answer in enumerate(answers):
        item = checklist.item(answer.id)
        assert item is not None
        lifted = career_change and item.lifted_on_career_change
        if answer.status == "to_check":
            stake = 100 * item.weight / (totals[item.kind] + item.weight)
            by_item[item.id] = len(candidates)
            action = _item_action(item, answer, 0.0, False, language, check=True)
            candidates.append(_Candidate(action, False, stake, order, lifted))
            continue
        if answer.points is None or answer.status == "pass":
            continue
        goodness = goodness_of(answer.points, answer.max_points)
        gain = 100 * answer.weight * (1 - goodness) / totals[answer.kind]
        critical = answer.critical and answer.status == "fail"
        by_item[item.id] = len(candidates)
        action = _item_action(item, answer, gain, critical, language)
        candidates.append(_Candidate(action, critical, gain, order, lifted))
    # One action per problem, however many profiles showed it; where it was seen is its evidence.
    # A problem is a check, or a check and its subject (risky content: one problem per category,
    # each with its own advice), whatever the profile.
    problems: dict[FindingKey, list[Finding]] = {}
    for finding in findings:
        if not finding.passed and SEVERITY_WEIGHT[finding.severity]:
            problems.setdefault(finding.key.problem, []).append(finding)
    for order, (key, failed) in enumerate(problems.items(), start=len(answers)):
        worst = max(failed, key=lambda f: SEVERITY_WEIGHT[f.severity])
        if worst.kind == "risk":  # risk counts once however many pages show it
            gain = 100 * SEVERITY_WEIGHT[worst.severity] / totals["risk"]
        else:
            gain = sum(100 * SEVERITY_WEIGHT[f.severity] for f in failed) / totals["visibility"]
        critical = worst.severity == "critical"
        titles = tuple(f.title for f in failed)
        joined = by_item.get(worst.item_id or "")
        if joined is not None and candidates[joined].action.kind == worst.kind:
            candidates[joined] = _joined(
                candidates[joined], checklist, worst, titles, gain, critical, language
            )
            continue
        action = Action(
            rank=0,
            id=f"fix-{key}",
            kind=worst.kind,
            title=worst.advice,
            steps=worst.steps,
            gain=round(gain, 1),
            critical=critical,
            source=worst.source,
            finding_id=worst.id,
            evidence=titles,
        )
        candidates.append(_Candidate(action, critical, gain, order))
    candidates.sort(key=lambda c: (not c.critical, not c.lifted, -c.urgency, c.order))
    return tuple(_with_rank(c.action, rank) for rank, c in enumerate(candidates, start=1))


def _joined(
    was: _Candidate,
    checklist: Checklist,
    finding: Finding,
    titles: tuple[str, ...],
    gain: float,
    critical: bool,
    language: Language,
) -> _Candidate:
    """A finding joins the action of the checklist item it bears on: one action, with what the
    pages show as its evidence. A check the visit answered becomes a fix: the evidence is there,
    so the item's own steps come first, then the checks for what the pages could not show."""
    action = was.action
    evidence = (*action.evidence, *titles)
    if action.type == "check":
        item = checklist.item(action.item_id or "")
        assert item is not None
        steps = tuple(dict.fromkeys(t.get(language) for t in (*item.steps, *item.check_steps)))
        fixed = replace(
            action,
            id=f"improve-{item.id}",
            type="fix",
            title=item.advice.get(language),
            steps=steps,
            gain=round(gain, 1),
            critical=critical,
            finding_id=finding.id,
            evidence=evidence,
        )
        return _Candidate(fixed, critical, gain, was.order, was.lifted)
    total = was.urgency + gain
    merged = replace(
        action,
        gain=round(total, 1),
        critical=was.critical or critical,
        finding_id=finding.id,
        evidence=evidence,
    )
    return _Candidate(merged, was.critical or critical, total, was.order, was.lifted)


def _item_action(
    item: Item,
    answer: AnswerResult,
    gain: float,
    critical: bool,
    language: Language,
    check: bool = False,
) -> Action:
    """An answered item's action: a fix with its steps, or a check with the steps to find out."""
    return Action(
        rank=0,
        id=f"{'check' if check else 'improve'}-{item.id}",
        kind=item.kind,
        title=answer.advice or item.advice.get(language),
        steps=tuple(step.get(language) for step in (item.check_steps if check else item.steps)),
        gain=round(gain, 1),
        critical=critical,
        source=item.source,
        item_id=item.id,
        type="check" if check else "fix",
    )


def _with_rank(action: Action, rank: int) -> Action:
    return replace(action, rank=rank)


def verdict(
    checklist: Checklist, answers: Mapping[str, Answer], scores: Scores, language: Language
) -> Verdict:
    """The article's question answered for this person: first matching rule, others as notes."""

    def holds(conditions: Mapping[str, tuple[str, ...]]) -> bool:
        return all(
            answers.get(item_id) is not None and answers[item_id].value in values
            for item_id, values in conditions.items()
        )

    def excepted(rule: VerdictRule) -> bool:
        return any(holds({item_id: values}) for item_id, values in rule.unless.items())

    matching = [
        rule
        for rule in checklist.verdicts
        if holds(rule.answers)
        and not excepted(rule)
        and (rule.risk_at_least is None or (scores.risk or 0) >= rule.risk_at_least)
        and (
            rule.visibility_below is None
            or (scores.visibility is not None and scores.visibility < rule.visibility_below)
        )
        and (not rule.unscored or (scores.visibility is None and scores.risk is None))
    ]
    if not matching:
        return Verdict("none", "", "")
    first, *others = matching
    notes = tuple(
        VerdictNote(rule.id, rule.title.get(language), rule.text.get(language))
        for rule in others
        if not rule.is_fallback
    )
    return Verdict(first.id, first.title.get(language), first.text.get(language), notes)
