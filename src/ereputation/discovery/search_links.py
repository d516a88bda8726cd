"""Ready searches for the person's name on the main engines, for them to open themselves.

Pure: nothing is fetched. A recruiter types the name in quotes, then adds the role or the city;
the report offers the same searches as plain links, so the person sees what a recruiter sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

from ereputation.config import Person
from ereputation.model import SearchLink, SearchQuery

# (id, name, the address a query is appended to): the engines most used in France and beyond.
ENGINES: tuple[tuple[str, str, str], ...] = (
    ("google", "Google", "https://www.google.com/search?"),
    ("bing", "Bing", "https://www.bing.com/search?"),
    ("duckduckgo", "DuckDuckGo", "https://duckduckgo.com/?"),
    ("qwant", "Qwant", "https://www.qwant.com/?"),
    ("ecosia", "Ecosia", "https://www.ecosia.org/search?"),
)


def queries(person: Person) -> Iterator[tuple[SearchQuery, str]]:
    """The searches a recruiter makes: the name in quotes alone, with the role, with the city."""
    name = " ".join(person.name.split()).replace('"', "")
    if not name:
        return
    quoted = f'"{name}"'
    yield "name", quoted
    if person.target_role:
        yield "name_role", f"{quoted} {' '.join(person.target_role.split())}"
    if person.location:
        yield "name_city", f"{quoted} {' '.join(person.location.split())}"


def search_links(person: Person) -> tuple[SearchLink, ...]:
    """Every query on every engine, query by query."""
    return tuple(
        SearchLink(engine, engine_name, query, text, base + urlencode({"q": text}))
        for query, text in queries(person)
        for engine, engine_name, base in ENGINES
    )
