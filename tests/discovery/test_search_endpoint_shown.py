"""The search service is named in the report and the JSON as it was asked (issue 10 review): a
query or fragment written in the endpoint (`?key=...`) is never sent, since the search's own
query replaces it, and it is never echoed either."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pytest_httpserver import HTTPServer

from ereputation.discovery.search import SearchOptions, name_search
from ereputation.formats import OutputFormat, formatter_for
from ereputation.model import to_json
from tests.discovery.test_search import PROFILE, result, searx_answer
from tests.report.conftest import make_result

SECRET = "s3cr3t-api-key"


@pytest.mark.parametrize("offline", [False, True])
def test_an_endpoints_query_is_neither_sent_nor_shown(
    httpserver: HTTPServer, offline: bool
) -> None:
    httpserver.expect_request("/searx/search").respond_with_json(
        searx_answer([result("https://blog.example/", "Camille Martin", "Lyon")])
    )
    endpoint = httpserver.url_for(f"/searx/?key={SECRET}#{SECRET}")
    options = SearchOptions(endpoint=endpoint, allow_private=True, timeout=5.0, offline=offline)
    search = name_search(PROFILE, options, "en")
    assert search.status == ("not_asked" if offline else "answered")
    assert search.endpoint == httpserver.url_for("/searx/")
    for request, _ in httpserver.log:
        assert SECRET not in request.url
    shown = replace(make_result("en"), search=search)
    assert SECRET not in str(to_json(shown))
    for kind in (OutputFormat.HTML, OutputFormat.MARKDOWN, OutputFormat.TEXT):
        assert SECRET not in formatter_for(kind).render_bytes(shown).decode()
