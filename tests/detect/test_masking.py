"""Maskers: what they keep, what they hide, idempotence, and excerpts."""

from __future__ import annotations

import pytest

from ereputation.detect.excerpt import mask_excerpt
from ereputation.detect.masking import (
    BULLET,
    mask_address,
    mask_birthdate,
    mask_email,
    mask_phone,
    mask_term,
)


@pytest.mark.parametrize(
    ("email", "masked"),
    [
        ("camille.martin@example.org", "c••••••••••••n@e••••••.org"),
        ("ab@x.io", "a•@•.io"),
        ("a@example.fr", "•@e••••••.fr"),
        ("jo.doe@mail.example.co.uk", "j••••e@m••••••••••••••.uk"),
        ("no-at-sign", "n••••••••n"),
        ("", ""),
    ],
)
def test_mask_email(email: str, masked: str) -> None:
    assert mask_email(email) == masked
    assert mask_email(masked) == masked


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("06 12 34 56 78", "06 •• •• •• 78"),
        ("06.12.34.56.78", "06.••.••.••.78"),
        ("+33 6 12 34 56 78", "+33 • •• •• •• 78"),
        ("0612345678", "06••••••78"),
        ("1234", "••••"),
    ],
)
def test_mask_phone_keeps_two_first_and_last_digits_and_separators(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked
    assert mask_phone(masked) == masked


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("12 rue des Lilas, 69003 Lyon", "•• rue ••••••, 69••• Lyon"),
        ("12, avenue Victor Hugo, 75016 Paris", "••, avenue ••••••, 75••• Paris"),
        ("3 bis bd de la Liberté 13001 Marseille", "•• bd •••••• 13••• Marseille"),
        ("221B Baker Street, London NW1 6XE", "•• •••••• Street, London NW• •••"),
        ("123 Main St, Springfield, IL 62701", "•• •••••• St, Springfield, IL 62•••"),
        ("5 allée des Tilleuls\n42000 Saint-Étienne", "•• allée •••••• 42••• Saint-Étienne"),
    ],
)
def test_mask_address_keeps_street_type_city_and_area(address: str, masked: str) -> None:
    assert mask_address(address) == masked
    assert mask_address(masked) == masked


@pytest.mark.parametrize(
    ("date", "masked"),
    [
        ("12/03/1994", "••/••/1994"),
        ("12 mars 1994", "••/••/1994"),
        ("March 12, 1994", "••/••/1994"),
        ("1994-03-12", "••/••/1994"),
        ("12.03.94", "••/••/••••"),
        ("March 12", "••/••/••••"),
    ],
)
def test_mask_birthdate_keeps_the_year_only(date: str, masked: str) -> None:
    assert mask_birthdate(date) == masked
    assert mask_birthdate(masked) == masked


def test_mask_term_keeps_first_and_last_letters_of_each_word() -> None:
    assert mask_term("cuite") == "c•••e"
    assert mask_term("boulot de merde") == "b••••t d• m•••e"
    assert mask_term("con") == "c••"
    assert mask_term(mask_term("connard")) == mask_term("connard")


def test_excerpt_is_short_centred_and_masks_the_term() -> None:
    text = (
        "Lundi, réunion d'équipe puis déjeuner avec les clients. Le soir, grosse cuite avec les "
        "collègues du service marketing, on a fini très tard dans un bar du centre-ville."
    )
    start = text.index("cuite")
    excerpt = mask_excerpt(text, (start, start + 5))
    assert len(excerpt) <= 80
    assert "c•••e" in excerpt
    assert "cuite" not in excerpt
    assert excerpt.startswith("…") and excerpt.endswith("…")
    # Cut between words: every word shown is a whole word of the text.
    for word in excerpt.strip("…").split():
        assert word in text or BULLET in word


def test_excerpt_masks_personal_data_around_the_term() -> None:
    text = "Appelez-moi au 06 12 34 56 78, je suis bourré. camille@example.org"
    start = text.index("bourré")
    excerpt = mask_excerpt(text, (start, start + len("bourré")))
    assert "06 •• •• •• 78" in excerpt
    assert "c•••••e@e••••••.org" in excerpt
    assert "12 34" not in excerpt and "camille@" not in excerpt


def test_excerpt_masks_extra_spans() -> None:
    text = "Quel connard, boulot de merde."
    start = text.index("boulot")
    other = text.index("connard")
    excerpt = mask_excerpt(
        text, (start, start + len("boulot de merde")), also_mask=[(other, other + 7)]
    )
    assert excerpt == "Quel c•••••d, b••••t d• m•••e."


def test_excerpt_of_a_short_text_is_the_whole_text_on_one_line() -> None:
    assert mask_excerpt("Trop\nde  bière\t!", (9, 14)) == "Trop de b•••e !"


def test_excerpt_never_raises_on_odd_spans() -> None:
    assert mask_excerpt("", (0, 0)) == ""
    assert mask_excerpt("abc", (5, 2)) == "abc"
    assert mask_excerpt("abc", (-3, 99)) == "a••"
    assert len(mask_excerpt("x" * 500, (10, 400))) <= 80
