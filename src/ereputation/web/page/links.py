"""Where a page points: its links, mailto: and tel: contacts, and the images that may be a photo."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote

from ereputation.web.page.limits import MAX_CONTACTS, MAX_LINKS
from ereputation.web.page.tree import Index
from ereputation.web.page.values import URL_STRIP, absolute, attr

_AVATAR_WORDS = re.compile(
    r"avatar|profile|profil|photo|portrait|headshot|userpic|pfp|gravatar", re.IGNORECASE
)


@dataclass(frozen=True)
class Images:
    count: int = 0
    avatar: str | None = None


def images(index: Index, base: str) -> Images:
    count = 0
    avatar = None
    for tag in index.tags["img"]:
        count += 1
        if avatar is not None:
            continue
        if (attr(tag, "width") or "").strip() in ("0", "1"):
            continue  # tracking pixels
        hint = " ".join(attr(tag, a) or "" for a in ("alt", "class", "id", "title"))
        src = attr(tag, "src") or ""
        if _AVATAR_WORDS.search(hint) or "avatar" in src.lower():
            avatar = absolute(src, base)
    return Images(count, avatar)


@dataclass(frozen=True)
class Links:
    urls: tuple[str, ...] = ()
    truncated: bool = False
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()


_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}")


def links(index: Index, base: str) -> Links:
    urls: dict[str, None] = {}
    emails: dict[str, None] = {}
    phones: dict[str, None] = {}
    anchors = [tag for tag in index.tags["anchor"] if tag.has_attr("href")]
    for tag in anchors[:MAX_LINKS]:
        href = URL_STRIP.sub("", attr(tag, "href") or "").strip()
        lowered = href.lower()
        if href.startswith("#"):
            continue  # a place on this same page
        if lowered.startswith("mailto:"):
            address = unquote(href[7:].split("?")[0]).strip().lower()
            if _EMAIL.fullmatch(address) and len(emails) < MAX_CONTACTS:
                emails.setdefault(address)
        elif lowered.startswith("tel:"):
            number = re.sub(r"[^0-9+]", "", unquote(href[4:]))[:20]
            if len(number) >= 6 and len(phones) < MAX_CONTACTS:
                phones.setdefault(number)
        else:
            url = absolute(href, base)
            if url:
                urls.setdefault(url)
    return Links(tuple(urls), len(anchors) > MAX_LINKS, tuple(emails), tuple(phones))
