"""Personal data in visible text: what is found, what must not be."""

from __future__ import annotations

import itertools

import pytest

from ereputation.detect.pii import PiiMatch, find_pii, mask_pii

BIO_FR = """Camille Martin — Data analyst freelance à Lyon.
Me contacter : camille.martin@example.org ou camille [at] exemple [dot] fr
Tél. : 06 12 34 56 78 (bureau : +33 4 72 00 00 00)
Adresse : 12 rue des Lilas, 69003 Lyon
Née le 12 mars 1994 à Villeurbanne. Passionnée de randonnée."""

BIO_EN = """Sam Taylor, UX designer. Write to sam.taylor(at)example.co.uk or call +44 20 7946 0958.
Studio: 221B Baker Street, London NW1 6XE. US office: 123 Main St, Springfield, IL 62701.
Date of birth: 1994-03-12. Born on March 12, 1994."""


def kinds(matches: list[PiiMatch]) -> list[str]:
    return [m.kind for m in matches]


def test_french_personal_site_bio_exposes_every_kind() -> None:
    found = find_pii(BIO_FR)
    assert kinds(found) == ["email", "email", "phone", "phone", "address", "birthdate"]
    values = [m.value for m in found]
    assert values == [
        "camille.martin@example.org",
        "camille [at] exemple [dot] fr",
        "06 12 34 56 78",
        "+33 4 72 00 00 00",
        "12 rue des Lilas, 69003 Lyon",
        "12 mars 1994",
    ]
    for match in found:
        assert BIO_FR[match.start : match.end] == match.value
    masked = [m.value_masked for m in found]
    assert masked[0] == "c••••••••••••n@e••••••.org"
    assert masked[1] == "c•••••e@e••••••.fr"
    assert masked[2] == "06 •• •• •• 78"
    assert masked[4] == "•• rue ••••••, 69••• Lyon"
    assert masked[5] == "••/••/1994"


def test_english_bio_with_uk_and_us_addresses() -> None:
    found = find_pii(BIO_EN)
    by_kind = {(m.kind, m.value) for m in found}
    assert ("email", "sam.taylor(at)example.co.uk") in by_kind
    assert ("phone", "+44 20 7946 0958") in by_kind
    assert ("address", "221B Baker Street, London NW1 6XE") in by_kind
    assert ("address", "123 Main St, Springfield, IL 62701") in by_kind
    assert ("birthdate", "1994-03-12") in by_kind
    assert ("birthdate", "March 12, 1994") in by_kind
    masked = {m.value: m.value_masked for m in found}
    assert masked["sam.taylor(at)example.co.uk"] == "s••••••••r@e•••••••••.uk"
    assert masked["221B Baker Street, London NW1 6XE"] == "•• •••••• Street, London NW• •••"
    assert masked["123 Main St, Springfield, IL 62701"] == "•• •••••• St, Springfield, IL 62•••"


@pytest.mark.parametrize(
    "phone",
    [
        "06 12 34 56 78",
        "06.12.34.56.78",
        "06-12-34-56-78",
        "0612345678",
        "+33 6 12 34 56 78",
        "+33 (0)6 12 34 56 78",
        "0033 6 12 34 56 78",
        "+1 415-555-0132",
    ],
)
def test_phone_formats_are_found(phone: str) -> None:
    found = find_pii(f"Appelez-moi au {phone} en semaine.")
    assert [(m.kind, m.value) for m in found] == [("phone", phone)]


def test_a_number_without_country_code_is_read_in_the_default_region() -> None:
    text = "Call me at (415) 555-0132."
    assert find_pii(text) == []
    assert [m.value for m in find_pii(text, default_region="US")] == ["(415) 555-0132"]


