"""Fixtures of the web face's tests: the browser of the report's browser tests, shared."""

from tests.report.test_report_browser import browser  # noqa: F401 (a fixture, used by name)
