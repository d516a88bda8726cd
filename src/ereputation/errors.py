"""Errors the CLI turns into one clear message and an exit status, never a traceback."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located by file and line, or by key path.

    A problem built with `Problem.coded` also carries a message code and its parameters, so the
    CLI can say it in the report's language; `message` is always the English text.
    """

    where: str
    message: str
    code: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    @classmethod
    def coded(cls, where: str, code: str, **params: object) -> Problem:
        from ereputation.messages import problem_text  # the words live in report_templates/

        pairs = tuple((key, str(value)) for key, value in params.items())
        return cls(where, problem_text(code, pairs, "en"), code, pairs)

    def moved(self, where: str) -> Problem:
        """The same problem at another place (a file name put in front of a key path)."""
        return Problem(where, self.message, self.code, self.params)

    def text(self, language: str = "en") -> str:
        """The message in `language` when it has a code, else the English one."""
        if self.code is None or language == "en":
            return self.message
        from ereputation.messages import problem_text

        return problem_text(self.code, self.params, language)

    def show(self, language: str = "en") -> str:
        message = self.text(language)
        return f"{self.where}: {message}" if self.where else message

    def __str__(self) -> str:
        return self.show()


class InputError(Exception):
    """Bad input from the user (config, checklist, file): exit status 2.

    Carries every problem found, so a user fixes a file in one pass instead of one error per run.
    """

    exit_code = 2

    def __init__(self, problems: Iterable[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem("", problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(InputError):
    """A profile config that cannot be used."""


class ChecklistError(InputError):
    """A checklist file that cannot be used."""


class RenderError(Exception):
    """A report could not be rendered although the input was good (a PDF engine failing or
    missing): exit status 3, so scripts can tell it from bad input."""

    exit_code = 3
