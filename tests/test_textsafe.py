"""The one sanitiser: nothing a server sends may drive a terminal or hide text from a reader."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ereputation.textsafe import has_invisible, one_line, printable

C0 = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\x0b\x0c\r"]
C1 = [chr(c) for c in range(0x7F, 0xA0)]
SEQUENCES = [
    "\x1b[31m",  # colour
    "\x1b[2J\x1b[H",  # clear the screen, cursor home
    "\x1b]0;owned\x07",  # window title, BEL-terminated
    "\x1b]8;;http://evil.test/\x1b\\",  # hyperlink, ST-terminated
    "\x9b1;31m",  # C1 CSI
    "\x1bP+q544e\x1b\\",  # DCS
    "\x1bc",  # reset
    "\x1b(0",  # charset switch
]


@pytest.mark.parametrize("control", C0 + C1)
def test_every_c0_and_c1_control_is_removed(control: str) -> None:
    # é is never the final byte of an escape sequence: the control alone goes.
    assert printable(f"a{control}é") == "aé"
    assert one_line(f"a{control}é") == "aé"


@pytest.mark.parametrize("sequence", SEQUENCES)
def test_escape_sequences_go_whole_leaving_no_residue(sequence: str) -> None:
    assert printable(f"before{sequence}after") == "beforeafter"
    assert has_invisible(f"x{sequence}")


def test_bidi_overrides_and_zero_widths_are_removed() -> None:
    assert printable("abc\u202edef\u2066g\u200bh\u2060i") == "abcdefghi"
    assert printable("👩\u200d💻", keep_joiners=True) == "👩\u200d💻"


def test_one_line_joins_lines_and_keeps_french_no_break_spaces() -> None:
    assert one_line("Titre\u00a0:\n  suite\u2028fin\r\n") == "Titre\u00a0: suite fin"
    assert one_line("«\u00a0oui\u00a0»\u202f!") == "«\u00a0oui\u00a0»\u202f!"


def test_one_line_cuts_a_flood() -> None:
    assert one_line("x" * 1000, limit=10) == "x" * 9 + "…"
    assert one_line("short", limit=10) == "short"


def test_an_unterminated_string_sequence_is_bounded_and_linear() -> None:
    hostile = "\x1b]" + "A" * 200_000
    assert printable(hostile) == "A" * 200_000  # nothing hidden: only the introducer goes


@given(st.text())
def test_output_never_holds_a_control_or_an_escape(text: str) -> None:
    for cleaned in (printable(text), one_line(text)):
        assert not any(c in cleaned for c in C0 + C1)
    assert "\n" not in one_line(text) and "\t" not in one_line(text)


def test_page_text_keeps_what_follows_a_control_as_a_browser_shows_it() -> None:
    from ereputation.web.extract import extract

    hidden = "\x1b]0;06 12 34 56 78\x07 et \x90jean@example.org\x9c"
    assert printable(hidden) == " et "  # a terminal would swallow both: so must our output
    body = f"<html><body><p>Appelez-moi {hidden}</p></body></html>".encode()
    facts = extract(body, content_type="text/html", charset="utf-8", base_url="https://x.test/")
    assert "06 12 34 56 78" in facts.text and "jean@example.org" in facts.text
    assert "\x1b" not in facts.text and "\x90" not in facts.text
