"""The one reading of a `Content-Type` header: media type and charset, or None for each.

A header is hostile input: a media type that is not `type/subtype` made of RFC 9110 token
characters, or a charset label that no encoding could have, is dropped rather than cleaned, so
that nothing a server controls reaches a report except a well-formed token.
"""

from __future__ import annotations

import re

__all__ = ["parse_content_type"]

_TOKEN = r"[!#$%&'*+.^_`|~0-9a-z-]{1,127}"  # RFC 9110 token; RFC 6838 caps each name at 127
_MEDIA_TYPE = re.compile(f"{_TOKEN}/{_TOKEN}")
_CHARSET = re.compile(r"[a-z0-9][a-z0-9._:+-]{0,39}")
MAX_HEADER_CHARS = 1_000  # a longer header is cut there before it is read


def parse_content_type(value: object) -> tuple[str | None, str | None]:
    """`("text/html", "utf-8")` from `"Text/HTML; Charset=\"UTF-8\""`; None where unreadable.

    The media type is lower case; so is the charset label, which is only a label: mapping it to
    an encoding is the reader's job. The first `charset` parameter counts, as in browsers.
    """
    if not isinstance(value, str) or not value:
        return None, None
    media, _, params = value[:MAX_HEADER_CHARS].partition(";")
    media = media.strip(" \t").lower()
    content_type = media if _MEDIA_TYPE.fullmatch(media) else None
    charset = None
    for param in params.split(";"):
        key, _, raw = param.partition("=")
        if key.strip(" \t").lower() == "charset":
            candidate = raw.strip(" \t").strip("\"'").strip(" \t").lower()
            charset = candidate if _CHARSET.fullmatch(candidate) else None
            break
    return content_type, charset
