"""From one seen page to what a recruiter learns: name, headline, photo, keywords, exposure, links.

Pure: computed once per profile from the page facts, then read by every check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from ereputation.checks.base import CheckContext, RecruiterView, Visit
from ereputation.detect.matching import headline_matches, match_keywords, name_matches
from ereputation.detect.meaning import second_opinion
from ereputation.detect.pii import PiiMatch, find_pii, mask_pii
from ereputation.detect.risk_terms import RiskMatch, find_risk_terms
from ereputation.urls import comparable
from ereputation.web.extract import PageFacts

# Professional pages with less visible text than this, and no description, look empty.
EMPTY_TEXT_CHARS = 200
NAME_SCAN_CHARS = 3_000


def analyse(visit: Visit, ctx: CheckContext, declared: Sequence[str]) -> RecruiterView:
    facts = visit.facts
    if not visit.seen or facts is None:
        return RecruiterView()
    assert ctx.lexicon is not None, "the lexicon is loaded whenever a page was seen"
    person = ctx.person
    header = " · ".join(_header_texts(facts))
    name = name_matches(f"{header} · {facts.text[:NAME_SCAN_CHARS]}", person.name)
    if not name.found:
        for other in person.other_names:
            alias = name_matches(f"{header} · {facts.text[:NAME_SCAN_CHARS]}", other)
            if alias.found:
                name = alias
                break
    headline = _headline(facts)
    searchable = f"{header}\n{facts.text}"
    found, missing = match_keywords(searchable, person.keywords, ctx.synonyms)
    return RecruiterView(
        name=name,
        headline=headline
        if ctx.show_pii or headline is None
        else mask_pii(headline, regions=ctx.phone_regions),
        headline_matches=(
            headline_matches(
                headline,
                person.target_role,
                synonyms=ctx.synonyms,
                aliases=person.role_aliases,
            )
            if headline and person.target_role
            else None
        ),
        photo=facts.has_profile_photo,
        keywords_found=tuple(found),
        keywords_missing=tuple(missing),
        pii=tuple(_pii(facts, header, ctx.phone_regions)),
        risks=tuple(_risks(facts.text, ctx)),
        links_to=tuple(_links_to(facts, visit.url, declared)),
        newest_date=_newest(facts),
        empty=len(facts.text) < EMPTY_TEXT_CHARS and not facts.description,
    )


def _risks(text: str, ctx: CheckContext) -> list[RiskMatch]:
    """The rules' risky passages, read again by the trained model when the audit has one."""
    assert ctx.lexicon is not None
    found = find_risk_terms(text, ctx.lexicon, regions=ctx.phone_regions)
    if ctx.meaning is None:
        return found
    return second_opinion(
        text,
        found,
        ctx.meaning,
        ctx.lexicon,
        regions=ctx.phone_regions,
        never_veto=ctx.own_terms,
    )


def _header_texts(facts: PageFacts) -> Iterable[str]:
    for value in (
        facts.title,
        facts.description,
        facts.og("og:title"),
        facts.og("og:description"),
        facts.twitter_card("twitter:title"),
        *(p.name for p in facts.persons),
        *(p.job_title for p in facts.persons),
        *(h.name for h in facts.hcards),
        *(h.job_title for h in facts.hcards),
    ):
        if value:
            yield value


def _headline(facts: PageFacts) -> str | None:
    """The line under the name: structured job title first, then the page's own summary."""
    for value in (
        *(p.job_title for p in facts.persons),
        *(h.job_title for h in facts.hcards),
        facts.og("og:description"),
        facts.description,
        *(p.description for p in facts.persons),
        *(h.note for h in facts.hcards),
        facts.og("og:title"),
        facts.title,
    ):
        if value and value.strip():
            return " ".join(value.split())[:160]
    return None


def _pii(facts: PageFacts, header: str, regions: tuple[str, ...]) -> list[PiiMatch]:
    # The title and descriptions are what search engines show; mailto: and tel: links are
    # exposure too, even when the visible text hides them.
    contacts = " \n ".join([*facts.emails, *facts.phones])
    seen: set[tuple[str, str]] = set()
    out = []
    texts = (header, facts.text, contacts)
    for match in [m for text in texts for m in find_pii(text, regions=regions)]:
        key = (match.kind, match.value_masked)
        if key not in seen:
            seen.add(key)
            out.append(match)
    return out


def _links_to(facts: PageFacts, own: str, declared: Sequence[str]) -> list[str]:
    targets = {comparable(u): u for u in declared if comparable(u) != comparable(own)}
    candidates = [*facts.rel_me, *(u for p in facts.persons for u in p.same_as), *facts.links]
    found = []
    for link in candidates:
        target = targets.get(comparable(link))
        if target and target not in found:
            found.append(target)
    return found


def _newest(facts: PageFacts) -> dt.date | None:
    latest = facts.latest_date
    if not latest:
        return None
    try:
        return dt.date.fromisoformat(latest[:10])
    except ValueError:
        return None
