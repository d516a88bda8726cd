"""Personal data in URLs: a final URL after redirects, a link, a `mailto:` or `tel:` address.

A URL hides what text shows: `jean.dupont%40gmail.com`, `%2B33%206%2012…`, `+` for a space in
a query. Each part that can carry personal data (user info, path, query, fragment) is read
percent-decoded, given to the text masker, and written back only when something was masked, so
a URL without personal data comes back as it was and a masked one stays a recognisable URL.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from urllib.parse import quote, unquote, unquote_plus, urlsplit, urlunsplit

from ereputation.detect.masking import BULLET
from ereputation.detect.normalise import shown

__all__ = ["URL_IN_TEXT", "mask_url"]

logger = logging.getLogger(__name__)

# A URL in running text: up to the first space, quote or angle bracket.
URL_IN_TEXT = re.compile(r"(?i)(?<![\w.+-])(?:https?://|mailto:|tel:|sms:)[^\s<>\"]+")

_SAFE_PATH = "/:@!$&'()*+,;=~"
_SAFE_QUERY = "/:@!$&'()*,;=?~"  # not "+", which a query reads as a space
_SAFE_FRAGMENT = "/:@!$&'()*+,;=?~"
_ENCODED_BULLET = quote(BULLET)


def mask_url(url: str, mask_text: Callable[[str], str]) -> str:
    """`url` with personal data masked by `mask_text` in its user info, path, query and fragment.

    `mask_text` masks a decoded part (and returns it as `normalise.shown` text); a part it leaves
    unchanged is kept as written. A password in the user info is always masked.
    """
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, host = netloc.rpartition("@")
            user, colon, _password = userinfo.partition(":")
            masked_user = _part(user, mask_text, _SAFE_PATH.replace(":", "").replace("@", ""))
            netloc = masked_user + (":" + BULLET * 3 if colon else "") + "@" + host
        masked = (
            parts.scheme,
            netloc,
            _part(parts.path, mask_text, _SAFE_PATH),
            _part(parts.query, mask_text, _SAFE_QUERY, plus_is_space=True),
            _part(parts.fragment, mask_text, _SAFE_FRAGMENT),
        )
        # Nothing masked: the URL as written ("?" or "#" with nothing after them included).
        return shown(url if masked == tuple(parts) else urlunsplit(masked))
    except Exception:  # not a URL after all (urlsplit refuses some): mask it as text
        logger.debug("not read as a URL; masked as text", exc_info=True)
        return mask_text(url)


def _part(
    raw: str, mask_text: Callable[[str], str], safe: str, *, plus_is_space: bool = False
) -> str:
    """`raw` itself when no personal data is in it, else its masked form, percent-encoded
    again where the URL needs it (bullets left readable)."""
    if not raw:
        return raw
    # In a query "+" is a space ("%2B33+6+12…"), but people also write "+33612345678" as is;
    # a URL carried in a parameter ("?next=https%3A%2F%2F…%2540…") is encoded once more.
    readings: list[str] = []
    encoded = raw
    for _depth in range(3):
        decoded = unquote(encoded)
        readings.append(decoded)
        if plus_is_space and "+" in encoded:
            readings.append(unquote_plus(encoded))
        if decoded == encoded or "%" not in decoded:
            break
        encoded = decoded
    for decoded in readings:
        masked = mask_text(decoded)
        if masked != shown(decoded):
            return quote(masked, safe=safe).replace(_ENCODED_BULLET, BULLET)
    return raw
