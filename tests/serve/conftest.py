"""Fixtures of the web face's tests: the browser of the report's browser tests, shared."""

import os
from pathlib import Path

from tests.report.test_report_browser import browser  # noqa: F401 (a fixture, used by name)

# Screenshots of the pages: tests/artifacts/ on every run, so that a test run never changes a
# tracked file; `make doc-images` sets EREPUTATION_DOC_IMAGES to refresh docs/images/.
IMAGES = Path(__file__).resolve().parents[2] / (
    "docs/images" if os.environ.get("EREPUTATION_DOC_IMAGES") else "tests/artifacts"
)
