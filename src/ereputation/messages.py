"""The words of the reports, the interview and the command line, read from report_templates/.

`messages.toml` holds the reports' and the interview's words; `cli.toml` the command line's own
lines and the validators' problem messages. Both exist in every language with the same keys.
A room of the tool may keep its words in a file of its own beside them (`cli_discovery.toml`,
`messages_serve.toml`): `cli_*.toml` join `cli.toml` and `messages_*.toml` join `messages.toml`,
and a key defined twice is an error, so two rooms never silently fight over one word.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from ereputation.i18n import LANGUAGES, Language, LocalText, typeset
from ereputation.resources import templates_dir
from ereputation.tomlfile import load_toml


def word_files(name: str) -> list[Path]:
    """`name` and its companions (`cli.toml`, then `cli_*.toml` in name order)."""
    folder = templates_dir()
    stem = Path(name).stem
    return [folder / name, *sorted(folder.glob(f"{stem}_*.toml"))]


@cache
def _raw(name: str = "messages.toml") -> dict[str, dict[str, str]]:
    words: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
    for path in word_files(name):
        data = load_toml(path)
        for language in LANGUAGES:
            for key, text in data[language].items():
                if key in words[language]:
                    raise ValueError(f"{path.name}: [{language}] {key} is already defined")
                words[language][key] = text
    return words


@cache
def _all(name: str = "messages.toml") -> dict[str, dict[str, str]]:
    data = _raw(name)
    return {
        language: {key: typeset(text, language) for key, text in data[language].items()}
        for language in LANGUAGES
    }


def messages(language: Language) -> Mapping[str, str]:
    return _all()[language]


def local(key: str) -> LocalText:
    data = _raw()  # LocalText typesets on use
    return LocalText(data["fr"][key], data["en"][key])


def cli_messages(language: Language) -> Mapping[str, str]:
    """The command line's own words (report_templates/cli.toml), typeset for `language`."""
    return _all("cli.toml")[language]


def cli_text(key: str, language: Language, /, **params: object) -> str:
    return cli_messages(language)[key].format(**params)


def problem_text(code: str, params: tuple[tuple[str, str], ...], language: str) -> str:
    """A validator's problem message in `language`, from its code (`problem_<code>` in cli.toml).

    Parameters are typeset with the text: they are quoted values and key names, never prose,
    except those named `*_type`, which name a type of cli.toml (`type_*`) and are translated.
    """
    lang: Language = "fr" if language == "fr" else "en"
    words = _raw("cli.toml")[lang]
    values = {
        name: words[f"type_{value}"] if name.endswith("_type") else value for name, value in params
    }
    return typeset(words[f"problem_{code}"].format(**values), lang)


def language_from_environment(environ: Mapping[str, str] | None = None) -> Language:
    """fr when the locale (LC_ALL, else LC_MESSAGES, else LANG) is French, else en."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"
