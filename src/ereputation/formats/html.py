"""HTML: one self-contained page rendered by Jinja2 from report_templates/, escaped throughout.

The page is inert: no script, nothing fetched (the template carries a strict CSP), inline CSS and
SVG only. The presentational helpers it shares with the other formats live in `view.py`.

Autoescape turns markup into text, but a control character or a bidi override would still reach
the page: the presenter hands the template a sanitised result, and every plain string the
template prints also goes through `single_line` (the environment's `finalize`), so a value that
bypasses the presenter is caught too.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ereputation.formats import TextualFormatter, svg
from ereputation.formats.sanitise import single_line
from ereputation.formats.view import TOP_ACTIONS, Presenter, Words, safe_href
from ereputation.model import AuditResult
from ereputation.resources import templates_dir

__all__ = ["FORMATTER", "HtmlFormatter", "Presenter", "safe_href"]

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
        finalize=_printable,
    )


def _printable(value: object) -> object:
    """Every plain string a template prints, made printable; markup built by macros (a `Markup`,
    already made of printable parts) and numbers pass as they are."""
    return single_line(value, strip=False) if type(value) is str else value


class HtmlFormatter(TextualFormatter):
    def render(self, result: AuditResult) -> str:
        from ereputation.formats.accounts_view import AccountsView

        words = Words(result)
        presenter = Presenter(result, words)
        template = _environment().get_template(TEMPLATE)
        return str(
            template.render(
                r=presenter.r,
                w=words,
                p=presenter,
                acc=AccountsView(presenter),
                svg=svg,
                safe_href=safe_href,
                top_actions=TOP_ACTIONS,
            )
        )


FORMATTER = HtmlFormatter()
