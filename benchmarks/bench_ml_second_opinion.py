"""A machine-learned second opinion on risky content, measured against the rules (issue 12).

Linear models on TF-IDF of character n-grams (2-5, `char_wb`) and word uni/bigrams of the
project's normalised text (`detect.normalise.normalize`), one-vs-rest per lexicon category. Every
choice (model, one model or one per language, decision threshold) is made by 5-fold
cross-validation on the dev corpus only (`checklists/risk_corpus.toml`, folds of
`detect.folds.fold_of`): each fold is scored by a model trained on the four others, at a threshold
chosen on those four alone (nested folds) so that at most 3 % of their harmless posts are
flagged. Beside each model: the rules on the same folds (tuned on every dev post: optimistic),
the rules' k-fold by vocabulary (`detect.folds`: pessimistic), and two combinations with it:
rules OR model (the model adds a finding only at a high threshold, <= 1 % harmless flagged on
its own) and rules AND-NOT model (a rule's finding is dropped when the model scores its category
below a low threshold, one that keeps 98 % of the true pairs on the training folds), and both
at once. Last, each model's cost: training time, size, time to score a 20,000-character page.

`--holdout` scores the frozen choice, trained on every dev post, on the blind holdout
(`checklists/risk_holdout_2.toml`) and prints rates only, never a post, an id or a miss. Run it
once, after the choices are committed; whoever reads its posts to tune must write a new one.
scikit-learn is not a dependency of the project: without it this script says so and exits 0.
Run: python benchmarks/bench_ml_second_opinion.py [--holdout]
"""

from __future__ import annotations

import importlib
import pickle
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ereputation.detect.corpus import CorpusPost, Evaluation, evaluate, flag, load_corpus
from ereputation.detect.folds import DEFAULT_FOLDS, fold_of, vocabulary_folds
from ereputation.detect.normalise import normalize
from ereputation.detect.risk_terms import Lexicon, load_lexicon

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "checklists" / "risk_corpus.toml"
HOLDOUT = ROOT / "checklists" / "risk_holdout_2.toml"
LEXICON = ROOT / "checklists" / "risk_terms.toml"
HARMLESS_TARGET = 0.03  # the false-alarm target
OR_TARGET = 0.01  # the model alone, when it only adds to the rules
VETO_KEEP = 0.98  # true (post, category) pairs the veto threshold keeps on the training folds
PAGE_CHARS = 20_000
# The choice frozen before the holdout was scored (see docs/detection.md); --holdout uses it:
# the best "rules OR model" recall under 3 % harmless flagged in the 5-fold figures. Decided
# before the holdout too: a way of using it ships only if, on the holdout, it flags at most 3 %
# of harmless posts and finds at least 5 points (8 of 162 risky posts) more than the rules.
FROZEN = "linear SVM C=2, one model"

Flags = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Config:
    name: str
    kind: str  # "logreg" | "svm"
    c: float
    per_language: bool


CONFIGS = (
    Config("logreg C=3, one model", "logreg", 3.0, False),
    Config("logreg C=10, one model", "logreg", 10.0, False),
    Config("logreg C=30, one model", "logreg", 30.0, False),
    Config("logreg C=10, per language", "logreg", 10.0, True),
    Config("linear SVM C=0.1, one model", "svm", 0.1, False),
    Config("linear SVM C=0.5, one model", "svm", 0.5, False),
    Config("linear SVM C=2, one model", "svm", 2.0, False),
    Config("linear SVM C=5, one model", "svm", 5.0, False),
    Config("linear SVM C=0.5, per language", "svm", 0.5, True),
)


