"""Which site a URL belongs to, from the catalogue in `checklists/networks.toml`.

The catalogue is data a counsellor can extend (docs/networks.md); this module only loads it,
validates it with precise key paths, and matches URLs against it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote, urlsplit

from ereputation.errors import InputError, Problem
from ereputation.i18n import LocalText, local_text_of
from ereputation.tomlfile import Table, key_path, load_toml
from ereputation.vocabulary import NETWORK_KINDS, NetworkKind

FALLBACK_ID = "website"
SIGNATURE_GROUPS = ("login_wall", "not_found", "blocked")

_ID = r"[a-z0-9_]+"
_HOST = re.compile(
    r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"
)
_KEYWORD = re.compile(r"[a-z0-9-]{2,30}")
_DROPPED_PREFIXES = ("www.", "m.", "mobile.")
_OTHER_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)


class CatalogueError(InputError):
    """A networks catalogue that cannot be used."""


@dataclass(frozen=True)
class Signature:
    """What one kind of page (login wall, "no such user", refusal) looks like on a site."""

    titles: tuple[re.Pattern[str], ...] = ()
    texts: tuple[str, ...] = ()  # normalised with `normalise_text`
    redirect_paths: tuple[re.Pattern[str], ...] = ()
    redirect_hosts: tuple[re.Pattern[str], ...] = ()
    statuses: tuple[int, ...] = ()
    markers: tuple[str, ...] = ()  # names from PageFacts.bot_check_hints


@dataclass(frozen=True)
class Signatures:
    login_wall: Signature = field(default_factory=Signature)
    not_found: Signature = field(default_factory=Signature)
    blocked: Signature = field(default_factory=Signature)


@dataclass(frozen=True)
class HostGuess:
    """Recognises hosts nobody listed, e.g. any Mastodon server: a keyword and a path shape."""

    host_keywords: tuple[str, ...]
    paths: tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class Network:
    id: str
    name: str
    kind: NetworkKind
    job_search_weight: int  # 0 (no help in a job search) to 3 (recruiters look there first)
    note: LocalText  # the site's role in a job search
    hosts: tuple[str, ...] = ()  # the host and its subdomains
    exact_hosts: tuple[str, ...] = ()  # the host only, ignoring www. and m.
    paths: tuple[re.Pattern[str], ...] = ()  # when given, the URL path must match one
    guess: HostGuess | None = None
    signatures: Signatures = field(default_factory=Signatures)
    common: Signatures = field(default_factory=Signatures)  # the catalogue's [generic] ones

    @property
    def is_fallback(self) -> bool:
        return self.id == FALLBACK_ID


@dataclass(frozen=True)
class Catalogue:
    networks: tuple[Network, ...]
    fallback: Network
    generic: Signatures

    def get(self, network_id: str) -> Network:
        for network in self.networks:
            if network.id == network_id:
                return network
        raise KeyError(network_id)

    def identify(self, url: str) -> Network:
        return identify(url, self)


# --- identification ----------------------------------------------------------------------------


def identify(url: str, catalogue: Catalogue) -> Network:
    """The catalogue entry a URL belongs to; anything unknown or malformed is a "website"."""
    parsed = _split(url)
    if parsed is None:
        return catalogue.fallback
    host, path = parsed
    bare = _bare_host(host)
    for network in catalogue.networks:
        if network.is_fallback:
            continue
        on_host = bare in network.exact_hosts or any(
            host == h or host.endswith("." + h) for h in network.hosts
        )
        if on_host and (not network.paths or _any_match(network.paths, path)):
            return network
    labels = host.split(".")[:-1]  # the top-level domain is not a name
    for network in catalogue.networks:
        guess = network.guess
        if (
            guess
            and _any_match(guess.paths, path)
            and any(word in label for word in guess.host_keywords for label in labels)
        ):
            return network
    return catalogue.fallback


def _split(url: object) -> tuple[str, str] | None:
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text or len(text) > 4096:
        return None
    if "://" not in text and not text.startswith("//"):
        if _OTHER_SCHEME.match(text):
            return None  # mailto:, tel:, javascript:…
        text = "https://" + text  # "github.com/camille" as people type it
    try:
        parts = urlsplit(text)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port, as a browser refuses it
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https", "") or not host:
        return None
    return host.rstrip(".").lower(), unquote(parts.path) or "/"


def _bare_host(host: str) -> str:
    for prefix in _DROPPED_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            return host[len(prefix) :]
    return host


def _any_match(patterns: tuple[re.Pattern[str], ...], value: str) -> bool:
    return any(p.search(value) for p in patterns)


# --- text normalisation shared with pagekind ----------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2026": "..."})
_SPACES = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Lower case, plain apostrophes and ellipses, single spaces: how signatures are compared."""
    return _SPACES.sub(" ", text.translate(_APOSTROPHES)).strip().lower()


