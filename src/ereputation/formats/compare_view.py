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
from ereputation.formats.sanitise import sanitised, single_line
from ereputation.formats.view import Words
from ereputation.messages import messages
from ereputation.model import SinceLast

Direction = str  # "better", "worse", "unchanged", "not_comparable"


@dataclass(frozen=True)
class Listing:
    """One list of the comparison: its title key and its items (actions or findings)."""

    key: str
    actions: tuple[ActionRef, ...] = ()
    findings: tuple[FindingRef, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.actions and not self.findings


def direction(kind: str, change: int | None) -> Direction:
    """Higher visibility is better; higher risk is worse."""
    if change is None:
        return "not_comparable"
    if change == 0:
        return "unchanged"
    return "better" if (change > 0) == (kind != "risk") else "worse"


def signed(change: int | None) -> str:
    """`+12`, `−5` (a real minus sign), `0`; a dash when there is nothing to compare."""
    if change is None:
        return "–"
    if change > 0:
        return f"+{change}"
    return f"−{-change}" if change < 0 else "0"


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
        return _date(self.m, iso)

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


def _date(m: Any, iso: str | None) -> str:
    """The report's long date, from the same words (`months`, `date_format`)."""
    import datetime as dt

    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return single_line(iso)
    months = m["months"].split(",")
    shown = m["first_day"] if day.day == 1 else str(day.day)
    return str(m["date_format"].format(day=shown, month=months[day.month - 1], year=day.year))


def since_rows(words: Words, since: SinceLast) -> list[tuple[str, str]]:
    """The "since your last audit" rows: (label, value), the same in every report format."""
    return [
        (
            words["visibility"],
            _since_score(words, "visibility", since.visibility_before, since.visibility_change),
        ),
        (words["risk"], _since_score(words, "risk", since.risk_before, since.risk_change)),
        (words["compare_actions_done"], str(since.actions_done)),
        (words["compare_new_actions"], str(since.new_actions)),
        (words["compare_resolved_findings"], str(since.resolved_findings)),
        (words["compare_new_findings"], str(since.new_findings)),
        (words["compare_profiles"], str(since.profiles_changed)),
    ]


def _since_score(words: Words, kind: str, before: int | None, change: int | None) -> str:
    word = words[f"compare_{direction(kind, change)}"]
    if change is None or change == 0:
        return word
    was = words.score(before)
    return f"{signed(change)} ({word}; {words['compare_before'].lower()} {was})"


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
