"""Reading TOML files and walking their tables with precise, collected error messages."""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from ereputation.errors import InputError, Problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = [
    "Table",
    "key_path",
    "load_checked",
    "load_toml",
    "read_text",
    "tomllib",
    "without_controls",
]

# Deeper than this, a value is refused before parsing: tomllib recurses once per level and would
# hit Python's recursion limit (a RecursionError) a few hundred levels down.
MAX_DEPTH = 64
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_END = re.compile(r"\s*\(at end of document\)\s*$")
# C0 and C1 controls (tab and line breaks excepted) and bidirectional overrides.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

T = TypeVar("T")


def read_text(path: Path, error: type[InputError] = InputError) -> str:
    """Read a UTF-8 text file; a byte-order mark is accepted, other undecodable bytes are not."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise error(Problem.coded(str(path), "no_file")) from None
    except IsADirectoryError:
        raise error(Problem.coded(str(path), "is_directory")) from None
    except OSError as exc:
        raise error(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise error(
            f"{path}:{line}: the file is not UTF-8 text (byte {data[exc.start]:#04x}); "
            "save it as UTF-8"
        ) from None
    return text


def load_toml(path: Path, error: type[InputError] = InputError) -> dict[str, Any]:
    """Parse a TOML file; a syntax error becomes `FILE:LINE:COL: message`."""
    return parse_toml_text(read_text(path, error), path, error)


def parse_toml_text(text: str, path: Path, error: type[InputError] = InputError) -> dict[str, Any]:
    """Parse TOML `text` read from `path` (named in messages), as `load_toml` does."""
    deep = too_deep_line(text)
    if deep is not None:
        raise error(Problem.coded(f"{path}:{deep}", "too_deep", limit=MAX_DEPTH))
    try:
        data: dict[str, Any] = tomllib.loads(text)
        return data
    except RecursionError:  # a backstop: the scan above should have refused it
        raise error(Problem.coded(str(path), "too_deep", limit=MAX_DEPTH)) from None
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _POSITION.search(message)
        if match:
            where = f"{path}:{match.group(1)}:{match.group(2)}"
            message = message[: match.start()]
        elif _END.search(message):
            where = f"{path}:{text.count(chr(10)) + 1}"
            message = _END.sub("", message) + " (at end of file)"
        else:
            where = str(path)
        raise error([Problem(where, f"invalid TOML: {message}")]) from None
    except ValueError:  # a number of thousands of digits: Python refuses to convert it
        raise error([Problem(str(path), "invalid TOML: a number of thousands of digits")]) from None


_SCAN = re.compile(r"[\[\]{}\n#\"']")


def too_deep_line(text: str, limit: int = MAX_DEPTH) -> int | None:
    """The line where arrays and inline tables nest deeper than `limit`, or None.

    A linear scan that skips strings and comments; anything it misreads is left to the parser.
    """
    depth, line, pos = 0, 1, 0
    while True:
        match = _SCAN.search(text, pos)
        if match is None:
            return None
        ch, pos = match.group(), match.end()
        if ch == "\n":
            line += 1
        elif ch == "#":
            end = text.find("\n", pos)
            pos = len(text) if end < 0 else end
        elif ch in "\"'":
            triple = text.startswith(ch * 2, pos)
            closing = ch * 3 if triple else ch
            start = pos + 2 if triple else pos
            end = _string_end(text, start, closing, escapes=ch == '"')
            if end < 0:
                return None
            line += text.count("\n", pos, end)
            pos = end + len(closing)
        elif ch in "[{":
            depth += 1
            if depth > limit:
                return line
        else:
            depth = max(0, depth - 1)


def _string_end(text: str, pos: int, closing: str, *, escapes: bool) -> int:
    while True:
        end = text.find(closing, pos)
        if end < 0 or not escapes:
            return end
        before = end
        while before > pos and text[before - 1] == "\\":
            before -= 1
        if (end - before) % 2 == 0:
            return end
        pos = end + 1


def without_controls(text: str) -> str:
    """Text with the control characters a config refuses taken out (for typed-in answers)."""
    return _CONTROL.sub("", text)


def load_checked(
    path: Path,
    error: type[InputError],
    parse: Callable[[dict[str, Any], list[Problem], Path], T | None],
) -> T:
    """Load a TOML file and parse it, raising every problem at once, each prefixed by the file."""
    data = load_toml(path, error)
    problems: list[Problem] = []
    parsed = parse(data, problems, path)
    if problems or parsed is None:
        raise error(p.moved(f"{path}: {p.where}") for p in problems)
    return parsed


def key_path(parent: str, key: str | int) -> str:
    """`profiles[2].url` style paths: how users find the offending key."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    plain = re.fullmatch(r"[A-Za-z0-9_-]+", key) is not None
    shown = key if plain else '"' + key.replace('"', '\\"') + '"'
    return f"{parent}.{shown}" if parent else shown


