"""The audit result: the single truth every output format renders, and its versioned JSON form.

Texts inside a result are already in the report's language; formats only lay them out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ereputation.checklist import Kind
from ereputation.config import ConsentScope
from ereputation.discovery.results import DiscoveryResult, ProbeResult
from ereputation.i18n import Language
from ereputation.reasons import VisitSummary
from ereputation.trades import Priority
from ereputation.urls import comparable
from ereputation.vocabulary import SEVERITIES, PiiKind, ProfileStatus, Severity
from ereputation.where_texts import ACTING, Recommendation

SCHEMA_VERSION = "1.5"
# Every version this tool wrote; `from_json` reads them all (newer fields take their defaults).
SCHEMA_VERSIONS: tuple[str, ...] = ("1.0", "1.1", "1.2", "1.3", "1.4", "1.5")

AnswerStatus = Literal["pass", "partial", "fail", "unanswered", "not_applicable", "to_check"]
Rating = Literal["good", "fair", "poor", "low", "moderate", "high", "unknown"]
# What an action asks: to fix something, or to check something the person could not answer.
ActionType = Literal["fix", "check"]
# When to do it: the first few now, the rest this month, habits for as long as the search lasts.
Horizon = Literal["this_week", "this_month", "ongoing"]
HORIZONS: tuple[Horizon, ...] = ("this_week", "this_month", "ongoing")
# Whether `audit --discover` probed the usernames (schema 1.4), or why not.
DiscoveryRun = Literal["not_requested", "run", "no_consent", "no_usernames", "offline"]
# Why the word rules read risky content alone (issue 12): `audit --no-model`, or no usable model.
MeaningModelOff = Literal["no_model", "unavailable"]


@dataclass(frozen=True)
class Subject:
    name: str
    target_role: str | None
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class ExtraLexicon:
    """A counsellor's own word list an audit used beside the bundled one (`audit --lexicon`)."""

    file: str  # the file's name, without its directory
    terms: int  # terms the file holds


@dataclass(frozen=True)
class AuditInfo:
    """What was checked and by whom: the report's header and the counsellor's record."""

    checked_answers: bool
    checked_profiles: bool
    offline: bool
    counsellor: str | None = None
    client_reference: str | None = None
    consent_date: str | None = None
    audit_date: str | None = None
    note: str | None = None
    config_file: str | None = None
    # How the visits went (schema 1.1): the report says what happened and the next step.
    profiles_visited: int = 0  # visits attempted (not skipped)
    profiles_seen: int = 0  # pages the sites answered with: the profile, or its absence
    visit_summary: VisitSummary = "no_profiles"
    # The counsellor's duties (schema 1.3): what the client agreed to ("checklist" alone means
    # no profile was visited) and the day after which the case's data must be erased.
    consent_scope: ConsentScope | None = None
    retention_months: int | None = None
    erase_after: str | None = None  # ISO date
    # The counsellor's own word lists merged into the bundled lexicon (issue 12).
    lexicons: tuple[ExtraLexicon, ...] = ()
    discovery_run: DiscoveryRun = "not_requested"  # schema 1.4
    # The detectors that read risky content (issue 12): the trained model's name, or why the
    # word rules read alone; both None when no page was read.
    meaning_model: str | None = None
    meaning_model_off: MeaningModelOff | None = None


@dataclass(frozen=True)
class AnswerResult:
    id: str
    category: str
    kind: Kind
    question: str
    answer: str | None
    answer_label: str | None
    points: float | None
    max_points: float
    weight: float
    critical: bool
    status: AnswerStatus
    advice: str | None
    source: str
    note: str | None = None


@dataclass(frozen=True)
class CategoryScore:
    id: str
    title: str
    kind: Kind
    score: int | None
    rating: Rating
    answered: int
    total: int
    capped: bool = False


@dataclass(frozen=True)
class Scores:
    visibility: int | None
    visibility_rating: Rating
    risk: int | None
    risk_rating: Rating
    categories: tuple[CategoryScore, ...]
    visibility_capped: bool = False
    risk_capped: bool = False


