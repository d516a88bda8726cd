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
    assert decoded(b"\xff ok", None) == "\xff ok"  # not UTF-8: windows-1252, as browsers do


def test_a_login_wall_is_never_read_as_missing() -> None:
    # A site whose "missing" signature is a bare 302 (to its home page) sends every name to its
    # login page once it wants a login: that redirect says nothing about the account.
    login = SiteAnswer(302, b"", location="https://accounts.forum.example/login?next=/u/camille")
    assert classify(CODE_ONLY, login) == ("unknown", "login_wall")
    assert classify(CODE_ONLY, SiteAnswer(302, b"", location="/")) == ("not_found", "missing")
    assert classify(CODE_ONLY, SiteAnswer(401, b"")) == ("unknown", "login_wall")
    # The site's own "no such user" text beside a login box in its header stays an answer.
    page = b'<form><input type="password"></form><p>No such member</p>'
    assert classify(SAME_CODE, SiteAnswer(200, page)) == ("not_found", "missing")


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("/accounts/login?next=/u/camille", ("unknown", "login_wall")),
        ("https://login.forum.example/", ("unknown", "login_wall")),
        ("/auth/realms/forum", ("unknown", "login_wall")),
        ("/session/new", ("unknown", "login_wall")),
        ("/users/sign_in", ("unknown", "login_wall")),
        # A word that only starts like one: the site's own "missing" redirect.
        ("/authors/", ("not_found", "missing")),
        ("/u/loginov", ("not_found", "missing")),
        ("/authority/", ("not_found", "missing")),
    ],
)
def test_a_login_redirect_is_told_by_whole_words(location: str, expected: tuple[str, str]) -> None:
    assert classify(CODE_ONLY, SiteAnswer(302, b"", location=location)) == expected


def test_a_found_page_that_also_holds_the_missing_text() -> None:
    # Same code for both signatures: the two texts on one page prove nothing.
    both = b"<p>Member since 2019</p><p>No such member</p>"
    assert classify(SAME_CODE, SiteAnswer(200, both)) == ("unknown", "ambiguous")
    # Different codes: the code decides, as WhatsMyName's format intends. Its missing texts
    # are often generic where the code tells the answers apart ("Not Found", "404", "null,";
    # one entry's is part of its own "exists" text), so a profile holding one stays found; a
    # site that answers the same for anyone is caught by the control instead.
    assert classify(SITE, SiteAnswer(200, both)) == ("found", "signature")
    assert classify(SITE, SiteAnswer(404, both)) == ("not_found", "missing")


@pytest.mark.parametrize("charset", ["punycode", "utf-7", "idna", "rot13", "zlib"])
def test_only_web_encodings_are_decoded(charset: str) -> None:
    # Python's other codecs are not the web's: punycode decodes in quadratic time (a 1 MB
    # answer held every probe thread for minutes), utf-7 writes a signature the page does not show.
    body = b"+AE0-ember since " + b"a" * 1000 + b"-9"
    assert decoded(body, charset) == body.decode("ascii")
    assert classify(SITE, SiteAnswer(200, b"+AE0-ember since", charset)) == ("unknown", "ambiguous")


def test_a_page_declaring_its_charset_in_a_meta_tag_is_read_in_it() -> None:
    page = '<meta charset="windows-1251"><p>Участник с 2019</p>'.encode("cp1251")
    cyrillic = Site(
        0, "Ru", "https://ru.example/{account}", None, 200, "Участник с", 404, None, "x"
    )
    assert classify(cyrillic, SiteAnswer(200, page)) == ("found", "signature")
    bom = "\ufeffMember since".encode("utf-16-le")
    assert classify(SITE, SiteAnswer(200, bom)) == ("found", "signature")


def test_a_body_cut_inside_a_character_is_still_read_in_its_encoding() -> None:
    # The byte cap may cut a multibyte character: the rest of the page keeps its encoding.
    site = Site(0, "Fr", "https://fr.example/{account}", None, 200, "Compte créé", 404, None, "x")
    body = "<p>Compte créé en 2019</p>".encode() + "é".encode()[:1]
    assert classify(site, SiteAnswer(200, body, truncated=True)) == ("found", "signature")
