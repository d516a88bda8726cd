"""Reading a page works within fixed budgets: what is past a cap is not read, and the facts say so.

Timing lives in benchmarks/bench_extract.py; these tests pin down the behaviour of each cap.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from bs4.element import Tag

from ereputation.web.extract import PageFacts, extract
from ereputation.web.page import tree
from ereputation.web.page.limits import (
    MAX_ATTRIBUTES,
    MAX_FIELD_NODES,
    MAX_HCARD_NODES,
    MAX_HCARDS,
    MAX_JSONLD_SCRIPTS,
    MAX_TAGS,
)
from ereputation.web.page.tree import parse

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_extract import PAGES


def html(markup: str) -> PageFacts:
    return extract(markup.encode(), content_type="text/html", charset=None, base_url="https://e/")


# --- parsing -----------------------------------------------------------------------------------


def test_markup_past_the_tag_cap_is_not_read_and_the_page_is_read_in_part() -> None:
    filler = "<span>x</span>" * (MAX_TAGS // 2)
    facts = html(f'<p>start</p>{filler}<a rel="me" href="https://late.example/">late</a>')
    assert facts.text.startswith("start") and "late" not in facts.text
    assert facts.rel_me == () and facts.markup_truncated and facts.text_truncated


def test_a_page_under_the_tag_cap_is_read_whole() -> None:
    filler = "<span>x</span>" * (MAX_TAGS // 4)
    facts = html(f'<p>start</p>{filler}<a rel="me" href="https://late.example/">late</a>')
    assert facts.rel_me == ("https://late.example/",) and not facts.markup_truncated


@pytest.mark.parametrize(
    "opener", ["<a ", "<a b='", '<a b="', "<!--<a", "<![CDATA[x", "</x", "<?x"]
)
def test_markup_that_never_ends_is_dropped_as_a_browser_drops_it(opener: str) -> None:
    # html.parser read each of these as text, one "<" at a time, searching the rest of the page
    # for the end again from each: minutes for a megabyte.
    facts = html("<p>Camille</p>" + opener * 20_000)
    assert facts.text == "Camille" and not facts.errors


def test_an_unclosed_comment_hides_the_rest_of_the_page_as_in_a_browser() -> None:
    assert html("<p>a</p><!-- <p>b</p>").text == "a"
    assert html("<p>a</p><!-- x --><p>b</p>").text == "a b"


def test_scripts_and_closed_sections_do_not_stop_the_reading() -> None:
    facts = html(
        "<script>if (a<b) { s = '<!--'; }</script><![CDATA[ x ]]><p>Camille</p>"
        '<p title="a > b">Martin</p>'
    )
    assert facts.text == "Camille Martin" and not facts.markup_truncated


def test_a_tag_with_too_many_attributes_is_not_read() -> None:
    # html.parser's start tag regex keeps about 600 bytes per attribute: 250 MB for one tag.
    many = "a " * (MAX_ATTRIBUTES + 1)
    facts = html(f"<p>Camille</p><div {many}>Martin</div>")
    assert facts.text == "Camille" and facts.markup_truncated
    enough = " ".join(f"a{i}='1'" for i in range(MAX_ATTRIBUTES))
    facts = html(f"<p>Camille</p><div {enough}>Martin</div>")
    assert facts.text == "Camille Martin" and not facts.markup_truncated


def test_the_parser_keeps_bs4s_tree_for_void_elements_and_stray_end_tags() -> None:
    # The builder records void elements in a multiset instead of bs4's list: same tree.
    markup = "<p><br><input></input><br></br><img src=x></img>a</p><br></p><input>b"
    ours, _ = parse(markup)
    assert ours.decode() == BeautifulSoup(markup, "html.parser").decode()


def test_the_multiset_answers_as_the_list_it_replaces() -> None:
    seen = tree._Multiset()
    seen.append("br")
    seen.append("br")
    assert "br" in seen and "input" not in seen
    seen.remove("br")
    assert "br" in seen
    seen.remove("br")
    assert "br" not in seen


# --- walks -------------------------------------------------------------------------------------


@pytest.fixture
def no_tree_climbing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Climbing from each element to the root made deep pages quadratic: it must not happen."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the analysis climbed the tree")

    monkeypatch.setattr(Tag, "find_parent", refuse)
    monkeypatch.setattr(Tag, "find_parents", refuse)
    yield


@pytest.mark.usefixtures("no_tree_climbing")
def test_forms_and_titles_are_found_without_climbing_the_tree() -> None:
    facts = html(
        "<svg><title>icon</title></svg><title>Camille</title>"
        + "<div>" * 2_000
        + '<form action="/x"><div><input type="password"></div></form>'
    )
    assert facts.title == "Camille" and facts.has_password_field and facts.has_login_form


@pytest.mark.usefixtures("no_tree_climbing")
def test_two_step_login_forms_are_found_from_the_index() -> None:
    facts = html('<form action="/login"><div><input name="username"></div></form>')
    assert facts.has_login_form and not facts.has_password_field
    facts = html('<form action="/search"><input name="username"></form>')
    assert not facts.has_login_form


def test_a_password_field_outside_any_form_is_no_login_form() -> None:
    facts = html("<div>" * 50 + '<input type="password">' + "</div>" * 50 + "<form></form>")
    assert facts.has_password_field and not facts.has_login_form


def test_cards_past_the_cap_are_not_read_and_the_page_is_read_in_part() -> None:
    card = '<div class="h-card"><span class="p-name">Camille</span></div>'
    facts = html(card * (MAX_HCARDS + 1))
    assert len(facts.hcards) == MAX_HCARDS and facts.markup_truncated
    facts = html(card * MAX_HCARDS)
    assert len(facts.hcards) == MAX_HCARDS and not facts.markup_truncated


def test_an_implied_card_name_is_read_within_its_node_budget() -> None:
    empty = "<i></i>" * MAX_HCARD_NODES
    facts = html(f'<div class="h-card">{empty}Camille</div>')
    assert facts.hcards[0].name is None and facts.markup_truncated
    facts = html('<div class="h-card"><i></i>Camille</div>')
    assert facts.hcards[0].name == "Camille" and not facts.markup_truncated


def test_the_text_of_a_time_element_is_read_within_its_node_budget() -> None:
    empty = "<i></i>" * MAX_FIELD_NODES
    facts = html(f"<time>{empty}2024-01-02</time>")
    assert facts.dates == () and facts.markup_truncated
    facts = html("<time><i></i>2024-01-02</time>")
    assert [d.iso for d in facts.dates] == ["2024-01-02"] and not facts.markup_truncated


def test_json_ld_past_the_script_cap_is_not_read_and_says_so() -> None:
    script = '<script type="application/ld+json">{"@type": "Person", "name": "C"}</script>'
    facts = html(script * MAX_JSONLD_SCRIPTS)
    assert len(facts.persons) == 1 and not facts.markup_truncated
    assert html(script * (MAX_JSONLD_SCRIPTS + 1)).markup_truncated


def test_json_ld_nested_past_the_interpreter_stack_is_broken_json_not_a_cut() -> None:
    deep = '<script type="application/ld+json">' + "[" * 50_000 + "]" * 50_000 + "</script>"
    facts = html(deep + "<p>Camille</p>")
    assert facts.text == "Camille" and facts.persons == () and not facts.markup_truncated
    assert not facts.errors


def test_a_page_deeper_than_the_interpreter_stack_is_read() -> None:
    facts = html("<div>" * 25_000 + "<p>Camille</p>" + "</div>" * 25_000)
    assert facts.text == "Camille" and not facts.errors


# --- the benchmark's worst pages, small --------------------------------------------------------


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_worst_page_of_the_benchmark_is_read_without_error(name: str) -> None:
    body = PAGES[name](200_000)
    facts = extract(body, content_type="text/html", charset=None, base_url="https://e/")
    assert facts.is_html and facts.errors == ()
