"""The checklist as data: the default one is complete; broken ones are refused precisely."""

from __future__ import annotations

import re

import pytest

from ereputation.checklist import Checklist, answer_problems, load_checklist
from ereputation.errors import ChecklistError
from ereputation.resources import default_checklist_path
from tests.conftest import MINI_CHECKLIST, Writer

THEMES_BY_SOURCE = {"N1", "N2", "N3", "N4", "N5", "P1", "P2", "P3", "P4", "P5"}


@pytest.fixture(scope="module")
def default() -> Checklist:
    return load_checklist(default_checklist_path())


def test_default_checklist_has_at_least_25_items_in_both_kinds(default: Checklist) -> None:
    assert len(default.items) >= 25
    kinds = {i.kind for i in default.items}
    assert kinds == {"visibility", "risk"}


def test_default_checklist_cites_every_part_of_the_article(default: Checklist) -> None:
    sources = {i.source for i in default.items}
    assert sources >= THEMES_BY_SOURCE
    assert any(s.startswith("C:") for s in sources), "the readers' comments are a source too"
    assert all(re.fullmatch(r"N[1-5]|P[1-5]|C:.+|R:.+", s) for s in sources)


def test_default_checklist_is_complete_in_french_and_english(default: Checklist) -> None:
    for item in default.items:
        texts = [item.question, item.advice, *item.steps, *(c.label for c in item.choices)]
        for text in texts:
            assert text.fr.strip() and text.en.strip(), item.id
            assert text.fr != text.en or len(text.fr) < 12, f"{item.id}: untranslated text"


def test_every_category_has_items_and_critical_items_exist(default: Checklist) -> None:
    for category in default.categories:
        assert sum(1 for i in default.items if i.category == category.id) >= 3
    assert any(i.critical for i in default.items)


def test_default_verdicts_end_with_a_fallback(default: Checklist) -> None:
    assert default.verdicts[-1].is_fallback
    ids = {v.id for v in default.verdicts}
    assert {"define_objective", "trade_meets_in_person", "weekly_routine"} <= ids


BROKEN = """
[checklist]
id = "Bad Id"
version = "1"
title = { fr = "T" }
description = { fr = "D", en = "D" }
source = { fr = "S", en = "S" }

[[categories]]
id = "a"
kind = "visible"
title = { fr = "A", en = "A" }

[[categories]]
id = "b"
kind = "risk"
title = { fr = "B", en = "B" }

[[items]]
id = "q1"
category = "b"
weight = 11
source = "X9"
question = { fr = "Q", en = "Q" }
advice = { fr = "A", en = "A" }
steps = []
choices = [
  { value = "yes", points = 0, label = { fr = "Oui", en = "Yes" } },
  { value = "yes", points = 0, label = { fr = "Oui", en = "Yes" } },
]

[[items]]
id = "q1"
category = "zzz"
weight = 1
source = "N1"
question = { fr = "Q", en = "Q" }
advice = { fr = "A", en = "A" }
steps = [{ fr = "S" }]
choices = [{ value = "x", points = 1, label = { fr = "X", en = "X" } }]

[[verdicts]]
id = "fallback"
title = { fr = "F", en = "F" }
text = { fr = "F", en = "F" }

[[verdicts]]
id = "late"
when.answers = { q1 = ["maybe"], nope = ["x"] }
title = { fr = "L", en = "L" }
text = { fr = "L", en = "L" }
"""


def test_broken_checklist_reports_every_problem_with_its_key_path(write: Writer) -> None:
    path = write("c.toml", BROKEN)
    with pytest.raises(ChecklistError) as exc:
        load_checklist(path)
    text = "\n".join(str(p) for p in exc.value.problems)
    expected = [
        "checklist.id: 'Bad Id' is not valid",
        "checklist.title.en: is required",
        "categories[0].kind: 'visible' is not allowed",
        "items[0].weight: must be between 1 and 10",
        "items[0].source: 'X9' is not valid",
        "items[0].steps: must hold 1 to 5 entries",
        "items[0].choices: value 'yes' is used twice",
        "items[0].choices: the best applicable choice must have more than 0 points",
        "items[1].category: 'zzz' is not a category id",
        "items[1].steps[0].en: is required",
        "items[1].choices: must hold 2 to 6 choices",
        "items: id 'q1' is used twice",
        "verdicts[1].when.answers.nope: is not an item id",
        "verdicts: exactly one rule without conditions (the fallback) must come last",
    ]
    for fragment in expected:
        assert fragment in text, fragment
    assert all(str(p).startswith(f"{path}: ") for p in exc.value.problems)


def test_unknown_keys_in_items_are_rejected(write: Writer) -> None:
    text = MINI_CHECKLIST.read_text(encoding="utf-8").replace(
        'id = "time_budget"', 'id = "time_budget"\nwieght = 2', 1
    )
    with pytest.raises(ChecklistError, match=r"items\[1\]\.wieght: unknown key"):
        load_checklist(write("c.toml", text))


def test_answer_outside_choices_names_item_and_allowed_values() -> None:
    checklist = load_checklist(MINI_CHECKLIST)
    problems = answer_problems(checklist, {"objective_defined": "maybe", "objectiv_defined": "yes"})
    texts = [str(p) for p in problems]
    assert (
        "answers.objective_defined: 'maybe' is not an answer to item objective_defined; "
        "allowed: yes, vague, no" in texts
    )
    assert any(
        "no item 'objectiv_defined'" in t and "did you mean objective_defined" in t for t in texts
    )


def test_item_max_points_ignores_not_applicable_choices() -> None:
    checklist = load_checklist(MINI_CHECKLIST)
    item = checklist.item("party_photos")
    assert item is not None and item.max_points == 2


def test_a_misspelt_checklist_key_gets_a_suggestion(write: Writer) -> None:
    text = MINI_CHECKLIST.read_text(encoding="utf-8").replace("weight = 2", "wieght = 2", 1)
    with pytest.raises(ChecklistError) as exc:
        load_checklist(write("c.toml", text))
    shown = [str(p) for p in exc.value.problems]
    assert any(s.endswith("wieght: unknown key; did you mean weight?") for s in shown), shown
    assert any(s.endswith(".weight: is required") for s in shown), shown
