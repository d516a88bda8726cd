"""The labelled corpus of risky and harmless posts (`checklists/risk_corpus.toml`), and how a
lexicon scores on it.

Each post says which lexicon categories a reader would expect (`expect`); an empty list marks a
harmless look-alike (a bartender's job, a criminal lawyer's cases). `evaluate` runs a lexicon on
every post and counts, per category and language, what it found, what it missed and what it
flagged wrongly. Categories whose severity is "info" (political, religious) are information,
never a fault: they are scored for recall but never count as a false alarm.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ereputation.detect.risk_terms import Lexicon, find_risk_terms
from ereputation.errors import InputError, Problem
from ereputation.resources import checklists_dir
from ereputation.tomlfile import Table, key_path, load_toml

if TYPE_CHECKING:
    from ereputation.detect.meaning import MeaningModel

__all__ = [
    "CORPUS_LANGUAGES",
    "CORPUS_SPLITS",
    "CorpusError",
    "CorpusPost",
    "Evaluation",
    "Score",
    "default_corpus_path",
    "evaluate",
    "flag",
    "load_corpus",
    "parse_corpus",
]

CORPUS_LANGUAGES = ("fr", "en")
CORPUS_SPLITS = ("dev", "holdout")
_ID = r"[a-z0-9_-]+"


class CorpusError(InputError):
    """A corpus that cannot be used; every problem is listed with its key path."""


@dataclass(frozen=True)
class CorpusPost:
    id: str
    lang: str
    text: str
    expect: tuple[str, ...]  # lexicon category ids; empty for a harmless look-alike
    note: str = ""
    # "holdout": written after the rules were tuned and never used to tune them, so that its
    # figures say how the rules fare on posts they were not fitted to.
    split: str = "dev"

    @property
    def harmless(self) -> bool:
        return not self.expect


def default_corpus_path() -> Path:
    return checklists_dir() / "risk_corpus.toml"


def load_corpus(path: Path | None = None) -> tuple[CorpusPost, ...]:
    """Read and validate a corpus file (the bundled one by default); problems raised together."""
    where = Path(path) if path is not None else default_corpus_path()
    data = load_toml(where, CorpusError)
    try:
        return parse_corpus(data)
    except CorpusError as exc:
        raise CorpusError(Problem(f"{where}: {p.where}", p.message) for p in exc.problems) from None


def parse_corpus(data: Mapping[str, Any]) -> tuple[CorpusPost, ...]:
    """Validate parsed TOML data into posts: ids unique, languages known, texts non-empty."""
    problems: list[Problem] = []
    root = Table(data, "", problems)
    posts = root.each("posts", _post)
    if not root.has("posts"):
        root.problem("posts", "is required")
    root.finish()
    seen: dict[str, int] = {}
    for index, post in enumerate(posts):
        if post.id in seen:
            where = key_path(key_path("posts", index), "id")
            problems.append(Problem(where, f"duplicate post id {post.id!r}"))
        seen.setdefault(post.id, index)
    if problems:
        raise CorpusError(problems)
    return tuple(posts)


def _post(table: Table) -> CorpusPost | None:
    post_id = table.string("id", required=True, pattern=_ID, hint=" (use a-z, 0-9, _ and -)")
    lang = table.string("lang", required=True, choices=CORPUS_LANGUAGES)
    text = table.string("text", required=True)
    note = table.string("note") or ""
    split = table.string("split", choices=CORPUS_SPLITS) or "dev"
    if not table.has("expect"):
        table.problem("expect", "is required (an empty list marks a harmless look-alike)")
    expect = table.strings("expect", limit=10)
    if post_id is None or lang is None or text is None:
        return None
    return CorpusPost(post_id, lang, text, tuple(dict.fromkeys(expect)), note, split)


def unknown_categories(posts: Iterable[CorpusPost], lexicon: Lexicon) -> list[str]:
    """`post id: category` for each expected category the lexicon does not have."""
    known = {c.id for c in lexicon.categories}
    return [f"{p.id}: {c}" for p in posts for c in p.expect if c not in known]


# --- evaluation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Score:
    """One category in one language: posts expecting it, those found, and wrong flags."""

    category: str
    lang: str
    expected: int
    missed: tuple[str, ...]  # ids of posts expecting the category where it was not found
    false_hits: tuple[str, ...]  # ids of posts flagged with the category without expecting it

    @property
    def found(self) -> int:
        return self.expected - len(self.missed)

    @property
    def recall(self) -> float:
        return self.found / self.expected if self.expected else 1.0


@dataclass(frozen=True)
class Evaluation:
    """A lexicon's results on a corpus.

    recall: expected (post, category) pairs found; false alarms: harmless posts flagged with any
    category that is not information ("harmless flagged"), and categories flagged on a risky
    post that does not expect them ("wrong category"), each over the posts of that side.
    """

    scores: tuple[Score, ...]
    flagged: Mapping[str, tuple[str, ...]]  # post id -> categories found (info ones included)
    posts: tuple[CorpusPost, ...]
    informational: frozenset[str]

    def _posts(self, lang: str | None) -> list[CorpusPost]:
        return [p for p in self.posts if lang is None or p.lang == lang]

    def _scores(self, lang: str | None, category: str | None) -> list[Score]:
        return [
            s
            for s in self.scores
            if (lang is None or s.lang == lang) and (category is None or s.category == category)
        ]

    def recall(self, lang: str | None = None, category: str | None = None) -> float:
        scores = self._scores(lang, category)
        expected = sum(s.expected for s in scores)
        return sum(s.found for s in scores) / expected if expected else 1.0

    def misses(self, lang: str | None = None) -> list[tuple[str, str]]:
        """(post id, category) pairs expected and not found."""
        return [(pid, s.category) for s in self._scores(lang, None) for pid in s.missed]

    def false_hits(self, lang: str | None = None) -> list[tuple[str, str]]:
        """(post id, category) pairs flagged without being expected (information excluded)."""
        return [
            (pid, s.category)
            for s in self._scores(lang, None)
            if s.category not in self.informational
            for pid in s.false_hits
        ]

    def harmless_flagged(self, lang: str | None = None) -> list[str]:
        """Ids of harmless posts flagged with a category that is not information."""
        return [
            p.id
            for p in self._posts(lang)
            if p.harmless and set(self.flagged.get(p.id, ())) - self.informational
        ]

    def harmless_rate(self, lang: str | None = None) -> float:
        harmless = [p for p in self._posts(lang) if p.harmless]
        return len(self.harmless_flagged(lang)) / len(harmless) if harmless else 0.0

    def wrong_category(self, lang: str | None = None) -> list[tuple[str, str]]:
        """Risky posts flagged with a (non-information) category they do not expect."""
        risky = {p.id for p in self._posts(lang) if not p.harmless}
        return [(pid, c) for pid, c in self.false_hits(lang) if pid in risky]

    def wrong_rate(self, lang: str | None = None) -> float:
        risky = [p for p in self._posts(lang) if not p.harmless]
        wrong = {pid for pid, _ in self.wrong_category(lang)}
        return len(wrong) / len(risky) if risky else 0.0


def flag(
    lexicon: Lexicon, posts: Iterable[CorpusPost], model: MeaningModel | None = None
) -> dict[str, tuple[str, ...]]:
    """The categories `lexicon` finds in each post (read in its own language), by post id; with
    `model`, as the audit reads a page: the rules, then the model's second opinion."""
    if model is not None:
        from ereputation.detect.meaning import second_opinion
    flagged: dict[str, tuple[str, ...]] = {}
    for post in posts:
        found = find_risk_terms(post.text, lexicon, (post.lang,), max_per_category=1)
        if model is not None:
            found = second_opinion(post.text, found, model, lexicon, max_per_category=1)
        flagged[post.id] = tuple(dict.fromkeys(m.category for m in found))
    return flagged


