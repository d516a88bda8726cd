"""`--deep`: each account discovery found is visited with the recruiter view (issue 10).

One implementation for `audit --deep` and `discover --deep`: the accounts become profiles to
visit (`accounts_to_visit`), go through `recruiter.visit_all` like declared profiles, and each is
checked on its own for what it exposes (`checked_accounts`). The audit visits them in the same
batch as the declared profiles; the standalone command calls `visit_accounts`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ereputation.config import DeclaredProfile, Person, Profile
from ereputation.discovery.results import ProbeResult
from ereputation.i18n import Language
from ereputation.model import Finding, ProfileResult

if TYPE_CHECKING:
    from typing import TypeAlias

    from ereputation.checks import Visit

    # Checks a group of visits for one person: `recruiter_findings` with the run's options.
    Check: TypeAlias = Callable[
        [list[Visit]], tuple[tuple[ProfileResult, ...], tuple[Finding, ...]]
    ]


def accounts_to_visit(found: Sequence[ProbeResult]) -> tuple[DeclaredProfile, ...]:
    """The found accounts as profiles to visit, labelled with the catalogue's site name."""
    return tuple(DeclaredProfile(r.url, label=r.site) for r in found)


def checked_accounts(
    visits: Sequence[Visit], check: Check
) -> tuple[tuple[ProfileResult, ...], tuple[Finding, ...]]:
    """Each undeclared account checked on its own, and only for what it exposes (personal data,
    risky content): the checks across profiles and the visibility advice (headline, keywords,
    links) are about the profiles the person chose, and must never advise putting the target
    role on a forgotten dating account, or linking it to the others. Its card still shows
    everything a recruiter sees there."""
    profiles: tuple[ProfileResult, ...] = ()
    findings: tuple[Finding, ...] = ()
    for visit in visits:
        (found_profile,), found_findings = check([visit])
        profiles = (*profiles, replace(found_profile, declared=False))
        findings = (*findings, *(f for f in found_findings if f.kind == "risk"))
    return profiles, findings


@dataclass(frozen=True)
class DeepOptions:
    """`discover --deep`: the visits' policy, and the person's name when given (`--name`)."""

    language: Language
    name: str | None = None
    show_pii: bool = False
    offline: bool = False
    timeout: float = 15.0
    allow_private: bool = False
    concurrency: int = 16
    lexicon_paths: tuple[Path, ...] = ()
    today: dt.date | None = None
    meaning_model: bool = True  # risky content read by the trained model too (`--no-model`)


@dataclass(frozen=True)
class DeepResult:
    """What the visits of the found accounts showed: one profile each (`declared: False`),
    the risky-content findings on them, and whether anything was visited at all."""

    profiles: tuple[ProfileResult, ...]
    findings: tuple[Finding, ...]
    offline: bool  # --offline: nothing was visited
    name_checked: bool  # --name given: `name_found` says whether each page names the person
    pii_masked: bool


def visit_accounts(
    found: Sequence[ProbeResult],
    options: DeepOptions,
    on_visit: Callable[[int, Visit], None] | None = None,
) -> DeepResult:
    """Visit `found` as a logged-out recruiter and check each page. Without a name, whether a
    page names the person is left out (`name_found` None), never guessed from an empty name."""
    from ereputation.recruiter import recruiter_findings, visit_all

    if options.offline:
        return DeepResult((), (), True, options.name is not None, not options.show_pii)
    name = (options.name or "").strip()
    profile = Profile(Person(name=name, language=options.language))
    visits = visit_all(
        accounts_to_visit(found),
        offline=False,
        timeout=options.timeout,
        allow_private=options.allow_private,
        concurrency=options.concurrency,
        on_visit=on_visit,
        meaning=options.meaning_model,
    )
    today = options.today or dt.datetime.now(dt.timezone.utc).date()

    def check(group: list[Visit]) -> tuple[tuple[ProfileResult, ...], tuple[Finding, ...]]:
        return recruiter_findings(
            profile,
            group,
            language=options.language,
            today=today,
            show_pii=options.show_pii,
            lexicon_paths=options.lexicon_paths,
            meaning=options.meaning_model,
        )

    profiles, findings = checked_accounts(visits, check)
    if not name:
        profiles = tuple(replace(p, name_found=None) for p in profiles)
    return DeepResult(profiles, findings, False, bool(name), not options.show_pii)
