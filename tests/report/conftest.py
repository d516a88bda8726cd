"""Sample AuditResults built straight from the model's dataclasses, and a hostile variant.

The samples cover every profile status, every severity (failed and passed), every answer status,
every kind of personal data, risky content, a capped score and a score that does not exist, so
that each branch of the report templates is rendered at least once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import get_args

import pytest

from ereputation.i18n import Language
from ereputation.model import (
    SEVERITIES,
    Action,
    AnswerResult,
    AuditInfo,
    AuditResult,
    CategoryScore,
    ChecklistInfo,
    ChosenTrade,
    Finding,
    FindingKey,
    PiiExposure,
    ProfileResult,
    ProfileStatus,
    RiskTerm,
    Scores,
    Subject,
    Verdict,
    VerdictNote,
    WhereAdvice,
)
from ereputation.where_texts import RECOMMENDATION_OF

# Markup and URL tricks planted in every scraped and configured text field of the hostile sample.
HOSTILE = (
    "</title></style><script>alert(1)</script>"
    '<img src=x onerror="alert(2)"><a href="javascript:alert(3)">x</a>'
    "<svg onload=alert(4)></svg>]]>-->*_[md](javascript:alert(5))"
)
HOSTILE_URLS = (
    "javascript:alert(6)",
    "data:text/html,<script>alert(7)</script>",
    " JavaScript:alert(8)",
    "vbscript:msgbox(9)",
    "//evil.example/x",
)

ALL_STATUSES: tuple[ProfileStatus, ...] = get_args(ProfileStatus)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives a real Chromium through Playwright (skipped when absent)"
    )


def _t(language: Language, fr: str, en: str) -> str:
    return fr if language == "fr" else en


def _answers(language: Language) -> tuple[AnswerResult, ...]:
    def answer(
        id: str, category: str, kind: str, status: str, points: float | None, **kw: object
    ) -> AnswerResult:
        labels = {
            "pass": ("Oui", "Yes"),
            "partial": ("En partie", "Partly"),
            "fail": ("Non", "No"),
            "to_check": ("Je ne sais pas", "I don't know"),
        }
        label = labels.get(status, ("Pas concerné", "Does not apply"))
        return AnswerResult(
            id=id,
            category=category,
            kind=kind,  # type: ignore[arg-type]
            question=_t(language, f"Question {id} ?", f"Question {id}?"),
            answer=None if status == "unanswered" else status,
            answer_label=None if status == "unanswered" else _t(language, *label),
            points=points,
            max_points=2.0,
            weight=2.0,
            critical=bool(kw.get("critical", False)),
            status=status,  # type: ignore[arg-type]
            advice=None if status in ("pass", "not_applicable") else f"Advice {id}",
            source="N3",
            note=kw.get("note"),  # type: ignore[arg-type]
        )

    return (
        answer("objective_defined", "strategy", "visibility", "partial", 1.0, critical=True),
        answer("time_budget", "strategy", "visibility", "unanswered", None),
        answer("profile_complete", "profile", "visibility", "pass", 2.0, note="seen 2024"),
        answer("keywords_present", "profile", "visibility", "fail", 0.0),
        answer("party_photos", "content", "risk", "fail", 0.0, critical=True),
        answer("privacy_settings", "content", "risk", "pass", 2.0),
        answer("tagging", "content", "risk", "not_applicable", None),
        answer("asked_others", "strategy", "visibility", "unanswered", None),
        answer("name_searched", "footprint", "risk", "to_check", None),
    )


def _profiles(language: Language) -> tuple[ProfileResult, ...]:
    ok = ProfileResult(
        url="https://www.linkedin.com/in/camille-martin-example",
        network="linkedin",
        kind="professional",
        status="ok",
        reason="fetched",
        http_status=200,
        final_url="https://www.linkedin.com/in/camille-martin-example/",
        elapsed_ms=412,
        content_type="text/html",
        title="Camille Martin – Data analyst",
        description="SQL, Python, dashboards",
        name_found=True,
        photo=True,
        headline="Data analyst · SQL · Python",
        keywords_found=("SQL", "Python"),
        keywords_missing=("Power BI",),
        pii=(
            PiiExposure("email", "c••••••••••••n@e••••••.org"),
            PiiExposure("phone", "06 •• •• •• 78"),
            PiiExposure("address", "12 rue •••••• 75011 Paris"),
            PiiExposure("birthdate", "••/••/1990"),
        ),
        risk_terms=(
            RiskTerm(
                "alcohol_party",
                "…une soirée complètement b•••••é hier…",
                _t(language, "Alcool et soirées", "Alcohol and parties"),
            ),
            RiskTerm(
                "employer_disparagement",
                "…mon patron est un i•••••e…",
                _t(language, "Dénigrement", "Disparaging remarks"),
            ),
        ),
        links_to=("https://github.com/cmartin-example",),
        truncated=True,
    )
    others = [
        ProfileResult(
            url=f"https://{status.replace('_', '-')}.example/cmartin",
            network=f"net_{status}",
            kind="unknown",
            status=status,
            reason=f"reason for {status}",
            http_status=404 if status == "not_found" else None,
        )
        for status in ALL_STATUSES
        if status != "ok"
    ]
    # An ok profile where nothing was found, and one with a URL that must not become a link.
    bare = ProfileResult(
        url="https://github.com/cmartin-example",
        network="github",
        kind="code",
        status="ok",
        reason="fetched",
        http_status=200,
        name_found=False,
        photo=False,
        keywords_missing=("SQL", "Python"),
        label="GitHub",
    )
    odd = replace(others[-1], url="ftp://files.example/cv.pdf", network="ftp")
    return (ok, *others, bare, odd)


def _findings(language: Language) -> tuple[Finding, ...]:
    out = []
    for severity in SEVERITIES:
        for passed in (False, True):
            out.append(
                Finding(
                    key=FindingKey(f"{severity}_{'pass' if passed else 'fail'}"),
                    kind="risk" if severity in ("critical", "high") else "visibility",
                    severity=severity,
                    title=_t(
                        language,
                        f"Constat {severity} {'réussi' if passed else 'à traiter'}",
                        f"Finding {severity} {'passed' if passed else 'to fix'}",
                    ),
                    advice=f"Advice for {severity}",
                    source="P1",
                    passed=passed,
                    profile_url="https://www.linkedin.com/in/camille-martin-example",
                    evidence=(f"evidence {severity} •••",),
                    steps=(f"step one {severity}", f"step two {severity}"),
                )
            )
    return tuple(out)


# The plan's horizons in the full sample: two this week, two this month, one ongoing.
HORIZON_OF_RANK = {1: "this_week", 2: "this_week", 3: "this_month", 4: "this_month", 5: "ongoing"}


def _actions() -> tuple[Action, ...]:
    return tuple(
        Action(
            rank=rank,
            id=f"improve-item{rank}",
            kind="risk" if rank in (1, 4) else "visibility",
            title=f"Action title {rank}",
            steps=(f"Step {rank}.1", f"Step {rank}.2"),
            gain=round(40.0 / rank, 1),
            critical=rank == 1,
            source="N3",
            item_id=f"item{rank}",
            type="check" if rank == 2 else "fix",
            horizon=HORIZON_OF_RANK[rank],  # type: ignore[arg-type]
            evidence=(f"Evidence {rank} •••",) if rank in (1, 3) else (),
        )
        for rank in range(1, 6)
    )


def _where(language: Language) -> tuple[WhereAdvice, ...]:
    """One piece of advice per reason code: every recommendation, declared or not."""
    out = []
    for index, (code, rec) in enumerate(RECOMMENDATION_OF.items()):
        declared = index % 2 == 0
        out.append(
            WhereAdvice(
                network=f"net{index}",
                name=f"Network {index}",
                recommendation=rec,
                reason=_t(language, f"Raison {code}.", f"Reason {code}."),
                declared=declared,
                url=f"https://example.org/net{index}/camille" if declared else None,
                priority=("essential", "useful", "optional")[index % 3],
                code=code,
            )
        )
    return tuple(out)


def _trade(language: Language) -> ChosenTrade:
    return ChosenTrade(
        "data",
        _t(language, "Data et IA", "Data and AI"),
        True,
        _t(language, "déduit du poste visé", "inferred from your target role"),
        _t(language, "écrivez trade", "write trade"),
    )


def make_result(language: Language = "en") -> AuditResult:
    """A full result: every branch of the report has something to show."""
    categories = (
        CategoryScore(
            "strategy", _t(language, "Stratégie", "Strategy"), "visibility", 50, "fair", 1, 3
        ),
        CategoryScore(
            "profile", _t(language, "Profil", "Profile"), "visibility", 40, "poor", 2, 2, True
        ),
        CategoryScore(
            "network", _t(language, "Réseau", "Network"), "visibility", None, "unknown", 0, 2
        ),
        CategoryScore(
            "content", _t(language, "Contenus", "Content"), "risk", 60, "high", 2, 3, True
        ),
        CategoryScore(
            "privacy", _t(language, "Confidentialité", "Privacy"), "risk", 20, "low", 1, 1
        ),
        CategoryScore(
            "exposure", _t(language, "Exposition", "Exposure"), "risk", 33, "moderate", 6, 6
        ),
    )
    return AuditResult(
        tool_version="0.1.0",
        generated_at="2026-03-01T09:30:00+00:00",
        language=language,
        subject=Subject("Camille Martin", "Data analyst", ("SQL", "Python", "Power BI")),
        info=AuditInfo(
            checked_answers=True,
            checked_profiles=True,
            offline=False,
            counsellor="Dominique Leroy",
            client_reference="CL-2026-042",
            consent_date="2026-02-27",
            audit_date="2026-02-28",
            note=_t(language, "Premier entretien.", "First interview."),
            config_file="camille.toml",
        ),
        checklist=ChecklistInfo("mini", "0.1", "Mini", _t(language, "L'article", "The article")),
        answers=_answers(language),
        scores=Scores(
            visibility=40,
            visibility_rating="poor",
            risk=60,
            risk_rating="high",
            categories=categories,
            visibility_capped=True,
            risk_capped=True,
        ),
        verdict=Verdict(
            "define_objective",
            _t(language, "Objectif d'abord", "Objective first"),
            _t(language, "Définissez un objectif.", "Define an objective."),
            (VerdictNote("clean_up", _t(language, "Nettoyez", "Clean up"), "Clean up first."),),
        ),
        actions=_actions(),
        findings=_findings(language),
        profiles=_profiles(language),
        where=_where(language),
        trade=_trade(language),
    )


def make_empty_result(language: Language = "en") -> AuditResult:
    """Nothing answered, nothing visited: every score is missing and every list empty."""
    return AuditResult(
        tool_version="0.1.0",
        generated_at="2026-01-01T00:00:00+00:00",
        language=language,
        subject=Subject("Alex Doe", None, ()),
        info=AuditInfo(checked_answers=False, checked_profiles=False, offline=True),
        checklist=ChecklistInfo("mini", "0.1", "Mini", "Article"),
        answers=(),
        scores=Scores(None, "unknown", None, "unknown", ()),
        verdict=Verdict("none", "", ""),
        actions=(),
    )


def make_hostile_result(language: Language = "en") -> AuditResult:
    """The full sample with markup planted in every text that comes from a page or a config."""
    base = make_result(language)
    profiles = []
    for index, p in enumerate(base.profiles):
        profiles.append(
            replace(
                p,
                url=HOSTILE_URLS[index % len(HOSTILE_URLS)] if index % 2 else p.url,
                final_url=HOSTILE_URLS[0] if p.status == "ok" else p.final_url,
                label=HOSTILE,
                network=HOSTILE,
                reason=HOSTILE,
                title=HOSTILE,
                description=HOSTILE,
                headline=HOSTILE,
                keywords_found=(HOSTILE,),
                keywords_missing=(HOSTILE,),
                pii=tuple(replace(x, value_masked=HOSTILE) for x in p.pii),
                risk_terms=tuple(replace(t, excerpt_masked=HOSTILE) for t in p.risk_terms),
                links_to=(*HOSTILE_URLS, HOSTILE),
            )
        )
    findings = tuple(
        replace(
            f,
            title=HOSTILE,
            advice=HOSTILE,
            evidence=(HOSTILE,),
            steps=(HOSTILE,),
            profile_url=HOSTILE_URLS[i % len(HOSTILE_URLS)],
        )
        for i, f in enumerate(base.findings)
    )
    return replace(
        base,
        subject=Subject(HOSTILE, HOSTILE, (HOSTILE, "SQL")),
        info=replace(base.info, counsellor=HOSTILE, client_reference=HOSTILE, note=HOSTILE),
        checklist=replace(base.checklist, title=HOSTILE, source=HOSTILE),
        answers=tuple(replace(a, question=HOSTILE, note=HOSTILE) for a in base.answers),
        verdict=Verdict("v", HOSTILE, HOSTILE, (VerdictNote("n", HOSTILE, HOSTILE),)),
        actions=tuple(
            replace(a, title=HOSTILE, steps=(HOSTILE,), evidence=(HOSTILE,)) for a in base.actions
        ),
        profiles=tuple(profiles),
        findings=findings,
        where=tuple(
            replace(
                a,
                network=HOSTILE,
                name=HOSTILE,
                reason=HOSTILE,
                code=HOSTILE,
                url=HOSTILE_URLS[i % len(HOSTILE_URLS)] if a.declared else None,
            )
            for i, a in enumerate(base.where)
        ),
        trade=ChosenTrade(HOSTILE, HOSTILE, True, HOSTILE, HOSTILE),
    )


Builder = Callable[[Language], AuditResult]


@pytest.fixture(params=["fr", "en"])
def language(request: pytest.FixtureRequest) -> Language:
    value: Language = request.param
    return value


@pytest.fixture
def full_result(language: Language) -> AuditResult:
    return make_result(language)


@pytest.fixture
def empty_result(language: Language) -> AuditResult:
    return make_empty_result(language)


@pytest.fixture
def hostile_result(language: Language) -> AuditResult:
    return make_hostile_result(language)


@pytest.fixture(params=["full", "empty", "hostile"])
def any_result(request: pytest.FixtureRequest, language: Language) -> AuditResult:
    builders: dict[str, Builder] = {
        "full": make_result,
        "empty": make_empty_result,
        "hostile": make_hostile_result,
    }
    return builders[request.param](language)


@pytest.fixture
def make_full() -> Builder:
    """Builds the full sample in a given language (tests import fixtures, not this module)."""
    return make_result


@pytest.fixture
def make_hostile() -> Builder:
    return make_hostile_result


@pytest.fixture
def hostile_text() -> str:
    return HOSTILE


@pytest.fixture
def hostile_urls() -> tuple[str, ...]:
    return HOSTILE_URLS
