"""What a recruiter sees on a page: response bytes in, `PageFacts` out.

Pure and defensive: every page is hostile input, so `extract` never raises, bounds the work it
does (links, metas, images, JSON-LD, microformats, text) and keeps only plain strings. It records
facts; judging them is the checks' job.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, TypeVar
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.dammit import UnicodeDammit
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

# A page body that looks like a URL, or XML served as HTML, is still just a page to us.
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)
warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)

# Work caps: an absurd page costs no more than a large ordinary one.
MAX_PARSE_CHARS = 2_000_000  # html.parser needs seconds per megabyte of dense markup
MAX_LINKS = 2_000
MAX_METAS = 2_000
MAX_IMAGES = 10_000
MAX_JSONLD_SCRIPTS = 20
MAX_JSONLD_CHARS = 200_000
MAX_JSONLD_NODES = 500
MAX_HCARDS = 20
MAX_HCARD_NODES = 2_000
MAX_DATES = 100
MAX_TIME_ELEMENTS = 500
MAX_URL_CHARS = 2_048
MAX_FIELD_CHARS = 2_000
MAX_SHORT_CHARS = 300
MAX_SAME_AS = 50
MAX_CONTACTS = 20
MAX_HINT_SCAN_CHARS = 500_000

DateKind = Literal["modified", "published", "other"]
DateSource = Literal["meta", "time", "json-ld", "text"]
PhotoSource = Literal["json-ld", "h-card", "img", "og:image"]


@dataclass(frozen=True)
class Person:
    """A schema.org `Person` found in the page's JSON-LD."""

    name: str | None = None
    job_title: str | None = None
    image: str | None = None
    same_as: tuple[str, ...] = ()
    url: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class HCard:
    """The basics of a microformats2 `h-card`."""

    name: str | None = None
    job_title: str | None = None
    photo: str | None = None
    url: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class DateHint:
    """A calendar date the page shows or declares, for an "is this profile maintained" check."""

    iso: str  # YYYY-MM-DD
    kind: DateKind
    source: DateSource


@dataclass(frozen=True)
class PageFacts:
    """Everything extracted from one response. Tuples keep document order and are bounded."""

    is_html: bool
    content_type: str | None = None  # media type only, lower case: "text/html"
    encoding: str | None = None  # the encoding the page was decoded with
    title: str | None = None
    description: str | None = None  # <meta name="description">
    lang: str | None = None  # <html lang>
    canonical_url: str | None = None
    opengraph: tuple[tuple[str, str], ...] = ()  # ("og:title", "…"), also profile:* and article:*
    twitter: tuple[tuple[str, str], ...] = ()  # ("twitter:card", "…")
    persons: tuple[Person, ...] = ()
    hcards: tuple[HCard, ...] = ()
    rel_me: tuple[str, ...] = ()  # absolute http(s) URLs of <a rel=me> and <link rel=me>
    image_count: int = 0
    has_profile_photo: bool = False
    profile_photo: str | None = None
    profile_photo_source: PhotoSource | None = None
    text: str = ""  # visible text, whitespace collapsed
    text_truncated: bool = False
    markup_truncated: bool = False  # only the first MAX_PARSE_CHARS characters were read
    has_password_field: bool = False
    has_login_form: bool = False
    links: tuple[str, ...] = ()  # absolute http(s) links, deduplicated, without fragments
    links_truncated: bool = False
    emails: tuple[str, ...] = ()  # from mailto: links
    phones: tuple[str, ...] = ()  # from tel: links
    dates: tuple[DateHint, ...] = ()  # sorted by date
    bot_check_hints: tuple[str, ...] = ()  # anti-bot widgets seen: "cloudflare-challenge", …
    errors: tuple[str, ...] = field(default=(), compare=False)  # parts that failed, for debugging

    def og(self, key: str) -> str | None:
        """First value of an OpenGraph property: `facts.og("og:title")`."""
        return _first_value(self.opengraph, key)

    def twitter_card(self, key: str) -> str | None:
        """First value of a Twitter card property: `facts.twitter_card("twitter:title")`."""
        return _first_value(self.twitter, key)

    @property
    def latest_date(self) -> str | None:
        return max((d.iso for d in self.dates), default=None)

    @property
    def latest_modified(self) -> str | None:
        return max((d.iso for d in self.dates if d.kind == "modified"), default=None)


