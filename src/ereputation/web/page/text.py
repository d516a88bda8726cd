"""The text a visitor reads: no scripts, styles, templates or hidden parts, whitespace collapsed."""

from __future__ import annotations

import re

from bs4.element import (
    CData,
    Comment,
    Declaration,
    Doctype,
    NavigableString,
    ProcessingInstruction,
    Script,
    Stylesheet,
    Tag,
    TemplateString,
)

from ereputation.textsafe import printable
from ereputation.web.page.limits import MAX_TEXT_NODES
from ereputation.web.page.values import WS, attr

_SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "title",
        "meta",
        "link",
        "base",
        "svg",
        "iframe",
        "object",
    }
)
_BLOCK_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div"),
        *("dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3"),
        *("h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "option", "p", "pre"),
        *("section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
        *("label", "button", "select", "textarea", "img"),
    }
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_NOT_TEXT = (Comment, CData, ProcessingInstruction, Declaration, Doctype, Script, Stylesheet,
             TemplateString)  # fmt: skip
_BREAK = object()


def _hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    if (attr(tag, "type") or "").lower() == "hidden":
        return True
    style = attr(tag, "style")
    return bool(style and _HIDDEN_STYLE.search(style))


def visible_text(root: Tag, limit: int, max_nodes: int = MAX_TEXT_NODES) -> tuple[str, bool]:
    """The text a visitor reads, at most `limit` characters, and whether some was left unread.

    At most `max_nodes` nodes are visited: a page of empty tags has no text to fill the budget.
    """
    pieces: list[str] = []
    total = 0
    budget = limit * 3 + 200  # pieces are collapsed before joining, so this bounds the work
    raw_left = budget * 4  # and this, when they are mostly invisible characters or spaces
    stack: list[object] = [root]
    stopped = False
    while stack:
        max_nodes -= 1
        if max_nodes < 0:
            stopped = True
            break
        node = stack.pop()
        if node is _BREAK:
            pieces.append(" ")
            continue
        if isinstance(node, Tag):
            if node.name in _SKIP_TAGS or _hidden(node):
                continue
            if node.name in _BLOCK_TAGS:
                pieces.append(" ")
                stack.append(_BREAK)
            stack.extend(reversed(node.contents))
        elif isinstance(node, NavigableString) and not isinstance(node, _NOT_TEXT):
            raw = str(node)
            piece = WS.sub(
                " ", printable(raw[: max(0, raw_left)], keep_joiners=True, sequences=False)
            )
            pieces.append(piece)
            total += len(piece)
            raw_left -= len(raw)
            if total > budget or raw_left < 0:
                stopped = True
                break
    text = WS.sub(" ", "".join(pieces)).strip()
    if len(text) > limit:
        return text[:limit].rstrip(), True
    return text, stopped
