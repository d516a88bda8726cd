"""The Markdown report: the HTML report's sections and facts, with every value escaped."""

from __future__ import annotations

import re
from collections.abc import Callable

from ereputation.formats.html import Presenter
from ereputation.formats.markdown import FORMATTER, md, md_url
from ereputation.formats.view import Words
from ereputation.i18n import Language
from ereputation.model import AuditResult

Builder = Callable[[Language], AuditResult]

SECTION_KEYS = (
    "scores_title",
    "verdict",
    "where_title",
    "actions",
    "profiles",
    "findings",
    "checklist_appendix",
    "method",
)


def headings(markdown: str, level: int) -> list[str]:
    return re.findall(rf"^{'#' * level} (.+)$", markdown, flags=re.M)


def test_has_the_same_sections_as_the_html(any_result: AuditResult) -> None:
    out = FORMATTER.render(any_result)
    w = Words(any_result)
    assert headings(out, 1) == [
        f"{md(w['report_title'])}{w['colon']} {md(any_result.subject.name)}"
    ]
    assert headings(out, 2) == [md(w[key]) for key in SECTION_KEYS]


def test_scores_and_ratings_are_stated(full_result: AuditResult) -> None:
    out = FORMATTER.render(full_result)
    w = Words(full_result)
    s = full_result.scores
    assert f"| **{w['visibility']}** ({md(w['visibility_hint'])}) | **{s.visibility}**/100 |" in out
    assert f"**{s.risk}**/100 | {md(w.rating(s.risk_rating))} | {md(w.capped('risk'))} |" in out
    for c in s.categories:
        shown = "–" if c.score is None else str(c.score)
        assert re.search(rf"^\| {re.escape(md(c.title))}.* \| {shown} \|", out, flags=re.M)


def test_missing_scores_say_not_scored(empty_result: AuditResult) -> None:
    out = FORMATTER.render(empty_result)
    w = Words(empty_result)
    assert out.count(f"| {md(w['not_scored'])} | {md(w['not_scored'])} |") == 2
    assert md(w["no_actions_unanswered"]) in out and md(w["no_verdict"]) in out


def test_actions_in_rank_order_with_steps_and_gain(full_result: AuditResult) -> None:
    out = FORMATTER.render(full_result)
    ranks = [int(n) for n in re.findall(r"^(\d+)\. \*\*", out, flags=re.M)]
    assert ranks == [a.rank for a in full_result.actions]
    presenter = Presenter(full_result)
    for action in full_result.actions:
        assert md(presenter.gain(action.kind, action.gain)) in out
        for step in action.steps:
            assert f"    - {md(step)}" in out


def test_profiles_findings_and_checklist_are_all_there(full_result: AuditResult) -> None:
    out = FORMATTER.render(full_result)
    w = Words(full_result)
    assert len(headings(out, 3)) >= len(full_result.profiles)
    for status in {p.status for p in full_result.profiles}:
        assert md(w["profile_status_" + status]) in out
    assert out.count(md(w["could_not_verify"])) == 7  # six unverified statuses and the ftp one
    assert out.count(md(w["page_missing"])) == 1
    for f in full_result.findings:
        assert md(f.title) in out
    for a in full_result.answers:
        assert md(a.question) in out
    for x in full_result.profiles[0].pii:
        assert md(x.value_masked) in out
    assert md(w.method()) in out


def test_only_http_urls_become_autolinks(hostile_urls: tuple[str, ...]) -> None:
    assert md_url("https://example.org/a_b") == "<https://example.org/a_b>"
    for url in hostile_urls:
        assert not md_url(url).startswith("<")
    assert md_url("https://example.org/<x>") == md("https://example.org/<x>")


def test_language_of_the_markdown_follows_the_result(make_full: Builder) -> None:
    assert "## Plan d'action" in FORMATTER.render(make_full("fr"))
    assert "## Action plan" in FORMATTER.render(make_full("en"))


def test_where_to_be_is_a_table_next_to_the_verdict(full_result: AuditResult) -> None:
    out = FORMATTER.render(full_result)
    w = Words(full_result)
    assert headings(out, 2).index(md(w["where_title"])) == SECTION_KEYS.index("where_title")
    head = f"| {md(w['where_network'])} | {md(w['where_todo'])} | {md(w['where_why'])} |"
    assert head in out
    rows = re.findall(r"^\| .* \|$", out.split(head)[1].split("\n## ")[0], flags=re.M)
    assert len(rows) == len(full_result.where)
    for row, advice in zip(rows, full_result.where, strict=True):
        assert md(advice.name) in row and md(advice.reason) in row
        assert f"| {md(w['recommendation_' + advice.recommendation])} |" in row
        assert (f"<{advice.url}>" in row) == bool(advice.declared and advice.url)


def test_where_urls_with_a_pipe_stay_in_their_cell(full_result: AuditResult) -> None:
    from dataclasses import replace

    first = replace(full_result.where[0], url="https://example.org/a|b", declared=True)
    out = FORMATTER.render(replace(full_result, where=(first,)))
    row = next(line for line in out.splitlines() if md(first.name) in line and "example" in line)
    assert row.count(" | ") == 2  # three cells, the address as text


def test_the_plan_by_horizon_and_the_trade_line(full_result: AuditResult) -> None:
    out = FORMATTER.render(full_result)
    w = Words(full_result)
    titles = headings(out, 3)
    for horizon in ("this_week", "this_month", "ongoing"):
        count = sum(a.horizon == horizon for a in full_result.actions)
        size = md(w.format("horizon_count", count=count))
        assert f"{md(w['horizon_' + horizon])} ({size})" in titles
    for action in full_result.actions:
        for evidence in action.evidence:
            assert f"        - {md(evidence)}" in out
    check = next(a for a in full_result.actions if a.type == "check")
    line = next(x for x in out.splitlines() if x.startswith(f"{check.rank}. **{md(check.title)}"))
    assert md(w["action_type_check"]) in line
    assert full_result.trade is not None
    assert f"- **{md(w['trade'])}**{w['colon']} {md(Presenter(full_result).trade_line())}" in out