# --- loading and validation --------------------------------------------------------------------


def load_catalogue(path: Path) -> Catalogue:
    """Read and validate a catalogue file; every problem is reported at once, by key path."""
    return parse_catalogue(load_toml(path, CatalogueError), source=str(path))


def parse_catalogue(data: Mapping[str, Any], *, source: str = "networks.toml") -> Catalogue:
    problems: list[Problem] = []
    root = Table(data, "", problems)
    version = root.raw("version")
    if version != 1:
        root.problem(
            "version", f"must be 1 (the catalogue format this version reads), not {version!r}"
        )
    generic_table = root.table("generic")
    generic = _signatures(generic_table) if generic_table else Signatures()
    if generic_table:
        generic_table.finish()
    if not root.has("networks"):
        root.problem("networks", "is required: the [[networks]] entries")
    networks = root.each("networks", lambda table: _network(table, generic))
    root.finish()
    _check_catalogue(networks, problems)
    raw_networks = data.get("networks")
    listed_ids = (
        [t.get("id") for t in raw_networks if isinstance(t, dict)]
        if isinstance(raw_networks, list)
        else []
    )
    if FALLBACK_ID not in listed_ids:
        root.problem("networks", f'needs an entry with id = "{FALLBACK_ID}": what other URLs are')
    if problems:
        located = [
            Problem(f"{source}: {p.where}" if p.where else source, p.message) for p in problems
        ]
        raise CatalogueError(located)
    fallback = next(n for n in networks if n.is_fallback)
    return Catalogue(tuple(networks), fallback, generic)


def _network(table: Table, generic: Signatures) -> Network | None:
    network_id = table.string("id", required=True, pattern=_ID, hint=": use a-z, 0-9 and _")
    name = table.string("name", required=True)
    kind = table.string("kind", required=True, choices=NETWORK_KINDS)
    weight = _weight(table)
    note_table = table.table("note", required=True)
    note = local_text_of(note_table) if note_table else None
    hosts = _hosts(table, "hosts")
    exact_hosts = _hosts(table, "exact_hosts")
    paths = _patterns(table, "paths")
    guess = _guess(table)
    own = _signatures(table)
    declared = any(table.has(key) for key in ("hosts", "exact_hosts", "guess"))
    if network_id != FALLBACK_ID and not declared:
        table.problem("hosts", "is required: list the hosts this network lives on")
    if network_id == FALLBACK_ID and (hosts or exact_hosts or paths or guess):
        table.problem(
            "hosts", f'the "{FALLBACK_ID}" entry matches every other URL: give it no host'
        )
    if None in (network_id, name, kind, weight, note):
        return None
    return Network(
        id=cast(str, network_id),
        name=cast(str, name).strip(),
        kind=cast(NetworkKind, kind),
        job_search_weight=cast(int, weight),
        note=cast(LocalText, note),
        hosts=hosts,
        exact_hosts=exact_hosts,
        paths=paths,
        guess=guess,
        signatures=own,
        common=generic,
    )


def _weight(table: Table) -> int | None:
    value = table.raw("job_search_weight")
    if value is None:
        table.problem("job_search_weight", "is required (0 to 3)")
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
        table.problem("job_search_weight", f"must be a whole number from 0 to 3, not {value!r}")
        return None
    return value


