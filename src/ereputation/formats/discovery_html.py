"""`ereputation discover --format html`: one inert page, rendered with the report's environment
(autoescape for every template, every printed string made printable) and its CSS and CSP."""

from __future__ import annotations

from ereputation import __version__
from ereputation.discovery.deep import DeepResult
from ereputation.discovery.results import DiscoveryResult
from ereputation.formats.discovery_deep import deep_view
from ereputation.formats.discovery_view import discovery_view
from ereputation.formats.html import _environment
from ereputation.i18n import Language

TEMPLATE = "discovery.html.j2"


def discovery_html(result: DiscoveryResult, lang: Language, deep: DeepResult | None = None) -> str:
    """The run, and with `--deep` what each found account shows (`deep`)."""
    view = discovery_view(result, lang)
    deep_shown = deep_view(deep, view.words) if deep is not None else None
    template = _environment().get_template(TEMPLATE)
    page = template.render(discovery=view, deep=deep_shown, words=view.words, version=__version__)
    return str(page)
