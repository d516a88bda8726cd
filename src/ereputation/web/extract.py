"""What a recruiter sees on a page: response bytes in, `PageFacts` out.

Pure and defensive: every page is hostile input, so `extract` never raises, bounds the work it
does (links, metas, images, JSON-LD, microformats, text) and keeps only plain strings. It records
facts; judging them is the checks' job.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import json
import re
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal, TypeVar
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
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
MAX_DECODE_BYTES = 4 * MAX_PARSE_CHARS  # enough bytes for MAX_PARSE_CHARS characters
MAX_PRESCAN_BYTES = 4_096  # where <meta charset> is looked for
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
    markup_truncated: bool = False  # only the first MAX_DECODE_BYTES / MAX_PARSE_CHARS were read
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
# The only encodings ever decoded: the WHATWG Encoding Standard's, by its labels, each mapped to a
# linear Python codec. Any other label (punycode decodes in quadratic time, utf-7 smuggles markup
# past filters, idna, rot13, the compression codecs...) is ignored, as a browser ignores it.
_WEB_ENCODINGS: tuple[tuple[str, str, str], ...] = (
    # (name reported in PageFacts.encoding, Python codec, labels)
    ("utf-8", "utf_8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"),
    ("ibm866", "cp866", "866 cp866 csibm866 ibm866"),
    ("iso-8859-2", "iso8859_2", "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 "
     "iso_8859-2:1987 l2 latin2"),
    ("iso-8859-3", "iso8859_3", "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 "
     "iso_8859-3:1988 l3 latin3"),
    ("iso-8859-4", "iso8859_4", "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 "
     "iso_8859-4:1988 l4 latin4"),
    ("iso-8859-5", "iso8859_5", "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 "
     "iso88595 iso_8859-5 iso_8859-5:1988"),
    ("iso-8859-6", "iso8859_6", "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 "
     "iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 "
     "iso_8859-6:1987"),
    ("iso-8859-7", "iso8859_7", "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 "
     "iso-ir-126 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"),
    ("iso-8859-8", "iso8859_8", "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e "
     "iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual"),
    ("iso-8859-8-i", "iso8859_8", "csiso88598i iso-8859-8-i logical"),
    ("iso-8859-10", "iso8859_10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 "
     "latin6"),
    ("iso-8859-13", "iso8859_13", "iso-8859-13 iso8859-13 iso885913"),
    ("iso-8859-14", "iso8859_14", "iso-8859-14 iso8859-14 iso885914"),
    ("iso-8859-15", "iso8859_15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"),
    ("iso-8859-16", "iso8859_16", "iso-8859-16"),
    ("koi8-r", "koi8_r", "cskoi8r koi koi8 koi8-r koi8_r"),
    ("koi8-u", "koi8_u", "koi8-ru koi8-u"),
    ("macintosh", "mac_roman", "csmacintosh mac macintosh x-mac-roman"),
    ("windows-874", "cp874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"),
    ("windows-1250", "cp1250", "cp1250 windows-1250 x-cp1250"),
    ("windows-1251", "cp1251", "cp1251 windows-1251 x-cp1251"),
    # Browsers read latin-1 and ascii as windows-1252, so that is what the author saw.
    ("windows-1252", "cp1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 "
     "iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 latin-1 us-ascii "
     "windows-1252 x-cp1252"),
    ("windows-1253", "cp1253", "cp1253 windows-1253 x-cp1253"),
    ("windows-1254", "cp1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 "
     "iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"),
    ("windows-1255", "cp1255", "cp1255 windows-1255 x-cp1255"),
    ("windows-1256", "cp1256", "cp1256 windows-1256 x-cp1256"),
    ("windows-1257", "cp1257", "cp1257 windows-1257 x-cp1257"),
    ("windows-1258", "cp1258", "cp1258 windows-1258 x-cp1258"),
    ("x-mac-cyrillic", "mac_cyrillic", "x-mac-cyrillic x-mac-ukrainian"),
    ("gbk", "gb18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk "
     "iso-ir-58 x-gbk"),
    ("gb18030", "gb18030", "gb18030"),
    ("big5", "big5hkscs", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
    ("euc-jp", "euc_jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
    ("iso-2022-jp", "iso2022_jp", "csiso2022jp iso-2022-jp"),
    ("shift_jis", "cp932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
    ("euc-kr", "cp949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 "
     "ks_c_5601-1989 ksc5601 ksc_5601 windows-949"),
    ("utf-16be", "utf_16_be", "unicodefffe utf-16be"),
    ("utf-16le", "utf_16_le", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 "
     "utf-16le"),
)  # fmt: skip
_ENCODING_BY_LABEL = {label: name for name, _, labels in _WEB_ENCODINGS for label in labels.split()}
_CODEC_BY_NAME = {name: codec for name, codec, _ in _WEB_ENCODINGS}
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xfe\xff", "utf-16be"), (b"\xff\xfe", "utf-16le"))
_META = re.compile(rb"<meta[\s/]", re.IGNORECASE)
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s{0,8}([A-Za-z0-9._:-]{1,40})""", re.I)
_XML_ENCODING = re.compile(
    rb"""\s{0,100}<\?xml\s[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)


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
        if not _is_html(body, media_type, charset):
            return PageFacts(is_html=False, content_type=media_type)
        markup, encoding, cut = _decode(body, charset)
        return _extract_html(markup, encoding, media_type, base_url, max(0, max_text_chars), cut)
    except Exception as exc:  # last resort: a page must never stop an audit
        return PageFacts(is_html=True, errors=(f"extract: {type(exc).__name__}",))


def _parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    if not value or not isinstance(value, str):
        return None, None
    parts = value.split(";")
    media = _clean(parts[0].lower(), 100)  # a header is hostile input too
    charset = None
    for param in parts[1:]:
        name, _, raw = param.partition("=")
        if name.strip().lower() == "charset":
            charset = raw.strip().strip("\"'") or None
    return media, charset


def _is_html(body: bytes, media_type: str | None, charset: str | None) -> bool:
    head = body[:1024].lstrip(b"\xef\xbb\xbf\xfe\xff \t\r\n\x0c")
    if head.startswith(_BINARY_MAGIC) and not (
        head.startswith(b"\x00") and _web_encoding(charset) == "utf-16be"  # "<" is 00 3C
    ):
        return False
    if media_type in _HTML_TYPES:
        return True
    if media_type is None or media_type in _SNIFF_TYPES:
        return bool(_HTML_START.match(head)) or b"<html" in head.lower()
    return False


def _decode(body: bytes, charset: str | None) -> tuple[str, str, bool]:
    """Text, encoding name, and whether bytes were cut.

    As a browser: byte-order mark, then header charset, then <meta charset>; then UTF-8, which most
    of the web is, then windows-1252. Each is tried strictly, the last one with replacement, so
    decoding never fails. Only web encodings are used, on a bounded prefix: the work is linear.
    """
    cut = len(body) > MAX_DECODE_BYTES
    data = body[:MAX_DECODE_BYTES]
    bom = None
    for mark, name in _BOMS:
        if data.startswith(mark):
            bom, data = name, data[len(mark) :]
            break
    candidates = (bom, _web_encoding(charset), _declared_encoding(data), "utf-8")
    for name in dict.fromkeys(c for c in candidates if c):
        try:
            decoder = codecs.getincrementaldecoder(_CODEC_BY_NAME[name])("strict")
            # Not final when cut: a character split by the cut is dropped, not an error.
            return decoder.decode(data, final=not cut), name, cut
        except UnicodeError:
            continue
    return data.decode("cp1252", errors="replace"), "windows-1252", cut


def _web_encoding(label: str | bytes | None) -> str | None:
    """The WHATWG encoding a label names, or None for a label outside the standard."""
    if isinstance(label, bytes):
        label = label.decode("ascii", errors="replace")
    if not isinstance(label, str):
        return None
    return _ENCODING_BY_LABEL.get(label.strip(" \t\n\f\r").lower())


def _declared_encoding(data: bytes) -> str | None:
    """The page's own <meta charset> (or http-equiv, or XML declaration) near its start."""
    head = data[:MAX_PRESCAN_BYTES]
    found = None
    for meta in _META.finditer(head):  # no nested quantifiers: linear, however hostile the bytes
        end = head.find(b">", meta.end())
        match = _CHARSET.search(head, meta.end(), end if end >= 0 else len(head))
        found = _web_encoding(match[1]) if match else None
        if found:
            break
    if found is None:
        declaration = _XML_ENCODING.match(head)
        found = _web_encoding(declaration[1]) if declaration else None
    # A declaration readable as ASCII cannot be UTF-16: the standard reads it as UTF-8.
    return "utf-8" if found in ("utf-16le", "utf-16be") else found


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
            errors.append(f"{name}: {type(exc).__name__}")
            return default

    cut = bytes_cut or len(markup) > MAX_PARSE_CHARS
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
_URL_STRIP = re.compile(r"[\t\n\r]")
_LINE_BREAKS = "\t\n\x0b\x0c\r"  # controls, but turned into spaces rather than dropped
_JOINERS = "\u200c\u200d"  # format characters, but emoji sequences and some scripts need them


def _invisible_class(category_c: list[int], keep: str) -> str:
    """A regex class of these BMP Unicode category C characters, but `keep`.

    Controls (C0, C1: a terminal's escape sequences), format characters (bidi overrides, zero
    widths), surrogates, private use and unassigned code points: nothing a reader should get.
    Astral ones are handled apart: many ranges above the BMP make `re` slow for every character.
    """
    ranges: list[list[int]] = []
    for cp in category_c:
        if chr(cp) in keep:
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a < b else f"\\u{a:04x}" for a, b in ranges)