def _first_value(pairs: tuple[tuple[str, str], ...], key: str) -> str | None:
    wanted = key.lower()
    return next((value for name, value in pairs if name == wanted), None)


# --- entry point -------------------------------------------------------------------------------

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream", "unknown/unknown"})
_BINARY_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"RIFF", b"\x00")
_HTML_START = re.compile(
    rb"^(?:<!doctype\s+html|<html|<head|<body|<!--|<title|<meta|<div|<p[\s>]|<script|<link|<h1)",
    re.IGNORECASE,
)
# WHATWG: these labels all mean windows-1252 in a browser, which is what the author saw.
_LATIN1_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "cp819", "ascii", "us-ascii"}
)
_NEVER_DECODE_AS = ["utf-7", "utf_7", "utf7"]  # a classic trick to smuggle markup past filters


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
        media_type, header_charset = _parse_content_type(content_type)
        charset = charset or header_charset
        if not isinstance(body, (bytes, bytearray, memoryview)):
            return PageFacts(is_html=False, content_type=media_type)
        body = bytes(body)
        if not _is_html(body, media_type):
            return PageFacts(is_html=False, content_type=media_type)
        markup, encoding = _decode(body, charset)
        return _extract_html(markup, encoding, media_type, base_url, max(0, max_text_chars))
    except Exception as exc:  # last resort: a page must never stop an audit
        return PageFacts(is_html=True, errors=(f"extract: {type(exc).__name__}",))


def _parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value or not isinstance(value, str):
        return None, None
    parts = value.split(";")
    media = parts[0].strip().lower() or None
    charset = None
    for param in parts[1:]:
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'") or None
    return media, charset


def _is_html(body: bytes, media_type: str | None) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf\xfe\xff \t\r\n\x0c")
    if head.startswith(_BINARY_MAGIC):
        return False
    if media_type in _HTML_TYPES:
        return True
    if media_type is None or media_type in _SNIFF_TYPES:
        return bool(_HTML_START.match(head)) or b"<html" in head.lower()
    return False


def _decode(body: bytes, charset: str | None) -> tuple[str, str | None]:
    """Header charset first, then BOM and <meta charset>, then UTF-8, then windows-1252."""
    known = [charset] if charset and charset.lower() not in _NEVER_DECODE_AS else []
    dammit = UnicodeDammit(
        body,
        known_definite_encodings=known,
        # Before any statistical guess, which is slow and not repeatable: most of the web is
        # UTF-8, and latin-1 decodes anything, so decoding never ends in a lossy last resort.
        user_encodings=["utf-8", "windows-1252", "iso-8859-1"],
        exclude_encodings=_NEVER_DECODE_AS,
        is_html=True,
    )
    encoding = dammit.original_encoding
    markup = dammit.unicode_markup
    if encoding and encoding.lower() in _LATIN1_LABELS:
        markup, encoding = body.decode("windows-1252", errors="replace"), "windows-1252"
    if markup is None:
        markup, encoding = body.decode("windows-1252", errors="replace"), "windows-1252"
    return markup, encoding


# --- the HTML walk -----------------------------------------------------------------------------

T = TypeVar("T")
_NO_STRINGS: tuple[str, ...] = ()
_NO_PERSONS: tuple[Person, ...] = ()
_NO_HCARDS: tuple[HCard, ...] = ()
_NO_DATES: tuple[DateHint, ...] = ()


_INDEX_LIMITS = {
    "meta": MAX_METAS,
    "link": MAX_METAS,
    "script": MAX_METAS,
    "anchor": MAX_LINKS + 1,  # <a> and <area>; one more than kept, to know links were cut
    "img": MAX_IMAGES,
    "input": MAX_METAS,
    "form": 200,
    "time": MAX_TIME_ELEMENTS,
    "base": 1,
    "html": 1,
    "title": 5,
}
_INDEX_ALIASES = {"a": "anchor", "area": "anchor"}


