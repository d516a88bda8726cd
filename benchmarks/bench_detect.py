"""What the detectors cost on page text: the normalisation alone, then each detector.

Prints seconds per megabyte of visible text for the three forms of `detect.normalise` (shown,
Latin, matching), for personal data (`find_pii`) and risky wording (`find_risk_terms`), on an
ordinary French page and on one full of tricks (invisible characters, look-alikes, fullwidth
forms). Then what matching a person's role and keywords costs on one page's text, with and
without the synonym groups of every trade (the worst case: the trade is unknown). Run:
python benchmarks/bench_detect.py [megabytes]
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from ereputation.detect.matching import find_keywords, headline_matches
from ereputation.detect.normalise import latin_with_map, normalize_with_map, shown_with_map
from ereputation.detect.pii import find_pii
from ereputation.detect.risk_terms import find_risk_terms, load_lexicon
from ereputation.detect.synonyms import Synonyms
from ereputation.trades import load_trades, synonyms_for
from ereputation.web.networks import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
ORDINARY = (
    "Camille Martin, data analyst à Lyon depuis 2019. J'aide les équipes à lire leurs données : "
    "SQL, Python, Power BI, tableaux de bord et formations. Dernier projet : une étude de la "
    "fréquentation des médiathèques de la métropole, présentée au conseil en mars. "
)
TRICKY = (
    "Appelez le 06\u200d12\u200d34\u200d56\u200d78 ou écrivez à jean.dupont＠gmail.com. "
    "Quel c\u043enn\u0430rd, c o n n a r d, \U0001d41c\U0001d428\U0001d427 ! "
    "Ｓｏｉｒéｅ ｅｎｃｏｒｅ, com\u200bplètement bourr\u0435\ufe0f. "
)


def risky_posts(size: int) -> str:
    """The dev corpus's risky posts, one per line, up to `size` characters."""
    from ereputation.detect.corpus import load_corpus

    posts = load_corpus(ROOT / "checklists" / "risk_corpus.toml")
    return "\n".join(p.text for p in posts if p.expect)[:size]


def implicit_posts(size: int) -> str:
    """Training batches' risky posts said without the obvious words, up to `size` characters:
    the model, not the rules, finds them, and shows each in its best sentence."""
    from ereputation.detect.corpus import load_corpus

    posts = [
        p
        for path in sorted((ROOT / "checklists").glob("risk_corpus_u*.toml"))
        for p in load_corpus(path)
        if p.expect and p.note == "said without the obvious words"
    ]
    return " ".join(p.text for p in posts)[:size]


