"""Tricks that hide personal data or risky words: each one is read through, and never shown."""

from __future__ import annotations

import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from ereputation.detect.confusables import LATIN_LOOKALIKES
from ereputation.detect.excerpt import mask_excerpt
from ereputation.detect.matching import match_keywords, name_matches
from ereputation.detect.normalise import latin_with_map, normalize, normalize_with_map, shown
from ereputation.detect.pii import find_pii, mask_pii
from ereputation.detect.risk_terms import Lexicon, find_risk_terms, load_lexicon

LEXICON: Lexicon = load_lexicon(Path(__file__).parents[2] / "checklists" / "risk_terms.toml")
INVISIBLES = {
    "zero-width space": "\u200b",
    "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "soft hyphen": "\u00ad",
    "left-to-right mark": "\u200e",
    "variation selector 16": "\ufe0f",
    "combining grapheme joiner": "\u034f",
}
DIGITS = re.compile(r"\d")


def _clear_digits(text: str) -> str:
    """The digits a reader would read in `text` (fullwidth ones as ASCII)."""
    return "".join(DIGITS.findall(unicodedata.normalize("NFKC", shown(text))))


def _risk_excerpt(text: str) -> str:
    """The excerpt a report prints for a risky word right after `text`."""
    page = f"{text} et complètement bourré hier"
    start = page.index("bourré")
    return mask_excerpt(page, (start, start + len("bourré")))


@pytest.mark.parametrize("char", INVISIBLES.values(), ids=INVISIBLES.keys())
def test_phone_with_invisible_characters_between_groups_is_found_and_never_shown(
    char: str,
) -> None:
    text = "Appelez le 06" + char.join(["", "12", "34", "56", "78"]) + " après 18 h"
    [match] = find_pii(text)
    assert match.kind == "phone"
    assert match.value == "0612345678"  # what a reader sees, without the invisible characters
    assert match.value_masked == "06••••••78"
    assert shown(text[match.start : match.end]) == match.value
    for output in (mask_pii(text), _risk_excerpt(text)):
        assert "12345678" not in _clear_digits(output), output
        assert "•" in output and char not in output


def test_phone_in_fullwidth_digits_is_found_and_masked() -> None:
    text = "Tél. ０６ １２ ３４ ５６ ７８"
    [match] = find_pii(text)
    assert (match.kind, match.value_masked) == ("phone", "06 •• •• •• 78")
    assert mask_pii(text) == "Tél. 06 •• •• •• 78"
    assert "34" not in _clear_digits(_risk_excerpt(text))


@pytest.mark.parametrize(
    "phone",
    [
        "\u0660\u0666 12 34 56 78",  # Arabic-Indic digits mixed with ASCII ones
        "\u0966\u096c \u0967\u0968 \u0969\u096a \u096b\u096c \u096d\u096e",  # Devanagari
        "06\u00a012\u202f34\u280056\u316478",  # no-break, thin, braille and Hangul blanks
        "０６－１２－３４－５６－７８",
    ],
)
def test_phone_in_other_digits_or_blanks_is_found_and_masked(phone: str) -> None:
    text = f"Tél. {phone} merci"
    [match] = find_pii(text)
    assert match.kind == "phone"
    assert _clear_digits(match.value_masked) == "0678"
    assert "1234" not in _clear_digits(mask_pii(text))


@pytest.mark.parametrize(
    "email",
    [
        "jean.dupont＠gmail.com",  # fullwidth commercial at
        "jean.dupont﹫gmail.com",  # small commercial at
        "jean.du\u200bpont@gmail.com",
        "j\u0435an.dupont@gmail.com",  # Cyrillic е
        "jean.dupont@gm\u0430il.com",  # Cyrillic а in the domain
        "ｊｅａｎ.ｄｕｐｏｎｔ@gmail.com",
    ],
)
def test_disguised_email_is_found_and_never_shown(email: str) -> None:
    text = f"Écrire à {email} pour un devis"
    [match] = find_pii(text)
    assert (match.kind, match.value_masked) == ("email", "j•••••••••t@g••••.com")
    for output in (mask_pii(text), _risk_excerpt(text)):
        assert "dupont" not in normalize(output) and "gmail" not in normalize(output), output


@pytest.mark.parametrize(
    ("disguised", "how"),
    [
        ("c\u043enn\u0430rd", "Cyrillic о and а"),
        ("\u0441onnard", "Cyrillic с"),
        ("conna\u0433d", "Cyrillic г for r"),
        ("c\u03bfnnard", "Greek ο"),
        ("CONNΑRD", "Greek capital alpha"),
        ("\U0001d41c\U0001d428\U0001d427\U0001d427\U0001d41a\U0001d42b\U0001d41d", "math bold"),
        ("ｃｏｎｎａｒｄ", "fullwidth"),
        ("con\u200bnard", "zero-width space"),
        ("con\u00adnard", "soft hyphen"),
        ("c o n n a r d", "letter-spaced"),
        ("C O N N A R D", "letter-spaced capitals"),
        ("c.o.n.n.a.r.d", "dotted"),
        ("c-o-n-n-a-r-d", "hyphenated"),
        ("c*o*n*n*a*r*d", "starred"),
        ("c \u043e n n \u0430 r d", "letter-spaced homoglyphs"),
    ],
)
def test_disguised_insult_is_found_and_masked(disguised: str, how: str) -> None:
    text = f"Franchement, mon voisin est un {disguised} fini."
    [match] = find_risk_terms(text, LEXICON)
    assert match.category == "insults", how
    assert shown(text[match.start : match.end]).replace(" ", "") != ""
    visible = normalize(match.excerpt_masked)
    assert "connard" not in visible.replace(" ", ""), match.excerpt_masked
    assert "•" in match.excerpt_masked


