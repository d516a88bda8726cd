"""A plan a person can follow: the action plan merged, then split into "this week", "this month"
and "ongoing".

Pure: the ordered actions of `scoring.action_plan` in, the same actions out, fewer (duplicates
merged) and each with its horizon. Nothing is re-scored: every action keeps its gain, its steps and
its evidence (a merged action adds up those of its parts). Which actions are habits is checklist
data (`habit = true` on an item, read by `habits_of`). The rules are in docs/scoring.md ("The
plan") and docs/report.md.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from ereputation.checklist import Checklist
from ereputation.model import HORIZONS, Action, Horizon

__all__ = ["THIS_WEEK", "arrange", "habits_of", "horizon_of", "merge_duplicates"]

# At most this many actions come first: more and nothing gets started.
THIS_WEEK = 5
# Two actions sharing at least this many steps, and half the steps of the shorter, are one.
MIN_SHARED_STEPS = 2


def habits_of(checklist: Checklist) -> frozenset[str]:
    """The items marked `habit = true`: regular posting, contacts, watching the name... Done
    once, time would undo them, so their actions go to "ongoing" (unless critical)."""
    return frozenset(item.id for item in checklist.items if item.habit)


def arrange(
    actions: Sequence[Action],
    *,
    habits: Iterable[str] | None = None,
    this_week: int = THIS_WEEK,
) -> tuple[Action, ...]:
    """Merge duplicates, give each action its horizon, rank them again horizon by horizon.

    `actions` come in the plan's order (critical first, then by gain); that order is kept
    within each horizon, so "this week" holds the critical actions first, then the largest gains.
    `habits` are the item ids of the checklist in use (`habits_of`); None reads the bundled
    checklist's.
    """
    habit_ids = _bundled_habits() if habits is None else frozenset(habits)
    merged = merge_duplicates(actions)
    placed: list[Action] = []
    week = 0
    for action in merged:
        horizon = horizon_of(action, habit_ids, week_full=week >= this_week)
        week += horizon == "this_week"
        placed.append(replace(action, horizon=horizon))
    placed.sort(key=lambda a: HORIZONS.index(a.horizon))  # stable: the plan's order within each
    return tuple(replace(a, rank=rank) for rank, a in enumerate(placed, start=1))


@cache
def _bundled_habits() -> frozenset[str]:
    from ereputation.checklist import load_checklist
    from ereputation.resources import default_checklist_path

    return habits_of(load_checklist(default_checklist_path()))


def horizon_of(action: Action, habits: frozenset[str], *, week_full: bool) -> Horizon:
    """A habit is ongoing; otherwise this week while there is room, else this month."""
    if not action.critical and action.item_id in habits:
        return "ongoing"
    return "this_month" if week_full else "this_week"


def merge_duplicates(actions: Sequence[Action]) -> tuple[Action, ...]:
    """One action per thing to do: actions on the same checklist item, with the same advice,
    checks that start with the same step, or actions sharing most of their steps (two items that
    both say "search your name in a private window, then an image search, then sort the results")
    become one.

    The merged action takes the place of the first (the most urgent); its gain is the sum (of
    parts of its kind), it is critical if any part was, a fix if any part was, and its steps and
    evidence are those of all parts, each said once.
    """
    out: list[Action] = []
    seen: list[_Seen] = []  # what each kept action is known by, computed once
    for action in actions:
        mine = _Seen.of(action)
        index = next((i for i, kept in enumerate(seen) if kept.same(mine)), None)
        if index is None:
            out.append(action)
            seen.append(mine)
        else:
            out[index] = _merge(out[index], action)
            seen[index] = _Seen.of(out[index])
    return tuple(out)


@dataclass(frozen=True)
class _Seen:
    keys: frozenset[tuple[str, str]]
    steps: frozenset[str]

    @classmethod
    def of(cls, action: Action) -> _Seen:
        return cls(frozenset(_keys(action)), frozenset(_fold(s) for s in action.steps))

    def same(self, other: _Seen) -> bool:
        if self.keys & other.keys:
            return True
        shared = len(self.steps & other.steps)
        return shared >= MIN_SHARED_STEPS and 2 * shared >= min(len(self.steps), len(other.steps))


def _keys(action: Action) -> tuple[tuple[str, str], ...]:
    keys = [("title", _fold(action.title))]
    if action.item_id:
        keys.append(("item", action.item_id))
    if action.type == "check" and action.steps:
        keys.append(("check", _fold(action.steps[0])))
    return tuple(k for k in keys if k[1])


def _merge(first: Action, other: Action) -> Action:
    return replace(
        first,
        steps=_unique((*first.steps, *other.steps)),
        evidence=_unique((*first.evidence, *other.evidence)),
        # Gains add up in one unit only: visibility points and risk points are not the same.
        gain=round(first.gain + other.gain, 1) if first.kind == other.kind else first.gain,
        critical=first.critical or other.critical,
        type="fix" if "fix" in (first.type, other.type) else "check",
        item_id=first.item_id or other.item_id,
        finding_id=first.finding_id or other.finding_id,
    )


def _unique(texts: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for text in texts:
        seen.setdefault(_fold(text), text)
    return tuple(seen.values())


def _fold(text: str) -> str:
    """Compared without case, accents, punctuation at the ends or repeated spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split()).strip(" .!?:;,…")
