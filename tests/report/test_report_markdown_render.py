"""Issue 7.12: the Markdown report escapes only what a renderer would misread.

Checked with a real CommonMark renderer (markdown-it-py, with GitHub's tables and strikethrough):
every value renders to exactly its own text, in every place the report puts one, and ordinary
punctuation (`faut-il`, `1.1.0`, `< 50`) carries no backslash.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from markdown_it import MarkdownIt

from ereputation.formats.markdown import FORMATTER, md, md_cell
from ereputation.i18n import Language
from ereputation.model import AuditResult

Builder = Callable[[Language], AuditResult]

RENDERER = MarkdownIt("commonmark").enable("table").enable("strikethrough")

TRICKS = (
    "**bold**",
    "_it_ and *it*",
    "[x](javascript:alert(1))",
    "![img](http://evil.example/x.png)",
    "<script>alert(1)</script>",
    "<https://evil.example>",
    "<!-- hidden -->",
    "a | b | c",
    "# title",
    "###### six",
    "Title #",
    "Title ##",
    "1. item",
    "2) item",
    "- item",
    "+ item",
    "> quote",
    "---",
    "===",
    "`code` and ``more``",
    "~~gone~~ ~x~",
    "&amp; &#38; &#x26; &copy;",
    "back\\slash\\",
    "\\*not em\\*",
    "[ref]: http://evil.example",
    "C# and F#",
    "snake_case_name and _under",
    "faut-il être présent\u00a0?",
    "version 1.1.0 (2024) {x} !",
    "score < 50 and > 75",
    "R&D + Q&A = 100 %",
)
PLAIN = (
    "faut-il",
    "version 1.1.0",
    "Faut-il être présent en ligne, et où\u00a0?",
    "(N3) {x} !",
    "R&D",
    "snake_case",
    "score < 50 > 75",
    "C#",
    "+33 6 12",
    "a - b + c",
    "50 %",
)
# Where the report puts a value: the Markdown around it, and the element holding its text.
CONTEXTS: dict[str, tuple[Callable[[str], str], str, str]] = {
    "paragraph": (lambda v: md(v), "p", "{}"),
    "list item": (lambda v: f"- {md(v)}", "li", "{}"),
    "sub-item": (lambda v: f"- x\n    - {md(v)}", "li li", "{}"),
    "numbered step": (lambda v: f"1. x\n    1. {md(v)}", "li li", "{}"),
    "labelled field": (lambda v: f"- **Label**: {md(v)}", "li", "Label: {}"),
    "heading": (lambda v: f"### {md(v)}", "h3", "{}"),
    "heading with a status": (lambda v: f"### {md(v)} — ok", "h3", "{} — ok"),
    "strong": (lambda v: f"**{md(v)}** — x", "p", "{} — x"),
    "emphasis": (lambda v: f"*{md(v)}*", "em", "{}"),
    "quoted excerpt": (
        lambda v: f"    - label: «\u00a0{md(v)}\u00a0»",
        "",
        "label: «\u00a0{}\u00a0»",
    ),
    "quote block": (lambda v: f"> {md(v)}", "blockquote p", "{}"),
    "table cell": (lambda v: f"| h | i |\n|---|---|\n| {md_cell(v)} | z |", "td", "{}"),
}


def rendered(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(RENDERER.render(markdown), "html.parser")


def text_of(element: Tag) -> str:
    return " ".join(element.get_text().split())


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("context", list(CONTEXTS))
@pytest.mark.parametrize("value", TRICKS + PLAIN)
def test_a_value_renders_to_exactly_its_text(value: str, context: str) -> None:
    build, selector, expected = CONTEXTS[context]
    soup = rendered(build(value))
    if selector:
        found = soup.select(selector)
        assert found, (build(value), RENDERER.render(build(value)))
        element = found[0]
    else:  # an indented line is code unless it follows a list item; here it stands alone
        soup = rendered(f"- x\n{build(value)}")
        element = soup.select("li li")[0]
    assert text_of(element) == norm(expected.format(value))
    assert not soup.find_all(["script", "img", "code", "del", "s", "pre", "h1", "hr"])
    assert not soup.select("a")


@pytest.mark.parametrize("value", PLAIN)
def test_ordinary_punctuation_gets_no_backslash(value: str) -> None:
    assert md(value) == value
    assert md_cell(value) == value


def test_a_pipe_is_escaped_in_table_cells_only() -> None:
    assert md("a | b") == "a | b"
    assert md_cell("a | b") == "a \\| b"


def test_the_report_carries_no_needless_backslash(make_full: Builder, language: Language) -> None:
    out = FORMATTER.render(make_full(language))
    assert "\\" not in out
    assert "version 0.1" in out or "version\u00a00.1" in out


# --- the whole report, with a Markdown trick in every text field -----------------------------

# Fields that hold no text for a reader: closed vocabularies, identities, dates and URLs (URLs
# become autolinks or escaped text: tested in test_report_markdown.py).
NOT_TEXT = frozenset(
    {
        "status",
        "language",
        "kind",
        "severity",
        "rating",
        "visibility_rating",
        "risk_rating",
        "id",
        "item_id",
        "finding_id",
        "check",
        "subject",
        "profile",
        "category",
        "network",
        "answer",
        "generated_at",
        "audit_date",
        "consent_date",
        "url",
        "final_url",
        "profile_url",
        "links_to",
        "schema_version",
        "content_type",
        "config_file",
        "source",
        "recommendation",
        "priority",
        "horizon",
        "type",
        "code",
        "discovery_run",
    }
)


def planted(value: Any, tricks: Iterator[str], field: str = "") -> Any:
    """`value` with the next trick in every text field a reader sees."""
    if isinstance(value, str):
        return value if field in NOT_TEXT else next(tricks)
    if isinstance(value, tuple):
        return tuple(planted(v, tricks, field) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: planted(getattr(value, f.name), tricks, f.name)
            for f in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value


def tag_names(soup: BeautifulSoup) -> list[str]:
    return [t.name for t in soup.find_all(True)]


def test_every_field_renders_as_its_text_and_the_structure_holds(
    make_full: Builder, language: Language
) -> None:
    clean = make_full(language)
    hostile = planted(clean, itertools.cycle(TRICKS))
    soup = rendered(FORMATTER.render(hostile))
    # The same elements as the clean report: no trick added a heading, a list, a link or a cell.
    assert tag_names(soup) == tag_names(rendered(FORMATTER.render(clean)))
    text = norm(soup.get_text(" "))
    for trick in TRICKS:
        assert norm(trick) in text, trick
    for table in soup.find_all("table"):
        widths = {len(row.find_all(["th", "td"])) for row in table.find_all("tr")}
        assert len(widths) == 1
    assert all(str(a["href"]).startswith(("http://", "https://")) for a in soup.find_all("a"))


def test_the_hostile_sample_renders_inert(hostile_result: AuditResult, hostile_text: str) -> None:
    soup = rendered(FORMATTER.render(hostile_result))
    assert not soup.find_all(["script", "img", "svg", "code", "iframe"])
    assert all(str(a["href"]).startswith(("http://", "https://")) for a in soup.find_all("a"))
    assert norm(hostile_text) in norm(soup.get_text(" "))
