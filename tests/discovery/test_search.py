"""Searching the name (issue 10 point 5): ready links, and a local server answering like SearXNG's
JSON API (`/search?q=...&format=json`), asked through the hardened fetcher."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from ereputation.config import DeclaredProfile, Person, Profile
from ereputation.discovery.search import SearchOptions, name_search, query_url
from ereputation.discovery.search_links import ENGINES, search_links

PERSON = Person(
    "Camille Martin", target_role="Data analyst", location="Lyon", keywords=("SQL",), language="en"
)
PROFILE = Profile(
    PERSON, profiles=(DeclaredProfile("https://github.com/camille-martin-demo", "github"),)
)


def searx_answer(results: list[dict[str, object]]) -> dict[str, object]:
    """The shape of SearXNG's JSON answer (searx/webapp.py): the results and what surrounds them."""
    return {
        "query": '"Camille Martin"',
        "number_of_results": len(results),
        "results": results,
        "answers": [],
        "corrections": [],
        "infoboxes": [],
        "suggestions": [],
        "unresponsive_engines": [],
    }


def result(url: str, title: str, content: str) -> dict[str, object]:
    return {"url": url, "title": title, "content": content, "engine": "duckduckgo", "score": 1.0}


def options(httpserver: HTTPServer, **changes: object) -> SearchOptions:
    base = {"endpoint": httpserver.url_for("/"), "allow_private": True, "timeout": 5.0}
    return SearchOptions(**{**base, **changes})  # type: ignore[arg-type]


def test_links_cover_every_engine_and_the_three_searches() -> None:
    links = search_links(PERSON)
    assert len(links) == 3 * len(ENGINES)
    by_query = {(link.engine, link.query): link for link in links}
    google = by_query[("google", "name_role")]
    assert google.text == '"Camille Martin" Data analyst'
    assert parse_qs(urlsplit(google.url).query)["q"] == ['"Camille Martin" Data analyst']
    assert by_query[("qwant", "name_city")].text == '"Camille Martin" Lyon'
    assert {link.engine for link in links} == {"google", "bing", "duckduckgo", "qwant", "ecosia"}
    assert all(link.url.startswith("https://") for link in links)


def test_links_without_role_or_city_search_the_name_alone() -> None:
    links = search_links(Person('Camille "X" Martin'))
    assert {link.query for link in links} == {"name"}
    assert links[0].text == '"Camille X Martin"'  # a quote in the name cannot break the query


def test_the_query_goes_to_the_search_path_in_json() -> None:
    assert (
        query_url("http://127.0.0.1:8888", "a b")
        == "http://127.0.0.1:8888/search?q=a+b&format=json"
    )
    assert query_url("https://s.example/searx/search", "x").endswith(
        "/searx/search?q=x&format=json"
    )


def test_each_result_is_classified(httpserver: HTTPServer) -> None:
    asked: list[dict[str, list[str]]] = []

    def answer(request: Request) -> Response:
        asked.append(parse_qs(request.query_string.decode()))
        body = searx_answer(
            [
                result("https://github.com/camille-martin-demo", "camille-martin-demo", "Repos"),
                result("https://www.instagram.com/camille.m", "Camille M", "Photos"),
                result(
                    "https://blog.example/team",
                    "Camille Martin",
                    "Camille Martin, data analyst in Lyon",
                ),
                result("https://other.example/x", "Camille Martin, pianist", "A concert in Brest"),
                result(
                    "https://forum.example/t/1",
                    "Camille Martin",
                    "Camille Martin is a total idiot and a drunk",
                ),
                result("https://www.linkedin.com/company/acme", "Acme", "Camille Martin, pianist"),
                result("javascript:alert(1)", "bad", "never shown"),
            ]
        )
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/search").respond_with_handler(answer)
    search = name_search(PROFILE, options(httpserver), "en")
    assert asked == [{"q": ['"Camille Martin"'], "format": ["json"]}]
    assert search.status == "answered"
    kinds = [(h.rank, h.kind) for h in search.hits]
    assert kinds == [
        (1, "declared_profile"),
        (2, "undeclared_account"),
        (3, "names_person"),
        (4, "namesake"),
        (5, "risky"),
        (6, "namesake"),  # a company page on a known network is no account of the person
    ]
    assert search.hits[1].network == "instagram"
    risky = search.hits[4]
    assert risky.risk_categories
    assert "idiot" not in risky.snippet  # the risky words are masked


