"""Words and helpers the comparison formats share, in the comparison's language (the newer audit's).

Like the report's `Presenter`, the view holds the comparison with every string through the one
sanitiser (`sanitise.sanitised`, which walks any dataclass): a format that lays out `v.c` cannot
print a control character or bidi override planted in a result file.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from ereputation.compare import ActionRef, AnswerChange, Comparison, FindingRef, ScoreDelta
from ereputation.formats import OutputFormat
from ereputation.formats.sanitise import sanitised
from ereputation.formats.view import Direction, direction, long_date, signed
from ereputation.messages import messages


@dataclass(frozen=True)
class Listing:
    """One list of the comparison: its title key and its items (actions or findings)."""

    key: str
    actions: tuple[ActionRef, ...] = ()
    findings: tuple[FindingRef, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.actions and not self.findings


class CompareView:
    def __init__(self, comparison: Comparison) -> None:
        clean = cast(Callable[[Any], Any], sanitised)
        self.c: Comparison = clean(comparison)
        self.language = comparison.language
        self.m = messages(self.language)

    def __getitem__(self, key: str) -> str:
        return self.m[key]

    def format(self, key: str, **values: object) -> str:
        return self.m[key].format(**values)

    def date(self, iso: str | None) -> str:
        return long_date(self.m, iso)

    def between(self) -> str:
        return self.format(
            "compare_between",
            old=self.date(self.c.old.generated_at),
            new=self.date(self.c.new.generated_at),
        )

    @property
    def mixed_languages(self) -> bool:
        return self.c.old.language != self.c.new.language

    def score_title(self, delta: ScoreDelta) -> str:
        return delta.title or self.m[delta.id]  # headline scores: "Visibility", "Risk"

    def score(self, value: int | None) -> str:
        return self.m["not_scored"] if value is None else f"{value}/100"

    def change(self, delta: ScoreDelta) -> str:
        """`+12 (better)`: the number and its meaning, never a colour alone."""
        word = self.m[f"compare_{direction(delta.kind, delta.change)}"]
        return word if delta.change in (None, 0) else f"{signed(delta.change)} ({word})"

    def direction(self, delta: ScoreDelta) -> Direction:
        return direction(delta.kind, delta.change)

    def listings(self) -> tuple[Listing, ...]:
        c = self.c
        return (
            Listing("compare_actions_done", actions=c.actions_done),
            Listing("compare_new_actions", actions=c.new_actions),
            Listing("compare_resolved_findings", findings=c.resolved_findings),
            Listing("compare_new_findings", findings=c.new_findings),
            Listing("compare_unchecked_findings", findings=c.unchecked_findings),
        )

    def severity(self, code: str) -> str:
        return self.m[f"severity_{code}"]

    def status(self, code: str | None, removed_key: str = "compare_profile_removed") -> str:
        return self.m[removed_key] if code is None else self.m[f"profile_status_{code}"]

    def profile_change(self, before: str | None, after: str | None) -> str:
        if before is None:
            return f"{self.m['compare_profile_added']} ({self.status(after)})"
        if after is None:
            return f"{self.m['compare_profile_removed']} ({self.status(before)})"
        return f"{self.status(before)} → {self.status(after)}"

    def answer(self, label: str | None) -> str:
        return self.m["compare_unanswered"] if label is None else label

    def answer_change(self, a: AnswerChange) -> str:
        return f"{self.answer(a.before)} → {self.answer(a.after)}"


class CompareFormatter:
    """Turns a comparison into the bytes of one output format."""

    @abstractmethod
    def render(self, comparison: Comparison) -> str: ...

    def render_bytes(self, comparison: Comparison) -> bytes:
        return self.render(comparison).encode("utf-8")


_MODULES: dict[OutputFormat, str] = {
    OutputFormat.TEXT: "ereputation.formats.compare_text",
    OutputFormat.JSON: "ereputation.formats.compare_json",
    OutputFormat.MARKDOWN: "ereputation.formats.compare_markdown",
    OutputFormat.HTML: "ereputation.formats.compare_html",
}
COMPARE_FORMATS: tuple[OutputFormat, ...] = tuple(_MODULES)


def compare_formatter_for(output_format: OutputFormat) -> CompareFormatter:
    """The comparison's formatter; KeyError for a format it does not come in (pdf)."""
    import importlib

    module = importlib.import_module(_MODULES[output_format])
    formatter: CompareFormatter = module.FORMATTER
    return formatter
