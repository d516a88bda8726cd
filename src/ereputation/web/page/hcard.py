"""Microformats2 `h-card`s: a person's name, job title, photo, URL and note marked up in classes."""

from __future__ import annotations

from bs4.element import Tag

from ereputation.web.page.facts import HCard
from ereputation.web.page.limits import (
    MAX_FIELD_CHARS,
    MAX_HCARD_NODES,
    MAX_SHORT_CHARS,
    MAX_URL_CHARS,
)
from ereputation.web.page.text import visible_text
from ereputation.web.page.tree import Index, text_of
from ereputation.web.page.values import absolute, attr, classes, clean, tags

_HCARD_PROPS = ("p-name", "p-job-title", "u-photo", "u-url", "p-note", "e-note")


def hcards(index: Index, base: str) -> tuple[HCard, ...]:
    cards = []
    for root in index.hcards:
        props, any_property = _properties(root, index)
        name = _p_value(props.get("p-name"), index)
        if name is None and not any_property:  # microformats2 implied name
            name = _p_value(root, index)
        photo = _u_value(props["u-photo"], base, index) if "u-photo" in props else None
        if photo is None and root.name == "img":
            photo = absolute(root.get("src"), base)
        cards.append(
            HCard(
                name=name,
                job_title=_p_value(props.get("p-job-title"), index),
                photo=photo,
                url=_u_value(props["u-url"], base, index) if "u-url" in props else None,
                note=_p_value(props.get("p-note") or props.get("e-note"), index),
            )
        )
    return tuple(cards)


def _properties(root: Tag, index: Index) -> tuple[dict[str, Tag], bool]:
    """First element of each property, not looking inside nested microformats."""
    found: dict[str, Tag] = {}
    any_property = False
    stack = list(reversed(list(tags(root.children))))
    seen = 0
    while stack:
        if seen >= MAX_HCARD_NODES:
            index.stop("h-card")
            break
        tag = stack.pop()
        seen += 1
        names = classes(tag)
        if any(c.startswith(("p-", "u-", "e-", "dt-")) for c in names):
            any_property = True
        for prop in _HCARD_PROPS:
            if prop in names and prop not in found:
                found[prop] = tag
        if any(c.startswith("h-") for c in names):
            continue  # a nested card (an organisation, say) has its own properties
        stack.extend(reversed(list(tags(tag.children))))
    return found, any_property


def _p_value(tag: Tag | None, index: Index) -> str | None:
    if tag is None:
        return None
    if tag.name in ("img", "area"):
        return clean(attr(tag, "alt"), MAX_SHORT_CHARS)
    if tag.name == "abbr" and tag.get("title"):
        return clean(attr(tag, "title"), MAX_SHORT_CHARS)
    if tag.name in ("data", "input") and tag.get("value"):
        return clean(attr(tag, "value"), MAX_SHORT_CHARS)
    text, stopped = visible_text(tag, MAX_FIELD_CHARS, MAX_HCARD_NODES)
    if stopped and len(text) < MAX_FIELD_CHARS:
        index.stop("h-card")  # stopped by the node budget, not by a full field
    return clean(text, MAX_FIELD_CHARS)


def _u_value(tag: Tag, base: str, index: Index) -> str | None:
    for name in ("href", "src", "data"):
        if tag.get(name):
            return absolute(tag.get(name), base)
    # A URL is short: a text longer than this cannot be one, so no more is read.
    text = text_of(tag, index, "h-card", 4 * MAX_URL_CHARS)
    return absolute(text.strip(), base) if len(text) < 4 * MAX_URL_CHARS else None
