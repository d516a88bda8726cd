"""What one page shows, as plain values: the output of `ereputation.web.extract.extract`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DateKind = Literal["modified", "published", "other"]
DateSource = Literal["meta", "time", "json-ld", "text"]
PhotoSource = Literal["json-ld", "h-card", "img", "og:image"]


@dataclass(frozen=True)
class PagePerson:
    """A schema.org `Person` found in the page's JSON-LD (not the audited person)."""

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
    persons: tuple[PagePerson, ...] = ()
    hcards: tuple[HCard, ...] = ()
    rel_me: tuple[str, ...] = ()  # absolute http(s) URLs of <a rel=me> and <link rel=me>
    image_count: int = 0
    has_profile_photo: bool = False
    profile_photo: str | None = None
    profile_photo_source: PhotoSource | None = None
    text: str = ""  # visible text, whitespace collapsed
    text_truncated: bool = False
    # Only part of the markup was read: bytes, characters or tags past a cap, or a step of the
    # analysis stopped at its budget (see `ereputation.web.page.limits`).
    markup_truncated: bool = False
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
        return first_value(self.opengraph, key)

    def twitter_card(self, key: str) -> str | None:
        """First value of a Twitter card property: `facts.twitter_card("twitter:title")`."""
        return first_value(self.twitter, key)

    @property
    def latest_date(self) -> str | None:
        return max((d.iso for d in self.dates), default=None)

    @property
    def latest_modified(self) -> str | None:
        return max((d.iso for d in self.dates if d.kind == "modified"), default=None)


def first_value(pairs: tuple[tuple[str, str], ...], key: str) -> str | None:
    wanted = key.lower()
    return next((value for name, value in pairs if name == wanted), None)
