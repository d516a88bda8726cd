"""The report's discovery and name-search sections (schema 1.4), in words, for every format.

Labels and groupings only, over the presenter's sanitised result: which accounts were found and
not declared, which checks gave no clear answer (listed as unchecked, never as absent), and the
searches to open. The text and Markdown lines are built here; the HTML template reads the same
view, so every format says the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from ereputation.discovery.results import DiscoveryResult
from ereputation.formats.discovery_view import (
    DiscoveryRow,
    DiscoveryView,
    discovery_view,
    shown_url,
)
from ereputation.formats.view import Presenter
from ereputation.model import SearchHit, SearchLink, SearchQuery

QUERY_ORDER: tuple[SearchQuery, ...] = ("name", "name_role", "name_city")


@dataclass(frozen=True)
class SearchGroup:
    """One search (the name, with the role, with the city) on every engine."""

    label: str
    text: str
    links: tuple[SearchLink, ...]


class AccountsView:
    def __init__(self, p: Presenter) -> None:
        self.p, self.w, self.r = p, p.w, p.r

    # --- discovery -----------------------------------------------------------------------------

    @property
    def shown(self) -> bool:
        """The section appears when discovery was asked for, whatever came of it."""
        return self.r.info.discovery_run != "not_requested"

    def note(self) -> str | None:
        """Why nothing was probed: the consent, no username, offline."""
        run = self.r.info.discovery_run
        if run == "no_consent":
            return self.w["accounts_not_run_consent"]
        if run == "no_usernames":
            return self.w["accounts_not_run_no_usernames"]
        if run == "offline":
            return self.w["accounts_offline"]
        return None

    def intro(self) -> str | None:
        d = self.r.discovery
        if d is None:
            return None
        return self.w.format(
            "accounts_intro", usernames=", ".join(d.usernames), sites=d.sites_probed
        )

    def _kept(self) -> DiscoveryResult | None:
        d = self.r.discovery
        if d is None:
            return None
        undeclared = set(self.r.undeclared_found)
        kept = tuple(x for x in d.results if x.status != "found" or x in undeclared)
        return DiscoveryResult(d.usernames, d.sites_probed, kept)

    def rows(self) -> DiscoveryView | None:
        """The run as `discover` lays it out (`discovery_view`: the same words for reasons and
        categories), its found accounts narrowed to the undeclared ones."""
        kept = self._kept()
        return discovery_view(kept, self.r.language) if kept else None

    def found(self) -> tuple[DiscoveryRow, ...]:
        view = self.rows()
        return view.found if view else ()

    def unknown(self) -> tuple[tuple[str, DiscoveryRow], ...]:
        """Each check without a clear answer: its reason code (for tools) and its row."""
        kept, view = self._kept(), self.rows()
        if kept is None or view is None:
            return ()
        codes = [x.reason for x in kept.results if x.status == "unknown"]
        return tuple(zip(codes, view.unknown, strict=True))

    def not_found_count(self) -> int:
        view = self.rows()
        return view.not_found if view else 0

    def found_text(self) -> str:
        found = self.found()
        if not found:
            return self.w["accounts_none_found"]
        return self.w.format("accounts_found_count", count=len(found))

    def visited(self, row: DiscoveryRow) -> bool:
        """Whether `--deep` visited it: its card is among the profiles."""
        # Rows show a host in another script as ASCII: the card's URL is compared the same way.
        return any(not pr.declared and shown_url(pr.url) == row.url for pr in self.r.profiles)

    def checked_lines(self) -> tuple[str, ...]:
        """The header's "what was checked" lines for discovery and the name search."""
        lines = []
        d, s = self.r.discovery, self.r.search
        if d is not None:
            lines.append(
                self.w.format(
                    "scope_discovery", usernames=", ".join(d.usernames), sites=d.sites_probed
                )
            )
        if s is not None and s.status == "answered":
            lines.append(self.w.format("scope_search", count=len(s.hits)))
        return tuple(lines)

    # --- searching the name --------------------------------------------------------------------

    def search_groups(self) -> tuple[SearchGroup, ...]:
        s = self.r.search
        if s is None:
            return ()
        groups = []
        for query in QUERY_ORDER:
            links = tuple(link for link in s.links if link.query == query)
            if links:
                groups.append(SearchGroup(self.w[f"search_query_{query}"], links[0].text, links))
        return tuple(groups)

    def hits_title(self) -> str | None:
        s = self.r.search
        if s is None or s.status != "answered":
            return None
        return self.w.format("search_results_title", endpoint=s.endpoint or "")

    def failure(self) -> str | None:
        s = self.r.search
        if s is None or s.status != "failed":
            return None
        return self.w.format("search_failed", reason=s.reason)

    def hit_kind(self, hit: SearchHit) -> str:
        return self.w[f"search_hit_{hit.kind}"]

    def has_namesakes(self) -> bool:
        s = self.r.search
        return s is not None and any(h.kind == "namesake" for h in s.hits)

    # --- plain text ----------------------------------------------------------------------------

    def text_lines(self) -> list[tuple[int, str]]:
        """(indent level, text) lines of both sections, for the terminal summary."""
        w, colon = self.w, self.w["colon"]
        lines: list[tuple[int, str]] = []
        if self.shown:
            lines += [(0, ""), (0, w["accounts_title"])]
            note, intro = self.note(), self.intro()
            lines += [(1, text) for text in (note, intro) if text]
            if self.r.discovery is not None:
                lines.append((1, self.found_text()))
                for x in self.found():
                    lines.append((2, f"- {x.site} ({x.category}){colon} {x.url}"))
                unknown = self.unknown()
                if unknown:
                    lines.append((1, w.format("accounts_unknown_count", count=len(unknown))))
                    lines += [
                        (2, f"- {x.site} ({x.username}){colon} {x.reason}") for _, x in unknown
                    ]
                lines.append(
                    (1, w.format("accounts_not_found_count", count=self.not_found_count()))
                )
        groups = self.search_groups()
        if groups:
            lines += [(0, ""), (0, w["search_title"]), (1, w["search_intro"])]
            for group in groups:  # every engine for the name alone; the others as typed
                lines.append((1, f"{group.label}{colon} {group.text}"))
                if group is groups[0]:
                    lines += [(2, f"- {x.engine_name}{colon} {x.url}") for x in group.links]
            lines += self._hit_lines()
        return lines

    def _hit_lines(self) -> list[tuple[int, str]]:
        s, colon = self.r.search, self.w["colon"]
        failure, title = self.failure(), self.hits_title()
        if failure:
            return [(1, failure)]
        if s is None or title is None:
            return []
        if not s.hits:
            return [(1, self.w["search_no_hits"])]
        lines = [(1, title)]
        for hit in s.hits:
            lines.append((2, f"{hit.rank}. {self.hit_kind(hit)}{colon} {hit.title} — {hit.url}"))
        return lines
