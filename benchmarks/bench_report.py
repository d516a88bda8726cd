"""Rendering cost of the reports: a large result (100 profiles, 1,000 findings) beside a small one.

Prints the median time of HTML and Markdown rendering for each, and the HTML page size.
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
)

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
            title=f.advice,
            steps=f.steps,
            gain=1.5,
            critical=f.severity == "critical",
            source=f.source,
            finding_id=f.id,
        )
        for rank, f in enumerate(failed, start=1)
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
    start = time.perf_counter()
    HTML.render(large)
    verdict = "ok" if time.perf_counter() - start < TARGET_SECONDS else "OVER TARGET"
    print(f"  target: large HTML under {TARGET_SECONDS} s -> {verdict}")


if __name__ == "__main__":
    main()
