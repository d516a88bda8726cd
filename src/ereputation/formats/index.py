"""The caseload overview (`index.html` of `audit CONFIG... -o OUTDIR`): one row per client.

Rendered by the report's Jinja2 environment (autoescape on for every template, every printed
string made printable by its `finalize`), with the report's CSS and CSP: self-contained and
inert. Each result goes through the one sanitiser (`sanitised`) before a word of it is laid out,
and links are only relative links to the reports written beside the index.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

from ereputation import __version__
from ereputation.formats.html import _environment
from ereputation.formats.sanitise import sanitised, single_line
from ereputation.formats.view import direction, long_date, signed
from ereputation.i18n import Language
from ereputation.messages import messages

if TYPE_CHECKING:
    from ereputation.caseload import ClientOutcome

TEMPLATE = "index.html.j2"


@dataclass(frozen=True)
class ScoreCell:
    score: str
    change: str  # the change since the previous audit, in words
    direction: str  # better, worse, unchanged, not_comparable, or none (no earlier audit)


@dataclass(frozen=True)
class ClientRow:
    config: str
    href: str  # relative: a file name in OUTDIR, percent-encoded
    report: str
    name: str
    language: Language  # the result's: its verdict and action are quoted in it
    date: str
    date_iso: str
    visibility: ScoreCell
    risk: ScoreCell
    verdict: str
    first_action: str
    consent_date: str
    erase_after: str
    erase_after_iso: str


@dataclass(frozen=True)
class FailedRow:
    config: str
    message: str


def relative_href(file_name: str) -> str:
    """A link to a file beside the index, never anything else: every character that could make
    it a scheme, a query, a fragment or another folder (`:`, `?`, `#`, `/`) is percent-encoded."""
    return quote(file_name, safe="")


class IndexView:
    """Words and rows of the index, in the index's language."""

    def __init__(
        self,
        outcomes: Sequence[ClientOutcome],
        language: Language,
        now: dt.datetime,
        *,
        history: bool,
    ) -> None:
        self.language = language
        self.history = history  # read: no earlier audit means a first one; unread: unknown
        self.words: Mapping[str, str] = messages(language)
        self.tool_version = __version__
        self.generated_iso = now.isoformat(timespec="seconds")
        self.generated = long_date(self.words, self.generated_iso)
        self.rows = tuple(
            self._row(o) for o in outcomes if o.result is not None and o.report is not None
        )
        # A client whose report was written but whose audit could not be recorded has both.
        self.failed = tuple(
            FailedRow(_file_name(o.config), single_line(o.error))
            for o in outcomes
            if o.error is not None
        )

    def __getitem__(self, key: str) -> str:
        return self.words[key]

    def summary(self) -> str:
        return self.words["index_summary"].format(written=len(self.rows), failed=len(self.failed))

    def _row(self, outcome: ClientOutcome) -> ClientRow:
        assert outcome.result is not None and outcome.report is not None
        r = sanitised(outcome.result)
        w = self.words
        since = r.since_last
        first = min(r.actions, key=lambda a: a.rank) if r.actions else None
        when = r.info.audit_date or r.generated_at
        return ClientRow(
            config=_file_name(outcome.config),
            href=relative_href(outcome.report),
            report=single_line(outcome.report),
            name=r.subject.name,
            language=r.language,
            date=long_date(w, when),
            date_iso=when[:10],
            visibility=self._score(
                "visibility",
                r.scores.visibility,
                since.visibility_change if since else None,
                since is not None,
            ),
            risk=self._score(
                "risk", r.scores.risk, since.risk_change if since else None, since is not None
            ),
            verdict=r.verdict.title,
            first_action=first.title if first else w["index_no_action"],
            consent_date=long_date(w, r.info.consent_date) or w["index_none"],
            erase_after=long_date(w, r.info.erase_after) or w["index_none"],
            erase_after_iso=(r.info.erase_after or "")[:10],
        )

    def _score(self, kind: str, value: int | None, change: int | None, earlier: bool) -> ScoreCell:
        w = self.words
        shown = w["not_scored"] if value is None else f"{value}/100"
        if not earlier:
            return ScoreCell(shown, w["index_no_earlier" if self.history else "index_none"], "none")
        moved = direction(kind, change)
        word = w[f"compare_{moved}"]
        text = word if change is None or change == 0 else f"{signed(change)} ({word})"
        return ScoreCell(shown, text, moved)


def _file_name(config: str) -> str:
    """A config by its file name: the index says nothing of the folders it was read from."""
    return single_line(PurePath(config).name)


def render_index(
    outcomes: Sequence[ClientOutcome],
    language: Language,
    now: dt.datetime | None = None,
    *,
    history: bool = False,
) -> str:
    """The overview; `history` says whether the history was read (`since_last` is then known)."""
    view = IndexView(outcomes, language, now or dt.datetime.now(dt.timezone.utc), history=history)
    return str(_environment().get_template(TEMPLATE).render(v=view))
