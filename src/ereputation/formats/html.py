"""HTML: one self-contained page rendered by Jinja2 from report_templates/, escaped throughout."""

from __future__ import annotations

from functools import cache
from typing import Any

from ereputation.formats import Formatter
from ereputation.formats.view import Words
from ereputation.model import AuditResult
from ereputation.resources import templates_dir

TEMPLATE = "report.html.j2"


@cache
def _environment() -> Any:
    import jinja2  # imported here: only HTML needs it, and it costs start-up time

    # autoescape=True for every template, whatever its suffix: select_autoescape() would look at
    # file names only, and a `.j2` template would then render scraped text unescaped.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def safe_href(url: str | None) -> str | None:
    """Only http(s) URLs become links; anything else (javascript:, data:) stays plain text."""
    if not url:
        return None
    lowered = url.strip().lower()
    return url.strip() if lowered.startswith(("http://", "https://")) else None


class HtmlFormatter(Formatter):
    def render(self, result: AuditResult) -> str:
        template = _environment().get_template(TEMPLATE)
        return str(template.render(r=result, w=Words(result), safe_href=safe_href))


FORMATTER = HtmlFormatter()
