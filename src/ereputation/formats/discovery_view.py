"""A discovery run laid out for reading: found accounts first, then the sites that could not
tell with their reasons, then how many said no. Shared by the text, Markdown and HTML outputs
of `discover` and by the audit report's section.

Site names, categories and URLs come from a catalogue anyone may write: each is made one
printable line (`textsafe.one_line`) here, before any format lays it out, and a host name
outside ASCII is shown in its ASCII form, as browsers do, so that a lookalike cannot pass
for the site it imitates (gіthub.com with a Cyrillic і is xn--gthub-n2e.com).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ereputation.discovery.results import DiscoveryResult, ProbeResult
from ereputation.i18n import Language
from ereputation.messages import messages
from ereputation.textsafe import one_line
from ereputation.web.hostkey import host_key

_NAME_LIMIT = 80
_URL_LIMIT = 2_000


@dataclass(frozen=True)
class DiscoveryRow:
    site: str
    username: str
    category: str  # in the reader's language when the catalogue's category is a known one
    url: str
    href: str | None  # the URL when it is safe to link (http or https), else None
    status: str
    reason: str
    http_status: int | None


@dataclass(frozen=True)
class DiscoveryView:
    language: Language
    usernames: tuple[str, ...]
    sites_probed: int
    found: tuple[DiscoveryRow, ...]
    unknown: tuple[DiscoveryRow, ...]
    not_found: int
    words: Mapping[str, str]
    offline: bool = False  # nothing was sent: no site was asked anything

    def text(self, key: str, **params: object) -> str:
        return self.words[key].format(**params)

    @property
    def intro(self) -> str:
        names = ", ".join(self.usernames)
        key = "discovery_intro_offline" if self.offline else "discovery_intro"
        return self.text(key, sites=self.sites_probed, usernames=names)

    def http(self, row: DiscoveryRow) -> str:
        return "" if row.http_status is None else self.text("discovery_http", code=row.http_status)


def category_label(category: str, words: Mapping[str, str]) -> str:
    key = f"discovery_cat_{category.lower()}"
    return words[key] if key in words else one_line(category, 40)


def shown_url(url: str, limit: int | None = _URL_LIMIT) -> str:
    """`url` made one printable line, its host in ASCII when it was not."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        return one_line(url, limit)
    if host and not host.isascii() and "@" not in parts.netloc:
        netloc = host_key(host) + (f":{port}" if port is not None else "")
        url = urlunsplit(parts._replace(netloc=netloc))
    return one_line(url, limit)


def safe_link(url: str) -> str | None:
    lowered = url.lower()
    if lowered.startswith(("http://", "https://")) and not any(c.isspace() for c in url):
        return url
    return None


def _row(result: ProbeResult, words: Mapping[str, str]) -> DiscoveryRow:
    url = shown_url(result.url)
    return DiscoveryRow(
        site=one_line(result.site, _NAME_LIMIT),
        username=one_line(result.username, _NAME_LIMIT),
        category=category_label(result.category, words),
        url=url,
        href=safe_link(url),
        status=words[f"discovery_status_{result.status}"],
        reason=words[f"discovery_reason_{result.reason}"],
        http_status=result.http_status,
    )


def discovery_view(result: DiscoveryResult, language: Language) -> DiscoveryView:
    words = messages(language)
    rows = [(r.status, _row(r, words)) for r in result.results]
    return DiscoveryView(
        language=language,
        usernames=tuple(one_line(u, _NAME_LIMIT) for u in result.usernames),
        sites_probed=result.sites_probed,
        found=tuple(row for status, row in rows if status == "found"),
        unknown=tuple(row for status, row in rows if status == "unknown"),
        not_found=sum(1 for status, _ in rows if status == "not_found"),
        words=words,
        # One offline probe means the run sent nothing: the others are names a site cannot hold
        # in its address (jean.dupont on {account}.blogspot.com), refused before any request.
        offline=any(r.reason == "offline" for r in result.results),
    )


def discovery_data(result: DiscoveryResult) -> dict[str, Any]:
    """The run as JSON data: the same fields as the audit result's `discovery`, strings made
    printable (a catalogue's name may carry control characters)."""
    data = dataclasses.asdict(result)
    for probe in data["results"]:
        for key in ("site", "category"):
            probe[key] = one_line(probe[key])
        probe["url"] = shown_url(probe["url"], limit=None)
    data["usernames"] = list(result.usernames)
    return data
