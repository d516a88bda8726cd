"""The findings the checks can produce, read from checklists/findings.toml (texts in fr and en)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

from ereputation.checklist import ID, KINDS, SOURCE, Kind
from ereputation.errors import InputError, Problem
from ereputation.i18n import LocalText, local_texts, read_local_text
from ereputation.model import SEVERITIES, Severity
from ereputation.resources import checklists_dir
from ereputation.tomlfile import Table, load_toml


@dataclass(frozen=True)
class FindingTemplate:
    id: str
    kind: Kind
    severity: Severity
    source: str
    title_pass: LocalText
    title_fail: LocalText
    advice: LocalText
    steps: tuple[LocalText, ...]
    item: str | None = None  # the checklist item it bears on, merged with it in the plan


def load_templates(path: Path) -> dict[str, FindingTemplate]:
    problems: list[Problem] = []
    root = Table(load_toml(path), "", problems)
    table = root.table("findings", required=True) or Table({}, "findings", problems)
    templates: dict[str, FindingTemplate] = {}
    for finding_id in list(table.data):
        entry = table.table(finding_id)
        if entry is None:
            continue
        kind = entry.string("kind", required=True, choices=KINDS)
        severity = entry.string("severity", required=True, choices=SEVERITIES)
        source = entry.string("source", required=True, pattern=SOURCE)
        texts = [read_local_text(entry, key) for key in ("title_pass", "title_fail", "advice")]
        steps = local_texts(entry, "steps", minimum=1, maximum=5)
        item = entry.string("item", pattern=ID, hint=" (a checklist item id)")
        entry.finish()
        if kind and severity and source and all(texts):
            title_pass, title_fail, advice = cast(list[LocalText], texts)
            templates[finding_id] = FindingTemplate(
                finding_id,
                cast(Kind, kind),
                cast(Severity, severity),
                source,
                title_pass,
                title_fail,
                advice,
                steps,
                item,
            )
    root.finish()
    if problems:
        raise InputError(Problem(f"{path}: {p.where}", p.message) for p in problems)
    return templates


@cache
def default_templates() -> dict[str, FindingTemplate]:
    return load_templates(checklists_dir() / "findings.toml")
