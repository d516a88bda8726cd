"""classify_page(): a profile, a login wall, a "no such user" page, or a refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ereputation.reasons import Reason
from ereputation.web.extract import PageFacts, extract
from ereputation.web.networks import Catalogue, load_catalogue
from ereputation.web.pagekind import PageKind, classify_page

ROOT = Path(__file__).resolve().parents[2]
PAGES = ROOT / "tests" / "fixtures" / "pages"
CATALOGUE = load_catalogue(ROOT / "checklists" / "networks.toml")


def facts_of(name: str, url: str) -> PageFacts:
    body = (PAGES / name).read_bytes()
    return extract(body, content_type="text/html", charset=None, base_url=url)


def facts_from(markup: str, url: str = "https://example.org/") -> PageFacts:
    return extract(markup.encode(), content_type="text/html", charset=None, base_url=url)


def classify(
    url: str,
    facts: PageFacts,
    *,
    status: int | None = 200,
    final_url: str | None = None,
    redirects: tuple[str, ...] = (),
    catalogue: Catalogue = CATALOGUE,
) -> tuple[PageKind, Reason]:
    return classify_page(
        catalogue.identify(url),
        http_status=status,
        final_url=final_url or url,
        redirects=redirects,
        facts=facts,
    )


# --- the fixture pages -------------------------------------------------------------------------


def test_github_profile_is_ok() -> None:
    url = "https://github.com/camille-martin"
    assert classify(url, facts_of("github_profile.html", url)) == ("ok", Reason.of("page_loaded"))


def test_github_404_is_not_found() -> None:
    url = "https://github.com/camille-martin-nobody"
    kind, reason = classify(url, facts_of("github_404.html", url), status=404)
    assert (kind, reason.param("site")) == ("not_found", "GitHub")


def test_github_404_page_served_with_200_is_still_not_found() -> None:
    url = "https://github.com/camille-martin-nobody"
    kind, reason = classify(url, facts_of("github_404.html", url), status=200)
    assert kind == "not_found"
    assert (reason.code, reason.param("site")) == ("no_such_profile", "GitHub")
    assert reason.param("hint")


def test_linkedin_public_profile_with_hidden_login_modal_is_ok() -> None:
    url = "https://fr.linkedin.com/in/camille-martin-data"
    assert classify(url, facts_of("linkedin_profile.html", url))[0] == "ok"


def test_linkedin_redirect_to_authwall_is_login_required() -> None:
    url = "https://www.linkedin.com/in/camille-martin-data"
    wall = "https://www.linkedin.com/authwall?trk=gf&sessionRedirect=https%3A%2F%2Fwww.linkedin.com"
    facts = facts_of("linkedin_authwall.html", wall)
    kind, reason = classify(url, facts, final_url=wall, redirects=(wall,))
    assert kind == "login_required"
    assert reason == Reason.of("login_redirect", hint="/authwall")


def test_linkedin_authwall_served_in_place_is_login_required() -> None:
    url = "https://www.linkedin.com/in/camille-martin-data"
    kind, reason = classify(url, facts_of("linkedin_authwall.html", url))
    assert (kind, reason.code) == ("login_required", "login_wall")


def test_linkedin_999_is_blocked() -> None:
    url = "https://www.linkedin.com/in/camille-martin-data"
    kind, reason = classify(url, facts_from("<html><body></body></html>"), status=999)
    assert kind == "blocked"
    assert reason == Reason.of("refused", site="LinkedIn", code=999)


@pytest.mark.parametrize("status", [200, 403, 503])
def test_cloudflare_challenge_is_blocked_whatever_the_status(status: int) -> None:
    url = "https://camille-portfolio.example/"
    kind, reason = classify(url, facts_of("cloudflare_challenge.html", url), status=status)
    assert kind == "blocked"
    assert reason.param("hint") == "cloudflare-challenge"


def test_challenge_on_a_would_be_404_is_not_reported_absent() -> None:
    url = "https://github.com/camille-martin"
    kind, _ = classify(url, facts_of("cloudflare_challenge.html", url), status=404)
    assert kind == "blocked"


def test_mastodon_profile_is_ok() -> None:
    url = "https://mamot.fr/@camille_data"
    assert classify(url, facts_of("mastodon_profile.html", url))[0] == "ok"


def test_personal_site_is_ok() -> None:
    url = "https://camille-martin.example/"
    assert classify(url, facts_of("personal_site.html", url)) == ("ok", Reason.of("page_loaded"))


# --- signatures from the catalogue ------------------------------------------------------------


def test_mastodon_missing_account_on_a_guessed_server() -> None:
    url = "https://toot.example.net/@nobody"
    facts = facts_from(
        "<title>The page you are looking for isn’t here. - toot</title>"
        "<p>The page you are looking for isn’t here.</p>"
    )
    kind, reason = classify(url, facts, status=404)
    assert kind == "not_found"
    assert (reason.code, reason.param("site")) == ("no_such_profile", "Mastodon")


def test_instagram_no_such_user_with_200() -> None:
    url = "https://www.instagram.com/nobody.here/"
    facts = facts_from(
        "<title>Instagram</title><h2>Sorry, this page isn't available.</h2>"
        "<p>The link you followed may be broken, or the page may have been removed.</p>"
    )
    kind, reason = classify(url, facts)
    assert (kind, reason.param("site")) == ("not_found", "Instagram")


def test_instagram_login_redirect_is_login_required() -> None:
    url = "https://www.instagram.com/camille.data/"
    final = "https://www.instagram.com/accounts/login/?next=%2Fcamille.data%2F"
    kind, _ = classify(url, facts_from("<title>Login • Instagram</title>"), redirects=(final,))
    assert kind == "login_required"


def test_facebook_unavailable_content_is_never_read_as_absent() -> None:
    url = "https://www.facebook.com/camille.martin"
    facts = facts_from(
        "<title>Facebook</title><p>This content isn’t available right now</p>"
        "<p>When this happens, it’s usually because the owner only shared it with a few.</p>"
    )
    kind, _ = classify(url, facts)
    assert kind == "login_required"


def test_youtube_consent_wall_is_blocked() -> None:
    url = "https://www.youtube.com/@camille"
    consent = "https://consent.youtube.com/m?continue=https%3A%2F%2Fwww.youtube.com%2F%40camille"
    kind, reason = classify(url, facts_from("<p>Before you continue</p>"), redirects=(consent,))
    assert (kind, reason.param("hint")) == ("blocked", "consent.youtube.com")


def test_x_without_javascript_is_blocked() -> None:
    url = "https://x.com/camille_data"
    facts = facts_from("<div><p>JavaScript is not available.</p><p>Please enable it.</p></div>")
    kind, _ = classify(url, facts)
    assert kind == "blocked"


def test_gitlab_sign_in_redirect_is_login_required_not_absent() -> None:
    url = "https://gitlab.com/nobody-or-private"
    final = "https://gitlab.com/users/sign_in"
    kind, _ = classify(url, facts_from("<title>Sign in · GitLab</title>"), redirects=(final,))
    assert kind == "login_required"


def test_pinterest_redirect_to_error_home_is_not_found() -> None:
    url = "https://www.pinterest.fr/nobody/"
    final = "https://www.pinterest.fr/?show_error=true"
    kind, reason = classify(url, facts_from("<p>Ideas</p>"), redirects=(final,))
    assert (kind, reason.param("site")) == ("not_found", "Pinterest")


# --- generic heuristics ------------------------------------------------------------------------


def test_login_form_and_little_else_is_login_required() -> None:
    url = "https://intranet.camille.example/profile"
    facts = facts_from('<form method="post"><input name="u"><input type="password"></form>')
    assert classify(url, facts) == ("login_required", Reason.of("login_form_only"))


def test_profile_with_a_header_login_form_is_ok() -> None:
    url = "https://camille.example/"
    text = "<p>" + "Data analyst, Lyon. " * 100 + "</p>"
    facts = facts_from('<form><input type="password"></form>' + text)
    assert classify(url, facts)[0] == "ok"


def test_generic_login_redirect_on_unknown_site() -> None:
    url = "https://forum.example.org/u/camille"
    final = "https://forum.example.org/fr/connexion?redirect=%2Fu%2Fcamille"
    kind, reason = classify(url, facts_from("<p>Bienvenue</p>"), redirects=(final,))
    assert (kind, reason) == ("login_required", Reason.of("login_redirect", hint="/fr/connexion"))


def test_redirect_to_an_identity_provider_host_is_login_required() -> None:
    url = "https://docs.example.org/camille"
    final = "https://accounts.example-idp.com/o/oauth2?continue=x"
    kind, _ = classify(url, facts_from("<p>Choose an account</p>"), redirects=(final,))
    assert kind == "login_required"


def test_requested_url_with_a_login_like_path_is_not_a_redirect() -> None:
    url = "https://camille.example/register"
    assert classify(url, facts_from("<p>Inscription au club de lecture</p>"))[0] == "ok"


def test_401_is_login_required() -> None:
    assert classify("https://e.example/x", facts_from("<p>x</p>"), status=401)[0] == (
        "login_required"
    )


def test_captcha_and_little_else_is_blocked() -> None:
    facts = facts_from('<div class="g-recaptcha" data-sitekey="k"></div><p>Are you real?</p>')
    assert classify("https://e.example/x", facts) == ("blocked", Reason.of("captcha_only"))


def test_contact_form_captcha_on_a_real_page_is_ok() -> None:
    text = "<p>" + "Camille Martin, data analyst. " * 40 + "</p>"
    facts = facts_from(text + '<form><div class="g-recaptcha"></div></form>')
    assert classify("https://camille.example/contact", facts)[0] == "ok"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("404 Not Found", "not_found"),
        ("Page introuvable", "not_found"),
        ("Page not found – Camille", "not_found"),
        ("Just a moment...", "blocked"),
        ("Un instant…", "blocked"),
        ("Attention Required! | Cloudflare", "blocked"),
        ("Access denied", "blocked"),
        ("Connexion", "login_required"),
        ("Camille Martin, data analyst", "ok"),
    ],
)
def test_generic_titles(title: str, expected: str) -> None:
    facts = facts_from(f"<title>{title}</title><p>Some words on the page.</p>")
    assert classify("https://somewhere.example/camille", facts)[0] == expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [(404, "not_found"), (410, "not_found"), (429, "blocked"), (500, "blocked"), (403, "blocked")],
)
def test_statuses(status: int, expected: str) -> None:
    facts = facts_from("<p>Something went wrong on our side, sorry.</p>")
    kind, reason = classify("https://somewhere.example/camille", facts, status=status)
    assert kind == expected and reason.param("code") == str(status)


def test_no_http_answer_is_blocked() -> None:
    assert classify("https://e.example/", PageFacts(is_html=False), status=None) == (
        "blocked",
        Reason.of("no_answer"),
    )


def test_empty_page_is_blocked_not_ok() -> None:
    kind, reason = classify("https://bsky.app/profile/camille", facts_from("<div id=root></div>"))
    assert (kind, reason.code) == ("blocked", "empty_page")
    assert "JavaScript" in reason.text("en")


def test_unreadable_page_is_blocked() -> None:
    facts = PageFacts(is_html=True, errors=("extract: RecursionError",))
    assert classify("https://e.example/", facts) == ("blocked", Reason.of("unreadable_page"))


def test_single_page_app_with_og_tags_is_ok() -> None:
    facts = facts_from('<meta property="og:title" content="Camille Martin"><div id=root></div>')
    assert classify("https://bsky.app/profile/camille", facts)[0] == "ok"


def test_non_html_document_is_ok() -> None:
    facts = extract(b"%PDF-1.7", content_type="application/pdf", charset=None, base_url="x")
    kind, reason = classify("https://camille.example/cv.pdf", facts)
    assert (kind, reason.param("type")) == ("ok", "application/pdf")


def test_reason_is_short_even_for_a_long_hostile_title() -> None:
    facts = facts_from("<title>Just a moment..." + "<" * 5000 + "</title>")
    kind, reason = classify("https://e.example/", facts, status=503)
    assert kind == "blocked" and all(len(reason.text(lang)) < 160 for lang in ("fr", "en"))


# --- the rule above the others -----------------------------------------------------------------

_WALLS = st.sampled_from(
    [
        "https://www.linkedin.com/authwall?x=1",
        "https://www.instagram.com/accounts/login/",
        "https://example.org/login?next=/u/1",
        "https://accounts.example.com/signin",
        "https://consent.youtube.com/m",
        "https://x.com/i/flow/login",
    ]
)
_URLS = st.sampled_from(
    [
        "https://www.linkedin.com/in/camille",
        "https://www.instagram.com/camille/",
        "https://github.com/camille",
        "https://mamot.fr/@camille",
        "https://camille.example/",
    ]
)


@settings(max_examples=80, deadline=None)
@given(_URLS, _WALLS, st.sampled_from([200, 404, 410, 403, 999]), st.text(max_size=200))
def test_a_page_behind_a_wall_is_never_reported_absent(
    url: str, wall: str, status: int, text: str
) -> None:
    facts = PageFacts(is_html=True, title="Page not found", text=text + " Page not found")
    kind, _ = classify(url, facts, status=status, final_url=wall, redirects=(wall,))
    assert kind in ("login_required", "blocked")
