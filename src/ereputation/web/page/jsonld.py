"""Structured data in <script type="application/ld+json">: the schema.org Person and page dates."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ereputation.web.page.dates import iso_date
from ereputation.web.page.facts import DateHint, DateKind, PagePerson
from ereputation.web.page.limits import (
    MAX_FIELD_CHARS,
    MAX_JSONLD_CHARS,
    MAX_JSONLD_NODES,
    MAX_JSONLD_SCRIPTS,
    MAX_SAME_AS,
    MAX_SHORT_CHARS,
)
from ereputation.web.page.tree import Index
from ereputation.web.page.values import absolute, attr, clean

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_SCHEMA_PREFIX = re.compile(r"^(?:https?://schema\.org/|schema:)", re.IGNORECASE)
_LD_DATES: dict[str, DateKind] = {
    "dateModified": "modified",
    "datePublished": "published",
    "dateCreated": "other",
}


def json_ld(index: Index, base: str) -> tuple[tuple[PagePerson, ...], tuple[DateHint, ...]]:
    persons: list[PagePerson] = []
    dates: list[DateHint] = []
    scripts = 0
    for tag in index.tags["script"]:
        media = (attr(tag, "type") or "").split(";")[0].strip().lower()
        if media != "application/ld+json":
            continue
        scripts += 1
        if scripts > MAX_JSONLD_SCRIPTS:
            index.stop("json-ld")
            break
        raw = tag.get_text()
        if len(raw) > MAX_JSONLD_CHARS:
            index.stop("json-ld")  # cut JSON does not parse: this script is not read at all
        data = _load_json(raw[:MAX_JSONLD_CHARS])
        if data is None:
            continue
        budget = [MAX_JSONLD_NODES]
        for node in _top_nodes(data, budget):
            for key, kind in _LD_DATES.items():
                iso = iso_date(node.get(key))
                if iso:
                    dates.append(DateHint(iso, kind, "json-ld"))
            for person in _persons_in(node, depth=0, budget=budget):
                if len(persons) < 20:
                    persons.append(_person(person, base))
        if budget[0] <= 0:
            index.stop("json-ld")
    return tuple(dict.fromkeys(persons)), tuple(dates)


def _load_json(raw: str) -> object:
    """Parse JSON-LD as authors write it: comment wrappers, CDATA, trailing commas."""
    text = raw.strip()
    for opener, closer in (("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")):
        if text.startswith(opener) and text.endswith(closer):
            text = text[len(opener) : -len(closer)].strip()
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):  # broken, or nested past any real page's depth
            continue
    return None


def _top_nodes(data: object, budget: list[int]) -> Iterator[dict[str, object]]:
    items = data if isinstance(data, list) else [data]
    for item in items[:MAX_JSONLD_NODES]:
        if not isinstance(item, dict) or budget[0] <= 0:
            continue
        budget[0] -= 1
        yield item
        graph = item.get("@graph")
        if isinstance(graph, list):
            for node in graph[:MAX_JSONLD_NODES]:
                if isinstance(node, dict) and budget[0] > 0:
                    budget[0] -= 1
                    yield node


def _types(node: dict[str, object]) -> set[str]:
    raw = node.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {_SCHEMA_PREFIX.sub("", v) for v in values[:20] if isinstance(v, str)}


def _persons_in(
    node: dict[str, object], depth: int, budget: list[int]
) -> Iterator[dict[str, object]]:
    """A Person itself, or the Person a ProfilePage (or any page) names as its main entity."""
    if "Person" in _types(node):
        yield node
        return
    if depth >= 3:
        return
    for key in ("mainEntity", "about"):
        value = node.get(key)
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict) and budget[0] > 0:
                budget[0] -= 1
                yield from _persons_in(child, depth + 1, budget)


def _ld_text(value: object, limit: int = MAX_FIELD_CHARS) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):  # e.g. a DefinedTerm or a language-tagged value
        value = value.get("name") or value.get("@value")
    return clean(value, limit)


def _ld_url(value: object, base: str) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):  # ImageObject
        value = value.get("url") or value.get("contentUrl")
    return absolute(value, base)


def _person(node: dict[str, object], base: str) -> PagePerson:
    raw_same = node.get("sameAs")
    same_values = raw_same if isinstance(raw_same, list) else [raw_same]
    same_as = [absolute(v, base) for v in same_values[:MAX_SAME_AS]]
    return PagePerson(
        name=_ld_text(node.get("name"), MAX_SHORT_CHARS),
        job_title=_ld_text(node.get("jobTitle"), MAX_SHORT_CHARS),
        image=_ld_url(node.get("image"), base),
        same_as=tuple(dict.fromkeys(u for u in same_as if u)),
        url=_ld_url(node.get("url"), base),
        description=_ld_text(node.get("description")),
    )
