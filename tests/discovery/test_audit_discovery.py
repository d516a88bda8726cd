"""`audit --discover` end to end (issue 10 points 1, 4, 6): a fake catalogue on 127.0.0.x, the
JSON result validated against the schema, the HTML report parsed, consent and --deep."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from ereputation.cli import main
from ereputation.config import parse_profile
from ereputation.errors import Problem
from ereputation.model import from_json, to_json
from ereputation.resources import schema_path

from .conftest import Answer, SiteServer

Start = Callable[[str], SiteServer]
PROFILE_PAGE = (
    b"<html><head><title>Camille Martin</title></head>"
    b"<body><h1>Camille Martin</h1><p>Member since 2019. Data analyst in Lyon.</p></body></html>"
)
MISSING = b"<html><p>No such member</p></html>"


def only(name: str) -> Callable[[str], Answer]:
    def answer(asked: str) -> Answer:
        return (200, {}, PROFILE_PAGE) if asked == name else (404, {}, MISSING)

    return answer


def entry(name: str, base: str, cat: str) -> dict[str, Any]:
    return {
        "name": name,
        "uri_check": f"{base}/{name}/{{account}}",
        "e_code": 200,
        "e_string": "Member since",
        "m_code": 404,
        "m_string": "No such member",
        "known": ["someone"],
        "cat": cat,
    }


@pytest.fixture
def local_web(site_server: Start, tmp_path: Path) -> tuple[SiteServer, Path]:
    """Five sites on 127.0.0.2: a code host and a dating site where camille-m exists, a forum
    that answers "found" for anyone, a site without the account, a site behind a login."""
    server = site_server("127.0.0.2")
    server.routes.update(
        {
            "/CodeHub": only("camille-m"),
            "/LoveMatch": only("camille-m"),
            "/AnyForum": lambda asked: (200, {}, PROFILE_PAGE),
            "/Nobody": lambda asked: (404, {}, MISSING),
            "/Walled": lambda asked: (302, {"Location": "/login?next=x"}, b""),
        }
    )
    sites = [
        entry("CodeHub", server.base, "coding"),
        entry("LoveMatch", server.base, "dating"),
        entry("AnyForum", server.base, "social"),
        entry("Nobody", server.base, "social"),
        entry("Walled", server.base, "social"),
    ]
    path = tmp_path / "sites.json"
    path.write_text(json.dumps({"license": ["test"], "sites": sites}), encoding="utf-8")
    return server, path


def config(tmp_path: Path, audit: str = "", profiles: str = "") -> Path:
    path = tmp_path / "camille.toml"
    path.write_text(
        f"""
