"""Words and presentational helpers shared by the formats, in the report's language.

Formats call these to label and lay out what AuditResult already holds: dates, numbers,
groupings, safe links. Nothing here computes a score.

The presenter is also where every string of the result goes through the one sanitiser
(`textsafe`): a format that lays out `Presenter.r` cannot print a server's escape sequence,
control character or bidi override, whichever field it reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from ereputation.formats import svg
from ereputation.formats.hostname import display_host
from ereputation.formats.sanitise import sanitised
from ereputation.messages import messages
from ereputation.model import (
    HORIZONS,
    SEVERITIES,
    Action,
    AnswerResult,
    AuditResult,
    CategoryScore,
    ExtraLexicon,
    Finding,
    Horizon,
    ProfileResult,
    RiskTerm,
    Severity,
    SinceLast,
    WhereAdvice,
)
from ereputation.scoring import CRITICAL_CAP, SEVERITY_WEIGHT
from ereputation.vocabulary import UNSEEN_STATUSES
from ereputation.web.networks import FALLBACK_ID


class NamedTrade(Protocol):
    """A trade as the report names it: its id (the `person.trade` value) and its name."""

    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


class Words:
    def __init__(self, result: AuditResult) -> None:
        self.m: Mapping[str, str] = messages(result.language)

    def __getitem__(self, key: str) -> str:
        return self.m[key]

    def rating(self, code: str) -> str:
        return self.m[f"rating_{code}"]

    def status(self, code: str) -> str:
        return self.m[f"status_{code}"]

    def severity(self, code: str) -> str:
        return self.m[f"severity_{code}"]

    def kind(self, code: str) -> str:
        return self.m[f"kind_{code}"]

    def capped(self, kind: str, *, short: bool = False) -> str:
        """A failed critical item caps visibility but raises risk: the words differ."""
        key = "capped_short" if short else "capped"
        return self.m[f"{key}_risk" if kind == "risk" else key]

    def score(self, value: int | None) -> str:
        return self.m["not_scored"] if value is None else f"{value}/100"

    def format(self, key: str, **values: object) -> str:
        return self.m[key].format(**values)

    def method(self) -> str:
        return self.format("method_text", cap=CRITICAL_CAP, risk_floor=100 - CRITICAL_CAP)

    def lexicons(self, extra: Sequence[ExtraLexicon]) -> str:
        """The counsellor's own word lists the audit added (`audit --lexicon`)."""
        shown = ", ".join(self.format("method_lexicon", file=x.file, terms=x.terms) for x in extra)
        return self.format("method_lexicons", lexicons=shown)

    def risk_readers(self, model: str | None, off: str | None) -> str | None:
        """Which detectors read risky content: the rules and the trained model `model`, or the
        rules alone and why (`off`: no_model, unavailable); None when no page was read."""
        if model:
            return self.format("method_risk_readers_model", model=model)
        if not off:
            return None
        why = self.m.get(f"method_risk_off_{off}", self.m["method_risk_off_unavailable"])
        return self.format("method_risk_readers_rules", why=why)


TOP_ACTIONS = 3

# How a score moved, in words: never a colour or an arrow alone.
Direction = Literal["better", "worse", "unchanged", "not_comparable"]


def direction(kind: str, change: int | None) -> Direction:
    """Higher visibility is better; higher risk is worse."""
    if change is None:
        return "not_comparable"
    if change == 0:
        return "unchanged"
    return "better" if (change > 0) == (kind != "risk") else "worse"


def signed(change: int | None) -> str:
    """`+12`, `−5` (a real minus sign), `0`; a dash when there is nothing to compare."""
    if change is None:
        return "–"
    if change > 0:
        return f"+{change}"
    return f"−{-change}" if change < 0 else "0"


def long_date(words: Mapping[str, str], iso: str | None) -> str:
    """An ISO date or timestamp as a long date with `words` (`months`, `date_format`)."""
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    months = words["months"].split(",")
    shown = words["first_day"] if day.day == 1 else str(day.day)
    return words["date_format"].format(day=shown, month=months[day.month - 1], year=day.year)


