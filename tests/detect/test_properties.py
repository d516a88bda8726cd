"""Properties on arbitrary text: detectors and maskers never raise, masks never leak."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ereputation.detect.confusables import LATIN_LOOKALIKES
from ereputation.detect.excerpt import mask_excerpt
from ereputation.detect.masking import (
    mask_address,
    mask_birthdate,
    mask_email,
    mask_phone,
    mask_term,
)
from ereputation.detect.matching import name_matches, normalize, normalize_with_map
from ereputation.detect.normalise import shown
from ereputation.detect.pii import find_pii, mask_pii
from ereputation.detect.risk_terms import Lexicon, find_risk_terms, load_lexicon

LEXICON: Lexicon = load_lexicon(Path(__file__).parents[2] / "checklists" / "risk_terms.toml")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Arbitrary text, with the pieces detectors look for mixed in often enough to matter.
PIECES = st.sampled_from(
    [
        "06 12 34 56 78",
        "+33 6 12 34 56 78",
        "camille@example.org",
        " [at] ",
        " [dot] ",
        "né le ",
        "12/03/1994",
        "12 rue des Lilas, 69003 Lyon",
        "bourré",
        "mon patron est un con",
        "arrêt maladie",
        "soirée",
        "e\u0301",
        "\u200b",
        "Œ",
        "ß",
        "İ",
        "’",
        "\n",
        "c o n n a r d",
        "R H",
        "\u0430",
        "＠",
        "\ufe0f",
        "\u200d",
        "https://x.test/?e=a%40b.fr",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=30), PIECES), max_size=12).map("".join)

_EMAIL = st.from_regex(r"[a-z0-9._+-]{1,20}@[a-z0-9-]{1,15}\.[a-z]{2,6}", fullmatch=True)
_PHONE = st.from_regex(r"0[67]( ?\d\d){4}", fullmatch=True)


@FAST
@given(TEXT)
def test_find_pii_never_raises_and_spans_are_consistent(text: str) -> None:
    for match in find_pii(text, unique=False):
        assert shown(text[match.start : match.end]) == match.value
        assert "•" in match.value_masked


@FAST
@given(TEXT)
def test_find_risk_terms_never_raises_and_excerpts_are_short(text: str) -> None:
    for match in find_risk_terms(text, LEXICON):
        assert 0 <= match.start < match.end <= len(text)
        assert len(match.excerpt_masked) <= 80
        assert "\n" not in match.excerpt_masked


@FAST
@given(TEXT, st.tuples(st.integers(-5, 400), st.integers(-5, 400)))
def test_maskers_never_raise(text: str, span: tuple[int, int]) -> None:
    for masker in (mask_email, mask_phone, mask_address, mask_birthdate, mask_term):
        masked = masker(text)
        assert isinstance(masked, str)
    assert len(mask_excerpt(text, span)) <= 80


@FAST
@given(TEXT)
def test_maskers_are_idempotent(text: str) -> None:
    for masker in (mask_email, mask_phone, mask_address, mask_birthdate):
        once = masker(text)
        assert masker(once) == once, masker.__name__


@FAST
@given(_EMAIL, TEXT)
def test_masked_email_never_shows_the_address(email: str, noise: str) -> None:
    masked = mask_email(email)
    assert email not in masked
    assert masked.split("@")[0] != email.split("@")[0]
    text = f"{noise} contact {email} merci"
    for match in find_pii(text, unique=False):
        assert email not in match.value_masked


@FAST
@given(_PHONE, TEXT)
def test_masked_phone_never_shows_all_digits(phone: str, noise: str) -> None:
    digits = re.sub(r"\D", "", phone)
    assert re.sub(r"\D", "", mask_phone(phone)) != digits
    excerpt_text = f"{noise} appelle {phone} bourré"
    start = excerpt_text.rindex("bourré")
    excerpt = mask_excerpt(excerpt_text, (start, start + 6))
    if find_pii(phone):  # a valid number (not every 06/07 prefix is assigned)
        assert phone not in excerpt


@FAST
@given(TEXT)
def test_normalize_is_idempotent_and_mapped(text: str) -> None:
    norm, index = normalize_with_map(text)
    assert normalize(norm) == norm
    assert len(index) == len(norm)
    assert index == sorted(index)
    assert all(0 <= i < len(text) for i in index)


@FAST
@given(TEXT, st.text(max_size=30))
def test_name_matching_never_raises(text: str, name: str) -> None:
    result = name_matches(text, name)
    if result.found:
        assert shown(text[result.start : result.end]) == result.matched


# --- tricks: invisible characters and look-alike letters ----------------------------------------

_INVISIBLE = st.sampled_from(
    sorted(
        {chr(cp) for cp in range(0x10000) if unicodedata.category(chr(cp)) == "Cf"}
        | {"\ufe0f", "\ufe00", "\u034f", "\u180b", "\U000e0100", "\U000e0041"}
    )
)
_VALID_PHONE = st.from_regex(r"0[67]( ?[0-9]{2}){4}", fullmatch=True).filter(
    lambda phone: len(find_pii(phone)) == 1
)
_VALID_EMAIL = _EMAIL.filter(lambda email: [m.value for m in find_pii(f"à {email} !")] == [email])
_LOOKALIKES: dict[str, list[str]] = {}
for _char, _latin in LATIN_LOOKALIKES.items():
    _LOOKALIKES.setdefault(_latin.lower(), []).append(_char)


def _insert(value: str, inserts: list[tuple[int, str]]) -> str:
    chars = list(value)
    for position, char in inserts:
        chars.insert(min(position, len(chars)), char)
    return "".join(chars)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", unicodedata.normalize("NFKC", text))


@FAST
@given(_VALID_PHONE, st.lists(st.tuples(st.integers(0, 20), _INVISIBLE), min_size=1, max_size=8))
def test_invisible_characters_anywhere_in_a_phone_keep_it_found_and_masked(
    phone: str, inserts: list[tuple[int, str]]
) -> None:
    text = f"Tél : {_insert(phone, inserts)} merci, complètement bourré"
    [match] = [m for m in find_pii(text) if m.kind == "phone"]
    assert match.value == phone
    assert match.value_masked == mask_phone(phone)
    start = text.index("bourré")
    for output in (mask_pii(text), mask_excerpt(text, (start, start + 6))):
        assert _digits(phone) not in _digits(output), output
        assert not any(char in output for _, char in inserts)


@FAST
@given(_VALID_EMAIL, st.lists(st.tuples(st.integers(0, 40), _INVISIBLE), min_size=1, max_size=8))
def test_invisible_characters_anywhere_in_an_email_keep_it_masked(
    email: str, inserts: list[tuple[int, str]]
) -> None:
    text = f"Écrire à {_insert(email, inserts)} merci"
    [match] = find_pii(text)
    assert (match.kind, match.value) == ("email", email)
    assert email not in mask_pii(text)


@FAST
@given(
    st.sampled_from(["connard", "bourré", "gueule de bois", "hangover", "cocaïne"]),
    st.data(),
)
def test_lookalike_letters_in_a_risky_word_keep_it_found_and_masked(
    word: str, data: st.DataObject
) -> None:
    disguised = "".join(
        data.draw(st.sampled_from([c, *_LOOKALIKES.get(c, [])])) if c.isascii() else c for c in word
    )
    text = f"Hier soir, {disguised} comme jamais."
    found = find_risk_terms(text, LEXICON)
    assert len(found) == 1, disguised
    assert normalize(word).replace(" ", "") not in normalize(found[0].excerpt_masked)
