"""The trades shown to people (`ereputation trades list|show`, text) or to tools (JSON)."""

from __future__ import annotations

import textwrap
from typing import Any

from ereputation.i18n import Language, LocalText
from ereputation.messages import cli_messages
from ereputation.trades import Source, Trade, Trades
from ereputation.web.networks import Catalogue

__all__ = ["trade_json", "trade_text", "trades_json", "trades_text"]


def _both(text: LocalText) -> dict[str, str]:
    return {"fr": text.fr, "en": text.en}


def _network_name(catalogue: Catalogue, network_id: str) -> str:
    try:
        return catalogue.get(network_id).name
    except KeyError:  # the trades file is checked against this catalogue: only a stale one
        return network_id


def _essential(trade: Trade) -> list[str]:
    return [n.network for n in trade.networks if n.priority == "essential"]


def _source_json(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "year": source.year,
        "date": source.date,
    }


def trades_json(trades: Trades) -> list[dict[str, Any]]:
    """One entry per trade: id, names in both languages, face to face, essential network ids."""
    return [
        {
            "id": trade.id,
            "name": _both(trade.name),
            "meets_face_to_face": trade.meets_face_to_face,
            "essential_networks": _essential(trade),
        }
        for trade in trades
    ]


def trade_json(trade: Trade, catalogue: Catalogue) -> dict[str, Any]:
    """A trade whole: aliases, and each network with its priority, reason and source."""
    return {
        "id": trade.id,
        "name": _both(trade.name),
        "aliases": list(trade.aliases),
        "meets_face_to_face": trade.meets_face_to_face,
        "networks": [
            {
                "network": n.network,
                "name": _network_name(catalogue, n.network),
                "priority": n.priority,
                "reason": _both(n.reason),
                "source": _source_json(n.source),
            }
            for n in trade.networks
        ],
    }


def trades_text(trades: Trades, catalogue: Catalogue, language: Language) -> str:
    """A table: id, name, whether hiring is face to face, the essential networks."""
    words = cli_messages(language)
    rows = [
        (
            trade.id,
            trade.name.get(language),
            words["yes"] if trade.meets_face_to_face else words["no"],
            ", ".join(_network_name(catalogue, n) for n in _essential(trade)) or "-",
        )
        for trade in trades
    ]
    header = (
        words["trades_id"],
        words["trades_name"],
        words["trades_face_to_face"],
        words["trades_essential"],
    )
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in [header, *rows]
    ]
    lines.append("")
    lines.append(words["trades_more"])
    return "\n".join(lines) + "\n"


def trade_text(trade: Trade, catalogue: Catalogue, language: Language) -> str:
    """A trade for reading: its words, then each network with priority, reason and source."""
    words = cli_messages(language)
    face = words["yes"] if trade.meets_face_to_face else words["no"]
    indent = textwrap.TextWrapper(width=88, initial_indent="    ", subsequent_indent="    ")
    aliases = words["trades_aliases_line"].format(aliases=", ".join(trade.aliases))
    lines = [
        words["trades_title_line"].format(id=trade.id, name=trade.name.get(language)),
        words["trades_face_line"].format(answer=face),
        *textwrap.wrap(aliases, width=88, subsequent_indent="  "),
        "",
    ]
    for n in trade.networks:
        name = _network_name(catalogue, n.network)
        priority = words[f"trades_priority_{n.priority}"]
        lines.append(
            "  " + words["trades_network_line"].format(name=name, id=n.network, priority=priority)
        )
        lines.extend(indent.wrap(n.reason.get(language)))
        when = n.source.date or (str(n.source.year) if n.source.year else "")
        cited = ", ".join(part for part in (n.source.title, n.source.publisher, when) if part)
        lines.extend(indent.wrap(words["trades_source_line"].format(source=cited)))
        lines.append(f"    {n.source.url}")
    return "\n".join(lines) + "\n"
