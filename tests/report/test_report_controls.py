"""Issue 7.1: no control character, escape sequence or bidi override from a server reaches any
output format. Every string of a result holds all of them; every textual format is rendered."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from bs4 import BeautifulSoup

from ereputation.formats import OutputFormat, TextualFormatter, formatter_for
from ereputation.formats.sanitise import sanitised
from ereputation.i18n import Language
from ereputation.model import AuditResult

Builder = Callable[[Language], AuditResult]

C0 = "".join(chr(c) for c in range(0x20))
C1 = "".join(chr(c) for c in range(0x7F, 0xA0))
SEQUENCES = ("\x1b[31m", "\x1b]0;title\x07", "\x1b]8;;http://evil\x1b\\", "\x9b2J", "\x1bc")
INVISIBLE = "\u202e\u2066\u2028\u2029\u200b\ufeff"
# Each planted string keeps a visible marker, so the test also sees that the text survives.
PLANT = f"{C0}{C1}{''.join(SEQUENCES)}{INVISIBLE}"
MARKER = "visible"
# Closed vocabularies the formats look words up by: not text from a server.
VOCABULARY_FIELDS = frozenset(
    {"status", "language", "kind", "severity", "rating", "visibility_rating", "risk_rating"}
    | {"recommendation", "priority", "horizon", "type"}
)
# What remains of a sequence whose ESC alone was dropped: a terminal would not obey it, but a
# reader would see it, and the sanitiser removes whole sequences.
RESIDUES = ("[31m", "0;title", "8;;http://evil", "2J")
TEXT_FORMATS = [f for f in OutputFormat if not f.binary]


def planted(value: Any) -> Any:
    """`value` with every text field wrapped in controls, sequences and invisible characters."""
    if isinstance(value, str):
        return f"{PLANT}{value}{PLANT}{MARKER}\x1b[0m"
    if isinstance(value, tuple):
        return tuple(planted(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: planted(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name not in VOCABULARY_FIELDS
        }
        return dataclasses.replace(value, **changes)
    return value


def forbidden(text: str, allowed: str = "\n") -> set[str]:
    """The characters of `text` that no report may hold: C0 but `allowed`, DEL, C1, ESC and the
    bidi overrides, isolates and separators."""
    bad = {c for c in text if (ord(c) < 0x20 and c not in allowed) or 0x7F <= ord(c) < 0xA0}
    return bad | {c for c in text if c in INVISIBLE}


def strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


@pytest.fixture
def hostile(make_full: Builder, language: Language) -> AuditResult:
    result: AuditResult = planted(make_full(language))
    return result


def render(result: AuditResult, output_format: OutputFormat) -> str:
    formatter = formatter_for(output_format)
    assert isinstance(formatter, TextualFormatter)
    return formatter.render(result)


def test_the_sample_plants_every_control_in_every_text_field(hostile: AuditResult) -> None:
    profile = hostile.profiles[0]
    for value in (profile.reason, profile.final_url, profile.title, profile.headline):
        assert value is not None and all(c in value for c in PLANT)
    assert all(c in hostile.findings[0].evidence[0] for c in PLANT)
    assert all(c in profile.risk_terms[0].excerpt_masked for c in PLANT)


@pytest.mark.parametrize("output_format", [OutputFormat.TEXT, OutputFormat.MARKDOWN])
def test_terminal_and_markdown_outputs_hold_no_control(
    hostile: AuditResult, output_format: OutputFormat
) -> None:
    out = render(hostile, output_format)
    assert forbidden(out) == set()
    assert not [r for r in RESIDUES if r in out]
    assert MARKER in out


def test_html_text_and_attributes_hold_no_control(hostile: AuditResult) -> None:
    out = render(hostile, OutputFormat.HTML)
    assert forbidden(out) == set()  # the page's source too: the template has no tab
    soup = BeautifulSoup(out, "html.parser")
    texts = [str(s) for s in soup.find_all(string=True)]
    attributes = [
        value if isinstance(value, str) else " ".join(value)
        for tag in soup.find_all(True)
        for value in tag.attrs.values()
    ]
    for value in texts + attributes:
        assert forbidden(value) == set(), repr(value)
        assert not [r for r in RESIDUES if r in value], repr(value)
    assert MARKER in soup.get_text()


def test_json_carries_the_sanitised_strings(hostile: AuditResult) -> None:
    out = render(hostile, OutputFormat.JSON)
    assert forbidden(out) == set()  # json escapes what is left: line breaks and tabs
    data = json.loads(out)
    values = list(strings(data))
    for value in values:
        assert forbidden(value, allowed="\n\t") == set(), repr(value)
        assert not [r for r in RESIDUES if r in value], repr(value)
    assert any(MARKER in value for value in values)


@pytest.mark.parametrize("output_format", TEXT_FORMATS)
def test_every_textual_format_is_covered(hostile: AuditResult, output_format: OutputFormat) -> None:
    out = render(hostile, output_format)
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out


def test_sanitising_keeps_clean_text_and_french_no_break_spaces(make_full: Builder) -> None:
    clean = make_full("fr")
    assert sanitised(clean) == clean
    words = "Prochaine étape\u00a0: « oui »\u202f!"
    assert sanitised(dataclasses.replace(clean, tool_version=words)).tool_version == words
