"""Equivalent role names and keywords across French and English, and French inclusive writing.

A synonym group lists names of one role or skill ("data analyst", "analyste de données"); a term
counts as stated when any entry of a group it belongs to is stated. Groups come from the trades
data (`trades.synonyms_for`); this module only compares texts, on `normalise.normalize`d forms.

Inclusive writing ("chargé·e", "chargé(e)", "développeur.euse", "directeur·rice·s") is read as
both forms it stands for: `forms("chargé·e d'études")` is the masculine "charge d'etudes" and the
feminine "chargee d'etudes". A page is searched in its own text and, when it uses such forms,
in its masculine and feminine readings too, so that "Chargé·e d'études" states "chargée d'études".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ereputation.detect.normalise import normalize

__all__ = ["Synonyms", "forms", "readings"]

# Normalised text: accents are gone ("·ère" reads "·ere"). The separators people use between a
# masculine form and the feminine ending; a dot only when a letter follows (never "fin. Le").
_SUFFIX = r"euses?|trices?|rices?|eres?|nes?|les?|fes?|ses?|es?"
_INCLUSIVE = re.compile(
    rf"(?<![\w'])(?P<word>[^\W\d_]{{2,}})"
    rf"(?:[·•‧⋅∙.](?P<dotted>{_SUFFIX})(?:[·•‧⋅∙.]s)?|\((?P<bracketed>{_SUFFIX})\)s?)(?!\w)"
)


_FIRST_WORD = re.compile(r"[^\W_]+")


def _first(form: str) -> str:
    match = _FIRST_WORD.match(form)
    return match[0] if match else ""


def _feminine(masculine: str, ending: str) -> str:
    """The feminine word an inclusive form stands for: "directeur" + "rice" is "directrice"."""
    ending = ending[:-1] if len(ending) > 1 and ending.endswith("s") else ending
    if ending in ("euse", "se") and masculine.endswith("eur"):
        return masculine[:-3] + "euse"
    if ending == "trice" and masculine.endswith("teur"):
        return masculine[:-4] + "trice"
    if ending == "rice" and masculine.endswith("eur"):
        return masculine[:-3] + "rice"
    if ending == "ere" and masculine.endswith("er"):
        return masculine[:-2] + "ere"
    return masculine + ending


# The masculine ending each feminine ending goes with: "chef·fe" is inclusive, "parti.le" is not.
_NEEDS = {"euse": "eur", "se": "eur", "trice": "teur", "rice": "eur", "ere": "er", "ne": "n"}
_NEEDS.update({"le": "l", "fe": "f", "e": ""})


def _parts(match: re.Match[str]) -> tuple[str, str] | None:
    word, ending = match["word"], match["dotted"] or match["bracketed"] or ""
    singular = ending[:-1] if len(ending) > 1 and ending.endswith("s") else ending
    return (word, ending) if word.endswith(_NEEDS.get(singular, "")) else None


def _masculine(match: re.Match[str]) -> str:
    parts = _parts(match)
    return parts[0] if parts else match[0]


def _feminine_of(match: re.Match[str]) -> str:
    parts = _parts(match)
    return _feminine(*parts) if parts else match[0]


def readings(norm: str) -> tuple[str, ...]:
    """A normalised text, then its masculine and feminine readings when it writes inclusively."""
    if _INCLUSIVE.search(norm) is None:
        return (norm,)
    masculine = _INCLUSIVE.sub(_masculine, norm)
    if masculine == norm:
        return (norm,)
    return (norm, masculine, _INCLUSIVE.sub(_feminine_of, norm))


@functools.lru_cache(maxsize=4096)
def forms(term: str) -> tuple[str, ...]:
    """The normalised forms a term is stated by: itself, or the two an inclusive term stands for."""
    norm = normalize(term)
    if not norm:
        return ()
    found = readings(norm)
    # An inclusive term is never written that way on every page: its readings are its forms.
    return tuple(dict.fromkeys(found[1:] if len(found) > 1 else found))


@dataclass(frozen=True)
class Synonyms:
    """Groups of equivalent terms, and which groups each normalised form belongs to."""

    groups: tuple[tuple[str, ...], ...] = ()
    _index: dict[str, tuple[int, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        index: dict[str, list[int]] = {}
        for number, group in enumerate(self.groups):
            for entry in group:
                for form in forms(entry):
                    if number not in index.setdefault(form, []):
                        index[form].append(number)
        self._index.update({form: tuple(numbers) for form, numbers in index.items()})

    @classmethod
    def of_groups(cls, groups: Iterable[Sequence[str]]) -> Synonyms:
        return cls(tuple(tuple(group) for group in groups))

    def __bool__(self) -> bool:
        return bool(self.groups)

    def of(self, term: str) -> tuple[str, ...]:
        """The other entries of every group that holds `term` exactly (once normalised), as
        written in the data, in the data's order."""
        own = set(forms(term))
        out: dict[str, None] = {}
        for number in self._groups_of(own):
            for entry in self.groups[number]:
                if not own.intersection(forms(entry)):
                    out.setdefault(entry, None)
        return tuple(out)

    def entries(
        self, words: Collection[str] | None = None
    ) -> Iterator[tuple[str, tuple[str, ...]]]:
        """Every normalised form with the entries of its groups: what a role may contain. With
        `words`, only the forms whose first word is one of them (a role has a handful of words,
        the groups of every trade some 1,500 forms)."""
        for form, numbers in self._index.items():
            first = _first(form)
            if words is not None and first and first not in words:
                continue
            yield form, tuple(dict.fromkeys(e for n in numbers for e in self.groups[n]))

    def _groups_of(self, own: set[str]) -> list[int]:
        numbers: list[int] = []
        for form in own:
            for number in self._index.get(form, ()):
                if number not in numbers:
                    numbers.append(number)
        return sorted(numbers)
