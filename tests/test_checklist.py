"""The checklist as data: the default one is complete; broken ones are refused precisely."""

from __future__ import annotations

import re

import pytest

from ereputation.checklist import Checklist, answer_problems, load_checklist
from ereputation.errors import ChecklistError
from ereputation.resources import default_checklist_path
from tests.conftest import MINI_CHECKLIST, ROOT, Writer

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
        "allowed: yes, vague, no, chose_offline" in texts
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


# --- issue 8: "I don't know", "does not apply", staying offline, career change, new questions ---

# Item ids of version 1.1.0: they are keys of people's configs, so none may disappear.
IDS_1_1 = (
    "objective_defined",
    "computer_access",
    "trade_online",
    "networks_chosen",
    "time_budget",
    "fear_of_exposure",
    "asked_others",
    "professional_profile_exists",
    "profile_complete",
    "expertise_shown",
    "consistent_identity",
    "keywords_present",
    "network_targeted",
    "groups_joined",
    "meetings_from_network",
    "offline_network",
    "profile_up_to_date",
    "career_anticipation",
    "name_monitoring",
    "watch_active",
    "keywords_reviewed",
    "name_searched",
    "unwanted_results",
    "contact_details_public",
    "compromising_photos",
    "tag_review",
    "posts_contradict_work",
    "disparaging_remarks",
    "permanence_reflex",
    "privacy_settings",
    "audience_checked",
    "personal_pro_separated",
    "data_storage_aware",
    "account_security",
)
NEW_QUESTIONS = {
    "dormant_accounts": "R:CNIL",
    "job_search_discretion": "P2",
    "namesakes": "N4",
    "lasting_content_prepared": "C:author",
    "sensitive_posts": "C:author",
}


def test_no_item_id_of_the_previous_version_is_renamed_and_the_version_is_bumped(
    default: Checklist,
) -> None:
    ids = [i.id for i in default.items]
    assert [i for i in IDS_1_1 if i not in ids] == []
    assert default.version == "1.2.0"


def test_i_dont_know_choices_are_marked_unsure_with_steps_to_find_out(default: Checklist) -> None:
    for item_id, value in [
        ("trade_online", "unknown"),
        ("unwanted_results", "unknown"),
        ("contact_details_public", "not_sure"),
        ("compromising_photos", "not_sure"),
        ("disparaging_remarks", "not_sure"),
        ("consistent_identity", "never_checked"),
    ]:
        item = default.item(item_id)
        assert item is not None
        choice = item.choice(value)
        assert choice is not None and choice.unsure, (item_id, value)
    for item in default.items:
        for choice in item.choices:
            if choice.unsure:
                assert item.check_steps, item.id
                assert choice.advice is not None, item.id
                assert all(s.fr and s.en and s.fr != s.en for s in item.check_steps), item.id
            if choice.label.fr.casefold().startswith("je ne sais pas"):
                assert choice.unsure, f"{item.id}.{choice.value} reads as 'I don't know'"


def test_checks_that_start_by_searching_the_name_share_their_first_step(
    default: Checklist,
) -> None:
    # The plan merges checks with the same first step into one "search your name" action.
    searching = ["unwanted_results", "dormant_accounts", "namesakes", "lasting_content_prepared"]
    firsts = set()
    for item_id in searching:
        item = default.item(item_id)
        assert item is not None
        firsts.add(item.check_steps[0])
    assert len(firsts) == 1


def test_no_verdict_rule_is_triggered_by_an_i_dont_know_answer(default: Checklist) -> None:
    for rule in default.verdicts:
        for item_id, values in rule.answers.items():
            item = default.item(item_id)
            assert item is not None
            assert not any(c.unsure for c in item.choices if c.value in values), rule.id


def test_does_not_apply_wherever_a_question_presupposes_a_profile_or_a_job(
    default: Checklist,
) -> None:
    for item_id in [
        "profile_complete",
        "expertise_shown",
        "keywords_present",
        "network_targeted",
        "meetings_from_network",
        "profile_up_to_date",
        "career_anticipation",
        "keywords_reviewed",
        "audience_checked",
        "job_search_discretion",
        "privacy_settings",
    ]:
        item = default.item(item_id)
        assert item is not None
        assert any(not c.applicable for c in item.choices), item_id
    discretion = default.item("job_search_discretion")
    assert discretion is not None
    no_employer = discretion.choice("no_employer")
    assert no_employer is not None and not no_employer.applicable


