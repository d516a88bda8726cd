"""What discovery asks of the fetcher: a POST with a body and the catalogue's headers, a
redirect kept as the answer, Retry-After reported; the fetcher's own headers stay its own."""

from __future__ import annotations

import json

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ereputation.web.fetch import DEFAULT_USER_AGENT, FetchOptions, fetch
from ereputation.web.fetchtypes import RequestShape
from ereputation.web.headers import header_allowed
from ereputation.web.visit import visit_url

LOCAL = FetchOptions(allow_private=True, timeout=5.0)
NO_FOLLOW = FetchOptions(allow_private=True, timeout=5.0, follow_redirects=False, retries=0)


def _echo(request: Request) -> Response:
    seen = {
        "method": request.method,
        "body": request.get_data(as_text=True),
        "headers": {k.lower(): v for k, v in request.headers.items()},
    }
    return Response(json.dumps(seen), content_type="application/json")


def test_a_post_carries_its_body_and_the_callers_headers(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/api").respond_with_handler(_echo)
    shape = RequestShape(
        method="POST",
        body=b'{"user": "camille"}',
        headers=(
            ("Content-Type", "application/json"),
            ("X-Requested-With", "XMLHttpRequest"),
            ("User-Agent", "Mozilla/5.0 (pretending)"),
            ("accept-encoding", "br"),
            ("X-Smuggle", "a\r\nHost: elsewhere"),
        ),
    )
    result = visit_url(httpserver.url_for("/api"), LOCAL, None, shape)
    seen = json.loads(result.body)
    assert seen["method"] == "POST"
    assert seen["body"] == '{"user": "camille"}'
    headers = seen["headers"]
    assert headers["content-type"] == "application/json"
    assert headers["x-requested-with"] == "XMLHttpRequest"
    assert headers["user-agent"] == DEFAULT_USER_AGENT  # the honest one, always
    assert headers["accept-encoding"] == "gzip, deflate"  # what the byte cap can count
    assert "x-smuggle" not in headers


def test_header_rule() -> None:
    assert header_allowed("Accept", "application/json")
    assert not header_allowed("User-Agent", "x")
    assert not header_allowed("Bad Name", "x")
    assert not header_allowed("X-A", "1\nHost: b")
    # http.client sends header values as latin-1 and refuses the rest: a value it cannot send
    # failed every probe of the site as an "error", where `sites check` could have said why.
    assert not header_allowed("X-Name", "Céline")
    assert not header_allowed("X-Emoji", "\U0001f600")


def test_a_redirect_is_the_answer_when_not_followed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/u/ghost").respond_with_response(
        Response("You are being <a>redirected</a>", 302, {"Location": "/login?next=/u/ghost"})
    )
    httpserver.expect_request("/login").respond_with_data("login page")
    result = fetch(httpserver.url_for("/u/ghost"), NO_FOLLOW)
    assert (result.status, result.http_status) == ("ok", 302)
    assert result.location == "/login?next=/u/ghost"
    assert result.body == b"You are being <a>redirected</a>"
    assert result.redirects == ()
    assert len(httpserver.log) == 1  # the target was never asked
    followed = fetch(httpserver.url_for("/u/ghost"), LOCAL)
    assert (followed.http_status, followed.body, followed.location) == (200, b"login page", None)


def test_a_post_redirect_is_followed_with_get(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/form", method="POST").respond_with_response(
        Response("", 303, {"Location": "/done"})
    )
    httpserver.expect_request("/done").respond_with_handler(_echo)
    result = visit_url(httpserver.url_for("/form"), LOCAL, None, RequestShape("POST", b"a=1"))
    assert json.loads(result.body)["method"] == "GET"


def test_retry_after_is_reported(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/busy").respond_with_response(
        Response("slow down", 429, {"Retry-After": "120"})
    )
    result = fetch(httpserver.url_for("/busy"), NO_FOLLOW)
    assert (result.status, result.http_status, result.retry_after) == ("rate_limited", 429, 120.0)
    assert result.body == b"slow down"
