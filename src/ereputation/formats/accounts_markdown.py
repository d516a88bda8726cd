"""The discovery and name-search sections of the Markdown report (`accounts_view` in Markdown)."""

from __future__ import annotations

from ereputation.formats.accounts_view import AccountsView
from ereputation.formats.markdown import md, md_cell, md_url


def accounts_markdown(view: AccountsView) -> list[str]:
    """The accounts section: found and undeclared in a table, unchecked ones listed as such."""
    if not view.shown:
        return []
    w = view.w
    out = [f"## {md(w['accounts_title'])}", ""]
    out += [md(text) for text in (view.note(), view.intro()) if text]
    if view.r.discovery is None:
        return [*out, ""]
    out += ["", md(view.found_text())]
    found = view.found()
    if found:
        out += [
            "",
            f"| {md_cell(w['discovery_col_site'])} | {md_cell(w['discovery_col_username'])} "
            f"| {md_cell(w['discovery_col_category'])} | {md_cell(w['discovery_col_link'])} |",
            "| --- | --- | --- | --- |",
        ]
        for x in found:
            link = md_url(x.url)
            shown = md_cell(x.url) if "|" in link else link
            out.append(
                f"| {md_cell(x.site)} | {md_cell(x.username)} | {md_cell(x.category)} | {shown} |"
            )
    unknown = view.unknown()
    if unknown:
        out += ["", md(w.format("accounts_unknown_count", count=len(unknown))), ""]
        out += [f"- {md(x.site)} ({md(x.username)}){w['colon']} {md(x.reason)}" for _, x in unknown]
    out += ["", md(w.format("accounts_not_found_count", count=view.not_found_count())), ""]
    return out


def search_markdown(view: AccountsView) -> list[str]:
    """The searches to open, then what a search service gave, classified."""
    groups = view.search_groups()
    if not groups:
        return []
    w, colon = view.w, view.w["colon"]
    out = [f"## {md(w['search_title'])}", "", md(w["search_intro"]), ""]
    for group in groups:
        links = ", ".join(_link(link.engine_name, link.url) for link in group.links)
        out.append(f"- **{md(group.label)}** ({md(group.text)}){colon} {links}")
    failure, title = view.failure(), view.hits_title()
    if failure:
        out += ["", md(failure)]
    elif title is not None and view.r.search is not None:
        out += ["", f"### {md(title)}", ""]
        if not view.r.search.hits:
            out.append(md(w["search_no_hits"]))
        for hit in view.r.search.hits:
            kind = md(view.hit_kind(hit))
            out.append(f"{hit.rank}. **{kind}**{colon} {md(hit.title)} {md_url(hit.url)}")
            if hit.snippet:
                out.append(f"   > {md(hit.snippet)}")
        if view.has_namesakes():
            out += ["", md(w["search_namesake_note"])]
    return [*out, ""]


def _link(text: str, url: str) -> str:
    """`[Google](<https://...>)`; an address that cannot be a link stays text."""
    target = md_url(url)
    return f"[{md(text)}]({target})" if target.startswith("<") else f"{md(text)} {target}"