class Model:
    """TF-IDF features and one binary linear classifier per category (a language column too)."""

    def __init__(self, sk: Any, config: Config, categories: Sequence[str]) -> None:
        self.sk = sk
        self.config = config
        self.categories = tuple(categories)
        self.char: Any = None
        self.word: Any = None
        self.classifiers: dict[str, Any] = {}

    def _features(self, texts: Sequence[str], langs: Sequence[str], *, fit: bool) -> Any:
        if fit:
            text_module = self.sk["text"]
            self.char = text_module.TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2
            )
            self.word = text_module.TfidfVectorizer(
                analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=2
            )
            chars, words = self.char.fit_transform(texts), self.word.fit_transform(texts)
        else:
            chars, words = self.char.transform(texts), self.word.transform(texts)
        language = self.sk["sparse"].csr_matrix([[1.0 if lang == "fr" else 0.0] for lang in langs])
        return self.sk["sparse"].hstack([chars, words, language], format="csr")

    def fit(self, texts: Sequence[str], langs: Sequence[str], labels: Sequence[set[str]]) -> None:
        features = self._features(texts, langs, fit=True)
        for category in self.categories:
            target = [category in expected for expected in labels]
            if not any(target):
                continue  # a category this part never shows: never predicted
            if self.config.kind == "logreg":
                clf = self.sk["linear"].LogisticRegression(
                    C=self.config.c, class_weight="balanced", solver="liblinear", random_state=0
                )
            else:
                clf = self.sk["svm"].LinearSVC(
                    C=self.config.c, class_weight="balanced", random_state=0
                )
            self.classifiers[category] = clf.fit(features, target)

    def scores(self, texts: Sequence[str], langs: Sequence[str]) -> list[dict[str, float]]:
        features = self._features(texts, langs, fit=False)
        columns: dict[str, Any] = {}
        for category, clf in self.classifiers.items():
            if self.config.kind == "logreg":
                columns[category] = clf.predict_proba(features)[:, 1]
            else:
                columns[category] = clf.decision_function(features)
        return [{c: float(v[i]) for c, v in columns.items()} for i in range(len(texts))]

    def size(self) -> tuple[int, int, int]:
        """Non-zero coefficients, vocabulary entries, pickled bytes."""
        coefs = sum(int((clf.coef_ != 0).sum()) for clf in self.classifiers.values())
        vocabulary = len(self.char.vocabulary_) + len(self.word.vocabulary_)
        return coefs, vocabulary, len(pickle.dumps((self.char, self.word, self.classifiers)))


class Opinion:
    """A config trained on some posts: one Model, or one per language."""

    def __init__(self, sk: Any, config: Config, categories: Sequence[str]) -> None:
        self.make: Callable[[], Model] = lambda: Model(sk, config, categories)
        self.config = config
        self.models: dict[str, Model] = {}

    def fit(self, posts: Sequence[CorpusPost]) -> Opinion:
        groups = _by_language(posts) if self.config.per_language else {"any": list(posts)}
        for lang, mine in groups.items():
            model = self.make()
            model.fit([normalize(p.text) for p in mine], [p.lang for p in mine], _labels(mine))
            self.models[lang] = model
        return self

    def scores(self, posts: Sequence[CorpusPost]) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        groups = _by_language(posts) if self.config.per_language else {"any": list(posts)}
        for lang, mine in groups.items():
            found = self.models[lang].scores(
                [normalize(p.text) for p in mine], [p.lang for p in mine]
            )
            out.update({p.id: s for p, s in zip(mine, found, strict=True)})
        return out


def _by_language(posts: Sequence[CorpusPost]) -> dict[str, list[CorpusPost]]:
    groups: dict[str, list[CorpusPost]] = {}
    for post in posts:
        groups.setdefault(post.lang, []).append(post)
    return groups


def _labels(posts: Sequence[CorpusPost]) -> list[set[str]]:
    return [set(p.expect) for p in posts]


@dataclass(frozen=True)
class Thresholds:
    alone: float  # <= 3 % harmless flagged
    high: float  # <= 1 % harmless flagged (rules OR model)
    veto: float  # keeps VETO_KEEP of the true pairs (rules AND-NOT model)


def _at_most(values: list[float], rate: float) -> float:
    """The lowest threshold (score >= it flags) flagging at most `rate` of `values`."""
    ordered = sorted(values, reverse=True)
    allowed = int(rate * len(ordered))
    if allowed >= len(ordered):
        return min(ordered)
    return ordered[allowed] + 1e-9  # just above the first value that must stay unflagged


