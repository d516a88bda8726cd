"""run(profile, options) -> AuditResult: the one place that wires I/O to the pure core."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ereputation import __version__
from ereputation.advice import (
    chosen_trade,
    naming_networks,
    respecting_offline_choice,
    tied_trades,
)
from ereputation.checklist import Checklist, answer_problems, load_checklist
from ereputation.checks import Visit
from ereputation.config import Profile, consent_problems
from ereputation.discovery.accounts import account_findings
from ereputation.discovery.deep import accounts_to_visit, checked_accounts
from ereputation.discovery.handles import usernames_to_probe
from ereputation.discovery.results import DiscoveryResult
from ereputation.discovery.search import SearchOptions, name_search
from ereputation.errors import ConfigError, Problem
from ereputation.i18n import Language
from ereputation.messages import local
from ereputation.model import (
    AuditInfo,
    AuditResult,
    ChecklistInfo,
    DiscoveryRun,
    ExtraLexicon,
    Finding,
    MeaningModelOff,
    ProfileResult,
    Subject,
    undeclared_accounts,
)
from ereputation.plan import arrange, habits_of
from ereputation.reasons import SEEN_STATUSES, Reason, visit_summary
from ereputation.recruiter import catalogue, network_problems, recruiter_findings, visit_all
from ereputation.resources import default_checklist_path
from ereputation.scoring import (
    FINDING_CATEGORY,
    action_plan,
    score_all,
    score_answers,
    stays_offline,
    verdict,
)
from ereputation.trade_choice import choose_trade, trade_problems, trades
from ereputation.where import advise_where


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
    # The counsellor's own word lists, merged into the bundled lexicon in this order.
    lexicon_paths: tuple[Path, ...] = ()
    # Discovery (issue 10): probe the person's usernames; `deep` also visits what was found.
    discover: bool = False
    deep: bool = False
    sites_path: Path | None = None  # a WhatsMyName-format catalogue instead of the bundled one
    search_endpoint: str | None = None  # a SearXNG instance; else the config's
    # Risky content read by the trained model too (`detect.meaning`), when it is available;
    # False (`--no-model`): by the word rules alone.
    meaning_model: bool = True


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


def run(
    profile: Profile,
    options: AuditOptions,
    on_visit: Callable[[int, Visit], None] | None = None,
) -> AuditResult:
    """Validate, visit the declared profiles (unless offline, or the client's consent covers
    the checklist only), check, score and assemble."""
    checklist = load_checklist(checklist_path_for(profile, options.checklist_path))
    now = options.now or dt.datetime.now(dt.timezone.utc)
    today = now.astimezone().date()  # the local calendar day, the one a counsellor writes down
    problems = problems_of(profile, checklist) + consent_problems(profile, today)
    if problems:
        raise ConfigError(problems)
    language: Language = options.language or profile.person.language
    extra_lexicons = extra_lexicons_of(options.lexicon_paths)  # a bad file fails before any visit
    checklist_only = not profile.audit.visits_allowed
    discovery_run, discovery = discover_accounts(profile, options)
    found = undeclared_accounts(
        discovery.results if discovery else (), (p.url for p in profile.profiles)
    )
    # --deep: each undeclared account is visited like a declared profile, when visits may be.
    deep = found if options.deep and not checklist_only else ()
    visited = (*profile.profiles, *accounts_to_visit(deep))

    def on_declared_visit(index: int, visit: Visit) -> None:
        if on_visit is not None and index < len(profile.profiles):  # progress counts declared
            on_visit(index, visit)

    visits = visit_all(
        visited,
        offline=options.offline or checklist_only,
        timeout=options.timeout,
        allow_private=options.allow_private,
        concurrency=options.concurrency,
        on_visit=on_declared_visit,
        meaning=options.meaning_model,
    )

    def checked(group: list[Visit]) -> tuple[tuple[ProfileResult, ...], tuple[Finding, ...]]:
        return recruiter_findings(
            profile,
            group,
            language=language,
            today=now.date(),
            show_pii=options.show_pii,
            lexicon_paths=options.lexicon_paths,
            meaning=options.meaning_model,
        )

    declared = len(profile.profiles)
    profiles, findings = checked(visits[:declared])
    # Undeclared accounts: only what each exposes (`discovery.deep`); `account_findings` says
    # what to do with it.
    found_profiles, found_findings = checked_accounts(visits[declared:], checked)
    profiles, findings = (*profiles, *found_profiles), (*findings, *found_findings)
    networks = {r.url: catalogue().identify(r.url).id for r in found}
    findings = (*findings, *account_findings(found, language, networks))
    if checklist_only:  # not visited as offline, but the report says why: the client's consent
        consent = Reason.of("consent_checklist_only")
        profiles = tuple(
            replace(p, reason=consent.text(language), reason_code=consent.code) for p in profiles
        )
    offline = options.offline or checklist_only
    result = assemble(
        profile, checklist, language, profiles, findings, replace(options, now=now, offline=offline)
    )
    context = profile.audit
    erase_after = context.erase_after(today)
    info = replace(
        result.info,
        consent_scope=context.scope,
        retention_months=context.retention if erase_after else None,
        erase_after=erase_after.isoformat() if erase_after else None,
        lexicons=extra_lexicons,
        discovery_run=discovery_run,
    )
    model_name, model_off = risk_readers(options, any(v.seen for v in visits))
    info = replace(info, meaning_model=model_name, meaning_model_off=model_off)
    search = name_search(profile, search_options(profile, options), language)
    return replace(result, info=info, discovery=discovery, search=search)


def risk_readers(
    options: AuditOptions, pages_read: bool
) -> tuple[str | None, MeaningModelOff | None]:
    """Which detectors read the pages' risky content, for the report's method: the trained
    model's name, or why the rules read alone (`no_model`: --no-model; `unavailable`: no
    package, no model file, another encoder); (None, None) when no page was read."""
    if not pages_read:
        return None, None
    if not options.meaning_model:
        return None, "no_model"
    from ereputation.detect.meaning import MODEL_RULE
    from ereputation.recruiter import meaning_model

    model = meaning_model()  # loaded once, while the pages were visited
    return (model.name or MODEL_RULE, None) if model is not None else (None, "unavailable")


def discover_accounts(
    profile: Profile, options: AuditOptions
) -> tuple[DiscoveryRun, DiscoveryResult | None]:
    """`audit --discover`: the person's usernames and their profiles' handles probed on the
    catalogue, with the profile visits' policy; or why nothing was probed."""
    if not (options.discover or options.deep):
        return "not_requested", None
    if not profile.audit.discovery_allowed:
        return "no_consent", None
    usernames = usernames_to_probe(profile.person.usernames, profile.profiles, catalogue())
    if not usernames:
        return "no_usernames", None
    from ereputation.discovery.catalogue import bundled_sites, load_catalogue

    sites = load_catalogue(options.sites_path) if options.sites_path else bundled_sites()
    if options.offline:  # the catalogue is still checked: a bad file fails offline too
        return "offline", None
    from ereputation.discovery.probe import probe_options
    from ereputation.discovery.run import DiscoverOptions, discover

    fetch = probe_options(options.timeout, allow_private=options.allow_private)
    return "run", discover(usernames, sites.sites, DiscoverOptions(fetch=fetch))


