"""parse_content_type: the one reading of a Content-Type header, for the fetcher and the reader."""

from __future__ import annotations

import pytest

from ereputation.web.mediatype import MAX_HEADER_CHARS, parse_content_type


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html", ("text/html", None)),
        ("Text/HTML; Charset=UTF-8", ("text/html", "utf-8")),
        ('text/html; charset="ISO-8859-1"', ("text/html", "iso-8859-1")),
        ("text/html;charset='utf-8'", ("text/html", "utf-8")),
        ("text/html; boundary=x; charset=utf-8", ("text/html", "utf-8")),
        ("text/html; charset=utf-8; charset=latin1", ("text/html", "utf-8")),  # the first counts
        ("application/xhtml+xml", ("application/xhtml+xml", None)),
        ("  text/plain  ", ("text/plain", None)),
    ],
)
def test_media_type_and_charset_are_read_in_lower_case(
    header: str, expected: tuple[str | None, str | None]
) -> None:
    assert parse_content_type(header) == expected


@pytest.mark.parametrize(
    "header",
    [
        "text",  # no subtype
        "text/",
        "/html",
        "text/html/x",
        "text html",
        "application/json\u009b2J\x1b[0m",  # terminal escapes from a server
        "text/h\u00e9tml",
        "text/" + "x" * 128,  # RFC 6838 caps a name at 127 characters
    ],
)
def test_a_malformed_media_type_is_dropped_not_cleaned(header: str) -> None:
    assert parse_content_type(header)[0] is None


@pytest.mark.parametrize(
    "charset", ["", '""', "utf 8", "utf-8\x1b[2J", "-utf8", "x" * 41, "utf-8\u200b"]
)
def test_a_malformed_charset_is_dropped(charset: str) -> None:
    assert parse_content_type(f"text/html; charset={charset}") == ("text/html", None)


@pytest.mark.parametrize("value", [None, "", 42, b"text/html"])
def test_no_header_or_not_a_string_gives_nothing(value: object) -> None:
    assert parse_content_type(value) == (None, None)


def test_a_huge_header_is_read_only_to_its_cap() -> None:
    header = "text/html; " + "x=y; " * MAX_HEADER_CHARS + "charset=utf-8"
    assert parse_content_type(header) == ("text/html", None)
