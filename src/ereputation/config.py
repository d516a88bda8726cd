"""The profile config: who is audited, which profiles they declare, and their checklist answers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, cast
from urllib.parse import urlsplit

from ereputation.detect.regions import ISO_COUNTRIES
from ereputation.errors import ConfigError, Problem
from ereputation.i18n import LANGUAGES, Language
from ereputation.tomlfile import Table, key_path, parse_toml_text, read_text
from ereputation.urls import comparable

NETWORK_ID = r"[a-z0-9][a-z0-9_-]*"
MAX_PROFILES = 200
MAX_ROLE_ALIASES = 20
# Usernames the person gives for discovery (issue 10): a handful, each a plain handle. No "/",
# space or "?" can reach a site's URL through one.
MAX_USERNAMES = 20
MAX_USERNAME_LENGTH = 64
USERNAME = re.compile(r"[^\W][\w.-]*", re.UNICODE)

# What a counselled client agreed to: their checklist answers only, also visits of their
# profiles, or also discovery (their usernames probed on other sites, their name searched).
# Without a scope, a counselled case is taken as "checklist": the narrower consent.
ConsentScope = Literal["checklist", "checklist_and_profiles", "checklist_profiles_and_discovery"]
CONSENT_SCOPES: tuple[ConsentScope, ...] = (
    "checklist",
    "checklist_and_profiles",
    "checklist_profiles_and_discovery",
)
# The CNIL (France's data-protection authority) advises keeping a candidate's data at most two
# years after the last contact; docs/config.md cites it. Longer needs a reason of one's own.
DEFAULT_RETENTION_MONTHS = 24
RETENTION_MONTHS_RANGE = (1, 60)


@dataclass(frozen=True)
class Person:
    name: str
    target_role: str | None = None
    keywords: tuple[str, ...] = ()
    language: Language = "fr"
    location: str | None = None
    other_names: tuple[str, ...] = ()
    trade: str | None = None  # an id of checklists/trades.toml; checked by audit.problems_of
    role_aliases: tuple[str, ...] = ()  # the person's own names for their role, any language
    career_change: bool = False  # moving to another trade: career items matter more
    country: str | None = None  # ISO 3166 alpha-2, upper case: the region phones are read in
    usernames: tuple[str, ...] = ()  # handles the person uses, for discovery; "@" left off


@dataclass(frozen=True)
class AuditContext:
    """What a counsellor records about the audit itself; never used for scoring."""

    counsellor: str | None = None
    client_reference: str | None = None
    consent_date: dt.date | None = None
    date: dt.date | None = None
    note: str | None = None
    consent_scope: ConsentScope | None = None  # as written; `scope` applies the default
    retention_months: int | None = None  # as written; `retention` applies the default
    search_endpoint: str | None = None  # a SearXNG instance asked for the person's name

    @property
    def scope(self) -> ConsentScope | None:
        """What the client agreed to; None (no limit) only for a case nobody counsels."""
        if self.consent_scope is not None:
            return self.consent_scope
        return "checklist" if self.counsellor else None

    @property
    def visits_allowed(self) -> bool:
        return self.scope != "checklist"

    @property
    def discovery_allowed(self) -> bool:
        """Probing usernames and searching the name: a self-audit, or a client who agreed to it."""
        return self.scope in (None, "checklist_profiles_and_discovery")

    @property
    def retention(self) -> int:
        return self.retention_months or DEFAULT_RETENTION_MONTHS

    def erase_after(self, today: dt.date) -> dt.date | None:
        """When the case's data must go: retention months after the last contact (the audit's
        date, else today, or a later consent). None for a self-audit without retention_months."""
        if self.counsellor is None and self.retention_months is None:
            return None
        last = max(d for d in (self.consent_date, self.date or today) if d is not None)
        return add_months(last, self.retention)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31 January + 1 = 28 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def consent_problems(profile: Profile, today: dt.date) -> list[Problem]:
    """Why a counselled case cannot be audited yet: no consent date, or one in the future."""
    context = profile.audit
    if context.counsellor is None:
        return []
    where = f"{profile.path}: audit" if profile.path else "audit"
    if context.consent_date is None:
        return [Problem.coded(where, "consent_missing", example=today.isoformat())]
    if context.consent_date > today:
        return [
            Problem.coded(
                f"{where}.consent_date",
                "consent_future",
                date=context.consent_date.isoformat(),
                today=today.isoformat(),
            )
        ]
    return []


@dataclass(frozen=True)
class DeclaredProfile:
    url: str
    network: str | None = None
    label: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Answer:
    value: str
    note: str | None = None


@dataclass(frozen=True)
class Profile:
    person: Person
    audit: AuditContext = field(default_factory=AuditContext)
    profiles: tuple[DeclaredProfile, ...] = ()
    answers: Mapping[str, Answer] = field(default_factory=dict)
    checklist: str | None = None
    path: Path | None = None
    # The file's text as it was read: what is recorded beside the result it produced, even
    # when the file is edited while the audit runs.
    source: str | None = field(default=None, compare=False, repr=False)

    @property
    def answer_values(self) -> dict[str, str]:
        return {item_id: answer.value for item_id, answer in self.answers.items()}


def load_profile(path: Path) -> Profile:
    """Read and validate a profile config; every problem is reported at once, with its key path."""
    profile, problems = read_profile(path)
    if problems:
        raise ConfigError(problems)
    return profile


def read_profile(path: Path) -> tuple[Profile, tuple[Problem, ...]]:
    """The profile as far as it can be read, and every problem of its file, prefixed by the file.

    Used by `validate` and `audit` to check the answers even when other sections are broken: the
    answers table is read on its own, so one run reports every problem. A file that is not TOML
    raises `ConfigError` at once. When there are problems, the profile is for checking only.
    """
    text = read_text(path, ConfigError)
    data = parse_toml_text(text, path, ConfigError)
    found: list[Problem] = []
    # Partial: without a usable person (always a problem), keep the rest for the answer checks.
    profile = parse_profile(data, found, path, partial=True)
    assert profile is not None
    profile = replace(profile, source=text)
    return profile, tuple(p.moved(f"{path}: {p.where}") for p in found)


def parse_profile(
    data: Mapping[str, Any],
    problems: list[Problem],
    path: Path | None = None,
    *,
    partial: bool = False,
) -> Profile | None:
    """A Profile, or None without a usable person (unless `partial`: then a nameless one)."""
    root = Table(data, "", problems)
    person = _read_person(root)
    audit = _read_audit(root)
    profiles = root.each("profiles", _read_declared_profile)
    if len(profiles) > MAX_PROFILES:
        root.coded("profiles", "too_many_profiles", count=len(profiles), limit=MAX_PROFILES)
    _check_duplicate_urls(root, profiles)
    answers = _read_answers(root)
    checklist = root.string("checklist")
    root.finish()
    if person is None:
        if not partial:
            return None
        person = Person("")
    return Profile(person, audit, tuple(profiles), answers, checklist, path)


def _read_person(root: Table) -> Person | None:
    table = root.table("person", required=True)
    if table is None:
        return None
    name = table.string("name", required=True)
    target_role = _optional_text(table, "target_role")
    keywords = table.strings("keywords", limit=50)
    language = table.string("language", choices=LANGUAGES) or "fr"
    location = _optional_text(table, "location")
    other_names = table.strings("other_names", limit=10)
    trade = _optional_text(table, "trade")
    role_aliases = table.strings("role_aliases", limit=MAX_ROLE_ALIASES)
    career_change = table.boolean("career_change", default=False)
    country = _read_country(table)
    usernames = _read_usernames(table)
    table.finish()
    if name is None:
        return None
    unique_keywords = tuple(dict.fromkeys(keywords))
    return Person(
        name.strip(),
        target_role,
        unique_keywords,
        cast(Language, language),
        location,
        other_names,
        trade,
        tuple(dict.fromkeys(role_aliases)),
        career_change,
        country,
        usernames,
    )


def _read_usernames(table: Table) -> tuple[str, ...]:
    """The person's handles, "@" left off, each once whatever its case (sites mostly ignore it)."""
    values = table.array("usernames")
    if values is None:
        return ()
    if len(values) > MAX_USERNAMES:
        table.coded("usernames", "usernames_count", count=len(values), maximum=MAX_USERNAMES)
        return ()
    found: dict[str, str] = {}
    for index, value in enumerate(values):
        where = key_path(key_path(table.path, "usernames"), index)
        name = value.strip().removeprefix("@") if isinstance(value, str) else ""
        if not 0 < len(name) <= MAX_USERNAME_LENGTH or not USERNAME.fullmatch(name):
            table.problems.append(
                Problem.coded(where, "username", value=repr(value), maximum=MAX_USERNAME_LENGTH)
            )
            continue
        found.setdefault(name.casefold(), name)
    return tuple(found.values())


