"""Which trade a person's advice follows: the one they set, else one inferred from their role.

`choose_trade` is pure: the trades come in as an argument. `trades()` reads the bundled file once,
like `recruiter.catalogue()`. `trade_problems` is the config check behind `person.trade`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from typing import Literal

from ereputation.config import Person, Profile
from ereputation.errors import Problem
from ereputation.i18n import Language
from ereputation.trades import (
    Inference,
    Trade,
    Trades,
    default_trades_path,
    infer_trade,
    load_trades,
)

__all__ = [
    "HINT_KEYS",
    "Evidence",
    "TradeChoice",
    "choose_trade",
    "trade_problems",
    "trades",
    "unknown_trade",
]

EvidenceField = Literal["target_role", "keywords", "role_aliases"]
# The keys of report_templates/cli.toml that tell a person how to set (or confirm) their trade.
HINT_KEYS = ("trade_hint_inferred", "trade_hint_ambiguous", "trade_hint_none")


@cache
def trades() -> Trades:
    """The bundled trades, validated against the bundled network catalogue; read once."""
    from ereputation.recruiter import catalogue  # the visiting machinery only when needed

    return load_trades(default_trades_path(), catalogue())


@dataclass(frozen=True)
class Evidence:
    """Where an inferred trade was read: the field, the alias found and the text it was in."""

    field: EvidenceField | None = None
    alias: str | None = None
    text: str | None = None  # one sanitised line
    tied: tuple[str, ...] = ()  # trade ids matched equally well: no guess was made

    @classmethod
    def of(cls, inference: Inference, field: EvidenceField | None = None) -> Evidence:
        return cls(field or inference.field, inference.alias, inference.text, inference.tied)

    @property
    def ambiguous(self) -> bool:
        return len(self.tied) > 1


@dataclass(frozen=True)
class TradeChoice:
    trade: Trade | None
    inferred: bool  # True when the config does not set person.trade and one was found
    evidence: Evidence  # empty when the trade was set in the config
    how_to_set: str | None  # a key of HINT_KEYS, or None when the config sets the trade

    def hint(self, language: Language) -> str | None:
        """The sentence telling how to set the trade, in `language` (report_templates/cli.toml)."""
        if self.how_to_set is None:
            return None
        from ereputation.messages import cli_text

        return cli_text(
            self.how_to_set,
            language,
            trade=self.trade.id if self.trade else "",
            name=self.trade.name.get(language) if self.trade else "",
            alias=self.evidence.alias or "",
            tied=", ".join(self.evidence.tied),
        )


def choose_trade(person: Person, trades: Trades) -> TradeChoice:
    """`person.trade` when it names a known trade; else the trade inferred from the target role,
    then the keywords, then the person's own role aliases (the first that names one wins)."""
    if person.trade:
        try:
            return TradeChoice(trades.get(person.trade), False, Evidence(), None)
        except KeyError:
            pass  # reported by trade_problems before any audit; a library caller gets inference
    trade, inference = infer_trade(trades, person.target_role, person.keywords)
    evidence = Evidence.of(inference)
    if trade is None and not inference.ambiguous and person.role_aliases:
        trade, inference = infer_trade(trades, None, person.role_aliases)
        evidence = Evidence.of(inference, "role_aliases" if inference.field else None)
    if trade is not None:
        return TradeChoice(trade, True, evidence, "trade_hint_inferred")
    key = "trade_hint_ambiguous" if evidence.ambiguous else "trade_hint_none"
    return TradeChoice(None, False, evidence, key)


def trade_problems(profile: Profile, known: Trades | None = None) -> list[Problem]:
    """`person.trade` must name a trade of the trades file: a typo must not pass silently."""
    value = profile.person.trade
    pool = trades() if known is None else known
    if not value or value in pool.ids():
        return []
    where = f"{profile.path}: person.trade" if profile.path else "person.trade"
    return [unknown_trade(value, where, pool)]


def unknown_trade(value: str, where: str, pool: Trades) -> Problem:
    """`value` is no trade id: the problem, with the closest id when one is close, and them all."""
    ids = ", ".join(pool.ids())
    close = _closest(value, pool)
    if close is None:
        return Problem.coded(where, "unknown_trade", trade=repr(value), known=ids)
    return Problem.coded(where, "unknown_trade_close", trade=repr(value), close=close, known=ids)


def _closest(value: str, pool: Trades) -> str | None:
    """A near id ("helthcare"), else the trade whose alias the value is ("infirmière")."""
    close = difflib.get_close_matches(value.casefold(), pool.ids(), n=1, cutoff=0.6)
    if close:
        return close[0]
    trade, _ = infer_trade(pool, value)
    return trade.id if trade else None
