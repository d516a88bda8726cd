"""The HTML report: every section, numbers equal to the JSON result's, honest wording, inertness."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import get_args

import pytest
from bs4 import BeautifulSoup, Tag
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ereputation.formats.html import FORMATTER, Presenter, safe_href
from ereputation.formats.markdown import FORMATTER as MARKDOWN_FORMATTER
from ereputation.formats.view import Words
from ereputation.i18n import Language
from ereputation.messages import messages
from ereputation.model import SEVERITIES, AuditResult, ProfileStatus, Subject, to_json
from ereputation.resources import templates_dir
from ereputation.vocabulary import UNSEEN_STATUSES

SECTIONS = (
    "header",
    "scores",
    "verdict",
    "where",
    "actions",
    "profiles",
    "findings",
    "checklist",
    "method",
)
ALLOWED_SVG = {"svg", "defs", "pattern", "rect", "path", "circle", "line", "text"}
Builder = Callable[[Language], AuditResult]
FORBIDDEN_TAGS = ("script", "iframe", "object", "embed", "form", "base", "img", "link", "input")


def parse(html: str) -> BeautifulSoup:
    # Attributes as written (`rel="noopener noreferrer"` is one string), not split into lists.
    return BeautifulSoup(html, "html.parser", multi_valued_attributes=None)


def render(result: AuditResult) -> BeautifulSoup:
    return parse(FORMATTER.render(result))


def one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select(selector)
    assert len(found) == 1, f"{selector}: {len(found)} matches"
    return found[0]


def text(tag: Tag) -> str:
    """Visible text with runs of ASCII whitespace collapsed (no-break spaces are kept)."""
    return re.sub(r"[ \t\r\n\f]+", " ", tag.get_text(" ")).strip()


def attr(tag: Tag, name: str) -> str:
    value = tag.get(name)
    assert isinstance(value, str), f"{name} missing on {tag.name}"
    return value


def assert_inert(soup: BeautifulSoup) -> None:
    """No element or attribute that could run code or load anything."""
    for name in FORBIDDEN_TAGS:
        assert soup.find(name) is None, f"<{name}> found"
    for tag in soup.find_all(True):
        for key, value in tag.attrs.items():
            assert not key.lower().startswith("on"), f"{tag.name} has {key}={value!r}"
            assert key.lower() not in ("src", "srcdoc", "formaction", "xlink:href"), key
        if tag.name == "a":
            href = attr(tag, "href")
            assert href.startswith(("http://", "https://", "#")), href
            if href.startswith("http"):
                assert attr(tag, "rel").split() == ["noopener", "noreferrer"]
    svg_tags = {t.name for s in soup.find_all("svg") for t in [s, *s.find_all(True)]}
    assert svg_tags <= ALLOWED_SVG, svg_tags - ALLOWED_SVG
    styles = soup.find_all("style")
    assert len(styles) == 1
    css = (templates_dir() / "report.css").read_text("utf-8")
    assert styles[0].get_text().strip() == css.strip()
    assert len(soup.find_all("title")) == 1


# --- structure ---------------------------------------------------------------------------------


def test_every_section_is_present_once_under_its_stable_id(any_result: AuditResult) -> None:
    soup = render(any_result)
    for section in SECTIONS:
        one(soup, f"#{section}")
    headings = [text(one(soup, f"#{s} h2")) for s in SECTIONS if s != "header"]
    assert all(headings) and len(set(headings)) == len(headings)
    assert attr(one(soup, "html"), "lang") == any_result.language


def test_every_internal_link_leads_somewhere(any_result: AuditResult) -> None:
    soup = render(any_result)
    ids = {attr(tag, "id") for tag in soup.find_all(id=True)}
    targets = [attr(a, "href")[1:] for a in soup.find_all("a") if attr(a, "href").startswith("#")]
    assert targets and set(targets) <= ids
    assert len(ids) == len(soup.find_all(id=True))  # ids are unique


def test_page_is_inert_and_self_contained(any_result: AuditResult) -> None:
    html = FORMATTER.render(any_result)
    soup = parse(html)
    assert_inert(soup)
    csp = one(soup, 'meta[http-equiv="Content-Security-Policy"]')
    assert attr(csp, "content") == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert "@import" not in html and "url(http" not in html and "@font-face" not in html


def test_header_names_the_person_the_role_and_what_was_checked(full_result: AuditResult) -> None:
    soup = render(full_result)
    w = Words(full_result)
    header = text(one(soup, "#header"))
    for value in ("Camille Martin", "Data analyst", "Dominique Leroy", "CL-2026-042", "0.1.0"):
        assert value in header
    assert w["scope_checked"] in header and w["scope_not_checked"] in header
    answered = sum(1 for a in full_result.answers if a.status != "unanswered")
    assert w.format("scope_answers", answered=answered, total=len(full_result.answers)) in header
    assert w["consent_date"] in header and w["counsellor"] in header
    assert w["pii_masked_note"] in header


def test_offline_header_says_profiles_were_not_visited(empty_result: AuditResult) -> None:
    w = Words(empty_result)
    header = text(one(render(empty_result), "#header"))
    assert w["scope_no_answers"] in header
    assert w["no_profiles"] in header
    assert w["counsellor"] not in header  # absent fields are left out, not shown empty


def test_dates_are_written_out_in_the_report_language(make_full: Builder) -> None:
    assert "1 March 2026" in text(one(render(make_full("en")), "#header"))
    assert "1er mars 2026" in text(one(render(make_full("fr")), "#header"))
    assert "27 février 2026" in text(one(render(make_full("fr")), "#header"))


# --- scores equal the JSON result's ------------------------------------------------------------


def test_headline_scores_equal_the_json_result(any_result: AuditResult) -> None:
    data = to_json(any_result)["scores"]
    soup = render(any_result)
    w = Words(any_result)
    for kind in ("visibility", "risk"):
        gauge = one(soup, f"#scores figure.gauge[data-kind={kind}]")
        expected = data[kind]
        assert attr(gauge, "data-score") == ("none" if expected is None else str(expected))
        assert attr(gauge, "data-rating") == data[f"{kind}_rating"]
        assert attr(gauge, "data-capped") == str(data[f"{kind}_capped"]).lower()
        shown = text(one(gauge, ".dial-value"))
        rating = text(one(gauge, ".gauge-rating"))
        if expected is None:
            assert shown == "–" and rating == w["not_scored"]
        else:
            assert shown == f"{expected} /100"
            assert rating == w.rating(data[f"{kind}_rating"])
        assert w[f"{kind}_hint"] in text(gauge)  # "higher is riskier" for risk


def test_category_scores_equal_the_json_result(full_result: AuditResult) -> None:
    data = to_json(full_result)["scores"]["categories"]
    rows = render(full_result).select("#scores tr.category")
    assert [attr(r, "data-category") for r in rows] == list(data)
    w = Words(full_result)
    for row in rows:
        expected = data[attr(row, "data-category")]
        score = expected["score"]
        assert attr(row, "data-score") == ("none" if score is None else str(score))
        assert text(one(row, ".score-num")) == ("–" if score is None else str(score))
        assert attr(row, "data-capped") == str(expected["capped"]).lower()
        assert (w.capped(expected["kind"], short=True) in text(row)) == expected["capped"]
        label = w["not_scored"] if score is None else w.rating(expected["rating"])
        assert label in text(row)
        assert f"{expected['answered']}/{expected['total']}" in text(row)


def test_capped_and_missing_scores_say_so_in_words(full_result: AuditResult) -> None:
    soup = render(full_result)
    w = Words(full_result)
    assert w["capped"] in text(one(soup, "figure.gauge[data-kind=visibility]"))
    network = one(soup, "tr.category[data-category=network]")
    assert w["not_scored"] in text(network)
    assert one(network, "svg").select(".bar-fill") == []


def test_gauge_arcs_are_drawn_from_numbers_only(full_result: AuditResult) -> None:
    for path in render(full_result).select("svg path"):
        assert re.fullmatch(r"M [\d.]+ [\d.]+ A 80\.0 80\.0 0 0 1 [\d.]+ [\d.]+", attr(path, "d"))


def test_rating_bands_in_the_method_come_from_scoring(full_result: AuditResult) -> None:
    method = text(one(render(full_result), "#method"))
    w = Words(full_result)
    assert f"{w.rating('poor')} < 50 · {w.rating('fair')} 50–74 · {w.rating('good')} ≥ 75" in method
    assert (
        f"{w.rating('low')} < 25 · {w.rating('moderate')} 25–49 · {w.rating('high')} ≥ 50" in method
    )
    assert w.method() in method
    assert full_result.checklist.source in method


# --- verdict and action plan -------------------------------------------------------------------


def test_verdict_shows_title_text_and_notes(full_result: AuditResult) -> None:
    verdict = one(render(full_result), "#verdict")
    assert text(one(verdict, ".verdict-title")) == full_result.verdict.title
    assert text(one(verdict, ".verdict-text")) == full_result.verdict.text
    assert len(verdict.select(".verdict-notes li")) == len(full_result.verdict.notes)


def test_actions_follow_the_plan_with_the_first_three_highlighted(full_result: AuditResult) -> None:
    data = to_json(full_result)["actions"]
    items = render(full_result).select("#actions li.action")
    assert [attr(i, "data-rank") for i in items] == [str(a["rank"]) for a in data]
    assert [float(attr(i, "data-gain")) for i in items] == [a["gain"] for a in data]
    assert ["top" in attr(i, "class").split() for i in items] == [True, True, True, False, False]
    presenter = Presenter(full_result)
    for item, action in zip(items, full_result.actions, strict=True):
        assert text(one(item, ".action-title")).endswith(action.title)
        assert [text(s) for s in item.select(".steps li")] == list(action.steps)
        assert presenter.gain(action.kind, action.gain) in text(item)


def test_the_plan_is_grouped_by_horizon_and_later_horizons_are_folded(
    full_result: AuditResult,
) -> None:
    actions = one(render(full_result), "#actions")
    groups = actions.select(".horizon")
    assert [attr(g, "data-horizon") for g in groups] == ["this_week", "this_month", "ongoing"]
    assert [g.name for g in groups] == ["div", "details", "details"]
    assert all(g.get("open") is None for g in groups[1:])  # folded until opened
    w = Words(full_result)
    for group in groups:
        horizon = attr(group, "data-horizon")
        members = [a for a in full_result.actions if a.horizon == horizon]
        assert [attr(li, "data-action") for li in group.select("li.action")] == [
            a.id for a in members
        ]
        title = one(group, "h3.horizon-title")
        assert text(title).startswith(w[f"horizon_{horizon}"])
        assert f"({w.format('horizon_count', count=len(members))})" in text(title)
        if group.name == "details":
            assert title.parent is not None and title.parent.name == "summary"
        assert attr(one(group, "ol.actions"), "start") == str(members[0].rank)


def test_an_action_shows_its_evidence_and_whether_it_is_a_check(full_result: AuditResult) -> None:
    soup = render(full_result)
    w = Words(full_result)
    for action in full_result.actions:
        item = one(soup, f'li.action[data-action="{action.id}"]')
        assert attr(item, "data-type") == action.type
        assert attr(item, "data-horizon") == action.horizon
        assert [text(e) for e in item.select(".action-evidence li")] == list(action.evidence)
        tags = [text(t) for t in item.select(".tag")]
        assert (w["action_type_check"] in tags) == (action.type == "check")


def test_where_to_be_is_a_table_with_network_what_to_do_and_why(full_result: AuditResult) -> None:
    soup = render(full_result)
    where = one(soup, "#where")
    w = Words(full_result)
    assert [text(th) for th in where.select("thead th")] == [
        w["where_network"],
        w["where_todo"],
        w["where_why"],
    ]
    rows = where.select("tbody tr")
    assert [attr(r, "data-network") for r in rows] == [a.network for a in full_result.where]
    for row, advice in zip(rows, full_result.where, strict=True):
        cells = row.find_all(["th", "td"])
        assert text(cells[0]).startswith(advice.name)
        assert text(cells[1]) == w[f"recommendation_{advice.recommendation}"]
        assert text(cells[2]) == advice.reason
        assert attr(row, "data-recommendation") == advice.recommendation
        links = cells[0].select("a")
        if advice.declared and advice.url:
            assert [attr(a, "href") for a in links] == [advice.url]
        else:
            assert links == []
    # near the top: right after the verdict, before the plan
    ids = [attr(s, "id") for s in soup.select("main > section")]
    assert ids.index("where") == ids.index("verdict") + 1 < ids.index("actions")
    assert one(soup, 'nav.toc a[href="#where"]')


def test_a_site_outside_the_catalogue_is_named_by_its_host_in_the_where_table(
    full_result: AuditResult,
) -> None:
    site = replace(
        full_result.where[0],
        network="website",
        name="Website",
        declared=True,
        url="https://www.camille-martin.example/cv",
    )
    result = replace(full_result, where=(site, *full_result.where[1:]))
    row = render(result).select("#where tbody tr")[0]
    head = row.find("th")
    assert isinstance(head, Tag)
    assert text(head).startswith("camille-martin.example")  # as its card is titled
    assert "camille-martin.example" in MARKDOWN_FORMATTER.render(result)


def test_every_recommendation_has_words_in_both_languages() -> None:
    from ereputation.where_texts import RECOMMENDATIONS

    for language in get_args(Language):
        words = messages(language)
        labels = {words[f"recommendation_{rec}"] for rec in RECOMMENDATIONS}
        assert len(labels) == len(RECOMMENDATIONS) and all(labels)


def test_no_where_advice_says_how_to_get_some(empty_result: AuditResult) -> None:
    where = one(render(empty_result), "#where")
    assert text(where).endswith(Words(empty_result)["where_none"])
    assert where.select("table") == []


def test_every_answer_status_has_its_words_and_mark(full_result: AuditResult) -> None:
    from ereputation.model import AnswerStatus

    soup = render(full_result)
    w = Words(full_result)
    shown = {a.status for a in full_result.answers} - {"unanswered"}
    assert shown == set(get_args(AnswerStatus)) - {"unanswered"}  # the sample holds them all
    for status in shown:
        row = soup.select(f'#checklist tr[data-status="{status}"]')[0]
        cell = one(row, ".status-cell")
        assert text(cell).endswith(w.status(status))
        assert text(one(cell, ".status-mark")) != "?"  # every status has its own mark


def test_the_trade_line_says_inferred_and_how_to_set_it(full_result: AuditResult) -> None:
    line = one(render(full_result), "header .trade")
    trade = full_result.trade
    assert trade is not None
    assert attr(line, "data-trade") == trade.id and attr(line, "data-inferred") == "true"
    for part in (trade.name, trade.evidence, trade.how_to_set):
        assert part in text(line)


def test_no_trade_says_the_advice_is_general(empty_result: AuditResult) -> None:
    line = one(render(empty_result), "header .trade")
    assert attr(line, "data-trade") == ""
    assert Words(empty_result)["trade_none"] in text(line)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_tied_trades_are_named_with_how_to_choose_one(
    empty_result: AuditResult, language: Language
) -> None:
    """A role such as "avocat photographe" fits two trades equally: the line names both in the
    report's language, each with the `person.trade` value that chooses it."""
    from dataclasses import replace

    from ereputation.config import Person
    from ereputation.model import ChosenTrade
    from ereputation.trade_choice import choose_trade, trades

    choice = choose_trade(Person("Sam", target_role="avocat photographe"), trades())
    tied = [trades().get(t) for t in choice.evidence.tied]
    named = [ChosenTrade(t.id, t.name.get(language), True, "", "") for t in tied]
    result = replace(empty_result, language=language)
    line = Presenter(result).trade_tie_line(named)
    w = Words(result)
    assert w["trade_none"] not in line
    for trade in tied:
        assert f'{trade.name.get(language)} (trade = "{trade.id}")' in line
    assert f" {w['trade_tied_or']} " in line and "[person]" in line
    assert Presenter(result).trade_tie_line(named[:1]) == w["trade_none"]


