"""What each search result is for the person: pure, given the result and what the config says.

In order, the first that holds: a profile they declared; a snippet carrying risky words (the
report's lexicons, masked; read again by the trained model when one is passed); an account on a
known network they did not declare (a profile's address there, `handles`: not a company page or a
post); a page naming them with their role or city; else most likely a namesake. Every text a
search service returns is hostile: it is bounded here, masked, and sanitised again by the formats.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ereputation.config import Person
from ereputation.discovery.handles import handle_of
from ereputation.model import HitKind, SearchHit
from ereputation.urls import comparable
from ereputation.web.networks import Catalogue

if TYPE_CHECKING:
    from ereputation.detect.meaning import MeaningModel
    from ereputation.detect.risk_terms import Lexicon, RiskMatch

MAX_TITLE = 300
MAX_SNIPPET = 1000


@dataclass(frozen=True)
class RawHit:
    """A result as the search service gave it, already checked to be strings."""

    url: str
    title: str
    snippet: str


@dataclass(frozen=True)
class Subject:
    """What a page must say to be about this person rather than a namesake."""

    person: Person
    declared_urls: frozenset[str]  # `urls.comparable` forms

    @classmethod
    def of(cls, person: Person, declared_urls: Iterable[str]) -> Subject:
        return cls(person, frozenset(comparable(u) for u in declared_urls))

    @property
    def context_phrases(self) -> tuple[str, ...]:
        """The role (and the person's other names for it) and the city."""
        p = self.person
        phrases = (p.target_role, *p.role_aliases, p.location)
        return tuple(x for x in phrases if x)


def classify(
    raw: RawHit,
    rank: int,
    subject: Subject,
    networks: Catalogue,
    lexicon: Lexicon | None,
    *,
    show_pii: bool = False,
    regions: tuple[str, ...] = (),
    meaning: MeaningModel | None = None,
    own_terms: frozenset[str] = frozenset(),
) -> SearchHit:
    """One search result, classified, with its snippet masked for the report. With `meaning`,
    the trained model reads the title and snippet after the rules, as on profiles (it vetoes
    their false alarms and flags a risky snippet without a risky word)."""
    from ereputation.detect.matching import contains_phrase, name_matches, normalize
    from ereputation.detect.pii import mask_pii
    from ereputation.detect.risk_terms import find_risk_terms

    title, snippet = raw.title[:MAX_TITLE], raw.snippet[:MAX_SNIPPET]
    text = f"{title}\n{snippet}"
    network = networks.identify(raw.url)
    network_id = None if network.is_fallback else network.id
    risks = find_risk_terms(text, lexicon, regions=regions) if lexicon else []
    if meaning is not None and lexicon is not None:
        from ereputation.detect.meaning import second_opinion

        kept = own_terms | aimed_at(text, risks, subject, lexicon)
        risks = second_opinion(text, risks, meaning, lexicon, regions=regions, never_veto=kept)
    kind: HitKind
    if comparable(raw.url) in subject.declared_urls:
        kind = "declared_profile"
    elif risks:
        kind = "risky"
    elif network_id is not None and handle_of(raw.url, network_id) is not None:
        kind = "undeclared_account"  # a profile's address, not a company page or a post
    else:
        named = name_matches(text, subject.person.name).kind == "exact" or any(
            name_matches(text, other).kind == "exact" for other in subject.person.other_names
        )
        norm = normalize(text)
        in_context = any(contains_phrase(norm, normalize(x)) for x in subject.context_phrases)
        kind = "names_person" if named and in_context else "namesake"
    if risks:  # the risky words and any personal data around them masked, as on profiles
        shown_snippet = " … ".join(r.excerpt_masked for r in risks)
        shown_title = title if not any(r.start < len(title) for r in risks) else ""
    else:
        shown_snippet = snippet if show_pii else mask_pii(snippet, regions=regions)
        shown_title = title
    return SearchHit(
        rank=rank,
        # An address can carry personal data too (a directory's /tel/0612345678, a paste's
        # e-mail): masked like the text; the page's host and path stay readable.
        url=raw.url if show_pii else mask_pii(raw.url, regions=regions),
        title=shown_title if show_pii else mask_pii(shown_title, regions=regions),
        snippet=shown_snippet,
        kind=kind,
        network=network_id,
        risk_categories=tuple(dict.fromkeys(r.category for r in risks)),
    )


def aimed_at(
    text: str, risks: Sequence[RiskMatch], subject: Subject, lexicon: Lexicon
) -> frozenset[str]:
    """The terms of offensive findings (insults, slurs, sexual remarks...) in a sentence that
    names the person: aimed at them, they are what a name search is for, so the trained model
    never vetoes them. Its veto is for a trade's or a historian's words; a third party's "Camille
    Martin is a total idiot" reads to it like any sentence and can score just under the line."""
    from ereputation.detect.matching import name_matches
    from ereputation.detect.meaning import sentence_at

    offensive = {c.id for c in lexicon.categories if c.offensive}
    names = (subject.person.name, *subject.person.other_names)
    terms: set[str] = set()
    for match in risks:
        if match.category not in offensive:
            continue
        start, end = sentence_at(text, match.start)
        sentence = text[start:end]
        if any(name_matches(sentence, name).kind == "exact" for name in names if name):
            terms.add(match.term)
    return frozenset(terms)
