"""Parsing within a budget, and the one walk that lists every element the other steps read.

Depth costs nothing here: every walk is a loop over an explicit stack, and what a step needs from
an element's ancestors (its form, an enclosing <svg>) is carried down the walk, never looked up
by climbing the tree (climbing made a deep page quadratic). Depth is bounded anyway by the
number of tags parsed.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.builder._htmlparser import BeautifulSoupHTMLParser, HTMLParserTreeBuilder
from bs4.element import NavigableString, PageElement, Tag

from ereputation.web.page.limits import (
    MAX_ATTRIBUTES,
    MAX_FIELD_NODES,
    MAX_FORM_INPUTS,
    MAX_FORMS,
    MAX_HCARDS,
    MAX_IMAGES,
    MAX_INDEX_NODES,
    MAX_INPUTS,
    MAX_LINKS,
    MAX_METAS,
    MAX_PARSE_CHARS,
    MAX_TAGS,
    MAX_TIME_ELEMENTS,
)
from ereputation.web.page.values import classes

# A page body that looks like a URL, or XML served as HTML, is still just a page to us.
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)

# What html.parser reads as markup, and where each kind of markup ends for it.
_OPENER = re.compile(r"<[A-Za-z/!?]")
_RAW_TEXT = re.compile(r"<(script|style)[\s/>]", re.IGNORECASE)  # content up to its end tag
_MARKED = re.compile(r"<!\[\s*([A-Za-z][-_.A-Za-z0-9]*)")
_COMMENT_END = re.compile(r"--\s*>")
_SECTION_END = re.compile(r"]\s*]\s*>")
_MS_SECTION_END = re.compile(r"]\s*>")
# html.parser's own pattern for a start tag (3.11's locatestarttagend_tolerant), with at most
# MAX_ATTRIBUTES attributes: its regex keeps about 600 bytes per attribute until the tag ends,
# 250 MB for one tag of a megabyte of "a a a a".
_START_TAG = re.compile(
    r"""<[a-zA-Z][^\t\n\r\f />\x00]*(?:[\s/]*(?:(?<=['"\s/])[^\s/>][^\s/=>]*"""
    r"""(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?(?:\s|/(?!>))*)"""
    rf"""{{0,{MAX_ATTRIBUTES}}})?\s*"""
)
_ATTRIBUTE = re.compile(r"""[\s/]*(?<=['"\s/])[^\s/>][^\s/=>]*""")


def parse(markup: str) -> tuple[BeautifulSoup, bool]:
    """The parsed start of `markup`, and whether some of it was left unread."""
    markup, cut = _bounded(markup)
    if "<" not in markup:  # bare text: say so, or bs4 warns that it looks like a file name
        markup = "<body>" + markup
    builder = _Builder()
    soup = BeautifulSoup(markup, builder=builder)
    return soup, cut or builder.attributes_cut


class _Multiset(Counter[str]):
    """The list operations bs4 uses on its record of void elements, in constant time.

    bs4 lists every <input>, <br> or <img> it closed itself, and searches that list at every
    end tag: quadratic, seconds for a page of a few thousand inputs and end tags.
    """

    def append(self, name: str) -> None:
        self[name] += 1

    def remove(self, name: str) -> None:
        self[name] -= 1
        if self[name] <= 0:
            del self[name]


class _Parser(BeautifulSoupHTMLParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.already_closed_empty_element = _Multiset()  # type: ignore[assignment]

    def handle_starttag(
        self, tag: str, attrs: list[tuple[str, str | None]], handle_empty_element: bool = True
    ) -> None:
        if len(attrs) > MAX_ATTRIBUTES:  # each costs bs4 about 500 bytes
            attrs = attrs[:MAX_ATTRIBUTES]
            builder = self.soup.builder
            if isinstance(builder, _Builder):
                builder.attributes_cut = True
        super().handle_starttag(tag, attrs, handle_empty_element)


class _Builder(HTMLParserTreeBuilder):
    """html.parser as bs4 drives it: void elements recorded in a multiset, attributes capped."""

    attributes_cut = False

    def feed(self, markup: Any, _parser_class: type[BeautifulSoupHTMLParser] = _Parser) -> None:
        super().feed(markup, _parser_class)


def _bounded(markup: str) -> tuple[str, bool]:
    """The markup up to MAX_PARSE_CHARS characters and MAX_TAGS tags, and whether it was cut.

    Also cut at the first tag, comment or section that never ends. A browser shows nothing of
    it, but html.parser, once it finds no end, reads it as text one "<" at a time and looks
    for the end again from each: quadratic, minutes for a megabyte of "<a " or "<!--".
    """
    cut = len(markup) > MAX_PARSE_CHARS
    markup = markup[:MAX_PARSE_CHARS]
    position = count = 0
    while (opener := _OPENER.search(markup, position)) is not None:
        start = opener.start()
        count += 1
        if count > MAX_TAGS:
            return markup[:start], True
        end = _end_of(markup, start)
        if end < 0:  # -1: a browser shows nothing of it either; -2: too big to read
            return markup[:start], cut or end == -2
        position = end
    return markup, cut


def _end_of(markup: str, start: int) -> int:
    """Where the markup opened at `start` ends for html.parser: -1 if it never does, -2 for a
    start tag with more than MAX_ATTRIBUTES attributes."""
    if markup.startswith("<!--", start):
        found = _COMMENT_END.search(markup, start + 4)
        return found.end() if found else -1
    section = _MARKED.match(markup, start)
    if section:
        closer = _MS_SECTION_END if section[1].lower() in ("if", "else", "endif") else _SECTION_END
        found = closer.search(markup, start + 3)
        return found.end() if found else -1
    end = markup.find(">", start + 1)
    if end < 0:
        return -1
    if markup[start + 1] != "/" and (
        end - start > 200 or "'" in markup[start:end] or '"' in markup[start:end]
    ):
        tag = _START_TAG.match(markup, start)
        if tag and _ATTRIBUTE.match(markup, tag.end()):
            return -2  # more attributes than that: not read
    raw = _RAW_TEXT.match(markup, start)
    if raw:  # a script or style: what follows is text up to its end tag, however it looks
        close = re.compile(rf"</{raw[1]}", re.IGNORECASE).search(markup, end)
        return close.start() if close else len(markup)
    return end + 1


# Elements kept by name, each list bounded; one more than the steps use, to know when it is full.
_LIMITS = {
    "meta": MAX_METAS,
    "link": MAX_METAS,
    "script": MAX_METAS,
    "anchor": MAX_LINKS + 1,  # <a> and <area>; one more than kept, to know links were cut
    "img": MAX_IMAGES,
    "input": MAX_INPUTS,
    "form": MAX_FORMS,
    "time": MAX_TIME_ELEMENTS,
    "base": 1,
    "html": 1,
    "title": 5,
}
_ALIASES = {"a": "anchor", "area": "anchor"}
# A full list of these means elements were left unread; more links or images are reported apart.
_MUST_FIT = frozenset({"meta", "link", "script", "input", "form", "time"})


class Index:
    """Elements by name in document order, each list bounded: one walk instead of many searches.

    Also what steps would otherwise climb the tree for: the form around each input, the inputs
    of each form, the titles inside an <svg>. `stopped` names the steps that hit their budget.
    """

    def __init__(self, soup: BeautifulSoup) -> None:
        self.tags: dict[str, list[Tag]] = {name: [] for name in _LIMITS}
        self.hcards: list[Tag] = []
        self.in_form: set[int] = set()  # id() of the inputs inside a <form>
        self.form_inputs: dict[int, list[Tag]] = {}  # id() of a form: its first inputs
        self.svg_titles: set[int] = set()  # id() of the <title>s inside an <svg>
        self.stopped: list[str] = []
        self._walk(soup)

    def stop(self, step: str) -> None:
        """Record that `step` stopped at its budget: the page was read only in part."""
        if step not in self.stopped:
            self.stopped.append(step)

    def _walk(self, soup: BeautifulSoup) -> None:
        # (element, the forms around it: outermost and innermost, inside an svg). A browser
        # ignores a <form> inside a form, but a page's author may not have meant that.
        stack: list[tuple[Tag, tuple[Tag, ...], bool]] = [(soup, (), False)]
        visited = 0
        while stack:
            element, forms, in_svg = stack.pop()
            visited += 1
            if visited > MAX_INDEX_NODES:
                self.stop("elements")
                return
            name = _ALIASES.get(element.name, element.name)
            bucket = self.tags.get(name)
            if bucket is not None:
                if len(bucket) < _LIMITS[name]:
                    bucket.append(element)
                elif name in _MUST_FIT:
                    self.stop(name)
            if name == "input" and forms:
                self.in_form.add(id(element))
                for form in forms:
                    inputs = self.form_inputs.setdefault(id(form), [])
                    if len(inputs) < MAX_FORM_INPUTS:
                        inputs.append(element)
            elif name == "form":
                forms = (forms[0], element) if forms else (element,)
            elif name == "title" and in_svg:
                self.svg_titles.add(id(element))
            elif name == "svg":
                in_svg = True
            if "class" in element.attrs and "h-card" in classes(element):
                if len(self.hcards) < MAX_HCARDS:
                    self.hcards.append(element)
                else:
                    self.stop("h-card")
            children = [(c, forms, in_svg) for c in element.contents if isinstance(c, Tag)]
            stack.extend(reversed(children))


def text_of(root: Tag, index: Index, step: str, limit: int) -> str:
    """What `root.get_text()` gives, but only its first `limit` characters and nodes."""
    pieces: list[str] = []
    total = 0
    stack: list[PageElement] = [root]
    visited = 0
    while stack and total < limit:
        visited += 1
        if visited > MAX_FIELD_NODES:
            index.stop(step)
            break
        node = stack.pop()
        if isinstance(node, Tag):
            stack.extend(reversed(node.contents))
        elif type(node) is NavigableString:  # as get_text: no comments, scripts or CDATA
            pieces.append(str(node)[: limit - total])
            total += len(pieces[-1])
    return "".join(pieces)
