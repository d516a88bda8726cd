"""The meaning model's n-grams (`detect.ngrams`): the features it was trained on, exactly."""

from __future__ import annotations

import zlib
from collections import Counter

import numpy as np

from ereputation.detect.ngrams import HASH_BITS, hashed_ngrams, tfidf_vector


def _crc(kind: str, gram: str) -> int:
    return zlib.crc32(f"{kind}{gram}".encode()) & ((1 << HASH_BITS) - 1)


def test_words_give_their_padded_character_grams_and_word_unigrams_and_bigrams() -> None:
    counts = hashed_ngrams("Bu bu!")
    expected: Counter[int] = Counter()
    for word in ("bu", "bu!"):  # the matching form: lower case; words split on spaces
        padded = f" {word} "
        for n in (2, 3, 4, 5):
            expected.update(_crc("c", padded[i : i + n]) for i in range(len(padded) - n + 1))
    expected.update(_crc("w", t) for t in ("bu", "bu", "!", "bu bu", "bu !"))
    assert counts == expected


def test_a_word_repeated_counts_each_time_and_reads_the_same_as_alone() -> None:
    once = hashed_ngrams("soirée")
    thrice = hashed_ngrams("soirée soirée soirée")
    grams = [h for h in once if h != _crc("w", "soiree")]
    assert all(thrice[h] == 3 * once[h] for h in grams)
    assert thrice[_crc("w", "soiree soiree")] == 2


def test_the_tfidf_vector_keeps_known_grams_at_unit_length() -> None:
    counts = hashed_ngrams("le patron est parti")
    known = np.array(sorted(counts)[::2], dtype=np.int64)
    columns, values = tfidf_vector(counts, known, np.ones(len(known), dtype=np.float32))
    assert sorted(known[columns].tolist()) == known.tolist()
    assert abs(float(values @ values) - 1.0) < 1e-5
