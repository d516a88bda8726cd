"""`ereputation init`: the counsellor's interview, turned into a commented, valid profile config."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ereputation.checklist import Checklist, Item
from ereputation.config import (
    DEFAULT_RETENTION_MONTHS,
    MAX_USERNAMES,
    RETENTION_MONTHS_RANGE,
    ConsentScope,
    Person,
    url_problem,
)
from ereputation.i18n import Language
from ereputation.messages import cli_messages, messages
from ereputation.tomlfile import without_controls
from ereputation.trade_choice import TradeChoice, choose_trade, unknown_trade
from ereputation.trade_choice import trades as bundled_trades
from ereputation.trades import Trade, Trades, alias_tokens, infer_trade

Ask = Callable[[str, str], str]  # (prompt, default) -> answer
Say = Callable[[str], None]


@dataclass
class Interview:
    """What the interview gathered; `to_toml` writes it back as a profile config."""

    language: Language
    name: str = ""
    target_role: str = ""
    keywords: list[str] = field(default_factory=list)
    role_aliases: list[str] = field(default_factory=list)
    trade: str = ""  # a trade id, or "" for none (general advice)
    career_change: bool = False
    location: str = ""
    urls: list[str] = field(default_factory=list)
    counsellor: str = ""
    consent_date: dt.date | None = None
    consent_scope: ConsentScope = "checklist"
    usernames: list[str] = field(default_factory=list)  # asked with the discovery consent
    retention_months: int = DEFAULT_RETENTION_MONTHS
    client_reference: str = ""
    audit_date: dt.date | None = None
    note: str = ""
    answers: dict[str, str] = field(default_factory=dict)


def conduct(
    checklist: Checklist,
    language: Language,
    ask: Ask,
    say: Say,
    today: dt.date,
    trades: Trades | None = None,
) -> Interview:
    """Ask everything a profile config holds; `trades` defaults to the bundled ones."""
    if trades is None:
        trades = bundled_trades()
    m, c = messages(language), cli_messages(language)
    result = Interview(language)
    ask = _cleaned(ask)

    say(m["interview_intro"])
    result.name = ask(m["interview_name"], "").strip()
    while not result.name:
        say(c["interview_required"])
        result.name = ask(m["interview_name"], "").strip()
    result.target_role = ask(m["interview_target_role"], "").strip()
    keywords = ask(m["interview_keywords"], "")
    result.keywords = _listed(keywords)
    result.role_aliases = _listed(ask(c["interview_role_aliases"], ""))
    result.trade = _ask_trade(result, trades, language, ask, say)
    result.career_change = _ask_yes_no(c["interview_career_change"], ask, say, c)
    result.location = ask(m["interview_location"], "").strip()
    say(m["interview_profiles"])
    while True:
        url = ask(m["interview_profile_url"], "").strip()
        if not url:
            break
        problem = url_problem(url, language)
        if problem:
            say(m["interview_bad_url"].format(problem=problem))
        elif url not in result.urls:
            result.urls.append(url)
    result.counsellor = ask(m["interview_counsellor"], "").strip()
    if result.counsellor:  # the [audit] section: the counsellor's record of the interview
        # Consent is given, not promised: a date to come would stop the audit (exit 2).
        result.consent_date = _ask_date(m["interview_consent"], today, ask, say, c, latest=today)
        result.consent_scope = _ask_scope(ask, say, c)
        if result.consent_scope == "checklist_profiles_and_discovery":
            result.usernames = _ask_usernames(ask, say, c)
        result.retention_months = _ask_months(ask, say, c)
        result.client_reference = ask(c["interview_client_reference"], "").strip()
        result.audit_date = _ask_date(c["interview_date"], today, ask, say, c)
        result.note = ask(c["interview_note"], "").strip()
    total = len(checklist.items)
    unsure_told = False  # said once, at the first question that offers "I don't know"
    for index, item in enumerate(checklist.items, start=1):
        say("")
        if not unsure_told and any(choice.unsure for choice in item.choices):
            say(m["interview_unsure_note"])
            unsure_told = True
        say(m["interview_question"].format(index=index, total=total))
        value = ask_item(item, language, ask, say, m["interview_choice"], m["interview_bad_choice"])
        if value is not None:
            result.answers[item.id] = value
    return result


def _listed(text: str) -> list[str]:
    """Comma-separated entries, each once."""
    return list(dict.fromkeys(k.strip() for k in text.split(",") if k.strip()))


def _shortlist(result: Interview, choice: TradeChoice, trades: Trades) -> list[Trade]:
    """The trades worth a number: the inferred or tied ones, then those sharing a word with the
    role, keywords or aliases; never more than nine (any other is typed by its id)."""
    ids = ([choice.trade.id] if choice.trade else []) + list(choice.evidence.tied)
    texts = [result.target_role, *result.keywords, *result.role_aliases]
    words = {w for text in texts for w in alias_tokens(text) if len(w) > 2}
    for candidate in trades:
        if any(words & set(alias_tokens(alias)) for alias in candidate.aliases):
            ids.append(candidate.id)
    unique = list(dict.fromkeys(ids))[:9]
    return [trades.get(trade_id) for trade_id in unique]


def _ask_trade(result: Interview, trades: Trades, language: Language, ask: Ask, say: Say) -> str:
    """A trade id, or "" for none: by number, id or one of its words; Enter keeps the default."""
    c = cli_messages(language)
    person = Person(
        result.name,
        result.target_role or None,
        tuple(result.keywords),
        role_aliases=tuple(result.role_aliases),
    )
    choice = choose_trade(person, trades)
    inferred = choice.trade
    shortlist = _shortlist(result, choice, trades)
    say("")
    say(c["interview_trade_intro"])
    if inferred is not None:
        say(c["interview_trade_inferred"].format(name=inferred.name.get(language), id=inferred.id))
    else:
        say(c["interview_trade_none"])
    for number, trade in enumerate(shortlist, start=1):
        say(f"  {number}. {trade.name.get(language)} ({trade.id})")
    if not shortlist:  # nothing to number: the ids, so one can be typed without another command
        say(c["interview_trade_ids"].format(ids=", ".join(trades.ids())))
    say(c["interview_trade_other"])
    default = inferred.id if inferred else ""
    while True:
        raw = ask(c["interview_trade"], default).strip()
        if not raw or raw in ("0", "-"):
            return ""
        if raw.isdigit() and 1 <= int(raw) <= len(shortlist):
            return shortlist[int(raw) - 1].id
        if raw in trades.ids():
            return raw
        named, _ = infer_trade(trades, raw)  # "infirmière" names healthcare
        if named is not None:
            return named.id
        say(unknown_trade(raw, "", trades).text(language))


_YES = frozenset({"y", "yes", "o", "oui", "1", "true"})
_NO = frozenset({"n", "no", "non", "0", "false"})


def _ask_yes_no(prompt: str, ask: Ask, say: Say, c: Mapping[str, str]) -> bool:
    """Yes or no in either language; Enter means no."""
    while True:
        raw = ask(prompt, c["no"]).strip().casefold()
        if not raw or raw in _NO:
            return False
        if raw in _YES:
            return True
        say(c["interview_yes_no"])


def _ask_scope(ask: Ask, say: Say, c: Mapping[str, str]) -> ConsentScope:
    """What the client agreed to; Enter keeps the narrower consent, the checklist only."""
    say(c["interview_consent_scope_intro"])
    say(c["interview_consent_scope_checklist"])
    say(c["interview_consent_scope_profiles"])
    say(c["interview_consent_scope_discovery"])
    while True:
        raw = ask(c["interview_consent_scope"], "1").strip()
        if raw in ("1", "checklist"):
            return "checklist"
        if raw in ("2", "checklist_and_profiles"):
            return "checklist_and_profiles"
        if raw in ("3", "checklist_profiles_and_discovery"):
            return "checklist_profiles_and_discovery"
        say(c["interview_consent_scope_bad"])


def _ask_usernames(ask: Ask, say: Say, c: Mapping[str, str]) -> list[str]:
    """The handles to look up, comma-separated; asked again while one is unusable."""
    from ereputation.discovery.handles import usable

    while True:
        names = [n.removeprefix("@") for n in _listed(ask(c["interview_usernames"], ""))]
        bad = [n for n in names if not usable(n)]
        if not bad:
            unique: dict[str, str] = {}
            for name in names:  # each once whatever its case, as the config reads them
                unique.setdefault(name.casefold(), name)
            return list(unique.values())[:MAX_USERNAMES]
        say(c["interview_bad_username"].format(value=bad[0]))


def _ask_months(ask: Ask, say: Say, c: Mapping[str, str]) -> int:
    """Months of retention, asked again until in range (default: the CNIL's two years)."""
    low, high = RETENTION_MONTHS_RANGE
    while True:
        raw = ask(c["interview_retention"], str(DEFAULT_RETENTION_MONTHS)).strip()
        if raw.isdigit() and low <= int(raw) <= high:
            return int(raw)
        say(c["interview_bad_retention"].format(value=repr(raw), minimum=low, maximum=high))


def _ask_date(
    prompt: str,
    today: dt.date,
    ask: Ask,
    say: Say,
    c: Mapping[str, str],
    *,
    latest: dt.date | None = None,
) -> dt.date:
    """A date, asked again with the expected form until it is one (default: today), and not
    after `latest` when given."""
    while True:
        raw = ask(prompt, today.isoformat()).strip()
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            say(c["interview_bad_date"].format(value=repr(raw), example=today.isoformat()))
            continue
        if latest is None or day <= latest:
            return day
        say(c["interview_date_to_come"].format(value=raw, latest=latest.isoformat()))


def _cleaned(ask: Ask) -> Ask:
    """Typed-in answers without control characters, which a config refuses."""

    def cleaned(prompt: str, default: str) -> str:
        return without_controls(ask(prompt, default))

    return cleaned


def ask_item(
    item: Item,
    language: Language,
    ask: Ask,
    say: Say,
    prompt: str,
    bad: str,
    *,
    current: str | None = None,
    current_text: str = "",
) -> str | None:
    """A choice value, or None when skipped; with a `current` answer, Enter keeps it."""
    say(item.question.get(language))
    if item.help:
        say(f"  ({item.help.get(language)})")
    for number, choice in enumerate(item.choices, start=1):
        say(f"  {number}. {choice.label.get(language)}")
    known = item.choice(current) if current is not None else None
    if current is not None and known is not None and current_text:
        say(current_text.format(value=known.label.get(language)))
    while True:
        raw = ask(prompt, current or "").strip()
        if not raw:
            return current
        if raw.isdigit() and 1 <= int(raw) <= len(item.choices):
            return item.choices[int(raw) - 1].value
        if item.choice(raw) is not None:  # the value itself is accepted too
            return raw
        say(bad.format(count=len(item.choices)))


def toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are all valid TOML escapes."""
    # JSON leaves DEL raw, which TOML forbids in strings.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def to_toml(interview: Interview, checklist: Checklist, checklist_ref: str | None = None) -> str:
    lang = interview.language
    lines = [
        "# Profile config for `ereputation audit`, written by `ereputation init`.",
        "# It holds personal data: keep it private. Format: docs/config.md",
        "",
    ]
    if checklist_ref:
        lines += [f"checklist = {toml_string(checklist_ref)}", ""]
    lines += [
        "[person]",
        f"name = {toml_string(interview.name)}",
    ]
    if interview.target_role:
        lines.append(f"target_role = {toml_string(interview.target_role)}")
    keywords = ", ".join(toml_string(k) for k in interview.keywords)
    lines.append(f"keywords = [{keywords}]")
    if interview.role_aliases:
        aliases = ", ".join(toml_string(a) for a in interview.role_aliases)
        lines.append(f"role_aliases = [{aliases}]")
    lines.append("# The trade decides which networks the advice names: ereputation trades list")
    if interview.trade:
        lines.append(f"trade = {toml_string(interview.trade)}")
    else:
        lines.append('# trade = ""')
    lines.append(f"career_change = {'true' if interview.career_change else 'false'}")
    if interview.location:
        lines.append(f"location = {toml_string(interview.location)}")
    if interview.usernames:
        lines.append("# Handles looked up by `audit --discover` (docs/discovery.md)")
        lines.append(f"usernames = [{', '.join(toml_string(u) for u in interview.usernames)}]")
    lines.append(f'language = "{lang}"')
    if interview.counsellor:
        lines += ["", "[audit]", f"counsellor = {toml_string(interview.counsellor)}"]
        if interview.client_reference:
            lines.append(f"client_reference = {toml_string(interview.client_reference)}")
        if interview.consent_date:
            lines.append(f"consent_date = {interview.consent_date.isoformat()}")
        lines += [
            '# What the client agreed to: "checklist" (the questions only: no profile is',
            '# visited), "checklist_and_profiles" (also visits of their public profiles) or',
            '# "checklist_profiles_and_discovery" (also their usernames looked up on other sites',
            "# and their name searched).",
            f"consent_scope = {toml_string(interview.consent_scope)}",
            "# Months the case's data is kept after the last interview (docs/config.md).",
            f"retention_months = {interview.retention_months}",
        ]
        if interview.audit_date:
            lines.append(f"date = {interview.audit_date.isoformat()}")
        if interview.note:
            lines.append(f"note = {toml_string(interview.note)}")
    for url in interview.urls:
        lines += ["", "[[profiles]]", f"url = {toml_string(url)}"]
    lines += ["", "[answers]"]
    for item in checklist.items:
        question = " ".join(item.question.get(lang).split())
        values = " | ".join(c.value for c in item.choices)
        lines.append(f"# {question}")
        lines.append(f"#   {values}")
        if item.id in interview.answers:
            lines.append(f"{item.id} = {toml_string(interview.answers[item.id])}")
        else:
            lines.append(f'# {item.id} = ""')
    return "\n".join(lines) + "\n"
