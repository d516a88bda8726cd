"""The checklist interview as a web form, and a submitted form back to a checked config.

Pure: no Flask here. `build_form` turns a checklist and form values into the model the template
shows (the person, the profiles, the consent, then one fieldset per checklist category).
`check_submission` turns what was posted into the TOML the CLI reads (`form_toml`) and checks it
with the very validators of `ereputation validate` and `audit`: `config.parse_profile`,
`audit.problems_of` (answers, networks, trade) and `config.consent_problems`. Each problem is
placed beside its field by key path; the values typed are always kept for the form re-shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ereputation.checklist import Checklist, Item
from ereputation.config import (
    CONSENT_SCOPES,
    MAX_PROFILES,
    RETENTION_MONTHS_RANGE,
    consent_problems,
    parse_profile,
)
from ereputation.errors import InputError, Problem
from ereputation.i18n import LANGUAGES, Language
from ereputation.messages import messages
from ereputation.serve.form_toml import (
    AUDIT_DATES,
    AUDIT_NUMBERS,
    AUDIT_TEXT,
    PERSON_FLAGS,
    PERSON_LISTS,
    PERSON_TEXT,
    Draft,
    apply_values,
    new_case_text,
    profile_rows,
    split_list,
)
from ereputation.textsafe import one_line
from ereputation.tomlfile import tomllib, without_controls

logger = logging.getLogger(__name__)

Kind = Literal["text", "list", "select", "checkbox", "date", "number", "url", "radio"]

# Bounds on what a form may carry: a counsellor types far less; a bigger post is refused field by
# field with a message, never truncated silently.
MAX_TEXT = 200
MAX_LIST_TEXT = 2000
MAX_URL = 2048
MAX_ENTRIES = 50
EMPTY_PROFILE_ROWS = 3
NO_ANSWER = ""  # the "not answered yet" radio: the answer is left out (or removed)

_ANSWER = re.compile(r"answers\.([a-z0-9][a-z0-9_]*)\Z")
_PROFILE = re.compile(r"profiles\[(\d{1,3})\]\.(url|network|label)\Z")


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    help: str | None = None
    mark: str | None = None  # "unsure" or "not_applicable": shown apart from the scored choices


@dataclass(frozen=True)
class Field:
    """One input; `name` is its key path in the config, so problems find it by their path."""

    name: str
    label: str
    kind: Kind
    value: str = ""
    options: tuple[Option, ...] = ()
    help: str | None = None
    errors: tuple[str, ...] = ()
    required: bool = False
    max_length: int = MAX_TEXT

    @property
    def id(self) -> str:
        return "f-" + re.sub(r"[^A-Za-z0-9_-]+", "-", self.name).strip("-")


@dataclass(frozen=True)
class Group:
    id: str
    legend: str
    fields: tuple[Field, ...]
    help: str | None = None


@dataclass(frozen=True)
class InterviewForm:
    person: Group
    consent: Group
    profiles: tuple[Group, ...]
    categories: tuple[Group, ...]
    general: tuple[str, ...] = ()  # problems no field holds (the checklist file, the layout)

    def groups(self) -> tuple[Group, ...]:
        return (self.person, *self.profiles, self.consent, *self.categories)

    def errors(self) -> list[tuple[Field, str]]:
        """Every field's problems in page order: the summary at the top links to each."""
        return [(f, e) for g in self.groups() for f in g.fields for e in f.errors]


@dataclass(frozen=True)
class Checked:
    """A submission checked: the config text (None when it could not be written), the values
    as typed, and the problems by key path (`""` for those no field holds)."""

    text: str | None
    values: Mapping[str, str]
    problems: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.text is not None and not self.problems


def submitted_values(form: Mapping[str, Sequence[str]]) -> dict[str, str]:
    """The form's own inputs, last value of each (a checkbox follows its hidden "false"), control
    characters taken out (a config refuses them). Other names are ignored; rows beyond
    MAX_PROFILES are dropped."""
    values: dict[str, str] = {}
    for name, posted in form.items():
        if not posted or not _known(name):
            continue
        match = _PROFILE.match(name)
        if match and int(match.group(1)) >= MAX_PROFILES:
            continue
        raw = posted[-1]
        text = raw if name.endswith(_LIST_NAMES) else raw.replace("\r", " ").replace("\n", " ")
        values[name] = without_controls(text.replace("\r\n", "\n"))
    return values


