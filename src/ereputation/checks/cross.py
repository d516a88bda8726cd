"""Checks across the declared profiles: one identity, and profiles that link to each other."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ereputation.checks.base import CheckContext, RecruiterView, Visit
from ereputation.model import Finding
from ereputation.vocabulary import PROFESSIONAL_KINDS

CrossCheck = Callable[[Sequence[Visit], Sequence[RecruiterView], CheckContext], list[Finding]]

MESSAGES = {
    "fr": {
        "name": "nom absent sur {where}",
        "photo": "photo sur {with_photo} mais pas sur {without}",
        "headline": "titres différents ({headlines})",
    },
    "en": {
        "name": "name missing on {where}",
        "photo": "photo on {with_photo} but not on {without}",
        "headline": "different headlines ({headlines})",
    },
}


def identity_consistent(
    visits: Sequence[Visit], views: Sequence[RecruiterView], ctx: CheckContext
) -> list[Finding]:
    seen = [(v, w) for v, w in zip(visits, views, strict=True) if v.seen]
    if len(seen) < 2:
        return []
    words = MESSAGES[ctx.language]
    details = []
    missing = [ctx.network(v) for v, w in seen if w.name is not None and not w.name.found]
    if missing and len(missing) < len(seen):
        details.append(words["name"].format(where=", ".join(missing)))
    professional = [(v, w) for v, w in seen if v.network.kind in PROFESSIONAL_KINDS]
    with_photo = [ctx.network(v) for v, w in professional if w.photo]
    without = [ctx.network(v) for v, w in professional if not w.photo]
    if with_photo and without:
        details.append(
            words["photo"].format(with_photo=", ".join(with_photo), without=", ".join(without))
        )
    headlines = [w.headline for _, w in professional if w.headline and w.headline_matches is False]
    matching = [w.headline for _, w in professional if w.headline and w.headline_matches]
    if headlines and matching:
        shown = " / ".join(h[:40] for h in [*matching[:1], *headlines[:2]])
        details.append(words["headline"].format(headlines=shown))
    return [
        ctx.finding(
            "identity_consistent",
            passed=not details,
            evidence=tuple(details),
            detail="; ".join(details),
        )
    ]


def profiles_linked(
    visits: Sequence[Visit], views: Sequence[RecruiterView], ctx: CheckContext
) -> list[Finding]:
    seen = [w for v, w in zip(visits, views, strict=True) if v.seen]
    if len(seen) < 2:
        return []
    return [ctx.finding("profiles_linked", passed=any(w.links_to for w in seen))]


CROSS_CHECKS: tuple[CrossCheck, ...] = (identity_consistent, profiles_linked)
