"""Rendering cost of the reports: a large result (100 profiles, 1,000 findings) beside a small one.

Prints the median time of HTML and Markdown rendering for each, and the HTML page size, and the
cost of arranging a large plan (`plan.arrange`: merging duplicates, horizons).
Target: the large HTML report renders in under 0.5 s.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from ereputation.formats.html import FORMATTER as HTML
from ereputation.formats.markdown import FORMATTER as MARKDOWN
from ereputation.formats.sanitise import single_line
from ereputation.model import (
    HORIZONS,
    SEVERITIES,
    Action,
    AnswerResult,
    AuditInfo,
    AuditResult,
    CategoryScore,
    ChecklistInfo,
    Finding,
    FindingKey,
    PiiExposure,
    ProfileResult,
    RiskTerm,
    Scores,
    Subject,
    Verdict,
    WhereAdvice,
)
from ereputation.plan import arrange

RUNS = 7
TARGET_SECONDS = 0.5


def profile(index: int) -> ProfileResult:
    return ProfileResult(
        url=f"https://social{index}.example/camille-martin",
        network=f"network{index}",
        kind="professional",
        status="ok" if index % 4 else "login_required",
        reason="fetched",
        http_status=200,
        elapsed_ms=300 + index,
        title=f"Camille Martin – Data analyst ({index})",
        description="SQL, Python and dashboards for public health data",
        name_found=True,
        photo=index % 2 == 0,
        headline="Data analyst · SQL · Python",
        keywords_found=("SQL", "Python"),
        keywords_missing=("Power BI",),
        pii=(PiiExposure("email", "c••••••n@e••••••.org"), PiiExposure("phone", "06 •• •• 78")),
        risk_terms=(RiskTerm("alcohol_party", "…une soirée complètement b•••••é…"),),
    )


def finding(index: int) -> Finding:
    return Finding(
        key=FindingKey(f"finding_{index}"),
        kind="risk" if index % 3 else "visibility",
        severity=SEVERITIES[index % len(SEVERITIES)],
        title=f"Finding number {index} on a public profile",
        advice="Make this post private or delete it, and ask friends not to tag you.",
        source="C:Charlyee",
        passed=index % 5 == 0,
        profile_url=f"https://social{index % 100}.example/camille-martin",
        evidence=("…an excerpt of the page, masked: b•••••é…",),
        steps=("Open the post.", "Change who can see it to 'Only me'."),
    )


def result(profiles: int, findings: int) -> AuditResult:
    answers = tuple(
        AnswerResult(
            id=f"item_{i}",
            category=("strategy", "profile", "content")[i % 3],
            kind="risk" if i % 3 == 2 else "visibility",
            question=f"Question number {i} of the checklist?",
            answer="partly",
            answer_label="Partly",
            points=1.0,
            max_points=2.0,
            weight=2.0,
            critical=i == 0,
            status="partial",
            advice="Do a little more of this every week.",
            source="P1",
        )
        for i in range(34)
    )
    failed = [f for f in (finding(i) for i in range(findings)) if not f.passed]
    actions = tuple(
        Action(
            rank=rank,
            id=f"fix-{f.id}",
            kind=f.kind,
            title=f"{f.advice} ({f.id})",
            steps=tuple(f"{step} ({f.id})" for step in f.steps),
            gain=1.5,
            critical=f.severity == "critical",
            source=f.source,
            finding_id=f.id,
            horizon=HORIZONS[min(rank // 5, 2)] if rank > 5 else "this_week",
            evidence=f.evidence,
        )
        for rank, f in enumerate(failed, start=1)
    )
    where = tuple(
        WhereAdvice(
            network=f"network{i}",
            name=f"Network {i}",
            recommendation=("create", "complete", "keep", "make_private", "optional")[i % 5],
            reason="Recruiters in your trade look here first: create a simple, complete profile.",
            declared=i % 2 == 0,
            url=f"https://social{i}.example/camille-martin" if i % 2 == 0 else None,
            priority=("essential", "useful", "optional")[i % 3],
            code="create_essential",
        )
        for i in range(profiles + 5)
    )
    return AuditResult(
        tool_version="0.1.0",
        generated_at="2026-03-01T09:30:00+00:00",
        language="fr",
        subject=Subject("Camille Martin", "Data analyst", ("SQL", "Python", "Power BI")),
        info=AuditInfo(True, True, False, counsellor="Dominique Leroy"),
        checklist=ChecklistInfo("default", "1.0.0", "Checklist", "Article"),
        answers=answers,
        scores=Scores(
            visibility=55,
            visibility_rating="fair",
            risk=45,
            risk_rating="moderate",
            categories=(
                CategoryScore("strategy", "Stratégie", "visibility", 50, "fair", 12, 12),
                CategoryScore("profile", "Profil", "visibility", 60, "fair", 11, 11),
                CategoryScore("content", "Contenus", "risk", 45, "moderate", 11, 11),
            ),
        ),
        verdict=Verdict("v", "Objectif d'abord", "Définissez un objectif."),
        actions=actions,
        findings=tuple(finding(i) for i in range(findings)),
        profiles=tuple(profile(i) for i in range(profiles)),
        where=where,
    )


def median_seconds(render: Callable[[AuditResult], str], subject: AuditResult) -> float:
    render(subject)  # warm-up: template compilation and message loading are paid once
    times = []
    for _ in range(RUNS):
        single_line.cache_clear()  # each run sanitises the result afresh, as a real audit does
        start = time.perf_counter()
        render(subject)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    small, large = result(1, 5), result(100, 1000)
    start = time.perf_counter()
    HTML.render(small)
    cold = time.perf_counter() - start
    print(f"first HTML render (imports Jinja2, compiles the templates): {cold * 1000:.1f} ms")
    print(f"report rendering, median of {RUNS} runs after a warm-up")
    for name, subject in (("1 profile, 5 findings", small), ("100 profiles, 1000 findings", large)):
        html_time = median_seconds(HTML.render, subject)
        md_time = median_seconds(MARKDOWN.render, subject)
        size = len(HTML.render(subject).encode("utf-8"))
        print(
            f"  {name:<28} html {html_time * 1000:7.1f} ms ({size / 1024:6.0f} KiB)"
            f"   md {md_time * 1000:7.1f} ms"
        )
    plan = large.actions * 5  # 4,000 actions, each title five times: merged back to 800
    start = time.perf_counter()
    arranged = arrange(plan)
    print(
        f"  plan.arrange: {len(plan)} actions -> {len(arranged)} in "
        f"{(time.perf_counter() - start) * 1000:.1f} ms"
    )
    start = time.perf_counter()
    HTML.render(large)
    verdict = "ok" if time.perf_counter() - start < TARGET_SECONDS else "OVER TARGET"
    print(f"  target: large HTML under {TARGET_SECONDS} s -> {verdict}")


if __name__ == "__main__":
    main()