def test_an_informed_choice_to_stay_offline_exists_and_presence_items_are_marked(
    default: Checklist,
) -> None:
    objective = default.item("objective_defined")
    assert objective is not None
    offline = objective.choice("chose_offline")
    assert offline is not None and offline.stays_offline and not offline.applicable
    presence = {i.id for i in default.items if i.presupposes_presence}
    assert {"professional_profile_exists", "profile_complete", "time_budget"} <= presence
    # What still matters offline stays scored: the name, the in-person network, the footprint.
    assert not presence & {"name_searched", "offline_network", "contact_details_public"}
    # Every critical visibility item presupposes presence, so none can cap a chosen absence.
    assert all(
        i.presupposes_presence
        for i in default.items
        if i.critical and i.kind == "visibility" and i.id != "objective_defined"
    )
    rules = {v.id: v for v in default.verdicts}
    assert rules["offline_by_choice"].answers == {"objective_defined": ("chose_offline",)}
    for rule_id in ("trade_meets_in_person", "weekly_routine", "strengthen_presence"):
        assert rules[rule_id].unless == {"objective_defined": ("chose_offline",)}


def test_career_items_are_the_career_category_and_those_marked(default: Checklist) -> None:
    lifted = {i.id for i in default.items if i.lifted_on_career_change}
    assert {i.id for i in default.items if i.category == "career"} < lifted
    assert {"keywords_present", "network_targeted"} <= lifted


def test_habits_are_marked_in_the_data(default: Checklist, write: Writer) -> None:
    """Which advice is a habit (the plan's "ongoing") is checklist data, not a rule in code."""
    assert {i.id for i in default.items if i.habit} == {
        "time_budget",
        "network_targeted",
        "groups_joined",
        "meetings_from_network",
        "name_monitoring",
        "watch_active",
        "keywords_reviewed",
        "permanence_reflex",
        "privacy_settings",
    }
    text = MINI_CHECKLIST.read_text(encoding="utf-8")
    marked = text.replace('id = "time_budget"', 'id = "time_budget"\nhabit = true', 1)
    mini = load_checklist(write("habit.toml", marked))
    assert [i.id for i in mini.items if i.habit] == ["time_budget"]
    wrong = text.replace('id = "time_budget"', 'id = "time_budget"\nhabit = "yes"', 1)
    with pytest.raises(ChecklistError, match=r"items\[1\]\.habit: .*true or false"):
        load_checklist(write("bad.toml", wrong))


def test_the_missing_questions_are_there_with_sources_in_both_languages(
    default: Checklist,
) -> None:
    for item_id, source in NEW_QUESTIONS.items():
        item = default.item(item_id)
        assert item is not None, item_id
        assert item.source == source
        assert item.kind == "risk"
        assert item.help is not None
        texts = [item.question, item.help, item.advice, *item.steps, *item.check_steps]
        texts += [c.label for c in item.choices]
        for text in texts:
            assert text.fr.strip() and text.en.strip() and text.fr != text.en, item_id
        assert any(c.unsure for c in item.choices), f"{item_id}: no 'I don't know'"
    sensitive = default.item("sensitive_posts")
    assert sensitive is not None
    for topic in ("drogues", "groupe", "politiques"):
        assert topic in sensitive.question.fr


def test_questions_neither_lead_nor_moralise(default: Checklist) -> None:
    """The wordings a counsellor flagged: no presumed dishonesty, no judgement of people."""
    questions = " ".join(i.question.en + " " + i.question.fr for i in default.items).casefold()
    for wording in [
        "inappropriate",
        "déplacé",
        "rather than out of habit",
        "plutôt que par habitude",
        "called in sick",
        "absence déclarée",
    ]:
        assert wording not in questions, wording
    advice = " ".join(i.advice.en for i in default.items).casefold()
    assert "declare only genuine absences" not in advice


UNSURE_CHECKLIST_ITEM = """
[[items]]
id = "q9"
category = "content"
weight = 1
source = "N4"
question = { fr = "Q ?", en = "Q?" }
advice = { fr = "A.", en = "A." }
steps = [{ fr = "S.", en = "S." }]
choices = [
  { value = "yes", points = 1, label = { fr = "Oui", en = "Yes" } },
  { value = "idk", unsure = true, label = { fr = "Je ne sais pas", en = "I don't know" } },
  { value = "both", unsure = true, not_applicable = true, label = { fr = "B", en = "B" }, \
advice = { fr = "B.", en = "B." } },
  { value = "old", points = 0, applicable = false, not_applicable = true, \
label = { fr = "O", en = "O" } },
  { value = "off", points = 0, stays_offline = true, label = { fr = "H", en = "H" } },
]
"""


