"""Short excerpts around a risky term, safe to print: the term, nearby risky words and any
personal data in them masked, invisible characters gone.

What is left in clear is `normalise.shown` text, the very text that personal-data detection read
(through its map), so nothing it found can reappear once invisible characters are dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from ereputation.detect.masking import BULLET, EXCERPT_WIDTH, mask_term
from ereputation.detect.normalise import shown
from ereputation.detect.pii import find_pii
from ereputation.textsafe import one_line

__all__ = ["mask_excerpt", "mask_passage"]

logger = logging.getLogger(__name__)


def mask_excerpt(
    text: str,
    term_span: tuple[int, int],
    *,
    width: int = EXCERPT_WIDTH,
    also_mask: Sequence[tuple[int, int]] = (),
    regions: Sequence[str] = (),
) -> str:
    """A short excerpt (at most `width` characters) around a risky term, safe to print.

    The term is masked with `mask_term`, and so are the `also_mask` spans (other risky words that
    may fall inside the excerpt); personal data in the excerpt is masked too, phones read in the
    person's `regions` like the findings. The excerpt is cut between words and marked with "…"
    where it was cut.
    """
    try:
        return _mask_excerpt(text, term_span, max(width, 10), also_mask, regions)
    except Exception:  # an excerpt must never break a report
        logger.debug("excerpt not built; fully masked instead", exc_info=True)
        return BULLET * 3


def mask_passage(
    text: str,
    span: tuple[int, int],
    *,
    width: int = 2 * EXCERPT_WIDTH,
    also_mask: Sequence[tuple[int, int]] = (),
    regions: Sequence[str] = (),
) -> str:
    """The start of a passage (at most `width` characters), safe to print: personal data and
    the `also_mask` spans (risky words of an offensive category) masked.

    For a finding that no single word set off (`detect.meaning`): the passage itself is the
    evidence, so it is shown from its first word rather than centred on a term.
    """
    try:
        start = min(max(0, int(span[0])), len(text))
        end = min(max(start, int(span[1])), len(text))
        return _mask_passage(text, start, end, max(width, 10), also_mask, regions)
    except Exception:  # an excerpt must never break a report
        logger.debug("passage not built; fully masked instead", exc_info=True)
        return BULLET * 3


def _mask_passage(
    text: str,
    start: int,
    end: int,
    width: int,
    also_mask: Sequence[tuple[int, int]],
    regions: Sequence[str],
) -> str:
    # Personal data is looked for well before the passage and beyond its cut: a number the
    # passage starts in the middle of ("12 34 56 78") is only recognised whole.
    hi = min(end, start + 2 * width)
    lo = max(0, start - 2 * width)
    window = text[start:hi]
    pieces: list[tuple[int, int, str]] = []
    for match in find_pii(
        text[lo : min(len(text), hi + 2 * width)], unique=False, regions=regions or None
    ):
        first, last = match.start + lo - start, match.end + lo - start
        if last <= 0 or first >= len(window):
            continue
        if first < 0:  # crosses the passage's start: what is left of it is masked whole
            pieces.append((0, min(last, len(window)), BULLET * 5))
        else:
            pieces.append((first, min(last, len(window)), match.value_masked))
    for span_start, span_end in also_mask:
        local_start, local_end = (
            max(0, int(span_start) - start),
            min(len(window), int(span_end) - start),
        )
        if local_start < local_end:
            pieces.append((local_start, local_end, mask_term(shown(window[local_start:local_end]))))
    passage = _visible(_replace(window, 0, len(window), _disjoint(pieces))).strip()
    return _cut_right(passage, width, hi < end or len(passage) > width)


def _visible(text: str) -> str:
    """One line of what a reader sees: invisible characters removed, whitespace collapsed."""
    return one_line(shown(text))


def _disjoint(pieces: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Pieces in order, an overlapping one merged into the previous as plain bullets."""
    out: list[tuple[int, int, str]] = []
    for start, end, replacement in sorted(pieces):
        if out and start < out[-1][1]:
            previous = out[-1]
            out[-1] = (previous[0], max(previous[1], end), BULLET * 5)
        else:
            out.append((start, end, replacement))
    return out


