"""The profile checks on hand-made page facts: what passes, what fails, and what is never judged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ereputation.checks import run_checks
from ereputation.checks.base import CheckContext, Visit, raise_severity
from ereputation.checks.catalogue import default_templates
from ereputation.config import DeclaredProfile, Person, Profile
from ereputation.detect.synonyms import Synonyms
from ereputation.i18n import Language
from ereputation.model import Finding, ProfileStatus
from ereputation.reasons import Reason
from ereputation.recruiter import catalogue, lexicon, profile_result
from ereputation.recruiter import synonyms as recruiter_synonyms
from ereputation.trade_choice import trades
from ereputation.trades import synonyms_for
from ereputation.web.extract import HCard, PageFacts, PagePerson

TODAY = dt.date(2026, 11, 25)
PERSON = Person(
    name="Camille Martin",
    target_role="Data analyst",
    keywords=("SQL", "Python", "Power BI"),
    language="en",
)


def context(show_pii: bool = False, language: str = "en") -> CheckContext:
    return CheckContext(
        person=PERSON,
        language=language,  # type: ignore[arg-type]
        templates=default_templates(),
        lexicon=lexicon(),
        today=TODAY,
        show_pii=show_pii,
    )


def visit(
    url: str,
    facts: PageFacts | None = None,
    status: ProfileStatus = "ok",
    reason: str = "page_loaded",
) -> Visit:
    return Visit(
        DeclaredProfile(url), catalogue().identify(url), status, Reason.of(reason), None, facts
    )


def page(text: str = "", **fields: object) -> PageFacts:
    return PageFacts(is_html=True, content_type="text/html", text=text, **fields)  # type: ignore[arg-type]


def by_template(findings: Sequence[Finding], template: str) -> list[Finding]:
    return [f for f in findings if f.key.check == template]


GITHUB = page(
    "Camille Martin. Data analyst in Lyon. SQL, Python and dashboards. " * 5,
    title="camille-martin-demo (Camille Martin) · GitHub",
    persons=(PagePerson(name="Camille Martin", job_title="Data analyst", image="https://x/a.png"),),
    has_profile_photo=True,
    rel_me=("https://camille-martin.example/",),
)


def test_a_good_professional_profile_passes_its_checks() -> None:
    visits = [visit("https://github.com/camille-martin-demo", GITHUB)]
    views, findings = run_checks(visits, context())
    assert views[0].name is not None and views[0].name.found
    assert views[0].headline == "Data analyst"
    assert by_template(findings, "name_shown")[0].passed
    assert by_template(findings, "photo_shown")[0].passed
    assert by_template(findings, "headline_matches_role")[0].passed
    keywords = by_template(findings, "keywords_present")[0]
    assert keywords.passed  # 2 of 3 found
    assert "Power BI" in views[0].keywords_missing


def test_exposed_phone_is_a_masked_high_risk_finding() -> None:
    facts = page("Camille Martin, data analyst. Tél. 06 12 34 56 78, camille@example.org")
    _, findings = run_checks([visit("https://camille-martin.example/", facts)], context())
    phone = by_template(findings, "pii_phone")[0]
    assert not phone.passed and phone.severity == "high" and phone.kind == "risk"
    assert phone.evidence == ("06 •• •• •• 78",)
    assert "12 34 56" not in phone.title
    assert not by_template(findings, "pii_email")[0].passed
    assert by_template(findings, "pii_address")[0].passed


def test_show_pii_reveals_the_value_for_the_person() -> None:
    facts = page("Appelez-moi au 06 12 34 56 78.")
    _, findings = run_checks([visit("https://camille-martin.example/", facts)], context(True))
    assert by_template(findings, "pii_phone")[0].evidence == ("06 12 34 56 78",)


def test_risky_content_is_raised_on_a_public_personal_profile() -> None:
    text = "Soirée d'hier : j'étais complètement bourrée, trop drôle."
    on_site = run_checks([visit("https://github.com/camille", page(text))], context())[1]
    on_social = run_checks([visit("https://www.facebook.com/camille", page(text))], context())[1]
    site = next(f for f in by_template(on_site, "risky_content") if not f.passed)
    social = next(f for f in by_template(on_social, "risky_content") if not f.passed)
    assert social.severity == raise_severity(site.severity)
    assert "bourrée" not in social.title and "•" in social.title


def test_clean_page_gets_a_passed_risky_content_finding() -> None:
    _, findings = run_checks([visit("https://github.com/c", GITHUB)], context())
    (risky,) = by_template(findings, "risky_content")
    assert risky.passed


@pytest.mark.parametrize(
    "status", ["login_required", "blocked", "rate_limited", "timeout", "error"]
)
def test_unseen_profiles_say_check_it_yourself_never_absent(status: ProfileStatus) -> None:
    unseen = visit("https://www.linkedin.com/in/camille", None, status, "login_wall")
    _, findings = run_checks([unseen], context())
    assert [f.key.check for f in findings] == ["could_not_verify"]
    assert findings[0].severity == "info"
    assert "check it yourself while logged out" in findings[0].title
    assert "not found" not in findings[0].title.lower()


def test_not_found_profile_is_a_visibility_finding() -> None:
    gone = visit("https://github.com/nobody", None, "not_found", "not_found_status")
    _, findings = run_checks([gone], context())
    assert [f.key.check for f in findings] == ["profile_not_found"]
    assert findings[0].kind == "visibility" and not findings[0].passed


def test_offline_profiles_make_no_finding() -> None:
    offline = visit("https://github.com/c", None, "skipped", "offline")
    assert run_checks([offline], context())[1] == []


def test_stale_and_empty_professional_profile() -> None:
    from ereputation.web.extract import DateHint

    facts = page("Camille Martin", dates=(DateHint("2021-03-01", "modified", "meta"),))
    _, findings = run_checks([visit("https://github.com/c", facts)], context())
    stale = by_template(findings, "profile_stale")[0]
    assert not stale.passed and "2021-03-01" in stale.title
    assert not by_template(findings, "profile_empty")[0].passed


def test_a_stale_personal_account_is_told_to_close_or_go_private_not_to_post() -> None:
    from ereputation.web.extract import DateHint

    old = page("Camille Martin. Vacances !", dates=(DateHint("2019-07-14", "other", "time"),))
    fresh = page("Camille Martin. Vacances !", dates=(DateHint("2026-10-01", "other", "time"),))
    for language in ("en", "fr"):
        url = "https://www.facebook.com/camille"
        _, findings = run_checks([visit(url, old)], context(language=language))
        (stale,) = by_template(findings, "profile_stale")
        assert not stale.passed and stale.key.subject == "personal"
        assert stale.kind == "risk" and stale.item_id == "dormant_accounts"
        assert "2019-07-14" in stale.title
        said = stale.advice.casefold()
        assert ("close it or make it private" in said) if language == "en" else ("fermez" in said)
    # In use, or a personal website (a professional page): no personal-account finding.
    assert not by_template(run_checks([visit(url, fresh)], context())[1], "profile_stale")
    site = run_checks([visit("https://camille-martin.example/", old)], context())[1]
    assert not by_template(site, "profile_stale")


def test_risky_content_bears_on_its_checklist_item() -> None:
    text = "Week-end : on a fumé un joint. Votez pour Martin ! Quelle merde, ce lundi."
    _, findings = run_checks([visit("https://www.facebook.com/camille", page(text))], context())
    items = {f.key.subject: f.item_id for f in by_template(findings, "risky_content")}
    assert items["drugs"] == "sensitive_posts"
    assert items["political"] == "sensitive_posts"
    assert items["insults"] is None  # no question asks about swearing: its own action


def test_cross_checks_link_and_consistency() -> None:
    site = page(
        "Camille Martin, analyste de données. " * 10,
        hcards=(HCard(name="Camille Martin", job_title="Data analyst"),),
        links=("https://github.com/camille-martin-demo",),
    )
    linkedin = page("Profil de C. Dupont. Responsable logistique. " * 10, has_profile_photo=False)
    visits = [
        visit("https://github.com/camille-martin-demo", GITHUB),
        visit("https://camille-martin.example/", site),
        visit("https://www.linkedin.com/in/camille", linkedin),
    ]
    views, findings = run_checks(visits, context())
    assert views[0].links_to == ("https://camille-martin.example/",)
    assert views[1].links_to == ("https://github.com/camille-martin-demo",)
    assert by_template(findings, "profiles_linked")[0].passed
    identity = by_template(findings, "identity_consistent")[0]
    assert not identity.passed
    assert "LinkedIn" in identity.title


def test_a_portfolio_counts_as_professional_in_the_photo_consistency() -> None:
    portfolio = page("Camille Martin, data visualisation portfolio. " * 10, has_profile_photo=False)
    visits = [
        visit("https://github.com/camille-martin-demo", GITHUB),
        visit("https://www.behance.net/camille-martin", portfolio),
    ]
    assert visits[1].network.kind == "creative"
    _, findings = run_checks(visits, context())
    identity = by_template(findings, "identity_consistent")[0]
    assert not identity.passed
    assert "Behance" in " ".join((*identity.steps, identity.title, identity.advice))


def test_profile_result_carries_the_view_and_masks_pii() -> None:
    facts = page("Camille Martin — 06 12 34 56 78", title="Camille")
    v = visit("https://camille-martin.example/", facts)
    views, _ = run_checks([v], context())
    result = profile_result(v, views[0], show_pii=False)
    assert result.network == "website" and result.status == "ok"
    assert result.name_found is True
    assert [p.value_masked for p in result.pii] == ["06 •• •• •• 78"]


def test_findings_texts_exist_in_both_languages() -> None:
    templates = default_templates()
    assert {"could_not_verify", "pii_phone", "risky_content", "profiles_linked"} <= set(templates)
    for template in templates.values():
        for text in (template.title_pass, template.title_fail, template.advice):
            assert text.fr and text.en and text.fr != text.en


def test_findings_bear_on_checklist_items_of_their_own_kind() -> None:
    """A finding joins its item's action only when both are of one kind: a link to a missing item,
    or to an item of the other kind, would silently do nothing."""
    from ereputation.checklist import load_checklist
    from ereputation.resources import default_checklist_path

    checklist = load_checklist(default_checklist_path())
    linked = {t.id: t for t in default_templates().values() if t.item}
    assert linked["personal_account_stale"].item == "dormant_accounts"
    for template in linked.values():
        item = checklist.item(template.item or "")
        assert item is not None and item.kind == template.kind, template.id


def test_profile_results_name_the_network_and_label_risks_in_the_report_language() -> None:
    from ereputation.config import Profile
    from ereputation.recruiter import recruiter_findings

    facts = page("Soirée d'hier : j'étais complètement bourrée, trop drôle.")
    visits = [visit("https://www.instagram.com/camille", facts)]
    profile = Profile(PERSON)
    expected: tuple[tuple[Language, str], ...] = (
        ("fr", "Alcool et soirées"),
        ("en", "Alcohol and parties"),
    )
    for language, label in expected:
        results, _ = recruiter_findings(
            profile, visits, language=language, today=TODAY, show_pii=False
        )
        assert results[0].network_name == "Instagram"
        assert [t.label for t in results[0].risk_terms] == [label]


def test_a_broken_findings_file_reports_every_problem(tmp_path: Path) -> None:
    from ereputation.checks.catalogue import load_templates
    from ereputation.errors import InputError

    path = tmp_path / "findings.toml"
    path.write_text(
        '[findings.x]\nkind = "both"\nseverity = "huge"\nsource = "N9"\n'
        'title_pass = { fr = "a" }\ntitle_fail = { fr = "b", en = "b" }\n'
        'advice = { fr = "c", en = "c" }\nsteps = []\nextra = 1\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as exc:
        load_templates(path)
    text = "\n".join(str(p) for p in exc.value.problems)
    for fragment in (
        "findings.x.kind:",
        "findings.x.severity:",
        "findings.x.source:",
        "findings.x.title_pass.en: is required",
        "findings.x.steps: must hold 1 to 5 entries",
        "findings.x.extra: unknown key",
    ):
        assert fragment in text


def test_personal_sites_are_named_in_the_report_language() -> None:
    facts = page("Camille Martin — 06 12 34 56 78")
    site = visit("https://camille-martin.example/", facts)
    french = run_checks([site], context(language="fr"))[1]
    english = run_checks([site], context(language="en"))[1]
    assert by_template(french, "pii_phone")[0].title.startswith("Site web\u00a0:")
    assert by_template(english, "pii_phone")[0].title.startswith("Website:")


def test_a_partly_read_page_claims_no_absence() -> None:
    facts = page("Camille Martin, data analyst. " * 20, text_truncated=True)
    _, findings = run_checks([visit("https://camille-martin.example/", facts)], context())
    assert not [f for f in findings if f.passed and f.kind == "risk"]
    (partly,) = by_template(findings, "partly_read")
    assert partly.severity == "info" and "only partly read" in partly.title
    exposed = page("Tél. 06 12 34 56 78 " + "x " * 50, text_truncated=True)
    _, found = run_checks([visit("https://camille-martin.example/", exposed)], context())
    assert not by_template(found, "pii_phone")[0].passed  # what was read still counts


# --- role and keywords across languages ------------------------------------------------------

FRENCH_PAGE = page(
    "Camille Martin. Analyste de données à Lyon : apprentissage automatique, SQL. " * 5,
    title="Camille Martin · Analyste de données",
    persons=(PagePerson(name="Camille Martin", job_title="Analyste de données"),),
)
DATA_PERSON = Person(
    name="Camille Martin",
    target_role="Data analyst",
    keywords=("SQL", "Machine learning", "Power BI"),
    language="en",
)


def read_with(person: Person, synonyms: Synonyms | None, facts: PageFacts = FRENCH_PAGE) -> Any:
    ctx = replace(context(), person=person, synonyms=synonyms)
    views, findings = run_checks([visit("https://camille-martin.example/", facts)], ctx)
    return views[0], findings


def test_a_french_page_states_an_english_role_and_keywords() -> None:
    data = synonyms_for(trades(), trades().get("data"))
    view, findings = read_with(DATA_PERSON, data)
    assert by_template(findings, "headline_matches_role")[0].passed
    assert view.keywords_found == ("SQL", "Machine learning (apprentissage automatique)")
    assert view.keywords_missing == ("Power BI",)
    assert by_template(findings, "keywords_present")[0].passed  # 2 of 3
    # Without the groups (before issue 8), the same page failed both.
    view, findings = read_with(DATA_PERSON, None)
    assert not by_template(findings, "headline_matches_role")[0].passed
    assert view.keywords_found == ("SQL",)


def test_the_persons_role_aliases_state_the_role() -> None:
    facts = page(
        "Camille Martin, analyste BI. " * 10, persons=(PagePerson(job_title="Analyste BI"),)
    )
    _, findings = read_with(DATA_PERSON, None, facts)
    assert not by_template(findings, "headline_matches_role")[0].passed
    aliased = replace(DATA_PERSON, role_aliases=("Analyste BI", "Chargée d'études"))
    _, findings = read_with(aliased, None, facts)
    assert by_template(findings, "headline_matches_role")[0].passed


def test_a_synonym_from_another_trade_does_not_leak_in_when_the_trade_is_known() -> None:
    # Project work says "conduite de projet" and "product manager"; engineering says neither.
    person = replace(DATA_PERSON, target_role="Chef de produit", keywords=("gestion de projet",))
    facts = page(
        "Camille Martin, conduite de projet. " * 10,
        persons=(PagePerson(job_title="Product manager"),),
    )
    engineering = synonyms_for(trades(), trades().get("engineering"))
    assert "conduite de projet" in synonyms_for(trades(), None).of("gestion de projet")
    view, findings = read_with(person, engineering, facts)
    assert view.keywords_found == ()
    assert not by_template(findings, "headline_matches_role")[0].passed
    product = synonyms_for(trades(), trades().get("project_consulting"))
    view, findings = read_with(person, product, facts)
    assert view.keywords_found == ("gestion de projet (conduite de projet)",)
    assert by_template(findings, "headline_matches_role")[0].passed


def test_the_audit_reads_with_the_set_trade_else_the_inferred_one_else_every_trade() -> None:
    def profile(**person: Any) -> Profile:
        return Profile(person=replace(DATA_PERSON, **person))

    assert recruiter_synonyms(profile()) == synonyms_for(trades(), trades().get("data"))
    marketing = recruiter_synonyms(profile(trade="marketing"))
    assert marketing == synonyms_for(trades(), trades().get("marketing"))
    nothing = recruiter_synonyms(profile(target_role="Astronaute", keywords=()))
    assert nothing == synonyms_for(trades(), None)
    given = recruiter_synonyms(profile(trade="marketing"), trades().get("law"))
    assert given == synonyms_for(trades(), trades().get("law"))
