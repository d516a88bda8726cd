"""The meaning model's second view of a passage: its character and word n-grams, hashed.

Sentence embeddings (`detect.meaning`) read what a passage is about; n-grams read how it is said
(slang, spelling, emoji, inflections: `bourré`, `bourrée`, `bourrés` share `bour`, `ourr`).
Each n-gram of the matching form (`normalise.normalize`: lower case, no accents, look-alikes
read as Latin) is hashed (CRC-32, 24 bits: collisions are rare at the model's vocabulary size)
and only the hashes seen in training are kept, with their inverse document frequency. A
passage's vector is the TF-IDF of its hashed n-grams (sublinear term frequency, unit length), as
scikit-learn's `TfidfVectorizer` would make it, computed here so that the tool needs no
scikit-learn at run time.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ereputation.detect.normalise import normalize

if TYPE_CHECKING:
    import numpy as np

__all__ = ["HASH_BITS", "hashed_ngrams", "tfidf_vector"]

HASH_BITS = 24
_MASK = (1 << HASH_BITS) - 1
CHAR_ORDERS = (2, 3, 4, 5)
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _hash(kind: str, gram: str) -> int:
    return zlib.crc32(f"{kind}{gram}".encode()) & _MASK


@lru_cache(maxsize=4096)
def _word_grams(word: str) -> tuple[int, ...]:
    """The hashed character n-grams of one word, padded: a page repeats its words, and hashing
    them was most of the n-grams' cost."""
    padded = f" {word} "
    return tuple(
        _hash("c", padded[i : i + n]) for n in CHAR_ORDERS for i in range(len(padded) - n + 1)
    )


def hashed_ngrams(text: str) -> Counter[int]:
    """Counts of the hashed n-grams of `text`: characters 2-5 inside each word padded with a
    space on each side, and word unigrams and bigrams (punctuation and emoji are words)."""
    norm = normalize(text)
    counts: Counter[int] = Counter()
    for word in norm.split():
        counts.update(_word_grams(word))
    tokens = _TOKEN.findall(norm)
    for i, token in enumerate(tokens):
        counts[_hash("w", token)] += 1
        if i + 1 < len(tokens):
            counts[_hash("w", f"{token} {tokens[i + 1]}")] += 1
    return counts


def tfidf_vector(
    counts: Counter[int], vocabulary: np.ndarray[Any, Any], idf: np.ndarray[Any, Any]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """(columns, values) of a passage's unit TF-IDF vector over `vocabulary` (sorted hashes,
    with their `idf`); hashes outside the vocabulary are dropped."""
    import numpy as np

    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    hashes = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
    tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
    columns = np.searchsorted(vocabulary, hashes)
    columns = np.minimum(columns, len(vocabulary) - 1)
    known = vocabulary[columns] == hashes
    columns, tf = columns[known], tf[known]
    values = (1.0 + np.log(tf)) * idf[columns]
    norm = math.sqrt(float(values @ values))
    if norm > 0:
        values = values / norm
    return columns, values.astype(np.float32)
