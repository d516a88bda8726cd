"""The checklist as data: categories, items, choices and verdict rules, validated on load."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast

from ereputation.errors import ChecklistError, Problem
from ereputation.i18n import LocalText, local_texts, read_local_text
from ereputation.tomlfile import Table, load_checked

Kind = Literal["visibility", "risk"]
KINDS: tuple[Kind, ...] = ("visibility", "risk")

ID = r"[a-z0-9][a-z0-9_]*"
CHECKLIST_ID = r"[a-z0-9][a-z0-9_-]*"
SOURCE = r"(N[1-5]|P[1-5]|C:[A-Za-z][\w .'-]*|R:[A-Za-z][\w .:/'-]*)"
# Items of this category are lifted in the plan of a person changing career (as are items marked
# `career_change = true`).
CAREER_CATEGORY = "career"


@dataclass(frozen=True)
class Category:
    id: str
    kind: Kind
    title: LocalText


@dataclass(frozen=True)
class Choice:
    value: str
    points: float
    label: LocalText
    applicable: bool = True
    advice: LocalText | None = None
    # "I don't know": a reason to check, not a fault. Left out of the scores like no answer; the
    # plan asks to find out, with the item's `check_steps`.
    unsure: bool = False
    # An informed choice not to be on networks: the items that presuppose a presence stop counting.
    stays_offline: bool = False

    @property
    def scored(self) -> bool:
        """Whether the answer counts in the scores at all."""
        return self.applicable and not self.unsure


@dataclass(frozen=True)
class Item:
    id: str
    category: str
    kind: Kind
    weight: float
    critical: bool
    source: str
    question: LocalText
    advice: LocalText
    steps: tuple[LocalText, ...]
    choices: tuple[Choice, ...]
    help: LocalText | None = None
    check_steps: tuple[LocalText, ...] = ()  # how to find out, for an "I don't know" answer
    presupposes_presence: bool = False  # does not apply to someone who chose to stay offline
    career_change: bool = False  # lifted in the plan of a person changing career
    # Advice that is a habit, not a task (post regularly, watch your name): done once, time would
    # undo it, so the plan puts its action in "ongoing".
    habit: bool = False

    @property
    def max_points(self) -> float:
        return max(c.points for c in self.choices if c.scored)

    @property
    def lifted_on_career_change(self) -> bool:
        return self.career_change or self.category == CAREER_CATEGORY

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)


@dataclass(frozen=True)
class VerdictRule:
    id: str
    title: LocalText
    text: LocalText
    answers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    risk_at_least: float | None = None
    visibility_below: float | None = None
    # Answers that rule it out: advice on a presence never goes to someone who chose to stay off.
    unless: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Only when neither headline score could be computed: no advice claims what nobody said.
    unscored: bool = False

    @property
    def is_fallback(self) -> bool:
        return (
            not self.answers
            and self.risk_at_least is None
            and self.visibility_below is None
            and not self.unscored
        )


@dataclass(frozen=True)
class Checklist:
    id: str
    version: str
    title: LocalText
    description: LocalText
    source: LocalText
    categories: tuple[Category, ...]
    items: tuple[Item, ...]
    verdicts: tuple[VerdictRule, ...]
    path: Path | None = None

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)


def load_checklist(path: Path) -> Checklist:
    """Load and validate a checklist file; every problem is reported at once."""
    return load_checked(path, ChecklistError, parse_checklist)


def parse_checklist(
    data: Mapping[str, object], problems: list[Problem], path: Path | None = None
) -> Checklist | None:
    root = Table(data, "", problems)
    head = root.table("checklist", required=True)
    checklist_id = version = None
    title = description = source = None
    if head is not None:
        checklist_id = head.string(
            "id", required=True, pattern=CHECKLIST_ID, hint=" (use a-z, 0-9, _ and -)"
        )
        version = head.string("version", required=True)
        title = read_local_text(head, "title")
        description = read_local_text(head, "description")
        source = read_local_text(head, "source")
        head.finish()

    categories = root.each("categories", _read_category)
    _unique(root, "categories")
    if not categories and not any(p.where.startswith("categories") for p in problems):
        root.problem("categories", "at least one category is required")
    kinds = {c.id: c.kind for c in categories}

    items = root.each("items", lambda t: _read_item(t, kinds))
    _unique(root, "items")
    if not items and not any(p.where.startswith("items") for p in problems):
        root.problem("items", "at least one item is required")
    for category in categories:
        if not any(i.category == category.id for i in items):
            root.problem("categories", f"category {category.id!r} has no item")

    by_id = {i.id: i for i in items}
    verdicts = root.each("verdicts", lambda t: _read_verdict(t, by_id))
    _unique(root, "verdicts")
    fallbacks = [index for index, v in enumerate(verdicts) if v.is_fallback]
    if verdicts and fallbacks != [len(verdicts) - 1]:
        root.problem(
            "verdicts", "exactly one rule without conditions (the fallback) must come last"
        )
    root.finish()

    if None in (checklist_id, version, title, description, source):
        return None
    return Checklist(
        id=cast(str, checklist_id),
        version=cast(str, version),
        title=cast(LocalText, title),
        description=cast(LocalText, description),
        source=cast(LocalText, source),
        categories=tuple(categories),
        items=tuple(items),
        verdicts=tuple(verdicts),
        path=path,
    )


def _unique(root: Table, key: str) -> None:
    """Duplicate ids, read from the raw tables so that even entries with other errors count."""
    raw = root.data.get(key)
    entries = raw if isinstance(raw, list) else []
    ids: list[str] = [
        e["id"] for e in entries if isinstance(e, dict) and isinstance(e.get("id"), str)
    ]
    for value in sorted({i for i in ids if ids.count(i) > 1}):
        root.problem(key, f"id {value!r} is used twice")


def _read_category(table: Table) -> Category | None:
    category_id = table.string("id", required=True, pattern=ID, hint=" (use a-z, 0-9 and _)")
    kind = table.string("kind", required=True, choices=KINDS)
    title = read_local_text(table, "title")
    if category_id is None or kind is None or title is None:
        return None
    return Category(category_id, cast(Kind, kind), title)


def _read_item(table: Table, kinds: Mapping[str, Kind]) -> Item | None:
    item_id = table.string("id", required=True, pattern=ID, hint=" (use a-z, 0-9 and _)")
    category = table.string("category", required=True)
    if category is not None and category not in kinds:
        known = ", ".join(kinds) or "none defined"
        table.problem("category", f"{category!r} is not a category id; known: {known}")
        category = None
    weight = table.number("weight", required=True, minimum=1, maximum=10)
    critical = table.boolean("critical", default=False)
    source = table.string(
        "source", required=True, pattern=SOURCE, hint=" (use N1-N5, P1-P5, C:<name> or R:<ref>)"
    )
    question = read_local_text(table, "question")
    help_text = read_local_text(table, "help", required=False)
    advice = read_local_text(table, "advice")
    steps = _read_steps(table)
    check_steps = _read_check_steps(table)
    presupposes_presence = table.boolean("presupposes_presence", default=False)
    career_change = table.boolean("career_change", default=False)
    habit = table.boolean("habit", default=False)
    choices = table.each("choices", _read_choice)
    _check_choices(table, choices)
    if any(c.unsure for c in choices) and not check_steps and not table.has("check_steps"):
        table.problem(
            "check_steps", 'is required: an "I don\'t know" choice needs steps to find out'
        )
    if None in (item_id, category, weight, source, question, advice, steps) or len(choices) < 2:
        return None
    return Item(
        id=cast(str, item_id),
        category=cast(str, category),
        kind=kinds[cast(str, category)],
        weight=cast(float, weight),
        critical=critical,
        source=cast(str, source),
        question=cast(LocalText, question),
        advice=cast(LocalText, advice),
        steps=cast(tuple[LocalText, ...], steps),
        choices=tuple(choices),
        help=help_text,
        check_steps=check_steps,
        presupposes_presence=presupposes_presence,
        career_change=career_change,
        habit=habit,
    )


def _read_steps(table: Table) -> tuple[LocalText, ...] | None:
    before = len(table.problems)
    steps = local_texts(table, "steps", minimum=1, maximum=5)
    return steps if len(table.problems) == before else None


def _read_check_steps(table: Table) -> tuple[LocalText, ...]:
    if not table.has("check_steps"):
        return ()
    return local_texts(table, "check_steps", minimum=1, maximum=5)


def _read_choice(table: Table) -> Choice | None:
    value = table.string("value", required=True, pattern=ID, hint=" (use a-z, 0-9 and _)")
    label = read_local_text(table, "label")
    # `not_applicable = true` says it plainly; `applicable = false` is the older spelling.
    not_applicable = table.boolean("not_applicable", default=False)
    applicable = table.boolean("applicable", default=True) and not not_applicable
    unsure = table.boolean("unsure", default=False)
    stays_offline = table.boolean("stays_offline", default=False)
    if unsure and not applicable:
        table.problem("unsure", 'an answer cannot be both "I don\'t know" and "does not apply"')
    if stays_offline and applicable:
        table.problem(
            "stays_offline", "needs not_applicable = true: the choice itself is not scored"
        )
    if table.has("not_applicable") and table.has("applicable"):
        table.problem("applicable", "use not_applicable = true alone (applicable is the older key)")
    # An answer left out of the scores needs no points.
    points = table.number("points", required=applicable and not unsure, minimum=0, maximum=100)
    advice = read_local_text(table, "advice", required=False)
    if unsure and advice is None:
        table.problem("advice", 'is required for an "I don\'t know" choice: it titles the check')
    if value is None or label is None or (points is None and applicable and not unsure):
        return None
    return Choice(value, points or 0.0, label, applicable, advice, unsure, stays_offline)


def _check_choices(table: Table, choices: list[Choice]) -> None:
    if not 2 <= len(choices) <= 6:
        table.problem("choices", f"must hold 2 to 6 choices, not {len(choices)}")
    values = [c.value for c in choices]
    for value in {v for v in values if values.count(v) > 1}:
        table.problem("choices", f"value {value!r} is used twice")
    scored = [c.points for c in choices if c.scored]
    if choices and (not scored or max(scored) <= 0):
        table.problem("choices", "the best applicable choice must have more than 0 points")


def _read_verdict(table: Table, items: Mapping[str, Item]) -> VerdictRule | None:
    rule_id = table.string("id", required=True, pattern=ID, hint=" (use a-z, 0-9 and _)")
    title = read_local_text(table, "title")
    text = read_local_text(table, "text")
    answers: dict[str, tuple[str, ...]] = {}
    unless: dict[str, tuple[str, ...]] = {}
    risk_at_least = visibility_below = None
    unscored = False
    when = table.table("when")
    if when is not None:
        unscored = when.boolean("unscored", default=False)
        risk_at_least = when.number("risk_at_least", minimum=0, maximum=100)
        visibility_below = when.number("visibility_below", minimum=0, maximum=100)
        conditions = when.table("answers")
        if conditions is not None:
            answers = _read_conditions(conditions, items)
            conditions.finish()
        exceptions = when.table("unless")
        if exceptions is not None:
            unless = _read_conditions(exceptions, items)
            exceptions.finish()
        scored = risk_at_least is not None or visibility_below is not None or unscored
        if unless and not (answers or scored):
            when.problem("unless", "needs a condition to except from (answers or scores)")
        when.finish()
    if rule_id is None or title is None or text is None:
        return None
    return VerdictRule(
        rule_id, title, text, answers, risk_at_least, visibility_below, unless, unscored
    )


def _read_conditions(table: Table, items: Mapping[str, Item]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for item_id in list(table.data):
        values = table.strings(item_id)
        item = items.get(item_id)
        if item is None:
            table.problem(item_id, "is not an item id")
            continue
        wrong = [v for v in values if v not in item.values]
        if wrong:
            table.problem(
                item_id, f"{', '.join(wrong)} not among the choices ({', '.join(item.values)})"
            )
            continue
        if not values:
            table.problem(item_id, "must list at least one choice value")
            continue
        out[item_id] = values
    return out


def answer_problems(
    checklist: Checklist, answers: Mapping[str, str], where: str = "answers"
) -> list[Problem]:
    """Answers that do not fit the checklist: unknown item ids, values outside the choices."""
    problems = []
    for item_id, value in answers.items():
        item = checklist.item(item_id)
        path = f"{where}.{item_id}"
        if item is None:
            close = _close_ids(item_id, [i.id for i in checklist.items])
            code = "unknown_item_close" if close else "unknown_item"
            problems.append(
                Problem.coded(path, code, item=repr(item_id), checklist=checklist.id, close=close)
            )
        elif item.choice(value) is None:
            problems.append(
                Problem.coded(
                    path,
                    "bad_answer",
                    value=repr(value),
                    item=item_id,
                    allowed=", ".join(item.values),
                )
            )
    return problems


def _close_ids(wanted: str, ids: list[str]) -> str:
    import difflib

    return ", ".join(difflib.get_close_matches(wanted, ids, n=2, cutoff=0.75))
