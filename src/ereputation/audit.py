"""run(profile, options) -> AuditResult: the one place that wires I/O to the pure core."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ereputation import __version__
from ereputation.checklist import Checklist, answer_problems, load_checklist
from ereputation.config import Profile
from ereputation.errors import ConfigError, Problem
from ereputation.i18n import Language
from ereputation.messages import local
from ereputation.model import (
    AuditInfo,
    AuditResult,
    ChecklistInfo,
    Finding,
    ProfileResult,
    Subject,
)
from ereputation.resources import default_checklist_path
from ereputation.scoring import (
    FINDING_CATEGORY,
    action_plan,
    score_all,
    score_answers,
    verdict,
)


@dataclass(frozen=True)
class AuditOptions:
    language: Language | None = None
    checklist_path: Path | None = None
    offline: bool = False
    timeout: float = 15.0
    allow_private: bool = False
    concurrency: int = 16
    show_pii: bool = False
    now: dt.datetime | None = None


def checklist_path_for(profile: Profile, override: Path | None) -> Path:
    """`--checklist` wins; else the config's own `checklist` key, relative to the config file."""
    if override is not None:
        return override
    if profile.checklist:
        base = profile.path.parent if profile.path else Path()
        return base / profile.checklist
    return default_checklist_path()


def check_answers(profile: Profile, checklist: Checklist) -> None:
    problems = problems_of(profile, checklist)
    if problems:
        raise ConfigError(problems)


def declared_profiles(profile: Profile, offline: bool) -> tuple[ProfileResult, ...]:
    """Profiles as the config declares them, before (or instead of) visiting them."""
    reason = "offline: not visited" if offline else "not visited: profile checks are not enabled"
    return tuple(
        ProfileResult(
            url=p.url,
            network=p.network or "website",
            kind="unknown",
            status="skipped",
            reason=reason,
            label=p.label,
        )
        for p in profile.profiles
    )


def run(profile: Profile, options: AuditOptions) -> AuditResult:
    checklist = load_checklist(checklist_path_for(profile, options.checklist_path))
    check_answers(profile, checklist)
    language: Language = options.language or profile.person.language
    profiles = declared_profiles(profile, options.offline)
    findings: tuple[Finding, ...] = ()
    return assemble(profile, checklist, language, profiles, findings, options)


def assemble(
    profile: Profile,
    checklist: Checklist,
    language: Language,
    profiles: tuple[ProfileResult, ...],
    findings: tuple[Finding, ...],
    options: AuditOptions,
) -> AuditResult:
    """Score and package everything; pure given its inputs (the clock comes from options)."""
    answers = score_answers(checklist, profile.answers, language)
    titles = {cid: local(f"category_{cid}") for cid in FINDING_CATEGORY.values()}
    scores = score_all(checklist, answers, findings, language, titles)
    now = options.now or dt.datetime.now(dt.timezone.utc)
    context = profile.audit
    return AuditResult(
        tool_version=__version__,
        generated_at=now.isoformat(timespec="seconds"),
        language=language,
        subject=Subject(profile.person.name, profile.person.target_role, profile.person.keywords),
        info=AuditInfo(
            checked_answers=bool(profile.answers),
            checked_profiles=any(p.status != "skipped" for p in profiles),
            offline=options.offline,
            counsellor=context.counsellor,
            client_reference=context.client_reference,
            consent_date=context.consent_date.isoformat() if context.consent_date else None,
            audit_date=context.date.isoformat() if context.date else None,
            note=context.note,
            config_file=profile.path.name if profile.path else None,
        ),
        checklist=ChecklistInfo(
            checklist.id,
            checklist.version,
            checklist.title.get(language),
            checklist.source.get(language),
        ),
        answers=answers,
        scores=scores,
        verdict=verdict(checklist, profile.answers, scores, language),
        actions=action_plan(checklist, answers, findings, language),
        findings=findings,
        profiles=profiles,
        pii_masked=not options.show_pii,
    )


def problems_of(profile: Profile, checklist: Checklist) -> list[Problem]:
    where = f"{profile.path}: answers" if profile.path else "answers"
    return answer_problems(checklist, profile.answer_values, where)
