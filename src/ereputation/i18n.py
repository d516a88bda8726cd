"""The two languages of the checklist and the reports, and texts given in both."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast

from ereputation.tomlfile import Table

Language = Literal["fr", "en"]
LANGUAGES: tuple[Language, ...] = ("fr", "en")


def as_language(value: str) -> Language:
    if value not in LANGUAGES:
        raise ValueError(f"unsupported language {value!r}")
    return value


# French typography: a no-break space before a colon and inside guillemets, a narrow one before
# ; ? and !, so that punctuation never starts a line. Data files keep plain spaces.
_FRENCH_SPACES = (
    (" :", "\u00a0:"),
    (" ;", "\u202f;"),
    (" ?", "\u202f?"),
    (" !", "\u202f!"),
    ("« ", "«\u00a0"),
    (" »", "\u00a0»"),
)


def french_typography(text: str) -> str:
    for plain, typeset in _FRENCH_SPACES:
        text = text.replace(plain, typeset)
    return text


def typeset(text: str, language: Language) -> str:
    return french_typography(text) if language == "fr" else text


@dataclass(frozen=True)
class LocalText:
    """A text that exists in every supported language: checklists must be complete in both."""

    fr: str
    en: str

    def get(self, language: Language) -> str:
        return french_typography(self.fr) if language == "fr" else self.en


def read_local_text(parent: Table, key: str, *, required: bool = True) -> LocalText | None:
    """Read `{ fr = "…", en = "…" }`, reporting a missing or empty language by its key path."""
    table = parent.table(key, required=required)
    return None if table is None else local_text_of(table)


def local_texts(parent: Table, key: str, *, minimum: int, maximum: int) -> tuple[LocalText, ...]:
    """An array of localised texts, such as an item's steps; each reported as `steps[1].en`."""
    tables = parent.tables(key, required=True)
    if not minimum <= len(tables) <= maximum:
        parent.problem(key, f"must hold {minimum} to {maximum} entries, not {len(tables)}")
    texts = [local_text_of(table) for table in tables]
    return tuple(text for text in texts if text is not None)


def local_text_of(table: Table) -> LocalText | None:
    texts = [table.string(language, required=True) for language in LANGUAGES]
    table.finish()
    if any(text is None for text in texts):
        return None
    return LocalText(*(cast(str, text).strip() for text in texts))
