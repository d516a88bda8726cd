"""A profile URL's host as a card title: readable for real names, never a disguise.

Sites outside the catalogue share the network id "website"; their cards are named by their host.
An internationalised name (`xn--mnchen-3ya.de`) is shown decoded (`münchen.de`) only when all its
letters belong to one script, or to Latin with the scripts of Chinese, Japanese or Korean, as
browsers do: a name that mixes Cyrillic and Latin (`аpple.com`) is shown as its punycode.
"""

from __future__ import annotations

import unicodedata
from urllib.parse import urlsplit

from ereputation.textsafe import printable

__all__ = ["display_host"]

# Scripts that may share a name with Latin: none of their letters looks like a Latin one.
_CJK_MIXES = (
    frozenset({"LATIN", "CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA"}),
    frozenset({"LATIN", "CJK", "BOPOMOFO"}),
    frozenset({"LATIN", "CJK", "HANGUL"}),
)
_DROPPED_PREFIX = "www."
_MAX_LENGTH = 253  # a DNS name's limit: anything longer is not a host to show


def display_host(url: str | None) -> str | None:
    """The host of `url` for a reader, without `www.`; None when the URL has no usable host."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # a malformed URL (bad brackets or port): no host to show
        return None
    if not host or len(host) > _MAX_LENGTH:
        return None
    host = host.rstrip(".")
    if host.startswith(_DROPPED_PREFIX) and host.count(".") > 1:
        host = host[len(_DROPPED_PREFIX) :]
    unicode = _to_unicode(host)
    if unicode is not None and _safe_to_show(unicode):
        return unicode
    ascii_form = _to_ascii(host)
    return ascii_form if ascii_form is not None and _safe_to_show(ascii_form) else None


def _to_unicode(host: str) -> str | None:
    if host.isascii() and "xn--" not in host:
        return host
    try:
        return host.encode("ascii").decode("idna") if host.isascii() else host
    except UnicodeError:  # an ACE label that does not decode: keep the punycode
        return None


def _to_ascii(host: str) -> str | None:
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return None


def _safe_to_show(host: str) -> bool:
    """Only letters, digits, hyphens and dots, and letters of one script (or a CJK mix)."""
    if printable(host) != host:
        return False
    scripts: set[str] = set()
    for ch in host:
        if ch in "-." or (ch.isdigit() and ch.isascii()):
            continue
        if not ch.isalnum():
            return False
        scripts.add(unicodedata.name(ch, "?").split(" ")[0])
    if "?" in scripts:
        return False
    return len(scripts) <= 1 or any(scripts <= mix for mix in _CJK_MIXES)
