"""The comparison for the terminal: scores before and after, then what changed, list by list."""

from __future__ import annotations

from ereputation.compare import Comparison, ScoreDelta
from ereputation.formats.compare_view import CompareFormatter, CompareView
from ereputation.formats.text import _wrap


class CompareTextFormatter(CompareFormatter):
    def render(self, comparison: Comparison) -> str:
        v = CompareView(comparison)
        c, colon = v.c, v["colon"]
        lines = [f"{v['compare_title']}{colon} {c.new.name}", *_wrap(v.between(), "")]
        if v.mixed_languages:
            lines += _wrap(v["compare_other_languages"], "")
        lines += ["", v["compare_scores"]]
        lines += [_score_line(v, d) for d in (c.visibility, c.risk)]
        if c.themes:
            lines += ["", v["compare_themes"]]
            lines += [_score_line(v, d) for d in c.themes]
        for listing in v.listings():
            lines += ["", v[listing.key]]
            if listing.empty:
                lines.append(f"  {v['compare_none']}")
            for action in listing.actions:
                lines += _wrap(f"- {action.title}", "  ", "    ")
            for f in listing.findings:
                lines += _wrap(f"- {f.title} ({v.severity(f.severity)})", "  ", "    ")
        lines += ["", v["compare_profiles"]]
        if not c.profiles:
            lines.append(f"  {v['compare_none']}")
        for p in c.profiles:
            lines += _wrap(f"- {p.name}{colon} {v.profile_change(p.before, p.after)}", "  ", "    ")
        lines += ["", v["compare_answers"]]
        if not c.answers:
            lines.append(f"  {v['compare_none']}")
        for a in c.answers:
            lines += _wrap(f"- {a.question}", "  ", "    ")
            lines += _wrap(v.answer_change(a), "    ")
        return "\n".join(lines) + "\n"


def _score_line(v: CompareView, d: ScoreDelta) -> str:
    title = v.score_title(d)
    return f"  {title:<32} {v.score(d.before):>10} → {v.score(d.after):<10} {v.change(d)}"


FORMATTER = CompareTextFormatter()
