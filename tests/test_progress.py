"""The progress of the visits: one line per visit on a terminal, and the slow ones named."""

from __future__ import annotations

import io
import time

from ereputation.checks import Visit
from ereputation.config import DeclaredProfile
from ereputation.progress import VisitProgress, visit_progress
from ereputation.reasons import Reason
from ereputation.recruiter import catalogue


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def github_visit(reason: Reason) -> Visit:
    url = "https://github.com/c"
    return Visit(DeclaredProfile(url), catalogue().identify(url), "timeout", reason)


def test_progress_is_shown_on_a_terminal_only() -> None:
    profiles = [DeclaredProfile("https://github.com/c")]
    with visit_progress(profiles, "en", offline=False, stream=io.StringIO()) as shown:
        assert shown is None  # nobody watches a pipe or a file
    with visit_progress(profiles, "en", offline=True, stream=Terminal()) as shown:
        assert shown is None
    terminal = Terminal()
    with visit_progress(profiles, "en", offline=False, stream=terminal) as shown:
        assert shown is not None
        shown(0, github_visit(Reason.of("timeout_answer", seconds=15)))
    assert terminal.getvalue() == (
        "[1/1] GitHub: the site did not answer within the 15 s deadline\n"
    )


def test_each_visit_line_is_in_the_report_language() -> None:
    terminal = Terminal()
    progress = VisitProgress(["GitHub", "LinkedIn"], "fr", terminal)
    progress(0, github_visit(Reason.of("connect_refused")))
    assert terminal.getvalue() == "[1/2] GitHub\u00a0: le site a refusé la connexion\n"


def test_a_slow_profile_is_named_while_it_is_awaited() -> None:
    clock, terminal = Clock(), Terminal()
    progress = VisitProgress(["LinkedIn", "GitHub"], "en", terminal, clock=clock)
    progress(1, github_visit(Reason.of("page_loaded")))
    clock.now += 1.0
    progress.tick()
    assert "waiting" not in terminal.getvalue()  # patience: a second is not slow
    clock.now += 7.5
    progress.tick()
    assert terminal.getvalue().splitlines()[-1] == "waiting for LinkedIn (8 s)..."
    clock.now += 1.0
    progress.tick()  # not every tick: once every few seconds
    assert terminal.getvalue().count("waiting") == 1
    clock.now += 3.0
    progress.tick()
    assert terminal.getvalue().splitlines()[-1] == "waiting for LinkedIn (12 s)..."


def test_the_waiting_line_comes_by_itself_while_visits_are_pending() -> None:
    terminal = Terminal()
    progress = VisitProgress(["LinkedIn"], "fr", terminal, patience=0.05, every=0.05)
    with progress:
        deadline = time.monotonic() + 5
        while "attente" not in terminal.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
    assert terminal.getvalue().startswith("en attente de LinkedIn (0 s)…")


def test_many_slow_profiles_are_counted_not_listed() -> None:
    clock, terminal = Clock(), Terminal()
    names = ["LinkedIn", "GitHub", "Malt", "Behance", "Dribbble"]
    progress = VisitProgress(names, "en", terminal, clock=clock)
    clock.now += 3
    progress.tick()
    assert terminal.getvalue() == "waiting for LinkedIn, GitHub, Malt and 2 more (3 s)...\n"


def test_names_and_reasons_from_outside_cannot_drive_the_terminal() -> None:
    clock, terminal = Clock(), Terminal()
    progress = VisitProgress(["Evil\x1b]0;owned\x07\nname"], "en", terminal, clock=clock)
    clock.now += 3
    progress.tick()
    hostile = Reason.of("login_redirect", hint="/login\x1b[2J\r\nnext")
    progress(0, github_visit(hostile))
    out = terminal.getvalue()
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out
    assert out.count("\n") == 2