@dataclass(frozen=True, order=True)
class FindingKey:
    """What a finding is about: its check, the subject within the check, the profile it was seen on.

    One problem (`problem`) may be seen on many profiles; the action plan groups by it. The string
    form `check-subject@profile` is the finding's `id` in the JSON result, never parsed back.
    """

    check: str
    subject: str = ""  # e.g. a risky-content category; empty when the check has one subject
    profile: str = ""  # a short digest of the profile URL; empty for findings across profiles

    @property
    def problem(self) -> FindingKey:
        return FindingKey(self.check, self.subject)

    def __str__(self) -> str:
        text = f"{self.check}-{self.subject}" if self.subject else self.check
        return f"{text}@{self.profile}" if self.profile else text


@dataclass(frozen=True)
class Finding:
    key: FindingKey
    kind: Kind
    severity: Severity
    title: str
    advice: str
    source: str
    passed: bool = False
    profile_url: str | None = None
    evidence: tuple[str, ...] = ()
    steps: tuple[str, ...] = ()
    item_id: str | None = None  # the checklist item it bears on: one action for both

    @property
    def id(self) -> str:
        return str(self.key)

    @property
    def check(self) -> str:
        """The check that produced it; findings of one check share it."""
        return self.key.check


@dataclass(frozen=True)
class Action:
    rank: int
    id: str
    kind: Kind
    title: str
    steps: tuple[str, ...]
    gain: float
    critical: bool
    source: str
    item_id: str | None = None
    finding_id: str | None = None
    type: ActionType = "fix"
    horizon: Horizon = "this_month"  # set by `plan.arrange`; scoring leaves the default
    evidence: tuple[str, ...] = ()  # what a profile visit showed, when it bears on the action


@dataclass(frozen=True)
class WhereAdvice:
    """Where to be, for one network: the advice of `where.advise_where`."""

    network: str  # a catalogue id
    name: str  # how people call it
    recommendation: Recommendation
    reason: str  # one sentence in the report's language
    declared: bool
    url: str | None
    priority: Priority  # the trade's; "optional" for a network the trade does not list
    code: str  # the reason code: stable, for scripts and tests

    @property
    def acting(self) -> bool:
        return self.recommendation in ACTING


@dataclass(frozen=True)
class TradeName:
    """A trade as a report names it: its id (the `person.trade` value) and its name."""

    id: str
    name: str  # in the report's language


@dataclass(frozen=True)
class ChosenTrade:
    """The trade the advice is for: set in the config, or inferred (and then how to set it)."""

    id: str
    name: str
    inferred: bool
    evidence: str  # in the report's language: what it was inferred from, or that it was set
    how_to_set: str  # in the report's language: the config key that chooses it


@dataclass(frozen=True)
class VerdictNote:
    id: str
    title: str
    text: str


@dataclass(frozen=True)
class Verdict:
    id: str
    title: str
    text: str
    notes: tuple[VerdictNote, ...] = ()


@dataclass(frozen=True)
class PiiExposure:
    kind: PiiKind
    value_masked: str


@dataclass(frozen=True)
class RiskTerm:
    category: str
    excerpt_masked: str
    label: str = ""  # the category in the report's language
    trigger: str = ""  # the words that set it off, masked (schema 1.4)
    rule: str = ""  # the rule of word classes that found it; empty for a listed term


@dataclass(frozen=True)
class ProfileResult:
    """A declared profile as a logged-out recruiter sees it (or as declared, when not fetched)."""

    url: str
    network: str
    kind: str
    status: ProfileStatus
    reason: str
    label: str | None = None
    network_name: str = ""  # how people call the network: "LinkedIn"
    http_status: int | None = None
    final_url: str | None = None
    elapsed_ms: int | None = None
    truncated: bool = False
    content_type: str | None = None
    title: str | None = None
    description: str | None = None
    name_found: bool | None = None
    photo: bool | None = None
    headline: str | None = None
    keywords_found: tuple[str, ...] = ()
    keywords_missing: tuple[str, ...] = ()
    pii: tuple[PiiExposure, ...] = ()
    risk_terms: tuple[RiskTerm, ...] = ()
    links_to: tuple[str, ...] = ()
    reason_code: str = ""  # the stable code of `reason` (schema 1.1), e.g. "dns_unresolved"
    # False for an account discovery found and `--deep` visited (schema 1.4): not in the config.
    declared: bool = True


