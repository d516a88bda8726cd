"""`discover --deep` laid out: each found account as a recruiter sees it, for every format.

Pages, titles and catalogue names are written by others: the whole `DeepResult` goes through
the report's sanitiser (`formats.sanitise`, over `textsafe`) before anything reads it, one
printable line per string for the text, Markdown and HTML layouts, printable text for the JSON.
Personal data is already masked by the recruiter view unless `--show-pii` asked otherwise.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ereputation.discovery.deep import DeepResult
from ereputation.formats.discovery_view import safe_link, shown_url
from ereputation.formats.sanitise import multi_line, sanitised, single_line
from ereputation.model import Finding, ProfileResult
from ereputation.textsafe import one_line

_NAME_LIMIT = 80
_TEXT_LIMIT = 300


@dataclass(frozen=True)
class DeepRisk:
    label: str  # the category in the reader's language
    category: str
    evidence: str  # the masked excerpt and the words that set the rule off


@dataclass(frozen=True)
class DeepCard:
    site: str
    url: str
    href: str | None
    status: str  # the profile status code: ok, timeout, ...
    status_label: str
    reason: str
    http_status: int | None
    seen: bool  # the site showed the page: what it holds was checked
    title: str | None
    name_found: bool | None  # None: no --name, or nothing seen
    photo: bool | None
    pii: tuple[tuple[str, str], ...]  # (kind in words, value masked unless --show-pii)
    risks: tuple[DeepRisk, ...]


@dataclass(frozen=True)
class DeepView:
    cards: tuple[DeepCard, ...]
    offline: bool
    name_checked: bool
    pii_masked: bool
    words: Mapping[str, str]

    def text(self, key: str, **params: object) -> str:
        return self.words[key].format(**params)

    def fact(self, label: str, value: str) -> str:
        """`label: value` with the language's typography (a no-break space before French colons)."""
        return self.text("discovery_deep_fact", label=label, value=value)

    def yes_no(self, value: bool | None) -> str:
        if value is None:
            return self.words["discovery_deep_unknown"]
        return self.words["discovery_deep_yes" if value else "discovery_deep_no"]

    def names(self, card: DeepCard) -> str:
        """Whether the page names the person; without --name, said to be unchecked."""
        if not self.name_checked:
            return self.words["discovery_deep_name_unchecked"]
        return self.yes_no(card.name_found)

    @property
    def heading(self) -> str:
        return self.text("discovery_deep_heading", count=len(self.cards))

    @property
    def intro(self) -> str:
        """What the section holds, or plainly why nothing was visited."""
        if self.offline:
            return self.words["discovery_deep_offline"]
        if not self.cards:
            return self.words["discovery_deep_nothing"]
        masked = "pii_masked_note" if self.pii_masked else "pii_shown_note"
        return f"{self.words['discovery_deep_intro']} {self.words[masked]}"

    def status(self, card: DeepCard) -> str:
        http = "" if card.http_status is None else f", {card.http_status}"
        return f"{card.status_label}{http}"


def _clean(deep: DeepResult, single: bool) -> DeepResult:
    # `sanitised` walks any dataclass, whatever its annotation says (formats/sanitise.py).
    return sanitised(deep, single_line if single else multi_line)


def _risks(profile: ProfileResult, findings: tuple[Finding, ...]) -> tuple[DeepRisk, ...]:
    """The risky-content findings on `profile`: each excerpt with what set it off."""
    labels = {t.category: t.label or t.category for t in profile.risk_terms}
    return tuple(
        DeepRisk(labels.get(f.key.subject, f.key.subject), f.key.subject, evidence)
        for f in findings
        if f.check == "risky_content" and not f.passed and f.profile_url == profile.url
        for evidence in f.evidence
    )


def _card(
    profile: ProfileResult, findings: tuple[Finding, ...], words: Mapping[str, str]
) -> DeepCard:
    url = shown_url(profile.url)
    return DeepCard(
        site=one_line(profile.label or profile.network_name or url, _NAME_LIMIT),
        url=url,
        href=safe_link(url),
        status=profile.status,
        status_label=words[f"profile_status_{profile.status}"],
        reason=one_line(profile.reason, _TEXT_LIMIT),
        http_status=profile.http_status,
        seen=profile.status == "ok",
        title=one_line(profile.title, _TEXT_LIMIT) if profile.title else None,
        name_found=profile.name_found,
        photo=profile.photo,
        pii=tuple(
            (words[f"pii_{p.kind}"], one_line(p.value_masked, _TEXT_LIMIT)) for p in profile.pii
        ),
        risks=tuple(
            dataclasses.replace(r, evidence=one_line(r.evidence, _TEXT_LIMIT))
            for r in _risks(profile, findings)
        ),
    )


def deep_view(deep: DeepResult, words: Mapping[str, str]) -> DeepView:
    clean = _clean(deep, single=True)
    return DeepView(
        cards=tuple(_card(p, clean.findings, words) for p in clean.profiles),
        offline=deep.offline,
        name_checked=deep.name_checked,
        pii_masked=deep.pii_masked,
        words=words,
    )


def deep_data(deep: DeepResult) -> dict[str, Any]:
    """The JSON result's additions: `profiles` in the audit result's shape (`declared: false`),
    the risky-content findings on them in the audit's finding shape, and what was asked."""
    from ereputation.model import finding_json  # the audit's own shape, not a twin of it

    clean = _clean(deep, single=False)
    return {
        "deep": {"offline": deep.offline, "name_checked": deep.name_checked},
        "pii_masked": deep.pii_masked,
        "profiles": [dataclasses.asdict(p) for p in clean.profiles],
        "findings": [finding_json(f) for f in clean.findings],
    }
