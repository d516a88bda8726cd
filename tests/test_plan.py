"""The plan: duplicates merged, at most five actions this week, habits ongoing, nothing lost."""

from __future__ import annotations

from pathlib import Path

from ereputation.audit import AuditOptions, run
from ereputation.checklist import load_checklist
from ereputation.config import Answer, load_profile
from ereputation.model import Action
from ereputation.plan import THIS_WEEK, arrange, habits_of, merge_duplicates
from ereputation.resources import default_checklist_path
from ereputation.scoring import action_plan, score_answers
from tests.conftest import EXAMPLE, FIXED_NOW, MINI_CHECKLIST


def action(
    n: int,
    *,
    title: str | None = None,
    item: str | None = None,
    gain: float = 1.0,
    critical: bool = False,
    kind: str = "visibility",
    type: str = "fix",
    steps: tuple[str, ...] = (),
    evidence: tuple[str, ...] = (),
) -> Action:
    return Action(
        rank=n,
        id=f"a{n}",
        kind=kind,  # type: ignore[arg-type]
        title=title or f"Action {n}",
        steps=steps,
        gain=gain,
        critical=critical,
        source="R:test",
        item_id=item,
        type=type,  # type: ignore[arg-type]
        evidence=evidence,
    )


def test_at_most_five_actions_this_week_the_rest_this_month() -> None:
    plan = arrange([action(n, gain=10 - n) for n in range(1, 9)])
    assert [a.horizon for a in plan] == ["this_week"] * THIS_WEEK + ["this_month"] * 3
    assert [a.id for a in plan] == [f"a{n}" for n in range(1, 9)]  # the plan's order is kept
    assert [a.rank for a in plan] == list(range(1, 9))


def test_critical_actions_come_first_this_week() -> None:
    # scoring orders critical actions first; the plan keeps them in the week even past five
    plan = arrange([action(n, critical=n <= 2, gain=1) for n in range(1, 8)])
    week = [a for a in plan if a.horizon == "this_week"]
    assert [a.id for a in week[:2]] == ["a1", "a2"] and all(a.critical for a in week[:2])
    assert len(week) == THIS_WEEK


def test_habits_are_ongoing_and_leave_room_this_week() -> None:
    actions = [action(1, item="name_monitoring", gain=50), *(action(n) for n in range(2, 8))]
    plan = arrange(actions)
    habit = next(a for a in plan if a.id == "a1")
    assert habit.horizon == "ongoing"
    assert habit.rank == len(plan)  # ongoing comes last
    assert sum(a.horizon == "this_week" for a in plan) == THIS_WEEK
    bundled = habits_of(load_checklist(default_checklist_path()))
    assert "privacy_settings" in bundled  # reviewing privacy settings is a habit
    assert arrange(actions) == arrange(actions, habits=bundled)  # the bundled ones by default


def test_a_counsellors_checklist_marks_its_own_habits(tmp_path: Path) -> None:
    """Habits are checklist data: a counsellor's item marked `habit = true` goes to "ongoing",
    and an item the bundled checklist calls a habit is a task here if not marked."""
    text = MINI_CHECKLIST.read_text(encoding="utf-8").replace(
        'id = "profile_complete"', 'id = "profile_complete"\nhabit = true', 1
    )
    path = tmp_path / "counsellor.toml"
    path.write_text(text, encoding="utf-8")
    checklist = load_checklist(path)
    assert habits_of(checklist) == {"profile_complete"}
    answers = {"profile_complete": Answer("no"), "time_budget": Answer("none")}
    scored = score_answers(checklist, answers, "en")
    plan = arrange(action_plan(checklist, scored, (), "en"), habits=habits_of(checklist))
    horizon = {a.item_id: a.horizon for a in plan}
    assert horizon["profile_complete"] == "ongoing"
    assert horizon["time_budget"] == "this_week"  # a habit in the bundled checklist, not here


def test_a_critical_habit_is_not_deferred() -> None:
    plan = arrange([action(1, item="privacy_settings", critical=True)])
    assert plan[0].horizon == "this_week"


def test_one_search_your_name_action_not_three() -> None:
    name = "Search your name in a private window"
    actions = [
        action(1, item="name_searched", title="Search your name this week", gain=3),
        action(2, item="unwanted_results", type="check", steps=(name, "Note what comes up")),
        action(3, item="compromising_photos", type="check", steps=(name + ".", "Look at images")),
        action(4, item="name_searched", title="Search your name this week", gain=2),
    ]
    merged = merge_duplicates(actions)
    assert [a.id for a in merged] == ["a1", "a2"]
    assert merged[0].gain == 5  # same item: the gains add up
    check = merged[1]
    assert check.type == "check"
    assert check.steps == (name, "Note what comes up", "Look at images")  # each step said once


