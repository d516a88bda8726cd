"""Issue 7.8 (report side) and 7.13 (cards): say plainly when no profile page could be seen, with
the next step; name the cards of sites outside the catalogue by their host."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import pytest
from bs4 import BeautifulSoup

from ereputation.formats.hostname import display_host
from ereputation.formats.html import FORMATTER as HTML
from ereputation.formats.markdown import FORMATTER as MARKDOWN
from ereputation.formats.markdown import md
from ereputation.formats.text import FORMATTER as TEXT
from ereputation.formats.view import Words
from ereputation.i18n import Language
from ereputation.model import AuditResult, ProfileResult
from ereputation.reasons import VisitSummary
from ereputation.vocabulary import ProfileStatus

Builder = Callable[[Language], AuditResult]


SUMMARIES = {"no_network": "no_profile_visited", "none_seen": "no_profile_seen"}


def none_seen(result: AuditResult, summary: VisitSummary = "none_seen") -> AuditResult:
    """An online audit where every visit failed: no connection, or refusals and timeouts."""
    statuses: tuple[ProfileStatus, ...] = (
        "error",
        "timeout",
        "blocked",
        "login_required",
        "rate_limited",
    )
    profiles = tuple(
        replace(
            p,
            status=statuses[i % len(statuses)],
            title=None,
            headline=None,
            description=None,
            pii=(),
            risk_terms=(),
            links_to=(),
            http_status=None,
        )
        for i, p in enumerate(result.profiles)
    )
    info = replace(
        result.info,
        checked_profiles=False,
        offline=False,
        profiles_visited=len(profiles),
        profiles_seen=0,
        visit_summary=summary,
    )
    return replace(result, profiles=profiles, findings=(), info=info)


def header_lists(html: str) -> tuple[list[str], list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    for mark in soup.select(".scope-list .mark"):
        mark.decompose()
    checked = [li.get_text(" ", strip=True) for li in soup.select("ul.checked li")]
    not_checked = [li.get_text(" ", strip=True) for li in soup.select("ul.not-checked li")]
    return checked, not_checked


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("summary", "key"), SUMMARIES.items())
def test_when_no_page_was_seen_the_html_says_so_with_the_next_step(
    make_full: Builder, language: Language, summary: VisitSummary, key: str
) -> None:
    result = none_seen(make_full(language), summary)
    w = Words(result)
    html = HTML.render(result)
    soup = BeautifulSoup(html, "html.parser")
    notice = soup.select_one("[data-none-visited]")
    assert notice is not None
    text = notice.get_text(" ", strip=True)
    assert w[f"{key}_title"] in text
    assert w.format(key, count=len(result.profiles)) in text
    assert w[f"{key}_next"] in notice.get_text()  # `--offline` shown whole, spaced
    if summary == "no_network":  # the way out of a machine without a connection
        option = notice.select_one("code.option")
        assert option is not None and option.get_text() == "--offline"
    checked, not_checked = header_lists(html)
    scope_profiles = w["scope_profiles"].split("{count}")[1].strip()
    assert not [line for line in checked if scope_profiles in line]  # never "profiles checked"
    assert w.format("scope_profiles_none_seen", count=len(result.profiles)) in " ".join(not_checked)
    empty = soup.select_one("#findings .empty")
    assert empty is not None and empty.get_text(strip=True) == w["no_findings_none_seen"]


@pytest.mark.parametrize(("summary", "key"), SUMMARIES.items())
def test_when_no_page_was_seen_markdown_and_text_say_so(
    make_full: Builder, language: Language, summary: VisitSummary, key: str
) -> None:
    result = none_seen(make_full(language), summary)
    w = Words(result)
    markdown = MARKDOWN.render(result)
    assert f"> **{md(w[f'{key}_title'])}**" in markdown
    assert f"> {md(w[f'{key}_next'])}" in markdown
    assert f"- ✓ {md(w.format('scope_profiles', count=len(result.profiles)))}" not in markdown
    text = norm(TEXT.render(result))
    assert w[f"{key}_title"] in text
    assert norm(w[f"{key}_next"]) in text


def test_an_audit_that_saw_some_pages_shows_no_notice(
    make_full: Builder, language: Language
) -> None:
    result = make_full(language)
    result = replace(result, info=replace(result.info, visit_summary="some_seen"))
    assert (
        BeautifulSoup(HTML.render(result), "html.parser").select_one("[data-none-visited]") is None
    )


def test_the_words_are_plain_and_give_the_next_step(language: Language, make_full: Builder) -> None:
    w = Words(make_full(language))
    for key in (*SUMMARIES.values(), "no_profile_visited_next", "scope_profiles_none_seen"):
        assert "resolv" not in w[key] and "DNS" not in w[key]
    assert "--offline" in w["no_profile_visited_next"]
    assert "--offline" not in w["no_profile_seen_next"]  # the sites answered: the network works


def test_the_header_counts_only_the_pages_seen(make_full: Builder, language: Language) -> None:
    result = make_full(language)
    w = Words(result)
    seen = sum(1 for p in result.profiles if p.status in ("ok", "not_found"))
    assert 0 < seen < len(result.profiles)
    checked, not_checked = header_lists(HTML.render(result))
    assert w.format("scope_profiles", count=seen) in checked
    unseen = w.format("scope_profiles_unseen", count=len(result.profiles) - seen)
    assert unseen in not_checked
    assert not BeautifulSoup(HTML.render(result), "html.parser").select("[data-none-visited]")
    assert w["no_profile_visited_title"] not in TEXT.render(result)


def test_an_offline_audit_still_says_the_profiles_were_not_visited(
    make_full: Builder, language: Language
) -> None:
    base = make_full(language)
    profiles = tuple(replace(p, status="skipped") for p in base.profiles)
    info = replace(base.info, checked_profiles=False, offline=True)
    result = replace(base, profiles=profiles, info=info, findings=())
    w = Words(result)
    _, not_checked = header_lists(HTML.render(result))
    assert w["not_checked_profiles"] in not_checked
    assert w["no_profile_visited_title"] not in HTML.render(result)


# --- cards of sites outside the catalogue ----------------------------------------------------


def website(url: str, label: str | None = None) -> ProfileResult:
    return ProfileResult(
        url=url,
        network="website",
        kind="personal",
        status="ok",
        reason="fetched",
        network_name="Website",
        label=label,
        name_found=True,
    )


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://www.jane-doe.example/portfolio", "jane-doe.example"),
        ("https://blog.jane-doe.example/", "blog.jane-doe.example"),
        ("https://xn--mnchen-3ya.de/", "münchen.de"),
        ("https://пример.рф/", "пример.рф"),
        ("https://xn--r8jz45g.jp/", "例え.jp"),
        # Cyrillic letters posing as Latin ones: shown as punycode, never as "apple.com".
        ("https://xn--pple-43d.com/", "xn--pple-43d.com"),
        ("https://аррӏе.com/", "xn--80ak6aa92e.com"),
        ("https://Example.ORG:8443/x", "example.org"),
    ],
)
def test_a_host_is_shown_decoded_only_when_it_cannot_disguise(url: str, shown: str) -> None:
    assert display_host(url) == shown


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "", "https://", "https://[::1/", "http://a\u202eb.example/"]
)
def test_no_usable_host_gives_none(url: str) -> None:
    assert display_host(url) is None


def test_cards_outside_the_catalogue_are_named_by_their_host(make_full: Builder) -> None:
    base = make_full("en")
    profiles = (
        website("https://www.jane-doe.example/portfolio"),
        website("https://xn--mnchen-3ya.de/"),
        website("https://xn--pple-43d.com/"),
        website("https://cv.example/", label="My CV"),
        website("javascript:alert(1)"),
    )
    result = replace(base, profiles=profiles, findings=())
    expected = ["jane-doe.example", "münchen.de", "xn--pple-43d.com", "My CV", "Website"]
    soup = BeautifulSoup(HTML.render(result), "html.parser")
    assert [h.get_text(strip=True) for h in soup.select("article.profile h3")] == expected
    markdown = MARKDOWN.render(result)
    titles = re.findall(r"^### (.+) — ", markdown, flags=re.M)
    assert titles == [md(name) for name in expected]
    text = TEXT.render(result)
    for name in expected:
        assert re.search(rf"^  - {re.escape(name)}:", text, flags=re.M)