def test_a_hostile_snippet_is_kept_as_text(httpserver: HTTPServer) -> None:
    hostile = '<script>alert("x")</script>\x1b[31m Camille Martin \u202e'
    httpserver.expect_request("/search").respond_with_json(
        searx_answer([result("https://evil.example/", hostile, hostile)])
    )
    search = name_search(PROFILE, options(httpserver), "en")
    assert search.hits[0].snippet.startswith("<script>")  # text here; escaped by the formats


@pytest.mark.parametrize(
    ("respond", "code"),
    [
        (lambda s: s.respond_with_data("boom", status=502), "http_error"),
        (
            lambda s: s.respond_with_data("<html>results</html>", content_type="text/html"),
            "not_json",
        ),
        (lambda s: s.respond_with_data("Forbidden", status=403), "not_json"),
        (lambda s: s.respond_with_json({"results": "nope"}), "bad_shape"),
        (lambda s: s.respond_with_data("[" * 100_000 + "]" * 100_000), "not_json"),
        (lambda s: s.respond_with_data(b"x" * 3_000_000), "too_large"),
    ],
    ids=["5xx", "html", "json-disabled", "wrong-shape", "deep-nesting", "huge"],
)
def test_a_failing_service_is_one_plain_reason(
    httpserver: HTTPServer, respond: object, code: str
) -> None:
    respond(httpserver.expect_request("/search"))  # type: ignore[operator]
    search = name_search(PROFILE, options(httpserver), "fr")
    assert (search.status, search.reason_code) == ("failed", code)
    assert search.reason and not search.hits
    assert len(search.links) == 15  # the links stay, whatever the service did


def test_a_private_address_is_refused_without_allow_private(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/search").respond_with_json(searx_answer([]))
    search = name_search(PROFILE, options(httpserver, allow_private=False), "en")
    assert (search.status, search.reason_code) == ("failed", "unreachable")
    assert len(httpserver.log) == 0


@pytest.mark.parametrize(
    ("change", "code"), [({"offline": True}, "offline"), ({"allowed": False}, "consent")]
)
def test_offline_or_without_consent_nothing_is_asked(
    httpserver: HTTPServer, change: dict[str, object], code: str
) -> None:
    search = name_search(PROFILE, options(httpserver, **change), "en")
    assert (search.status, search.reason_code) == ("not_asked", code)
    assert len(httpserver.log) == 0


def test_without_an_endpoint_only_the_links() -> None:
    search = name_search(PROFILE, SearchOptions(), "fr")
    assert (search.status, search.reason_code, search.endpoint) == (
        "not_asked",
        "no_endpoint",
        None,
    )
    assert search.links


def test_a_stalled_service_ends_at_the_deadline(stalled_host: str) -> None:
    import time

    started = time.monotonic()
    search = name_search(
        PROFILE,
        SearchOptions(endpoint=f"http://{stalled_host}", allow_private=True, timeout=0.5),
        "en",
    )
    assert (search.status, search.reason_code) == ("failed", "unreachable")
    assert time.monotonic() - started < 5
    assert search.reason.startswith("service unreachable (")
    french = name_search(
        PROFILE,
        SearchOptions(endpoint=f"http://{stalled_host}", allow_private=True, timeout=0.5),
        "fr",
    )
    assert french.reason.startswith("service injoignable (") and "délai" in french.reason


def test_personal_data_in_a_snippet_is_masked(httpserver: HTTPServer) -> None:
    snippet = "Camille Martin, call 06 12 34 56 78 or camille.martin@example.org"
    httpserver.expect_request("/search").respond_with_json(
        searx_answer([result("https://pages.example/cm", "Camille Martin", snippet)])
    )
    search = name_search(PROFILE, options(httpserver), "en")
    assert "06 12 34 56 78" not in search.hits[0].snippet
    assert "camille.martin@example.org" not in search.hits[0].snippet
    shown = name_search(PROFILE, options(httpserver, show_pii=True), "en")
    assert "camille.martin@example.org" in shown.hits[0].snippet
