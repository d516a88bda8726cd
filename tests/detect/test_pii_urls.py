"""Personal data in URLs (a final URL after redirects, links): found, masked, still a URL."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, unquote_plus, urlsplit

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from ereputation.audit import AuditOptions, run
from ereputation.cli import main
from ereputation.config import load_profile
from ereputation.detect.pii import find_pii, mask_pii
from ereputation.model import to_json

PHONE_DIGITS = re.compile(r"12\D{0,3}34\D{0,3}56")


def assert_no_personal_data(masked: str) -> None:
    """Nothing a reader could use, however the URL is decoded."""
    for reading in (masked, unquote(masked), unquote_plus(masked)):
        assert "dupont" not in reading.lower(), masked
        assert not PHONE_DIGITS.search(reading), masked
        assert all("•" in m.value_masked for m in find_pii(reading))
        assert [m for m in find_pii(reading) if "•" not in m.value] == [], masked


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://x.test/contact?email=jean.dupont%40gmail.com",
            "https://x.test/contact?email=j•••••••••t@g••••.com",
        ),
        ("https://x.test/u/0612345678", "https://x.test/u/06••••••78"),
        ("https://x.test/#tel:+33612345678", "https://x.test/#tel:+33•••••••78"),
        (
            "https://x.test/c?phone=%2B33%206%2012%2034%2056%2078",
            "https://x.test/c?phone=%2B33%20•%20••%20••%20••%2078",
        ),
        (  # "+" for a space in a query, other parameters kept
            "https://x.test/c?lang=fr&phone=%2B33+6+12+34+56+78",
            "https://x.test/c?lang=fr&phone=%2B33%20•%20••%20••%20••%2078",
        ),
        ("https://x.test/c?phone=+33612345678", "https://x.test/c?phone=%2B33•••••••78"),
        ("https://x.test/a/jean.dupont@gmail.com/b", "https://x.test/a/j•••••••••t@g••••.com/b"),
        (  # a URL carried in a parameter is encoded twice
            "https://x.test/login?next=https%3A%2F%2Fy.test%2F%3Fe%3Djean.dupont%2540gmail.com",
            "https://x.test/login?next=https://y.test/?e=j•••••••••t@g••••.com",
        ),
        ("mailto:jean.dupont@gmail.com?subject=CV", "mailto:j•••••••••t@g••••.com?subject=CV"),
        ("tel:+33-6-12-34-56-78", "tel:+33-•-••-••-••-78"),
        (
            "https://jean.dupont%40gmail.com:secret@x.test/",
            "https://j•••••••••t%40g••••.com:•••@x.test/",
        ),
        (
            "https://x.test/u/06%E2%80%8D12%E2%80%8D34%E2%80%8D56%E2%80%8D78",
            "https://x.test/u/06••••••78",
        ),
    ],
)
def test_personal_data_in_a_url_is_masked_and_the_url_stays_one(url: str, expected: str) -> None:
    masked = mask_pii(url)
    assert masked == expected
    assert_no_personal_data(masked)
    parts = urlsplit(masked)
    assert (parts.scheme, parts.hostname) == (urlsplit(url).scheme, urlsplit(url).hostname)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/camille-martin-0a1b2c3d/",
        "https://github.com/cmartin?tab=repositories",
        "https://x.com/cmartin/status/1612345678901234567",
        "https://example.test/blog/2024/03/12/notes#section-2",
        "https://example.test/search?q=data+analyst&page=2",
        "https://example.test/?#",
        "https://user@example.test/a%20b",
    ],
)
def test_a_url_without_personal_data_comes_back_as_it_was(url: str) -> None:
    assert mask_pii(url) == url


def test_urls_in_running_text_are_masked_too() -> None:
    text = "Voir https://x.test/?e=jean.dupont%40gmail.com ou appeler le 06 12 34 56 78."
    assert mask_pii(text) == (
        "Voir https://x.test/?e=j•••••••••t@g••••.com ou appeler le 06 •• •• •• 78."
    )


REDIRECT_TARGET = "/contact?email=jean.dupont%40gmail.com&tel=%2B33%206%2012%2034%2056%2078"
PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Contact</title></head>
<body><h1>Camille Martin</h1><p>Data analyst à Lyon.</p></body></html>"""


def _profile(tmp_path: Path, url: str) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(
        '[person]\nname = "Camille Martin"\ntarget_role = "Data analyst"\nlanguage = "fr"\n'
        f'[[profiles]]\nurl = "{url}"\n',
        encoding="utf-8",
    )
    return path


def _redirecting_server(httpserver: HTTPServer) -> str:
    target = httpserver.url_for(REDIRECT_TARGET)
    httpserver.expect_request("/profil").respond_with_data(
        "", status=302, headers={"Location": target}
    )
    httpserver.expect_request("/contact").respond_with_data(PAGE, content_type="text/html")
    return httpserver.url_for("/profil")


def test_audit_masks_personal_data_in_a_redirect_target(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    profile = load_profile(_profile(tmp_path, _redirecting_server(httpserver)))
    result = to_json(run(profile, AuditOptions(allow_private=True, timeout=5, concurrency=1)))
    final_url = result["profiles"][0]["final_url"]
    assert final_url.startswith(httpserver.url_for("/contact?email="))
    assert "•" in final_url
    assert_no_personal_data(final_url)
    assert_no_personal_data(json.dumps(result, ensure_ascii=False))


def test_show_pii_shows_the_redirect_target_as_it_was(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    config = _profile(tmp_path, _redirecting_server(httpserver))
    args = ["audit", str(config), "--allow-private", "--timeout", "5", "--format", "json"]
    shown = CliRunner().invoke(main, [*args, "--show-pii"])
    assert shown.exit_code == 0, shown.output
    final_url = json.loads(shown.output)["profiles"][0]["final_url"]
    assert final_url == httpserver.url_for(REDIRECT_TARGET)
    masked = CliRunner().invoke(main, args)
    assert masked.exit_code == 0, masked.output
    assert_no_personal_data(json.loads(masked.output)["profiles"][0]["final_url"])
