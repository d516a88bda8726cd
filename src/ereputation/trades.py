"""Trades as data: where the recruiters of each trade look, from `checklists/trades.toml`.

The file maps trades and sectors to entries of the network catalogue, each with a priority, a
one-line reason in both languages and a cited public source (docs/trades.md), and lists each
trade's synonym groups: role names and keywords that say the same thing in French and English.
This module loads and validates it, reporting every problem at once by key path, and infers a
person's trade from their target role and keywords.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, cast

from ereputation.detect.synonyms import Synonyms, forms
from ereputation.errors import InputError, Problem
from ereputation.i18n import LocalText, read_local_text
from ereputation.resources import checklists_dir
from ereputation.textsafe import LINE_BREAKS, one_line, printable
from ereputation.tomlfile import Table, key_path, load_toml
from ereputation.web.networks import Catalogue

__all__ = [
    "PRIORITIES",
    "Inference",
    "Priority",
    "Source",
    "Trade",
    "TradeNetwork",
    "Trades",
    "TradesError",
    "alias_tokens",
    "default_trades_path",
    "infer_trade",
    "load_trades",
    "parse_trades",
    "synonyms_for",
]

Priority = Literal["essential", "useful", "optional"]
PRIORITIES: tuple[Priority, ...] = ("essential", "useful", "optional")

_ID = r"[a-z0-9_]+"
_URL = r"https?://[^\s/?#]+\.[^\s/?#]+(/\S*)?"
_DATE = r"\d{4}-\d{2}(-\d{2})?"
_FOLDED = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})
_WORD = re.compile(r"[a-z0-9]+")
MAX_SYNONYM_CHARS = 80


class TradesError(InputError):
    """A trades file that cannot be used."""


@dataclass(frozen=True)
class Source:
    """A public page that supports a reason: who published it, when, and where to read it."""

    title: str
    url: str
    publisher: str
    year: int | None = None
    date: str | None = None  # YYYY-MM or YYYY-MM-DD, when the page gives one
    id: str | None = None  # the key in [sources], when the source is shared


@dataclass(frozen=True)
class TradeNetwork:
    network: str  # an id of the network catalogue
    priority: Priority
    reason: LocalText
    source: Source


@dataclass(frozen=True)
class Trade:
    id: str
    name: LocalText
    aliases: tuple[str, ...]  # role words and synonyms, in both languages
    meets_face_to_face: bool  # hiring is mostly local and in person
    networks: tuple[TradeNetwork, ...]
    # Groups of equivalent role names and keywords in both languages, as written in the data.
    synonyms: tuple[tuple[str, ...], ...] = ()

    def network(self, network_id: str) -> TradeNetwork | None:
        return next((n for n in self.networks if n.network == network_id), None)


@dataclass(frozen=True)
class Trades:
    trades: tuple[Trade, ...]
    sources: Mapping[str, Source]

    def get(self, trade_id: str) -> Trade:
        for trade in self.trades:
            if trade.id == trade_id:
                return trade
        raise KeyError(trade_id)

    def ids(self) -> tuple[str, ...]:
        return tuple(trade.id for trade in self.trades)

    def __iter__(self) -> Iterator[Trade]:
        return iter(self.trades)

    def __len__(self) -> int:
        return len(self.trades)


def default_trades_path() -> Path:
    return checklists_dir() / "trades.toml"


# --- loading and validation --------------------------------------------------------------------


def load_trades(path: Path, catalogue: Catalogue) -> Trades:
    """Read and validate a trades file; every problem is reported at once, by key path."""
    return parse_trades(load_toml(path, TradesError), catalogue, source=str(path))


def parse_trades(
    data: Mapping[str, Any], catalogue: Catalogue, *, source: str = "trades.toml"
) -> Trades:
    problems: list[Problem] = []
    root = Table(data, "", problems)
    version = root.raw("version")
    if version != 1:
        root.problem("version", f"must be 1 (the format this version reads), not {version!r}")
    sources = _sources(root)
    known = frozenset(n.id for n in catalogue.networks)
    used: set[str] = set()
    if not root.has("trades"):
        root.problem("trades", "is required: the [[trades]] entries")
    # Each trade keeps its own key path: a broken entry must not shift the names of the next ones.
    located: list[tuple[str, Trade]] = []
    for table in root.tables("trades"):
        trade = _trade(table, sources, known, used)
        table.finish()
        if trade is not None:
            located.append((table.path, trade))
    root.finish()
    _check_across(problems, located, sources, used)
    if problems:
        raise TradesError(
            Problem(f"{source}: {p.where}" if p.where else source, p.message) for p in problems
        )
    return Trades(tuple(trade for _, trade in located), MappingProxyType(sources))


def _sources(root: Table) -> dict[str, Source]:
    table = root.table("sources")
    if table is None:
        return {}
    out: dict[str, Source] = {}
    for key in list(table.data):
        if re.fullmatch(_ID, key) is None:
            table.problem(key, "is not a valid source id: use a-z, 0-9 and _")
        sub = table.table(key)
        if sub is None:
            continue
        parsed = _source_fields(sub, key)
        sub.finish()
        if parsed is not None:
            out[key] = parsed
    table.finish()
    return out


def _source_fields(table: Table, source_id: str | None) -> Source | None:
    title = table.string("title", required=True)
    url = table.string("url", required=True, pattern=_URL, hint=": give an http(s) address")
    publisher = table.string("publisher", required=True)
    year = table.raw("year")
    date = table.string("date", pattern=_DATE, hint=": write it as YYYY-MM or YYYY-MM-DD")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        table.problem("year", f"must be a year such as 2018, not {year!r}")
        year = None
    elif year is not None and not 1990 <= year <= 2100:
        table.problem("year", f"must be between 1990 and 2100, not {year}")
        year = None
    if not table.has("year") and not table.has("date"):
        table.problem("year", "is required (or `date`): when the source was published")
    if title is None or url is None or publisher is None:
        return None
    return Source(title.strip(), url, publisher.strip(), cast("int | None", year), date, source_id)


def _trade(
    table: Table, sources: Mapping[str, Source], known: frozenset[str], used: set[str]
) -> Trade | None:
    trade_id = table.string("id", required=True, pattern=_ID, hint=": use a-z, 0-9 and _")
    name = read_local_text(table, "name")
    aliases = table.strings("aliases")
    if table.has("aliases") and not aliases:
        table.problem("aliases", "must list at least one role word")
    elif not table.has("aliases"):
        table.problem("aliases", "is required: role words and synonyms in French and English")
    for index, alias in enumerate(aliases):
        if not alias_tokens(alias):
            table.problem("aliases", f"item {index} ({alias!r}) has no letter or digit")
    synonyms = _synonym_groups(table)
    face = table.raw("meets_face_to_face")
    if not isinstance(face, bool):
        table.problem("meets_face_to_face", "is required: true or false")
    networks: list[TradeNetwork] = []
    listed_at: dict[str, str] = {}
    for sub in table.tables("networks"):
        entry = _trade_network(sub, sources, known, used)
        sub.finish()
        if entry is None:
            continue
        if entry.network in listed_at:
            sub.problem(
                "network", f"{entry.network!r} is already listed at {listed_at[entry.network]}"
            )
            continue
        listed_at[entry.network] = sub.path
        networks.append(entry)
    if not table.has("networks"):
        table.problem("networks", "is required: the [[trades.networks]] recruiters of it use")
    elif table.data.get("networks") == []:
        table.problem("networks", "must list at least one network")
    if trade_id is None or name is None or not aliases or not isinstance(face, bool):
        return None
    if not networks:
        return None
    return Trade(trade_id, name, aliases, face, tuple(networks), synonyms)


def _synonym_groups(table: Table) -> tuple[tuple[str, ...], ...]:
    """`synonyms = [["data analyst", "analyste de données"], ...]`: each group says one thing
    at least two ways, and a term belongs to one group of the trade (else which one it means
    would depend on the order of the file)."""
    value = table.raw("synonyms")
    if value is None:
        return ()
    if not isinstance(value, list):
        table.problem("synonyms", "must be a list of groups, each a list of terms")
        return ()
    groups: list[tuple[str, ...]] = []
    first_at: dict[str, str] = {}
    for number, group in enumerate(value):
        where = key_path(key_path(table.path, "synonyms"), number)
        if not isinstance(group, list):
            _problem(table, where, 'must be a list of terms, such as ["SQL", "langage SQL"]')
            continue
        entries: list[str] = []
        for index, entry in enumerate(group):
            if _synonym_ok(table, key_path(where, index), entry):
                entries.append(entry)
                for form in forms(entry):
                    earlier = first_at.setdefault(form, where)
                    if earlier != where:
                        _problem(
                            table, key_path(where, index), f"{entry!r} is already in {earlier}"
                        )
                        break
        if len(group) < 2 or len({forms(e) for e in entries}) < 2:
            _problem(table, where, "must list at least two different terms")
        if entries:
            groups.append(tuple(entries))
    return tuple(groups)


def _problem(table: Table, where: str, message: str) -> None:
    table.problems.append(Problem(where, message))


def _synonym_ok(table: Table, where: str, entry: object) -> bool:
    if not isinstance(entry, str):
        _problem(table, where, f"must be a string, not {entry!r}")
        return False
    if printable(entry) != entry or any(c in entry for c in LINE_BREAKS):
        _problem(table, where, f"{one_line(entry, 80)!r} has invisible or control characters")
        return False
    if entry != entry.strip() or "  " in entry:
        _problem(table, where, f"{entry!r} has spaces at an end or doubled")
        return False
    if len(entry) > MAX_SYNONYM_CHARS:
        _problem(table, where, f"is longer than {MAX_SYNONYM_CHARS} characters")
        return False
    if not alias_tokens(entry) or not forms(entry):
        _problem(table, where, f"{entry!r} has no letter or digit")
        return False
    return True


def _trade_network(
    table: Table, sources: Mapping[str, Source], known: frozenset[str], used: set[str]
) -> TradeNetwork | None:
    network = table.string("network", required=True, pattern=_ID)
    if network is not None and network not in known:
        table.problem("network", f"{network!r} is not in the network catalogue (networks.toml)")
        network = None
    priority = table.string("priority", required=True, choices=PRIORITIES)
    reason = read_local_text(table, "reason")
    source = _source_ref(table, sources, used)
    if network is None or priority is None or reason is None or source is None:
        return None
    return TradeNetwork(network, cast(Priority, priority), reason, source)


def _source_ref(table: Table, sources: Mapping[str, Source], used: set[str]) -> Source | None:
    """`source = "apec_sourcing_2018"` (an entry of [sources]) or an inline table."""
    value = table.raw("source")
    if value is None:
        table.problem("source", "is required: the public page that supports the reason")
        return None
    if isinstance(value, str):
        used.add(value)
        if value not in sources:
            table.problem("source", f"{value!r} is not an entry of [sources]")
            return None
        return sources[value]
    if not isinstance(value, dict):
        table.problem("source", "must be the id of a [sources] entry or a table")
        return None
    sub = table.table("source")
    if sub is None:
        return None
    parsed = _source_fields(sub, None)
    sub.finish()
    return parsed


def _check_across(
    problems: list[Problem],
    located: list[tuple[str, Trade]],
    sources: Mapping[str, Source],
    used: set[str],
) -> None:
    """Unique ids; an alias names one trade only (else inference never picks it); no dead source."""
    first_at: dict[str, str] = {}
    owner: dict[tuple[str, ...], str] = {}
    for where, trade in located:
        if trade.id in first_at:
            problems.append(
                Problem(f"{where}.id", f"{trade.id!r} is already used by {first_at[trade.id]}")
            )
        first_at.setdefault(trade.id, where)
        for alias in trade.aliases:
            tokens = alias_tokens(alias)
            earlier = owner.setdefault(tokens, trade.id)
            if earlier != trade.id:
                problems.append(
                    Problem(f"{where}.aliases", f"{alias!r} already names the trade {earlier!r}")
                )
    for source_id in sources:
        if source_id not in used:
            problems.append(Problem(f"sources.{source_id}", "is not cited by any trade: remove it"))


def synonyms_for(trades: Iterable[Trade], trade: Trade | None) -> Synonyms:
    """The synonym groups a role or keyword is read with: the person's trade's when it is known
    (another trade's sense of a word must not leak in), else every trade's groups; a term is
    only ever matched against the groups that hold it exactly."""
    if trade is not None:
        return Synonyms(trade.synonyms)
    return Synonyms(tuple(group for each in trades for group in each.synonyms))


# --- inference ---------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lower case without accents: "Infirmière" and "infirmiere" are one word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLDED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _stem(word: str) -> str:
    # A plural is the same role: "développeurs", "ressources humaines".
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


@lru_cache(maxsize=4096)
def alias_tokens(text: str) -> tuple[str, ...]:
    """The words of a role or alias as matched: folded, split on anything but letters and digits."""
    return tuple(_stem(word) for word in _WORD.findall(_fold(text)))


@dataclass(frozen=True)
class Inference:
    """Why a trade was inferred, or why none was: shown to the person, who can set it instead."""

    field: Literal["target_role", "keywords"] | None = None  # where the alias was found
    alias: str | None = None  # the alias that won
    text: str | None = None  # the role or keyword it was found in (one line, sanitised)
    tied: tuple[str, ...] = ()  # trade ids that matched equally well: no guess is made

    @property
    def ambiguous(self) -> bool:
        return len(self.tied) > 1


def infer_trade(
    trades: Iterable[Trade], target_role: str | None, keywords: Iterable[str] = ()
) -> tuple[Trade | None, Inference]:
    """The trade whose most specific alias appears in the role, else in the keywords.

    Matching is by whole words, without regard to case, accents or a plural "s". The alias with
    the most words is the most specific and wins ("ingénieur commercial" over "ingénieur"); two
    trades whose best aliases have as many words give no trade rather than a guess. The role is
    read first: keywords only decide when the role names no trade at all.
    """
    pool = tuple(trades)
    if isinstance(keywords, str):  # one keyword given bare must not be read letter by letter
        keywords = (keywords,)
    attempts: list[tuple[Literal["target_role", "keywords"], list[str]]] = [
        ("target_role", [target_role] if target_role else []),
        ("keywords", [k for k in keywords if k]),
    ]
    # Aliases indexed by their first word: each role or keyword is then read once, word by word.
    by_first_word: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for trade in pool:
        for alias in trade.aliases:
            tokens = alias_tokens(alias)
            if tokens:
                by_first_word.setdefault(tokens[0], []).append((tokens, alias, trade.id))
    for field, texts in attempts:
        best: dict[str, tuple[int, str, str]] = {}
        for text in texts:
            words = alias_tokens(text)
            for start, word in enumerate(words):
                for tokens, alias, trade_id in by_first_word.get(word, ()):
                    if words[start : start + len(tokens)] != tokens:
                        continue
                    if trade_id not in best or len(tokens) > best[trade_id][0]:
                        best[trade_id] = (len(tokens), alias, text)
        if not best:
            continue
        top = max(score for score, _, _ in best.values())
        winners = [trade_id for trade_id, (score, _, _) in best.items() if score == top]
        if len(winners) > 1:
            return None, Inference(field=field, tied=tuple(sorted(winners)))
        _, alias, text = best[winners[0]]
        trade = next(t for t in pool if t.id == winners[0])
        return trade, Inference(field, alias, one_line(text, 200), (trade.id,))
    return None, Inference()
