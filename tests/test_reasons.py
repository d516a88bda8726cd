"""Reasons: stable codes, texts complete in French and English, parameters made safe."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from ereputation.i18n import LANGUAGES
from ereputation.reasons import NETWORK_CODES, Reason, codes, visit_summary
from ereputation.resources import templates_dir
from ereputation.tomlfile import load_toml

SRC = Path(__file__).resolve().parents[1] / "src" / "ereputation"
DATA = load_toml(templates_dir() / "reasons.toml")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def codes_in_the_code() -> set[str]:
    """Every code the tool can end a visit with: the literals given to Reason.of."""
    found: set[str] = set()
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"Reason\.of\(\s*\"([a-z0-9_]+)\"", text))
        found |= set(re.findall(r"timeout\(\s*\"([a-z0-9_]+)\"", text))
    return found


def test_every_code_the_tool_produces_has_both_texts() -> None:
    produced = codes_in_the_code()
    assert len(produced) > 40  # the scan works
    assert produced <= codes(), sorted(produced - codes())
    assert codes() >= NETWORK_CODES


@pytest.mark.parametrize("table", ["reasons", "hints", "progress"])
def test_every_text_exists_in_both_languages_with_the_same_parameters(table: str) -> None:
    for code, texts in DATA[table].items():
        assert set(texts) == set(LANGUAGES), code
        assert all(texts[lang].strip() for lang in LANGUAGES), code
        assert _fields(texts["fr"]) == _fields(texts["en"]), code


def test_terms_exist_in_both_languages() -> None:
    for name, table in DATA["terms"].items():
        for value, texts in table.items():
            assert set(texts) == set(LANGUAGES), f"{name}.{value}"


def test_no_jargon_in_what_a_person_reads() -> None:
    for code, texts in DATA["reasons"].items():
        assert "does not resolve" not in texts["en"], code
        assert "ne se résout" not in texts["fr"], code


def test_an_unresolved_name_is_told_in_plain_words_with_french_typography() -> None:
    reason = Reason.of("dns_unresolved", host="www.linkedin.com")
    fr = reason.text("fr")
    assert fr.startswith("l'adresse du site est introuvable")
    assert "connexion à Internet" in fr
    assert reason.text("en").startswith("the site's address could not be found")
    assert "\u00a0:" in Reason.of("offline").text("fr")  # no-break space before the colon


def test_address_kinds_are_translated_and_the_way_out_is_named() -> None:
    reason = Reason.of("private_address", host="intranet", ip="10.0.0.1", kind="private")
    assert "adresse privée" in reason.text("fr")
    hinted = reason.with_hint("allow_private")
    assert hinted.code == "private_address"
    assert hinted.text("en").endswith("(--allow-private visits it)")
    assert "--allow-private" in hinted.text("fr")


def test_server_controlled_parameters_are_one_bounded_line() -> None:
    hostile = "/login\x1b]8;;http://evil\x07click\x1b[31m\nred" + "x" * 500
    reason = Reason.of("login_redirect", hint=hostile)
    for language in LANGUAGES:
        text = reason.text(language)
        assert "\x1b" not in text and "\n" not in text and "\x07" not in text
        assert len(text) < 160
    encoding = Reason.of("unknown_encoding", encoding="br\r\n\x9b2J")
    assert encoding.param("encoding") == "br"  # the C1 CSI and its sequence are gone


def test_page_text_in_a_reason_is_masked_unless_asked() -> None:
    from ereputation.checks import Visit
    from ereputation.config import DeclaredProfile
    from ereputation.recruiter import catalogue
    from ereputation.web.extract import PageFacts

    url = "https://camille.example/"
    visit = Visit(
        DeclaredProfile(url),
        catalogue().identify(url),
        "blocked",
        Reason.of("antibot_page", hint="Camille 06 12 34 56 78"),
        facts=PageFacts(is_html=True),
    )
    assert "12 34 56" not in visit.reason_text("en", show_pii=False)
    assert "06 12 34 56 78" in visit.reason_text("fr", show_pii=True)


def test_an_unknown_code_still_says_something() -> None:
    assert Reason.of("brand_new_thing").text("en") == "brand new thing"


@pytest.mark.parametrize(
    ("visits", "offline", "expected"),
    [
        ([], True, "offline"),
        ([("skipped", "offline")], True, "offline"),
        ([], False, "no_profiles"),
        ([("error", "dns_unresolved"), ("error", "connect_refused")], False, "no_network"),
        ([("timeout", "timeout_dns"), ("error", "network_unreachable")], False, "no_network"),
        ([("error", "dns_unresolved"), ("login_required", "login_wall")], False, "none_seen"),
        ([("ok", "page_loaded"), ("error", "dns_unresolved")], False, "some_seen"),
        ([("ok", "page_loaded"), ("not_found", "site_not_found")], False, "all_seen"),
    ],
)
def test_visit_summary(visits: list[tuple[str, str]], offline: bool, expected: str) -> None:
    assert visit_summary(visits, offline) == expected
