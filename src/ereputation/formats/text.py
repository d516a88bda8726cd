"""A short, readable summary for the terminal: scores, verdict and the first actions.

It lays out the presenter's sanitised result (`p.r`), never the raw one: a server's escape
sequence in a reason or a title cannot reach the terminal.
"""

from __future__ import annotations

import textwrap

from ereputation.formats import TextualFormatter
from ereputation.formats.view import Presenter, Words
from ereputation.model import Action, AuditResult

WIDTH = 78


class TextFormatter(TextualFormatter):
    def render(self, result: AuditResult) -> str:
        w = Words(result)
        p = Presenter(result, w)
        result = p.r  # every string printable: see the module's docstring
        colon = w["colon"]
        s = result.scores
        subject = result.subject
        lines = [f"{w['report_title']}{colon} {subject.name}"]
        if subject.target_role:
            lines[0] += f" ({subject.target_role})"
        lines += _wrap(f"{w['trade']}{colon} {p.trade_line()}", "", "  ")
        answered = sum(1 for a in result.answers if a.status != "unanswered")
        lines.append(w.format("summary_answered", answered=answered, total=len(result.answers)))
        if result.info.erase_after:
            lines.append(f"{w['erase_after']}{colon} {p.date(result.info.erase_after)}")
        lines.append("")
        lines.append(
            f"{w['visibility']}{colon} {w.score(s.visibility)} ({w.rating(s.visibility_rating)})"
            f"   {w['risk']}{colon} {w.score(s.risk)} ({w.rating(s.risk_rating)})"
        )
        lines.append("")
        lines.append(w["categories"])
        for c in s.categories:
            shown = "--" if c.score is None else str(c.score)
            mark = f"  [{w.capped(c.kind)}]" if c.capped else ""
            lines.append(
                f"  {c.title:<40} {w.kind(c.kind):<11} {shown:>3}  {w.rating(c.rating)}{mark}"
            )
        lines += _since_last(p)
        if result.profiles:
            lines += ["", w["profiles"]]
            if p.none_visited:
                key = p.none_visited_key
                for text in (
                    w[f"{key}_title"],
                    w.format(key, count=len(result.profiles)),
                    w[f"{key}_next"],
                ):
                    lines += _wrap(text, "  ")
            for profile in result.profiles:
                status = w[f"profile_status_{profile.status}"]
                # The reason is worth showing only when something went wrong.
                # A dash, not brackets: reasons hold brackets of their own.
                detail = "" if profile.status == "ok" else f" — {profile.reason}"
                undeclared = "" if profile.declared else f" [{w['profile_undeclared']}]"
                head = f"- {p.network(profile)}{undeclared}{colon} {status}{detail}"
                lines += _wrap(head, "  ", "    ")
        lines += _accounts(p)
        if result.verdict.title:
            lines += ["", w["verdict"], f"  {result.verdict.title}"]
            lines += _wrap(result.verdict.text, "  ")
        lines += _where(p)
        lines += ["", w["actions"]]
        if not result.actions:
            lines += _wrap(p.no_actions_text(), "  ")
        for group in p.horizon_groups():
            size = w.format("horizon_count", count=len(group.actions))
            lines += ["", f"  {w['horizon_' + group.horizon]} ({size})"]
            for action in group.actions:
                lines += _action(p, action, steps=not group.folded)
        if result.unanswered:
            lines += ["", *_wrap(w.format("unanswered_count", count=len(result.unanswered)), "")]
        return "\n".join(lines) + "\n"


def _since_last(p: Presenter) -> list[str]:
    """Since the last audit (schema 1.3), when the result carries one: one line a change."""
    rows = p.since_rows()
    if not rows:
        return []
    w = p.w
    lines = ["", w["since_title"], *_wrap(p.since_intro(), "  ")]
    return lines + [f"  {label}{w['colon']} {value}" for label, value in rows]


def _accounts(p: Presenter) -> list[str]:
    """Undeclared accounts found and the searches for the name (schema 1.4), when there."""
    from ereputation.formats.accounts_view import AccountsView

    lines: list[str] = []
    for level, text in AccountsView(p).text_lines():
        indent = "  " * level
        lines += _wrap(text, indent, indent + "  ") if text else [""]
    return lines


def _where(p: Presenter) -> list[str]:
    """Where to be: what to do on each network, and why, acting rows first."""
    w = p.w
    lines = ["", w["where_title"]]
    if not p.r.where:
        return lines + _wrap(w["where_none"], "  ")
    for advice in p.r.where:
        name = p.where_name(advice)
        lines += _wrap(f"- {name}{w['colon']} {p.recommendation(advice)}", "  ", "    ")
        lines += _wrap(advice.reason, "    ")
    return lines


def _action(p: Presenter, action: Action, *, steps: bool) -> list[str]:
    """One action: its title and gain; this week's also with evidence and steps."""
    w = p.w
    check = f" [{w['action_type_check']}]" if action.type == "check" else ""
    head = f"{action.rank}. {action.title}{check} ({p.gain(action.kind, action.gain)})"
    lines = _wrap(head, "  ", "     ")
    if steps:
        for evidence in action.evidence:
            lines += _wrap(f"* {evidence}", "     ", "       ")
        for step in action.steps:
            lines += _wrap(f"- {step}", "     ", "       ")
    return lines


def _wrap(text: str, first: str, rest: str | None = None) -> list[str]:
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=first if rest is None else rest,
        break_on_hyphens=False,
    ) or [first]


FORMATTER = TextFormatter()
