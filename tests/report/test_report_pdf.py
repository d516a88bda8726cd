"""PDF output: printed by headless Chromium when present; a clear error when no engine is."""

from __future__ import annotations

from pathlib import Path

import pytest

from ereputation.errors import InputError, RenderError
from ereputation.formats import pdf
from ereputation.formats.html import FORMATTER
from ereputation.model import AuditResult

CHROMIUM = pdf.find_chromium()


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium installed (apt-get install chromium)")
def test_render_pdf_prints_the_report_with_chromium(full_result: AuditResult) -> None:
    data = pdf.render_pdf(FORMATTER.render(full_result))
    assert data.startswith(b"%PDF")
    assert b"/MediaBox [0 0 594.95" in data or b"/MediaBox [0 0 595" in data  # A4 pages


def test_without_any_engine_the_error_says_how_to_install_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf, "find_chromium", lambda: None)
    monkeypatch.setattr(pdf, "weasyprint_available", lambda: False)
    with pytest.raises(pdf.PdfUnavailable) as caught:
        pdf.render_pdf("<p>x</p>")
    message = str(caught.value)
    assert "apt-get install chromium" in message and "pip install weasyprint" in message
    # Reported without a traceback, as a failed renderer (exit 3), not as bad input (exit 2).
    assert isinstance(caught.value, RenderError) and not isinstance(caught.value, InputError)


def test_a_browser_that_does_not_exist_is_reported_as_unavailable(tmp_path: Path) -> None:
    with pytest.raises(pdf.PdfUnavailable):
        pdf.render_pdf("<p>x</p>", browser=str(tmp_path / "no-such-chromium"))


def test_a_browser_that_prints_nothing_is_an_error(tmp_path: Path) -> None:
    fake = tmp_path / "fake-chromium"
    fake.write_text("#!/bin/sh\necho 'cannot print' >&2\nexit 3\n")
    fake.chmod(0o755)
    with pytest.raises(pdf.PdfError, match=r"exit status 3\): cannot print"):
        pdf.render_pdf("<p>x</p>", browser=str(fake))


def test_chromium_runs_headless_isolated_and_without_background_network(tmp_path: Path) -> None:
    page, out, profile = tmp_path / "r.html", tmp_path / "r.pdf", tmp_path / "p"
    command = pdf.chromium_command("chromium", page, out, profile, as_root=True)
    assert "--no-sandbox" not in pdf.chromium_command("c", page, out, profile, as_root=False)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
        f"--user-data-dir={profile}",
        f"--print-to-pdf={out}",
    ):
        assert flag in command
    assert command[-1] == page.as_uri()