[person]
name = "Camille Martin"
target_role = "Data analyst"
location = "Lyon"
language = "en"
usernames = ["@camille-m", "Camille-M"]
{audit}
{profiles}
""",
        encoding="utf-8",
    )
    return path


def audit(*args: object) -> Any:
    return CliRunner().invoke(main, ["audit", *map(str, args), "--no-record"])


def probed(config: Path, sites: Path, out: Path, *flags: str) -> Any:
    """`audit CONFIG --discover` (or `flags`) on the local catalogue, the report in `out`."""
    result = audit(
        config,
        *(flags or ("--discover",)),
        "--sites",
        sites,
        "--allow-private",
        "--timeout",
        3,
        "-o",
        out,
    )
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_found_accounts_are_in_the_json_with_a_finding_and_an_action(
    local_web: tuple[SiteServer, Path], tmp_path: Path, validator: Any
) -> None:
    server, sites = local_web
    out = tmp_path / "r.json"
    probed(config(tmp_path), sites, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    validator.validate(data)
    discovery = data["discovery"]
    assert discovery["usernames"] == ["camille-m"]  # "@" left off, case-insensitive duplicate gone
    assert discovery["sites_probed"] == 5
    statuses = {r["site"]: (r["status"], r["reason"]) for r in discovery["results"]}
    assert statuses["CodeHub"] == ("found", "signature")
    assert statuses["LoveMatch"] == ("found", "signature")
    assert statuses["AnyForum"] == ("unknown", "ambiguous")  # the control looked found too
    assert statuses["Nobody"] == ("not_found", "missing")
    assert statuses["Walled"][0] == "unknown"
    assert data["audit"]["discovery_run"] == "run"
    code = next(r for r in discovery["results"] if r["site"] == "CodeHub")
    assert set(code) == {
        "site",
        "username",
        "url",
        "status",
        "reason",
        "http_status",
        "elapsed_ms",
        "category",
    }
    assert code["url"] == f"{server.base}/CodeHub/camille-m" and code["category"] == "coding"
    findings = {f["subject"]: f for f in data["findings"] if f["check"] == "undeclared_account"}
    assert set(findings) == {"codehub", "lovematch"}  # never the ambiguous forum
    assert (findings["lovematch"]["kind"], findings["lovematch"]["severity"]) == ("risk", "medium")
    assert (findings["codehub"]["kind"], findings["codehub"]["severity"]) == ("visibility", "low")
    actions = {a["finding_id"]: a for a in data["actions"] if a["finding_id"]}
    dating = actions["undeclared_account-lovematch"]
    assert "LoveMatch" in dating["title"] and any("private" in s for s in dating["steps"])
    assert from_json(data) == from_json(json.loads(json.dumps(to_json(from_json(data)))))


def test_a_declared_account_is_not_reported_as_undeclared(
    local_web: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    server, sites = local_web
    declared = f'[[profiles]]\nurl = "{server.base}/CodeHub/camille-m"\n'
    out = tmp_path / "r.json"
    probed(config(tmp_path, profiles=declared), sites, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    subjects = {f["subject"] for f in data["findings"] if f["check"] == "undeclared_account"}
    assert subjects == {"lovematch"}


def test_the_html_report_lists_found_accounts_and_unchecked_ones_honestly(
    local_web: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    _, sites = local_web
    out = tmp_path / "r.html"
    probed(config(tmp_path), sites, out)
    soup = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    section = soup.select_one("section#accounts")
    assert section is not None
    assert "Accounts a recruiter may find" in section.select_one("h2").get_text()  # type: ignore[union-attr]
    rows = section.select("table.accounts-found tbody tr")
    assert [r.select_one("th").get_text() for r in rows] == ["CodeHub", "LoveMatch"]  # type: ignore[union-attr]
    link = rows[0].select_one("a")
    assert link is not None and str(link["href"]).endswith("/CodeHub/camille-m")
    assert set(link["rel"]) == {"noopener", "noreferrer"}
    unknown = {li["data-reason"] for li in section.select(".accounts-unknown li")}
    assert "ambiguous" in unknown
    assert all(li["data-status"] == "unknown" for li in section.select(".accounts-unknown li"))
    assert "could not be checked" in section.get_text()
    search = soup.select_one("section#search")
    assert search is not None
    engines = {li["data-engine"] for li in search.select("li[data-engine]")}
    assert engines == {"google", "bing", "duckduckgo", "qwant", "ecosia"}
    assert all(set(a["rel"]) == {"noopener", "noreferrer"} for a in search.find_all("a"))
    assert soup.find("script") is None
    checked = [li.get_text(" ", strip=True) for li in soup.select(".scope-list.checked li")]
    assert "your usernames (camille-m) looked up on 5 site(s), without signing in" in " ".join(
        checked
    )


def test_deep_visits_undeclared_accounts_and_they_join_the_profiles(
    local_web: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    server, sites = local_web
    out = tmp_path / "r.json"
    probed(config(tmp_path), sites, out, "--deep")
    data = json.loads(out.read_text(encoding="utf-8"))
    undeclared = {p["url"]: p for p in data["profiles"] if not p["declared"]}
    assert set(undeclared) == {
        f"{server.base}/CodeHub/camille-m",
        f"{server.base}/LoveMatch/camille-m",
    }
    assert all(p["status"] == "ok" and p["name_found"] for p in undeclared.values())
    # Checks across profiles are about the chosen ones: never "link your dating account".
    assert not {"profiles_linked", "identity_consistent"} & {f["check"] for f in data["findings"]}
    # Nor "put your target role in its headline": on an undeclared account, only what it exposes.
    on_found = [
        f
        for f in data["findings"]
        if f["profile_url"] in undeclared and f["check"] != "undeclared_account"
    ]
    assert on_found and {f["kind"] for f in on_found} == {"risk"}
    assert data["where"] == [] or all(w["url"] not in undeclared for w in data["where"])
    html = tmp_path / "r.html"
    probed(config(tmp_path), sites, html, "--deep")
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    assert len(soup.select("#profiles [data-undeclared]")) == 2


def test_without_the_clients_consent_nothing_is_probed(
    local_web: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    server, sites = local_web
    counselled = (
        '[audit]\ncounsellor = "Nadia"\nconsent_date = 2026-11-18\n'
        'consent_scope = "checklist_and_profiles"\n'
    )
    out = tmp_path / "r.json"
    result = audit(
        config(tmp_path, audit=counselled),
        "--discover",
        "--sites",
        sites,
        "--allow-private",
        "-o",
        out,
    )
    assert result.exit_code == 0, result.output
    assert "the client did not agree to it" in result.output
    assert server.seen == []  # not one request
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["discovery"] is None and data["audit"]["discovery_run"] == "no_consent"
    assert data["search"]["status"] == "not_asked"


def test_with_the_discovery_consent_the_probes_run(
    local_web: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    server, sites = local_web
    counselled = (
        '[audit]\ncounsellor = "Nadia"\nconsent_date = 2026-11-18\n'
        'consent_scope = "checklist_profiles_and_discovery"\n'
    )
    out = tmp_path / "r.json"
    probed(config(tmp_path, audit=counselled), sites, out)
    assert json.loads(out.read_text(encoding="utf-8"))["audit"]["discovery_run"] == "run"
    assert server.seen


def test_offline_opens_nothing_and_says_so(
    local_web: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    server, sites = local_web
    out = tmp_path / "r.md"
    result = audit(config(tmp_path), "--discover", "--sites", sites, "--offline", "-o", out)
    assert result.exit_code == 0, result.output
    assert server.seen == []
    text = out.read_text(encoding="utf-8")
    assert "Offline: no site was asked, nothing was checked." in text
    assert "## What a search for your name gives" in text


def test_the_text_summary_shows_found_accounts(
    local_web: tuple[SiteServer, Path], tmp_path: Path
) -> None:
    _, sites = local_web
    result = probed(config(tmp_path), sites, Path("-"))
    assert "Accounts a recruiter may find that you did not declare" in result.output
    assert "- LoveMatch (dating):" in result.output
    assert "Looking up your usernames (camille-m) on the site catalogue" in result.output


def test_a_bad_search_endpoint_is_refused_before_anything(tmp_path: Path) -> None:
    result = audit(config(tmp_path), "--search-endpoint", "ftp://x.example")
    assert result.exit_code == 2
    assert "--search-endpoint" in result.output and "only http and https" in result.output


# --- the config ---------------------------------------------------------------------------------


def problems_of(person: str, audit: str = "") -> list[Problem]:
    problems: list[Problem] = []
    parse_profile(
        {"person": {"name": "A", **json.loads(person)}, **json.loads(audit or "{}")}, problems
    )
    return problems


def test_usernames_are_validated_with_their_key_path_in_both_languages() -> None:
    found = problems_of('{"usernames": ["ok", "a b", "x/y", 3, ""]}')
    assert [p.where for p in found] == [
        "person.usernames[1]",
        "person.usernames[2]",
        "person.usernames[3]",
        "person.usernames[4]",
    ]
    assert "is not a usable username" in found[0].text("en")
    assert "n'est pas un pseudonyme utilisable" in found[0].text("fr")
    many = problems_of(json.dumps({"usernames": [f"u{i}" for i in range(21)]}))
    assert [p.text("en") for p in many] == ["21 usernames; at most 20"]


def test_the_search_endpoint_must_be_a_web_address() -> None:
    found = problems_of("{}", '{"audit": {"search_endpoint": "localhost:8888"}}')
    assert found[0].where == "audit.search_endpoint"
    assert "did you mean https://localhost:8888" in found[0].text("en")


def test_the_discovery_scope_is_a_consent_value() -> None:
    problems: list[Problem] = []
    profile = parse_profile(
        {
            "person": {"name": "A"},
            "audit": {"counsellor": "N", "consent_scope": "checklist_profiles_and_discovery"},
        },
        problems,
    )
    assert problems == [] and profile is not None
    assert profile.audit.discovery_allowed and profile.audit.visits_allowed
    narrower = parse_profile(
        {"person": {"name": "A"}, "audit": {"counsellor": "N", "consent_scope": "checklist"}}, []
    )
    assert narrower is not None and not narrower.audit.discovery_allowed


def test_validate_reports_the_new_keys(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[person]\nname = "A"\nusernames = ["a/b"]\n[audit]\nsearch_endpoint = "javascript:x"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert "person.usernames[0]" in result.output and "audit.search_endpoint" in result.output


# --- handles, closing steps, weights ------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "network", "handle"),
    [
        ("https://www.linkedin.com/in/camille-martin-demo/", "linkedin", "camille-martin-demo"),
        ("https://github.com/Camille-M", "github", "Camille-M"),
        ("https://x.com/camille_m?lang=fr", "x", "camille_m"),
        ("https://medium.com/@camille.m", "medium", "camille.m"),
        ("https://www.youtube.com/@CamilleM", "youtube", "CamilleM"),
        ("https://camillem.substack.com/", "substack", "camillem"),
        ("https://bsky.app/profile/camille.bsky.social", "bluesky", "camille"),
        ("https://github.com/features", "github", None),  # the site's own page
        ("https://github.com/camille-m/project", "github", None),  # a repository
        ("https://www.linkedin.com/company/acme", "linkedin", None),
        ("https://camille-martin.example/", "website", None),
    ],
)
def test_a_profile_url_gives_its_handle(url: str, network: str, handle: str | None) -> None:
    from ereputation.discovery.handles import handle_of

    assert handle_of(url, network) == handle


def test_the_usernames_probed_are_the_persons_and_their_profiles_handles_once() -> None:
    from ereputation.config import DeclaredProfile
    from ereputation.discovery.handles import usernames_to_probe
    from ereputation.recruiter import catalogue

    profiles = (
        DeclaredProfile("https://github.com/CAMILLE-M"),
        DeclaredProfile("https://www.linkedin.com/in/camille-martin-demo"),
        DeclaredProfile("https://camille-martin.example/"),
    )
    names = usernames_to_probe(("camille-m", "cm"), profiles, catalogue())
    assert names == ("camille-m", "cm", "camille-martin-demo")


def test_every_closing_entry_is_bilingual_with_its_help_page() -> None:
    from ereputation.discovery.accounts import closing_guide

    guide = closing_guide()
    closings = {c.id: c for c in guide.values()}
    assert {"github", "facebook", "instagram", "x", "reddit", "youtube"} <= set(closings)
    for closing in closings.values():
        assert closing.source.startswith("https://")
        assert closing.steps and all(s.fr and s.en and s.fr != s.en for s in closing.steps)
    assert guide["twitter"].id == "x"  # by a catalogue's name, whatever its case


def test_a_found_account_on_a_documented_site_carries_its_closing_steps() -> None:
    from ereputation.discovery.accounts import account_findings
    from ereputation.discovery.results import ProbeResult

    github = ProbeResult(
        "GitHub",
        "camille-m",
        "https://github.com/camille-m",
        "found",
        "signature",
        200,
        80,
        "coding",
    )
    (finding,) = account_findings([github], "fr", {github.url: "github"})
    assert finding.kind == "visibility" and finding.severity == "low"
    assert finding.source.startswith("https://docs.github.com/")
    assert any("Delete your account" in step for step in finding.steps)
    assert finding.steps[-1] == f"Source\u00a0: {finding.source}"
    assert finding.profile_url == github.url


@pytest.mark.parametrize(
    ("category", "kind", "severity"),
    [
        ("dating", "risk", "medium"),
        ("gaming", "risk", "low"),
        ("XX NSFW XX", "risk", "high"),
        ("coding", "visibility", "low"),
        ("business", "visibility", "low"),
        ("social", "risk", "low"),
    ],
)
def test_gaming_and_dating_weigh_as_risk_professional_sites_as_visibility(
    category: str, kind: str, severity: str
) -> None:
    from ereputation.discovery.accounts import weight_of

    assert weight_of(category) == (kind, severity)


def test_init_offers_the_discovery_scope() -> None:
    from ereputation.interview import _ask_scope
    from ereputation.messages import cli_messages

    said: list[str] = []
    answers = iter(["3"])
    scope = _ask_scope(lambda prompt, default: next(answers), said.append, cli_messages("en"))
    assert scope == "checklist_profiles_and_discovery"
    assert any("usernames on other sites" in line for line in said)


def test_compare_reads_a_result_of_1_3_against_one_of_1_4() -> None:
    from tests.conftest import FIXTURES

    old, new = (FIXTURES / "results" / f"demo-{v}-fr.json" for v in ("1.3", "1.4"))
    done = CliRunner().invoke(main, ["compare", str(old), str(new), "--format", "json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["new"]["generated_at"]


def test_the_schema_command_prints_schema_1_4() -> None:
    done = CliRunner().invoke(main, ["schema", "result"])
    schema = json.loads(done.output)
    assert {"discovery", "search"} <= set(schema["properties"])
    profile = schema["properties"]["profiles"]["items"]["properties"]
    assert profile["declared"]["type"] == "boolean"


def test_the_demo_result_shows_discovery_and_the_search() -> None:
    from tests.conftest import FIXTURES

    data = json.loads((FIXTURES / "results" / "demo-1.4-fr.json").read_text(encoding="utf-8"))
    found = {r["site"] for r in data["discovery"]["results"] if r["status"] == "found"}
    assert found == {"CodeForge (demo)", "PixelArena (demo)"}
    kinds = [h["kind"] for h in data["search"]["hits"]]
    assert kinds == ["declared_profile", "undeclared_account", "names_person", "namesake", "risky"]


def test_a_malformed_address_in_a_catalogue_is_compared_as_written() -> None:
    from ereputation.discovery.results import ProbeResult
    from ereputation.model import undeclared_accounts

    odd = ProbeResult("Odd", "u", "http://[bad/u", "found", "signature", 200, 1, "social")
    assert undeclared_accounts([odd], ["https://github.com/u"]) == (odd,)


def test_without_any_username_nothing_is_probed_and_the_line_says_why(tmp_path: Path) -> None:
    path = tmp_path / "bare.toml"
    path.write_text('[person]\nname = "Camille Martin"\nlanguage = "en"\n', encoding="utf-8")
    out = tmp_path / "r.json"
    result = audit(path, "--discover", "-o", out)
    assert result.exit_code == 0, result.output
    assert "Usernames not looked up: there is no username" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert (data["discovery"], data["audit"]["discovery_run"]) == (None, "no_usernames")


def test_a_broken_site_catalogue_is_exit_2_with_its_name(tmp_path: Path) -> None:
    sites = tmp_path / "broken.json"
    sites.write_text('{"sites": [', encoding="utf-8")
    result = audit(config(tmp_path), "--discover", "--sites", sites, "--offline")
    assert result.exit_code == 2
    assert "broken.json" in result.output and "Traceback" not in result.output


def test_init_asks_the_usernames_with_the_discovery_consent_and_writes_them() -> None:
    import datetime as dt

    from ereputation.checklist import load_checklist
    from ereputation.interview import conduct, to_toml
    from ereputation.tomlfile import tomllib
    from tests.conftest import MINI_CHECKLIST
    from tests.test_interview_prompts import NO_TRADE, scripted

    lines = ["", "Sam Roe", "", "", *NO_TRADE, "", "", "Nadia", "2026-11-20", "3"]
    usernames = ["sam roe, @sam_r", "@sam_r, Sam_R, sam.roe-86"]
    _, said, ask, say = scripted([*lines, *usernames, "", ""])
    interview = conduct(load_checklist(MINI_CHECKLIST), "en", ask, say, dt.date(2026, 11, 25))
    assert (
        "sam roe is not a usable username: letters, digits, dots, hyphens and underscores "
        "only, no space or slash." in said
    )
    assert interview.usernames == ["sam_r", "sam.roe-86"]
    problems: list[Problem] = []
    text = to_toml(interview, load_checklist(MINI_CHECKLIST))
    profile = parse_profile(tomllib.loads(text), problems)
    assert problems == [] and profile is not None
    assert profile.person.usernames == ("sam_r", "sam.roe-86")
    assert profile.audit.consent_scope == "checklist_profiles_and_discovery"