_BMP_C = [cp for cp in range(0x10000) if unicodedata.category(chr(cp)).startswith("C")]
# Unassigned planes 4 to 13, tags, unassigned plane 14 and private use planes 15 and 16: these
# few astral ranges in the class keep `re` fast. The rest of the astral planes is checked apart.
_ASTRAL_C = "\U00040000-\U000dffff\U000e0000-\U000e00ff\U000e01f0-\U0010ffff"
_INVISIBLE = re.compile(f"[{_invisible_class(_BMP_C, _LINE_BREAKS)}{_ASTRAL_C}]+")
_INVISIBLE_IN_TEXT = re.compile(
    f"[{_invisible_class(_BMP_C, _LINE_BREAKS + _JOINERS)}{_ASTRAL_C}]+"
)
_ASTRAL = re.compile("[\U00010000-\U0003ffff\U000e0100-\U000e01ef]+")


def _visible_astral(match: re.Match[str]) -> str:
    run = match[0]
    if len(run) == 1:  # the usual case, an emoji
        return "" if unicodedata.category(run).startswith("C") else run
    return "".join(ch for ch in run if not unicodedata.category(ch).startswith("C"))


def _printable(value: str, *, keep_joiners: bool = False) -> str:
    """`value` without category C characters, line breaks and tabs excepted. Linear time."""
    value = (_INVISIBLE_IN_TEXT if keep_joiners else _INVISIBLE).sub("", value)
    return value if value.isascii() else _ASTRAL.sub(_visible_astral, value)


def _has_invisible(value: str) -> bool:
    """Any category C character, line breaks included."""
    return _printable(value) != value or any(c in value for c in _LINE_BREAKS)


def _clean(value: object, limit: int = MAX_FIELD_CHARS) -> str | None:
    """A one-line printable string, or None when empty."""
    if not isinstance(value, str):
        return None
    # Only a start the size of many fields: more would just be padding, and costs work to clean.
    text = _WS.sub(" ", _printable(value[: limit * 50])).strip()
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
    if not href or len(href) > MAX_URL_CHARS or _has_invisible(href):
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
        key = _attr(tag, "property") or _attr(tag, "name") or _attr(tag, "http-equiv")
        key = (_clean(key, 100) or "").lower()  # keys are returned too
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
    raw_left = budget * 4  # and this, when they are mostly invisible characters or spaces
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
            raw = str(node)
            piece = _WS.sub(" ", _printable(raw[: max(0, raw_left)], keep_joiners=True))
            pieces.append(piece)
            total += len(piece)
            raw_left -= len(raw)
            if total > budget or raw_left < 0:
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
