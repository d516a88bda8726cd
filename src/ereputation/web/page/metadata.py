"""The page's head: base URL, title, language, canonical URL, rel=me links, meta tags."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ereputation.web.page.dates import iso_date
from ereputation.web.page.facts import DateHint, DateKind
from ereputation.web.page.limits import MAX_LINKS
from ereputation.web.page.tree import Index, text_of
from ereputation.web.page.values import absolute, attr, attr_tokens, clean


def document_base(index: Index, base_url: str) -> str:
    """Honour <base href> like a browser, when it is an http(s) URL."""
    for tag in index.tags["base"]:
        resolved = absolute(tag.get("href"), base_url)
        if resolved:
            return resolved
    return base_url


def title(index: Index) -> str | None:
    for tag in index.tags["title"]:
        if id(tag) not in index.svg_titles:  # an icon's tooltip is not the page title
            return clean(text_of(tag, index, "title", 500 * 50), 500)
    return None


_LANG = re.compile(r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,5}")


def lang(index: Index) -> str | None:
    for tag in index.tags["html"]:
        value = clean(attr(tag, "lang"), 40)
        return value if value and _LANG.fullmatch(value) else None
    return None


def canonical(index: Index, base: str) -> str | None:
    for tag in index.tags["link"]:
        if "canonical" in attr_tokens(tag, "rel"):
            return absolute(tag.get("href"), base)
    return None


def rel_me(index: Index, base: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for tag in (*index.tags["link"], *index.tags["anchor"][:MAX_LINKS]):
        if "me" in attr_tokens(tag, "rel"):
            url = absolute(tag.get("href"), base)
            if url:
                found.setdefault(url)
    return tuple(found)


# --- meta tags ---------------------------------------------------------------------------------

_OG_PREFIXES = ("og:", "profile:", "article:")
_META_DATES: dict[str, DateKind] = {
    "article:modified_time": "modified",
    "og:updated_time": "modified",
    "profile:updated_time": "modified",
    "last-modified": "modified",
    "dcterms.modified": "modified",
    "article:published_time": "published",
    "dcterms.created": "published",
    "date": "other",
}


@dataclass(frozen=True)
class Metas:
    description: str | None = None
    opengraph: tuple[tuple[str, str], ...] = ()
    twitter: tuple[tuple[str, str], ...] = ()
    dates: tuple[DateHint, ...] = ()


def metas(index: Index) -> Metas:
    description = None
    opengraph: list[tuple[str, str]] = []
    twitter: list[tuple[str, str]] = []
    dates: list[DateHint] = []
    for tag in index.tags["meta"]:
        key = attr(tag, "property") or attr(tag, "name") or attr(tag, "http-equiv")
        key = (clean(key, 100) or "").lower()  # keys are returned too
        content = clean(attr(tag, "content"))
        if not key or content is None:
            continue
        if key == "description" and description is None:
            description = content
        elif key.startswith(_OG_PREFIXES) and len(opengraph) < 200:
            opengraph.append((key, content))
        elif key.startswith("twitter:") and len(twitter) < 200:
            twitter.append((key, content))
        if key in _META_DATES:
            iso = iso_date(content)
            if iso:
                dates.append(DateHint(iso, _META_DATES[key], "meta"))
    return Metas(description, tuple(opengraph), tuple(twitter), tuple(dates))