@pytest.mark.parametrize(
    "email",
    [
        "prenom.nom@domaine.fr",
        "prenom [at] domaine [dot] fr",
        "prenom(at)domaine.fr",
        "prenom [arobase] domaine [point] fr",
        "prenom{at}mail.domaine.fr",
        "prenom (@) domaine (.) fr",
        "first.last+jobs@sub.example.com",
    ],
)
def test_email_forms_are_found(email: str) -> None:
    found = find_pii(f"Écrivez à {email}, merci.")
    assert [(m.kind, m.value) for m in found] == [("email", email)]
    assert found[0].value_masked.startswith(email[0])
    assert "•" in found[0].value_masked


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Je suis né le 12 mars 1994 à Lyon", "12 mars 1994"),
        ("née le 12/03/1994", "12/03/1994"),
        ("Né(e) le 1er avril 1990", "1er avril 1990"),
        ("Date de naissance : 12/03/1994", "12/03/1994"),
        ("date de naissance: 12.03.94", "12.03.94"),
        ("born on March 12, 1994", "March 12, 1994"),
        ("Born 12th of March 1994", "12th of March 1994"),
        ("date of birth: 1994-03-12", "1994-03-12"),
        ("DOB 03/12/1994", "03/12/1994"),
        ("D.O.B.: 12 Mar 1994", "12 Mar 1994"),
        ("My birthday: March 12", "March 12"),
        ("Anniversaire : 12 mars", "12 mars"),
        ("c'est mon anniversaire le 12 mars !", "12 mars"),
    ],
)
def test_birth_date_phrasings(text: str, date: str) -> None:
    found = find_pii(text)
    assert [(m.kind, m.value) for m in found] == [("birthdate", date)]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("12, avenue Victor Hugo, 75016 Paris", "12, avenue Victor Hugo, 75016 Paris"),
        ("3 bis bd de la Liberté 13001 Marseille", "3 bis bd de la Liberté 13001 Marseille"),
        ("5 allée des Tilleuls\n42000 Saint-Étienne", "5 allée des Tilleuls\n42000 Saint-Étienne"),
        ("8 impasse du Moulin, 35000 Rennes Cedex", "8 impasse du Moulin, 35000 Rennes Cedex"),
        ("40 quai de la Loire, 75019 Paris. Venez !", "40 quai de la Loire, 75019 Paris"),
        ("2 place Bellecour 69002 Lyon et ailleurs", "2 place Bellecour 69002 Lyon"),
        ("9 rue Nationale, 72000 Le Mans", "9 rue Nationale, 72000 Le Mans"),
        ("9 rue Nationale, 69003 Lyon Cedex 03 Tél", "9 rue Nationale, 69003 Lyon Cedex 03"),
    ],
)
def test_french_addresses(text: str, address: str) -> None:
    found = find_pii(text)
    assert [(m.kind, m.value) for m in found] == [("address", address)]


@pytest.mark.parametrize(
    "next_line",
    ["Née le 12 mars 1994", "Passionnée de randonnée", "Disponible dès septembre", "Camille"],
)
def test_an_address_stops_at_its_city_not_at_the_next_line(next_line: str) -> None:
    # Page text joins lines with a space: the capitalised word that follows is not the city's.
    text = f"Adresse : 12 rue des Lilas, 69003 Lyon {next_line}"
    address = [m for m in find_pii(text) if m.kind == "address"]
    assert [(m.value, m.value_masked) for m in address] == [
        ("12 rue des Lilas, 69003 Lyon", "•• rue ••••••, 69••• Lyon")
    ]
    assert f"69••• Lyon {next_line.split()[0]}" in mask_pii(text)


CLEAN_TEXTS = [
    "Python 3.11 – 2019-2023 – 75 000 € – SIRET 123 456 789 00012 – né pour coder",
    "SIREN 123 456 789, RCS Lyon B 123 456 789, TVA FR12 123456789",
    "IBAN FR76 3000 6000 0112 3456 7890 189",
    "Expérience : 2015 – 2019 chez Acme, puis 2019-2024 chez Globex. Salaire 45 000 €.",
    "Réunion le 12/03/2024 à 14h30, salle 2.",
    "Version 1.2.3.4.5.6 publiée le 2023-05-01.",
    "ISBN 978-2-07-036822-8, 312 pages, 24,90 €",
    "Je suis né pour entreprendre. Née dans une famille d'artisans.",
    "Rendez-vous au 12 rue de la Paix pour la conférence.",
    "Population : 1 234 567 habitants en 2020.",
    "Contact via le formulaire du site. Look at this dot com bubble.",
    "Happy birthday to our company! Founded 2010.",
    "Soirée pour le 10e anniversaire le 12 mars 2024 de l'agence.",
    "Celebrating the birthday on March 12, 2024 of our startup.",
]


@pytest.mark.parametrize("text", CLEAN_TEXTS)
def test_professional_texts_expose_nothing(text: str) -> None:
    assert find_pii(text) == []


def test_repeated_values_are_reported_once_unless_asked() -> None:
    text = "Mail: a.b@example.org, again a.b@example.org. Tel 06 12 34 56 78 / +33 6 12 34 56 78."
    assert kinds(find_pii(text)) == ["email", "phone"]
    assert kinds(find_pii(text, unique=False)) == ["email", "email", "phone", "phone"]


def test_findings_never_overlap_and_are_in_text_order() -> None:
    found = find_pii(BIO_FR + "\n" + BIO_EN, unique=False)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start


def test_empty_and_odd_inputs() -> None:
    assert find_pii("") == []
    assert find_pii("@@@ [at] [dot] ...") == []
    assert find_pii("06 12 34 56 78", default_region="ZZ") == []