def _read_country(table: Table) -> str | None:
    value = table.string(
        "country", pattern=r"\s*[A-Za-z]{2}\s*", hint=" (two letters: FR, BE, CH, CA, GB, US...)"
    )
    if value is None:
        return None
    code = value.strip().upper()
    if code not in ISO_COUNTRIES:
        table.coded("country", "country_uk" if code == "UK" else "country_code", value=repr(value))
        return None
    return code


def _optional_text(table: Table, key: str) -> str | None:
    value = table.string(key)
    return value.strip() or None if value is not None else None


def _read_audit(root: Table) -> AuditContext:
    table = root.table("audit")
    if table is None:
        return AuditContext()
    context = AuditContext(
        counsellor=_optional_text(table, "counsellor"),
        client_reference=_optional_text(table, "client_reference"),
        consent_date=_read_date(table, "consent_date"),
        date=_read_date(table, "date"),
        note=_optional_text(table, "note"),
        consent_scope=cast(
            "ConsentScope | None", table.string("consent_scope", choices=CONSENT_SCOPES)
        ),
        retention_months=_read_months(table, "retention_months"),
        search_endpoint=_read_endpoint(table, "search_endpoint"),
    )
    table.finish()
    return context


def _read_endpoint(table: Table, key: str) -> str | None:
    """A search service's address (SearXNG): a plain http(s) URL, like a profile's."""
    value = table.string(key)
    if value is None:
        return None
    problem = url_problem_of(value.strip(), key_path(table.path, key))
    if problem:
        table.problems.append(problem)
        return None
    return value.strip()


