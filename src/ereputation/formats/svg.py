"""Geometry for the report's inline SVG gauges and bars: numbers in, numbers out.

The template draws the SVG itself (autoescaped like everything else); these helpers only turn a
score into coordinates, so no markup is ever built from strings here. Rating bands are read off
`scoring.rating`, the one place that defines them, instead of being copied.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from ereputation.checklist import Kind
from ereputation.scoring import rating

# The gauge's drawing box: a half circle centred at (CX, CY) in a 200 x 116 view box.
CX = 100.0
CY = 100.0
RADIUS = 80.0


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, float(value)))


def point(value: float, radius: float = RADIUS) -> tuple[float, float]:
    """Where `value` (0 to 100) sits on the half circle, 0 on the left and 100 on the right."""
    angle = math.pi * (1 - _clamp(value) / 100)
    return round(CX + radius * math.cos(angle), 2), round(CY - radius * math.sin(angle), 2)


def arc(start: float, end: float) -> str:
    """SVG path data of the gauge arc from `start` to `end`; empty when there is nothing to draw."""
    start, end = _clamp(start), _clamp(end)
    if end <= start:
        return ""
    x0, y0 = point(start)
    x1, y1 = point(end)
    # A half circle never spans more than 180 degrees: the large-arc flag stays 0.
    return f"M {x0} {y0} A {RADIUS} {RADIUS} 0 0 1 {x1} {y1}"


@dataclass(frozen=True)
class Tick:
    """A short mark across the gauge at a rating threshold."""

    value: int
    x1: float
    y1: float
    x2: float
    y2: float


def tick(value: int, inner: float = RADIUS - 14, outer: float = RADIUS + 14) -> Tick:
    x1, y1 = point(value, inner)
    x2, y2 = point(value, outer)
    return Tick(value, x1, y1, x2, y2)


@dataclass(frozen=True)
class Band:
    """One rating's range of scores, both ends included: `low` to `high`."""

    rating: str
    low: int
    high: int


@cache
def bands(kind: Kind) -> tuple[Band, ...]:
    """The rating bands of a kind, from 0 to 100, as `scoring.rating` draws them."""
    out: list[Band] = []
    for score in range(101):
        code = rating(score, kind)
        if out and out[-1].rating == code:
            out[-1] = Band(code, out[-1].low, score)
        else:
            out.append(Band(code, score, score))
    return tuple(out)


def thresholds(kind: Kind) -> tuple[int, ...]:
    """Scores where the rating changes (for visibility 50 and 75, for risk 25 and 50)."""
    return tuple(band.low for band in bands(kind)[1:])


def bar_width(value: int | None, full: float = 100.0) -> float:
    """Width of a category bar drawn in a `full`-wide box; 0 for a score that does not exist."""
    return 0.0 if value is None else round(full * _clamp(value) / 100, 2)


__all__ = ["Band", "Tick", "arc", "bands", "bar_width", "point", "thresholds", "tick"]