def safe_href(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else (javascript:, data:) stays plain text."""
    if not url:
        return None
    stripped = url.strip()
    lowered = stripped.lower()
    if not lowered.startswith(("http://", "https://")) or any(c.isspace() for c in stripped):
        return None
    return stripped


@dataclass(frozen=True)
class AnswerGroup:
    id: str
    title: str
    answers: tuple[AnswerResult, ...]


@dataclass(frozen=True)
class HorizonGroup:
    horizon: Horizon
    actions: tuple[Action, ...]

    @property
    def folded(self) -> bool:
        """Only this week's actions show at once; the rest wait behind a fold (HTML) or a title."""
        return self.horizon != "this_week"


@dataclass(frozen=True)
class SeverityGroup:
    severity: Severity
    findings: tuple[Finding, ...]


class Presenter:
    """Presentational helpers over one result, in its language. Labels only, never scores."""

    def __init__(self, result: AuditResult, words: Words | None = None) -> None:
        self.r = sanitised(result)  # formats read `p.r`: every string already printable
        self.w = words or Words(result)
        self.language = result.language

    def risk_readers(self) -> str | None:
        """The method's line on the detectors that read risky content (schema 1.5; a result
        that predates it records neither, and the line is left out)."""
        return self.w.risk_readers(self.r.info.meaning_model, self.r.info.meaning_model_off)

    # --- numbers and dates ---------------------------------------------------------------------

    def num(self, value: float | None) -> str:
        """`66.7` as `66,7` in French; whole numbers without a decimal part."""
        if value is None:
            return "–"
        text = f"{round(float(value), 1):g}"
        return text.replace(".", self.w["decimal_separator"])

    def date(self, iso: str | None) -> str:
        """An ISO date or timestamp as a long date in the report's language; else as given."""
        return long_date(self.w.m, iso)

    # --- scores ------------------------------------------------------------------------------

    def score_attr(self, value: int | None) -> str:
        """The `data-score` value: the number, or `none` for a score that does not exist."""
        return "none" if value is None else str(value)

    def bands(self, kind: str) -> tuple[svg.Band, ...]:
        return svg.bands("risk" if kind == "risk" else "visibility")

    def band_text(self, kind: str) -> str:
        """`good ≥ 75 · fair 50–74 · poor < 50`, in the report's language."""
        parts = []
        for band in self.bands(kind):
            if band.low == 0:
                span = f"< {band.high + 1}"
            elif band.high == 100:
                span = f"≥ {band.low}"
            else:
                span = f"{band.low}–{band.high}"
            parts.append(f"{self.w.rating(band.rating)} {span}")
        return " · ".join(parts)

    def categories(self, kind: str) -> tuple[CategoryScore, ...]:
        return tuple(c for c in self.r.scores.categories if c.kind == kind)

    @property
    def severity_weights(self) -> tuple[tuple[Severity, float], ...]:
        return tuple((s, SEVERITY_WEIGHT[s]) for s in SEVERITIES)

    # --- sections ----------------------------------------------------------------------------

    @property
    def answered(self) -> int:
        return sum(1 for a in self.r.answers if a.status != "unanswered")

    def answer_groups(self) -> tuple[AnswerGroup, ...]:
        """Answered questions by category, in checklist order; unanswered ones are listed apart."""
        titles = {c.id: c.title for c in self.r.scores.categories}
        order: list[str] = []
        members: dict[str, list[AnswerResult]] = {}
        for a in self.r.answers:
            if a.status == "unanswered":
                continue
            if a.category not in members:
                order.append(a.category)
                members[a.category] = []
            members[a.category].append(a)
        return tuple(AnswerGroup(c, titles.get(c, c), tuple(members[c])) for c in order)

    def failed_findings(self) -> tuple[SeverityGroup, ...]:
        """Findings that call for action, most severe first; empty severities left out."""
        by_severity: dict[str, list[Finding]] = {s: [] for s in SEVERITIES}
        for f in self.r.findings:
            if not f.passed:
                by_severity[f.severity].append(f)
        return tuple(SeverityGroup(s, tuple(by_severity[s])) for s in SEVERITIES if by_severity[s])

    def passed_findings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.r.findings if f.passed)

    def unverified(self, profile: ProfileResult) -> bool:
        return profile.status in UNSEEN_STATUSES

    @property
    def profiles_seen(self) -> int:
        """Profiles whose page was seen: shown (`ok`) or answered that it does not exist."""
        return sum(1 for p in self.r.profiles if p.status not in UNSEEN_STATUSES)

    @property
    def none_visited(self) -> bool:
        """Profiles were visited, and not one page could be seen: say so, and what to do next."""
        return self.r.info.visit_summary in ("no_network", "none_seen")

    @property
    def none_visited_key(self) -> str:
        """The words for it: no site reached (the connection), or sites that showed nothing."""
        if self.r.info.visit_summary == "no_network":
            return "no_profile_visited"
        return "no_profile_seen"

    def no_actions_text(self) -> str:
        """An empty plan: nothing to do, or nothing known yet (no answer, no page seen)."""
        r = self.r
        if not r.info.checked_answers and not r.info.checked_profiles:
            return self.w["no_actions_unanswered"]
        return self.w["no_actions"]

    def seen_note(self) -> str | None:
        """The header's "checked" line on profiles: only when at least one page was seen."""
        if not self.r.info.checked_profiles or not self.profiles_seen:
            return None
        return self.w.format("scope_profiles", count=self.profiles_seen)

    def unseen_note(self) -> str | None:
        """The header's "not checked" line on profiles, or None when every page was seen."""
        r, w = self.r, self.w
        if not r.profiles:
            return w["no_profiles"]
        if r.info.offline:
            return w[
                "not_checked_profiles_consent"
                if r.info.consent_scope == "checklist"
                else "not_checked_profiles"
            ]
        if self.none_visited:
            return w.format("scope_profiles_none_seen", count=len(r.profiles))
        if not r.info.checked_profiles:
            return w["scope_profiles_not_visited"]
        unseen = len(r.profiles) - self.profiles_seen
        return w.format("scope_profiles_unseen", count=unseen) if unseen else None

    def no_findings_text(self) -> str:
        """Why the findings list is empty: nothing found on seen pages, or no page seen."""
        if self.none_visited:
            return self.w["no_findings_none_seen"]
        if self.r.info.checked_profiles and self.profiles_seen:
            return self.w["no_findings"]
        return self.w["no_findings_offline"]

    # --- where to be, the trade, the plan --------------------------------------------------------

    def trade_line(self) -> str:
        """What follows "Trade:": its name, set or inferred from what, and how to set it."""
        trade = self.r.trade
        if trade is None:
            return self.trade_tie_line(self.r.trades_tied)
        return self.w.format(
            "trade_line", name=trade.name, evidence=trade.evidence, how=trade.how_to_set
        )

    def trade_tie_line(self, tied: Sequence[NamedTrade]) -> str:
        """The trade line when several trades fit equally well and none was chosen: each named
        in the report's language with the `person.trade` value that chooses it."""
        if len(tied) < 2:
            return self.w["trade_none"]
        entries = [self.w.format("trade_tied_entry", name=t.name, trade=t.id) for t in tied]
        listed = f"{', '.join(entries[:-1])} {self.w['trade_tied_or']} {entries[-1]}"
        return self.w.format("trade_tied", trades=listed)

    def recommendation(self, advice: WhereAdvice) -> str:
        return self.w[f"recommendation_{advice.recommendation}"]

    def where_name(self, advice: WhereAdvice) -> str:
        """A network's name in the "where" table; a site outside the catalogue by its host, as
        its card is titled."""
        if advice.network == FALLBACK_ID and advice.url:
            return display_host(advice.url) or advice.name
        return advice.name

    def where_acting(self) -> tuple[WhereAdvice, ...]:
        return tuple(a for a in self.r.where if a.acting)

    def horizon_groups(self) -> tuple[HorizonGroup, ...]:
        """The plan by horizon, in order, empty horizons left out; ranks run on across them."""
        groups = (
            HorizonGroup(h, tuple(a for a in self.r.actions if a.horizon == h)) for h in HORIZONS
        )
        return tuple(g for g in groups if g.actions)

    def risk_label(self, term: RiskTerm) -> str:
        return term.label or term.category.replace("_", " ")

    def pii_label(self, kind: str) -> str:
        return self.w[f"pii_{kind}"]

    def yes_no(self, value: bool | None) -> str:
        return self.w["unknown"] if value is None else self.w["yes" if value else "no"]

    def gain(self, kind: str, value: float) -> str:
        return self.w.format(f"gain_{kind}", gain=self.num(value))

    def points(self, answer: AnswerResult) -> str:
        """`1/2`; a dash when the answer earns no points (unanswered or not applicable)."""
        if answer.points is None:
            return "–"
        return f"{self.num(answer.points)}/{self.num(answer.max_points)}"

    def network(self, profile: ProfileResult) -> str:
        """The card's title: the person's label, else the site's name; a site outside the
        catalogue (all called "website") is named by its host."""
        if profile.label:
            return profile.label
        if profile.network == FALLBACK_ID:
            host = display_host(profile.url)
            if host:
                return host
        return profile.network_name or profile.network

    # --- since the last audit (schema 1.3) -------------------------------------------------------

    def since_rows(self) -> tuple[tuple[str, str], ...]:
        """The "since your last audit" rows, (label, value), the same in every report format;
        empty when the result carries no earlier audit."""
        since, w = self.r.since_last, self.w
        if since is None:
            return ()
        return (
            (w["visibility"], self._since_score(since, "visibility")),
            (w["risk"], self._since_score(since, "risk")),
            (w["compare_actions_done"], str(since.actions_done)),
            (w["compare_new_actions"], str(since.new_actions)),
            (w["compare_resolved_findings"], str(since.resolved_findings)),
            (w["compare_new_findings"], str(since.new_findings)),
            (w["compare_profiles"], str(since.profiles_changed)),
        )

    def since_intro(self) -> str:
        since = self.r.since_last
        return self.w.format(
            "since_intro", date=self.date(since.previous_generated_at if since else None)
        )

    def _since_score(self, since: SinceLast, kind: str) -> str:
        before = since.visibility_before if kind == "visibility" else since.risk_before
        change = since.visibility_change if kind == "visibility" else since.risk_change
        word = self.w[f"compare_{direction(kind, change)}"]
        if change is None or change == 0:
            return word
        return (
            f"{signed(change)} ({word}; {self.w['compare_before'].lower()} {self.w.score(before)})"
        )
