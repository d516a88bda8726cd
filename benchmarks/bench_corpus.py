"""Recall and false alarms of the risky-content detector on the labelled corpus.

Runs the shipped lexicon and its rules (or the lexicon given) on every post of
`checklists/risk_corpus.toml` in its own language, then the same posts in a k-fold by
vocabulary (`detect/folds.py`: each fold scored without the words only it holds, an estimate of
how the lists and rules fare on posts they were not written from). For each, prints per
category and language recall and wrong flags, then the totals: recall, harmless posts flagged,
risky posts flagged with a category they do not expect, and the gap between French and
English. With --misses, lists what was missed and flagged wrongly (whole corpus).
Then the holdouts, figures only, per category and language, never their posts or misses, so that
reading this output does not make them tuning sets (whoever reads their posts to tune must write
new ones), each read by the rules alone and by the rules with the meaning model (`detect.meaning`),
as the audit reads a page:
- `risk_holdout_2.toml`: blind for the rules, the first validation set, training posts since
  round 4 (as holdouts 3 and 4);
- `risk_holdout_3.toml`: blind for both, scored once after round 1 was frozen, then validation;
- `risk_holdout_4.toml`: blind for both, scored once after round 2 was frozen, then validation;
- `risk_holdout_5.toml`: blind for both, scored once after round 3, then validation, then
  training posts of round 5;
- `risk_holdout_6.toml` … `_9.toml`: blind for both, each scored once with the round-4 model,
  then training posts of round 5 (as holdout 5);
- `risk_holdout_10.toml` … `_13.toml`: blind for both, scored once with the round-5 model, then
  training posts of round 6;
- `risk_holdout_14.toml` … `_17.toml`: blind for both, scored once with the round-6 model, then
  training posts of round 7;
- `risk_holdout_18.toml` … `_23.toml`: blind for both, scored once with the round-7 model, then
  training posts of round 8;
- `risk_holdout_24.toml` … `_27.toml`: blind for both, scored once with the round-8 model, then
  training posts of round 9;
- `risk_holdout_28.toml` … `_31.toml`: blind for both, scored once with the round-9 model, then
  training posts of round 10;
- `risk_holdout_32.toml` … `_35.toml`: blind for both, scored once with the model that ships
  (round 10), unchanged; their figures together are round 10's test;
- `risk_pages.toml`: whole public pages, 80 harmless, 20 with a risky post (chose the model).
Last, the training batches (`risk_corpus_t*.toml`, `risk_corpus_u*.toml`: the model's training
posts beside the dev corpus) by the rules alone: written after the rules, never tuned on.
Run: python benchmarks/bench_corpus.py [--misses] [LEXICON]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ereputation.detect.corpus import (
    CORPUS_SPLITS,
    CorpusPost,
    Evaluation,
    evaluate,
    flag,
    load_corpus,
)
from ereputation.detect.folds import DEFAULT_FOLDS, vocabulary_folds
from ereputation.detect.risk_terms import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
HOLDOUTS = (
    ("risk_holdout_2.toml", "blind for the rules, validation for the model"),
    ("risk_holdout_3.toml", "blind for both until scored once, e3009c6; then validation"),
    ("risk_holdout_4.toml", "blind for both until scored once, ad34188; then validation"),
    ("risk_holdout_5.toml", "blind for both until scored once, a2535d2; training since round 5"),
    ("risk_holdout_6.toml", "blind for both until scored once, 7e44cf7; training since round 5"),
    ("risk_holdout_7.toml", "blind for both until scored once, 7e44cf7; training since round 5"),
    ("risk_holdout_8.toml", "blind for both until scored once, 7e44cf7; training since round 5"),
    ("risk_holdout_9.toml", "blind for both until scored once, 7e44cf7; training since round 5"),
    ("risk_holdout_10.toml", "blind for both until scored once, 4f445f7; training since round 6"),
    ("risk_holdout_11.toml", "blind for both until scored once, 4f445f7; training since round 6"),
    ("risk_holdout_12.toml", "blind for both until scored once, 4f445f7; training since round 6"),
    ("risk_holdout_13.toml", "blind for both until scored once, 4f445f7; training since round 6"),
    ("risk_holdout_14.toml", "blind for both until scored once, b02e90d; training since round 7"),
    ("risk_holdout_15.toml", "blind for both until scored once, b02e90d; training since round 7"),
    ("risk_holdout_16.toml", "blind for both until scored once, b02e90d; training since round 7"),
    ("risk_holdout_17.toml", "blind for both until scored once, b02e90d; training since round 7"),
    *(
        (f"risk_holdout_{n}.toml", "blind for both until scored once, 00aeab1; training, round 8")
        for n in range(18, 24)
    ),
    *(
        (f"risk_holdout_{n}.toml", "blind for both until scored once, 9b7edb9; training, round 9")
        for n in range(24, 28)
    ),
    *(
        (f"risk_holdout_{n}.toml", "blind for both until scored once, 5a57f89; training, round 10")
        for n in range(28, 32)
    ),
    *(
        (f"risk_holdout_{n}.toml", "blind for both until scored once, c04e413")
        for n in range(32, 36)
    ),
    ("risk_pages.toml", "whole pages, used to choose the model"),
)
# The holdouts the shipped model was scored on once.
BLIND = tuple(f"risk_holdout_{n}.toml" for n in range(32, 36))


def main(argv: list[str]) -> int:
    show = "--misses" in argv
    paths = [a for a in argv if not a.startswith("--")]
    lexicon = load_lexicon(Path(paths[0]) if paths else ROOT / "checklists" / "risk_terms.toml")
    corpus = load_corpus(ROOT / "checklists" / "risk_corpus.toml")
    for split in ("all", *CORPUS_SPLITS):
        posts = tuple(p for p in corpus if split in ("all", p.split))
        if not posts or (split != "all" and len(posts) == len(corpus)):
            continue  # an empty part, or one that is the whole corpus
        print(f"\n== {split} ==")
        started = time.perf_counter()
        result = evaluate(lexicon, posts)
        report(result, posts, time.perf_counter() - started, show=show and split == "all")
    print(f"\n== k-fold by vocabulary ({DEFAULT_FOLDS} folds, all posts) ==")
    started = time.perf_counter()
    result = vocabulary_folds(lexicon, corpus)
    report(result, corpus, time.perf_counter() - started, show=False)
    from ereputation.detect.meaning import bundled_model

    model = bundled_model()
    # The blind holdouts' posts and what each reader flagged, kept for their figures together.
    blind: list[CorpusPost] = []
    together: dict[str, dict[str, tuple[str, ...]]] = {"rules alone": {}, "rules + model": {}}
    for name, role in HOLDOUTS:
        holdout = load_corpus(ROOT / "checklists" / name)
        print(f"\n== holdout {name} ({role}): rules alone, figures only ==")
        started = time.perf_counter()
        rules = flag(lexicon, holdout)
        report(
            evaluate(lexicon, holdout, rules), holdout, time.perf_counter() - started, show=False
        )
        if model is None:
            print("(no meaning model: checklists/risk_model.npz or its encoder is missing)")
            continue
        print(f"\n== holdout {name} ({role}): rules + meaning model, figures only ==")
        started = time.perf_counter()
        flagged = flag(lexicon, holdout, model)
        report(
            evaluate(lexicon, holdout, flagged), holdout, time.perf_counter() - started, show=False
        )
        if name in BLIND:
            blind.extend(holdout)
            together["rules alone"].update(rules)
            together["rules + model"].update(flagged)
    if blind:
        # The test of round 10: its blind holdouts together, as pre-registered (docs/detection.md).
        for label, flagged in together.items():
            print(f"\n== blind holdouts {', '.join(BLIND)} together: {label}, figures only ==")
            report(evaluate(lexicon, blind, flagged), tuple(blind), 0.0, show=False)
    for path in sorted((ROOT / "checklists").glob("risk_corpus_[tu]*.toml")):
        batch = load_corpus(path)
        print(f"\n== training batch {path.name}: rules alone ==")
        started = time.perf_counter()
        report(evaluate(lexicon, batch), batch, time.perf_counter() - started, show=False)
    return 0


def report(
    result: Evaluation, posts: tuple[CorpusPost, ...], elapsed: float, *, show: bool
) -> None:
    print(f"{len(posts)} posts ({sum(p.harmless for p in posts)} harmless), {elapsed:.2f} s")
    print(f"{'category':<24}{'lang':<6}{'found':>8}{'recall':>9}{'wrong':>7}")
    for score in result.scores:
        wrong = "" if score.category in result.informational else str(len(score.false_hits))
        print(
            f"{score.category:<24}{score.lang:<6}{score.found:>4}/{score.expected:<3}"
            f"{score.recall:>9.0%}{wrong:>7}"
        )
    for lang in (None, "fr", "en"):
        name = lang or "all"
        print(
            f"{name:<4} recall {result.recall(lang):6.1%}   harmless flagged "
            f"{result.harmless_rate(lang):5.1%} ({len(result.harmless_flagged(lang))})   "
            f"wrong category {result.wrong_rate(lang):5.1%} ({len(result.wrong_category(lang))})"
        )
    print(f"fr-en recall gap {abs(result.recall('fr') - result.recall('en')):.1%}")
    if show:
        text = {p.id: p.text for p in posts}
        for post_id, category in result.misses():
            print(f"MISS  {category:<22} {post_id:<18} {text[post_id]}")
        for post_id, category in result.false_hits():
            print(f"FALSE {category:<22} {post_id:<18} {text[post_id]}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
