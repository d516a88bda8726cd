"""compare.compare: what changed between two audits, each part matched by its identity."""

from __future__ import annotations

from dataclasses import replace

from ereputation.compare import compare, since_last
from ereputation.model import AnswerResult, AuditResult, FindingKey, ProfileResult
from tests.report.conftest import make_result


def _pair() -> tuple[AuditResult, AuditResult]:
    old = make_result("en")
    return old, old


def test_the_same_audit_twice_changes_nothing() -> None:
    old, new = _pair()
    c = compare(old, new)
    assert c.visibility.change == 0 and c.risk.change == 0
    assert all(t.change in (0, None) for t in c.themes)
    assert (c.actions_done, c.new_actions, c.new_findings, c.resolved_findings) == ((),) * 4
    assert c.profiles == () and c.answers == () and c.unchecked_findings == ()


def test_score_deltas_headline_and_themes_none_aware() -> None:
    old, new = _pair()
    themes = old.scores.categories
    new = replace(
        new,
        scores=replace(
            new.scores,
            visibility=(old.scores.visibility or 0) + 12,
            visibility_rating="good",
            risk=None,
            risk_rating="unknown",
            categories=(replace(themes[0], score=90), *themes[1:]),
        ),
    )
    c = compare(old, new)
    assert c.visibility.before == old.scores.visibility
    assert c.visibility.change == 12 and c.visibility.after_rating == "good"
    assert c.risk.before == old.scores.risk and c.risk.after is None and c.risk.change is None
    first = c.themes[0]
    assert first.id == themes[0].id and first.title == themes[0].title
    assert first.change == (None if themes[0].score is None else 90 - themes[0].score)
    assert [t.id for t in c.themes] == [t.id for t in themes]
    unscored = [t for t in c.themes if t.before is None]
    assert all(t.change is None for t in unscored)


def test_a_theme_in_one_audit_only_has_no_change() -> None:
    old, new = _pair()
    extra = replace(old.scores.categories[0], id="gone", title="Gone theme", score=40)
    old = replace(old, scores=replace(old.scores, categories=(*old.scores.categories, extra)))
    c = compare(old, new)
    gone = c.themes[-1]
    assert (gone.id, gone.before, gone.after, gone.change) == ("gone", 40, None, None)
    assert gone.after_rating == "unknown"


def test_actions_done_and_new_actions_are_matched_by_id() -> None:
    old, new = _pair()
    moved = replace(old.actions[2], rank=1, title="Same id, new words")  # same id: not new
    fresh = replace(old.actions[0], id="brand-new", title="Brand new")
    new = replace(new, actions=(moved, fresh, *old.actions[3:]))
    c = compare(old, new)
    assert [a.id for a in c.actions_done] == [old.actions[0].id, old.actions[1].id]
    assert c.actions_done[0].title == old.actions[0].title and c.actions_done[0].critical
    assert [a.id for a in c.new_actions] == ["brand-new"]


def test_findings_new_and_resolved_matched_by_key_failed_only() -> None:
    old, new = _pair()
    failed = [f for f in old.findings if not f.passed]
    passed = [f for f in old.findings if f.passed]
    now_passing = replace(failed[0], passed=True)  # same key, passes now: resolved
    appeared = replace(failed[1], key=FindingKey("new_check", "x", failed[1].key.profile))
    new = replace(new, findings=(now_passing, appeared, *failed[2:], *passed))
    c = compare(old, new)
    assert [f.id for f in c.resolved_findings] == [failed[0].id, failed[1].id]
    assert [f.id for f in c.new_findings] == ["new_check-x"]
    assert c.new_findings[0].severity == failed[1].severity
    # A finding that was passed before and fails now is new; passed findings are never listed.
    flipped = replace(passed[0], passed=False)
    c = compare(old, replace(old, findings=(*failed, flipped, *passed[1:])))
    assert [f.id for f in c.new_findings] == [passed[0].id]
    assert c.resolved_findings == ()


