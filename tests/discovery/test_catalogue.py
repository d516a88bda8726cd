"""The catalogue loader: WhatsMyName's format, unknown fields tolerated, bad entries named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ereputation.discovery.catalogue import (
    MAX_SITES,
    load_catalogue,
    parse_catalogue,
    validate_username,
)
from ereputation.errors import InputError

DATA = Path(__file__).parent / "data"


def test_usable_entries_and_named_problems() -> None:
    catalogue = load_catalogue(DATA / "broken.json")
    assert [s.name for s in catalogue.sites] == ["Good", "Agent"]
    assert catalogue.disabled == 1
    src = str(DATA / "broken.json")
    assert [str(p) for p in catalogue.problems] == [
        f"{src}: sites[2] 'NoPlaceholder'.uri_check: has no {{account}}, the username's place",
        f"{src}: sites[3] 'FtpSite'.uri_check: must start with http:// or https://, not ftp:",
        f"{src}: sites[4] 'BadCode'.e_code: must be an HTTP status code from 100 to 599, "
        'not "200"',
        f"{src}: sites[5] 'NoEString'.e_string: is required",
        f"{src}: sites[6] (no name): this entry is not a JSON object",
        f"{src}: sites[7] 'Good'.name: another site already has this name",
        f"{src}: sites[9] 'Smuggler'.headers: header X-A is invalid (name or value)",
    ]
    assert [str(n) for n in catalogue.notes] == [
        f"{src}: sites[8] 'Agent'.headers: header User-Agent is ignored: the tool keeps its own"
    ]
    agent = catalogue.sites[1]
    assert agent.headers == (("Accept", "application/json"),)
    assert catalogue.entries == 10


def test_site_urls_encode_the_username() -> None:
    site = load_catalogue(DATA / "broken.json").sites[0]
    assert site.check_url("a b?c#d") == "https://good.example/u/a%20b%3Fc%23d"
    assert site.profile_url("alice") == "https://good.example/alice"
    assert site.m_string == "No such user"
    assert site.body_for("alice") is None


def test_empty_m_string_means_the_code_alone() -> None:
    raw = {
        "sites": [
            {
                "name": "S",
                "uri_check": "https://s.example/{account}",
                "e_code": 200,
                "e_string": "x",
                "m_code": 404,
                "m_string": "",
                "cat": "social",
                "post_body": "",
                "known": [],
            }
        ]
    }
    site = parse_catalogue(json.dumps(raw).encode(), "s.json").sites[0]
    assert site.m_string is None
    assert site.post_body is None


def test_not_json_gives_line_and_column() -> None:
    with pytest.raises(InputError) as caught:
        parse_catalogue(b'{"sites": [\n  {"name": }\n]}', "cat.json")
    assert str(caught.value) == "cat.json:2:12: not valid JSON: Expecting value"


def test_no_sites_list_and_bounds() -> None:
    with pytest.raises(InputError, match=r"no \"sites\" list"):
        parse_catalogue(b'{"site": []}', "x.json")
    too_many = json.dumps({"sites": [{}] * (MAX_SITES + 1)}).encode()
    with pytest.raises(InputError, match="more than"):
        parse_catalogue(too_many, "x.json")
    with pytest.raises(InputError, match="not UTF-8"):
        parse_catalogue(b'{"sites": ["\xff"]}', "x.json")
    with pytest.raises(InputError, match="nested too deeply"):
        parse_catalogue(b"[" * 100_000, "x.json")


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        load_catalogue(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("jean.dupont", None),
        ("", "the username is empty"),
        ("a/b", "cannot hold a slash"),
        ("..", "cannot hold a slash"),
        ("evil\x1b[31m", "invisible or control"),
        (" padded", "invisible or control"),
        ("x" * 101, "is over 100 characters"),
    ],
)
def test_username_validation(username: str, expected: str | None) -> None:
    problem = validate_username(username)
    if expected is None:
        assert problem is None
    else:
        assert problem is not None and expected in str(problem)


def test_a_username_in_the_host_must_be_one_dns_label() -> None:
    raw = {"sites": [{"name": "Sub", "uri_check": "https://{account}.blog.example/", "e_code": 200,
                      "e_string": "x", "m_code": 404, "cat": "blog"}]}  # fmt: skip
    site = parse_catalogue(json.dumps(raw).encode(), "s.json").sites[0]
    assert site.asks_for("camille-m")
    assert not site.asks_for("jean.dupont")  # would ask jean.dupont.blog.example, another host
    assert not site.asks_for("-camille")
    assert load_catalogue(DATA / "broken.json").sites[0].asks_for("jean.dupont")  # in the path


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_file_is_read_to_the_bound_only() -> None:
    # A device or a pipe has no size to check first: reading it whole never ended.
    with pytest.raises(InputError, match="over 20 MB"):
        load_catalogue(Path("/dev/zero"))


@pytest.mark.parametrize(
    "uri",
    [
        "https://{account}@evil.example/",
        "https://{account}:x@evil.example/",
        "https://good.example@evil.example/{account}",
        "https://evil.example:{account}/",
        "file:///etc/{account}",
        "javascript:alert('{account}')",
    ],
)
def test_the_username_cannot_become_credentials_a_port_or_another_scheme(uri: str) -> None:
    raw = {"sites": [{"name": "S", "uri_check": uri, "e_code": 200, "e_string": "x",
                      "m_code": 404, "cat": "social"}]}  # fmt: skip
    assert parse_catalogue(json.dumps(raw).encode(), "s.json").sites == ()
