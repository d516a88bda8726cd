"""Plain values out of hostile markup: printable one-line strings, attributes, absolute URLs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from urllib.parse import urljoin, urlsplit, urlunsplit

from bs4.element import Tag

from ereputation.textsafe import has_invisible, printable
from ereputation.web.page.limits import MAX_FIELD_CHARS, MAX_URL_CHARS

WS = re.compile(r"\s+")
URL_STRIP = re.compile(r"[\t\n\r]")


def clean(value: object, limit: int = MAX_FIELD_CHARS) -> str | None:
    """A one-line printable string, or None when empty."""
    if not isinstance(value, str):
        return None
    # Only a start the size of many fields: more would just be padding, and costs work to clean.
    text = WS.sub(" ", printable(value[: limit * 50], sequences=False)).strip()
    return text[:limit].rstrip() or None


def tags(found: Iterable[object]) -> Iterator[Tag]:
    return (item for item in found if isinstance(item, Tag))


def attr(tag: Tag, name: str) -> str | None:
    value = tag.get(name)
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # multi-valued attributes such as class and rel
        return " ".join(str(v) for v in value)
    return None


def attr_tokens(tag: Tag, name: str) -> set[str]:
    return set((attr(tag, name) or "").lower().split())


def classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if isinstance(value, str):
        return value.split()
    return [str(v) for v in value] if isinstance(value, list) else []


def absolute(href: object, base: str) -> str | None:
    """An absolute http(s) URL without fragment, or None for anything else."""
    if not isinstance(href, str):
        return None
    href = URL_STRIP.sub("", href).strip()
    if not href or len(href) > MAX_URL_CHARS or has_invisible(href):
        return None
    try:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))
    except ValueError:  # malformed IPv6 literals, bad ports
        return None
