"""Markdown: the report's content for pasting into an e-mail or a ticket."""

from __future__ import annotations

import re

from ereputation.formats import Formatter
from ereputation.formats.view import Words
from ereputation.model import AuditResult

# Characters that Markdown or the HTML it may become would interpret.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")


def md(text: object) -> str:
    """Escape a value from a config, checklist or page so it stays plain text in any renderer."""
    value = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    return " ".join(value.split())


class MarkdownFormatter(Formatter):
    def render(self, result: AuditResult) -> str:
        w = Words(result)
        s = result.scores
        subject = result.subject
        out = [f"# {md(w['report_title'])}: {md(subject.name)}", ""]
        if subject.target_role:
            out.append(f"- **{w['target_role']}**: {md(subject.target_role)}")
        if subject.keywords:
            out.append(f"- **{w['keywords']}**: {', '.join(md(k) for k in subject.keywords)}")
        out.append(f"- **{w['generated']}**: {md(result.generated_at)}")
        out += [
            "",
            f"| {w['visibility']} | {w['risk']} |",
            "|---|---|",
            f"| {w.score(s.visibility)} ({w.rating(s.visibility_rating)}) "
            f"| {w.score(s.risk)} ({w.rating(s.risk_rating)}) |",
            "",
            f"## {w['categories']}",
            "",
            f"| | {w['kind_visibility']} / {w['kind_risk']} | /100 | |",
            "|---|---|---|---|",
        ]
        for c in s.categories:
            shown = "–" if c.score is None else str(c.score)
            out.append(f"| {md(c.title)} | {w.kind(c.kind)} | {shown} | {w.rating(c.rating)} |")
        if result.verdict.title:
            out += ["", f"## {w['verdict']}", "", f"**{md(result.verdict.title)}**", ""]
            out.append(md(result.verdict.text))
            for note in result.verdict.notes:
                out += ["", f"- **{md(note.title)}**: {md(note.text)}"]
        out += ["", f"## {w['actions']}", ""]
        if not result.actions:
            out.append(md(w["no_actions"]))
        for action in result.actions:
            out.append(f"{action.rank}. **{md(action.title)}** (+{action.gain:g} {w['points']})")
            out += [f"    - {md(step)}" for step in action.steps]
        out += ["", f"## {w['checklist']}", ""]
        for a in result.answers:
            answer = md(a.answer_label) if a.answer_label else f"*{w.status('unanswered')}*"
            out.append(f"- **{md(a.question)}** {answer} ({w.status(a.status)})")
            if a.advice and a.status != "unanswered":
                out.append(f"    - {w['advice']}: {md(a.advice)}")
        out += ["", f"## {w['method']}", "", md(w.method())]
        out += ["", f"{w['based_on']}: {md(result.checklist.source)}", ""]
        return "\n".join(out)


FORMATTER = MarkdownFormatter()