def test_unsure_choices_are_validated(write: Writer) -> None:
    text = MINI_CHECKLIST.read_text(encoding="utf-8").replace(
        "[[verdicts]]", UNSURE_CHECKLIST_ITEM + "\n[[verdicts]]", 1
    )
    text = text.replace(
        "when.unless = { objective_defined",
        "when.risk_at_least = 1\nwhen.unless = { objective_defined",
    )
    with pytest.raises(ChecklistError) as exc:
        load_checklist(write("c.toml", text))
    shown = "\n".join(str(p) for p in exc.value.problems)
    assert "items[5].check_steps: is required" in shown
    assert 'items[5].choices[1].advice: is required for an "I don\'t know" choice' in shown
    assert "items[5].choices[2].unsure: an answer cannot be both" in shown
    assert "items[5].choices[3].applicable: use not_applicable = true alone" in shown
    assert "items[5].choices[4].stays_offline: needs not_applicable = true" in shown


def test_an_exception_alone_is_not_a_verdict_condition(write: Writer) -> None:
    text = MINI_CHECKLIST.read_text(encoding="utf-8").replace("when.visibility_below = 40\n", "", 1)
    with pytest.raises(ChecklistError, match=r"verdicts\[3\]\.when\.unless: needs a condition"):
        load_checklist(write("c.toml", text))


def test_both_spellings_of_does_not_apply_are_read() -> None:
    mini = load_checklist(MINI_CHECKLIST)
    objective, photos = mini.item("objective_defined"), mini.item("party_photos")
    assert objective is not None and photos is not None
    new = objective.choice("chose_offline")  # not_applicable = true
    old = photos.choice("not_on_networks")  # applicable = false
    assert new is not None and old is not None
    assert not new.applicable and not old.applicable
    unsure = photos.choice("not_sure")
    assert unsure is not None and unsure.unsure and not unsure.scored
    assert photos.check_steps[0].en == "Look in a private window."


def test_docs_checklist_page_is_in_sync_with_the_default_checklist(default: Checklist) -> None:
    """docs/checklist.md lists every item and verdict as the data has them, and the right counts."""
    text = (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| (\d+) \| `(\w+)` \| (\w+) \| (\w+) \| (\d+) \| (yes)? \| (\S+) \| (.+) \|$",
        text,
        re.M,
    )
    assert [
        (int(n), i, c, k, float(w), bool(crit), src, q) for n, i, c, k, w, crit, src, q in rows
    ] == [
        (n, i.id, i.category, i.kind, i.weight, i.critical, i.source, i.question.en)
        for n, i in enumerate(default.items, start=1)
    ]
    table = text[text.index("| # | verdict id |") :]
    verdicts = re.findall(r"^\| \d+ \| `(\w+)` \|", table, re.M)
    assert verdicts == [v.id for v in default.verdicts]
    kinds = [i.kind for i in default.items]
    unsure = [i for i in default.items if any(c.unsure for c in i.choices)]
    assert f"version {default.version})" in text
    assert (
        f"- {len(kinds)} items: {kinds.count('visibility')} measure **visibility**"
        f" (higher is better), {kinds.count('risk')} measure **risk**" in text
    )
    assert f"- {len(default.verdicts)} verdict rules" in text
    numbers = {11: "Eleven", 12: "Twelve", 10: "Ten", 9: "Nine"}
    assert f'{numbers[len(unsure)]} items have an "I don\'t know" choice' in text
    glance = text[text.index("## At a glance") : text.index("## Items")]
    for item in unsure:
        assert f"`{item.id}`" in glance, item.id
    presence = sum(i.presupposes_presence for i in default.items)
    assert f"the {presence} items marked `presupposes_presence`" in glance
    habits = [i.id for i in default.items if i.habit]
    habit_line = glance[glance.index("- **Habits.**") :]
    assert f"The {len(habits)} items marked `habit = true`" in habit_line
    assert re.findall(r"`(\w+)`", habit_line[: habit_line.index("plan's")]) == habits


def test_the_checklist_views_show_checks_exceptions_and_what_does_not_apply() -> None:
    from ereputation.checklist_view import checklist_json, checklist_text

    mini = load_checklist(MINI_CHECKLIST)
    text = checklist_text(mini, "en")
    assert "not_sure = I don't know (not scored, to check)" in text
    assert "chose_offline = I chose not to be there (not scored, does not apply)" in text
    data = checklist_json(mini)
    photos = next(i for i in data["items"] if i["id"] == "party_photos")
    assert photos["check_steps"] == [
        {"fr": "Regardez en navigation privée.", "en": "Look in a private window."}
    ]
    assert [c["value"] for c in photos["choices"] if c["unsure"]] == ["not_sure"]
    profile = next(i for i in data["items"] if i["id"] == "profile_complete")
    assert profile["presupposes_presence"] and profile["career_change"]
    be_seen = next(v for v in data["verdicts"] if v["id"] == "be_seen")
    assert be_seen["when"]["unless"] == {"objective_defined": ["chose_offline"]}
