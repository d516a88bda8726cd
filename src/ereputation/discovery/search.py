"""Searching the person's name: ready links always, and a SearXNG instance's first results when
one is configured (`--search-endpoint`, or `[audit] search_endpoint`).

The instance is asked once, through `ereputation.web`'s hardened fetcher and its policy (public
addresses only unless `--allow-private`, one deadline, a size cap, TLS verified): never a second
HTTP path. Its JSON answer (`/search?q=...&format=json`, see SearXNG's search API) is hostile
input: bounded, checked field by field, each result classified (`search_classify`) and masked.
A failure is one plain reason in the report, never a traceback.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from ereputation.config import Profile
from ereputation.detect.regions import phone_regions
from ereputation.discovery.search_classify import RawHit, Subject, classify
from ereputation.discovery.search_links import queries, search_links
from ereputation.i18n import Language
from ereputation.messages import messages
from ereputation.model import NameSearch, SearchHit

logger = logging.getLogger(__name__)

MAX_HITS = 10  # the first page a recruiter reads
MAX_ANSWER_BYTES = 2_000_000  # SearXNG's first page is some tens of kilobytes
MAX_URL = 2000


@dataclass(frozen=True)
class SearchOptions:
    endpoint: str | None = None
    offline: bool = False
    allowed: bool = True  # the consent covers it
    timeout: float = 15.0
    allow_private: bool = False
    show_pii: bool = False
    lexicon_paths: tuple[Path, ...] = ()
    meaning_model: bool = True  # snippets read by the trained model too, when available


def name_search(profile: Profile, options: SearchOptions, language: Language) -> NameSearch:
    """The links, and what the search service answered (or why it was not asked)."""
    links = search_links(profile.person)
    words = messages(language)
    if options.endpoint is None:
        return NameSearch(
            links, reason=words["search_reason_no_endpoint"], reason_code="no_endpoint"
        )
    skip = "consent" if not options.allowed else "offline" if options.offline else None
    if skip or not links:
        code = skip or "no_endpoint"
        return NameSearch(
            links,
            endpoint=shown_endpoint(options.endpoint),
            reason=words[f"search_reason_{code}"],
            reason_code=code,
        )
    query = next(text for kind, text in queries(profile.person) if kind == "name")
    outcome = ask(options.endpoint, query, options, language)
    if isinstance(outcome, Failure):
        return NameSearch(
            links,
            status="failed",
            endpoint=shown_endpoint(options.endpoint),
            reason=words[f"search_reason_{outcome.code}"].format(**outcome.params),
            reason_code=outcome.code,
        )
    return NameSearch(
        links,
        status="answered",
        endpoint=shown_endpoint(options.endpoint),
        hits=classified(outcome, profile, options),
    )


@dataclass(frozen=True)
class Failure:
    code: str  # a `search_reason_*` word
    params: dict[str, object]


def shown_endpoint(endpoint: str) -> str:
    """The endpoint as the report and the JSON name it: what is asked, without a query or a
    fragment (`query_url` replaces them, so a `?key=...` there is never sent, nor echoed)."""
    try:
        return urlsplit(endpoint)._replace(query="", fragment="").geturl()
    except ValueError:  # config and CLI check it first; a library caller may not
        return ""


def query_url(endpoint: str, query: str) -> str:
    """The JSON API's address: the endpoint's `/search`, or the endpoint itself if it is one."""
    parts = urlsplit(endpoint)
    path = parts.path.rstrip("/")
    if not path.endswith("/search"):
        path += "/search"
    params = urlencode({"q": query, "format": "json"})
    return parts._replace(path=path, query=params, fragment="").geturl()


def ask(
    endpoint: str, query: str, options: SearchOptions, language: Language = "en"
) -> list[RawHit] | Failure:
    """The service's first results for `query`, each checked; or why there are none."""
    from ereputation.web.fetch import FetchOptions, fetch

    fetch_options = FetchOptions(
        timeout=options.timeout,
        allow_private=options.allow_private,
        max_bytes=MAX_ANSWER_BYTES,
        retries=0,
    )
    answer = fetch(query_url(endpoint, query), fetch_options)
    if answer.http_status == 403:  # SearXNG's answer when the json format is not enabled
        return Failure("not_json", {})
    if answer.status != "ok":
        if answer.http_status is not None:
            return Failure("http_error", {"status": answer.http_status})
        return Failure("unreachable", {"detail": answer.reason.text(language)})
    if answer.truncated:
        return Failure("too_large", {})
    try:
        data = json.loads(answer.body.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError):
        logger.debug("the search service's answer is not JSON", exc_info=True)
        return Failure("not_json", {})
    hits = raw_hits(data)
    return Failure("bad_shape", {}) if hits is None else hits


def raw_hits(data: Any) -> list[RawHit] | None:
    """The usable results of a SearXNG JSON answer, in order; None when it has not that shape.

    A result without an http(s) `url` is left out; `title` and `content` may be missing."""
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        return None
    hits: list[RawHit] = []
    for item in data["results"]:
        if len(hits) == MAX_HITS:
            break
        if not isinstance(item, dict):
            continue
        url, title, content = item.get("url"), item.get("title", ""), item.get("content", "")
        if not isinstance(url, str) or not _web_address(url):
            continue
        hits.append(
            RawHit(
                url,
                title if isinstance(title, str) else "",
                content if isinstance(content, str) else "",
            )
        )
    return hits


def _web_address(url: str) -> bool:
    if len(url) > MAX_URL or any(c.isspace() for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def classified(
    hits: Sequence[RawHit], profile: Profile, options: SearchOptions
) -> tuple[SearchHit, ...]:
    from ereputation.recruiter import catalogue, lexicon, meaning_model, own_terms

    person = profile.person
    subject = Subject.of(person, (p.url for p in profile.profiles))
    regions = phone_regions(person.country, location=person.location, language=person.language)
    words = lexicon(options.lexicon_paths)
    meaning = meaning_model() if options.meaning_model and hits else None
    return tuple(
        classify(
            hit,
            rank,
            subject,
            catalogue(),
            words,
            show_pii=options.show_pii,
            regions=regions,
            meaning=meaning,
            own_terms=own_terms(options.lexicon_paths),
        )
        for rank, hit in enumerate(hits, start=1)
    )