# The form's names, from the writer's own lists of keys: one definition of what the form edits.
_LIST_NAMES = tuple(f".{key}" for key in PERSON_LISTS)
_PERSON = frozenset(f"person.{key}" for key in (*PERSON_TEXT, *PERSON_LISTS, *PERSON_FLAGS))
_AUDIT = frozenset(f"audit.{key}" for key in (*AUDIT_TEXT, *AUDIT_DATES, *AUDIT_NUMBERS))


def _known(name: str) -> bool:
    return (
        name in _PERSON or name in _AUDIT or bool(_PROFILE.match(name)) or bool(_ANSWER.match(name))
    )


def bound_problems(values: Mapping[str, str], language: Language) -> dict[str, list[str]]:
    """Values over their bounds, each with a message for its field."""
    words = messages(language)
    out: dict[str, list[str]] = {}
    for name, value in values.items():
        limit = MAX_URL if name.endswith(".url") else MAX_LIST_TEXT if _is_list(name) else MAX_TEXT
        if len(value) > limit:
            out.setdefault(name, []).append(words["form_too_long"].format(limit=limit))
        elif _is_list(name) and len(split_list(value)) > MAX_ENTRIES:
            out.setdefault(name, []).append(words["form_too_many"].format(limit=MAX_ENTRIES))
    return out


def _is_list(name: str) -> bool:
    return name.endswith(_LIST_NAMES)


def check_submission(
    values: Mapping[str, str],
    checklist: Checklist,
    language: Language,
    *,
    base: str | None,
    path: Path,
    today: dt.date,
) -> Checked:
    """The config written from `values` over `base` (a follow-up's file; None for a new case),
    and every problem the CLI's `validate` would report, by key path, in `language`."""
    problems: dict[str, list[str]] = bound_problems(values, language)
    if problems:  # nothing oversized reaches a parser
        return Checked(None, dict(values), _frozen(problems))
    try:
        draft = apply_values(
            base if base is not None else new_case_text(values, checklist, language),
            values,
            path,
        )
    except InputError as exc:  # a layout tomlkit cannot keep: say so, keep what was typed
        logger.debug("the form could not be written over %s", path, exc_info=True)
        for problem in exc.problems:
            problems.setdefault("", []).append(problem.text(language))
        return Checked(None, dict(values), _frozen(problems))
    for problem in draft.problems:
        _place(problems, problem, problem.where, values, language)
    for problem in config_problems(draft, path, today):
        _place(problems, problem, on_form_row(_key_of(problem), draft.rows), values, language)
    return Checked(draft.text, dict(values), _frozen(problems))


def _place(
    problems: dict[str, list[str]],
    problem: Problem,
    where: str,
    values: Mapping[str, str],
    language: Language,
) -> None:
    """Beside its field; a problem no field holds keeps its key path in its text."""
    name = field_of(where, values)
    text = _form_text(problem, language) if name else problem.moved(where).show(language)
    problems.setdefault(name, []).append(text)


def _key_of(problem: Problem) -> str:
    """Where the form shows `problem`: a repeated address beside the profile that repeats it
    (the validator puts it on the whole `profiles` list, with the profile's index)."""
    if problem.code == "repeated_url":
        index = dict(problem.params).get("index", "")
        if index.isdigit():
            return f"profiles[{index}].url"
    return problem.where


def _form_text(problem: Problem, language: Language) -> str:
    """The validator's message, or the form's own wording of it (`form_problem_<code>`) where
    the CLI's names a TOML key or section: the form has fields, not a file to edit."""
    words = messages(language)
    key = f"form_problem_{problem.code}"
    if problem.code is None or key not in words:
        return problem.text(language)
    return words[key].format(**dict(problem.params))


