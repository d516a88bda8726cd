"""Where to be: the trade's networks, the declared profiles and the answers, network by network.

Pure: everything comes in as arguments (the texts of `checklists/where.toml` too, read once when
not given), nothing is fetched or dated. The rules are written down in docs/where.md.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

from ereputation.config import Answer
from ereputation.i18n import Language, typeset
from ereputation.model import Finding, ProfileResult, WhereAdvice
from ereputation.textsafe import one_line
from ereputation.trades import PRIORITIES, Priority, Trade
from ereputation.vocabulary import PERSONAL_KINDS
from ereputation.web.networks import Catalogue, Network
from ereputation.where_texts import (
    PLACEHOLDER,
    RECOMMENDATION_OF,
    RECOMMENDATIONS,
    SIGNALS,
    Recommendation,
    WhereTexts,
    bundled_where_texts,
)

__all__ = ["RECOMMENDATIONS", "Recommendation", "WhereAdvice", "advise_where", "summarise_where"]


# --- the rules ---------------------------------------------------------------------------------


def advise_where(
    trade: Trade | None,
    profiles: Sequence[ProfileResult],
    answers: Mapping[str, Answer],
    catalogue: Catalogue,
    findings: Sequence[Finding],
    language: Language,
    *,
    texts: WhereTexts | None = None,
) -> tuple[WhereAdvice, ...]:
    """One piece of advice per declared profile and per network of the trade not declared."""
    texts = texts or bundled_where_texts()
    values = {item_id: answer.value for item_id, answer in answers.items()}
    signal = {name: _holds(texts.signals.get(name, ()), values) for name in SIGNALS}
    failed = {(f.check, f.profile_url) for f in findings if not f.passed}
    generic = {g.network: g for g in _generic(catalogue)} if trade is None else {}
    out: list[WhereAdvice] = []

    def add(
        network: str, name: str, code: str, priority: Priority, url: str | None, **fill: str
    ) -> None:
        reason = _fill(texts.reasons[code].get(language), fill)
        rec = RECOMMENDATION_OF[code]
        out.append(WhereAdvice(network, name, rec, reason, url is not None, url, priority, code))

    for profile in profiles:
        known = _network(catalogue, profile.network)
        listed = trade.network(profile.network) if trade else generic.get(profile.network)
        priority: Priority = listed.priority if listed else "optional"
        name = one_line(profile.network_name or (known.name if known else profile.network), 80)
        personal = (known.kind if known else profile.kind) in PERSONAL_KINDS
        if personal and not (known and known.is_fallback):  # a website is a professional page
            code, fill = _personal(profile, known, listed is not None, failed, texts, language)
        elif listed is None and known is not None and known.job_search_weight == 0:
            code, fill = "not_needed", {}
        else:
            code, fill = _professional(profile, failed, texts, language)
        add(profile.network, name, code, priority, profile.url, **fill)

    declared = {p.network for p in profiles}
    for entry in trade.networks if trade else generic.values():
        if entry.network in declared or _network(catalogue, entry.network) is None:
            continue
        name = _name(catalogue.get(entry.network), language)
        code = _absent(entry.priority, trade, signal) if trade else "optional_unknown_trade"
        add(entry.network, name, code, entry.priority, None)
    return tuple(sorted(out, key=_order))


def _personal(
    profile: ProfileResult,
    known: Network | None,
    listed: bool,
    failed: Set[tuple[str, str | None]],
    texts: WhereTexts,
    language: Language,
) -> tuple[str, dict[str, str]]:
    """A personal account: private and apart, unless the trade uses it for work."""
    seen = profile.status == "ok"
    if seen and profile.risk_terms:
        return "make_private_risk", {}
    if listed:  # the trade's own use of it (a portfolio on Instagram): judged as professional
        return _professional(profile, failed, texts, language)
    if seen and profile.pii:
        kinds = dict.fromkeys(p.kind for p in profile.pii)
        return "make_private_pii", {
            "pii": ", ".join(texts.terms["pii"][k].get(language) for k in kinds)
        }
    if ("profile_stale", profile.url) in failed:
        return "close_stale", {}
    weight = known.job_search_weight if known else 0
    return ("not_needed" if weight == 0 else "keep_personal"), {}


def _professional(
    profile: ProfileResult,
    failed: Set[tuple[str, str | None]],
    texts: WhereTexts,
    language: Language,
) -> tuple[str, dict[str, str]]:
    """A professional presence: never judged on a page nobody saw."""
    if profile.status == "not_found":
        return "create_missing", {}
    if profile.status != "ok":  # a login wall, a refusal, an error: say nothing of its content
        return "keep_unseen", {}
    if ("profile_empty", profile.url) in failed:
        return "complete_empty", {}
    terms = texts.terms["missing"]
    missing = [terms["photo"].get(language)] if profile.photo is False else []
    if not (profile.headline or "").strip():
        missing.append(terms["headline"].get(language))
    if profile.keywords_missing:
        keywords = one_line(", ".join(profile.keywords_missing), 200)
        missing.append(_fill(terms["keywords"].get(language), {"keywords": keywords}))
    if missing:
        return "complete_missing", {"missing": ", ".join(missing)}
    if ("profile_stale", profile.url) in failed:
        return "update_stale", {}
    return "keep_complete", {}


def _absent(priority: Priority, trade: Trade, signal: Mapping[str, bool]) -> str:
    """A network of the trade the person is not on: create it, or leave it to their choice."""
    if signal["little_time"]:
        return "optional_little_time"
    if signal["discreet"]:
        return "optional_discreet"
    if priority == "essential":
        return "create_essential"
    if trade.meets_face_to_face or signal["face_to_face"]:
        return "optional_face_to_face"
    if priority == "useful":
        return "create_useful" if signal["visibility"] else "optional_useful"
    return "optional_extra"


@dataclass(frozen=True)
class _Generic:
    network: str
    priority: Priority


def _generic(catalogue: Catalogue) -> tuple[_Generic, ...]:
    """With no trade: the professional networks recruiters look at first, whatever the trade."""
    pro = [n for n in catalogue.networks if n.kind == "professional" and not n.is_fallback]
    top = max((n.job_search_weight for n in pro), default=0)
    return tuple(_Generic(n.id, "useful") for n in pro if n.job_search_weight == top and top > 0)


def _order(advice: WhereAdvice) -> tuple[int, int, int]:
    """Acting first, by the trade's priority; the sort is stable, so ties keep the declared
    profiles' order, then the trade file's (which lists a trade's networks by importance)."""
    rec, priority = RECOMMENDATIONS.index(advice.recommendation), PRIORITIES.index(advice.priority)
    return (0, priority, rec) if advice.acting else (1, rec, priority)


def _holds(
    alternatives: Sequence[Mapping[str, tuple[str, ...]]], values: Mapping[str, str]
) -> bool:
    return any(
        all(values.get(item) in allowed for item, allowed in alt.items()) for alt in alternatives
    )


def _network(catalogue: Catalogue, network_id: str) -> Network | None:
    return next((n for n in catalogue.networks if n.id == network_id), None)


def _name(network: Network, language: Language) -> str:
    from ereputation.checks.base import network_label  # the report's name for a network

    return network_label(network, language)


def _fill(text: str, values: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


# --- the summary -------------------------------------------------------------------------------


def summarise_where(
    advice: Sequence[WhereAdvice],
    language: Language,
    *,
    trade_known: bool,
    texts: WhereTexts | None = None,
) -> str:
    """One line for the verdict naming the networks: "Be on LinkedIn; make Instagram private.".

    "Be on" names the networks the trade (or, with no trade, the generic advice) asks for, not
    every professional profile the person happens to keep."""
    texts = texts or bundled_where_texts()
    words = texts.summary
    groups = {
        "be_on": [a.name for a in advice if a.code in _BE_ON and a.priority != "optional"],
        "make_private": [a.name for a in advice if a.recommendation == "make_private"],
        "close": [a.name for a in advice if a.recommendation == "close"],
    }
    clauses = [
        words[key].get(language).replace("{networks}", _join(names, words["and"].get(language)))
        for key, names in groups.items()
        if names
    ]
    if not trade_known:
        clauses.append(words["unknown_trade"].get(language))
    text = ("; " if language == "en" else " ; ").join(clauses or [words["nothing"].get(language)])
    return typeset(text[:1].upper() + text[1:] + ".", language)


_BE_ON = frozenset(
    {
        "create_essential",
        "create_useful",
        "create_missing",
        "keep_complete",
        "keep_unseen",
        "complete_empty",
        "complete_missing",
        "update_stale",
    }
)


def _join(names: Sequence[str], and_word: str) -> str:
    unique = list(dict.fromkeys(names))
    return unique[0] if len(unique) == 1 else f"{', '.join(unique[:-1])} {and_word} {unique[-1]}"
