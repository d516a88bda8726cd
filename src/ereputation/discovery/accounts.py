"""What an undeclared account found by discovery means for the person: a finding, and its action.

Pure, given the probe results and the closing steps of `checklists/account_closing.toml`: each
found account the config does not declare becomes one finding (the scoring turns it into an action
of the plan): update it, make it private, or close it, with the site's own closing steps when its
help pages document them. Gaming, dating and adult sites weigh as risk; professional sites as
visibility to tidy; anything else as a small risk, since a forgotten account is seen anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ereputation.checklist import Kind
from ereputation.discovery.results import ProbeResult
from ereputation.errors import ConfigError, Problem
from ereputation.i18n import Language, LocalText, local_texts
from ereputation.messages import messages
from ereputation.model import Finding, FindingKey
from ereputation.resources import checklists_dir
from ereputation.tomlfile import Table, load_toml
from ereputation.vocabulary import Severity

CHECK = "undeclared_account"
DISCOVERY_SOURCE = "docs/discovery.md"

# How a found account weighs, by the catalogue's category (`cat`, WhatsMyName's names and ours).
RISK_SEVERITY: Mapping[str, Severity] = {
    "dating": "medium",
    "xx nsfw xx": "high",  # WhatsMyName's name for adult sites
    "xxxpornxxx": "high",
    "adult": "high",
    "gaming": "low",
    "political": "medium",
}
PROFESSIONAL = frozenset(
    {"business", "coding", "tech", "professional", "jobs", "job", "portfolio", "design", "art"}
)


@dataclass(frozen=True)
class Closing:
    """How to close an account on one site, from its own help page."""

    id: str
    names: tuple[str, ...]  # compared without case
    source: str
    steps: tuple[LocalText, ...]


@cache
def closing_guide(path: Path | None = None) -> Mapping[str, Closing]:
    """The closing steps by site name (casefolded) and by networks id; a bad file is an error
    with its key path (it ships with the tool: a test reads it)."""
    file = path or checklists_dir() / "account_closing.toml"
    problems: list[Problem] = []
    root = Table(load_toml(file, ConfigError), "", problems)
    root.string("version", required=True)
    sites = root.table("sites", required=True)
    entries: dict[str, Closing] = {}
    for site_id in list(sites.data) if sites else []:
        assert sites is not None
        table = sites.table(site_id)
        if table is None:
            continue
        names = table.strings("names", limit=20)
        source = table.string("source", required=True, pattern=r"https://\S+")
        steps = local_texts(table, "steps", minimum=1, maximum=10)
        table.finish()
        if source is None:
            continue
        closing = Closing(site_id, names, source, steps)
        for key in (site_id, *names):
            entries[key.casefold()] = closing
    root.finish()
    if problems:
        raise ConfigError(p.moved(f"{file}: {p.where}") for p in problems)
    return entries


def closing_for(result: ProbeResult, network: str | None) -> Closing | None:
    """The closing steps for a found account: by the networks id of its URL, else by its site."""
    guide = closing_guide()
    return guide.get((network or "").casefold()) or guide.get(result.site.casefold())


def weight_of(category: str) -> tuple[Kind, Severity]:
    """(kind, severity) of an undeclared account on a site of `category`."""
    cat = category.casefold().strip()
    if cat in RISK_SEVERITY:
        return "risk", RISK_SEVERITY[cat]
    if cat in PROFESSIONAL:
        return "visibility", "low"
    return "risk", "low"


def account_findings(
    found: Iterable[ProbeResult],
    language: Language,
    networks: Mapping[str, str] | None = None,
) -> tuple[Finding, ...]:
    """One finding per undeclared account found; `networks` maps an account's URL to the networks
    catalogue's id of its site, when known (for the closing steps)."""
    from ereputation.formats.discovery_view import category_label  # the report's own labels

    words = messages(language)
    findings = []
    for result in found:
        kind, severity = weight_of(result.category)
        network = (networks or {}).get(result.url)
        closing = closing_for(result, network)
        params = {"site": result.site, "username": result.username}
        advice_key = "undeclared_advice_risk" if kind == "risk" else "undeclared_advice_visibility"
        steps = [
            words["undeclared_step_look"].format(url=result.url),
            words[f"undeclared_step_keep_{kind}"],
            words["undeclared_step_private"],
        ]
        if closing is not None:
            steps += [step.get(language) for step in closing.steps]
            steps.append(words["undeclared_step_source"].format(url=closing.source))
        else:
            steps.append(words["undeclared_step_close"].format(site=result.site))
        findings.append(
            Finding(
                key=FindingKey(CHECK, slug(result.site)),
                kind=kind,
                severity=severity,
                title=words["undeclared_title"].format(**params),
                advice=words[advice_key].format(**params),
                source=closing.source if closing else DISCOVERY_SOURCE,
                profile_url=result.url,
                evidence=(
                    words["undeclared_evidence"].format(
                        category=category_label(result.category, words)
                    ),
                ),
                steps=tuple(steps),
            )
        )
    return tuple(findings)


def slug(name: str) -> str:
    """A site's name as a finding's subject: lower case, runs of anything else as one `_`."""
    return re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_") or "site"
