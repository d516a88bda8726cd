"""Checks on one profile: each a small function (visit, view, context) -> findings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ereputation.checks.base import CheckContext, RecruiterView, Visit, raise_severity
from ereputation.i18n import Language
from ereputation.model import SEVERITIES, Finding, Severity
from ereputation.vocabulary import PERSONAL_KINDS, PROFESSIONAL_KINDS, UNSEEN_STATUSES

if TYPE_CHECKING:
    from ereputation.detect.risk_terms import RiskMatch

ProfileCheck = Callable[[Visit, RecruiterView, CheckContext], list[Finding]]


def reachability(visit: Visit, view: RecruiterView, ctx: CheckContext) -> list[Finding]:
    network = ctx.network(visit)
    if visit.status == "not_found":
        return [
            ctx.finding("profile_not_found", passed=False, profile_url=visit.url, network=network)
        ]
    refused = visit.status == "skipped" and visit.reason.code != "offline"
    if visit.seen and visit.partly_read:
        return [ctx.finding("partly_read", passed=False, profile_url=visit.url, network=network)]
    # Not seen: the honest answer is "check it yourself" (offline audits say nothing).
    if (visit.status in UNSEEN_STATUSES and visit.status != "skipped") or refused:
        return [
            ctx.finding(
                "could_not_verify",
                passed=False,
                profile_url=visit.url,
                network=network,
                reason=visit.reason_text(ctx.language, ctx.show_pii, ctx.phone_regions),
            )
        ]
    return []


def name_shown(visit: Visit, view: RecruiterView, ctx: CheckContext) -> list[Finding]:
    if not visit.seen or view.name is None:
        return []
    evidence = (view.name.matched,) if view.name.found else ()
    return [
        ctx.finding(
            "name_shown",
            passed=view.name.found,
            profile_url=visit.url,
            evidence=evidence,
            network=ctx.network(visit),
        )
    ]


def photo_shown(visit: Visit, view: RecruiterView, ctx: CheckContext) -> list[Finding]:
    if not visit.seen or visit.network.kind not in PROFESSIONAL_KINDS:
        return []  # a missing photo on a personal page is no weakness
    severity: Severity | None = "medium" if visit.network.job_search_weight >= 3 else None
    return [
        ctx.finding(
            "photo_shown",
            passed=bool(view.photo),
            profile_url=visit.url,
            severity=severity,
            network=ctx.network(visit),
        )
    ]


def headline_matches_role(visit: Visit, view: RecruiterView, ctx: CheckContext) -> list[Finding]:
    if not visit.seen or view.headline_matches is None:
        return []
    if visit.network.kind not in PROFESSIONAL_KINDS and visit.network.id != "website":
        return []
    return [
        ctx.finding(
            "headline_matches_role",
            passed=view.headline_matches,
            profile_url=visit.url,
            evidence=(view.headline or "",),
            network=ctx.network(visit),
            role=ctx.person.target_role or "",
        )
    ]


def keywords_present(visit: Visit, view: RecruiterView, ctx: CheckContext) -> list[Finding]:
    if not visit.seen or not ctx.person.keywords:
        return []
    if visit.network.kind in PERSONAL_KINDS and visit.network.id != "website":
        return []
    found, missing = view.keywords_found, view.keywords_missing
    passed = 2 * len(found) >= len(found) + len(missing)
    return [
        ctx.finding(
            "keywords_present",
            passed=passed,
            profile_url=visit.url,
            network=ctx.network(visit),
            found=", ".join(found) or "–",
            missing=", ".join(missing) or "–",
        )
    ]


def profile_alive(visit: Visit, view: RecruiterView, ctx: CheckContext) -> list[Finding]:
    if not visit.seen:
        return []
    if visit.network.kind in PERSONAL_KINDS and not visit.network.is_fallback:
        return _personal_account_stale(visit, view, ctx)
    if visit.network.kind not in PROFESSIONAL_KINDS:
        return []
    out = []
    if view.empty:
        out.append(
            ctx.finding(
                "profile_empty", passed=False, profile_url=visit.url, network=ctx.network(visit)
            )
        )
    if view.newest_date is not None:
        stale = (ctx.today - view.newest_date).days > ctx.stale_after_days
        out.append(
            ctx.finding(
                "profile_stale",
                passed=not stale,
                profile_url=visit.url,
                network=ctx.network(visit),
                date=view.newest_date.isoformat(),
            )
        )
    return out


def _personal_account_stale(visit: Visit, view: RecruiterView, ctx: CheckContext) -> list[Finding]:
    """A personal account nobody posts on any more still shows its old posts: the advice is to
    close it or make it private, not to revive it. Still the `profile_stale` check (the where
    advice reads it as "close"), with the subject "personal" and texts of its own. An account in
    use is no merit in itself: only the stale one is reported."""
    if view.newest_date is None or (ctx.today - view.newest_date).days <= ctx.stale_after_days:
        return []
    return [
        ctx.finding(
            "profile_stale",
            texts="personal_account_stale",
            passed=False,
            key="personal",
            profile_url=visit.url,
            network=ctx.network(visit),
            date=view.newest_date.isoformat(),
        )
    ]


def exposed_personal_data(visit: Visit, view: RecruiterView, ctx: CheckContext) -> list[Finding]:
    if not visit.seen:
        return []
    out = []
    for kind in ("phone", "address", "birthdate", "email"):
        matches = [m for m in view.pii if m.kind == kind]
        if not matches and visit.partly_read:
            continue  # not found in the part read is not "not there"
        shown = tuple(m.value if ctx.show_pii else m.value_masked for m in matches)
        out.append(
            ctx.finding(
                f"pii_{kind}",
                passed=not matches,
                profile_url=visit.url,
                evidence=shown,
                network=ctx.network(visit),
                value=", ".join(shown[:3]),
            )
        )
    return out


# Each excerpt says which words set the finding off (masked like the excerpt): with phrase
# patterns and context rules, the excerpt alone no longer shows why it was flagged.
_FOUND_BY = {"fr": "repéré par : {trigger}", "en": "found by: {trigger}"}


def _risk_evidence(match: RiskMatch, language: Language) -> str:
    from ereputation.detect.meaning import model_score  # loaded with the page readers

    score = model_score(match)
    if score is not None:  # no word set it off: the passage's meaning did, with this score
        from ereputation.messages import messages

        words = messages(language)
        # A share a reader knows ("73 %"), not a score between 0 and 1.
        return words["risk_evidence_meaning"].format(
            excerpt=match.excerpt_masked, confidence=round(score * 100)
        )
    if not match.trigger:
        return match.excerpt_masked
    found_by = _FOUND_BY.get(language, _FOUND_BY["en"]).format(trigger=match.trigger)
    return f"{match.excerpt_masked} ({found_by})"


def risky_content(visit: Visit, view: RecruiterView, ctx: CheckContext) -> list[Finding]:
    if not visit.seen:
        return []
    public_personal = visit.network.kind in PERSONAL_KINDS
    out = []
    for category_id in dict.fromkeys(r.category for r in view.risks):
        matches = [r for r in view.risks if r.category == category_id]
        assert ctx.lexicon is not None
        category = ctx.lexicon.category(category_id)
        # The worst severity among the matches: SEVERITIES runs from worst to mildest.
        severity: Severity = min((m.severity for m in matches), key=SEVERITIES.index)
        if public_personal:
            severity = raise_severity(severity)
        label = category.label.get(ctx.language) or category_id
        finding = ctx.finding(
            "risky_content",
            passed=False,
            profile_url=visit.url,
            severity=severity,
            evidence=tuple(_risk_evidence(m, ctx.language) for m in matches),
            key=category_id,
            network=ctx.network(visit),
            label=label,
            excerpt=matches[0].excerpt_masked,
        )
        # Each category has its own advice, and may bear on its own checklist item (drugs on
        # "sensitive_posts"): the plan then merges the finding with that item's action.
        advice = category.advice.get(ctx.language) or finding.advice
        out.append(replace(finding, advice=advice, item_id=category.item))
    if not view.risks and not visit.partly_read:
        out.append(
            ctx.finding(
                "risky_content", passed=True, profile_url=visit.url, network=ctx.network(visit)
            )
        )
    return out


PROFILE_CHECKS: tuple[ProfileCheck, ...] = (
    reachability,
    name_shown,
    photo_shown,
    headline_matches_role,
    keywords_present,
    profile_alive,
    exposed_personal_data,
    risky_content,
)