def config_problems(draft: Draft, path: Path, today: dt.date) -> list[Problem]:
    """What `ereputation validate` says of this text, with key paths free of any file name."""
    from ereputation.audit import checklist_path_for, problems_of
    from ereputation.checklist import load_checklist

    found: list[Problem] = []
    profile = parse_profile(tomllib.loads(draft.text), found, None, partial=True)
    assert profile is not None  # partial: a nameless profile rather than None
    try:
        checklist_path = checklist_path_for(dataclasses.replace(profile, path=path), None)
        checklist = load_checklist(checklist_path)
    except InputError as exc:  # the config names a checklist that cannot be used
        logger.debug("the checklist of %s cannot be loaded", path, exc_info=True)
        return found + [p.moved("") for p in exc.problems]
    return found + problems_of(profile, checklist) + consent_problems(profile, today)


_CONFIG_ROW = re.compile(r"profiles\[(\d+)\]")


def on_form_row(where: str, rows: Sequence[int | None]) -> str:
    """`profiles[i]...` of the written config -> the same key on the form row it came from
    (rows left empty are not written, so the indexes may differ)."""
    match = _CONFIG_ROW.match(where)
    if match is None:
        return where
    index = int(match.group(1))
    row = rows[index] if index < len(rows) else None
    if row is None:
        return where
    return f"profiles[{row}]{where[match.end() :]}"


# Problems a validator places on a table rather than a key: the field that fixes them.
_TABLE_FIELDS = {
    "person": "person.name",
    "audit": "audit.consent_date",
    "answers": "",
    "profiles": "",
}


def field_of(where: str, values: Mapping[str, str]) -> str:
    """The form field a problem at key path `where` belongs to ("" for none): the exact key,
    else the longest field its path starts with (`person.usernames[2]` -> `person.usernames`)."""
    if where in _TABLE_FIELDS:
        return _TABLE_FIELDS[where]
    if where in values or _known(where):
        return where
    candidates = [n for n in (*values, *_PERSON, *_AUDIT) if where.startswith(n)]
    return max(candidates, key=len) if candidates else ""


