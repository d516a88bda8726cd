"""`init` says once, briefly, that "I don't know" is a fine answer: something to check, no fault."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ereputation.checklist import Checklist, load_checklist
from ereputation.i18n import Language
from ereputation.interview import conduct
from ereputation.messages import messages
from ereputation.resources import default_checklist_path
from tests.conftest import MINI_CHECKLIST

TODAY = dt.date(2026, 11, 25)


def said_in(checklist: Checklist, language: Language) -> list[str]:
    said: list[str] = []

    def ask(prompt: str, default: str) -> str:
        return "Sam" if prompt == messages(language)["interview_name"] else default

    conduct(checklist, language, ask, said.append, TODAY)
    return said


@pytest.mark.parametrize("language", ["fr", "en"])
def test_i_dont_know_is_called_fine_once_before_the_first_question_offering_it(
    language: Language,
) -> None:
    checklist = load_checklist(default_checklist_path())
    note = messages(language)["interview_unsure_note"]
    said = said_in(checklist, language)
    assert said.count(note) == 1
    first = next(i for i in checklist.items if any(c.unsure for c in i.choices))
    after = said[said.index(note) :]
    assert after[2] == first.question.get(language)  # the note, the header, then the question
    assert sum(any(c.unsure for c in i.choices) for i in checklist.items) > 1  # said once only
    words = note.casefold()
    assert ("to check" in words and "fault" in words) or ("vérifier" in words and "faute" in words)


def test_a_checklist_without_i_dont_know_never_mentions_it(tmp_path: Path) -> None:
    text = MINI_CHECKLIST.read_text(encoding="utf-8")
    line = next(li for li in text.splitlines() if "unsure = true" in li)
    path = tmp_path / "sure.toml"
    path.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    checklist = load_checklist(path)
    assert not any(c.unsure for i in checklist.items for c in i.choices)
    assert messages("en")["interview_unsure_note"] not in said_in(checklist, "en")
