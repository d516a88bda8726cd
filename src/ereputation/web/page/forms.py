"""What stands between a visitor and a profile: login forms and anti-bot widgets."""

from __future__ import annotations

import re

from ereputation.web.page.limits import MAX_HINT_SCAN_CHARS
from ereputation.web.page.tree import Index
from ereputation.web.page.values import attr

_LOGIN_ACTION = re.compile(r"log[-_]?in|sign[-_]?in|/sessions?\b|connexion|/auth", re.IGNORECASE)
_LOGIN_FIELD = re.compile(r"user|e-?mail|login|identifiant|session_key", re.IGNORECASE)


def forms(index: Index) -> tuple[bool, bool]:
    """(a password field, a login form): read from the index, never by climbing the tree."""
    password = False
    login = False
    for tag in index.tags["input"]:
        if (attr(tag, "type") or "").strip().lower() == "password":
            password = True
            if id(tag) in index.in_form:
                login = True
                break
    if not login:  # two-step logins ask for the user name first, without a password field
        for form in index.tags["form"]:
            if _LOGIN_ACTION.search(attr(form, "action") or "") and any(
                _LOGIN_FIELD.search(" ".join(attr(i, a) or "" for a in ("name", "id", "type")))
                for i in index.form_inputs.get(id(form), ())
            ):
                login = True
                break
    return password, login


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


def bot_check_hints(markup: str) -> tuple[str, ...]:
    """Anti-bot widgets named anywhere in the markup (ids, classes, script sources)."""
    sample = markup[:MAX_HINT_SCAN_CHARS]
    return tuple(name for name, pattern in _HINTS if pattern.search(sample))
