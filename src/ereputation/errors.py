"""Errors the CLI turns into one clear message and an exit status, never a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located by file and line, or by key path."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class InputError(Exception):
    """Bad input from the user (config, checklist, file): exit status 2.

    Carries every problem found, so a user fixes a file in one pass instead of one error per run.
    """

    exit_code = 2

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(InputError):
    """A profile config that cannot be used."""


class ChecklistError(InputError):
    """A checklist file that cannot be used."""
