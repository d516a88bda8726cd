"""`ereputation init`: the counsellor's interview, turned into a commented, valid profile config."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from ereputation.checklist import Checklist, Item
from ereputation.config import url_problem
from ereputation.i18n import Language
from ereputation.messages import messages
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
    answers: dict[str, str] = field(default_factory=dict)


def conduct(
    checklist: Checklist, language: Language, ask: Ask, say: Say, today: dt.date
) -> Interview:
    m = messages(language)
    result = Interview(language)
    ask = _cleaned(ask)

    say(m["interview_intro"])
    while not result.name:
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
        problem = url_problem(url)
        if problem:
            say(m["interview_bad_url"].format(problem=problem))
        elif url not in result.urls:
            result.urls.append(url)
    result.counsellor = ask(m["interview_counsellor"], "").strip()
    if result.counsellor:
        while result.consent_date is None:
            raw = ask(m["interview_consent"], today.isoformat()).strip()
            try:
                result.consent_date = dt.date.fromisoformat(raw)
            except ValueError:
                continue
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
        if interview.consent_date:
            lines.append(f"consent_date = {interview.consent_date.isoformat()}")
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