class _Index:
    """Elements by name in document order, each list bounded: one walk instead of many searches."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.tags: dict[str, list[Tag]] = {name: [] for name in _INDEX_LIMITS}
        self.hcards: list[Tag] = []
        for element in soup.descendants:
            if not isinstance(element, Tag):
                continue
            name = _INDEX_ALIASES.get(element.name, element.name)
            bucket = self.tags.get(name)
            if bucket is not None and len(bucket) < _INDEX_LIMITS[name]:
                bucket.append(element)
            if len(self.hcards) < MAX_HCARDS and "h-card" in _classes(element):
                self.hcards.append(element)


def _extract_html(
    markup: str, encoding: str | None, media_type: str | None, base_url: str, max_text: int
) -> PageFacts:
    errors: list[str] = []

    def safe(name: str, fn: Callable[[], T], default: T) -> T:
        try:
            return fn()
        except Exception as exc:  # one broken part must not lose the others
            errors.append(f"{name}: {type(exc).__name__}")
            return default

    cut = len(markup) > MAX_PARSE_CHARS
    markup = markup[:MAX_PARSE_CHARS]
    if "<" not in markup:  # bare text: say so, or bs4 warns that it looks like a file name
        markup = "<body>" + markup
    soup = BeautifulSoup(markup, "html.parser")
    index = _Index(soup)
    base = safe("base", lambda: _document_base(index, base_url), base_url)
    title = safe("title", lambda: _title(index), None)
    metas = safe("meta", lambda: _metas(index), _Metas())
    lang = safe("lang", lambda: _lang(index), None)
    canonical = safe("canonical", lambda: _canonical(index, base), None)
    rel_me = safe("rel_me", lambda: _rel_me(index, base), _NO_STRINGS)
    persons, ld_dates = safe("json-ld", lambda: _json_ld(index, base), (_NO_PERSONS, _NO_DATES))
    hcards = safe("h-card", lambda: _hcards(index, base), _NO_HCARDS)
    images = safe("images", lambda: _images(index, base), _Images())
    forms = safe("forms", lambda: _forms(index), (False, False))
    links = safe("links", lambda: _links(index, base), _Links())
    time_dates = safe("time", lambda: _time_dates(index), _NO_DATES)
    hints = safe("hints", lambda: _bot_check_hints(markup), _NO_STRINGS)
    # Last: the text walk skips subtrees but reads everything else.
    body = soup.body if isinstance(soup.body, Tag) else soup
    text, truncated = safe("text", lambda: _visible_text(body, max_text), ("", False))
    text_dates = safe("text dates", lambda: _text_dates(text), _NO_DATES)

    photo, photo_source = _profile_photo(persons, hcards, images, metas, base)
    dates = _sorted_dates([*metas.dates, *ld_dates, *time_dates, *text_dates])
    return PageFacts(
        is_html=True,
        content_type=media_type,
        encoding=encoding,
        title=title,
        description=metas.description,
        lang=lang,
        canonical_url=canonical,
        opengraph=metas.opengraph,
        twitter=metas.twitter,
        persons=persons,
        hcards=hcards,
        rel_me=rel_me,
        image_count=images.count,
        has_profile_photo=photo is not None,
        profile_photo=photo,
        profile_photo_source=photo_source,
        text=text,
        text_truncated=truncated or cut,
        markup_truncated=cut,
        has_password_field=forms[0],
        has_login_form=forms[1],
        links=links.urls,
        links_truncated=links.truncated,
        emails=links.emails,
        phones=links.phones,
        dates=dates,
        bot_check_hints=hints,
        errors=tuple(errors),
    )


# --- small helpers -----------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_URL_STRIP = re.compile(r"[\t\n\r]")


def _clean(value: object, limit: int = MAX_FIELD_CHARS) -> str | None:
    """A one-line printable string, or None when empty."""
    if not isinstance(value, str):
        return None
    text = _WS.sub(" ", _CONTROL.sub("", value)).strip()
    return text[:limit].rstrip() or None


def _tags(found: Iterable[object]) -> Iterator[Tag]:
    return (item for item in found if isinstance(item, Tag))


def _attr(tag: Tag, name: str) -> str | None:
    value = tag.get(name)
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # multi-valued attributes such as class and rel
        return " ".join(str(v) for v in value)
    return None


def _attr_tokens(tag: Tag, name: str) -> set[str]:
    return set((_attr(tag, name) or "").lower().split())


def _absolute(href: object, base: str) -> str | None:
    """An absolute http(s) URL without fragment, or None for anything else."""
    if not isinstance(href, str):
        return None
    href = _URL_STRIP.sub("", href).strip()
    if not href or len(href) > MAX_URL_CHARS or _CONTROL.search(href):
        return None
    try:
        parts = urlsplit(urljoin(base, href))
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            return None
        return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path, parts.query, ""))
    except ValueError:  # malformed IPv6 literals, bad ports
        return None


def _document_base(index: _Index, base_url: str) -> str:
    """Honour <base href> like a browser, when it is an http(s) URL."""
    for tag in index.tags["base"]:
        resolved = _absolute(tag.get("href"), base_url)
        if resolved:
            return resolved
    return base_url


def _title(index: _Index) -> str | None:
    for tag in index.tags["title"]:
        if tag.find_parent("svg") is None:  # an icon's tooltip is not the page title
            return _clean(tag.get_text(), 500)
    return None


_LANG = re.compile(r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,5}")


def _lang(index: _Index) -> str | None:
    for tag in index.tags["html"]:
        value = _clean(_attr(tag, "lang"), 40)
        return value if value and _LANG.fullmatch(value) else None
    return None


def _canonical(index: _Index, base: str) -> str | None:
    for tag in index.tags["link"]:
        if "canonical" in _attr_tokens(tag, "rel"):
            return _absolute(tag.get("href"), base)
    return None


def _rel_me(index: _Index, base: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for tag in (*index.tags["link"], *index.tags["anchor"][:MAX_LINKS]):
        if "me" in _attr_tokens(tag, "rel"):
            url = _absolute(tag.get("href"), base)
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
class _Metas:
    description: str | None = None
    opengraph: tuple[tuple[str, str], ...] = ()
    twitter: tuple[tuple[str, str], ...] = ()
    dates: tuple[DateHint, ...] = ()


def _metas(index: _Index) -> _Metas:
    description = None
    opengraph: list[tuple[str, str]] = []
    twitter: list[tuple[str, str]] = []
    dates: list[DateHint] = []
    for tag in index.tags["meta"]:
        key = _attr(tag, "property") or _attr(tag, "name") or _attr(tag, "http-equiv") or ""
        key = key.strip().lower()[:100]
        content = _clean(_attr(tag, "content"))
        if not key or content is None:
            continue
        if key == "description" and description is None:
            description = content
        elif key.startswith(_OG_PREFIXES) and len(opengraph) < 200:
            opengraph.append((key, content))
        elif key.startswith("twitter:") and len(twitter) < 200:
            twitter.append((key, content))
        if key in _META_DATES:
            iso = _iso_date(content)
            if iso:
                dates.append(DateHint(iso, _META_DATES[key], "meta"))
    return _Metas(description, tuple(opengraph), tuple(twitter), tuple(dates))


# --- JSON-LD -----------------------------------------------------------------------------------

_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_SCHEMA_PREFIX = re.compile(r"^(?:https?://schema\.org/|schema:)", re.IGNORECASE)
_LD_DATES: dict[str, DateKind] = {
    "dateModified": "modified",
    "datePublished": "published",
    "dateCreated": "other",
}


def _json_ld(index: _Index, base: str) -> tuple[tuple[Person, ...], tuple[DateHint, ...]]:
    persons: list[Person] = []
    dates: list[DateHint] = []
    scripts = 0
    for tag in index.tags["script"]:
        media = (_attr(tag, "type") or "").split(";")[0].strip().lower()
        if media != "application/ld+json":
            continue
        scripts += 1
        if scripts > MAX_JSONLD_SCRIPTS:
            break
        data = _load_json(tag.get_text()[:MAX_JSONLD_CHARS])
        if data is None:
            continue
        budget = [MAX_JSONLD_NODES]
        for node in _top_nodes(data, budget):
            for key, kind in _LD_DATES.items():
                iso = _iso_date(node.get(key))
                if iso:
                    dates.append(DateHint(iso, kind, "json-ld"))
            for person in _persons_in(node, depth=0, budget=budget):
                if len(persons) < 20:
                    persons.append(_person(person, base))
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
        except (ValueError, RecursionError):
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
    return _clean(value, limit)


def _ld_url(value: object, base: str) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, (str, dict))), None)
    if isinstance(value, dict):  # ImageObject
        value = value.get("url") or value.get("contentUrl")
    return _absolute(value, base)


def _person(node: dict[str, object], base: str) -> Person:
    raw_same = node.get("sameAs")
    same_values = raw_same if isinstance(raw_same, list) else [raw_same]
    same_as = [_absolute(v, base) for v in same_values[:MAX_SAME_AS]]
    return Person(
        name=_ld_text(node.get("name"), MAX_SHORT_CHARS),
        job_title=_ld_text(node.get("jobTitle"), MAX_SHORT_CHARS),
        image=_ld_url(node.get("image"), base),
        same_as=tuple(dict.fromkeys(u for u in same_as if u)),
        url=_ld_url(node.get("url"), base),
        description=_ld_text(node.get("description")),
    )


# --- microformats h-card -----------------------------------------------------------------------


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class")
    if isinstance(value, str):
        return value.split()
    return [str(v) for v in value] if isinstance(value, list) else []


def _hcards(index: _Index, base: str) -> tuple[HCard, ...]:
    cards = []
    for root in index.hcards:
        props, any_property = _hcard_properties(root)
        name = _p_value(props.get("p-name"))
        if name is None and not any_property:  # microformats2 implied name
            name = _p_value(root)
        photo = _u_value(props["u-photo"], base) if "u-photo" in props else None
        if photo is None and root.name == "img":
            photo = _absolute(root.get("src"), base)
        cards.append(
            HCard(
                name=name,
                job_title=_p_value(props.get("p-job-title")),
                photo=photo,
                url=_u_value(props["u-url"], base) if "u-url" in props else None,
                note=_p_value(props.get("p-note") or props.get("e-note")),
            )
        )
    return tuple(cards)


_HCARD_PROPS = ("p-name", "p-job-title", "u-photo", "u-url", "p-note", "e-note")


def _hcard_properties(root: Tag) -> tuple[dict[str, Tag], bool]:
    """First element of each property, not looking inside nested microformats."""
    found: dict[str, Tag] = {}
    any_property = False
    stack = list(reversed(list(_tags(root.children))))
    seen = 0
    while stack and seen < MAX_HCARD_NODES:
        tag = stack.pop()
        seen += 1
        classes = _classes(tag)
        if any(c.startswith(("p-", "u-", "e-", "dt-")) for c in classes):
            any_property = True
        for prop in _HCARD_PROPS:
            if prop in classes and prop not in found:
                found[prop] = tag
        if any(c.startswith("h-") for c in classes):
            continue  # a nested card (an organisation, say) has its own properties
        stack.extend(reversed(list(_tags(tag.children))))
    return found, any_property


def _p_value(tag: Tag | None) -> str | None:
    if tag is None:
        return None
    if tag.name in ("img", "area"):
        return _clean(_attr(tag, "alt"), MAX_SHORT_CHARS)
    if tag.name == "abbr" and tag.get("title"):
        return _clean(_attr(tag, "title"), MAX_SHORT_CHARS)
    if tag.name in ("data", "input") and tag.get("value"):
        return _clean(_attr(tag, "value"), MAX_SHORT_CHARS)
    return _clean(_visible_text(tag, MAX_FIELD_CHARS)[0], MAX_FIELD_CHARS)


def _u_value(tag: Tag, base: str) -> str | None:
    for name in ("href", "src", "data"):
        if tag.get(name):
            return _absolute(tag.get(name), base)
    return _absolute(tag.get_text().strip(), base)


# --- images, forms, links ----------------------------------------------------------------------

_AVATAR_WORDS = re.compile(
    r"avatar|profile|profil|photo|portrait|headshot|userpic|pfp|gravatar", re.IGNORECASE
)


@dataclass(frozen=True)
class _Images:
    count: int = 0
    avatar: str | None = None


def _images(index: _Index, base: str) -> _Images:
    count = 0
    avatar = None
    for tag in index.tags["img"]:
        count += 1
        if avatar is not None:
            continue
        if (_attr(tag, "width") or "").strip() in ("0", "1"):
            continue  # tracking pixels
        hint = " ".join(_attr(tag, a) or "" for a in ("alt", "class", "id", "title"))
        src = _attr(tag, "src") or ""
        if _AVATAR_WORDS.search(hint) or "avatar" in src.lower():
            avatar = _absolute(src, base)
    return _Images(count, avatar)


_LOGIN_ACTION = re.compile(r"log[-_]?in|sign[-_]?in|/sessions?\b|connexion|/auth", re.IGNORECASE)
_LOGIN_FIELD = re.compile(r"user|e-?mail|login|identifiant|session_key", re.IGNORECASE)


def _forms(index: _Index) -> tuple[bool, bool]:
    password = False
    login = False
    for tag in index.tags["input"]:
        if (_attr(tag, "type") or "").strip().lower() == "password":
            password = True
            if tag.find_parent("form") is not None:
                login = True
                break
    if not login:  # two-step logins ask for the user name first, without a password field
        for form in index.tags["form"]:
            if _LOGIN_ACTION.search(_attr(form, "action") or "") and any(
                _LOGIN_FIELD.search(" ".join(_attr(i, a) or "" for a in ("name", "id", "type")))
                for i in _tags(form.find_all("input", limit=50))
            ):
                login = True
                break
    return password, login


@dataclass(frozen=True)
class _Links:
    urls: tuple[str, ...] = ()
    truncated: bool = False
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()


_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}")


def _links(index: _Index, base: str) -> _Links:
    urls: dict[str, None] = {}
    emails: dict[str, None] = {}
    phones: dict[str, None] = {}
    tags = [tag for tag in index.tags["anchor"] if tag.has_attr("href")]
    for tag in tags[:MAX_LINKS]:
        href = _URL_STRIP.sub("", _attr(tag, "href") or "").strip()
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
            url = _absolute(href, base)
            if url:
                urls.setdefault(url)
    return _Links(tuple(urls), len(tags) > MAX_LINKS, tuple(emails), tuple(phones))


def _profile_photo(
    persons: tuple[Person, ...],
    hcards: tuple[HCard, ...],
    images: _Images,
    metas: _Metas,
    base: str,
) -> tuple[str | None, PhotoSource | None]:
    """The most specific evidence first: structured data, then markup, then the share image."""
    for person in persons:
        if person.image:
            return person.image, "json-ld"
    for card in hcards:
        if card.photo:
            return card.photo, "h-card"
    if images.avatar:
        return images.avatar, "img"
    og_image = _absolute(_first_value(metas.opengraph, "og:image"), base)
    if og_image:
        return og_image, "og:image"
    return None, None


# --- anti-bot widgets --------------------------------------------------------------------------

_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "cloudflare-challenge",
        re.compile(r"cf-chl|_cf_chl_opt|/cdn-cgi/challenge-platform|challenge-form", re.I),
    ),
    ("turnstile", re.compile(r"cf-turnstile|challenges\.cloudflare\.com/turnstile", re.I)),
    ("recaptcha", re.compile(r"g-recaptcha|google\.com/recaptcha|recaptcha/api", re.I)),
    ("hcaptcha", re.compile(r"h-captcha|hcaptcha\.com", re.I)),
    ("datadome", re.compile(r"captcha-delivery\.com|datadome", re.I)),
    ("perimeterx", re.compile(r"px-captcha|perimeterx|_pxhd", re.I)),
    ("arkose", re.compile(r"arkoselabs|funcaptcha", re.I)),
    ("captcha", re.compile(r"captcha", re.I)),
)


def _bot_check_hints(markup: str) -> tuple[str, ...]:
    """Anti-bot widgets named anywhere in the markup (ids, classes, script sources)."""
    sample = markup[:MAX_HINT_SCAN_CHARS]
    return tuple(name for name, pattern in _HINTS if pattern.search(sample))


# --- visible text ------------------------------------------------------------------------------

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
    if (_attr(tag, "type") or "").lower() == "hidden":
        return True
    style = _attr(tag, "style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _visible_text(root: Tag, limit: int) -> tuple[str, bool]:
    """The text a visitor reads: no scripts, styles, templates or hidden parts."""
    pieces: list[str] = []
    total = 0
    budget = limit * 3 + 200  # pieces are collapsed before joining, so this bounds the work
    stack: list[object] = [root]
    stopped = False
    while stack:
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
            piece = _WS.sub(" ", _CONTROL.sub("", str(node)))
            pieces.append(piece)
            total += len(piece)
            if total > budget:
                stopped = True
                break
    text = _WS.sub(" ", "".join(pieces)).strip()
    if len(text) > limit:
        return text[:limit].rstrip(), True
    return text, stopped


# --- dates -------------------------------------------------------------------------------------

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?!\d)")


def _iso_date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _ISO.match(value[:64])
    if not match:
        return None
    return _valid_date(int(match[1]), int(match[2]), int(match[3]))


def _valid_date(year: int, month: int, day: int) -> str | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _time_dates(index: _Index) -> tuple[DateHint, ...]:
    out = []
    for tag in index.tags["time"]:
        iso = _iso_date(_attr(tag, "datetime")) or _iso_date(tag.get_text())
        if iso:
            out.append(DateHint(iso, "other", "time"))
    return tuple(out)


_MONTH_NAMES = (
    ("janvier", "january", "jan", "janv"),
    ("février", "fevrier", "february", "feb", "févr"),
    ("mars", "march", "mar"),
    ("avril", "april", "apr", "avr"),
    ("mai", "may"),
    ("juin", "june", "jun"),
    ("juillet", "july", "jul", "juil"),
    ("août", "aout", "august", "aug"),
    ("septembre", "september", "sep", "sept"),
    ("octobre", "october", "oct"),
    ("novembre", "november", "nov"),
    ("décembre", "decembre", "december", "dec", "déc"),
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH = "|".join(sorted((re.escape(m) for m in _MONTHS), key=len, reverse=True))
_LABELS: tuple[tuple[DateKind, str], ...] = (
    (
        "modified",
        r"last\s+updated|last\s+modified|updated|modified|derni[èe]re\s+mise\s+[àa]\s+jour"
        r"|mise?\s+[àa]\s+jour|modifi[ée]",
    ),
    ("published", r"published|posted|publi[ée]"),
)
_DATE_FORMS = (
    rf"(?P<y1>\d{{4}})-(?P<m1>\d{{1,2}})-(?P<d1>\d{{1,2}})"
    rf"|(?P<d2>\d{{1,2}})(?:er)?\s+(?P<mn2>{_MONTH})\.?\s+(?P<y2>\d{{4}})"
    rf"|(?P<mn3>{_MONTH})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y3>\d{{4}})"
    rf"|(?P<a4>\d{{1,2}})[/.](?P<b4>\d{{1,2}})[/.](?P<y4>\d{{4}})"
)


def _label_pattern(label: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?P<label>{label})\b\s*(?:on|le|:|—|-)?\s*(?:le\s+)?(?:{_DATE_FORMS})", re.IGNORECASE
    )


_ENGLISH_LABEL = re.compile(r"(?:last\s+)?(?:updated|modified)|published|posted", re.IGNORECASE)


_TEXT_DATES = tuple((kind, _label_pattern(label)) for kind, label in _LABELS)


def _text_dates(text: str) -> tuple[DateHint, ...]:
    """Dates the page announces in words: "Last updated March 3, 2024", "Mis à jour le 3 mars…"."""
    out: list[DateHint] = []
    for kind, pattern in _TEXT_DATES:
        for match in pattern.finditer(text):
            iso = _match_date(match, french=not _ENGLISH_LABEL.fullmatch(match["label"]))
            if iso:
                out.append(DateHint(iso, kind, "text"))
            if len(out) >= MAX_DATES:
                return tuple(out)
    return tuple(out)


def _match_date(match: re.Match[str], french: bool) -> str | None:
    groups = match.groupdict()
    if groups["y1"]:
        return _valid_date(int(groups["y1"]), int(groups["m1"]), int(groups["d1"]))
    for suffix in ("2", "3"):
        if groups[f"y{suffix}"]:
            month = _MONTHS.get(groups[f"mn{suffix}"].lower())
            if month is None:
                return None
            return _valid_date(int(groups[f"y{suffix}"]), month, int(groups[f"d{suffix}"]))
    first, second, year = int(groups["a4"]), int(groups["b4"]), int(groups["y4"])
    if french or first > 12:
        return _valid_date(year, second, first)  # day first, as in France
    if second > 12:
        return _valid_date(year, first, second)
    return None  # 03/04/2024 in English text: April or March? Better no date than a wrong one


def _sorted_dates(dates: list[DateHint]) -> tuple[DateHint, ...]:
    unique = dict.fromkeys(dates)
    return tuple(sorted(unique, key=lambda d: (d.iso, d.kind, d.source)))[:MAX_DATES]