def _frozen(problems: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    return {key: tuple(dict.fromkeys(texts)) for key, texts in problems.items()}


def build_form(
    checklist: Checklist,
    values: Mapping[str, str],
    language: Language,
    problems: Mapping[str, Sequence[str]] | None = None,
) -> InterviewForm:
    """The form model: `values` filled in, each problem beside its field."""
    found = problems or {}
    words = messages(language)

    def make(name: str, kind: Kind, **extra: object) -> Field:
        label = words[f"form_label_{name.rsplit('.', 1)[-1]}"]
        help_key = f"form_help_{name.rsplit('.', 1)[-1]}"
        return Field(
            name=name,
            label=label,
            kind=kind,
            value=values.get(name, ""),
            help=words.get(help_key),
            errors=tuple(found.get(name, ())),
            **extra,  # type: ignore[arg-type]
        )

    person_fields = [
        make("person.name", "text", required=True),
        make("person.target_role", "text"),
        make("person.keywords", "list", max_length=MAX_LIST_TEXT),
        make("person.role_aliases", "list", max_length=MAX_LIST_TEXT),
        make("person.trade", "select", options=_trade_options(language, words)),
        make("person.career_change", "checkbox"),
        make("person.location", "text"),
        make("person.country", "text", max_length=2),
        make("person.other_names", "list", max_length=MAX_LIST_TEXT),
        make("person.usernames", "list", max_length=MAX_LIST_TEXT),
    ]
    language_options = tuple(Option(lang, words[f"form_language_{lang}"]) for lang in LANGUAGES)
    person_fields.append(make("person.language", "select", options=language_options))
    person = Group("person", words["form_legend_person"], tuple(person_fields))

    low, high = RETENTION_MONTHS_RANGE
    # "" first: a select sends its first option, and a scope written for a person nobody
    # counsels would limit their own audit to the questionnaire.
    scopes = (
        Option("", words["form_scope_none"]),
        *(Option(s, words.get(f"form_scope_{s}", s)) for s in CONSENT_SCOPES),
    )
    consent = Group(
        "consent",
        words["form_legend_consent"],
        (
            make("audit.counsellor", "text"),
            make("audit.client_reference", "text"),
            make("audit.consent_date", "date"),
            make("audit.consent_scope", "select", options=scopes),
            make("audit.retention_months", "number"),
        ),
        help=words["form_help_consent"].format(minimum=low, maximum=high),
    )
    form = InterviewForm(
        person=person,
        consent=consent,
        profiles=_profile_groups(values, found, words),
        categories=_category_groups(checklist, values, found, language, words),
    )
    # A problem whose field the page does not show is said at the top, with its key path.
    shown = {f.name for g in form.groups() for f in g.fields}
    general = [
        text if not key else f"{key}: {text}"
        for key, texts in found.items()
        if key not in shown
        for text in texts
    ]
    return dataclasses.replace(form, general=tuple(general))


def _trade_options(language: Language, words: Mapping[str, str]) -> tuple[Option, ...]:
    from ereputation.trade_choice import trades

    pool = sorted(trades(), key=lambda t: t.name.get(language).casefold())
    return (
        Option("", words["form_trade_inferred"]),
        # Names only: an id such as "social_work" is the config's word, not the counsellor's.
        *(Option(t.id, t.name.get(language)) for t in pool),
    )


def _network_options(words: Mapping[str, str]) -> tuple[Option, ...]:
    from ereputation.recruiter import catalogue

    networks = sorted(catalogue().networks, key=lambda n: n.name.casefold())
    return (
        Option("", words["form_network_auto"]),
        *(Option(n.id, n.name) for n in networks if not n.is_fallback),
    )


def _profile_groups(
    values: Mapping[str, str], found: Mapping[str, Sequence[str]], words: Mapping[str, str]
) -> tuple[Group, ...]:
    """The declared profiles, then a few empty rows (a page without script adds none)."""
    used = [
        i
        for i in profile_rows(values)
        if any(values.get(f"profiles[{i}].{k}", "").strip() for k in ("url", "network", "label"))
        or any(name.startswith(f"profiles[{i}].") for name in found)
    ]
    count = min(MAX_PROFILES, (max(used) + 1 if used else 0) + EMPTY_PROFILE_ROWS)
    networks = _network_options(words)
    groups = []
    for index in range(count):
        fields = []
        for key, kind in (("url", "url"), ("network", "select"), ("label", "text")):
            name = f"profiles[{index}].{key}"
            fields.append(
                Field(
                    name=name,
                    label=words[f"form_label_profile_{key}"],
                    kind=kind,  # type: ignore[arg-type]
                    value=values.get(name, ""),
                    help=words.get(f"form_help_profile_{key}"),
                    errors=tuple(found.get(name, ())),
                    options=networks if key == "network" else (),
                    max_length=MAX_URL if key == "url" else MAX_TEXT,
                )
            )
        legend = words["form_legend_profile"].format(number=index + 1)
        groups.append(Group(f"profile-{index}", legend, tuple(fields)))
    return tuple(groups)


def _category_groups(
    checklist: Checklist,
    values: Mapping[str, str],
    found: Mapping[str, Sequence[str]],
    language: Language,
    words: Mapping[str, str],
) -> tuple[Group, ...]:
    groups = []
    for category in checklist.categories:
        items = [i for i in checklist.items if i.category == category.id]
        fields = tuple(_item_field(i, values, found, language, words) for i in items)
        groups.append(Group(f"category-{category.id}", category.title.get(language), fields))
    return tuple(groups)


def _item_field(
    item: Item,
    values: Mapping[str, str],
    found: Mapping[str, Sequence[str]],
    language: Language,
    words: Mapping[str, str],
) -> Field:
    name = f"answers.{item.id}"
    options = [
        Option(
            c.value,
            c.label.get(language),
            c.advice.get(language) if c.advice is not None and c.unsure else None,
            "unsure" if c.unsure else None if c.applicable else "not_applicable",
        )
        for c in item.choices
    ]
    options.append(Option(NO_ANSWER, words["form_no_answer"]))
    value = values.get(name, NO_ANSWER)
    return Field(
        name=name,
        label=one_line(item.question.get(language), 1000),
        kind="radio",
        value=value,
        options=tuple(options),
        help=item.help.get(language) if item.help else None,
        errors=tuple(found.get(name, ())),
    )