def _read_months(table: Table, key: str) -> int | None:
    value = table.raw(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        table.wrong_type(key, "integer", value)
        return None
    low, high = RETENTION_MONTHS_RANGE
    if not low <= value <= high:
        table.coded(key, "months_range", value=value, minimum=low, maximum=high)
        return None
    return value


def _read_date(table: Table, key: str) -> dt.date | None:
    value = table.raw(key)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    table.coded(key, "date")
    return None


def _read_declared_profile(table: Table) -> DeclaredProfile | None:
    url = table.string("url", required=True)
    network = table.string("network", pattern=NETWORK_ID, hint=" (use a network id such as github)")
    label = _optional_text(table, "label")
    note = _optional_text(table, "note")
    if url is None:
        return None
    problem = url_problem_of(url.strip(), table.path + ".url")
    if problem:
        table.problems.append(problem)
        return None
    return DeclaredProfile(url.strip(), network, label, note)


def url_problem(url: str, language: Language = "en") -> str | None:
    """Why a declared profile URL cannot be used, or None: only plain http(s) addresses."""
    problem = url_problem_of(url)
    return None if problem is None else problem.text(language)


def url_problem_of(url: str, where: str = "") -> Problem | None:
    """`url_problem` as a Problem at `where`; a missing scheme gets an https:// suggestion."""
    if "://" not in url and _plain_url_problem("https://" + url, where) is None:
        return Problem.coded(where, "url_no_scheme", url=repr(url), suggestion="https://" + url)
    return _plain_url_problem(url, where)


def _plain_url_problem(url: str, where: str) -> Problem | None:
    try:
        parts = urlsplit(url)
        port = parts.port  # raises on a malformed port
    except ValueError as exc:
        return Problem.coded(where, "url_invalid", url=repr(url), reason=str(exc))
    del port
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"{parts.scheme}:" if parts.scheme else "no scheme"
        return Problem.coded(where, "url_scheme", url=repr(url), scheme=shown)
    if not parts.hostname:
        return Problem.coded(where, "url_no_host", url=repr(url))
    if parts.username is not None or parts.password is not None:
        return Problem.coded(where, "url_credentials", url=repr(url))
    if any(ch.isspace() for ch in url):
        return Problem.coded(where, "url_spaces", url=repr(url))
    return None


def _check_duplicate_urls(root: Table, profiles: list[DeclaredProfile]) -> None:
    seen: set[str] = set()
    for index, profile in enumerate(profiles):
        key = comparable(profile.url)
        if key in seen:
            root.coded("profiles", "repeated_url", index=index, url=profile.url)
        seen.add(key)


def _read_answers(root: Table) -> dict[str, Answer]:
    table = root.table("answers")
    if table is None:
        return {}
    answers: dict[str, Answer] = {}
    for item_id in list(table.data):
        value = table.raw(item_id)
        if isinstance(value, str):
            answers[item_id] = Answer(value)
        elif isinstance(value, dict):
            detail = table.table(item_id)
            assert detail is not None
            answer = detail.string("answer", required=True)
            note = _optional_text(detail, "note")
            detail.finish()
            if answer is not None:
                answers[item_id] = Answer(answer, note)
        else:
            table.coded(item_id, "answer_shape")
    return answers
