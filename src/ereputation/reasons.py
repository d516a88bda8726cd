"""Why a visit ended as it did: a stable code with parameters, told in the report's language.

The fetcher, the page classifier and the recruiter each end a visit with a `Reason`. Its `code`
is stable (the JSON result carries it as `reason_code`, scripts may test it); its text is rendered
from report_templates/reasons.toml, French and English, only when a person is to read it.

Parameters often come from a server (a redirect's path, a Content-Encoding value, a page title):
each one is made a single printable line of bounded length when the reason is built, so no
escape sequence or flood of text reaches a terminal or a report.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ereputation.i18n import LANGUAGES, Language, typeset
from ereputation.textsafe import one_line

PARAM_LIMIT = 80  # characters of one parameter: enough for a title or a path, not a page

# Failures that say nothing reached the network: when every visit ends with one of them, the
# machine is most likely offline (or the addresses are all mistyped).
NETWORK_CODES = frozenset(
    {
        "dns_unresolved",
        "dns_temporary",
        "dns_failed",
        "connect_refused",
        "network_unreachable",
        "host_unreachable",
        "connect_failed",
        "timeout_dns",
        "timeout_connect",
        "timeout_no_connection",
    }
)

Hint = Literal["allow_private"]


@dataclass(frozen=True)
class Reason:
    """A reason code, its parameters (already one-line and bounded) and an optional hint:
    the way out the person can take, such as `--allow-private`."""

    code: str
    params: tuple[tuple[str, str], ...] = ()
    hint: Hint | None = None

    @classmethod
    def of(cls, code: str, /, **params: object) -> Reason:
        return cls(code, tuple((k, one_line(v, PARAM_LIMIT)) for k, v in params.items()))

    def param(self, key: str) -> str | None:
        return dict(self.params).get(key)

    def map_params(self, change: Callable[[str], str]) -> Reason:
        """The same reason with every parameter changed, such as personal data masked."""
        return Reason(self.code, tuple((k, change(v)) for k, v in self.params), self.hint)

    def with_hint(self, hint: Hint) -> Reason:
        return Reason(self.code, self.params, hint)

    def text(self, language: Language) -> str:
        """The reason in plain words, French typography applied."""
        return render(self, language)

    def __str__(self) -> str:  # logs and debugging only; a person reads text(language)
        return self.text("en")


@dataclass(frozen=True)
class _Texts:
    reasons: Mapping[str, Mapping[Language, str]]
    terms: Mapping[str, Mapping[str, Mapping[Language, str]]]
    hints: Mapping[str, Mapping[Language, str]]


@cache
def _texts() -> _Texts:
    from ereputation.resources import templates_dir
    from ereputation.tomlfile import load_toml

    data = load_toml(templates_dir() / "reasons.toml")

    def local(table: Mapping[str, object]) -> dict[Language, str]:
        return {lang: str(table[lang]) for lang in LANGUAGES}

    return _Texts(
        reasons={code: local(t) for code, t in data["reasons"].items()},
        terms={
            name: {value: local(t) for value, t in table.items()}
            for name, table in data["terms"].items()
        },
        hints={name: local(t) for name, t in data["hints"].items()},
    )


def codes() -> frozenset[str]:
    """Every reason code the data file describes."""
    return frozenset(_texts().reasons)


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"  # a parameter missing from a reason must not hide the rest of it


def render(reason: Reason, language: Language) -> str:
    texts = _texts()
    template = texts.reasons.get(reason.code)
    if template is None:  # a code without text is a bug; the code itself still says something
        return reason.code.replace("_", " ")
    params = _Params()
    for key, value in reason.params:
        term = texts.terms.get(key, {}).get(value)
        params[key] = term[language] if term else value
    text = template[language].format_map(params)
    if reason.hint is not None:
        text += " " + texts.hints[reason.hint][language]
    return typeset(text, language)


# How a whole set of visits went: the report says what happened and the next step.
VisitSummary = Literal["offline", "no_profiles", "no_network", "none_seen", "some_seen", "all_seen"]
SEEN_STATUSES = frozenset({"ok", "not_found"})  # the site answered with the page or its absence


def visit_summary(statuses_and_codes: list[tuple[str, str]], offline: bool) -> VisitSummary:
    """Summarise visits given as (status, reason code) pairs."""
    if offline:
        return "offline"
    if not statuses_and_codes:
        return "no_profiles"
    seen = sum(status in SEEN_STATUSES for status, _ in statuses_and_codes)
    if seen == len(statuses_and_codes):
        return "all_seen"
    if seen:
        return "some_seen"
    if all(code in NETWORK_CODES for _, code in statuses_and_codes):
        return "no_network"
    return "none_seen"
