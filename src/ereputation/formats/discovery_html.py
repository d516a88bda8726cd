"""`ereputation discover --format html`: one inert page, rendered with the report's environment
(autoescape for every template, every printed string made printable) and its CSS and CSP."""

from __future__ import annotations

from ereputation import __version__
from ereputation.discovery.results import DiscoveryResult
from ereputation.formats.discovery_view import discovery_view
from ereputation.formats.html import _environment
from ereputation.i18n import Language

TEMPLATE = "discovery.html.j2"


def discovery_html(result: DiscoveryResult, lang: Language) -> str:
    view = discovery_view(result, lang)
    template = _environment().get_template(TEMPLATE)
    return str(template.render(discovery=view, words=view.words, version=__version__))