def page(sample: str, megabytes: float) -> str:
    size = int(megabytes * 1_000_000)
    return (sample * (size // len(sample) + 1))[:size]


def per_mb(label: str, text: str, work: Callable[[str], object]) -> None:
    started = time.perf_counter()
    work(text)
    elapsed = time.perf_counter() - started
    print(f"  {label:<28} {elapsed / (len(text) / 1_000_000):6.2f} s/MB")


def main() -> None:
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    lexicon = load_lexicon(ROOT / "checklists" / "risk_terms.toml")
    find_pii("06 12 34 56 78")  # load phonenumbers before timing
    started = time.perf_counter()
    find_risk_terms("Bonjour. Hello.", lexicon)  # the rules' word classes compile on first use
    print(f"first call (compiles the rules' word classes): {time.perf_counter() - started:.2f} s")
    for name, sample in (("ordinary French page", ORDINARY), ("page full of tricks", TRICKY)):
        text = page(sample, megabytes)
        print(f"{name}, {len(text) / 1_000_000:.1f} MB of visible text:")
        per_mb("shown (invisible removed)", text, shown_with_map)
        per_mb("Latin (for personal data)", text, latin_with_map)
        per_mb("matching (word lists)", text, normalize_with_map)
        per_mb("find_pii", text, find_pii)
        per_mb("find_risk_terms", text, lambda t: find_risk_terms(t, lexicon))
    from ereputation.detect.meaning import bundled_model, second_opinion

    started = time.perf_counter()
    model = bundled_model()
    print(f"meaning model loaded once per process: {time.perf_counter() - started:.2f} s")
    # What one audit meets: a page's visible text is read up to 20,000 characters.
    for name, text in (
        ("20,000 characters of ordinary text", page(ORDINARY, 0.02)),
        ("20,000 characters of tricks", page(TRICKY, 0.02)),
        ("one insult repeated (24,000 characters)", "merde " * 4000),
        # What costs the meaning model most when it reads it (emoji, another script, dots).
        ("20,000 characters of spaced emoji", "🎉 🍻 😂 " * 2500),
        ("20,000 characters of Hebrew", "שלום לכולם, היום בעבודה. " * 800),
        ("20,000 characters of '. . '", ". . " * 5000),
        ("20,000 characters of short sentences", "Court. Oui. " * 1700),
        # Every passage distinct and risky-sounding: the most the second look (e5) can be given.
        ("20,000 characters of distinct risky posts", risky_posts(20_000)),
        # Risk said without risky words: the passages the model adds, each shown in its best
        # sentence, and the rules' few findings it reads again.
        ("20,000 characters of implicit risky posts", implicit_posts(20_000)),
    ):
        started = time.perf_counter()
        find_pii(text)
        found = find_risk_terms(text, lexicon)
        rules = time.perf_counter() - started
        if model is not None:
            second_opinion(text, found, model, lexicon)
        print(
            f"{name}: both detectors {rules:.3f} s, with the meaning model "
            f"{time.perf_counter() - started:.3f} s (target < 1 s)"
        )
    keywords_and_role()


# Twenty keywords, each an entry of a synonym group, none of them on the page: every synonym of
# each is tried, which is the most work a page can cost.
KEYWORDS = (
    "Machine learning",
    "Data visualisation",
    "Business intelligence",
    "Big data",
    "Deep learning",
    "Statistics",
    "Dashboard",
    "Data analysis",
    "Cloud computing",
    "Open source",
    "Database",
    "Continuous integration",
    "Software development",
    "Project management",
    "Recruitment",
    "Negotiation",
    "Compliance",
    "Accounting",
    "Logistics",
    "Supply chain",
)
INCLUSIVE = (
    "Chargé·e d'études, développeur·euse, directeur·rice de projet, infirmier·ère·s à Lyon. "
    "Nous cherchons un·e analyste (H/F) pour nos équipes : chef·fe de projet, rédacteur.rice. "
)


def keywords_and_role() -> None:
    """Cost of `find_keywords` and `headline_matches` on the 20,000 characters a page is read to."""
    catalogue = load_catalogue(ROOT / "checklists" / "networks.toml")
    trades = load_trades(ROOT / "checklists" / "trades.toml", catalogue)
    every = synonyms_for(trades, None)
    groups = len(every.groups)
    print(f"keywords: {len(KEYWORDS)} keywords absent from the page, {groups} synonym groups")
    for name, text in (
        ("20,000 characters, ordinary", page(ORDINARY, 0.02)),
        ("20,000 characters, inclusive", page(INCLUSIVE, 0.02)),
    ):
        for label, synonyms in (("exact words only", None), ("every trade's synonyms", every)):
            started = time.perf_counter()
            find_keywords(text, KEYWORDS, synonyms)
            elapsed = time.perf_counter() - started
            print(f"  {name:<29} {label:<24} {elapsed * 1000:6.1f} ms (target < 100 ms)")
    started = time.perf_counter()
    for _ in range(100):
        headline_matches("Analyste de données senior", "Senior data analyst", synonyms=every)
    per_call = (time.perf_counter() - started) * 10
    print(f"  headline vs role with every trade's synonyms: {per_call:.2f} ms a call")
    started = time.perf_counter()
    Synonyms(every.groups)
    print(f"  indexing {groups} groups: {(time.perf_counter() - started) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