def test_homoglyphs_in_a_drinking_word_and_in_keywords_still_match() -> None:
    [match] = find_risk_terms("Encore compl\u0435tement bourr\u0435 ce soir", LEXICON)
    assert match.category == "alcohol_party"
    found, _missing = match_keywords("Exp\u0435rt \u0420ython et SQL", ["Python", "SQL"])
    assert found == ["Python", "SQL"]
    assert name_matches("Profil de Cаmille Mаrtin", "Camille Martin").kind == "exact"


def test_accented_french_still_matches_its_lexicon_entries() -> None:
    for text, category in [
        ("Une soirée où j'étais complètement bourrée", "alcohol_party"),
        ("COMPLÈTEMENT BOURRÉ", "alcohol_party"),
        ("j'ai posé un arrêt maladie pour aller à la plage", "sick_day"),
    ]:
        assert [m.category for m in find_risk_terms(text, LEXICON)] == [category], text


@pytest.mark.parametrize(
    "text",
    [
        "Service R H et D R H : contactez-nous",  # two letters: never joined
        "il y a à peine un an, C, C++ et R",
        "Poste en C D I, temps plein",  # an acronym joined harms nothing
        "Les langages R, C et Go ; bac + 5",
        "Москва — красивый город, сон и сок",  # Russian stays Russian
        "Η Αθήνα είναι όμορφη πόλη",  # Greek too
        "J. R. R. Tolkien, S.N.C.F., U.S.A.",
    ],
)
def test_ordinary_text_gives_no_risk(text: str) -> None:
    assert find_risk_terms(text, LEXICON) == []
    assert find_pii(text) == []


def test_two_spaced_letters_stay_apart_and_three_are_joined() -> None:
    assert normalize("R H") == "r h"
    assert normalize("il y a") == "il y a"
    assert normalize("c o n n a r d !") == "connard !"
    assert normalize("a.b.c") == "abc"
    assert normalize("a-t-il") == "a-t-il"
    assert normalize("e-mail") == "e-mail"


def test_keywords_and_names_keep_matching_as_before() -> None:
    found, missing = match_keywords(
        "Langages : R, C, SQL et Power-BI", ["R", "C", "Power BI", "Go"]
    )
    assert (found, missing) == (["R", "C", "Power BI"], ["Go"])
    assert name_matches("J.-P. Martin, consultant", "Jean-Pierre Martin").kind == "initials"


def test_maps_point_back_to_the_original_text() -> None:
    text = "a\u200bb ＠ c\u0441"
    latin, index = latin_with_map(text)
    assert latin == "ab @ cc"
    assert [text[i] for i in index] == ["a", "b", " ", "＠", " ", "c", "\u0441"]
    norm, index = normalize_with_map("X y z\u200d!")
    assert norm == "xyz!"
    assert index == [0, 2, 4, 6]


def test_shown_text_drops_invisible_characters_but_keeps_everything_else() -> None:
    assert shown("Café\u200d ＠ home\ufe0f\n…") == "Café ＠ home\n…"
    assert shown("plain ascii") == "plain ascii"


def test_lookalike_table_maps_foreign_letters_to_one_ascii_letter() -> None:
    assert len(LATIN_LOOKALIKES) > 100
    for char, latin in LATIN_LOOKALIKES.items():
        assert not char.isascii() and unicodedata.category(char).startswith("L")
        assert unicodedata.normalize("NFKC", char) == char, unicodedata.name(char)
        assert len(latin) == 1 and latin.isascii() and latin.isalpha()
    for char, latin in {
        "а": "a",
        "о": "o",
        "е": "e",
        "с": "c",
        "р": "p",
        "ο": "o",
        "І": "I",
    }.items():
        assert LATIN_LOOKALIKES[char] == latin


def test_lookalike_table_is_what_the_generator_makes() -> None:
    data = pytest.importorskip("confusable_homoglyphs").__file__
    generator = Path(__file__).with_name("make_confusables.py")
    source = Path(data).with_name("confusables.json")
    made = subprocess.run(
        [sys.executable, str(generator), str(source)], capture_output=True, text=True, check=True
    ).stdout
    table = Path(__file__).parents[2] / "src" / "ereputation" / "detect" / "confusables.py"
    assert made == table.read_text(encoding="utf-8")
