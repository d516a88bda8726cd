"""Problems shown on the interview form in the counsellor's words: the form has fields, not a
TOML file, so a message never asks to write `key = value` in a `[section]`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.serve.interview_support import field_error, serve, soup


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "jour où la personne a donné son consentement"),
        ("en", "day the person gave their consent"),
    ],
)
def test_a_missing_consent_date_is_asked_for_beside_its_field(
    tmp_path: Path, language: str, expected: str
) -> None:
    served = serve(tmp_path, language)
    status, html, _ = served.post(
        "/cases/new",
        {"person.name": "Camille Martin", "audit.counsellor": "Sophie Leroy"},
    )
    assert status == 422
    message = field_error(html, "f-audit-consent_date")
    assert expected in message
    assert "consent_date" not in message and "[audit]" not in message


def test_a_repeated_profile_address_is_said_beside_the_second_one(tmp_path: Path) -> None:
    served = serve(tmp_path, "fr")
    url = "https://github.com/camille"
    status, html, _ = served.post(
        "/cases/new",
        {"person.name": "Camille Martin", "profiles[0].url": url, "profiles[1].url": url},
    )
    assert status == 422
    message = field_error(html, "f-profiles-1-url")
    assert "déjà celle d'un profil plus haut" in message and "[1]" not in message
    summary = soup(html).find(id="error-summary")
    assert summary is not None and "profiles:" not in summary.get_text()


def test_the_trade_and_network_lists_show_names_not_the_configs_ids(tmp_path: Path) -> None:
    served = serve(tmp_path, "fr")
    page = soup(served.client.get("/cases/new").get_data(as_text=True))
    trade = page.select_one('#f-person-trade option[value="social_work"]')
    network = page.select_one('#f-profiles-0-network option[value="francetravail"]')
    assert trade is not None and trade.get_text() == "Action sociale et aide à la personne"
    assert network is not None and network.get_text() == "France Travail"
