"""Where to be: one test per recommendation and per rule, both languages, data complete."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from ereputation.checklist import load_checklist
from ereputation.config import Answer
from ereputation.i18n import LANGUAGES, Language, LocalText, typeset
from ereputation.model import Finding, FindingKey, PiiExposure, ProfileResult, RiskTerm, WhereAdvice
from ereputation.resources import default_checklist_path
from ereputation.tomlfile import tomllib
from ereputation.trades import Priority, Source, Trade, TradeNetwork, load_trades
from ereputation.vocabulary import ProfileStatus
from ereputation.web.networks import Catalogue, load_catalogue
from ereputation.where import RECOMMENDATIONS, advise_where, summarise_where
from ereputation.where_texts import (
    REASON_CODES,
    RECOMMENDATION_OF,
    WhereError,
    bundled_where_texts,
    load_where_texts,
    parse_where_texts,
)
from tests.conftest import ROOT, Writer

WHERE_PATH = ROOT / "checklists" / "where.toml"
CATALOGUE = load_catalogue(ROOT / "checklists" / "networks.toml")
SOURCE = Source("A survey", "https://example.org/survey", "Example", 2024)


def trade(*networks: tuple[str, Priority], face_to_face: bool = False) -> Trade:
    entries = tuple(
        TradeNetwork(network, priority, LocalText("raison", "reason"), SOURCE)
        for network, priority in networks
    )
    return Trade("sample", LocalText("Métier", "Trade"), ("sample",), face_to_face, entries)


def profile(network: str, status: ProfileStatus = "ok", **fields: Any) -> ProfileResult:
    known = CATALOGUE.get(network) if network in {n.id for n in CATALOGUE.networks} else None
    complete: dict[str, Any] = {"photo": True, "headline": "Data analyst", "name_found": True}
    return ProfileResult(
        url=f"https://{network}.example/camille",
        network=network,
        kind=known.kind if known else "professional",
        status=status,
        reason="",
        network_name=known.name if known else network,
        **({**complete, **fields} if status == "ok" else fields),
    )


def failed(check: str, p: ProfileResult) -> Finding:
    return Finding(
        FindingKey(check, "", "x"), "visibility", "low", "t", "a", "S", profile_url=p.url
    )


def answers(**values: str) -> dict[str, Answer]:
    return {item: Answer(value) for item, value in values.items()}


@dataclass
class Case:
    trade: Trade | None
    profiles: tuple[ProfileResult, ...] = ()
    answers: dict[str, Answer] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    catalogue: Catalogue = CATALOGUE

    def run(self, language: Language = "en") -> tuple[WhereAdvice, ...]:
        return advise_where(
            self.trade, self.profiles, self.answers, self.catalogue, self.findings, language
        )

    def one(self, network: str, language: Language = "en") -> WhereAdvice:
        (found,) = [a for a in self.run(language) if a.network == network]
        return found


LINKEDIN_ESSENTIAL = trade(("linkedin", "essential"))
MALT_USEFUL = trade(("malt", "useful"))
STALE_X = profile("x")
# A catalogue where LinkedIn helps nobody, for the rule on professional networks of no use.
USELESS_LINKEDIN = replace(
    CATALOGUE,
    networks=tuple(
        replace(n, job_search_weight=0) if n.id == "linkedin" else n for n in CATALOGUE.networks
    ),
)

# (rule, case, network, expected reason code): every rule of docs/where.md, one line each.
CASES: list[tuple[str, Case, str, str]] = [
    ("essential, not declared: create", Case(LINKEDIN_ESSENTIAL), "linkedin", "create_essential"),
    (
        "essential, little time: optional",
        Case(LINKEDIN_ESSENTIAL, answers=answers(time_budget="none")),
        "linkedin",
        "optional_little_time",
    ),
    (
        "essential, discreet presence chosen: optional",
        Case(LINKEDIN_ESSENTIAL, answers=answers(fear_of_exposure="afraid")),
        "linkedin",
        "optional_discreet",
    ),
    (
        "essential in a face-to-face trade: still create",
        Case(trade(("linkedin", "essential"), face_to_face=True)),
        "linkedin",
        "create_essential",
    ),
    (
        "useful in a face-to-face trade: optional",
        Case(trade(("malt", "useful"), face_to_face=True)),
        "malt",
        "optional_face_to_face",
    ),
    (
        "useful, the person says the trade meets face to face: optional",
        Case(MALT_USEFUL, answers=answers(trade_online="face_to_face")),
        "malt",
        "optional_face_to_face",
    ),
    ("useful, no sign of visibility: optional", Case(MALT_USEFUL), "malt", "optional_useful"),
    (
        "useful, answers favour visibility: create",
        Case(MALT_USEFUL, answers=answers(objective_defined="yes", time_budget="weekly_slot")),
        "malt",
        "create_useful",
    ),
    (
        "the trade's optional networks stay optional",
        Case(trade(("medium", "optional")), answers=answers(objective_defined="yes")),
        "medium",
        "optional_extra",
    ),
    (
        "declared, seen and complete: keep",
        Case(LINKEDIN_ESSENTIAL, (profile("linkedin"),)),
        "linkedin",
        "keep_complete",
    ),
    (
        "declared, site says no such profile: create (or fix the address)",
        Case(LINKEDIN_ESSENTIAL, (profile("linkedin", "not_found"),)),
        "linkedin",
        "create_missing",
    ),
    (
        "declared, seen without photo: complete",
        Case(LINKEDIN_ESSENTIAL, (profile("linkedin", photo=False),)),
        "linkedin",
        "complete_missing",
    ),
    (
        "declared, found empty: complete",
        Case(
            LINKEDIN_ESSENTIAL,
            (profile("linkedin"),),
            findings=(failed("profile_empty", profile("linkedin")),),
        ),
        "linkedin",
        "complete_empty",
    ),
    (
        "declared, stale: update",
        Case(
            LINKEDIN_ESSENTIAL,
            (profile("linkedin"),),
            findings=(failed("profile_stale", profile("linkedin")),),
        ),
        "linkedin",
        "update_stale",
    ),
    (
        "declared, behind a login wall: keep, check it logged out",
        Case(LINKEDIN_ESSENTIAL, (profile("linkedin", "login_required"),)),
        "linkedin",
        "keep_unseen",
    ),
    (
        "personal, risky content seen: make private",
        Case(None, (profile("instagram", risk_terms=(RiskTerm("alcohol_party", "…"),)),)),
        "instagram",
        "make_private_risk",
    ),
    (
        "personal, personal data seen: make private",
        Case(None, (profile("facebook", pii=(PiiExposure("phone", "06 •• •• •• 78"),)),)),
        "facebook",
        "make_private_pii",
    ),
    (
        "personal, abandoned: close",
        Case(None, (STALE_X,), findings=(failed("profile_stale", STALE_X),)),
        "x",
        "close_stale",
    ),
    ("personal, nothing wrong: keep private", Case(None, (profile("x"),)), "x", "keep_personal"),
    (
        "personal of no use to a job search, nothing wrong: not needed",
        Case(None, (profile("instagram"),)),
        "instagram",
        "not_needed",
    ),
    (
        "professional of no use and not the trade's: not needed",
        Case(trade(("github", "essential")), (profile("linkedin"),), catalogue=USELESS_LINKEDIN),
        "linkedin",
        "not_needed",
    ),
    ("no trade: the generic network, optional", Case(None), "linkedin", "optional_unknown_trade"),
]


@pytest.mark.parametrize(("rule", "case", "network", "code"), CASES, ids=[c[0] for c in CASES])
def test_rule(rule: str, case: Case, network: str, code: str) -> None:
    advice = case.one(network)
    assert advice.code == code
    assert advice.recommendation == RECOMMENDATION_OF[code]


def test_every_reason_code_and_recommendation_has_a_rule_test() -> None:
    assert {code for *_, code in CASES} == REASON_CODES
    assert {RECOMMENDATION_OF[code] for *_, code in CASES} == set(RECOMMENDATIONS)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("rule", "case", "network", "code"), CASES, ids=[c[0] for c in CASES])
def test_every_reason_reads_in_both_languages(
    language: Language, rule: str, case: Case, network: str, code: str
) -> None:
    reason = case.one(network, language).reason
    plain = getattr(bundled_where_texts().reasons[code], language)
    assert reason and "{" not in reason
    assert reason.startswith(typeset(plain.split("{")[0], language))
    if language == "fr" and " :" in plain:
        assert " :" not in reason and "\u00a0:" in reason  # typeset, not as written in the data


def test_the_advice_carries_what_the_report_needs() -> None:
    linkedin = profile("linkedin")
    advice = Case(trade(("linkedin", "essential"), ("github", "useful")), (linkedin,)).run()
    assert [(a.network, a.name, a.declared, a.url, a.priority) for a in advice] == [
        ("linkedin", "LinkedIn", True, linkedin.url, "essential"),
        ("github", "GitHub", False, None, "useful"),
    ]


def test_a_declared_network_is_never_also_advised_as_absent() -> None:
    advice = Case(LINKEDIN_ESSENTIAL, (profile("linkedin", "blocked"),)).run()
    assert [a.network for a in advice] == ["linkedin"]


def test_what_a_profile_lacks_is_named_in_the_report_language() -> None:
    bare = profile("github", photo=False, headline=None, keywords_missing=("SQL", "Python"))
    case = Case(trade(("github", "essential")), (bare,))
    assert "a photo, a headline, keywords (SQL, Python)" in case.one("github").reason
    assert "une photo, un titre, des mots-clés (SQL, Python)" in case.one("github", "fr").reason


@pytest.mark.parametrize(
    "status", ["login_required", "blocked", "rate_limited", "timeout", "error", "skipped"]
)
def test_an_unseen_profile_is_kept_and_never_called_absent(status: ProfileStatus) -> None:
    # Even with evidence fields set, a page nobody saw is judged on nothing.
    unseen = profile("linkedin", status, photo=False, keywords_missing=("SQL",))
    advice = Case(LINKEDIN_ESSENTIAL, (unseen,)).one("linkedin")
    assert (advice.recommendation, advice.code) == ("keep", "keep_unseen")
    assert "private browser window" in advice.reason
    assert "no profile" not in advice.reason


def test_risk_on_a_personal_account_seen_behind_a_login_is_not_claimed() -> None:
    walled = profile("instagram", "login_required", risk_terms=(RiskTerm("alcohol_party", "…"),))
    assert Case(None, (walled,)).one("instagram").recommendation == "not_needed"


def test_the_personal_data_seen_is_named() -> None:
    pii = (PiiExposure("phone", "06"), PiiExposure("birthdate", "19"), PiiExposure("phone", "07"))
    case = Case(None, (profile("facebook", pii=pii),))
    assert "(phone number, date of birth)" in case.one("facebook").reason
    assert "(téléphone, date de naissance)" in case.one("facebook", "fr").reason


def test_a_personal_network_the_trade_lists_is_judged_as_a_professional_one() -> None:
    case = Case(trade(("instagram", "essential")), (profile("instagram", photo=False),))
    assert case.one("instagram").code == "complete_missing"
    risky = profile("instagram", risk_terms=(RiskTerm("drugs", "…"),))
    assert Case(trade(("instagram", "essential")), (risky,)).one("instagram").code == (
        "make_private_risk"
    )


def test_a_personal_network_the_trade_lists_is_updated_not_closed_and_may_show_contacts() -> None:
    listed = trade(("instagram", "essential"))
    old = profile("instagram", pii=(PiiExposure("email", "c••n@e••.org"),))
    case = Case(listed, (old,), findings=(failed("profile_stale", old),))
    assert case.one("instagram").code == "update_stale"  # a portfolio is not abandoned for good
    empty = Case(listed, (old,), findings=(failed("profile_empty", old),))
    assert empty.one("instagram").code == "complete_empty"


def test_a_personal_website_is_a_professional_presence() -> None:
    site = profile("website", photo=False)
    assert Case(None, (site,)).one("website").code == "complete_missing"


def test_a_profile_on_a_network_outside_the_catalogue_gets_advice() -> None:
    odd = profile("net_unknown", "error")
    assert Case(None, (odd,)).one("net_unknown").code == "keep_unseen"


def test_with_no_trade_only_the_top_generic_networks_are_offered() -> None:
    advice = Case(None).run()
    assert [(a.network, a.recommendation) for a in advice] == [("linkedin", "optional")]
    assert "person.trade" in advice[0].reason


def test_order_actions_by_priority_then_keep_optional_not_needed() -> None:
    t = trade(
        ("linkedin", "essential"),
        ("github", "useful"),
        ("malt", "useful"),
        ("medium", "optional"),
        ("gitlab", "useful"),
    )
    risky = profile("facebook", risk_terms=(RiskTerm("drugs", "…"),))
    stale_gitlab = profile("gitlab")
    profiles = (
        profile("instagram"),
        profile("x"),
        risky,
        profile("github", photo=False),
        stale_gitlab,
    )
    case = Case(t, profiles, findings=(failed("profile_stale", stale_gitlab),))
    assert [(a.network, a.recommendation) for a in case.run()] == [
        ("linkedin", "create"),  # essential first
        ("github", "complete"),  # useful: complete before update
        ("gitlab", "update"),
        ("facebook", "make_private"),  # a network the trade does not list: optional priority
        ("x", "keep"),
        ("malt", "optional"),
        ("medium", "optional"),
        ("instagram", "not_needed"),
    ]


def test_the_summary_names_the_networks_in_both_languages() -> None:
    risky = profile("instagram", risk_terms=(RiskTerm("drugs", "…"),))
    case = Case(trade(("linkedin", "essential"), ("github", "essential")), (risky,))
    advice = case.run("fr")
    assert summarise_where(advice, "fr", trade_known=True) == (
        "Soyez sur LinkedIn et GitHub\u202f; passez Instagram en privé."
    )
    assert summarise_where(case.run("en"), "en", trade_known=True) == (
        "Be on LinkedIn and GitHub; make Instagram private."
    )


def test_the_summary_lists_three_networks_and_closes_abandoned_ones() -> None:
    case = Case(
        trade(("linkedin", "essential"), ("github", "essential"), ("malt", "essential")),
        (STALE_X,),
        findings=(failed("profile_stale", STALE_X),),
    )
    assert (
        summarise_where(case.run(), "en", trade_known=True)
        == "Be on LinkedIn, GitHub and Malt; close X (Twitter)."
    )


def test_the_summary_names_only_what_the_trade_or_the_generic_advice_asks_for() -> None:
    kept = (profile("linkedin"), profile("viadeo"))
    assert summarise_where(Case(None, kept).run(), "en", trade_known=False) == (
        "Be on LinkedIn; set your trade to learn where to be."
    )
    github = Case(trade(("github", "essential")), kept).run()
    assert [a.code for a in github] == ["create_essential", "keep_complete", "keep_complete"]
    assert summarise_where(github, "en", trade_known=True) == "Be on GitHub."


def test_the_summary_says_when_the_trade_is_unknown_or_nothing_is_needed() -> None:
    assert (
        summarise_where(Case(None).run(), "en", trade_known=False)
        == "Set your trade to learn where to be."
    )
    quiet = Case(MALT_USEFUL).run("fr")
    assert summarise_where(quiet, "fr", trade_known=True) == (
        "Aucun réseau ne vous est indispensable pour l'instant."
    )


# --- the data ----------------------------------------------------------------------------------


def raw() -> dict[str, Any]:
    return tomllib.loads(WHERE_PATH.read_text(encoding="utf-8"))


def test_the_bundled_texts_are_complete_in_both_languages() -> None:
    texts = bundled_where_texts()
    assert set(texts.reasons) == REASON_CODES
    for text in [*texts.reasons.values(), *texts.summary.values()]:
        assert text.fr.strip() and text.en.strip() and text.fr != text.en
    for group in texts.terms.values():
        assert all(t.fr and t.en for t in group.values())


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["reasons"]["keep_personal"].pop("en"), "reasons.keep_personal.en"),
        (lambda d: d["reasons"].pop("close_stale"), "reasons.close_stale"),
        (lambda d: d["reasons"].update(shout={"fr": "a", "en": "b"}), "reasons.shout"),
        (lambda d: d["terms"]["pii"].pop("phone"), "terms.pii.phone"),
        (
            lambda d: d["reasons"]["complete_missing"].update(en="Missing: {mising}"),
            "reasons.complete_missing",
        ),
        (lambda d: d["signals"].pop("discreet"), "signals.discreet"),
        (lambda d: d["signals"].update(discreet=[{}]), "signals.discreet[0]"),
        (lambda d: d["signals"].update(busy=[{"time_budget": ["none"]}]), "signals.busy"),
        (lambda d: d.update(version=True), "version"),
    ],
)
def test_a_broken_texts_file_names_the_key(change: Any, where: str) -> None:
    data = copy.deepcopy(raw())
    change(data)
    with pytest.raises(WhereError) as caught:
        parse_where_texts(data, source="where.toml")
    assert f"where.toml: {where}" in str(caught.value)


def test_a_broken_texts_file_is_one_message_naming_the_file(write: Writer) -> None:
    text = WHERE_PATH.read_text(encoding="utf-8").replace('en = "close {networks}"\n', "")
    path = write("where.toml", text)
    with pytest.raises(WhereError) as caught:
        load_where_texts(path)
    assert caught.value.problems[0].show("fr").startswith(f"{path}: summary.close.en: ")
    with pytest.raises(WhereError):
        load_where_texts(write("bad.toml", "reasons = ["))


def test_the_signals_name_real_checklist_items_and_choices() -> None:
    checklist = load_checklist(default_checklist_path())
    for name, alternatives in bundled_where_texts().signals.items():
        assert alternatives, name
        for alternative in alternatives:
            for item_id, values in alternative.items():
                item = checklist.item(item_id)
                assert item is not None, f"signals.{name}: no item {item_id}"
                assert set(values) <= set(item.values), f"signals.{name}.{item_id}"


def test_every_network_the_advice_can_name_is_in_the_catalogue() -> None:
    known = {n.id for n in CATALOGUE.networks}
    trades = load_trades(ROOT / "checklists" / "trades.toml", CATALOGUE)
    assert {n.network for t in trades for n in t.networks} <= known
    assert {a.network for a in Case(None).run()} <= known
    # where.toml names no network: its texts are about what to do, never where.
    assert set(raw()) == {"version", "reasons", "terms", "summary", "signals"}


def test_every_bundled_trade_gets_advice_in_both_languages() -> None:
    trades = load_trades(ROOT / "checklists" / "trades.toml", CATALOGUE)
    for t in trades:
        for language in LANGUAGES:
            advice = Case(t).run(language)
            assert advice and all(a.reason and a.name for a in advice)
            assert summarise_where(advice, language, trade_known=True).endswith(".")


def test_names_and_keywords_from_a_file_are_one_printable_line() -> None:
    odd = replace(
        profile("linkedin", keywords_missing=("SQL\x1b[31m", "Py\nthon")),
        network_name="Linked\x1b[2JIn\u202e\nPro",
    )
    advice = Case(LINKEDIN_ESSENTIAL, (odd,)).one("linkedin")
    assert advice.name == "LinkedIn Pro"
    assert "keywords (SQL, Py thon)" in advice.reason


def test_the_worked_example_of_the_docs() -> None:
    """docs/where.md's example, with the bundled trade: the page must not drift from the code."""
    data = load_trades(ROOT / "checklists" / "trades.toml", CATALOGUE).get("data")
    github = profile("github")
    profiles = (
        profile("linkedin", keywords_missing=("Power BI",)),
        github,
        profile("instagram", risk_terms=(RiskTerm("alcohol_party", "…"),)),
        profile("facebook", "login_required"),
    )
    said = answers(
        objective_defined="yes",
        trade_online="online",
        time_budget="irregular",
        fear_of_exposure="cautious",
    )
    case = Case(data, profiles, said, (failed("profile_stale", github),))
    assert [(a.name, a.recommendation, a.code) for a in case.run()] == [
        ("LinkedIn", "complete", "complete_missing"),
        ("GitHub", "update", "update_stale"),
        ("Malt", "create", "create_useful"),
        ("Instagram", "make_private", "make_private_risk"),
        ("Kaggle", "optional", "optional_extra"),
        ("Facebook", "not_needed", "not_needed"),
    ]
    assert summarise_where(case.run("fr"), "fr", trade_known=True) == (
        "Soyez sur LinkedIn, GitHub et Malt\u202f; passez Instagram en privé."
    )
    doc = (ROOT / "docs" / "where.md").read_text(encoding="utf-8")
    assert "*Be on LinkedIn, GitHub and Malt; make Instagram private.*" in doc
    hurried = Case(data, profiles, {**said, "time_budget": Answer("none")})
    assert hurried.one("malt").code == "optional_little_time"


def test_texts_passed_in_are_the_ones_used() -> None:
    bundled = bundled_where_texts()
    mine = replace(
        bundled,
        reasons={**bundled.reasons, "create_essential": LocalText("Créez : ici", "Create: here")},
    )
    advice = advise_where(LINKEDIN_ESSENTIAL, (), {}, CATALOGUE, (), "fr", texts=mine)
    assert advice[0].reason == "Créez\u00a0: ici"