def test_hostile_where_links_are_text_only(hostile_result: AuditResult) -> None:
    where = one(render(hostile_result), "#where")
    assert where.select("a") == []  # every planted URL is javascript:, data: or relative
    assert_inert(render(hostile_result))


def test_gains_use_the_language_decimal_separator(make_full: Builder) -> None:
    assert "+13,3" in text(one(render(make_full("fr")), "#actions"))
    assert "+13.3" in text(one(render(make_full("en")), "#actions"))


def test_an_empty_plan_with_nothing_known_asks_for_answers(empty_result: AuditResult) -> None:
    actions = one(render(empty_result), "#actions")
    assert Words(empty_result)["no_actions_unanswered"] in text(actions)
    assert actions.select("li.action") == []


# --- what a recruiter sees ---------------------------------------------------------------------


def test_every_profile_has_a_card_with_its_status(full_result: AuditResult) -> None:
    cards = render(full_result).select("#profiles article.profile")
    assert [attr(c, "data-status") for c in cards] == [p.status for p in full_result.profiles]
    assert set(get_args(ProfileStatus)) <= {attr(c, "data-status") for c in cards}


def test_unchecked_profiles_say_check_yourself_never_not_found(full_result: AuditResult) -> None:
    w = Words(full_result)
    for card in render(full_result).select("#profiles article.profile"):
        status = attr(card, "data-status")
        body = text(card)
        if status in UNSEEN_STATUSES:
            assert w["could_not_verify"] in body
            assert w["page_missing"] not in body and w["profile_status_not_found"] not in body
        elif status == "not_found":
            assert w["page_missing"] in body and w["could_not_verify"] not in body
        else:
            assert w["could_not_verify"] not in body and w["page_missing"] not in body


