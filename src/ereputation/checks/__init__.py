"""Profile checks: each a small function producing findings, all listed in one registry here."""

from __future__ import annotations

from collections.abc import Sequence

from ereputation.checks.base import CheckContext, RecruiterView, Visit
from ereputation.checks.cross import CROSS_CHECKS
from ereputation.checks.profile import PROFILE_CHECKS
from ereputation.model import Finding

__all__ = ["CROSS_CHECKS", "PROFILE_CHECKS", "CheckContext", "Visit", "run_checks"]


def run_checks(
    visits: Sequence[Visit], ctx: CheckContext
) -> tuple[list[RecruiterView], list[Finding]]:
    declared = [v.url for v in visits]
    if any(v.seen for v in visits):
        from ereputation.checks.view import analyse  # reads pages: heavy, and only needed then

        views = [analyse(v, ctx, declared) for v in visits]
    else:
        views = [RecruiterView() for _ in visits]
    findings: list[Finding] = []
    for visit, view in zip(visits, views, strict=True):
        for check in PROFILE_CHECKS:
            findings.extend(check(visit, view, ctx))
    for cross in CROSS_CHECKS:
        findings.extend(cross(visits, views, ctx))
    return views, findings
