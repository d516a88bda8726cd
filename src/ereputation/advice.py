"""The "where" half of the answer, put into the result: the trade line, the advice network by
network, and the verdict naming the networks.

Pure given its arguments (the trade, the catalogue and the texts are passed in by `audit`). The
rules themselves are `where.py`'s; this module only respects the person's own choices around them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ereputation.i18n import Language
from ereputation.messages import messages
from ereputation.model import ChosenTrade, TradeName, Verdict, WhereAdvice
from ereputation.trade_choice import TradeChoice
from ereputation.trades import Trades
from ereputation.where import summarise_where

__all__ = [
    "OFFLINE_CHOICE",
    "chosen_trade",
    "naming_networks",
    "respecting_offline_choice",
    "tied_trades",
]

# The reason code of a network left to the person who chose to stay off networks.
OFFLINE_CHOICE = "optional_offline_choice"


def chosen_trade(choice: TradeChoice, language: Language) -> ChosenTrade | None:
    """The trade line of the report: which trade, and whether it was set or inferred from what."""
    if choice.trade is None:
        return None
    words = messages(language)
    evidence = choice.evidence
    if choice.inferred and evidence.field:
        shown = evidence.text or evidence.alias or ""
        told = words[f"trade_inferred_{evidence.field}"].format(text=shown)
        how = words["trade_how_to_set"].format(trade=choice.trade.id)
    else:
        told, how = words["trade_set"], words["trade_how_to_change"]
    return ChosenTrade(choice.trade.id, choice.trade.name.get(language), choice.inferred, told, how)


def tied_trades(choice: TradeChoice, pool: Trades, language: Language) -> tuple[TradeName, ...]:
    """The trades that fit equally well when none was chosen, named in `language`."""
    if choice.trade is not None or not choice.evidence.ambiguous:
        return ()
    return tuple(TradeName(t, pool.get(t).name.get(language)) for t in choice.evidence.tied)


def respecting_offline_choice(
    advice: Sequence[WhereAdvice], language: Language, *, stays_offline: bool
) -> tuple[WhereAdvice, ...]:
    """A person who chose to stay off networks is not told to create profiles: a network they are
    not on becomes their choice. Declared profiles keep their advice (private, close, keep...)."""
    if not stays_offline:
        return tuple(advice)
    reason = messages(language)["where_offline_choice"]
    return tuple(
        replace(a, recommendation="optional", reason=reason, code=OFFLINE_CHOICE)
        if not a.declared and a.recommendation == "create"
        else a
        for a in advice
    )


def naming_networks(
    judged: Verdict,
    advice: Sequence[WhereAdvice],
    language: Language,
    *,
    trade_known: bool,
) -> Verdict:
    """The verdict answers "where" too: the networks to be on, to make private, to close."""
    summary = summarise_where(advice, language, trade_known=trade_known)
    return replace(judged, text=f"{judged.text} {summary}".strip())
