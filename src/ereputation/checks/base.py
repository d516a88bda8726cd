"""What every check receives, and how it turns an observation into a Finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ereputation.checks.catalogue import FindingTemplate
from ereputation.config import DeclaredProfile, Person
from ereputation.i18n import Language
from ereputation.model import SEVERITIES, Finding, FindingKey, ProfileStatus, Severity
from ereputation.web.networks import Network

if TYPE_CHECKING:  # heavy modules (requests, bs4, phonenumbers): an offline audit never needs them
    from ereputation.detect.matching import NameMatch
    from ereputation.detect.meaning import MeaningModel
    from ereputation.detect.pii import PiiMatch
    from ereputation.detect.risk_terms import Lexicon, RiskMatch
    from ereputation.detect.synonyms import Synonyms
    from ereputation.reasons import Reason
    from ereputation.web.extract import PageFacts
    from ereputation.web.fetch import FetchResult


@dataclass(frozen=True)
class Visit:
    """A declared profile once visited: the network it belongs to, what came back, its status,
    and why (a reason code with parameters, told in the report's language by `reason_text`)."""

    declared: DeclaredProfile
    network: Network
    status: ProfileStatus
    reason: Reason
    fetched: FetchResult | None = None
    facts: PageFacts | None = None

    @property
    def url(self) -> str:
        return self.declared.url

    def reason_text(self, language: Language, show_pii: bool, regions: tuple[str, ...] = ()) -> str:
        """The reason as a person reads it. A classified page's reason may quote the page
        (its title, a snippet): personal data in those quotes is masked unless asked for, phones
        read in the person's `regions` like the findings."""
        reason = self.reason
        if self.facts is not None and not show_pii:
            from ereputation.detect.pii import mask_pii

            reason = reason.map_params(lambda text: mask_pii(text, regions=regions))
        return reason.text(language)

    @property
    def partly_read(self) -> bool:
        """Only the start of the page was analysed: absence of a problem proves nothing."""
        fetched, facts = self.fetched, self.facts
        return bool(
            (fetched is not None and fetched.truncated)
            or (facts is not None and (facts.text_truncated or facts.markup_truncated))
        )

    @property
    def seen(self) -> bool:
        """The page was seen as a recruiter sees it; only then can its content be judged."""
        return self.status == "ok" and self.facts is not None and self.facts.is_html


@dataclass(frozen=True)
class RecruiterView:
    """What a logged-out recruiter learns from one page, computed once for every check."""

    name: NameMatch | None = None
    headline: str | None = None  # masked unless the person asked to see personal data
    headline_matches: bool | None = None
    photo: bool | None = None
    keywords_found: tuple[str, ...] = ()
    keywords_missing: tuple[str, ...] = ()
    pii: tuple[PiiMatch, ...] = ()
    risks: tuple[RiskMatch, ...] = ()
    links_to: tuple[str, ...] = ()
    newest_date: dt.date | None = None
    empty: bool = False


@dataclass(frozen=True)
class CheckContext:
    person: Person
    language: Language
    templates: Mapping[str, FindingTemplate]
    lexicon: Lexicon | None  # loaded only when a page was seen
    today: dt.date
    show_pii: bool = False
    stale_after_days: int = 730
    # Role names and keywords that say the same in the other language (the person's trade's
    # groups when known, else every trade's); None reads the page for the exact words only.
    synonyms: Synonyms | None = None
    # Regions a phone number without its country prefix is read in, most likely first
    # (`detect.regions.phone_regions`); empty reads them in France only.
    phone_regions: tuple[str, ...] = ()
    # The trained second opinion on risky content (`detect.meaning`): vetoes the rules' findings
    # it reads as harmless and adds what a passage means without a risky word; None: rules alone.
    meaning: MeaningModel | None = None
    # Terms of the counsellor's own word lists (`audit --lexicon`): the model never vetoes them.
    own_terms: frozenset[str] = frozenset()

    def network(self, visit: Visit) -> str:
        """The profile as the report names it: the config's label, else the network's name."""
        return visit.declared.label or network_label(visit.network, self.language)

    def finding(
        self,
        template_id: str,
        *,
        passed: bool,
        profile_url: str | None = None,
        severity: Severity | None = None,
        evidence: tuple[str, ...] = (),
        key: str = "",
        texts: str | None = None,
        **values: object,
    ) -> Finding:
        """A finding of the check `template_id`, worded by that template, or by `texts` when one
        check speaks differently of different accounts (a stale personal account)."""
        template = self.templates[texts or template_id]
        title = (template.title_pass if passed else template.title_fail).get(self.language)
        return Finding(
            key=FindingKey(template_id, key, _url_key(profile_url)),
            kind=template.kind,
            severity=severity or template.severity,
            title=_fill(title, values),
            advice=_fill(template.advice.get(self.language), values),
            source=template.source,
            passed=passed,
            profile_url=profile_url,
            evidence=evidence,
            steps=tuple(_fill(s.get(self.language), values) for s in template.steps),
            item_id=template.item,
        )


def network_label(network: Network, language: Language) -> str:
    """How the report names a network; the catch-all for personal sites speaks both languages."""
    if network.is_fallback:
        from ereputation.messages import messages

        return messages(language)["network_website"]
    return network.name


def raise_severity(severity: Severity) -> Severity:
    """One level up (medium -> high), for content on a public personal profile."""
    order = list(reversed(SEVERITIES))  # info, low, medium, high, critical
    if severity == "info":
        return severity
    return order[min(order.index(severity) + 1, len(order) - 1)]


def _fill(text: str, values: Mapping[str, object]) -> str:
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return text  # a counsellor's template with an unknown placeholder stays readable


def _url_key(url: str | None) -> str:
    if not url:
        return ""
    import hashlib

    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:8]