def test_a_finding_not_looked_at_again_is_not_resolved() -> None:
    old, new = _pair()
    # The new audit ran offline: the profile was skipped, its findings are not checked again.
    skipped = tuple(replace(p, status="skipped") for p in old.profiles)
    new = replace(new, findings=(), profiles=skipped)
    c = compare(old, new)
    assert c.resolved_findings == ()
    assert len(c.unchecked_findings) == sum(1 for f in old.findings if not f.passed)


def test_profiles_added_removed_and_changed() -> None:
    old, new = _pair()
    first, second, *rest = old.profiles
    added = ProfileResult(
        url="https://github.com/new-one",
        network="github",
        kind="developer",
        status="ok",
        reason="fetched",
        network_name="GitHub",
    )
    new = replace(new, profiles=(replace(first, status="not_found"), *rest, added))
    c = compare(old, new)
    kinds = {(p.change, p.url): (p.before, p.after) for p in c.profiles}
    assert kinds == {
        ("status", first.url): (first.status, "not_found"),
        ("added", added.url): (None, "ok"),
        ("removed", second.url): (second.status, None),
    }
    assert next(p for p in c.profiles if p.change == "added").name == "GitHub"


def test_answers_changed_with_old_and_new_labels() -> None:
    old, new = _pair()
    answers = list(old.answers)
    target: AnswerResult = answers[3]  # keywords_present: fail
    answers[3] = replace(target, answer="pass", answer_label="Yes", status="pass")
    unanswered = next(i for i, a in enumerate(answers) if a.status == "unanswered")
    answers[unanswered] = replace(
        answers[unanswered], answer="fail", answer_label="No", status="fail"
    )
    new_item = replace(answers[0], id="brand_new_item")  # new in the checklist: no change
    c = compare(old, replace(new, answers=(*answers, new_item)))
    changed = {a.item_id: (a.before, a.after, a.before_status, a.after_status) for a in c.answers}
    assert changed == {
        target.id: (target.answer_label, "Yes", "fail", "pass"),
        old.answers[unanswered].id: (None, "No", "unanswered", "fail"),
    }


def test_since_last_counts_what_the_comparison_lists() -> None:
    old, new = _pair()
    new = replace(
        new,
        actions=new.actions[2:],
        scores=replace(new.scores, visibility=(old.scores.visibility or 0) + 5),
        generated_at="2027-03-01T09:00:00+00:00",
    )
    c = compare(old, new)
    summary = since_last(c)
    assert summary.previous_generated_at == old.generated_at
    assert summary.visibility_change == 5 and summary.visibility_before == old.scores.visibility
    assert summary.actions_done == 2 and summary.new_actions == 0
    assert (summary.new_findings, summary.resolved_findings, summary.profiles_changed) == (0, 0, 0)
    assert c.language == new.language and c.new.generated_at == new.generated_at


def test_from_an_offline_audit_to_one_that_visited_the_profiles() -> None:
    # Real results: the example audited offline by version 1.2, then the demo visiting its pages.
    import json

    from ereputation.model import from_json
    from tests.conftest import FIXTURES

    def read(name: str) -> AuditResult:
        text = (FIXTURES / "results" / name).read_text(encoding="utf-8")
        return from_json(json.loads(text))

    old, new = read("example-1.2-en.json"), read("demo-1.3-fr.json")
    c = compare(old, new)
    # The demo serves the pages locally: other URLs, so three profiles added and three removed.
    changes = sorted((p.change, p.before, p.after) for p in c.profiles)
    assert changes == [("added", None, "ok")] * 3 + [("removed", "skipped", None)] * 3
    assert c.new_findings and all(f.id in {x.id for x in new.findings} for f in c.new_findings)
    assert c.resolved_findings == () and c.unchecked_findings == ()
    assert c.language == "fr" and c.old.language == "en"
