"""Visiting the declared profiles as a logged-out recruiter: fetch, read, classify, check.

The I/O edge of the profile checks: everything after the fetch is pure (extract, classify, checks).
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ereputation.checks import CheckContext, Visit, run_checks
from ereputation.checks.base import RecruiterView, network_label
from ereputation.checks.catalogue import default_templates
from ereputation.config import DeclaredProfile, Profile
from ereputation.detect.regions import phone_regions
from ereputation.errors import Problem
from ereputation.i18n import Language
from ereputation.model import Finding, PiiExposure, ProfileResult, RiskTerm
from ereputation.reasons import Reason
from ereputation.resources import checklists_dir
from ereputation.web.networks import Catalogue, Network, load_catalogue

if TYPE_CHECKING:
    from ereputation.detect.meaning import MeaningModel
    from ereputation.detect.risk_terms import Lexicon
    from ereputation.detect.synonyms import Synonyms
    from ereputation.trades import Trade

logger = logging.getLogger(__name__)

# What reading a page needs; imported in the background while the first pages are on their way.
# Fetch outcomes with a page worth reading before deciding what it means.
CLASSIFIABLE = frozenset({"ok", "not_found", "blocked"})
PAGE_MODULES = ("ereputation.web.extract", "ereputation.web.pagekind", "ereputation.checks.view")


@cache
def catalogue() -> Catalogue:
    return load_catalogue(checklists_dir() / "networks.toml")


@cache
def lexicon(extra: tuple[Path, ...] = ()) -> Lexicon:
    """The bundled lexicon, with the counsellor's own word lists `extra` merged in, in order
    (`detect.lexicon_merge`); cached per tuple of paths, so a caseload reads each file once."""
    from ereputation.detect.risk_terms import load_lexicon

    if not extra:
        return load_lexicon(checklists_dir() / "risk_terms.toml")
    from ereputation.detect.lexicon_merge import merge_lexicons

    merged = lexicon(extra[:-1])
    return merge_lexicons(merged, _word_list(extra[-1]), str(extra[-1])).lexicon


@cache
def _word_list(path: Path) -> Lexicon:
    """One of the counsellor's word lists as read from its file, read once per process."""
    from ereputation.detect.risk_terms import load_lexicon

    return load_lexicon(path)


_MODEL_LOCK = threading.Lock()
_MODEL_FAILURES: set[str] = set()


def meaning_model() -> MeaningModel | None:
    """The trained second opinion on risky content, loaded once per process; None when it
    cannot be (no package, no model file, another encoder): the rules then read alone."""
    from ereputation.detect.meaning import bundled_model

    # One load at a time: audits run in threads (caseload, serve), and the cache behind
    # `bundled_model` would let two first calls each build an encoder.
    with _MODEL_LOCK:
        try:
            return bundled_model()
        except Exception as exc:  # a broken model must never sink an audit: the rules read
            if repr(exc) not in _MODEL_FAILURES:  # said once; each audit of a caseload tries again
                _MODEL_FAILURES.add(repr(exc))
                logger.warning(
                    "the meaning model could not be loaded (%s): the rules read alone", exc
                )
            logger.debug("loading the meaning model failed", exc_info=True)
            return None


@cache
def own_terms(extra: tuple[Path, ...] = ()) -> frozenset[str]:
    """The terms of the counsellor's own word lists (already validated by `lexicon`)."""
    return frozenset(
        term.text
        for path in extra
        for category in _word_list(path).categories
        for terms in category.terms.values()
        for term in terms
    )


def _warm_up(ready: threading.Event, with_model: bool) -> None:
    try:
        for name in PAGE_MODULES:
            importlib.import_module(name)
        lexicon()
    finally:
        ready.set()  # pages can be read now; the model is only needed once all are read
    if with_model:
        meaning_model()  # about a second, overlapping the page visits


def network_for(declared: DeclaredProfile, networks: Catalogue) -> Network:
    if declared.network:
        try:
            return networks.get(declared.network)
        except KeyError:
            pass  # reported by network_problems before any visit
    return networks.identify(declared.url)


def network_problems(profile: Profile) -> list[Problem]:
    """A declared network id must exist in the catalogue: a typo must not pass silently."""
    known = {n.id for n in catalogue().networks}
    prefix = f"{profile.path}: " if profile.path else ""
    return [
        Problem(
            f"{prefix}profiles[{index}].network",
            f"unknown network {p.network!r}; known: {', '.join(sorted(known))}",
        )
        for index, p in enumerate(profile.profiles)
        if p.network and p.network not in known
    ]


