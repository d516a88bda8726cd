"""The comparison as Markdown: the report's escaping (`md`, `md_cell`), the sections of text."""

from __future__ import annotations

from ereputation.compare import Comparison, ScoreDelta
from ereputation.formats.compare_view import CompareFormatter, CompareView
from ereputation.formats.markdown import md, md_cell, md_url


class CompareMarkdownFormatter(CompareFormatter):
    def render(self, comparison: Comparison) -> str:
        v = CompareView(comparison)
        c, colon = v.c, v["colon"]
        out = [f"# {md(v['compare_title'])}{colon} {md(c.new.name)}", "", md(v.between()), ""]
        if v.mixed_languages:
            out += [md(v["compare_other_languages"]), ""]
        out += _table(v, "compare_scores", "compare_score_col", (c.visibility, c.risk))
        if c.themes:
            out += _table(v, "compare_themes", "compare_theme_col", c.themes)
        for listing in v.listings():
            out += [f"## {md(v[listing.key])}", ""]
            if listing.empty:
                out.append(md(v["compare_none"]))
            out += [f"- {md(a.title)}" for a in listing.actions]
            out += [
                f"- {md(f.title)} ({md(v.severity(f.severity))})"
                + (f" — {md_url(f.profile_url)}" if f.profile_url else "")
                for f in listing.findings
            ]
            out.append("")
        out += [f"## {md(v['compare_profiles'])}", ""]
        if not c.profiles:
            out.append(md(v["compare_none"]))
        for p in c.profiles:
            change = md(v.profile_change(p.before, p.after))
            out.append(f"- **{md(p.name)}**{colon} {change} — {md_url(p.url)}")
        out += ["", f"## {md(v['compare_answers'])}", ""]
        if not c.answers:
            out.append(md(v["compare_none"]))
        out += [f"- {md(a.question)}{colon} {md(v.answer_change(a))}" for a in c.answers]
        return "\n".join(out) + "\n"


def _table(v: CompareView, title: str, column: str, deltas: tuple[ScoreDelta, ...]) -> list[str]:
    head = " | ".join(
        md_cell(v[k]) for k in (column, "compare_before", "compare_after", "compare_change")
    )
    rows = [
        f"| {md_cell(v.score_title(d))} | {md_cell(v.score(d.before))} | "
        f"{md_cell(v.score(d.after))} | {md_cell(v.change(d))} |"
        for d in deltas
    ]
    return [f"## {md(v[title])}", "", f"| {head} |", "|---|---:|---:|---|", *rows, ""]


FORMATTER = CompareMarkdownFormatter()
