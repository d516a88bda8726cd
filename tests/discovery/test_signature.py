"""The signature classifier: found only on the whole 'exists' signature, walls named as such."""

from __future__ import annotations

import pytest

from ereputation.discovery.catalogue import Site
from ereputation.discovery.signature import SiteAnswer, classify, decoded


def _site(name: str, m_code: int, m_string: str | None) -> Site:
    return Site(
        0,
        name,
        f"https://{name}.example/{{account}}",
        None,
        200,
        "Member since",
        m_code,
        m_string,
        "social",
    )


SITE = _site("forum", 404, "No such member")
SAME_CODE = _site("same", 200, "No such member")
CODE_ONLY = _site("code", 302, None)


@pytest.mark.parametrize(
    ("site", "answer", "expected"),
    [
        (SITE, SiteAnswer(200, b"<p>Member since 2019</p>"), ("found", "signature")),
        (SITE, SiteAnswer(404, b"No such member"), ("not_found", "missing")),
        (SITE, SiteAnswer(404, b"gone"), ("unknown", "ambiguous")),  # code alone is not enough
        (SITE, SiteAnswer(200, b"welcome"), ("unknown", "ambiguous")),
        (SITE, SiteAnswer(500, b"oops"), ("unknown", "error")),
        (SAME_CODE, SiteAnswer(200, b"No such member"), ("not_found", "missing")),
        (SAME_CODE, SiteAnswer(200, b"Member since / No such member"), ("unknown", "ambiguous")),
        (CODE_ONLY, SiteAnswer(302, b"", location="/"), ("not_found", "missing")),
        (CODE_ONLY, SiteAnswer(200, b"Member since"), ("found", "signature")),
        (SITE, SiteAnswer(429, b"Member since", retry_after=60), ("unknown", "rate_limited")),
        (SITE, SiteAnswer(429, b""), ("unknown", "rate_limited")),
        (SITE, SiteAnswer(503, b"", retry_after=30), ("unknown", "rate_limited")),
        (SITE, SiteAnswer(503, b"down"), ("unknown", "error")),
        (
            SITE,
            SiteAnswer(403, b"<html><title>Just a moment...</title>cf_chl_opt</html>"),
            ("unknown", "blocked"),
        ),
        (
            SITE,
            SiteAnswer(404, b"<title>Just a moment...</title> No such member"),
            ("unknown", "blocked"),
        ),
        (SITE, SiteAnswer(403, b'<div class="g-recaptcha"></div>'), ("unknown", "blocked")),
        (SITE, SiteAnswer(403, b"Forbidden"), ("unknown", "blocked")),
        (SITE, SiteAnswer(401, b""), ("unknown", "login_wall")),
        (
            SITE,
            SiteAnswer(302, b"", location="https://forum.example/login?next=/u/x"),
            ("unknown", "login_wall"),
        ),
        (
            SITE,
            SiteAnswer(200, b'<form><input type="password" name="pw"></form>'),
            ("unknown", "login_wall"),
        ),
        # A captcha on a real profile (a contact form) does not hide a seen signature.
        (
            SITE,
            SiteAnswer(200, b"Member since 2019 <div class=g-recaptcha>"),
            ("found", "signature"),
        ),
    ],
)
def test_classify(site: Site, answer: SiteAnswer, expected: tuple[str, str]) -> None:
    assert classify(site, answer) == expected


def test_signature_is_a_plain_substring_not_a_pattern() -> None:
    site = Site(0, "Re", "https://re.example/{account}", None, 200, "a.*b", 404, None, "misc")
    assert classify(site, SiteAnswer(200, b"a-xyz-b")) == ("unknown", "ambiguous")
    assert classify(site, SiteAnswer(200, b"a.*b")) == ("found", "signature")


def test_body_decoded_with_its_charset_or_utf8() -> None:
    assert decoded("Membre depuis é".encode("latin-1"), "latin-1") == "Membre depuis é"
    assert decoded(b"caf\xc3\xa9", "no-such-charset") == "café"
    assert decoded(b"\xff ok", None) == "\ufffd ok"