@dataclass(frozen=True)
class ChecklistInfo:
    id: str
    version: str
    title: str
    source: str


@dataclass(frozen=True)
class SinceLast:
    """Since the last audit of the same case (schema 1.3): `compare.since_last` builds it.

    A short summary only: the full comparison is `ereputation compare`. Changes are new minus
    old, None when either score does not exist.
    """

    previous_generated_at: str
    visibility_before: int | None
    risk_before: int | None
    visibility_change: int | None
    risk_change: int | None
    actions_done: int
    new_actions: int
    new_findings: int
    resolved_findings: int
    profiles_changed: int  # added, removed, or whose status changed


# The searches a report offers (schema 1.4): the name alone, with the role, with the city.
SearchQuery = Literal["name", "name_role", "name_city"]
# What a search result is, for the person (`discovery.search_classify`).
HitKind = Literal["declared_profile", "undeclared_account", "names_person", "namesake", "risky"]
# How asking the search service went: not asked (no endpoint, offline, consent), or its answer.
SearchStatus = Literal["not_asked", "answered", "failed"]


@dataclass(frozen=True)
class SearchLink:
    """A ready search the person opens themselves: the report loads nothing."""

    engine: str  # google, bing, duckduckgo, qwant, ecosia
    engine_name: str  # how people call it
    query: SearchQuery
    text: str  # what is searched, as typed in the engine's box
    url: str


@dataclass(frozen=True)
class SearchHit:
    """One result a search service gave for the name, and what it is for the person."""

    rank: int
    url: str
    title: str
    snippet: str  # personal data and risky terms masked unless --show-pii
    kind: HitKind
    network: str | None = None  # the catalogue's id when the page is on a known network
    risk_categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class NameSearch:
    """Searching the person's name (schema 1.4): the links, and what a SearXNG instance said."""

    links: tuple[SearchLink, ...]
    status: SearchStatus = "not_asked"
    endpoint: str | None = None  # the instance asked, as configured
    reason: str = ""  # why not asked, or why it failed, in the report's language
    reason_code: str = ""  # stable: no_endpoint, offline, consent, http_error, not_json, ...
    hits: tuple[SearchHit, ...] = ()


@dataclass(frozen=True)
class AuditResult:
    tool_version: str
    generated_at: str
    language: Language
    subject: Subject
    info: AuditInfo
    checklist: ChecklistInfo
    answers: tuple[AnswerResult, ...]
    scores: Scores
    verdict: Verdict
    actions: tuple[Action, ...]
    findings: tuple[Finding, ...] = ()
    profiles: tuple[ProfileResult, ...] = ()
    where: tuple[WhereAdvice, ...] = ()
    trade: ChosenTrade | None = None
    schema_version: str = SCHEMA_VERSION
    pii_masked: bool = True
    since_last: SinceLast | None = None
    # Several trades fit the role equally well, so none was chosen (`trade` is None): each is
    # named so that the person can choose one with `person.trade`.
    trades_tied: tuple[TradeName, ...] = ()
    # Accounts under the person's usernames (schema 1.4); None when discovery did not run.
    discovery: DiscoveryResult | None = None
    search: NameSearch | None = None  # None when the result predates 1.4

    @property
    def undeclared_found(self) -> tuple[ProbeResult, ...]:
        """Accounts discovery found that the config does not declare."""
        if self.discovery is None:
            return ()
        return undeclared_accounts(
            self.discovery.results, (p.url for p in self.profiles if p.declared)
        )

    @property
    def unanswered(self) -> tuple[AnswerResult, ...]:
        return tuple(a for a in self.answers if a.status == "unanswered")


