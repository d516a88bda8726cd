"""Did we see the profile, or a login wall, a "no such user" page, or a refusal?

One rule above the others: a page we could not see is never reported as absent. Login walls and
anti-bot pages say nothing about whether a profile exists, so they are `login_required` or
`blocked`, and only an explicit "no such user" answer or a 404 is `not_found`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal
from urllib.parse import unquote, urlsplit

from ereputation.reasons import Reason
from ereputation.web.extract import PageFacts
from ereputation.web.networks import Network, Signature, normalise_text

PageKind = Literal["ok", "not_found", "login_required", "blocked"]

# A login page is mostly its form: past this much text, a password field is just a header widget.
_LOGIN_PAGE_MAX_TEXT = 1_500
_CAPTCHA_PAGE_MAX_TEXT = 500
_CAPTCHA_HINTS = frozenset({"recaptcha", "hcaptcha", "turnstile", "arkose", "captcha"})


def classify_page(
    network: Network,
    *,
    http_status: int | None,
    final_url: str,
    redirects: Sequence[str],
    facts: PageFacts,
) -> tuple[PageKind, Reason]:
    """Classify a fetched page, with the reason as a code and its parameters.

    `redirects` are the URLs the site sent us to, in order, as `FetchResult.redirects` records
    them (the requested URL is not among them). Without redirects `final_url` is the requested
    URL, so its path says nothing about a login wall.
    """
    site, common = network.signatures, network.common
    destinations = [*redirects, final_url] if redirects else []
    title = normalise_text(facts.title or "")
    text = normalise_text(facts.text)

    # 1. Refusals: the site answered, but not with the page.
    if http_status is None:
        return "blocked", Reason.of("no_answer")
    for sig, whose in ((site.blocked, network.name), (common.blocked, "")):
        if http_status in sig.statuses:
            site_name = whose or _host(final_url)
            return "blocked", Reason.of("refused", site=site_name, code=http_status)
        hit = _redirect_hit(sig, destinations)
        if hit:
            return "blocked", Reason.of("consent_redirect", hint=hit)
        hit = _marker_hit(sig, facts) or _title_hit(sig, title) or _text_hit(sig, text)
        if hit:
            return "blocked", Reason.of("antibot_page", hint=hit)

    # 2. Sent to a login page: we never saw the profile.
    for sig in (site.login_wall, common.login_wall):
        hit = _redirect_hit(sig, destinations)
        if hit:
            return "login_required", Reason.of("login_redirect", hint=hit)
        if http_status in sig.statuses:
            return "login_required", Reason.of("login_status", code=http_status)

    # 3. The site's own "no such user" page, even when it is served with 200.
    sig = site.not_found
    if http_status in sig.statuses:
        return "not_found", Reason.of("site_not_found", site=network.name, code=http_status)
    hit = _redirect_hit(sig, destinations) or _title_hit(sig, title) or _text_hit(sig, text)
    if hit:
        return "not_found", Reason.of("no_such_profile", site=network.name, hint=hit)

    # 4. A login wall served in place, by its look.
    for sig in (site.login_wall, common.login_wall):
        hit = _title_hit(sig, title) or _text_hit(sig, text)
        if hit:
            return "login_required", Reason.of("login_wall", hint=hit)
    if _looks_like_login_page(facts):
        return "login_required", Reason.of("login_form_only")
    if _looks_like_captcha_page(facts):
        return "blocked", Reason.of("captcha_only")

    # 5. Generic "not found" answers.
    sig = common.not_found
    if http_status in sig.statuses:
        return "not_found", Reason.of("not_found_status", code=http_status)
    hit = _title_hit(sig, title) or _redirect_hit(sig, destinations) or _text_hit(sig, text)
    if hit:
        return "not_found", Reason.of("not_found_page", hint=hit)

    # 6. Any other failure is a page we did not see.
    if not 200 <= http_status < 300:
        return "blocked", Reason.of("http_status", code=http_status)
    if not facts.is_html:
        return "ok", Reason.of("not_html", type=facts.content_type or "unknown")
    if facts.errors and not facts.text:
        return "blocked", Reason.of("unreadable_page")
    if _is_empty(facts):
        return "blocked", Reason.of("empty_page")
    return "ok", Reason.of("page_loaded")


def _redirect_hit(sig: Signature, urls: Sequence[str]) -> str | None:
    if not (sig.redirect_paths or sig.redirect_hosts):
        return None
    for url in urls:
        try:
            parts = urlsplit(url)
            host = (parts.hostname or "").lower()
        except ValueError:
            continue
        path = unquote(parts.path) + (f"?{parts.query}" if parts.query else "")
        if any(p.search(host) for p in sig.redirect_hosts):
            return host
        if any(p.search(path) for p in sig.redirect_paths):
            return _short(parts.path or "/")
    return None


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def _title_hit(sig: Signature, title: str) -> str | None:
    if title and any(p.search(title) for p in sig.titles):
        return _short(title)  # quoted by the reason's text
    return None


def _text_hit(sig: Signature, text: str) -> str | None:
    for snippet in sig.texts:
        if snippet in text:
            return _short(snippet)
    return None


def _marker_hit(sig: Signature, facts: PageFacts) -> str | None:
    found = [m for m in sig.markers if m in facts.bot_check_hints]
    return found[0] if found else None


def _has_identity(facts: PageFacts) -> bool:
    return bool(facts.persons or facts.hcards or facts.og("og:title") or facts.rel_me)


def _looks_like_login_page(facts: PageFacts) -> bool:
    return (
        (facts.has_password_field or facts.has_login_form)
        and len(facts.text) < _LOGIN_PAGE_MAX_TEXT
        and not facts.persons
        and not facts.hcards
    )


def _looks_like_captcha_page(facts: PageFacts) -> bool:
    return (
        bool(_CAPTCHA_HINTS.intersection(facts.bot_check_hints))
        and len(facts.text) < _CAPTCHA_PAGE_MAX_TEXT
        and not _has_identity(facts)
    )


def _is_empty(facts: PageFacts) -> bool:
    return not facts.text and not _has_identity(facts) and not facts.description


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
