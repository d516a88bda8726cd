"""What one site's answer says about one username: a pure function, no network, no clock.

A probe claims `found` only when the site's whole "exists" signature is seen (its code AND its
string), and `not_found` only when the "missing" signature is; a page that proves neither, or
both, is `ambiguous`. Walls in front of the answer (a rate limit, an anti-bot challenge, a login
page) are named as such, never read as an absence. Strings are plain substring searches in the
decoded body, bounded: never a regular expression built from the catalogue's data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ereputation.discovery.catalogue import Site
from ereputation.discovery.results import ProbeReason, ProbeStatus
from ereputation.web.page.encodings import decode

SEARCH_LIMIT = 1_000_000  # bytes of body searched; signatures sit near the top of a page

# Interstitials that answer in place of the page (Cloudflare, DDoS-Guard, Imperva, PerimeterX,
# DataDome, Akamai): whatever the status code, the site's own answer was not seen.
_CHALLENGES = (
    "<title>just a moment...</title>",
    "cf-browser-verification",
    "cf_chl_opt",
    "/cdn-cgi/challenge-platform/",
    "attention required! | cloudflare",
    "ddos-guard",
    "_incapsula_resource",
    "px-captcha",
    "captcha-delivery.com",
    "pardon our interruption",
    "checking your browser before accessing",
)
# A captcha alone may sit on a real profile (a contact form): it counts as a wall only when the
# status says refusal or the signatures proved nothing.
_CAPTCHAS = ("g-recaptcha", "h-captcha", "hcaptcha", "captcha")
# A login page's name as a whole word of the redirect's host or path: "/auth/", "login.", not
# "/authors/" or "/u/loginov".
_LOGIN_TARGET = re.compile(
    r"(?:^|[/.?=&_-])(?:log-?in|sign-?_?in|auth|oauth2?|sessions?|sso)(?:$|[/.?#=&_-])"
)
_PASSWORD_FIELDS = ('type="password"', "type='password'", "type=password")
_REFUSALS = frozenset({403, 999})


@dataclass(frozen=True)
class SiteAnswer:
    """The parts of an HTTP answer a signature is checked against."""

    http_status: int
    body: bytes = b""
    charset: str | None = None
    retry_after: float | None = None  # seconds asked by Retry-After, when the header was sent
    location: str | None = None  # a redirect's target, when the probe did not follow it
    truncated: bool = False  # the body was cut at the byte cap


def decoded(body: bytes, charset: str | None, truncated: bool = False) -> str:
    """The body as text, bounded, read as a browser reads it (`web.page.encodings`): byte-order
    mark, header charset, <meta charset>, else UTF-8; web encodings only, so a `punycode` or
    `utf-7` label (quadratic time, text the page does not show) is ignored."""
    cut = truncated or len(body) > SEARCH_LIMIT
    return decode(body[:SEARCH_LIMIT], charset, cut_before=cut)[0]


def classify(site: Site, answer: SiteAnswer) -> tuple[ProbeStatus, ProbeReason]:
    """found / not_found / unknown and why, for one answer against one site's signature."""
    code = answer.http_status
    if code == 429 or (code == 503 and answer.retry_after is not None):
        return "unknown", "rate_limited"
    text = decoded(answer.body, answer.charset, answer.truncated)
    lowered = text.lower()
    captcha = any(marker in lowered for marker in _CAPTCHAS)
    if any(marker in lowered for marker in _CHALLENGES) or (captcha and code in _REFUSALS):
        return "unknown", "blocked"
    says_missing = site.m_string is not None and site.m_string in text
    found = code == site.e_code and site.e_string in text
    missing = code == site.m_code and (site.m_string is None or says_missing)
    if found and missing:  # both signatures at once: the page proves nothing
        return "unknown", "ambiguous"
    wall = _login_wall(code, lowered, answer.location)
    if missing and wall and not says_missing:
        # "Missing" by the code alone, and that answer is a login wall: it says nothing of the
        # account. (The site's own "no such user" text stands, beside a login box or not.)
        return "unknown", "login_wall"
    if found != missing:
        return ("found", "signature") if found else ("not_found", "missing")
    if wall:
        return "unknown", "login_wall"
    if code in _REFUSALS or captcha:
        return "unknown", "blocked"
    if code >= 500:
        return "unknown", "error"
    return "unknown", "ambiguous"


def _login_wall(code: int, lowered: str, location: str | None) -> bool:
    if code == 401:
        return True
    if 300 <= code < 400 and location:
        target = location.lower().split("?", 1)[0].split("://", 1)[-1]
        return _LOGIN_TARGET.search(target) is not None
    return 200 <= code < 300 and any(field in lowered for field in _PASSWORD_FIELDS)