def test_visited_profile_shows_what_a_recruiter_sees(full_result: AuditResult) -> None:
    card = render(full_result).select("#profiles article.profile")[0]
    profile = full_result.profiles[0]
    body = text(card)
    w = Words(full_result)
    assert profile.title and profile.title in body
    assert profile.headline and profile.headline in body
    assert [text(c).lstrip("✓ ") for c in card.select(".chip.found")] == ["SQL", "Python"]
    assert [text(c).lstrip("✗ ") for c in card.select(".chip.missing")] == ["Power BI"]
    assert f"{w['photo']} {w['yes']}" in body
    shown_pii = [text(x) for x in card.select("[data-pii] .masked")]
    assert shown_pii == [x.value_masked for x in profile.pii]
    excerpts = [text(x) for x in card.select("[data-risk] .excerpt")]
    assert excerpts == [t.excerpt_masked for t in profile.risk_terms]
    assert w["truncated"] in body


def test_risk_categories_are_labelled_in_the_report_language(make_full: Builder) -> None:
    fr = text(render(make_full("fr")).select("#profiles article.profile")[0])
    en = text(render(make_full("en")).select("#profiles article.profile")[0])
    assert "Alcool et soirées" in fr and "Alcohol and parties" in en


def test_only_http_urls_become_links(full_result: AuditResult) -> None:
    soup = render(full_result)
    odd = soup.select("#profiles article.profile")[-1]
    assert odd.find("a") is None
    assert "ftp://files.example/cv.pdf" in text(odd)
    for link in soup.select("#profiles a, #findings a"):
        assert attr(link, "href").startswith("https://")
        assert attr(link, "rel").split() == ["noopener", "noreferrer"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("  HTTP://Example.org ", "HTTP://Example.org"),
        ("javascript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("//evil.example", None),
        ("ftp://x.example", None),
        ("https://x.example/a b", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_href_accepts_only_http_and_https(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


# --- findings ----------------------------------------------------------------------------------


def test_failed_findings_come_first_grouped_by_severity(full_result: AuditResult) -> None:
    findings = one(render(full_result), "#findings")
    groups = findings.select(".severity-group")
    assert [attr(g, "data-severity") for g in groups] == list(SEVERITIES)
    for group in groups:
        items = group.select("li.finding")
        assert items and all(attr(i, "data-passed") == "false" for i in items)
        assert {attr(i, "data-severity") for i in items} == {attr(group, "data-severity")}
    details = one(findings, "details.passed-findings")
    passed = details.select("li.finding")
    assert len(passed) == sum(1 for f in full_result.findings if f.passed)
    assert all(attr(i, "data-passed") == "true" for i in passed)
    assert not details.has_attr("open")
    # Failed groups precede the folded passed checks in the document.
    assert findings.find_all(["div", "details"], recursive=False)[-1] is details


def test_no_findings_offline_says_why(empty_result: AuditResult) -> None:
    body = text(one(render(empty_result), "#findings"))
    assert Words(empty_result)["no_findings_offline"] in body


# --- checklist appendix ------------------------------------------------------------------------


def test_checklist_appendix_lists_answers_and_unanswered_apart(full_result: AuditResult) -> None:
    answers = to_json(full_result)["checklist"]["answers"]
    section = one(render(full_result), "#checklist")
    rows = section.select("table.answers tr.answer")
    answered = [a for a in answers if a["status"] != "unanswered"]
    assert sorted(attr(r, "data-item") for r in rows) == sorted(a["id"] for a in answered)
    w = Words(full_result)
    by_id = {a["id"]: a for a in answers}
    for row in rows:
        expected = by_id[attr(row, "data-item")]
        assert attr(row, "data-status") == expected["status"]
        points = expected["points"]
        assert attr(row, "data-points") == ("" if points is None else str(points))
        assert attr(row, "data-max") == str(expected["max_points"])
        assert w.status(expected["status"]) in text(row)
        assert expected["question"] in text(row)
        if expected["advice"]:
            assert expected["advice"] in text(row)
    unanswered = section.select(".unanswered li.answer")
    assert [attr(u, "data-item") for u in unanswered] == [
        a["id"] for a in answers if a["status"] == "unanswered"
    ]


def test_points_read_earned_over_possible(full_result: AuditResult) -> None:
    rows = {attr(r, "data-item"): r for r in render(full_result).select("tr.answer")}
    assert text(one(rows["objective_defined"], "td.num")) == "1/2"
    assert text(one(rows["tagging"], "td.num")) == "–"


# --- languages and privacy ---------------------------------------------------------------------


def test_both_languages_have_the_same_words() -> None:
    assert set(messages("fr")) == set(messages("en"))
    assert all(value.strip() for lang in ("fr", "en") for value in messages(lang).values())


def test_french_report_uses_french_words(make_full: Builder) -> None:
    soup = render(make_full("fr"))
    assert text(one(soup, "#actions h2")) == messages("fr")["actions"]
    assert "Could not verify" not in soup.get_text()
    assert "higher is" not in soup.get_text()


def test_pii_shown_in_full_is_flagged_in_the_header(full_result: AuditResult) -> None:
    from dataclasses import replace

    shown = replace(full_result, pii_masked=False)
    header = text(one(render(shown), "#header"))
    assert Words(full_result)["pii_shown_note"] in header


# --- hostile content ---------------------------------------------------------------------------


def test_hostile_content_never_becomes_markup(
    hostile_result: AuditResult, hostile_text: str
) -> None:
    html = FORMATTER.render(hostile_result)
    soup = parse(html)
    assert_inert(soup)
    assert hostile_text in text(one(soup, "title"))  # `</title>` did not close the title early
    assert hostile_text in soup.get_text()  # shown as text, whole
    assert "<script>" not in html
    assert not [a for a in soup.find_all("a") if "script:" in attr(a, "href").lower()]
    for section in SECTIONS:
        one(soup, f"#{section}")


def test_hostile_urls_are_shown_as_text(hostile_result: AuditResult) -> None:
    soup = render(hostile_result)
    for url in ("javascript:alert(6)", "data:text/html,<script>alert(7)</script>"):
        assert url in soup.get_text()
    hrefs = {attr(a, "href") for a in soup.find_all("a")}
    assert all(h.startswith(("https://", "#")) for h in hrefs)


_NASTY = st.text(alphabet=st.sampled_from(list("<>\"'&=/ :;abcjsvgonerrorscript()`{}%\\\n")))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(name=_NASTY, role=_NASTY, keyword=_NASTY, title=_NASTY, url=_NASTY)
def test_no_text_ever_becomes_markup(
    make_hostile: Builder, name: str, role: str, keyword: str, title: str, url: str
) -> None:
    from dataclasses import replace

    base = make_hostile("en")
    profiles = tuple(replace(p, title=title, url=url, headline=title) for p in base.profiles)
    result = replace(base, subject=Subject(name, role or None, (keyword,)), profiles=profiles)
    assert_inert(render(result))
