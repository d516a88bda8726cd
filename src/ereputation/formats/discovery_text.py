"""A discovery run as plain text lines (terminal, text report) and as Markdown.

Values come from `discovery_view`, already one printable line each; Markdown escapes them by
context with the report's own helpers (`md`, `md_cell`, `md_url`).
"""

from __future__ import annotations

import textwrap

from ereputation.discovery.deep import DeepResult
from ereputation.discovery.results import DiscoveryResult
from ereputation.formats.discovery_deep import DeepCard, DeepView, deep_view
from ereputation.formats.discovery_view import DiscoveryRow, DiscoveryView, discovery_view
from ereputation.i18n import Language
from ereputation.messages import messages

_WIDTH = 100


def _detail(view: DiscoveryView, row: DiscoveryRow) -> str:
    http = view.http(row)
    return f"{row.reason} ({http})" if http else row.reason


def discovery_text_lines(result: DiscoveryResult, lang: Language) -> list[str]:
    """Found accounts first, then the sites that could not tell and why, then the count of no."""
    view = discovery_view(result, lang)
    lines = [view.text("discovery_title"), view.intro, ""]
    lines.append(view.text("discovery_found_heading", count=len(view.found)))
    if not view.found:
        lines.append("  " + view.text("discovery_found_none"))
    for row in view.found:
        lines.append(f"  {row.site} ({row.category}): {row.username}  {row.url}")
    if view.unknown:
        sites = len({row.site for row in view.unknown})  # a site once, whatever the usernames
        lines += ["", view.text("discovery_unknown_heading", count=sites)]
        lines += _wrapped(view.text("discovery_unknown_note"), "  ")
        lines += _unknown_by_reason(view)
    lines += ["", view.text("discovery_not_found", count=view.not_found)]
    return lines


def _wrapped(text: str, indent: str) -> list[str]:
    return textwrap.wrap(
        text, _WIDTH, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False
    )


def _unknown_by_reason(view: DiscoveryView) -> list[str]:
    """One paragraph per reason, its sites below, each once with the usernames it could not
    tell about (when there are several) and its HTTP status: 70 sites that all say "offline"
    or "log in" read as one paragraph, not as a wall of the same sentence."""
    groups: dict[str, dict[str, list[str]]] = {}
    several = len(view.usernames) > 1
    for row in view.unknown:
        notes = groups.setdefault(row.reason, {}).setdefault(row.site, [])
        for note in (row.username if several else "", view.http(row)):
            if note and note not in notes:
                notes.append(note)
    lines: list[str] = []
    for reason, sites in groups.items():
        named = [f"{site} ({', '.join(notes)})" if notes else site for site, notes in sites.items()]
        lines += [
            "",
            *_wrapped(f"{reason} ({len(named)})", "  "),
            *_wrapped(("; " if any(sites.values()) else ", ").join(named), "    "),
        ]
    return lines


def discovery_markdown(result: DiscoveryResult, lang: Language, level: int = 2) -> str:
    """The same content as Markdown, its heading at `level` (2 in the audit report)."""
    from ereputation.formats.markdown import md, md_cell, md_url

    view = discovery_view(result, lang)
    head = "#" * level
    sub = "#" * (level + 1)
    out = [f"{head} {md(view.text('discovery_title'))}", "", md(view.intro), ""]
    out += [f"{sub} {md(view.text('discovery_found_heading', count=len(view.found)))}", ""]
    if view.found:
        cols = ("discovery_col_site", "discovery_col_username", "discovery_col_category")
        names = [md_cell(view.text(c)) for c in (*cols, "discovery_col_link")]
        out += ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
        for row in view.found:
            link = md_url(row.url).replace("|", "\\|")
            cells = [md_cell(row.site), md_cell(row.username), md_cell(row.category), link]
            out.append("| " + " | ".join(cells) + " |")
    else:
        out.append(md(view.text("discovery_found_none")))
    out.append("")
    if view.unknown:
        out += [f"{sub} {md(view.text('discovery_unknown_heading', count=len(view.unknown)))}", ""]
        out += [md(view.text("discovery_unknown_note")), ""]
        for row in view.unknown:
            out.append(f"- {md(row.site)}: {md(row.username)}: {md(_detail(view, row))}")
        out.append("")
    out += [md(view.text("discovery_not_found", count=view.not_found)), ""]
    out += [f"*{md(view.text('discovery_method'))}*", ""]
    return "\n".join(out)


def _card_facts(view: DeepView, card: DeepCard) -> list[tuple[str, str]]:
    """(label, value) pairs of one visited account, in reading order; values already clean.
    An empty label: a sentence on its own."""
    w = view.words
    status = view.status(card)
    facts = [(w["discovery_deep_status"], f"{status} – {card.reason}" if card.reason else status)]
    if not card.seen:
        return [*facts, ("", w["discovery_deep_not_seen"])]
    facts += [
        (w["discovery_deep_page_title"], card.title or "–"),
        (w["discovery_deep_names_you"], view.names(card)),
        (w["discovery_deep_photo"], view.yes_no(card.photo)),
    ]
    facts += [(f"{w['pii_exposed']} ({kind})", value) for kind, value in card.pii]
    if not card.pii:
        facts.append(("", w["pii_none"]))
    facts += [(f"{w['risky_content']} ({r.label})", r.evidence) for r in card.risks]
    if not card.risks:
        facts.append(("", w["risky_none"]))
    return facts


def deep_text_lines(deep: DeepResult, lang: Language) -> list[str]:
    """`--deep`: each found account as a recruiter sees it, or why none was visited."""
    view = deep_view(deep, messages(lang))
    lines = [view.heading, view.intro]
    for card in view.cards:
        lines += ["", f"  {card.site}  {card.url}"]
        for label, value in _card_facts(view, card):
            lines.append("    " + (view.fact(label, value) if label else value))
    return lines


def deep_markdown(deep: DeepResult, lang: Language, level: int = 2) -> str:
    from ereputation.formats.markdown import md, md_url

    view = deep_view(deep, messages(lang))
    out = [f"{'#' * level} {md(view.heading)}", "", md(view.intro), ""]
    for card in view.cards:
        out += [f"{'#' * (level + 1)} {md(card.site)}", "", md_url(card.url), ""]
        for label, value in _card_facts(view, card):
            line = view.fact(f"**{md(label)}**", md(value)) if label else md(value)
            out.append(f"- {line}")
        out.append("")
    return "\n".join(out)