def _replace(window: str, lo: int, hi: int, pieces: list[tuple[int, int, str]]) -> str:
    """`window[lo:hi]` with each (start, end, replacement) piece inside it substituted; the
    text between pieces is what a reader sees of it."""
    out: list[str] = []
    cursor = lo
    for start, end, replacement in pieces:
        if start >= cursor and end <= hi:
            out.append(shown(window[cursor:start]))
            out.append(replacement)
            cursor = end
    out.append(shown(window[cursor:hi]))
    return "".join(out)


def _mask_excerpt(
    text: str,
    term_span: tuple[int, int],
    width: int,
    also_mask: Sequence[tuple[int, int]],
    regions: Sequence[str],
) -> str:
    start = min(max(0, int(term_span[0])), len(text))
    end = min(max(start, int(term_span[1])), len(text))
    # Look well beyond the excerpt so that personal data cut by its edge is still recognised.
    lo, hi = max(0, start - 2 * width), min(len(text), end + 2 * width)
    window = text[lo:hi]
    term_start, term_end = start - lo, end - lo
    term = mask_term(shown(text[start:end]))
    others: list[tuple[int, int, str]] = []
    found = find_pii(window, unique=False, regions=regions or None)
    for match in sorted(found, key=lambda m: m.start):
        if match.end <= term_start or match.start >= term_end:
            others.append((match.start, match.end, match.value_masked))
        else:  # personal data overlapping the term: mask both as one
            term_start, term_end = min(term_start, match.start), max(term_end, match.end)
            term = BULLET * 5
    for span_start, span_end in also_mask:
        local_start = max(0, int(span_start) - lo)
        local_end = min(len(window), int(span_end) - lo)
        if local_start < local_end:
            others.append((local_start, local_end, mask_term(shown(window[local_start:local_end]))))
    others = _disjoint(p for p in others if p[1] <= term_start or p[0] >= term_end)
    before = _replace(window, 0, term_start, others)
    after = _replace(window, term_end, len(window), others)
    left = _visible(before) + (" " if before[-1:].isspace() else "")
    right = (" " if after[:1].isspace() else "") + _visible(after)
    return _fit(left.lstrip(), _visible(term), right.rstrip(), lo > 0, hi < len(text), width)


def _fit(before: str, term: str, after: str, more_left: bool, more_right: bool, width: int) -> str:
    """Centre `term` in at most `width` characters, cutting the context between words."""
    if len(term) >= width:
        return term[: width - 1] + "…"
    room = width - len(term)
    left_room = min(len(before) + 1, room // 2)
    right_room = room - left_room
    if len(after) + 1 < right_room:
        left_room += right_room - len(after) - 1
        right_room = len(after) + 1
    return (
        _cut_left(before, left_room, more_left) + term + _cut_right(after, right_room, more_right)
    )


def _cut_left(before: str, room: int, more: bool) -> str:
    if len(before) <= room and not more:
        return before
    if room <= 1:
        return ""
    cut = len(before) - (room - 1)
    if cut <= 0:
        return "…" + before if before.strip() else ""
    kept = before[cut:]
    if not before[cut - 1].isspace() and not kept[:1].isspace():
        space = kept.find(" ")  # drop the word the cut went through
        kept = kept[space:] if space >= 0 else ""
    return "…" + kept if kept.strip() else ""


def _cut_right(after: str, room: int, more: bool) -> str:
    if len(after) <= room and not more:
        return after
    if room <= 1:
        return ""
    cut = room - 1
    if cut >= len(after):
        return after + "…" if after.strip() else ""
    kept = after[:cut]
    if not after[cut].isspace() and not kept[-1:].isspace():
        space = kept.rfind(" ")
        kept = kept[: space + 1] if space >= 0 else ""
    return kept + "…" if kept.strip() else ""
