"""`ereputation init --update`: a follow-up interview that edits a config in place.

Only the unanswered checklist items and those named are asked again. The file is edited with
tomlkit, which keeps every other byte: the other answers, the counsellor's comments, the layout.
A `{ answer = "…", note = "…" }` answer gets its new value and keeps its note; an item that
`init` wrote as a commented placeholder (`# item = ""`) gets its answer on that very line.
"""

from __future__ import annotations

import difflib
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ereputation.checklist import Checklist, Item
from ereputation.config import Profile
from ereputation.errors import ConfigError, InputError, Problem
from ereputation.i18n import Language
from ereputation.interview import Ask, Say, ask_item
from ereputation.messages import cli_messages, messages
from ereputation.output import write_atomic
from ereputation.tomlfile import tomllib

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FollowUp:
    """What a follow-up interview changed: the answers given, by item id."""

    asked: tuple[str, ...]
    changed: Mapping[str, str]


def items_to_ask(profile: Profile, checklist: Checklist, named: Sequence[str]) -> tuple[Item, ...]:
    """The unanswered items (an answer that is not one of the item's choices counts as none) and
    those named, in the checklist's order; an unknown name is an input error with the closest
    ids suggested."""
    ids = [item.id for item in checklist.items]
    problems = []
    for item_id in dict.fromkeys(named):
        if item_id not in ids:
            close = ", ".join(difflib.get_close_matches(item_id, ids, n=2, cutoff=0.6))
            code = "unknown_item_close" if close else "unknown_item"
            problems.append(
                Problem.coded(
                    "--item", code, item=repr(item_id), checklist=checklist.id, close=close
                )
            )
    if problems:
        raise ConfigError(problems)
    wanted = set(named)
    return tuple(
        item
        for item in checklist.items
        if item.id in wanted or _valid_answer(profile, item) is None
    )


def _valid_answer(profile: Profile, item: Item) -> str | None:
    answer = profile.answers.get(item.id)
    return answer.value if answer and item.choice(answer.value) is not None else None


def follow_up(
    profile: Profile,
    items: Sequence[Item],
    language: Language,
    ask: Ask,
    say: Say,
) -> FollowUp:
    """Ask `items` again; Enter keeps a current answer (or leaves an item unanswered)."""
    m, c = messages(language), cli_messages(language)
    changed: dict[str, str] = {}
    for index, item in enumerate(items, start=1):
        say("")
        say(m["interview_question"].format(index=index, total=len(items)))
        current = _valid_answer(profile, item)
        value = ask_item(
            item,
            language,
            ask,
            say,
            m["interview_choice"],
            m["interview_bad_choice"],
            current=current,
            current_text=c["update_current"],
        )
        if value is not None and value != current:
            changed[item.id] = value
    return FollowUp(tuple(item.id for item in items), changed)


def with_answers(text: str, answers: Mapping[str, str], where: Path) -> str:
    """The config `text` with `answers` set, every other byte kept; checked by reading it back."""
    import tomlkit
    from tomlkit.items import Comment, Null

    try:
        doc = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError:  # tomllib read it: a corner where the two disagree
        logger.debug("tomlkit cannot parse %s", where, exc_info=True)
        raise InputError(Problem.coded(str(where), "update_layout")) from None
    if "answers" not in doc:
        doc.add("answers", tomlkit.table())
    table: Any = doc["answers"]
    for item_id, value in answers.items():
        existing = table.get(item_id)
        if isinstance(existing, dict):  # { answer = "…", note = "…" }: the note stays
            existing["answer"] = value
        elif existing is not None:
            table[item_id] = value
        else:
            body = table.value.body
            placeholder = f'# {item_id} = ""'
            spot = next(
                (
                    i
                    for i, (key, item) in enumerate(body)
                    if key is None
                    and isinstance(item, Comment)
                    and item.as_string().strip() == placeholder
                ),
                None,
            )
            if spot is None:
                table[item_id] = value
            else:  # the answer takes the placeholder's line (tomlkit blanks a slot with Null)
                table.value._insert_at(spot, item_id, value)
                body[spot + 1] = (None, Null())
    updated = tomlkit.dumps(doc)
    _check_only_answers_changed(text, updated, answers, where)
    return updated


def _check_only_answers_changed(
    before: str, after: str, answers: Mapping[str, str], where: Path
) -> None:
    """Refuse to write anything but the intended change (an unusual layout tomlkit mishandles)."""
    old, new = tomllib.loads(before), tomllib.loads(after)
    expected = dict(old)
    expected_answers = dict(old.get("answers", {}))
    for item_id, value in answers.items():
        detail = expected_answers.get(item_id)
        if isinstance(detail, dict):
            expected_answers[item_id] = {**detail, "answer": value}
        else:
            expected_answers[item_id] = value
    expected["answers"] = expected_answers
    if new != expected:
        raise InputError(Problem.coded(str(where), "update_layout"))


def write_in_place(path: Path, text: str) -> None:
    """Replace the config atomically, keeping its permissions (a config holds personal data)."""
    target = path.resolve()  # a symbolic link stays a link to the updated file
    mode = os.stat(target).st_mode & 0o777
    write_atomic(target, text.encode("utf-8"), mode)
