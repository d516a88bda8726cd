"""Scoring is pure: hand-computed numbers on the mini checklist pin down the method."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from ereputation.checklist import Checklist, load_checklist
from ereputation.config import Answer
from ereputation.i18n import LocalText
from ereputation.model import Finding, FindingKey, Scores, Severity
from ereputation.resources import default_checklist_path
from ereputation.scoring import action_plan, rating, score_all, score_answers, verdict
from tests.conftest import MINI_CHECKLIST

TITLES = {
    "recruiter_view": LocalText("Vue recruteur", "Recruiter view"),
    "exposure": LocalText("Exposition", "Exposure"),
}


@pytest.fixture(scope="module")
def mini() -> Checklist:
    return load_checklist(MINI_CHECKLIST)


def scores_for(
    checklist: Checklist, answers: Mapping[str, str], findings: tuple[Finding, ...] = ()
) -> Scores:
    results = score_answers(checklist, {k: Answer(v) for k, v in answers.items()}, "en")
    return score_all(checklist, results, findings, "en", TITLES)


def category(scores: Scores, category_id: str) -> int | None:
    return next(c.score for c in scores.categories if c.id == category_id)


def test_best_answers_give_full_visibility_and_no_risk(mini: Checklist) -> None:
    best = {
        "objective_defined": "yes",
        "time_budget": "weekly_slot",
        "profile_complete": "yes",
        "party_photos": "none",
        "privacy_settings": "yes",
    }
    scores = scores_for(mini, best)
    assert (scores.visibility, scores.risk) == (100, 0)
    assert (scores.visibility_rating, scores.risk_rating) == ("good", "low")


def test_weighted_means_by_hand(mini: Checklist) -> None:
    # strategy: objective vague (w3, 1/2) + time none (w1, 0) = 1.5/4 = 37.5 -> 38
    # profile: partly (w2, 3/4) -> 75
    # visibility: (1.5 + 0 + 1.5) / 6 = 50
    # risk: privacy no (w2, goodness 0) only, party photos unanswered -> 100
    scores = scores_for(
        mini,
        {
            "objective_defined": "vague",
            "time_budget": "none",
            "profile_complete": "partly",
            "privacy_settings": "no",
        },
    )
    assert category(scores, "strategy") == 38
    assert category(scores, "profile") == 75
    assert scores.visibility == 50
    assert scores.risk == 100


def test_worked_example_of_the_docs_action_plan(mini: Checklist) -> None:
    answers = {
        "objective_defined": Answer("vague"),
        "time_budget": Answer("none"),
        "profile_complete": Answer("partly"),
        "privacy_settings": Answer("no"),
    }
    plan = action_plan(mini, score_answers(mini, answers, "en"), (), "en")
    assert [(a.item_id, a.gain) for a in plan] == [
        ("privacy_settings", 100.0),
        ("objective_defined", 25.0),
        ("time_budget", 16.7),
        ("profile_complete", 8.3),
    ]


def test_unanswered_items_are_neither_pass_nor_fail(mini: Checklist) -> None:
    results = score_answers(mini, {"objective_defined": Answer("yes")}, "fr")
    statuses = {r.id: r.status for r in results}
    assert statuses["objective_defined"] == "pass"
    assert statuses["time_budget"] == "unanswered"
    scores = score_all(mini, results, (), "fr", TITLES)
    assert scores.visibility == 100  # only the answered item counts
    assert scores.risk is None  # nothing answered: not scored, not zero
    assert category(scores, "content") is None
    assert rating(None, "risk") == "unknown"


def test_failed_critical_item_caps_its_category_and_the_headline(mini: Checklist) -> None:
    # objective no (critical, fails) + time slot: strategy = 1/4 = 25, under the cap anyway;
    # profile yes -> headline (0 + 1 + 2) / 6 = 50, capped to 40.
    scores = scores_for(
        mini, {"objective_defined": "no", "time_budget": "weekly_slot", "profile_complete": "yes"}
    )
    assert scores.visibility == 40 and scores.visibility_capped
    assert category(scores, "profile") == 100


def test_failed_critical_risk_item_lifts_risk_to_the_floor(mini: Checklist) -> None:
    # party photos some (w4, critical, fails) + privacy yes (w2): 4/6 = 67 already over 60.
    high = scores_for(mini, {"party_photos": "some", "privacy_settings": "yes"})
    assert high.risk == 67 and not high.risk_capped
    # with a clean critical-weight finding (w5, passed): 4/11 = 36, lifted to 60.
    clean = (
        Finding(
            FindingKey("no-pii"), "risk", "critical", "No personal data", "", "N4", passed=True
        ),
    )
    lifted = scores_for(mini, {"party_photos": "some", "privacy_settings": "yes"}, clean)
    assert lifted.risk == 60 and lifted.risk_capped


def test_not_applicable_answer_is_left_out(mini: Checklist) -> None:
    results = score_answers(mini, {"party_photos": Answer("not_on_networks")}, "en")
    party = next(r for r in results if r.id == "party_photos")
    assert party.status == "not_applicable" and party.points is None
    assert score_all(mini, results, (), "en", TITLES).risk is None


def test_partial_and_fail_thresholds(mini: Checklist) -> None:
    results = score_answers(
        mini, {"profile_complete": Answer("partly"), "objective_defined": Answer("no")}, "en"
    )
    statuses = {r.id: r.status for r in results}
    assert statuses["profile_complete"] == "partial"
    assert statuses["objective_defined"] == "fail"


def test_action_plan_puts_failed_critical_first_then_largest_gain(mini: Checklist) -> None:
    answers = {
        "objective_defined": Answer("no"),  # critical fail, gain 3/6 = 50
        "time_budget": Answer("none"),  # gain 1/6 = 16.7
        "profile_complete": Answer("no"),  # gain 2/6 = 33.3
        "privacy_settings": Answer("no"),  # risk, gain 2/2 = 100
    }
    results = score_answers(mini, answers, "en")
    plan = action_plan(mini, results, (), "en")
    assert [a.item_id for a in plan] == [
        "objective_defined",
        "privacy_settings",
        "profile_complete",
        "time_budget",
    ]
    assert [a.rank for a in plan] == [1, 2, 3, 4]
    assert plan[0].critical and plan[0].gain == 50.0
    assert plan[2].gain == pytest.approx(33.3)
    assert plan[2].steps == ("Photo.", "Headline.")


def test_passed_items_make_no_action(mini: Checklist) -> None:
    results = score_answers(mini, {"objective_defined": Answer("yes")}, "en")
    assert action_plan(mini, results, (), "en") == ()


def test_verdict_takes_the_first_matching_rule_and_keeps_others_as_notes(mini: Checklist) -> None:
    answers = {"objective_defined": Answer("vague"), "party_photos": Answer("some")}
    results = score_answers(mini, answers, "fr")
    scores = score_all(mini, results, (), "fr", TITLES)
    found = verdict(mini, answers, scores, "fr")
    assert found.id == "define_objective"
    assert found.title == "Objectif d'abord"
    assert [n.id for n in found.notes] == ["clean_up"]


def test_verdict_falls_back_when_nothing_matches(mini: Checklist) -> None:
    answers = {"objective_defined": Answer("yes")}
    results = score_answers(mini, answers, "en")
    found = verdict(mini, answers, score_all(mini, results, (), "en", TITLES), "en")
    assert (found.id, found.notes) == ("keep_going", ())


def test_findings_form_their_own_categories_and_move_the_headlines(mini: Checklist) -> None:
    findings = (
        Finding(
            FindingKey("phone-exposed"), "risk", "high", "Phone number visible", "Hide it", "N4"
        ),
        Finding(
            FindingKey("name-found"), "visibility", "medium", "Name found", "", "P2", passed=True
        ),
    )
    scores = scores_for(mini, {"privacy_settings": "yes"}, findings)
    # risk: privacy (w2, 0 risk) + high finding (w3, full risk) = 3/5 = 60
    assert scores.risk == 60
    assert category(scores, "exposure") == 100
    assert category(scores, "recruiter_view") == 100
    results = score_answers(mini, {"privacy_settings": Answer("yes")}, "en")
    plan = action_plan(mini, results, findings, "en")
    assert [a.finding_id for a in plan] == ["phone-exposed"]


def test_info_findings_do_not_score(mini: Checklist) -> None:
    findings = (
        Finding(
            FindingKey("politics"), "risk", "info", "Political opinions", "Weigh it", "C:author"
        ),
    )
    scores = scores_for(mini, {}, findings)
    assert scores.risk is None
    assert all(c.id != "exposure" for c in scores.categories)


@pytest.mark.parametrize(
    ("score", "kind", "expected"),
    [
        (75, "visibility", "good"),
        (74, "visibility", "fair"),
        (50, "visibility", "fair"),
        (49, "visibility", "poor"),
        (24, "risk", "low"),
        (25, "risk", "moderate"),
        (49, "risk", "moderate"),
        (50, "risk", "high"),
    ],
)
def test_rating_thresholds(score: int, kind: str, expected: str) -> None:
    assert rating(score, kind) == expected  # type: ignore[arg-type]


def test_risk_findings_of_one_check_count_once_and_clean_pages_do_not_dilute(
    mini: Checklist,
) -> None:
    def phone(url: str, passed: bool) -> Finding:
        title = "clean" if passed else "Phone visible"
        return Finding(
            FindingKey("pii_phone", profile=url),
            "risk",
            "high",
            title,
            "Hide it",
            "N4",
            passed=passed,
            profile_url=url,
            steps=("Delete it.",),
        )

    findings = (phone("a", False), phone("b", True), phone("c", True))
    scores = scores_for(mini, {}, findings)
    assert scores.risk == 100  # exposed somewhere is exposed
    plan = action_plan(mini, score_answers(mini, {}, "en"), findings, "en")
    (action,) = plan
    assert action.id == "fix-pii_phone"
    assert action.evidence == ("Phone visible",)  # where it was seen is evidence, not a step
    assert action.steps == ("Delete it.",)
    assert action.gain == 100.0


def test_visibility_findings_merge_into_one_action_per_check(mini: Checklist) -> None:
    def photo(url: str) -> Finding:
        return Finding(
            FindingKey("photo_shown", profile=url),
            "visibility",
            "low",
            f"{url}: no photo",
            "Add a photo",
            "P1",
            profile_url=url,
        )

    name = Finding(
        FindingKey("name", profile="a"), "visibility", "medium", "a: name", "", "P2", passed=True
    )
    findings = (photo("a"), photo("b"), name)
    # visibility: two failed photos (w1 each) and one passed name (w2): 2/4 = 50
    assert scores_for(mini, {}, findings).visibility == 50
    (action,) = action_plan(mini, score_answers(mini, {}, "en"), findings, "en")
    assert action.evidence == ("a: no photo", "b: no photo")
    assert action.gain == 50.0


def test_half_points_round_up_despite_float_error() -> None:
    from ereputation.scoring import _round

    # weights 1 and 7, goodness 1/3 and 2/3: exactly 62.5, computed as 62.4999…
    value = 100 * (1 * (1 / 3) + 7 * (2 / 3)) / 8
    assert _round(value) == 63
    assert _round(32.5) == 33 and _round(32.49) == 32


def test_each_risky_content_category_is_its_own_action_with_its_own_advice(
    mini: Checklist,
) -> None:
    def risky(category: str, severity: Severity, advice: str) -> Finding:
        return Finding(
            FindingKey("risky_content", category, "a"),
            "risk",
            severity,
            f"a: {category}",
            advice,
            "C:Charlyee",
            profile_url="a",
        )

    findings = (risky("alcohol_party", "medium", "Tone it down"), risky("drugs", "high", "Remove"))
    plan = action_plan(mini, score_answers(mini, {}, "en"), findings, "en")
    assert [(a.id, a.title) for a in plan] == [
        ("fix-risky_content-drugs", "Remove"),
        ("fix-risky_content-alcohol_party", "Tone it down"),
    ]


def test_a_finding_joins_the_action_of_the_checklist_item_it_bears_on(mini: Checklist) -> None:
    answers = {"profile_complete": Answer("partly")}  # visibility gain 100 × 2 × 0.25 / total
    photo = Finding(
        FindingKey("photo_shown", profile="a"),
        "visibility",
        "low",
        "GitHub: no photo",
        "Add a photo",
        "P1",
        profile_url="a",
        item_id="profile_complete",
    )
    other = Finding(
        FindingKey("name_shown", profile="a"),
        "visibility",
        "medium",
        "GitHub: no name",
        "Show your name",
        "P2",
        profile_url="a",
        item_id="no_such_item",
    )
    results = score_answers(mini, answers, "en")
    plan = action_plan(mini, results, (photo, other), "en")
    merged = next(a for a in plan if a.item_id == "profile_complete")
    assert merged.evidence == ("GitHub: no photo",)  # what the page shows is shown with it
    assert merged.steps == ("Photo.", "Headline.")
    assert merged.finding_id == "photo_shown@a"
    # total weight 2 (item) + 1 (photo) + 2 (name) = 5: 100 × 2 × 0.25 / 5 + 100 × 1 / 5 = 30
    assert merged.gain == 30.0
    assert [a.finding_id for a in plan if a.item_id is None] == ["name_shown@a"]


def test_finding_key_is_typed_and_its_problem_ignores_the_profile() -> None:
    seen_on_a = FindingKey("risky_content", "drugs", "0a1b2c3d")
    seen_on_b = FindingKey("risky_content", "drugs", "99ffee00")
    assert seen_on_a.problem == seen_on_b.problem == FindingKey("risky_content", "drugs")
    assert seen_on_a.problem != FindingKey("risky_content", "alcohol_party")
    assert str(seen_on_a) == "risky_content-drugs@0a1b2c3d"
    assert str(FindingKey("name_shown")) == "name_shown"


def test_a_profile_url_with_at_signs_does_not_split_a_problem(mini: Checklist) -> None:
    def photo(url: str) -> Finding:
        return Finding(
            FindingKey("photo_shown", profile=url),
            "visibility",
            "low",
            f"{url}: no photo",
            "Add a photo",
            "P1",
            profile_url=url,
        )

    findings = (photo("https://x.test/@camille"), photo("https://y.test/u@v@w"))
    (action,) = action_plan(mini, score_answers(mini, {}, "en"), findings, "en")
    assert action.id == "fix-photo_shown"
    assert action.evidence == (
        "https://x.test/@camille: no photo",
        "https://y.test/u@v@w: no photo",
    )


# --- issue 8: check-first scoring, staying offline by choice, career change ---


def test_i_dont_know_is_to_check_and_left_out_of_every_score(mini: Checklist) -> None:
    answers = {"party_photos": Answer("not_sure"), "privacy_settings": Answer("yes")}
    results = score_answers(mini, answers, "en")
    photos = next(r for r in results if r.id == "party_photos")
    assert (photos.status, photos.points, photos.advice) == ("to_check", None, "Find out.")
    scores = score_all(mini, results, (), "en", TITLES)
    # Only privacy (yes) counts: no risk at all, and no cap from the critical item.
    assert (scores.risk, scores.risk_capped) == (0, False)
    content = next(c for c in scores.categories if c.id == "content")
    assert (content.answered, content.total) == (1, 2)  # "to check" is not yet an answer


def test_i_dont_know_makes_a_check_action_with_the_steps_to_find_out(mini: Checklist) -> None:
    results = score_answers(mini, {"party_photos": Answer("not_sure")}, "en")
    (action,) = action_plan(mini, results, (), "en")
    assert (action.id, action.type, action.item_id) == (
        "check-party_photos",
        "check",
        "party_photos",
    )
    assert action.title == "Find out."
    assert action.steps == ("Look in a private window.",)
    assert (action.gain, action.critical) == (0.0, False)  # nothing is won until it is known


def test_a_check_never_triggers_the_clean_up_verdict_on_its_own(mini: Checklist) -> None:
    answers = {"objective_defined": Answer("yes"), "party_photos": Answer("not_sure")}
    results = score_answers(mini, answers, "en")
    scores = score_all(mini, results, (), "en", TITLES)
    assert verdict(mini, answers, scores, "en").id == "keep_going"
    # The same item failed would: 4 / 4 = 100 risk.
    failed = {"objective_defined": Answer("yes"), "party_photos": Answer("some")}
    scores = score_all(mini, score_answers(mini, failed, "en"), (), "en", TITLES)
    assert verdict(mini, failed, scores, "en").id == "clean_up"


def test_every_i_dont_know_of_the_default_checklist_leaves_the_verdict_alone() -> None:
    default = load_checklist(default_checklist_path())
    unsure = {
        i.id: Answer(next(c.value for c in i.choices if c.unsure))
        for i in default.items
        if any(c.unsure for c in i.choices)
    }
    answers = {"objective_defined": Answer("yes"), "computer_access": Answer("yes"), **unsure}
    results = score_answers(default, answers, "en")
    assert {r.status for r in results if r.id in unsure} == {"to_check"}
    scores = score_all(default, results, (), "en", TITLES)
    assert scores.risk is None
    found = verdict(default, answers, scores, "en")
    assert found.id != "clean_up_first"
    assert "clean_up_first" not in [n.id for n in found.notes]
    plan = action_plan(default, results, (), "en")
    assert {a.item_id for a in plan if a.type == "check"} == set(unsure)


def test_a_visit_that_finds_the_evidence_turns_the_check_into_a_fix_with_it(
    mini: Checklist,
) -> None:
    answers = {"party_photos": Answer("not_sure"), "privacy_settings": Answer("yes")}
    photo = Finding(
        FindingKey("risky_content", "alcohol_party", "a"),
        "risk",
        "high",
        "Instagram: party photo",
        "Make it private",
        "C:Charlyee",
        profile_url="a",
        item_id="party_photos",
    )
    plan = action_plan(mini, score_answers(mini, answers, "en"), (photo,), "en")
    (action,) = plan  # one action for the answer and the finding
    assert (action.id, action.type, action.item_id) == (
        "improve-party_photos",
        "fix",
        "party_photos",
    )
    assert action.evidence == ("Instagram: party photo",)
    assert action.title == "Remove them."  # the item's own advice, now that it is known
    assert action.steps == ("Find them.", "Look in a private window.")
    # risk total: privacy (w2) + the finding (w3): 100 × 3 / 5
    assert action.gain == 60.0
    assert action.finding_id == "risky_content-alcohol_party@a"


def test_checks_are_ordered_by_the_points_at_stake(mini: Checklist) -> None:
    answers = {
        "party_photos": Answer("not_sure"),  # w4 at stake: 100 × 4 / (2 + 4) = 66.7
        "privacy_settings": Answer("no"),  # gain 100 × 2 / 2 = 100
        "profile_complete": Answer("partly"),  # gain 100 × 2 × 0.25 / 2 = 25
    }
    plan = action_plan(mini, score_answers(mini, answers, "en"), (), "en")
    assert [a.id for a in plan] == [
        "improve-privacy_settings",
        "check-party_photos",
        "improve-profile_complete",
    ]


def test_an_informed_choice_to_stay_offline_is_not_capped_as_a_failure(mini: Checklist) -> None:
    answers = {
        "objective_defined": Answer("chose_offline"),
        "profile_complete": Answer("no"),  # presupposes a presence: does not apply
        "time_budget": Answer("none"),
    }
    results = score_answers(mini, answers, "en")
    statuses = {r.id: r.status for r in results}
    assert statuses["objective_defined"] == statuses["profile_complete"] == "not_applicable"
    scores = score_all(mini, results, (), "en", TITLES)
    assert not scores.visibility_capped
    plan = action_plan(mini, results, (), "en")
    assert [a.item_id for a in plan] == ["time_budget"]
    found = verdict(mini, answers, scores, "en")
    # visibility 0 < 40, yet the advice to be seen is not given to someone who chose otherwise.
    assert scores.visibility == 0
    assert (found.id, [n.id for n in found.notes]) == ("offline_by_choice", [])
    # Without the choice, the same low visibility asks to be seen.
    seen = {"objective_defined": Answer("no"), "time_budget": Answer("none")}
    scores = score_all(mini, score_answers(mini, seen, "en"), (), "en", TITLES)
    assert [n.id for n in verdict(mini, seen, scores, "en").notes] == ["be_seen"]


def test_staying_offline_with_the_default_checklist_gets_a_verdict_that_accepts_it() -> None:
    default = load_checklist(default_checklist_path())
    answers = {
        "objective_defined": Answer("chose_offline"),
        "computer_access": Answer("yes"),
        "trade_online": Answer("face_to_face"),
        "time_budget": Answer("none"),
        "fear_of_exposure": Answer("afraid"),
        "professional_profile_exists": Answer("no"),
        "offline_network": Answer("regularly"),
        "name_searched": Answer("recent"),
        "contact_details_public": Answer("no"),
        "compromising_photos": Answer("none"),
    }
    results = score_answers(default, answers, "fr")
    scores = score_all(default, results, (), "fr", TITLES)
    assert not scores.visibility_capped and not scores.risk_capped
    found = verdict(default, answers, scores, "fr")
    assert found.id == "offline_by_choice"
    assert found.notes == ()  # no advice to be present, no step-by-step, no routine
    assert "en personne" in found.text and "e-mail" in found.text and "nom" in found.text
    plan = action_plan(default, results, (), "fr")
    assert not any(a.item_id == "professional_profile_exists" for a in plan)


def test_a_career_change_lifts_the_career_items_in_the_plan(mini: Checklist) -> None:
    answers = {
        "time_budget": Answer("none"),  # gain 100 × 1 / 6 = 16.7
        "profile_complete": Answer("partly"),  # marked career_change: 100 × 2 × 0.25 / 6 = 8.3
        "objective_defined": Answer("no"),  # critical: stays first
    }
    results = score_answers(mini, answers, "en")
    usual = [a.item_id for a in action_plan(mini, results, (), "en")]
    assert usual == ["objective_defined", "time_budget", "profile_complete"]
    lifted = action_plan(mini, results, (), "en", career_change=True)
    assert [a.item_id for a in lifted] == ["objective_defined", "profile_complete", "time_budget"]
    assert [a.gain for a in lifted][1:] == [8.3, 16.7]  # gains are kept as they are


def test_a_career_change_lifts_the_default_career_category() -> None:
    default = load_checklist(default_checklist_path())
    answers = {
        "privacy_settings": Answer("default"),
        "account_security": Answer("neither"),
        "career_anticipation": Answer("no"),
        "keywords_present": Answer("some"),
    }
    results = score_answers(default, answers, "en")
    plan = action_plan(default, results, (), "en", career_change=True)
    # equal gains (2 weighted points each): the checklist's order between them
    assert [a.item_id for a in plan][:2] == ["keywords_present", "career_anticipation"]
    assert action_plan(default, results, (), "en")[0].item_id == "privacy_settings"


def test_worked_example_of_the_docs_check_first(mini: Checklist) -> None:
    """docs/scoring.md, "I don't know: check first": the numbers of its worked example."""
    answers = {
        "objective_defined": Answer("yes"),
        "time_budget": Answer("none"),
        "profile_complete": Answer("partly"),
        "party_photos": Answer("not_sure"),
        "privacy_settings": Answer("no"),
    }
    results = score_answers(mini, answers, "en")
    scores = score_all(mini, results, (), "en", TITLES)
    # visibility: (3 × 1 + 1 × 0 + 2 × 0.75) / 6 = 75; risk: privacy only, 2 × 1 / 2 = 100
    assert (scores.visibility, scores.risk, scores.risk_capped) == (75, 100, False)
    plan = action_plan(mini, results, (), "en")
    assert [(a.id, a.gain) for a in plan] == [
        ("improve-privacy_settings", 100.0),
        ("check-party_photos", 0.0),  # at stake: 100 × 4 / (2 + 4) = 66.7
        ("improve-time_budget", 16.7),
        ("improve-profile_complete", 8.3),
    ]
    assert verdict(mini, answers, scores, "en").id == "clean_up"  # privacy alone, not the check


def test_with_nothing_answered_nor_seen_the_verdict_asks_for_answers_not_praise() -> None:
    default = load_checklist(default_checklist_path())
    nothing = scores_for(default, {})
    assert nothing.visibility is None and nothing.risk is None
    found = verdict(default, {}, nothing, "en")
    assert found.id == "answer_first"
    assert "Answer the questions" in found.title
    # As soon as something is scored, the rule steps aside for the usual verdicts.
    some = {"objective_defined": "yes", "professional_profile_exists": "yes"}
    assert (
        verdict(
            default, {k: Answer(v) for k, v in some.items()}, scores_for(default, some), "en"
        ).id
        != "answer_first"
    )
