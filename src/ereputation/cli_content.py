"""Commands on the tool's own content: the checklists, the trades and the JSON Schemas.

Thin shells over the library, registered on the main group when `cli` is imported; kept apart so
that `cli.py` holds the audit and the interview, each module readable in one sitting.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ereputation.cli import (
    UserError,
    _format_option,
    _language_option,
    _say,
    cli_language,
    echo_stdout,
    main,
    reports_input_errors,
)
from ereputation.errors import InputError

if TYPE_CHECKING:
    from ereputation.checklist import Checklist
    from ereputation.i18n import Language


@main.group(short_help="List and show the checklists that audits can use.")
def checklist() -> None:
    """List and show the checklists that audits can use."""


def _available() -> list[tuple[Path, Checklist]]:
    from ereputation.checklist import load_checklist
    from ereputation.resources import checklists_dir
    from ereputation.tomlfile import load_toml

    found = []
    for path in sorted(checklists_dir().glob("*.toml")):
        if "checklist" in load_toml(path):  # other data files (networks, lexicons) sit beside
            found.append((path, load_checklist(path)))
    return found


@checklist.command("list", short_help="List the bundled checklists.")
@reports_input_errors
def checklist_list() -> None:
    """List the bundled checklists: id, version, number of items and title."""
    lines = [
        f"{loaded.id:<24} {loaded.version:<8} {len(loaded.items):>3} items  "
        f"{loaded.title.en}  ({path.name})"
        for path, loaded in _available()
    ]
    echo_stdout("\n".join(lines), cli_language(None))


@checklist.command("show", short_help="Show a checklist's questions, choices and points.")
@click.argument("ref", required=False, default=None)
@_format_option()
@_language_option("Language of the text form (default: fr).")
@reports_input_errors
def checklist_show(ref: str | None, output_format: str, language: Language | None) -> None:
    """Show a checklist: REF is a bundled checklist id or a file path (default: the default one)."""
    import json

    from ereputation.checklist import load_checklist
    from ereputation.checklist_view import checklist_json, checklist_text
    from ereputation.resources import default_checklist_path

    lang = cli_language(language)
    if ref is None:
        loaded = load_checklist(default_checklist_path())
    elif Path(ref).is_file():
        loaded = load_checklist(Path(ref))
    else:
        matches = [c for _, c in _available() if c.id == ref]
        if not matches:
            known = ", ".join(c.id for _, c in _available())
            raise UserError(_say(lang, "no_checklist", ref=repr(ref), known=known), lang)
        loaded = matches[0]
    if output_format == "json":
        echo_stdout(json.dumps(checklist_json(loaded), ensure_ascii=False, indent=2), lang)
    else:
        echo_stdout(checklist_text(loaded, language or "fr"), lang, nl=False)


@main.group(short_help="List and show the trades, and the networks their recruiters use.")
def trades() -> None:
    """List and show the trades: where the recruiters of each one look.

    A profile config names its trade with `trade = "ID"` in [person]; without it, the trade is
    inferred from the target role and keywords. The data and its sources: docs/trades.md.
    """


@trades.command("list", short_help="List the trades with their essential networks.")
@_format_option()
@_language_option("Language of the text form. Default: from the locale.")
@reports_input_errors
def trades_list(output_format: str, language: Language | None) -> None:
    """List the trades: id, name, whether hiring is mostly face to face, essential networks."""
    import json

    from ereputation.recruiter import catalogue
    from ereputation.trade_choice import trades as bundled_trades
    from ereputation.trades_view import trades_json, trades_text

    lang = cli_language(language)
    if output_format == "json":
        text = json.dumps(trades_json(bundled_trades()), ensure_ascii=False, indent=2)
        echo_stdout(text, lang)
    else:
        echo_stdout(trades_text(bundled_trades(), catalogue(), lang), lang, nl=False)


@trades.command("show", short_help="Show a trade's networks, with priority, reason and source.")
@click.argument("trade_id", metavar="ID")
@_format_option()
@_language_option("Language of the text form. Default: from the locale.")
@reports_input_errors
def trades_show(trade_id: str, output_format: str, language: Language | None) -> None:
    """Show the trade ID (see `trades list`): each network with its priority, reason and source."""
    import json

    from ereputation.recruiter import catalogue
    from ereputation.trade_choice import trades as bundled_trades
    from ereputation.trade_choice import unknown_trade
    from ereputation.trades_view import trade_json, trade_text

    lang = cli_language(language)
    pool = bundled_trades()
    try:
        trade = pool.get(trade_id)
    except KeyError:
        raise InputError(unknown_trade(trade_id, "", pool)) from None
    if output_format == "json":
        text = json.dumps(trade_json(trade, catalogue()), ensure_ascii=False, indent=2)
        echo_stdout(text, lang)
    else:
        echo_stdout(trade_text(trade, catalogue(), lang), lang, nl=False)


@main.command(short_help="Print the JSON Schema of an audit result, a comparison or a history.")
@click.argument("kind", type=click.Choice(["result", "compare", "history"]), default="result")
def schema(kind: str) -> None:
    """Print the JSON Schema of KIND: `result` (`audit --format json`, the default), `compare`
    (`compare --format json`) or `history` (`history --format json`)."""
    from ereputation.resources import schema_path

    text = schema_path(kind).read_text(encoding="utf-8")
    echo_stdout(text, cli_language(None), nl=False)