def choose(
    posts: Sequence[CorpusPost], scores: dict[str, dict[str, float]], informational: frozenset[str]
) -> Thresholds:
    """Thresholds from out-of-fold scores of `posts` (never from the posts they will judge)."""
    harmless = [
        max((v for c, v in scores[p.id].items() if c not in informational), default=0.0)
        for p in posts
        if p.harmless
    ]
    true_pairs = [scores[p.id].get(c, 0.0) for p in posts for c in p.expect]
    true_pairs.sort()
    veto = true_pairs[int((1 - VETO_KEEP) * len(true_pairs))] if true_pairs else 0.0
    return Thresholds(_at_most(harmless, HARMLESS_TARGET), _at_most(harmless, OR_TARGET), veto)


def out_of_fold(
    sk: Any, config: Config, categories: Sequence[str], posts: Sequence[CorpusPost], folds: int
) -> dict[str, dict[str, float]]:
    """Each post scored by a model trained on the other folds."""
    scores: dict[str, dict[str, float]] = {}
    for fold in range(folds):
        train = [p for p in posts if fold_of(p.id, folds) != fold]
        test = [p for p in posts if fold_of(p.id, folds) == fold]
        if test:
            scores.update(Opinion(sk, config, categories).fit(train).scores(test))
    return scores


def judge(
    scores: dict[str, dict[str, float]],
    rules: Flags,
    limits: Thresholds,
    posts: Sequence[CorpusPost],
) -> dict[str, Flags]:
    """The model alone, rules OR model, rules AND-NOT model, for each post."""
    alone: Flags = {}
    either: Flags = {}
    vetoed: Flags = {}
    for post in posts:
        mine = scores[post.id]
        found = tuple(c for c, v in mine.items() if v >= limits.alone)
        high = tuple(c for c, v in mine.items() if v >= limits.high)
        alone[post.id] = found
        either[post.id] = tuple(dict.fromkeys((*rules[post.id], *high)))
        vetoed[post.id] = tuple(c for c in rules[post.id] if mine.get(c, 0.0) >= limits.veto)
    both: Flags = {
        pid: tuple(dict.fromkeys((*vetoed[pid], *(c for c in either[pid] if c not in rules[pid]))))
        for pid in vetoed
    }
    return {
        "model alone": alone,
        "rules OR model": either,
        "rules AND-NOT model": vetoed,
        "(rules AND-NOT model) OR model": both,
    }


def nested_cv(
    sk: Any, config: Config, lexicon: Lexicon, posts: Sequence[CorpusPost], rules: Flags
) -> dict[str, Flags]:
    """Outer 5 folds; in each, thresholds from inner folds of the four training folds only."""
    categories = [c.id for c in lexicon.categories]
    informational = frozenset(c.id for c in lexicon.categories if c.informational)
    results: dict[str, Flags] = {}
    for fold in range(DEFAULT_FOLDS):
        train = [p for p in posts if fold_of(p.id) != fold]
        test = [p for p in posts if fold_of(p.id) == fold]
        # Inner folds: the outer fold's posts fall into one inner fold id, so re-hash the rest.
        inner = _inner_scores(sk, config, categories, train)
        limits = choose(train, inner, informational)
        scores = Opinion(sk, config, categories).fit(train).scores(test)
        for name, flags in judge(scores, rules, limits, test).items():
            results.setdefault(name, {}).update(flags)
    return results


def _inner_scores(
    sk: Any, config: Config, categories: Sequence[str], posts: Sequence[CorpusPost]
) -> dict[str, dict[str, float]]:
    scores: dict[str, dict[str, float]] = {}
    for fold in range(DEFAULT_FOLDS - 1):
        train = [p for p in posts if fold_of(p.id + "/inner", DEFAULT_FOLDS - 1) != fold]
        test = [p for p in posts if fold_of(p.id + "/inner", DEFAULT_FOLDS - 1) == fold]
        scores.update(Opinion(sk, config, categories).fit(train).scores(test))
    return scores


def line(name: str, result: Evaluation) -> None:
    parts = [f"{name:<36}"]
    for lang in (None, "fr", "en"):
        parts.append(
            f"{lang or 'all'} {result.recall(lang):5.1%} / {result.harmless_rate(lang):4.1%}"
            f" / {result.wrong_rate(lang):4.1%}"
        )
    print("   ".join(parts))


