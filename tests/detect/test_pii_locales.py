"""Personal data in every locale the report is read in: phone regions, address formats, and
floors on a seeded Faker sample (benchmarks/bench_pii_locales.py prints the full figures)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from ereputation.cli import main
from ereputation.detect.pii import find_pii, mask_pii
from ereputation.detect.regions import BY_LANGUAGE, country_from_location, phone_regions

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

FR = phone_regions("FR")


def found(text: str, regions: tuple[str, ...] = FR) -> list[tuple[str, str]]:
    return [(m.kind, m.value) for m in find_pii(text, regions=regions)]


# --- regions -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("location", "country"),
    [
        ("Lyon, France", "FR"),
        ("Saint-Étienne", "FR"),
        ("Paris, Texas, USA", "US"),
        ("Genève", "CH"),
        ("Montréal (Québec)", "CA"),
        ("Bruxelles", "BE"),
        ("Esch-sur-Alzette", "LU"),
        ("Monte-Carlo", "MC"),
        ("London, UK", "GB"),
        ("Dublin", "IE"),
        ("New York", "US"),
        ("Quelque part", None),
        ("", None),
    ],
)
def test_the_country_is_read_from_the_location(location: str, country: str | None) -> None:
    assert country_from_location(location) == country


def test_regions_come_from_the_country_then_the_location_then_the_language() -> None:
    assert phone_regions("fr") == ("FR", "BE", "CH", "LU", "MC")
    assert phone_regions("GB", location="Lyon") == ("GB", "IE")
    assert phone_regions(location="Montréal", language="fr") == ("CA", "US")
    assert phone_regions(language="en") == BY_LANGUAGE["en"] == ("GB", "IE", "US", "CA", "FR")
    assert phone_regions() == BY_LANGUAGE["fr"]
    assert phone_regions("DE") == ("DE",)


# --- phones ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "text", "phone"),
    [
        ("GB", "Call me on 020 7946 0958 today", "020 7946 0958"),
        ("US", "Call me at (415) 555-0132.", "(415) 555-0132"),
        ("CA", "Appelez au 514-555-0199 ou passez", "514-555-0199"),
        ("BE", "Tél. 02 512 34 56 en semaine", "02 512 34 56"),
        ("IE", "Ring 087 123 4567 today", "087 123 4567"),
    ],
)
def test_a_national_number_is_read_in_the_persons_country(
    country: str, text: str, phone: str
) -> None:
    assert found(text, ("FR",)) == []  # France alone, as before
    assert found(text, phone_regions(country)) == [("phone", phone)]


def test_neighbouring_regions_are_tried() -> None:
    assert found("Tél. 0470 12 34 56", FR) == [("phone", "0470 12 34 56")]  # Belgian mobile
    assert found("Ring 01 437 2000", phone_regions("GB")) == [("phone", "01 437 2000")]  # Dublin
    assert found("Call (415) 555-0132", phone_regions("CA")) == [("phone", "(415) 555-0132")]


def test_a_neighbours_number_needs_its_trunk_zero() -> None:
    # Luxembourg has short numbers and no trunk 0: read as a neighbour, "3000" is not a phone.
    text = "Numéro 3000, de 2019-2023, version 2023.11.4"
    assert found(text, FR) == []
    assert found(text, phone_regions(language="en")) == []


def test_an_english_report_still_reads_french_numbers() -> None:
    assert found("Tél. 06 12 34 56 78", phone_regions(language="en")) == [
        ("phone", "06 12 34 56 78")
    ]


def test_masking_reads_the_same_regions() -> None:
    assert mask_pii("Call 020 7946 0958", regions=("GB",)) == "Call 02• •••• ••58"
    assert mask_pii("Call 020 7946 0958") == "Call 020 7946 0958"


@pytest.mark.parametrize(
    "text",
    [
        "Company number 09876543, VAT GB 123 4567 89",
        "Numéro d'entreprise BE 0403.170.701",
        "Commande n° 4500123456 du 12/03/2024",
        "Order #112-3456789-0123456 shipped",
    ],
)
def test_identifiers_are_not_phones_in_any_region(text: str) -> None:
    for regions in (FR, phone_regions("GB"), phone_regions("BE"), phone_regions("US")):
        assert found(text, regions) == []


# --- addresses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "address", "masked"),
    [
        (
            "Adresse : chemin des Vignes, 84000 Avignon",
            "chemin des Vignes, 84000 Avignon",
            "chemin ••••••, 84••• Avignon",
        ),
        (
            "lieu-dit Les Granges, 24200 Sarlat-la-Canéda",
            "lieu-dit Les Granges, 24200 Sarlat-la-Canéda",
            "lieu-dit ••••••, 24••• Sarlat-la-Canéda",
        ),
        (
            "Bureau : rue de la Loi 16, 1000 Bruxelles. Venez !",
            "rue de la Loi 16, 1000 Bruxelles",
            "rue ••••••, •••• Bruxelles",
        ),
        (
            "Cabinet : avenue de la Gare 12, CH-1003 Lausanne",
            "avenue de la Gare 12, CH-1003 Lausanne",
            "avenue ••••••, CH-•••• Lausanne",
        ),
        (
            "1234 rue Sherbrooke Ouest, Montréal, QC H3A 1B9",
            "1234 rue Sherbrooke Ouest, Montréal, QC H3A 1B9",
            "•• rue ••••••, Montréal, QC H•A •B•",
        ),
        (
            "Flat 3, 12 Baker Street, London, NW1 6XE",
            "Flat 3, 12 Baker Street, London, NW1 6XE",
            "••••••, •• •••••• Street, London, NW• •••",
        ),
        (
            "Home: The Old Mill, Mill Lane, Ambridge, AB1 2CD",
            "The Old Mill, Mill Lane, Ambridge, AB1 2CD",
            "••••••, •••••• Lane, Ambridge, AB• •••",
        ),
        (
            "Office: 1600 Pennsylvania Avenue NW, Washington, DC 20500",
            "1600 Pennsylvania Avenue NW, Washington, DC 20500",
            "•• •••••• Avenue ••••••, Washington, DC 20•••",
        ),
        (
            "I live at 4610 Martin Shore Apt. 12, Kellyville, OK 74099",
            "4610 Martin Shore Apt. 12, Kellyville, OK 74099",
            "•• ••••••, Kellyville, OK 74•••",
        ),
    ],
)
def test_addresses_of_each_format(text: str, address: str, masked: str) -> None:
    matches = [m for m in find_pii(text) if m.kind == "address"]
    assert [(m.value, m.value_masked) for m in matches] == [(address, masked)]


@pytest.mark.parametrize(
    ("country", "text", "address"),
    [
        (
            "BE",
            "Contact: Avenue Louise 54 bte 3, 1050 Ixelles",
            "Avenue Louise 54 bte 3, 1050 Ixelles",
        ),
        (
            "CA",
            "Adresse : 455, rue Saint-Jean, Québec (Québec) G1R 1P3",
            "455, rue Saint-Jean, Québec (Québec) G1R 1P3",
        ),
        (
            "CA",
            "Studio: 200 Bay Street, Suite 1200, Toronto, ON M5J 2J2",
            "200 Bay Street, Suite 1200, Toronto, ON M5J 2J2",
        ),
        ("US", "PO Box 123, Austin, TX 78701", "PO Box 123, Austin, TX 78701"),
        (
            "US",
            "Find me at 221 N. Main St., Ann Arbor, MI 48104",
            "221 N. Main St., Ann Arbor, MI 48104",
        ),
        (
            "GB",
            "Rose Cottage, Church Road, Great Bookham, KT23 3PB",
            "Rose Cottage, Church Road, Great Bookham, KT23 3PB",
        ),
    ],
)
def test_addresses_written_by_hand_not_by_faker(country: str, text: str, address: str) -> None:
    assert [v for k, v in found(text, phone_regions(country)) if k == "address"] == [address]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("12 Baker Street\nLondon\nNW1 6XE\nCall me", "12 Baker Street\nLondon\nNW1 6XE"),
        ("350 Fifth Avenue\nNew York, NY 10118\nOpen", "350 Fifth Avenue\nNew York, NY 10118"),
        ("rue de la Loi 16\n1000 Bruxelles Ouvert", "rue de la Loi 16\n1000 Bruxelles"),
    ],
)
def test_an_address_on_several_lines_stops_at_its_postcode_or_city(text: str, address: str) -> None:
    assert [v for k, v in found(text) if k == "address"] == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Office: London NW1 6XE",  # a district, not someone's address
        "Rendez-vous rue de la Paix.",
        "Rendez-vous au 12 rue de la Paix pour la conférence.",
        "Version 2.4, build 1200, released 2024",
        "Tracking 1Z 999 AA1 01 2345 6784",
    ],
)
def test_not_an_address(text: str) -> None:
    assert [k for k, _ in found(text)] == []


# --- seeded Faker sample -----------------------------------------------------------------------

FLOORS = {"phone": 0.95, "email": 0.95, "birthdate": 0.95, "address": 0.90}


@pytest.mark.parametrize("locale", ["fr_FR", "fr_BE", "fr_CH", "fr_CA", "en_GB", "en_US"])
def test_faker_profiles_are_found_in_every_locale(locale: str) -> None:
    pytest.importorskip("faker")
    import bench_pii_locales as bench

    rates = bench.recall(locale, per_kind=60, seed=12)
    assert {kind: rate for kind, rate in rates.items() if rate < FLOORS[kind]} == {}
    assert bench.false_alarms(locale) == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_false_alarm_on_numeric_text_with_a_languages_regions(language: str) -> None:
    pytest.importorskip("faker")
    import bench_pii_locales as bench

    assert bench.false_alarms("fr_FR", BY_LANGUAGE[language]) == []


# --- the audit reads the person's regions ------------------------------------------------------

UK_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Sam Taylor - 020 7946 0958</title></head>
<body><h1>Sam Taylor</h1><p>UX designer. Call me on 020 7946 0958.</p></body></html>"""