def undeclared_accounts(
    results: Iterable[ProbeResult], declared_urls: Iterable[str]
) -> tuple[ProbeResult, ...]:
    """Found accounts whose page is none of the declared profiles (compared as `urls` does)."""
    seen = {_comparable(u) for u in declared_urls}
    return tuple(r for r in results if r.status == "found" and _comparable(r.url) not in seen)


def _comparable(url: str) -> str:
    try:
        return comparable(url)
    except ValueError:  # a catalogue's malformed address ("http://[x"): compared as written
        return url


def to_json(result: AuditResult) -> dict[str, Any]:
    """The faithful, versioned serialisation: whatever a report shows can be checked here."""
    scores = result.scores
    return {
        "schema_version": result.schema_version,
        "tool": {"name": "ereputation", "version": result.tool_version},
        "generated_at": result.generated_at,
        "language": result.language,
        "pii_masked": result.pii_masked,
        "subject": _plain(result.subject),
        "audit": _plain(result.info),
        "scores": {
            "visibility": scores.visibility,
            "visibility_rating": scores.visibility_rating,
            "visibility_capped": scores.visibility_capped,
            "risk": scores.risk,
            "risk_rating": scores.risk_rating,
            "risk_capped": scores.risk_capped,
            "categories": {
                c.id: {k: v for k, v in _plain(c).items() if k != "id"} for c in scores.categories
            },
        },
        "verdict": _plain(result.verdict),
        "actions": [_plain(a) for a in result.actions],
        "checklist": {
            **_plain(result.checklist),
            "answers": [_plain(a) for a in result.answers],
        },
        "profiles": [_plain(p) for p in result.profiles],
        "findings": [finding_json(f) for f in result.findings],
        "where": [_plain(w) for w in result.where],
        "trade": _plain(result.trade) if result.trade else None,
        "since_last": _plain(result.since_last) if result.since_last else None,
        "trades_tied": [_plain(t) for t in result.trades_tied],
        "discovery": _plain(result.discovery) if result.discovery else None,
        "search": _plain(result.search) if result.search else None,
    }


def from_json(data: Mapping[str, Any]) -> AuditResult:
    """The exact inverse of `to_json`, for every schema version in `SCHEMA_VERSIONS`.

    Every field read is checked first (type, allowed values): a bad file raises `InputError`
    naming the JSON path. A result of an older version comes back in the current one, newer
    fields taking their defaults.
    """
    from ereputation.result_reader import read_result  # only needed to read back

    return read_result(data)


def finding_json(finding: Finding) -> dict[str, Any]:
    plain = _plain(finding)
    del plain["key"]
    # The key's parts as typed values (schema 1.3): `id` is for reading, never parsed back.
    key = {"subject": finding.key.subject, "profile_key": finding.key.profile}
    return {"id": finding.id, "check": finding.check, **key, **plain}


def _plain(obj: object) -> dict[str, Any]:
    assert dataclasses.is_dataclass(obj) and not isinstance(obj, type)
    return {f.name: _value(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def _value(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(value)
    if isinstance(value, (tuple, list)):
        return [_value(v) for v in value]
    return value


__all__ = [
    "HORIZONS",
    "SCHEMA_VERSION",
    "SCHEMA_VERSIONS",
    "SEVERITIES",
    "Action",
    "ActionType",
    "AnswerResult",
    "AuditInfo",
    "AuditResult",
    "CategoryScore",
    "ChecklistInfo",
    "ChosenTrade",
    "DiscoveryResult",
    "DiscoveryRun",
    "ExtraLexicon",
    "Finding",
    "FindingKey",
    "HitKind",
    "Horizon",
    "NameSearch",
    "PiiExposure",
    "PiiKind",
    "ProbeResult",
    "ProfileResult",
    "ProfileStatus",
    "RiskTerm",
    "Scores",
    "SearchHit",
    "SearchLink",
    "SearchQuery",
    "SearchStatus",
    "Severity",
    "SinceLast",
    "Subject",
    "Verdict",
    "VerdictNote",
    "WhereAdvice",
    "from_json",
    "to_json",
    "undeclared_accounts",
]