class Table:
    """A TOML table read field by field; problems are collected, unknown keys reported at the end.

    Collecting instead of raising is what lets `validate` report every problem of a file at once.
    """

    def __init__(self, data: Mapping[str, Any], path: str, problems: list[Problem]) -> None:
        self.data = data
        self.path = path
        self.problems = problems
        self._seen: set[str] = set()

    def problem(self, key: str | int | None, message: str) -> None:
        where = self.path if key is None else key_path(self.path, key)
        self.problems.append(Problem(where, message))

    def coded(self, key: str | int | None, code: str, **params: object) -> None:
        """A problem with a message code, so the CLI can say it in the report's language."""
        where = self.path if key is None else key_path(self.path, key)
        self.problems.append(Problem.coded(where, code, **params))

    def wrong_type(self, key: str, expected: str, value: object) -> None:
        self.problems.append(_wrong_type(key_path(self.path, key), expected, value))

    def has(self, key: str) -> bool:
        return key in self.data

    def _get(self, key: str, required: bool) -> Any:
        self._seen.add(key)
        if key not in self.data:
            if required:
                self.coded(key, "required")
            return None
        return self.data[key]

    def string(
        self,
        key: str,
        *,
        required: bool = False,
        pattern: str | None = None,
        choices: Iterable[str] | None = None,
        hint: str = "",
    ) -> str | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.wrong_type(key, "string", value)
            return None
        if required and not value.strip():
            self.coded(key, "not_empty")
            return None
        if _CONTROL.search(value):
            # Escape sequences would reach terminals and reports as they are.
            self.coded(key, "controls")
            return None
        allowed = tuple(choices) if choices is not None else None
        if allowed is not None and value not in allowed:
            self.coded(key, "not_allowed", value=repr(value), allowed=", ".join(allowed))
            return None
        if pattern is not None and re.fullmatch(pattern, value) is None:
            self.problem(key, f"{value!r} is not valid{hint}")
            return None
        return value

    def number(
        self, key: str, *, required: bool = False, minimum: float, maximum: float
    ) -> float | None:
        value = self._get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.wrong_type(key, "number", value)
            return None
        if not minimum <= value <= maximum:
            self.problem(key, f"must be between {minimum:g} and {maximum:g}, not {value:g}")
            return None
        return float(value)

    def boolean(self, key: str, *, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.wrong_type(key, "boolean", value)
            return default
        return value

    def table(self, key: str, *, required: bool = False) -> Table | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.wrong_type(key, "table", value)
            return None
        return Table(value, key_path(self.path, key), self.problems)

    def raw(self, key: str) -> Any:
        return self._get(key, False)

    def array(self, key: str, *, required: bool = False) -> list[Any] | None:
        value = self._get(key, required)
        if value is None:
            return None
        if not isinstance(value, list):
            self.wrong_type(key, "array", value)
            return None
        return value

    def tables(self, key: str, *, required: bool = False) -> list[Table]:
        """An array of tables (`[[key]]`), each wrapped with its index in the path."""
        values = self.array(key, required=required)
        if values is None:
            return []
        out = []
        for index, value in enumerate(values):
            where = key_path(key_path(self.path, key), index)
            if isinstance(value, dict):
                out.append(Table(value, where, self.problems))
            else:
                self.problems.append(_wrong_type(where, "table", value))
        return out

    def strings(self, key: str, *, limit: int = 200) -> tuple[str, ...]:
        values = self.array(key)
        if values is None:
            return ()
        out: list[str] = []
        for index, value in enumerate(values[:limit]):
            if isinstance(value, str) and value.strip() and not _CONTROL.search(value):
                out.append(value.strip())
            else:
                self.problem(key, f"item {index} must be a non-empty string, without controls")
        if len(values) > limit:
            self.problem(key, f"has {len(values)} entries; at most {limit} are allowed")
        return tuple(out)

    def each(self, key: str, read: Callable[[Table], T | None]) -> list[T]:
        out: list[T] = []
        for table in self.tables(key):
            item = read(table)
            table.finish()
            if item is not None:
                out.append(item)
        return out

    def finish(self) -> None:
        """Report keys nobody asked for: a typo must not pass silently, and gets a suggestion."""
        known = sorted(k for k in self._seen if k not in self.data)
        for key in self.data:
            if key not in self._seen:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
                if close:
                    self.coded(key, "unknown_key_close", close=close[0])
                else:
                    self.coded(key, "unknown_key")


def _wrong_type(where: str, expected: str, value: object) -> Problem:
    """`must be a string, not an integer`: the type names are words of cli.toml (type_*)."""
    return Problem.coded(where, "wrong_type", expected_type=expected, actual_type=_type_key(value))


def _type_key(value: object) -> str:
    names = {
        str: "string",
        int: "integer",
        float: "float",
        bool: "boolean",
        list: "array",
        dict: "table",
    }
    for kind, name in names.items():
        if type(value) is kind:
            return name
    return "datetime"  # TOML has no other type