@pytest.mark.parametrize(
    ("person", "phones"),
    [
        ('country = "GB"\n', [{"kind": "phone", "value_masked": "02• •••• ••58"}]),
        ('location = "London"\n', [{"kind": "phone", "value_masked": "02• •••• ••58"}]),
        ("", []),  # French, nowhere said: France and its neighbours only
    ],
)
def test_the_audit_reads_phones_in_the_persons_regions(
    httpserver: HTTPServer, tmp_path: Path, person: str, phones: list[dict[str, str]]
) -> None:
    httpserver.expect_request("/site").respond_with_data(UK_PAGE, content_type="text/html")
    config = tmp_path / "p.toml"
    config.write_text(
        f'[person]\nname = "Sam Taylor"\nlanguage = "fr"\n{person}'
        f'[[profiles]]\nurl = "{httpserver.url_for("/site")}"\n',
        encoding="utf-8",
    )
    args = ["audit", str(config), "--allow-private", "--timeout", "5", "--format", "json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    site = json.loads(result.output)["profiles"][0]
    assert site["pii"] == phones
    # A number found is never shown in clear in the page's title either.
    assert site["title"] == (
        "Sam Taylor - 02• •••• ••58" if phones else "Sam Taylor - 020 7946 0958"
    )


def test_a_risky_excerpt_masks_a_phone_of_the_persons_own_country() -> None:
    # A UK number beside a risky word: read in French only it would show in clear in the excerpt.
    from ereputation.detect.risk_terms import find_risk_terms, load_lexicon
    from ereputation.resources import checklists_dir

    lexicon = load_lexicon(checklists_dir() / "risk_terms.toml")
    text = "Such a hangover today, call me on 07912 345678 if you need me."
    (match,) = [m for m in find_risk_terms(text, lexicon, regions=("GB", "IE")) if m.excerpt_masked]
    assert "345678" not in match.excerpt_masked and "07912" not in match.excerpt_masked
