"""What a web page shows of an audit running in the background: its state, read while it runs.

One `Run` per case at most is running (`Runs.start` refuses a second), and at most
`MAX_RUNNING` at once (each visits sites and holds a thread); the worker thread updates it
through `visited` (the audit's `on_visit`), the pages read a `snapshot`. Names and reasons may
come from a config or a server: they are made one clean line here, before any page sees them.

A run records its audit at its end: erasing its case meanwhile would be undone by that record,
and a questionnaire saved meanwhile would be recorded beside a result it did not produce. So
`Runs.exclusive` lets a purge or a save happen only while no run of the case is under way.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ereputation.textsafe import one_line

if TYPE_CHECKING:
    from ereputation.checks import Visit
    from ereputation.i18n import Language

Status = Literal["running", "done", "failed"]
Started = Literal["started", "already", "full"]
_NAME_LIMIT = 80
_REASON_LIMIT = 300
_PROBLEM_LIMIT = 600
MAX_FINISHED = 200  # finished runs kept for their page; the oldest are forgotten first
MAX_RUNNING = 4  # audits under way at once, all cases together: a few threads, a few sites each


@dataclass(frozen=True)
class VisitLine:
    name: str
    reason: str | None = None  # None while the visit is awaited


@dataclass(frozen=True)
class Snapshot:
    """A run as one page shows it, frozen at one instant."""

    case_id: str
    status: Status
    started: dt.datetime
    offline: bool
    visits: tuple[VisitLine, ...]
    audit_id: int | None = None
    case_key: str | None = None  # the history's key of the case, once recorded
    problems: tuple[str, ...] = ()
    crashed: bool = False
    language: Language = "en"  # of the lines, the run's: a page may since have switched

    @property
    def done(self) -> int:
        return sum(v.reason is not None for v in self.visits)

    @property
    def total(self) -> int:
        return len(self.visits)


@dataclass
class Run:
    case_id: str
    language: Language
    offline: bool
    discover: bool = False  # the person's accounts are looked for on other sites too
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    status: Status = "running"
    names: list[str] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)
    audit_id: int | None = None
    case_key: str | None = None
    problems: list[str] = field(default_factory=list)
    crashed: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def expect(self, names: Sequence[str]) -> None:
        """The profiles about to be visited, in the audit's order."""
        with self.lock:
            self.names = [one_line(n, _NAME_LIMIT) for n in names]

    def keyed(self, case_key: str) -> None:
        """The history's key of the case, known once its config is read."""
        with self.lock:
            self.case_key = case_key

    def running_for(self, case_id: str | None, case_key: str | None) -> bool:
        """Whether this run is under way and may record into this case (its key is unknown
        for the instant before its config is read: then it may record into any)."""
        with self.lock:
            if self.status != "running":
                return False
            if case_id is not None and self.case_id == case_id:
                return True
            return case_key is not None and self.case_key in (None, case_key)

    def visited(self, index: int, visit: Visit) -> None:
        """The audit's `on_visit`: one profile answered (or failed)."""
        reason = visit.reason_text(self.language, show_pii=False)
        with self.lock:
            self.reasons[index] = one_line(reason, _REASON_LIMIT)

    def finish(self, audit_id: int, case_key: str) -> None:
        with self.lock:
            self.status, self.audit_id, self.case_key = "done", audit_id, case_key

    def fail(self, problems: Sequence[str], *, crashed: bool = False) -> None:
        with self.lock:
            self.status = "failed"
            self.problems = [one_line(p, _PROBLEM_LIMIT) for p in problems]
            self.crashed = crashed

    def snapshot(self) -> Snapshot:
        with self.lock:
            visits = tuple(
                VisitLine(name, self.reasons.get(index)) for index, name in enumerate(self.names)
            )
            return Snapshot(
                self.case_id,
                self.status,
                self.started,
                self.offline,
                visits,
                self.audit_id,
                self.case_key,
                tuple(self.problems),
                self.crashed,
                self.language,
            )


class Runs:
    """The runs of one application, by case: at most one running per case."""

    def __init__(self) -> None:
        self._runs: dict[str, Run] = {}
        self._lock = threading.Lock()

    def start(self, run: Run, work: Callable[[Run], None]) -> Started:
        """Start `work(run)` in a thread: "started"; nothing is started when the case already
        runs ("already") or `MAX_RUNNING` audits are under way ("full")."""
        with self._lock:
            current = self._runs.get(run.case_id)
            if current is not None and current.status == "running":
                return "already"
            if self._running() >= MAX_RUNNING:
                return "full"
            self._runs.pop(run.case_id, None)
            self._runs[run.case_id] = run
            self._forget_oldest()
        thread = threading.Thread(
            target=work, args=(run,), name=f"ereputation-audit-{run.case_id}", daemon=True
        )
        thread.start()
        return "started"

    @contextmanager
    def exclusive(self, case_id: str | None, case_key: str | None) -> Iterator[bool]:
        """Within it, no run of the case starts; it gives False when one is under way (then
        the caller changes nothing). Held for a purge or a save: a short while."""
        with self._lock:
            yield not self._busy(case_id, case_key)

    def busy(self, case_id: str | None, case_key: str | None) -> bool:
        """Whether a run of the case is under way now (a page says so before a purge)."""
        with self._lock:
            return self._busy(case_id, case_key)

    def _busy(self, case_id: str | None, case_key: str | None) -> bool:
        return any(r.running_for(case_id, case_key) for r in self._runs.values())

    def get(self, case_id: str) -> Snapshot | None:
        with self._lock:
            run = self._runs.get(case_id)
        return run.snapshot() if run is not None else None

    def _running(self) -> int:
        return sum(r.status == "running" for r in self._runs.values())

    def _forget_oldest(self) -> None:
        finished = [k for k, r in self._runs.items() if r.status != "running"]
        for key in finished[: max(0, len(finished) - MAX_FINISHED)]:
            del self._runs[key]
