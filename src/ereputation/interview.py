"""`ereputation init`: the counsellor's interview, turned into a commented, valid profile config."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ereputation.checklist import Checklist, Item
from ereputation.config import url_problem
from ereputation.i18n import Language
from ereputation.messages import cli_messages, messages
from ereputation.tomlfile import without_controls

Ask = Callable[[str, str], str]  # (prompt, default) -> answer
Say = Callable[[str], None]


@dataclass
class Interview:
    """What the interview gathered; `to_toml` writes it back as a profile config."""

    language: Language
    name: str = ""
    target_role: str = ""
    keywords: list[str] = field(default_factory=list)
    location: str = ""
    urls: list[str] = field(default_factory=list)
    counsellor: str = ""
    consent_date: dt.date | None = None
    client_reference: str = ""
    audit_date: dt.date | None = None
    note: str = ""
    answers: dict[str, str] = field(default_factory=dict)


def conduct(
    checklist: Checklist, language: Language, ask: Ask, say: Say, today: dt.date
) -> Interview:
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
    result.keywords = list(dict.fromkeys(k.strip() for k in keywords.split(",") if k.strip()))
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
        result.consent_date = _ask_date(m["interview_consent"], today, ask, say, c)
        result.client_reference = ask(c["interview_client_reference"], "").strip()
        result.audit_date = _ask_date(c["interview_date"], today, ask, say, c)
        result.note = ask(c["interview_note"], "").strip()
    total = len(checklist.items)
    for index, item in enumerate(checklist.items, start=1):
        say("")
        say(m["interview_question"].format(index=index, total=total))
        value = _ask_item(
            item, language, ask, say, m["interview_choice"], m["interview_bad_choice"]
        )
        if value is not None:
            result.answers[item.id] = value
    return result


def _ask_date(prompt: str, today: dt.date, ask: Ask, say: Say, c: Mapping[str, str]) -> dt.date:
    """A date, asked again with the expected form until it is one (default: today)."""
    while True:
        raw = ask(prompt, today.isoformat()).strip()
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            say(c["interview_bad_date"].format(value=repr(raw), example=today.isoformat()))


def _cleaned(ask: Ask) -> Ask:
    """Typed-in answers without control characters, which a config refuses."""

    def cleaned(prompt: str, default: str) -> str:
        return without_controls(ask(prompt, default))

    return cleaned


def _ask_item(
    item: Item, language: Language, ask: Ask, say: Say, prompt: str, bad: str
) -> str | None:
    say(item.question.get(language))
    if item.help:
        say(f"  ({item.help.get(language)})")
    for number, choice in enumerate(item.choices, start=1):
        say(f"  {number}. {choice.label.get(language)}")
    while True:
        raw = ask(prompt, "").strip()
        if not raw:
            return None
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
    if interview.location:
        lines.append(f"location = {toml_string(interview.location)}")
    lines.append(f'language = "{lang}"')
    if interview.counsellor:
        lines += ["", "[audit]", f"counsellor = {toml_string(interview.counsellor)}"]
        if interview.client_reference:
            lines.append(f"client_reference = {toml_string(interview.client_reference)}")
        if interview.consent_date:
            lines.append(f"consent_date = {interview.consent_date.isoformat()}")
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
