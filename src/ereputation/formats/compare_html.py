"""The comparison as one self-contained, inert HTML page: the report's environment, CSS and CSP.

The Jinja2 environment is the report's (autoescape on for every template, every printed string
made printable by its `finalize`), and the view hands the template a sanitised comparison.
"""

from __future__ import annotations

from ereputation.compare import Comparison
from ereputation.formats.compare_view import CompareFormatter, CompareView
from ereputation.formats.html import _environment
from ereputation.formats.view import safe_href

TEMPLATE = "compare.html.j2"


class CompareHtmlFormatter(CompareFormatter):
    def render(self, comparison: Comparison) -> str:
        template = _environment().get_template(TEMPLATE)
        return str(template.render(v=CompareView(comparison), safe_href=safe_href))


FORMATTER = CompareHtmlFormatter()
