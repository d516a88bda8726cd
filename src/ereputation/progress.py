"""Progress of the profile visits, on stderr, for a person watching a terminal.

One line per visit as it ends; and while a visit is slow, every few seconds a line naming the
profiles still awaited, so that a long wait is never a silent one. Names and reasons may come
from a config or a server: they are printed only through `textsafe.one_line`.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from functools import cache
from typing import TYPE_CHECKING, TextIO

from ereputation.i18n import LANGUAGES, Language, typeset
from ereputation.textsafe import one_line

if TYPE_CHECKING:
    from ereputation.checks import Visit
    from ereputation.config import DeclaredProfile

_NAME_LIMIT = 40
_LINE_LIMIT = 200
_NAMES_SHOWN = 3


@cache
def _texts() -> dict[str, dict[Language, str]]:
    from ereputation.resources import templates_dir
    from ereputation.tomlfile import load_toml

    table = load_toml(templates_dir() / "reasons.toml")["progress"]
    return {key: {lang: str(t[lang]) for lang in LANGUAGES} for key, t in table.items()}


def progress_text(key: str, language: Language, **params: object) -> str:
    return typeset(_texts()[key][language].format(**params), language)


class VisitProgress:
    """Call it as `on_visit(index, visit)`; use it as a context manager around the visits so
    that slow ones are named while they are awaited."""

    def __init__(
        self,
        names: Sequence[str],
        language: Language,
        stream: TextIO,
        *,
        patience: float = 2.0,
        every: float = 3.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._names = [one_line(n, _NAME_LIMIT) for n in names]
        self._language = language
        self._stream = stream
        self._patience = patience
        self._every = every
        self._clock = clock
        self._pending = set(range(len(names)))
        self._lock = threading.Lock()
        self._started = clock()
        self._last_wait: float | None = None
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __call__(self, index: int, visit: Visit) -> None:
        reason = visit.reason_text(self._language, show_pii=False)
        with self._lock:
            self._pending.discard(index)
            done = len(self._names) - len(self._pending)
            name = self._names[index] if index < len(self._names) else "?"
            line = progress_text(
                "visit_done",
                self._language,
                done=done,
                total=len(self._names),
                name=name,
                reason=one_line(reason, _LINE_LIMIT),
            )
            self._write(line)

    def waiting_line(self) -> str | None:
        """The line naming the profiles still awaited, once the wait exceeds the patience."""
        with self._lock:
            elapsed = self._clock() - self._started
            if not self._pending or elapsed < self._patience:
                return None
            names = [self._names[i] for i in sorted(self._pending)]
            shown = ", ".join(names[:_NAMES_SHOWN])
            if len(names) > _NAMES_SHOWN:
                more = len(names) - _NAMES_SHOWN
                shown = progress_text("and_more", self._language, names=shown, count=more)
            return progress_text("waiting", self._language, names=shown, seconds=int(elapsed))

    def tick(self) -> None:
        """Print the waiting line if one is due (at most once per `every` seconds)."""
        now = self._clock()
        if self._last_wait is not None and now - self._last_wait < self._every:
            return
        line = self.waiting_line()
        if line is not None:
            self._last_wait = now
            with self._lock:
                self._write(line)

    def _write(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()

    def __enter__(self) -> VisitProgress:
        self._started = self._clock()
        self._ticker = threading.Thread(target=self._run, name="ereputation-progress", daemon=True)
        self._ticker.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=1.0)

    def _run(self) -> None:
        step = min(0.25, self._every / 4, self._patience / 2) or 0.05
        while not self._stop.wait(step):
            self.tick()


def visit_progress(
    profiles: Sequence[DeclaredProfile],
    language: Language,
    *,
    offline: bool,
    stream: TextIO | None = None,
) -> AbstractContextManager[VisitProgress | None]:
    """A progress display for these profiles, to use with `with`; it gives None (nothing to
    call) when nobody watches: not a terminal, offline, or no profile."""
    out = sys.stderr if stream is None else stream
    if offline or not profiles or not out.isatty():
        return nullcontext(None)
    return VisitProgress(visit_names(profiles, language), language, out)


def visit_names(profiles: Sequence[DeclaredProfile], language: Language) -> list[str]:
    """How a progress display names each declared profile, in the audit's order: its label, else
    its network's name. The terminal's progress and the web face's run page both use it."""
    from ereputation.checks.base import network_label
    from ereputation.recruiter import catalogue, network_for

    networks = catalogue()
    return [p.label or network_label(network_for(p, networks), language) for p in profiles]