def visit_all(
    profiles: Sequence[DeclaredProfile],
    *,
    offline: bool,
    timeout: float,
    allow_private: bool,
    concurrency: int,
    on_visit: Callable[[int, Visit], None] | None = None,
    meaning: bool = True,
) -> list[Visit]:
    """Fetch and read every profile; with `meaning`, the trained model is loaded meanwhile."""
    networks = catalogue()
    found = [network_for(p, networks) for p in profiles]
    if offline or not profiles:
        skipped = [
            Visit(p, n, "skipped", Reason.of("offline"))
            for p, n in zip(profiles, found, strict=True)
        ]
        for index, visit in enumerate(skipped):
            if on_visit:
                on_visit(index, visit)
        return skipped

    from ereputation.web.fetch import FetchOptions, FetchResult, fetch_all

    # Reading pages needs about 0.3 s of imports; done while the first requests travel, they
    # cost nothing. Started after the fetcher's own imports, so as not to slow them down, and
    # waited for before this thread touches those modules: two threads importing one package at
    # once can see it half initialised. The model loads after them, in the same thread.
    ready = threading.Event()
    warm = threading.Thread(target=_warm_up, args=(ready, meaning), daemon=True)
    warm.start()

    def read(index: int, fetched: FetchResult) -> Visit:
        ready.wait()
        from ereputation.web.extract import extract
        from ereputation.web.pagekind import classify_page

        declared, network = profiles[index], found[index]
        # A page that answered is classified from what it shows, whatever its status: a 404
        # behind a login redirect is a login wall, not a missing profile. Transport failures
        # (timeouts, refusals, rate limits, server errors) keep the fetcher's word.
        answered = fetched.http_status is not None and (
            fetched.status in CLASSIFIABLE or fetched.http_status == 401
        )
        if not answered:
            reason = fetched.reason
            if reason.code == "private_address" and not allow_private:
                reason = reason.with_hint("allow_private")  # the way out, named for the user
            return Visit(declared, network, fetched.status, reason, fetched)
        facts = extract(
            fetched.body,
            content_type=fetched.content_type,
            charset=fetched.charset,
            base_url=fetched.final_url,
        )
        if not facts.is_html and fetched.status == "ok":
            reason = Reason.of("not_html", type=facts.content_type or "unknown")
            return Visit(declared, network, "ok", reason, fetched, facts)
        kind, reason = classify_page(
            network,
            http_status=fetched.http_status,
            final_url=fetched.final_url,
            redirects=fetched.redirects,
            facts=facts,
        )
        return Visit(declared, network, kind, reason, fetched, facts)

    visits: dict[int, Visit] = {}

    def done(index: int, fetched: FetchResult) -> None:
        visits[index] = read(index, fetched)
        if on_visit:
            on_visit(index, visits[index])

    options = FetchOptions(timeout=timeout, allow_private=allow_private)
    fetch_all([p.url for p in profiles], options, concurrency=concurrency, on_result=done)
    warm.join()
    return [visits[i] for i in range(len(profiles))]


def recruiter_findings(
    profile: Profile,
    visits: Sequence[Visit],
    *,
    language: Language,
    today: dt.date,
    show_pii: bool,
    trade: Trade | None = None,
    lexicon_paths: tuple[Path, ...] = (),
    meaning: bool = True,
) -> tuple[tuple[ProfileResult, ...], tuple[Finding, ...]]:
    """Check every visit. Role and keywords are read with the synonyms of `trade`, else of the
    trade the config sets or the role suggests (`trade_choice.choose_trade`), else of them all.
    Risky content is read by the rules, and by the trained model too when `meaning` (and it
    is available)."""
    seen = any(v.seen for v in visits)
    ctx = CheckContext(
        person=profile.person,
        language=language,
        templates=default_templates(),
        lexicon=lexicon(lexicon_paths) if seen else None,
        today=today,
        show_pii=show_pii,
        synonyms=synonyms(profile, trade) if seen else None,
        phone_regions=phone_regions(
            profile.person.country,
            location=profile.person.location,
            language=profile.person.language,
        ),
        meaning=meaning_model() if seen and meaning else None,
        own_terms=own_terms(lexicon_paths),
    )
    views, findings = run_checks(visits, ctx)
    labels = (
        {c.id: c.label.get(language) or c.id for c in ctx.lexicon.categories} if ctx.lexicon else {}
    )
    results = tuple(
        profile_result(v, w, show_pii, labels, language, regions=ctx.phone_regions)
        for v, w in zip(visits, views, strict=True)
    )
    return results, tuple(findings)


def synonyms(profile: Profile, trade: Trade | None = None) -> Synonyms:
    """The synonym groups the person's role and keywords are read with."""
    from ereputation.trade_choice import choose_trade, trades
    from ereputation.trades import synonyms_for

    pool = trades()
    chosen = trade if trade is not None else choose_trade(profile.person, pool).trade
    return synonyms_for(pool, chosen)


def profile_result(
    visit: Visit,
    view: RecruiterView,
    show_pii: bool,
    risk_labels: Mapping[str, str] | None = None,
    language: Language = "en",
    *,
    regions: tuple[str, ...] = (),
) -> ProfileResult:
    fetched, facts = visit.fetched, visit.facts
    return ProfileResult(
        url=visit.url,
        network=visit.network.id,
        kind=visit.network.kind,
        status=visit.status,
        reason=visit.reason_text(language, show_pii, regions),
        reason_code=visit.reason.code,
        label=visit.declared.label,
        network_name=network_label(visit.network, language),
        http_status=fetched.http_status if fetched else None,
        final_url=_shown(fetched.final_url, show_pii, regions) if fetched else None,  # PII
        elapsed_ms=fetched.elapsed_ms if fetched else None,
        truncated=fetched.truncated if fetched else False,
        content_type=fetched.content_type if fetched else None,
        title=_shown(facts.title, show_pii, regions) if facts and visit.seen else None,
        description=_shown(facts.description, show_pii, regions) if facts and visit.seen else None,
        name_found=view.name.found if view.name is not None else None,
        photo=view.photo,
        headline=view.headline,
        keywords_found=view.keywords_found,
        keywords_missing=view.keywords_missing,
        pii=tuple(PiiExposure(m.kind, m.value if show_pii else m.value_masked) for m in view.pii),
        risk_terms=tuple(
            RiskTerm(
                r.category,
                r.excerpt_masked,
                (risk_labels or {}).get(r.category, r.category),
                r.trigger,
                r.rule,
            )
            for r in view.risks
        ),
        links_to=tuple(_shown(u, show_pii, regions) or u for u in view.links_to),
    )


def _shown(text: str | None, show_pii: bool, regions: tuple[str, ...] = ()) -> str | None:
    """Page text as a report may show it: personal data masked unless asked for, phones read
    in the same regions as the findings (a number found must not show in clear in the title)."""
    if not text or show_pii:
        return text
    from ereputation.detect.pii import mask_pii

    return mask_pii(text, regions=regions)
