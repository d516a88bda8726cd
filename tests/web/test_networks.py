"""The networks catalogue: it loads, it is complete, and it names the site of a URL."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest

from ereputation.vocabulary import NETWORK_KINDS
from ereputation.web.networks import (
    Catalogue,
    CatalogueError,
    identify,
    load_catalogue,
    normalise_text,
    parse_catalogue,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CATALOGUE_PATH = Path(__file__).parents[2] / "checklists" / "networks.toml"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(CATALOGUE_PATH)


@pytest.fixture
def raw() -> dict[str, Any]:
    return tomllib.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(data, source="test.toml")
    return [str(p) for p in caught.value.problems]


# --- content -----------------------------------------------------------------------------------


def test_catalogue_covers_the_sites_of_a_job_search(catalogue: Catalogue) -> None:
    ids = {n.id for n in catalogue.networks}
    required = {
        "linkedin", "viadeo", "malt", "welcometothejungle", "indeed", "apec", "francetravail",
        "hellowork", "github", "gitlab", "stackoverflow", "codeberg", "kaggle", "behance",
        "dribbble", "medium", "substack", "x", "mastodon", "bluesky", "threads", "facebook",
        "instagram", "tiktok", "youtube", "twitch", "pinterest", "flickr", "slideshare",
        "calendly", "website",
    }  # fmt: skip
    assert required <= ids
    assert len(catalogue.networks) >= 28
    assert "doctolib" not in ids


def test_every_entry_is_complete_and_in_range(catalogue: Catalogue) -> None:
    for network in catalogue.networks:
        assert network.kind in NETWORK_KINDS
        assert 0 <= network.job_search_weight <= 3
        assert network.note.fr.strip() and network.note.en.strip()
        assert network.name.strip()
        assert network.common is catalogue.generic


def test_weights_reflect_a_job_search(catalogue: Catalogue) -> None:
    assert catalogue.get("linkedin").job_search_weight == 3
    assert catalogue.get("facebook").job_search_weight == 0
    assert "verrouillez" in catalogue.get("facebook").note.fr
    assert "lock down" in catalogue.get("facebook").note.en
    assert catalogue.fallback.id == "website" and catalogue.fallback.kind == "personal"


def test_signatures_are_loaded_as_data(catalogue: Catalogue) -> None:
    linkedin = catalogue.get("linkedin")
    assert 999 in linkedin.signatures.blocked.statuses
    assert any(p.search("/authwall") for p in linkedin.signatures.login_wall.redirect_paths)
    assert "cloudflare-challenge" in catalogue.generic.blocked.markers
    assert 404 in catalogue.generic.not_found.statuses
    mastodon = catalogue.get("mastodon")
    assert "the page you are looking for isn't here." in mastodon.signatures.not_found.texts


def test_get_unknown_id_raises_key_error(catalogue: Catalogue) -> None:
    with pytest.raises(KeyError):
        catalogue.get("myspace")


# --- identification ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.linkedin.com/in/camille-martin-data", "linkedin"),
        ("https://fr.linkedin.com/in/camille-martin-data/", "linkedin"),
        ("HTTPS://FR.LINKEDIN.COM/in/Camille", "linkedin"),
        ("https://www.linkedin.com/company/transports-rhone-alpes", "linkedin_company"),
        ("https://www.linkedin.com/school/universite-lyon-2/", "linkedin_company"),
        ("https://lnkd.in/abc123", "linkedin"),
        ("linkedin.com/in/camille", "linkedin"),
        ("https://m.facebook.com/camille.martin", "facebook"),
        ("https://fb.me/camille", "facebook"),
        ("https://www.instagram.com/camille.data/", "instagram"),
        ("https://github.com/camille-martin", "github"),
        ("https://gist.github.com/camille-martin", "github"),
        ("https://camille-martin.github.io/", "website"),
        ("https://gitlab.com/camille", "gitlab"),
        ("https://codeberg.org/camille", "codeberg"),
        ("https://stackoverflow.com/users/123/camille", "stackoverflow"),
        ("https://www.kaggle.com/camillemartin", "kaggle"),
        ("https://www.malt.fr/profile/camillemartin", "malt"),
        ("https://www.welcometothejungle.com/fr/companies/acme", "welcometothejungle"),
        ("https://fr.indeed.com/r/Camille-Martin/abc", "indeed"),
        ("https://www.apec.fr/candidat.html", "apec"),
        ("https://candidat.francetravail.fr/", "francetravail"),
        ("https://www.hellowork.com/fr-fr/", "hellowork"),
        ("https://www.behance.net/camillemartin", "behance"),
        ("https://dribbble.com/camille", "dribbble"),
        ("https://medium.com/@camille", "medium"),
        ("https://camille.medium.com/", "medium"),
        ("https://camille.substack.com/", "substack"),
        ("https://x.com/camille_data", "x"),
        ("https://mobile.twitter.com/camille_data", "x"),
        ("https://bsky.app/profile/camille.bsky.social", "bluesky"),
        ("https://www.threads.net/@camille", "threads"),
        ("https://www.tiktok.com/@camille", "tiktok"),
        ("https://www.youtube.com/@camille", "youtube"),
        ("https://youtu.be/dQw4w9WgXcQ", "youtube"),
        ("https://www.twitch.tv/camille", "twitch"),
        ("https://fr.pinterest.com/camille/", "pinterest"),
        ("https://www.flickr.com/photos/camille/", "flickr"),
        ("https://fr.slideshare.net/camille", "slideshare"),
        ("https://calendly.com/camille-martin", "calendly"),
        ("https://www.viadeo.com/p/camille", "viadeo"),
        ("https://www.jobteaser.com/fr/users/camille", "jobteaser"),
        ("https://www.1jeune1solution.gouv.fr/stages", "un_jeune_une_solution"),
        ("https://choisirleservicepublic.gouv.fr/offre-emploi/x", "choisirleservicepublic"),
        ("https://www.place-emploi-public.gouv.fr/", "choisirleservicepublic"),
        ("https://www.lhotellerie-restauration.fr/emploi/", "lhotellerie_restauration"),
        ("https://www.lagriculture-recrute.org/", "anefa"),
        ("https://www.apecita.com/", "apecita"),
        ("https://www.codeur.com/-camille", "codeur"),
        ("https://comeup.com/fr/@camille", "comeup"),
        ("https://orcid.org/0000-0002-1825-0097", "orcid"),
        ("https://cv.hal.science/camille-martin", "hal"),
        ("https://hal.archives-ouvertes.fr/hal-01234567", "hal"),
        ("https://scholar.google.com/citations?user=abc", "google_scholar"),
        ("https://www.google.com/search?q=camille", "website"),
        ("https://www.researchgate.net/profile/Camille-Martin", "researchgate"),
        ("https://muckrack.com/camille-martin", "muckrack"),
        ("https://www.artstation.com/camille", "artstation"),
        ("https://camille-martin.example/", "website"),
        ("https://linkedin.com.evil.example/in/camille", "website"),
        ("https://notlinkedin.com/in/camille", "website"),
    ],
)
def test_identify(catalogue: Catalogue, url: str, expected: str) -> None:
    assert identify(url, catalogue).id == expected
    assert catalogue.identify(url).id == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://mamot.fr/@camille_data", "mastodon"),
        ("https://piaille.fr/@camille", "mastodon"),
        ("https://mastodon.social/about", "mastodon"),  # a listed server, any path
        ("https://mastodon.example.org/@camille", "mastodon"),  # guessed: keyword + /@user
        ("https://toot.example.net/@camille@mamot.fr", "mastodon"),
        ("https://social.example.org/@camille/", "mastodon"),
        ("https://toot.example.net/about", "website"),  # keyword but not a profile path
        ("https://blog.example.org/@camille", "website"),  # profile path but no keyword
        ("https://camille.social.example/projects", "website"),
    ],
)
def test_mastodon_is_recognised_on_any_server(
    catalogue: Catalogue, url: str, expected: str
) -> None:
    assert identify(url, catalogue).id == expected


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "mailto:camille@github.com",
        "javascript:alert(1)",
        "ftp://github.com/camille",
        "http://[::1",
        "https://",
        "https://github.com:notaport/x",
        "x" * 10_000,
    ],
)
def test_anything_unusable_is_a_website(catalogue: Catalogue, url: str) -> None:
    assert identify(url, catalogue).id == "website"


def test_host_with_port_and_trailing_dot(catalogue: Catalogue) -> None:
    assert identify("https://github.com.:443/camille", catalogue).id == "github"


def test_normalise_text_folds_typography() -> None:
    assert normalise_text("  Sorry,\u00a0this page ISN\u2019T available\u2026 ") == (
        "sorry, this page isn't available..."
    )


# --- validation --------------------------------------------------------------------------------


def test_the_shipped_catalogue_has_no_problem() -> None:
    load_catalogue(CATALOGUE_PATH)  # raises on any problem


def test_problems_name_their_key_path(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["networks"][4]["hosts"] = ["https://bad host/"]
    data["networks"][2]["job_search_weight"] = 5
    data["networks"][3]["kind"] = "dating"
    data["networks"][1]["note"] = {"fr": "seulement en français"}
    data["networks"][5]["login_wall"] = {"titles": ["(unclosed"], "statuses": [42]}
    data["networks"][6]["colour"] = "blue"
    problems = problems_of(data)
    expected = [
        "test.toml: networks[4].hosts[0]: 'https://bad host/' is not a host name",
        "test.toml: networks[2].job_search_weight: must be a whole number from 0 to 3, not 5",
        "test.toml: networks[3].kind: 'dating' is not allowed",
        "test.toml: networks[1].note.en: is required",
        "test.toml: networks[5].login_wall.titles[0]: invalid regular expression",
        "test.toml: networks[5].login_wall.statuses[0]: 42 is not an HTTP status code",
        "test.toml: networks[6].colour: unknown key",
    ]
    for start in expected:
        assert any(p.startswith(start) for p in problems), (start, problems)


def test_duplicate_id_and_shadowed_host_are_reported(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    twin = copy.deepcopy(data["networks"][1])  # linkedin: no path restriction
    data["networks"].insert(3, twin)
    problems = problems_of(data)
    assert any(
        p.startswith("test.toml: networks[3].id: 'linkedin' is already used") for p in problems
    )
    assert any(
        p.startswith(
            "test.toml: networks[3].hosts: 'linkedin.com' is already claimed by networks[1]"
        )
        for p in problems
    )


def test_fallback_entry_is_required_and_has_no_host(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["networks"] = [n for n in data["networks"] if n["id"] != "website"]
    assert any('needs an entry with id = "website"' in p for p in problems_of(data))
    data = copy.deepcopy(raw)
    data["networks"][-1]["hosts"] = ["camille.example"]
    assert any("give it no host" in p for p in problems_of(data))


def test_entry_without_hosts_is_reported(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    del data["networks"][0]["hosts"]
    assert any(p.startswith("test.toml: networks[0].hosts: is required") for p in problems_of(data))


def test_www_prefix_and_short_snippets_are_refused(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    data["networks"][2]["hosts"] = ["www.viadeo.com"]
    data["generic"]["not_found"]["texts"] = ["404"]
    problems = problems_of(data)
    assert any(
        "networks[2].hosts[0]: 'www.viadeo.com': drop the www. prefix" in p for p in problems
    )
    assert any("generic.not_found.texts[0]: '404' is too short" in p for p in problems)


def test_wrong_version_and_missing_networks(raw: dict[str, Any]) -> None:
    problems = problems_of({"version": 2})
    assert any("version: must be 1" in p for p in problems)
    assert any("networks: is required" in p for p in problems)


def test_guess_needs_keywords_and_paths(raw: dict[str, Any]) -> None:
    data = copy.deepcopy(raw)
    mastodon = next(n for n in data["networks"] if n["id"] == "mastodon")
    mastodon["guess"] = {"host_keywords": ["Not A Word!"]}
    problems = problems_of(data)
    assert any("guess.host_keywords[0]" in p for p in problems)
    assert any("guess.paths: is required" in p for p in problems)


def test_toml_syntax_error_is_located(tmp_path: Path) -> None:
    path = tmp_path / "networks.toml"
    path.write_text('version = 1\n[[networks]]\nid = "x\n', encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert f"{path}:3" in str(caught.value)
