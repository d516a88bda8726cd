"""The reports' and the interview's own words, read from report_templates/messages.toml."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from ereputation.i18n import LANGUAGES, Language, LocalText, typeset
from ereputation.resources import templates_dir
from ereputation.tomlfile import load_toml


@cache
def _raw() -> dict[str, dict[str, str]]:
    data = load_toml(templates_dir() / "messages.toml")
    return {language: dict(data[language]) for language in LANGUAGES}


@cache
def _all() -> dict[str, dict[str, str]]:
    data = _raw()
    return {
        language: {key: typeset(text, language) for key, text in data[language].items()}
        for language in LANGUAGES
    }


def messages(language: Language) -> Mapping[str, str]:
    return _all()[language]


def local(key: str) -> LocalText:
    data = _raw()  # LocalText typesets on use
    return LocalText(data["fr"][key], data["en"][key])