def test_same_advice_merges_and_keeps_gain_evidence_and_criticality() -> None:
    merged = merge_duplicates(
        [
            action(1, title="Remove the photo.", gain=4, evidence=("photo on page A",)),
            action(2, title="remove the photo", gain=2, critical=True, evidence=("photo on B",)),
        ]
    )
    assert len(merged) == 1
    only = merged[0]
    assert (only.gain, only.critical) == (6, True)
    assert only.evidence == ("photo on page A", "photo on B")


def test_a_fix_and_a_check_on_one_item_make_one_fix() -> None:
    merged = merge_duplicates(
        [action(1, item="tag_review", type="check"), action(2, item="tag_review")]
    )
    assert [(a.id, a.type) for a in merged] == [("a1", "fix")]


def test_gains_of_different_kinds_are_not_added() -> None:
    merged = merge_duplicates(
        [action(1, title="Same", gain=4), action(2, title="Same", gain=9, kind="risk")]
    )
    assert merged[0].gain == 4


def test_different_actions_stay_apart() -> None:
    actions = [action(1, item="a"), action(2, item="b"), action(3, type="check", steps=("x",))]
    assert len(merge_duplicates(actions)) == 3


def test_the_example_audit_has_a_plan_by_horizon() -> None:
    result = run(load_profile(EXAMPLE), AuditOptions(offline=True, now=FIXED_NOW))
    horizons = [a.horizon for a in result.actions]
    assert 0 < horizons.count("this_week") <= THIS_WEEK
    assert horizons == sorted(horizons, key=("this_week", "this_month", "ongoing").index)
    assert [a.rank for a in result.actions] == list(range(1, len(result.actions) + 1))
    titles = [a.title.casefold() for a in result.actions]
    assert len(titles) == len(set(titles))


def test_a_career_change_lifts_the_career_items_into_this_week() -> None:
    from dataclasses import replace

    profile = load_profile(EXAMPLE)
    for change in (False, True):
        person = replace(profile.person, career_change=change)
        result = run(replace(profile, person=person), AuditOptions(offline=True, now=FIXED_NOW))
        week = [a for a in result.actions if a.horizon == "this_week"]
        career = [a for a in week if a.item_id in {"career_anticipation", "keywords_present"}]
        assert bool(career) == change, [a.item_id for a in week]


def test_actions_sharing_most_of_their_steps_are_one() -> None:
    search = ("Search your name in two engines.", "Run an image search.", "Sort each result.")
    merged = merge_duplicates(
        [
            action(
                1, item="unwanted_results", type="check", steps=("Note ten results.", *search[1:])
            ),
            action(2, item="name_searched", steps=search, gain=2),
            action(3, item="other", steps=(search[1], "Something else.", "And else.", "More.")),
        ]
    )
    assert [a.id for a in merged] == ["a1", "a3"]  # one shared step of four is not enough
    assert merged[0].type == "fix" and merged[0].gain == 3
    assert merged[0].steps == ("Note ten results.", *search[1:], search[0])


def test_the_example_searches_its_name_once() -> None:
    result = run(load_profile(EXAMPLE), AuditOptions(offline=True, now=FIXED_NOW, language="en"))
    searching = [a for a in result.actions if any("image search" in s for s in a.steps)]
    ids = [a.item_id for a in searching]
    assert ids.count("name_searched") + ids.count("unwanted_results") == 1, ids


def test_an_audit_with_a_counsellors_checklist_follows_its_habits(tmp_path: Path) -> None:
    from dataclasses import replace

    from ereputation.config import Profile

    text = MINI_CHECKLIST.read_text(encoding="utf-8").replace(
        'id = "profile_complete"', 'id = "profile_complete"\nhabit = true', 1
    )
    path = tmp_path / "counsellor.toml"
    path.write_text(text, encoding="utf-8")
    profile = load_profile(EXAMPLE)
    answers = {"profile_complete": Answer("no"), "time_budget": Answer("none")}
    mine = replace(profile, answers=answers, profiles=())
    assert isinstance(mine, Profile)
    result = run(mine, AuditOptions(offline=True, now=FIXED_NOW, checklist_path=path))
    horizon = {a.item_id: a.horizon for a in result.actions}
    assert horizon["profile_complete"] == "ongoing"
    assert horizon["time_budget"] == "this_week"