def _item_problem(table: Table, key: str, index: int, message: str) -> None:
    """`hosts[2]: …`, located like every other problem."""
    table.problems.append(Problem(key_path(key_path(table.path, key), index), message))


def _hosts(table: Table, key: str) -> tuple[str, ...]:
    values = table.array(key)
    out: list[str] = []
    for index, value in enumerate(values or []):
        if not isinstance(value, str) or not _HOST.fullmatch(value):
            _item_problem(
                table, key, index, f"{value!r} is not a host name such as example.com (lower case)"
            )
        elif value.startswith(_DROPPED_PREFIXES):
            _item_problem(
                table,
                key,
                index,
                f"{value!r}: drop the {value.split('.')[0]}. prefix, it is implied",
            )
        else:
            out.append(value)
    return tuple(out)


def _patterns(table: Table, key: str) -> tuple[re.Pattern[str], ...]:
    values = table.array(key)
    out: list[re.Pattern[str]] = []
    for index, value in enumerate(values or []):
        if not isinstance(value, str) or not value:
            _item_problem(table, key, index, "must be a non-empty string (a regular expression)")
            continue
        try:
            out.append(re.compile(value, re.IGNORECASE))
        except re.error as exc:
            _item_problem(table, key, index, f"invalid regular expression: {exc}")
    return tuple(out)


def _guess(table: Table) -> HostGuess | None:
    sub = table.table("guess")
    if sub is None:
        return None
    keywords = sub.strings("host_keywords")
    for index, word in enumerate(keywords):
        if not _KEYWORD.fullmatch(word):
            _item_problem(sub, "host_keywords", index, f"{word!r} must be a lower-case word")
    if not keywords:
        sub.problem("host_keywords", "is required: words that appear in the host names")
    paths = _patterns(sub, "paths")
    if not paths:
        sub.problem("paths", "is required: the URL path shape of a profile")
    sub.finish()
    return HostGuess(keywords, paths) if keywords and paths else None


def _signatures(table: Table) -> Signatures:
    groups: dict[str, Signature] = {}
    for group in SIGNATURE_GROUPS:
        sub = table.table(group)
        if sub is not None:
            groups[group] = _signature(sub)
            sub.finish()
    return Signatures(**groups)


def _signature(table: Table) -> Signature:
    texts = table.strings("texts")
    for index, text in enumerate(texts):
        if len(text) < 4:
            _item_problem(table, "texts", index, f"{text!r} is too short to identify a page")
    markers = table.strings("markers")
    statuses: list[int] = []
    for index, value in enumerate(table.array("statuses") or []):
        if isinstance(value, bool) or not isinstance(value, int) or not 100 <= value <= 999:
            _item_problem(table, "statuses", index, f"{value!r} is not an HTTP status code")
        else:
            statuses.append(value)
    return Signature(
        titles=_patterns(table, "titles"),
        texts=tuple(normalise_text(t) for t in texts),
        redirect_paths=_patterns(table, "redirect_paths"),
        redirect_hosts=_patterns(table, "redirect_hosts"),
        statuses=tuple(statuses),
        markers=markers,
    )


def _check_catalogue(networks: list[Network], problems: list[Problem]) -> None:
    """Rules across entries: unique ids, one fallback, no entry hidden behind an earlier one."""
    seen_ids: dict[str, int] = {}
    claimed: dict[str, tuple[int, Network]] = {}
    for index, network in enumerate(networks):
        where = f"networks[{index}]"
        if network.id in seen_ids:
            problems.append(
                Problem(
                    f"{where}.id",
                    f"{network.id!r} is already used by networks[{seen_ids[network.id]}]",
                )
            )
        seen_ids.setdefault(network.id, index)
        for host in (*network.hosts, *network.exact_hosts):
            earlier = claimed.get(host)
            if earlier and not earlier[1].paths:
                problems.append(
                    Problem(
                        f"{where}.hosts",
                        f"{host!r} is already claimed by networks[{earlier[0]}] ({earlier[1].id}) "
                        "for every path, so this entry can never match; restrict the earlier one "
                        "with `paths` or remove the host",
                    )
                )
            if not earlier or earlier[1].paths:
                claimed[host] = (index, network)
