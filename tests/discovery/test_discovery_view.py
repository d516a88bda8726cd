"""The discovery view shared by the formats: order, labels, sanitised catalogue strings."""

from __future__ import annotations

import io
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


def test_a_long_run_is_never_silent_on_a_terminal() -> None:
    # 20 usernames on sites answering in a second take 20 s with nothing found to print: the
    # count is repeated while the run lasts.
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        with _Progress(4, "en", stream, every=0.05) as progress:
            time.sleep(0.3)
            progress(RESULT.results[0])
            time.sleep(0.3)
    lines = terminal.getvalue().splitlines()
    assert "0 of 4 probes done" in lines and "1 of 4 probes done" in lines
    assert lines[-1] == "1 of 4 probes done"
    assert len(lines) < 10  # a line when the count changed, or every few seconds: not a flood
    assert pipe.getvalue() == ""


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
