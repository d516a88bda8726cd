"""What a recruiter sees on a page: response bytes in, `PageFacts` out.

Pure and defensive: every page is hostile input, so `extract` never raises, bounds the work of
every step (characters and tags parsed, nodes visited, forms, cards, scripts, links, dates: see
`ereputation.web.page.limits`) and keeps only plain strings. A step stopped by its budget marks
the page as read in part. It records facts; judging them is the checks' job. The steps live in
`ereputation.web.page`, one module per job; this module puts them together.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from bs4.element import Tag

from ereputation.web.mediatype import parse_content_type
from ereputation.web.page.dates import sorted_dates, text_dates, time_dates
from ereputation.web.page.encodings import decode, is_html
from ereputation.web.page.facts import (
    DateHint,
    DateKind,
    DateSource,
    HCard,
    PageFacts,
    PagePerson,
    PhotoSource,
    first_value,
)
from ereputation.web.page.forms import bot_check_hints, forms
from ereputation.web.page.hcard import hcards
from ereputation.web.page.jsonld import json_ld
from ereputation.web.page.limits import MAX_DECODE_BYTES, MAX_LINKS, MAX_PARSE_CHARS, MAX_TAGS
from ereputation.web.page.links import Images, Links, images, links
from ereputation.web.page.metadata import (
    Metas,
    canonical,
    document_base,
    lang,
    metas,
    rel_me,
    title,
)
from ereputation.web.page.text import visible_text
from ereputation.web.page.tree import Index, parse
from ereputation.web.page.values import absolute

__all__ = [
    "MAX_DECODE_BYTES",
    "MAX_LINKS",
    "MAX_PARSE_CHARS",
    "MAX_TAGS",
    "DateHint",
    "DateKind",
    "DateSource",
    "HCard",
    "PageFacts",
    "PagePerson",
    "PhotoSource",
    "extract",
]

logger = logging.getLogger(__name__)

T = TypeVar("T")
_NO_STRINGS: tuple[str, ...] = ()
_NO_PERSONS: tuple[PagePerson, ...] = ()
_NO_HCARDS: tuple[HCard, ...] = ()
_NO_DATES: tuple[DateHint, ...] = ()


def extract(
    body: bytes,
    *,
    content_type: str | None,
    charset: str | None,
    base_url: str,
    max_text_chars: int = 20_000,
) -> PageFacts:
    """Turn a response body into facts; never raises, whatever the bytes."""
    try:
        media_type, header_charset = parse_content_type(content_type)
        charset = charset or header_charset
        if not isinstance(body, (bytes, bytearray, memoryview)):
            return PageFacts(is_html=False, content_type=media_type)
        body = bytes(body)
        if not is_html(body, media_type, charset):
            return PageFacts(is_html=False, content_type=media_type)
        markup, encoding, cut = decode(body, charset)
        return _extract_html(markup, encoding, media_type, base_url, max(0, max_text_chars), cut)
    except Exception as exc:  # last resort: a page must never stop an audit
        logger.debug("reading the page from %s failed", base_url, exc_info=True)
        return PageFacts(is_html=True, errors=(f"extract: {type(exc).__name__}",))


def _extract_html(
    markup: str,
    encoding: str | None,
    media_type: str | None,
    base_url: str,
    max_text: int,
    bytes_cut: bool = False,
) -> PageFacts:
    errors: list[str] = []

    def safe(name: str, fn: Callable[[], T], default: T) -> T:
        try:
            return fn()
        except Exception as exc:  # one broken part must not lose the others
            logger.debug("reading the %s of %s failed", name, base_url, exc_info=True)
            errors.append(f"{name}: {type(exc).__name__}")
            return default

    soup, parse_cut = parse(markup)
    index = Index(soup)
    base = safe("base", lambda: document_base(index, base_url), base_url)
    page_title = safe("title", lambda: title(index), None)
    page_metas = safe("meta", lambda: metas(index), Metas())
    page_lang = safe("lang", lambda: lang(index), None)
    page_canonical = safe("canonical", lambda: canonical(index, base), None)
    page_rel_me = safe("rel_me", lambda: rel_me(index, base), _NO_STRINGS)
    persons, ld_dates = safe("json-ld", lambda: json_ld(index, base), (_NO_PERSONS, _NO_DATES))
    cards = safe("h-card", lambda: hcards(index, base), _NO_HCARDS)
    page_images = safe("images", lambda: images(index, base), Images())
    page_forms = safe("forms", lambda: forms(index), (False, False))
    page_links = safe("links", lambda: links(index, base), Links())
    time_hints = safe("time", lambda: time_dates(index), _NO_DATES)
    hints = safe("hints", lambda: bot_check_hints(markup), _NO_STRINGS)
    # Last: the text walk skips subtrees but reads everything else.
    body = soup.body if isinstance(soup.body, Tag) else soup
    text, truncated = safe("text", lambda: visible_text(body, max_text), ("", False))
    text_hints = safe("text dates", lambda: text_dates(text), _NO_DATES)

    cut = bytes_cut or parse_cut or bool(index.stopped)
    if cut:
        logger.debug(
            "%s read in part: %s",
            base_url,
            ", ".join(["markup" if bytes_cut or parse_cut else "", *index.stopped]).strip(", "),
        )
    photo, photo_source = _profile_photo(persons, cards, page_images, page_metas, base)
    dates = sorted_dates([*page_metas.dates, *ld_dates, *time_hints, *text_hints])
    return PageFacts(
        is_html=True,
        content_type=media_type,
        encoding=encoding,
        title=page_title,
        description=page_metas.description,
        lang=page_lang,
        canonical_url=page_canonical,
        opengraph=page_metas.opengraph,
        twitter=page_metas.twitter,
        persons=persons,
        hcards=cards,
        rel_me=page_rel_me,
        image_count=page_images.count,
        has_profile_photo=photo is not None,
        profile_photo=photo,
        profile_photo_source=photo_source,
        text=text,
        text_truncated=truncated or cut,
        markup_truncated=cut,
        has_password_field=page_forms[0],
        has_login_form=page_forms[1],
        links=page_links.urls,
        links_truncated=page_links.truncated,
        emails=page_links.emails,
        phones=page_links.phones,
        dates=dates,
        bot_check_hints=hints,
        errors=tuple(errors),
    )


def _profile_photo(
    persons: tuple[PagePerson, ...],
    cards: tuple[HCard, ...],
    page_images: Images,
    page_metas: Metas,
    base: str,
) -> tuple[str | None, PhotoSource | None]:
    """The most specific evidence first: structured data, then markup, then the share image."""
    for person in persons:
        if person.image:
            return person.image, "json-ld"
    for card in cards:
        if card.photo:
            return card.photo, "h-card"
    if page_images.avatar:
        return page_images.avatar, "img"
    og_image = absolute(first_value(page_metas.opengraph, "og:image"), base)
    if og_image:
        return og_image, "og:image"
    return None, None
