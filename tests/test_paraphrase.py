"""The article is paraphrased, never copied: no run of eight words from it appears in our texts."""

from __future__ import annotations

import re
import unicodedata

import pytest

from tests.conftest import ROOT

ARTICLE_DIRS = [ROOT.parent / "shared" / "seed", ROOT.parent.parent / "shared" / "seed"]
RUN = 8
# Every text we write for people: data files, report words, docs. New files are covered as added.
OUR_TEXTS = sorted(
    str(path.relative_to(ROOT))
    for pattern in ("checklists/*.toml", "report_templates/*.toml", "docs/*.md", "*.md")
    for path in ROOT.glob(pattern)
)


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", plain)


def runs(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def article() -> str:
    """The article's text without its title, which the checklist cites as its source."""
    for folder in ARTICLE_DIRS:
        found = sorted(folder.glob("0*.txt")) if folder.is_dir() else []
        if found:
            text = found[0].read_text(encoding="utf-8")
            title = text.split("\n", 1)[0].strip().rstrip("…")
            return text.replace(title, " ")
    pytest.skip("the source article (shared/seed) is not beside this checkout")


@pytest.mark.parametrize("name", OUR_TEXTS)
def test_no_sentence_of_the_article_is_copied(name: str) -> None:
    copied = runs(article()) & runs((ROOT / name).read_text(encoding="utf-8"))
    assert not copied, f"{name} repeats the article: {[' '.join(r) for r in sorted(copied)][:3]}"
