"""Output formats: each renders an AuditResult and computes nothing of its own.

A new format is one module plus one enum member; a test checks every member has a formatter.
"""

from __future__ import annotations

import importlib
from abc import ABC, abstractmethod
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI reads the format names at import: keep this module light
    from ereputation.model import AuditResult


class OutputFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    MARKDOWN = "md"
    HTML = "html"
    PDF = "pdf"

    @property
    def binary(self) -> bool:
        return self is OutputFormat.PDF

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The values `--format` accepts: one definition, this enum."""
        return tuple(f.value for f in cls)

    @classmethod
    def from_suffix(cls, path: Path) -> OutputFormat | None:
        suffix = path.suffix.lower().lstrip(".")
        value = _ALIASES.get(suffix, suffix)
        return next((f for f in cls if f.value == value), None)


_ALIASES = {"txt": "text", "markdown": "md", "htm": "html"}


class Formatter(ABC):
    """Turns a result into the bytes of one output format."""

    @abstractmethod
    def render_bytes(self, result: AuditResult) -> bytes: ...


class TextualFormatter(Formatter):
    """A format that is text: rendered as a string, written as UTF-8."""

    @abstractmethod
    def render(self, result: AuditResult) -> str: ...

    def render_bytes(self, result: AuditResult) -> bytes:
        return self.render(result).encode("utf-8")


# Module per format, imported only when used: keeps `ereputation --help` fast.
_MODULES: dict[OutputFormat, str] = {
    OutputFormat.TEXT: "ereputation.formats.text",
    OutputFormat.JSON: "ereputation.formats.json",
    OutputFormat.MARKDOWN: "ereputation.formats.markdown",
    OutputFormat.HTML: "ereputation.formats.html",
    OutputFormat.PDF: "ereputation.formats.pdf",
}


def formatter_for(output_format: OutputFormat) -> Formatter:
    module = importlib.import_module(_MODULES[output_format])
    formatter: Formatter = module.FORMATTER
    return formatter
