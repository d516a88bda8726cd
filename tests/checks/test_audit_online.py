"""The whole audit against real local servers: profiles fetched, read, checked and scored."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer

from ereputation.cli import main
from ereputation.model import SCHEMA_VERSION
from ereputation.resources import schema_path

SITE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Camille Martin – Data analyst</title>
<meta name="description" content="Camille Martin, data analyst à Lyon : SQL, Python.">
</head><body><h1>Camille Martin</h1><p>Data analyst. Tél. 06 12 34 56 78.</p></body></html>"""

LOGIN = """<!doctype html><html><head><title>Sign in</title></head><body>
<form action="/login" method="post"><input name="user"><input type="password" name="pw">
<button>Sign in</button></form></body></html>"""


def config(tmp_path: Path, *urls: str) -> Path:
    profiles = "".join(f'[[profiles]]\nurl = "{u}"\n' for u in urls)
    path = tmp_path / "p.toml"
    path.write_text(
        '[person]\nname = "Camille Martin"\ntarget_role = "Data analyst"\n'
        'keywords = ["SQL", "Python"]\nlanguage = "en"\n' + profiles,
        encoding="utf-8",
    )
    return path


def audit_json(*args: str) -> dict[str, Any]:
    """Run an audit and return its JSON, checked against the shipped schema."""
    result = CliRunner().invoke(main, ["audit", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(
        data
    )
    return data


def test_audit_visits_profiles_and_reports_what_a_recruiter_sees(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/site").respond_with_data(SITE, content_type="text/html")
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    httpserver.expect_request("/wall").respond_with_data(LOGIN, content_type="text/html")
    urls = [httpserver.url_for(p) for p in ("/site", "/gone", "/wall")]
    data = audit_json(str(config(tmp_path, *urls)), "--allow-private", "--timeout", "5")
    site, gone, wall = data["profiles"]
    assert site["status"] == "ok" and site["name_found"] is True
    assert site["keywords_found"] == ["SQL", "Python"]
    assert site["pii"] == [{"kind": "phone", "value_masked": "06 •• •• •• 78"}]
    assert gone["status"] == "not_found"
    assert wall["status"] == "login_required"
    titles = [f["title"] for f in data["findings"]]
    assert any("check it yourself while logged out" in t for t in titles)
    assert data["audit"]["checked_profiles"] is True
    assert (data["audit"]["profiles_visited"], data["audit"]["profiles_seen"]) == (3, 2)
    assert data["audit"]["visit_summary"] == "some_seen"
    assert [p["reason_code"] for p in data["profiles"]] == [
        "page_loaded",
        "not_found_status",
        "login_wall",
    ]
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["scores"]["risk"] is not None  # the exposed phone scores even with no answers
    assert any(a["finding_id"] and a["finding_id"].startswith("pii_phone") for a in data["actions"])


def test_private_addresses_are_refused_without_the_flag(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/site").respond_with_data(SITE, content_type="text/html")
    data = audit_json(str(config(tmp_path, httpserver.url_for("/site"))))
    (profile,) = data["profiles"]
    assert profile["status"] == "skipped"
    assert profile["reason_code"] == "private_address"
    assert "loopback" in profile["reason"] and "--allow-private" in profile["reason"]
    assert httpserver.log == []  # nothing reached the server


def test_offline_visits_nothing(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/site").respond_with_data(SITE, content_type="text/html")
    data = audit_json(
        str(config(tmp_path, httpserver.url_for("/site"))), "--offline", "--allow-private"
    )
    assert data["profiles"][0]["status"] == "skipped"
    assert data["profiles"][0]["reason_code"] == "offline"
    assert data["profiles"][0]["reason"] == "not visited: offline audit"
    assert data["audit"]["offline"] is True and data["audit"]["checked_profiles"] is False
    assert data["audit"]["visit_summary"] == "offline"
    assert data["findings"] == []
    assert httpserver.log == []


def test_unknown_declared_network_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        '[person]\nname = "A"\n[[profiles]]\nurl = "https://a.example/"\nnetwork = "myspace2"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["audit", str(path), "--offline"])
    assert result.exit_code == 2
    assert "profiles[0].network: unknown network 'myspace2'" in result.output


HEADER_PII = """<!doctype html><html><head><meta charset="utf-8">
<title>Camille Martin – 06 12 34 56 78</title>
<meta name="description" content="Data analyst. Écrivez-moi : camille.perso@example.org">
<meta property="og:description" content="Data analyst, joignable au 06 12 34 56 78">
</head><body><p>Bienvenue.</p></body></html>"""


def test_personal_data_in_page_headers_is_found_and_masked(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/site").respond_with_data(HEADER_PII, content_type="text/html")
    path = config(tmp_path, httpserver.url_for("/site"))
    result = CliRunner().invoke(main, ["audit", str(path), "--allow-private", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "12 34 56" not in result.output and "camille.perso" not in result.output
    (profile,) = json.loads(result.output)["profiles"]
    assert {p["kind"] for p in profile["pii"]} == {"phone", "email"}
    assert profile["title"] == "Camille Martin – 06 •• •• •• 78"
    revealed = CliRunner().invoke(
        main, ["audit", str(path), "--allow-private", "--format", "json", "--show-pii"]
    )
    assert "06 12 34 56 78" in revealed.output


def test_pages_that_answered_with_an_error_are_classified_by_what_they_show(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/moved").respond_with_data(
        "", status=302, headers={"Location": "/login?next=/moved"}
    )
    httpserver.expect_request("/login").respond_with_data(
        LOGIN, status=404, content_type="text/html"
    )
    httpserver.expect_request("/private").respond_with_data("no", status=401)
    httpserver.expect_request("/gone").respond_with_data("<h1>Not Found</h1>", status=404)
    urls = [httpserver.url_for(p) for p in ("/moved", "/private", "/gone")]
    data = audit_json(str(config(tmp_path, *urls)), "--allow-private")
    assert [p["status"] for p in data["profiles"]] == [
        "login_required",
        "login_required",
        "not_found",
    ]
    titles = " ".join(f["title"] for f in data["findings"])
    assert titles.count("check it yourself while logged out") == 2


def test_validate_reports_unknown_networks_with_answer_problems(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        '[person]\nname = "A"\n[[profiles]]\nurl = "https://github.com/a"\nnetwork = "githib"\n'
        '[answers]\nobjective_defined = "maybe"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert "2 problems" in result.output
    assert "profiles[0].network: unknown network 'githib'" in result.output


def test_offline_audit_opens_no_socket(
    httpserver: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an offline audit tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    data = audit_json(
        str(config(tmp_path, httpserver.url_for("/site"), "https://github.com/c")), "--offline"
    )
    assert [p["status"] for p in data["profiles"]] == ["skipped", "skipped"]


def closed_port() -> int:
    """A port nobody listens on: connecting to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_when_no_site_can_be_reached_the_report_does_not_claim_a_check(tmp_path: Path) -> None:
    """A machine without a network: every visit fails on the address or the connection."""
    path = config(tmp_path, "https://camille.invalid/", f"http://127.0.0.1:{closed_port()}/")
    french = path.read_text(encoding="utf-8").replace('language = "en"', 'language = "fr"')
    path.write_text(french, encoding="utf-8")
    data = audit_json(str(path), "--allow-private", "--timeout", "5")
    assert [p["reason_code"] for p in data["profiles"]] == ["dns_unresolved", "connect_refused"]
    assert data["audit"]["checked_profiles"] is False
    assert (data["audit"]["profiles_visited"], data["audit"]["profiles_seen"]) == (2, 0)
    assert data["audit"]["visit_summary"] == "no_network"
    unresolved, refused = (p["reason"] for p in data["profiles"])
    assert unresolved.startswith("l'adresse du site est introuvable")
    assert refused == "le site a refusé la connexion"
    assert "resolve" not in unresolved


FRENCH_SITE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Camille Martin – Analyste de données</title>
<meta name="description" content="Analyste de données à Lyon : apprentissage automatique, SQL.">
</head><body><h1>Camille Martin</h1><p>Chargée d'études statistiques depuis 2019.</p>
</body></html>"""


def test_a_french_page_states_the_english_role_and_keywords_of_the_profile(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/site").respond_with_data(FRENCH_SITE, content_type="text/html")
    path = tmp_path / "p.toml"
    path.write_text(
        '[person]\nname = "Camille Martin"\ntarget_role = "Data analyst"\n'
        'keywords = ["Machine learning", "SQL", "Tableau"]\nlanguage = "en"\n'
        f'[[profiles]]\nurl = "{httpserver.url_for("/site")}"\n',
        encoding="utf-8",
    )
    data = audit_json(str(path), "--allow-private", "--timeout", "5")
    (site,) = data["profiles"]
    assert site["keywords_found"] == ["Machine learning (apprentissage automatique)", "SQL"]
    assert site["keywords_missing"] == ["Tableau"]
    headline = [f for f in data["findings"] if f["check"] == "headline_matches_role"]
    assert headline and headline[0]["passed"] is True


OLD_ACCOUNT = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Camille Martin</title></head><body><h1>Camille Martin</h1>
<article><time datetime="2017-08-02">2 août 2017</time><p>Vacances à la mer avec la famille.</p>
</article><article><time datetime="2016-05-21">21 mai 2016</time><p>Anniversaire de Léa.</p>
</article></body></html>"""

PARTY_POST = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Camille Martin</title></head><body><h1>Camille Martin</h1>
<p>Samedi soir : on a fumé un joint sur la plage, trop bien.</p></body></html>"""


def personal_config(tmp_path: Path, url: str, answers: str = "") -> Path:
    path = tmp_path / "p.toml"
    path.write_text(
        '[person]\nname = "Camille Martin"\ntarget_role = "Data analyst"\nlanguage = "en"\n'
        f'[[profiles]]\nurl = "{url}"\nnetwork = "facebook"\n' + answers,
        encoding="utf-8",
    )
    return path


def test_an_abandoned_personal_account_is_advised_closed(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/old").respond_with_data(OLD_ACCOUNT, content_type="text/html")
    path = personal_config(tmp_path, httpserver.url_for("/old"))
    data = audit_json(str(path), "--allow-private", "--timeout", "5")
    (stale,) = [f for f in data["findings"] if f["check"] == "profile_stale"]
    assert stale["passed"] is False and "2017-08-02" in stale["title"]
    assert "close it or make it private" in stale["advice"]
    (facebook,) = [w for w in data["where"] if w["declared"]]
    assert (facebook["network"], facebook["recommendation"]) == ("facebook", "close")
    assert "Facebook" in data["verdict"]["text"]


def test_a_seen_post_turns_the_i_dont_know_check_into_one_fix_with_its_evidence(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/party").respond_with_data(PARTY_POST, content_type="text/html")
    url = httpserver.url_for("/party")
    unsure = '[answers]\nsensitive_posts = "not_sure"\n'
    offline = audit_json(str(personal_config(tmp_path, url, unsure)), "--offline")
    (check,) = [a for a in offline["actions"] if a["item_id"] == "sensitive_posts"]
    assert check["type"] == "check" and check["evidence"] == []

    data = audit_json(str(personal_config(tmp_path, url, unsure)), "--allow-private")
    (drugs,) = [f for f in data["findings"] if f["id"].startswith("risky_content-drugs")]
    assert "•" in drugs["title"] and "joint" not in drugs["title"]  # the excerpt is masked
    on_item = [a for a in data["actions"] if a["item_id"] == "sensitive_posts"]
    assert len(on_item) == 1
    assert not [a for a in data["actions"] if a["finding_id"] == drugs["id"] and not a["item_id"]]
    (fix,) = on_item
    assert fix["type"] == "fix" and fix["finding_id"] == drugs["id"]
    assert fix["evidence"] == [drugs["title"]]


def test_tied_trades_are_named_in_the_result_and_every_format(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        '[person]\nname = "Sam Doe"\ntarget_role = "avocat photographe"\nlanguage = "fr"\n',
        encoding="utf-8",
    )
    data = audit_json(str(path), "--offline")
    assert data["trade"] is None
    assert [t["id"] for t in data["trades_tied"]] == ["arts", "law"]
    names = [t["name"] for t in data["trades_tied"]]
    assert names == ["Arts, spectacle et création", "Droit et juridique"]
    for fmt in ("text", "md", "html"):
        shown = CliRunner().invoke(main, ["audit", str(path), "--offline", "--format", fmt])
        assert shown.exit_code == 0, shown.output
        said = " ".join(shown.output.replace("&#34;", '"').replace("&quot;", '"').split())
        for trade_id in ("arts", "law"):
            assert f'trade = "{trade_id}"' in said, fmt


def test_risky_words_found_by_a_rule_name_it_and_their_masked_trigger(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    page = (
        "<html><title>Camille Martin</title><body><h1>Camille Martin</h1>"
        "<p>Honestly our new boss is such a joke, nobody respects her.</p></body></html>"
    )
    httpserver.expect_request("/blog").respond_with_data(page, content_type="text/html")
    # The rules alone: what is tested is how a rule's finding is named. (The round-5 model vetoes
    # this one: 0.52 for the sentence, under its 0.6 veto; docs/detection.md, limits.)
    data = audit_json(
        str(config(tmp_path, httpserver.url_for("/blog"))), "--allow-private", "--no-model"
    )
    (term,) = [
        t for t in data["profiles"][0]["risk_terms"] if t["category"] == "employer_disparagement"
    ]
    assert term["rule"].startswith("employer_contempt:")
    assert "b••s" in term["trigger"] and "boss" not in term["trigger"]