def header() -> None:
    print(f"{'':<36}recall / harmless flagged / wrong category, all, fr and en")


def page_text(posts: Sequence[CorpusPost]) -> str:
    parts: list[str] = []
    size = 0
    while size < PAGE_CHARS:
        for post in posts:
            parts.append(post.text)
            size += len(post.text) + 2
    return ". ".join(parts)[:PAGE_CHARS]


def costs(sk: Any, config: Config, lexicon: Lexicon, posts: Sequence[CorpusPost]) -> None:
    categories = [c.id for c in lexicon.categories]
    started = time.perf_counter()
    opinion = Opinion(sk, config, categories).fit(posts)
    trained = time.perf_counter() - started
    coefs, vocabulary, size = (
        sum(x) for x in zip(*(m.size() for m in opinion.models.values()), strict=True)
    )
    page = page_text(posts)
    times = []
    for _ in range(5):
        started = time.perf_counter()
        model = next(iter(opinion.models.values()))
        model.scores([normalize(page)], ["fr"])
        times.append(time.perf_counter() - started)
    print(
        f"{config.name}: training {trained:.1f} s on {len(posts)} posts; {coefs:,} non-zero "
        f"coefficients, {vocabulary:,} n-grams, {size / 1e6:.1f} MB pickled; a page of "
        f"{PAGE_CHARS:,} characters scored in {min(times) * 1000:.0f} ms (best of 5)"
    )


def sklearn() -> Any:
    try:
        return {
            "text": importlib.import_module("sklearn.feature_extraction.text"),
            "linear": importlib.import_module("sklearn.linear_model"),
            "svm": importlib.import_module("sklearn.svm"),
            "sparse": importlib.import_module("scipy.sparse"),
        }
    except ImportError:
        return None


def main(argv: list[str]) -> int:
    sk = sklearn()
    if sk is None:
        print("bench_ml_second_opinion: scikit-learn is not installed, nothing measured")
        return 0
    lexicon = load_lexicon(LEXICON)
    dev = load_corpus(CORPUS)
    if "--holdout" in argv:
        return holdout(sk, lexicon, dev)
    print(f"{len(dev)} dev posts ({sum(p.harmless for p in dev)} harmless), {DEFAULT_FOLDS} folds")
    started = time.perf_counter()
    rules = flag(lexicon, dev)
    by_vocabulary = vocabulary_folds(lexicon, dev)
    print(f"rules: {time.perf_counter() - started:.1f} s")
    header()
    line("rules (tuned on these posts)", evaluate(lexicon, dev, rules))
    line("rules, k-fold by vocabulary", by_vocabulary)
    for config in CONFIGS:
        started = time.perf_counter()
        results = nested_cv(sk, config, lexicon, dev, dict(by_vocabulary.flagged))
        print(f"-- {config.name} ({time.perf_counter() - started:.0f} s)")
        for name, flags in results.items():
            line(name, evaluate(lexicon, dev, flags))
    print("-- costs")
    for config in CONFIGS:
        costs(sk, config, lexicon, dev)
    return 0


def holdout(sk: Any, lexicon: Lexicon, dev: Sequence[CorpusPost]) -> int:
    """The frozen choice on the blind holdout: rates only."""
    config = next(c for c in CONFIGS if c.name == FROZEN)
    categories = [c.id for c in lexicon.categories]
    informational = frozenset(c.id for c in lexicon.categories if c.informational)
    limits = choose(dev, out_of_fold(sk, config, categories, dev, DEFAULT_FOLDS), informational)
    opinion = Opinion(sk, config, categories).fit(dev)
    posts = load_corpus(HOLDOUT)
    rules = flag(lexicon, posts)
    print(f"blind holdout ({HOLDOUT.name}): {len(posts)} posts, rates only; frozen: {config.name}")
    print(f"thresholds: alone {limits.alone:.3f}, high {limits.high:.3f}, veto {limits.veto:.3f}")
    header()
    line("rules", evaluate(lexicon, posts, rules))
    for name, flags in judge(opinion.scores(posts), rules, limits, posts).items():
        line(name, evaluate(lexicon, posts, flags))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