def search_options(profile: Profile, options: AuditOptions) -> SearchOptions:
    """The name is searched on the endpoint `--search-endpoint` or the config names, with the
    same consent as discovery and the same policy as the visits."""
    return SearchOptions(
        endpoint=options.search_endpoint or profile.audit.search_endpoint,
        offline=options.offline,
        allowed=profile.audit.discovery_allowed,
        timeout=options.timeout,
        allow_private=options.allow_private,
        show_pii=options.show_pii,
        lexicon_paths=options.lexicon_paths,
        meaning_model=options.meaning_model,
    )


def extra_lexicons_of(paths: tuple[Path, ...]) -> tuple[ExtraLexicon, ...]:
    """The report's record of the extra word lists; loading them merged validates every one
    (a `LexiconError` with key paths, exit status 2)."""
    if not paths:
        return ()
    from ereputation.detect.lexicon_merge import term_count
    from ereputation.detect.risk_terms import load_lexicon
    from ereputation.recruiter import lexicon

    lexicon(paths)
    return tuple(ExtraLexicon(path.name, term_count(load_lexicon(path))) for path in paths)


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
    choice = choose_trade(profile.person, trades())
    where = respecting_offline_choice(
        advise_where(
            choice.trade,
            tuple(p for p in profiles if p.declared),  # where to be: what the person chose
            profile.answers,
            catalogue(),
            findings,
            language,
        ),
        language,
        stays_offline=stays_offline(checklist, profile.answers),
    )
    judged = verdict(checklist, profile.answers, scores, language)
    return AuditResult(
        tool_version=__version__,
        generated_at=now.isoformat(timespec="seconds"),
        language=language,
        subject=Subject(profile.person.name, profile.person.target_role, profile.person.keywords),
        info=AuditInfo(
            checked_answers=bool(profile.answers),
            # Checked only when a site answered: failed visits checked nothing.
            checked_profiles=any(p.status in SEEN_STATUSES for p in profiles),
            offline=options.offline,
            counsellor=context.counsellor,
            client_reference=context.client_reference,
            consent_date=context.consent_date.isoformat() if context.consent_date else None,
            audit_date=context.date.isoformat() if context.date else None,
            note=context.note,
            config_file=profile.path.name if profile.path else None,
            profiles_visited=sum(p.status != "skipped" for p in profiles),
            profiles_seen=sum(p.status in SEEN_STATUSES for p in profiles),
            visit_summary=visit_summary(
                [(p.status, p.reason_code) for p in profiles], options.offline
            ),
        ),
        checklist=ChecklistInfo(
            checklist.id,
            checklist.version,
            checklist.title.get(language),
            checklist.source.get(language),
        ),
        answers=answers,
        scores=scores,
        verdict=naming_networks(judged, where, language, trade_known=choice.trade is not None),
        actions=arrange(
            action_plan(
                checklist, answers, findings, language, career_change=profile.person.career_change
            ),
            habits=habits_of(checklist),
        ),
        findings=findings,
        profiles=profiles,
        where=where,
        trade=chosen_trade(choice, language),
        trades_tied=tied_trades(choice, trades(), language),
        pii_masked=not options.show_pii,
    )


def problems_of(profile: Profile, checklist: Checklist) -> list[Problem]:
    """What a valid config can still get wrong: answers, networks and a trade the checklist, the
    catalogue or the trades file do not know. `validate` and `audit` report the same problems,
    all at once."""
    where = f"{profile.path}: answers" if profile.path else "answers"
    return (
        answer_problems(checklist, profile.answer_values, where)
        + network_problems(profile)
        + trade_problems(profile)
    )
