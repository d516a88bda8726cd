"""The site catalogue: a JSON file in WhatsMyName's open format, read into typed `Site` records.

A catalogue may be downloaded from anywhere, so it is hostile input: the file's size and its
number of entries are bounded, every entry is checked field by field, and an entry that cannot
be used becomes a `Problem` naming its index, its name and the key, instead of stopping the
run. Fields this tool does not use (`protection`, `comments`, ...) are tolerated.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from ereputation.errors import InputError, Problem
from ereputation.textsafe import has_invisible, one_line
from ereputation.web.headers import RESERVED_HEADERS, header_well_formed
from ereputation.web.hostkey import host_key
from ereputation.web.netpolicy import BLOCKED_PORTS

PLACEHOLDER = "{account}"
_DNS_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
MAX_FILE_BYTES = 20_000_000  # WhatsMyName's whole data file is under 1 MB
MAX_SITES = 10_000  # WhatsMyName lists about 700
MAX_TEXT = 2_000  # a URL, a signature string or a POST body
MAX_NAME = 100
MAX_USERNAME = 100
MAX_HEADERS = 20


@dataclass(frozen=True)
class Site:
    """One catalogue entry the prober can use. Codes and strings are the site's signature:
    `e_*` when the account exists, `m_*` when it is missing (`m_string` None: the code alone)."""

    index: int
    name: str
    uri_check: str
    uri_pretty: str | None
    e_code: int
    e_string: str
    m_code: int
    m_string: str | None
    category: str
    known: tuple[str, ...] = ()
    post_body: str | None = None
    headers: tuple[tuple[str, str], ...] = ()

    def check_url(self, username: str) -> str:
        """The URL the probe asks, the username percent-encoded into it."""
        return self.uri_check.replace(PLACEHOLDER, quote(username, safe=""))

    def profile_url(self, username: str) -> str:
        """The page a person would open (uri_pretty, else uri_check)."""
        return (self.uri_pretty or self.uri_check).replace(PLACEHOLDER, quote(username, safe=""))

    def body_for(self, username: str) -> bytes | None:
        """The POST body, or None for a GET."""
        if self.post_body is None:
            return None
        return self.post_body.replace(PLACEHOLDER, quote(username, safe="")).encode("utf-8")

    def asks_for(self, username: str) -> bool:
        """False when the username cannot stand where the site puts it: in a host name it must
        be one DNS label, or the probe would ask another host (`jean.dupont.example.com`)."""
        if PLACEHOLDER not in urlsplit(self.uri_check).netloc:
            return True
        return _DNS_LABEL.fullmatch(username) is not None

    @property
    def host(self) -> str:
        """The host the probe connects to, one key however the URL spells it (with the
        placeholder when it sits in the host)."""
        return host_key(urlsplit(self.uri_check).hostname or "")


@dataclass(frozen=True)
class Catalogue:
    """Usable sites, the entries that are not (`problems`), what was ignored in usable ones
    (`notes`, e.g. a User-Agent header) and how many the file itself marks `valid: false`."""

    source: str
    sites: tuple[Site, ...]
    problems: tuple[Problem, ...]
    notes: tuple[Problem, ...]
    disabled: int

    @property
    def entries(self) -> int:
        return len(self.sites) + len(self.problems) + self.disabled


class _Unusable(Exception):
    def __init__(self, key: str, code: str, **params: object) -> None:
        super().__init__(code)
        self.key, self.code, self.params = key, code, params


def validate_username(username: str) -> Problem | None:
    """Why `username` cannot be probed, or None. It goes into URLs: no control or invisible
    character, no slash, not a path step, bounded length."""
    shown = one_line(username, 40)
    where = f"username {shown!r}" if shown else "username"
    if not username.strip():
        return Problem.coded("username", "username_empty")
    if len(username) > MAX_USERNAME:
        return Problem.coded(where, "username_too_long", limit=MAX_USERNAME)
    if has_invisible(username) or username != username.strip():
        return Problem.coded(where, "username_invisible")
    if "/" in username or "\\" in username or username in (".", ".."):
        return Problem.coded(where, "username_path")
    return None


def load_catalogue(path: Path) -> Catalogue:
    """Read a WhatsMyName-format file. A file that cannot be used as a whole (unreadable, too
    big, not JSON, no `sites` list) raises InputError; a bad entry becomes one problem."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                Problem.coded(str(path), "catalogue_too_big", limit=MAX_FILE_BYTES // 1_000_000)
            )
        with path.open("rb") as source:  # bounded: a device or a pipe has no size to check first
            raw = source.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(
            Problem.coded(str(path), "catalogue_unreadable", reason=exc.strerror or exc)
        ) from None
    if len(raw) > MAX_FILE_BYTES:  # grew between stat and read, or no size to tell
        raise InputError(
            Problem.coded(str(path), "catalogue_too_big", limit=MAX_FILE_BYTES // 1_000_000)
        )
    return parse_catalogue(raw, str(path))


def parse_catalogue(raw: bytes, source: str) -> Catalogue:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(Problem.coded(source, "catalogue_not_utf8", offset=exc.start)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"{source}:{exc.lineno}:{exc.colno}"
        raise InputError(Problem.coded(where, "catalogue_not_json", detail=exc.msg)) from None
    except RecursionError:
        raise InputError(Problem.coded(source, "catalogue_too_deep")) from None
    except ValueError:  # a number of thousands of digits: Python refuses to convert it
        detail = "a number of thousands of digits"
        raise InputError(Problem.coded(source, "catalogue_not_json", detail=detail)) from None
    if not isinstance(data, dict) or not isinstance(data.get("sites"), list):
        raise InputError(Problem.coded(source, "catalogue_no_sites"))
    entries: list[Any] = data["sites"]
    if len(entries) > MAX_SITES:
        raise InputError(Problem.coded(source, "catalogue_too_many", limit=MAX_SITES))
    sites: list[Site] = []
    problems: list[Problem] = []
    notes: list[Problem] = []
    disabled = 0
    names: set[str] = set()
    for index, entry in enumerate(entries):
        label = _label(entry)
        if isinstance(entry, dict) and entry.get("valid") is False:
            disabled += 1
            continue
        try:
            site, ignored = _site(index, entry)
            if site.name.casefold() in names:
                raise _Unusable("name", "site_duplicate")
        except _Unusable as bad:
            key = f".{bad.key}" if bad.key else ""
            where = f"{source}: sites[{index}] {label}{key}"
            problems.append(Problem.coded(where, bad.code, **bad.params))
            continue
        names.add(site.name.casefold())
        sites.append(site)
        for header in ignored:
            where = f"{source}: sites[{index}] {label}.headers"
            notes.append(Problem.coded(where, "site_header_ignored", header=header))
    return Catalogue(source, tuple(sites), tuple(problems), tuple(notes), disabled)


def _label(entry: object) -> str:
    name = entry.get("name") if isinstance(entry, dict) else None
    shown = one_line(name, 60) if isinstance(name, str) else ""
    return repr(shown) if shown else "(no name)"


def _text(entry: Mapping[str, Any], key: str, *, required: bool = True) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            raise _Unusable(key, "site_missing")
        return None
    if not isinstance(value, str):
        raise _Unusable(key, "site_not_text", found=type(value).__name__)
    if len(value) > MAX_TEXT:
        raise _Unusable(key, "site_too_long", limit=MAX_TEXT)
    return value


def _code(entry: Mapping[str, Any], key: str) -> int:
    value = entry.get(key)
    if value is None:
        raise _Unusable(key, "site_missing")
    if isinstance(value, bool) or not isinstance(value, int) or not 100 <= value <= 599:
        raise _Unusable(key, "site_bad_code", value=one_line(json.dumps(value), 40))
    return value


def _url(entry: Mapping[str, Any], key: str, *, required: bool) -> str | None:
    value = _text(entry, key, required=required)
    if value is None:
        return None
    if has_invisible(value) or " " in value:
        raise _Unusable(key, "site_url_invalid")
    try:
        parts = urlsplit(value.replace(PLACEHOLDER, "x"))
        hostname = parts.hostname
        port = parts.port
    except ValueError:
        raise _Unusable(key, "site_url_invalid") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise _Unusable(key, "site_url_scheme", scheme=one_line(parts.scheme, 20) or "-")
    if not hostname or "@" in parts.netloc:
        raise _Unusable(key, "site_url_invalid")
    if port in BLOCKED_PORTS:  # a POST body sent there would speak another protocol
        raise _Unusable(key, "site_url_port", port=port)
    return value


def _headers(entry: Mapping[str, Any]) -> tuple[tuple[tuple[str, str], ...], list[str]]:
    value = entry.get("headers")
    if value is None:
        return (), []
    if not isinstance(value, dict) or len(value) > MAX_HEADERS:
        raise _Unusable("headers", "site_bad_headers")
    kept: list[tuple[str, str]] = []
    ignored: list[str] = []
    for name, text in value.items():
        if not isinstance(text, str) or not header_well_formed(name, text):
            raise _Unusable("headers", "site_bad_header", header=one_line(name, 40))
        if name.lower() in RESERVED_HEADERS:
            ignored.append(name)
        else:
            kept.append((name, text))
    return tuple(kept), ignored


def _site(index: int, entry: object) -> tuple[Site, list[str]]:
    if not isinstance(entry, dict):
        raise _Unusable("", "site_not_object")
    name = _text(entry, "name") or ""
    if not name.strip() or len(name) > MAX_NAME or has_invisible(name):
        raise _Unusable("name", "site_bad_name", limit=MAX_NAME)
    uri_check = _url(entry, "uri_check", required=True) or ""
    post_body = _text(entry, "post_body", required=False) or None
    if PLACEHOLDER not in uri_check and PLACEHOLDER not in (post_body or ""):
        raise _Unusable("uri_check", "site_no_placeholder")
    sent = uri_check.split("#", 1)[0]  # the fragment never leaves the machine
    if PLACEHOLDER not in sent and PLACEHOLDER not in (post_body or ""):
        raise _Unusable("uri_check", "site_placeholder_fragment")
    uri_pretty = _url(entry, "uri_pretty", required=False) or None
    e_code = _code(entry, "e_code")
    e_string = _text(entry, "e_string") or ""
    if not e_string:
        raise _Unusable("e_string", "site_empty_e_string")
    m_code = _code(entry, "m_code")
    m_string = _text(entry, "m_string", required=False) or None
    if e_code == m_code and (m_string is None or m_string == e_string):
        raise _Unusable("m_code", "site_same_signature")
    category = _text(entry, "cat") or ""
    if not category.strip() or has_invisible(category):
        raise _Unusable("cat", "site_missing")
    known = entry.get("known", [])
    if not isinstance(known, list) or not all(isinstance(k, str) for k in known):
        raise _Unusable("known", "site_bad_known")
    headers, ignored = _headers(entry)
    site = Site(
        index=index,
        name=name.strip(),
        uri_check=uri_check,
        uri_pretty=uri_pretty,
        e_code=e_code,
        e_string=e_string,
        m_code=m_code,
        m_string=m_string,
        category=category.strip(),
        known=tuple(known[:10]),
        post_body=post_body,
        headers=headers,
    )
    return site, ignored


def bundled_sites() -> Catalogue:
    """The catalogue shipped with the tool (checklists/sites.json)."""
    from ereputation.resources import checklists_dir

    return load_catalogue(checklists_dir() / "sites.json")
