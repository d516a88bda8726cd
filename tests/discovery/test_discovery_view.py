"""The discovery view shared by the formats: order, labels, sanitised catalogue strings."""

from __future__ import annotations

import io
import threading
import time

from ereputation.cli_discover import _Progress
from ereputation.discovery.results import DiscoveryResult, ProbeResult
from ereputation.formats.discovery_text import discovery_markdown, discovery_text_lines
from ereputation.formats.discovery_view import discovery_data, discovery_view


def probe(site: str, status: str, reason: str, category: str = "coding") -> ProbeResult:
    return ProbeResult(site, "camille", f"https://{site}.example/camille", status, reason,  # type: ignore[arg-type]
                       200, 5, category)  # fmt: skip


RESULT = DiscoveryResult(
    usernames=("camille",),
    sites_probed=4,
    results=(
        probe("a", "not_found", "missing"),
        probe("b", "unknown", "login_wall"),
        probe("c\x1b[31m", "found", "signature", category="XXXPORNXXX"),
        probe("d", "found", "signature", category="knitting\u202e"),
    ),
)


def test_found_then_unknown_then_count_with_labels() -> None:
    view = discovery_view(RESULT, "fr")
    assert [(r.site, r.category) for r in view.found] == [("c", "adulte"), ("d", "knitting")]
    assert [(r.site, r.reason) for r in view.unknown] == [
        ("b", "le site demande de se connecter pour montrer un profil")
    ]
    assert view.not_found == 1
    assert discovery_text_lines(RESULT, "en")[3:6] == [
        "Accounts found (2)",
        "  c (adult): camille  https://c.example/camille",  # the escape sequence is gone
        "  d (knitting): camille  https://d.example/camille",
    ]
    markdown = discovery_markdown(RESULT, "en")
    assert markdown.startswith("## Accounts under your usernames\n")
    assert "\x1b" not in markdown and "\u202e" not in markdown


def test_json_data_is_printable() -> None:
    data = discovery_data(RESULT)
    assert [r["site"] for r in data["results"]] == ["a", "b", "c", "d"]
    assert data["results"][3]["category"] == "knitting"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_names_found_accounts_on_a_terminal_only() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = _Progress(4, "en", stream)
        for result in RESULT.results:
            progress(result)
        progress.close()
    assert terminal.getvalue().splitlines() == [
        "found: c (camille)",
        "found: d (camille)",
        "4 of 4 probes done",
    ]
    assert pipe.getvalue() == ""


class _Clock:
    """The heartbeat's sleeps, driven by the test: each `tick` lets one period pass, and returns
    once the heartbeat has done what that period asks and sleeps again. No real time involved."""

    def __init__(self) -> None:
        self.asleep = threading.Semaphore(0)  # released each time the heartbeat starts a sleep
        self.wake = threading.Semaphore(0)
        self.periods: list[float] = []

    def __call__(self, stop: threading.Event, seconds: float) -> bool:
        self.periods.append(seconds)
        self.asleep.release()
        while not self.wake.acquire(timeout=0.01):
            if stop.is_set():  # the run is over: the heartbeat ends as Event.wait would make it
                return True
        return False

    def tick(self, periods: int = 1) -> None:
        for _ in range(periods):
            assert self.asleep.acquire(timeout=10), "the heartbeat never slept"
            self.wake.release()
        assert self.asleep.acquire(timeout=10), "the heartbeat never slept again"
        self.asleep.release()  # still asleep: the next tick starts from here


def test_a_long_run_is_never_silent_on_a_terminal() -> None:
    # 20 usernames on sites answering in a second take 20 s with nothing found to print: the
    # count is said after the first period, again when it changed, and every four periods when
    # it did not, then once at the end; never on a pipe.
    terminal, clock = _Terminal(), _Clock()
    with _Progress(4, "en", terminal, every=3.0, wait=clock) as progress:
        clock.tick()
        assert terminal.getvalue().splitlines() == ["0 of 4 probes done"]
        progress(RESULT.results[0])
        clock.tick()
        assert terminal.getvalue().splitlines()[-1] == "1 of 4 probes done"
        clock.tick(3)  # three quiet periods: nothing new to say, nothing said
        assert len(terminal.getvalue().splitlines()) == 2
        clock.tick()  # the fourth: the count again, so that the wait is never a silent one
        assert len(terminal.getvalue().splitlines()) == 3
    assert terminal.getvalue().splitlines() == ["0 of 4 probes done"] + ["1 of 4 probes done"] * 3
    assert set(clock.periods) == {3.0}

    pipe, unused = io.StringIO(), _Clock()
    with _Progress(4, "en", pipe, every=3.0, wait=unused) as progress:
        progress(RESULT.results[0])
    assert pipe.getvalue() == "" and unused.periods == []


def test_the_heartbeat_sleeps_on_the_runs_end() -> None:
    # The real clock: a heartbeat that sleeps a long period still ends as soon as the run does.
    terminal = _Terminal()
    started = time.monotonic()
    with _Progress(4, "en", terminal, every=60.0):
        pass
    assert time.monotonic() - started < 30
    assert terminal.getvalue().splitlines() == ["0 of 4 probes done"]


def test_a_host_in_another_script_is_shown_as_its_ascii_name() -> None:
    # A catalogue may name a site "GitHub" and link to gіthub.com with a Cyrillic і: the
    # reader would follow a lookalike. Browsers show such hosts as their ASCII (punycode) form.
    lookalike = ProbeResult("GitHub", "camille", "https://gіthub.com:8443/camille?tab=1",
                            "found", "signature", 200, 5, "coding")  # fmt: skip
    result = DiscoveryResult(("camille",), 1, (lookalike,))
    row = discovery_view(result, "en").found[0]
    assert row.url == row.href == "https://xn--gthub-n2e.com:8443/camille?tab=1"
    assert discovery_data(result)["results"][0]["url"] == row.url
    assert "xn--gthub-n2e.com" in discovery_text_lines(result, "en")[4]
