"""A checklist shown to people (text) or to tools (JSON, both languages)."""

from __future__ import annotations

import textwrap
from typing import Any

from ereputation.checklist import Checklist, Choice, VerdictRule
from ereputation.i18n import Language, LocalText


def _both(text: LocalText | None) -> dict[str, str] | None:
    return None if text is None else {"fr": text.fr, "en": text.en}


def checklist_json(checklist: Checklist) -> dict[str, Any]:
    return {
        "id": checklist.id,
        "version": checklist.version,
        "title": _both(checklist.title),
        "description": _both(checklist.description),
        "source": _both(checklist.source),
        "categories": [
            {"id": c.id, "kind": c.kind, "title": _both(c.title)} for c in checklist.categories
        ],
        "items": [
            {
                "id": i.id,
                "category": i.category,
                "kind": i.kind,
                "weight": i.weight,
                "critical": i.critical,
                "source": i.source,
                "question": _both(i.question),
                "help": _both(i.help),
                "advice": _both(i.advice),
                "steps": [_both(s) for s in i.steps],
                "check_steps": [_both(s) for s in i.check_steps],
                "presupposes_presence": i.presupposes_presence,
                "career_change": i.lifted_on_career_change,
                "max_points": i.max_points,
                "choices": [
                    {
                        "value": c.value,
                        "points": c.points,
                        "label": _both(c.label),
                        "applicable": c.applicable,
                        "unsure": c.unsure,
                        "stays_offline": c.stays_offline,
                        "advice": _both(c.advice),
                    }
                    for c in i.choices
                ],
            }
            for i in checklist.items
        ],
        "verdicts": [_verdict_json(v) for v in checklist.verdicts],
    }


def _verdict_json(rule: VerdictRule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "when": {
            "answers": {k: list(v) for k, v in rule.answers.items()},
            "risk_at_least": rule.risk_at_least,
            "visibility_below": rule.visibility_below,
            "unless": {k: list(v) for k, v in rule.unless.items()},
        },
        "title": _both(rule.title),
        "text": _both(rule.text),
    }


def _worth(choice: Choice) -> str:
    """What an answer counts for, in the words of the checklist's authors (English)."""
    if choice.unsure:
        return "not scored, to check"
    if not choice.applicable:
        return "not scored, does not apply"
    return f"{choice.points:g} pt"


def checklist_text(checklist: Checklist, language: Language) -> str:
    lines = [
        f"{checklist.title.get(language)} ({checklist.id} {checklist.version})",
        *textwrap.wrap(checklist.description.get(language), 78),
        "",
    ]
    for category in checklist.categories:
        lines.append(f"== {category.title.get(language)} [{category.id}, {category.kind}]")
        for item in (i for i in checklist.items if i.category == category.id):
            flag = ", critical" if item.critical else ""
            lines.append(f"- {item.id} (weight {item.weight:g}{flag}, source {item.source})")
            lines += textwrap.wrap(
                item.question.get(language), 76, initial_indent="  ", subsequent_indent="  "
            )
            for choice in item.choices:
                lines.append(
                    f"    {choice.value} = {choice.label.get(language)} ({_worth(choice)})"
                )
        lines.append("")
    return "\n".join(lines)
