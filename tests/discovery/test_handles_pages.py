"""A declared profile's URL that names a site's page, not a handle, gives nothing to probe
(issue 10 review): `facebook.com/profile.php?id=...` made discovery probe "profile.php" on every
site, a name the person never gave, and report a stranger's account as theirs."""

from __future__ import annotations

import pytest

from ereputation.config import DeclaredProfile
from ereputation.discovery.handles import handle_of, usernames_to_probe
from ereputation.recruiter import catalogue


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/profile.php?id=100012345678",
        "https://m.facebook.com/profile.php?id=1",
        "https://www.facebook.com/people",
        "https://www.facebook.com/watch",
        "https://www.twitch.tv/directory",
        "https://www.instagram.com/reels",
        "https://x.com/intent",
        "https://twitter.com/i",
        "https://github.com/orgs",
        "https://github.com/sponsors",
        "https://x.com/hashtag",
        "https://www.instagram.com/accounts",
        "https://www.facebook.com/marketplace",
        "https://www.substack.com/",
        "https://open.substack.com/pub/camille/p/a-post",
        "https://www.example-network.test/index.html",
    ],
)
def test_a_sites_own_page_is_no_handle(url: str) -> None:
    network = catalogue().identify(url).id
    assert handle_of(url, network) is None
    assert handle_of(url, "facebook") is None  # whatever network the config declares
    assert handle_of(url, "substack") is None


def test_a_numbered_facebook_profile_adds_no_username() -> None:
    profiles = (DeclaredProfile("https://www.facebook.com/profile.php?id=100012345678"),)
    assert usernames_to_probe(("camille-m",), profiles, catalogue()) == ("camille-m",)


@pytest.mark.parametrize(
    ("url", "handle"),
    [
        ("https://www.facebook.com/camille.martin.75", "camille.martin.75"),
        ("https://www.instagram.com/camille.m", "camille.m"),
        ("https://x.com/camille_m", "camille_m"),
    ],
)
def test_a_handle_with_dots_is_still_one(url: str, handle: str) -> None:
    assert handle_of(url, catalogue().identify(url).id) == handle