def evaluate(
    lexicon: Lexicon,
    posts: Iterable[CorpusPost],
    flagged: Mapping[str, tuple[str, ...]] | None = None,
) -> Evaluation:
    """Run `lexicon` on every post (in its own language) and score it per category and language.

    `flagged`, when given, holds what was found already (see `detect.folds`): only scored here.
    """
    corpus = tuple(posts)
    informational = frozenset(c.id for c in lexicon.categories if c.informational)
    if flagged is None:
        flagged = flag(lexicon, corpus)
    # Categories the lexicon lacks still count: their posts are all misses.
    categories = list(
        dict.fromkeys([*(c.id for c in lexicon.categories), *(c for p in corpus for c in p.expect)])
    )
    scores: list[Score] = []
    for lang in sorted({p.lang for p in corpus}):
        mine = [p for p in corpus if p.lang == lang]
        for category in categories:
            expecting = [p for p in mine if category in p.expect]
            missed = tuple(p.id for p in expecting if category not in flagged[p.id])
            false_hits = tuple(
                p.id for p in mine if category in flagged[p.id] and category not in p.expect
            )
            if expecting or false_hits:
                scores.append(Score(category, lang, len(expecting), missed, false_hits))
    return Evaluation(tuple(scores), flagged, corpus, informational)
