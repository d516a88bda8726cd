"""Reading a page's body: decoded bytes up to a cap, within the deadline, never more.

`requests` has neither a total deadline nor a size cap, and `.content` reads everything: the body
is streamed here in small reads, counted after decompression, and cut at the cap or the deadline.
"""

from __future__ import annotations

from typing import cast

import requests
from urllib3.response import HTTPResponse

from ereputation.reasons import Reason
from ereputation.web.connection import VisitState
from ereputation.web.outcome import FETCH_ERRORS, Outcome, classify

_CHUNK = 64 * 1024
# What the fetcher asks for (Accept-Encoding: gzip, deflate) and urllib3 inflates a bounded
# amount at a time. Brotli or zstd, decoded by urllib3 whenever their libraries happen to be
# installed, are bounded only with some versions of those: a server sending them is refused.
_DECODED = frozenset({"gzip", "x-gzip", "deflate", "identity", ""})


def _undecodable(response: requests.Response) -> str | None:
    """The Content-Encoding the fetcher did not ask for, if any: passed through undecoded it
    would be uncounted, decoded it might not be bounded."""
    tokens = [t.strip().lower() for t in response.headers.get("content-encoding", "").split(",")]
    unknown = [t for t in tokens if t not in _DECODED]
    return ", ".join(unknown) if unknown else None


def read_body(response: requests.Response, visit: VisitState) -> tuple[bytes, bool, Outcome | None]:
    """Stream the decoded body up to the cap and the deadline: (body, truncated, failure)."""
    raw = cast(HTTPResponse, response.raw)
    cap = visit.options.max_bytes
    body = bytearray()
    failure: Outcome | None = None
    try:
        encoding = _undecodable(response)
        if encoding is not None:
            return b"", False, Outcome("error", Reason.of("unknown_encoding", encoding=encoding))
        # read1 returns what has arrived, so the deadline is checked between small reads even
        # when a server trickles. urllib3 >= 2.6 inflates at most the amount asked for, so a
        # gzip bomb costs one chunk of memory, never its expanded size.
        while not visit.expired():
            chunk = raw.read1(_CHUNK, decode_content=True)
            if not chunk:
                break
            room = cap - len(body)
            if len(chunk) > room:
                body += chunk[:room]
                return bytes(body), True, None
            body += chunk
    except (Outcome, *FETCH_ERRORS) as exc:
        failure = classify(exc, visit.expired(), visit.timeout())
    finally:
        response.close()
    if visit.expired():
        reason = visit.timeout("timeout_body", bytes=len(body))
        return bytes(body), True, Outcome("timeout", reason)
    return bytes(body), failure is not None, failure
