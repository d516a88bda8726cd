"""Trades as data: the bundled file is complete and sourced, errors are located, roles infer."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from ereputation.detect.synonyms import forms
from ereputation.resources import checklists_dir
from ereputation.textsafe import one_line
from ereputation.tomlfile import tomllib
from ereputation.trades import (
    PRIORITIES,
    Inference,
    Trades,
    TradesError,
    alias_tokens,
    default_trades_path,
    infer_trade,
    load_trades,
    parse_trades,
    synonyms_for,
)
from ereputation.web.networks import Catalogue, load_catalogue
from tests.conftest import ROOT

TRADES_PATH = ROOT / "checklists" / "trades.toml"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "checklists" / "networks.toml")


@pytest.fixture(scope="module")
def trades(catalogue: Catalogue) -> Trades:
    return load_trades(TRADES_PATH, catalogue)


@pytest.fixture
def raw() -> dict[str, Any]:
    return tomllib.loads(TRADES_PATH.read_text(encoding="utf-8"))


def problems_of(data: dict[str, Any], catalogue: Catalogue) -> list[str]:
    with pytest.raises(TradesError) as caught:
        parse_trades(data, catalogue, source="test.toml")
    return [str(p) for p in caught.value.problems]


def assert_reported(problems: list[str], starts: list[str]) -> None:
    """Each expected problem is among those reported (its message may go on)."""
    for start in starts:
        assert any(p.startswith(start) for p in problems), (start, problems)


# --- the bundled file --------------------------------------------------------------------------


def test_the_bundled_file_is_found_and_loads(catalogue: Catalogue) -> None:
    assert default_trades_path() == checklists_dir() / "trades.toml"
    assert len(load_trades(default_trades_path(), catalogue)) >= 25


def test_at_least_25_trades_with_unique_ids(trades: Trades) -> None:
    assert len(trades) >= 25
    assert len(set(trades.ids())) == len(trades)
    assert trades.get("data").id == "data"
    with pytest.raises(KeyError):
        trades.get("astronaut")


def test_every_trade_is_complete_in_both_languages(trades: Trades) -> None:
    for trade in trades:
        assert trade.name.fr.strip() and trade.name.en.strip(), trade.id
        assert trade.aliases, trade.id
        assert trade.networks, trade.id
        assert {n.priority for n in trade.networks} - {"optional"}, f"{trade.id}: only optional"
        for entry in trade.networks:
            assert entry.priority in PRIORITIES
            assert entry.reason.fr.strip() and entry.reason.en.strip(), (trade.id, entry.network)
            assert entry.reason.fr != entry.reason.en, (trade.id, entry.network)


def test_every_network_exists_in_the_catalogue(trades: Trades, catalogue: Catalogue) -> None:
    known = {n.id for n in catalogue.networks}
    for trade in trades:
        for entry in trade.networks:
            assert entry.network in known, (trade.id, entry.network)
    assert "doctolib" not in known  # a booking site for patients is not where recruiters look


def test_every_reason_cites_a_dated_public_source(trades: Trades) -> None:
    cited = set()
    for trade in trades:
        for entry in trade.networks:
            source = entry.source
            assert source.url.startswith(("https://", "http://")), source
            assert source.title.strip() and source.publisher.strip(), source
            assert source.year is not None or source.date is not None, source
            cited.add(source.url)
    entries = sum(len(t.networks) for t in trades)
    # Few solid sources reused across trades, rather than a page invented per line.
    assert len(cited) * 3 < entries
    assert cited == {s.url for s in trades.sources.values()}


def test_the_french_job_market_sectors_are_covered(trades: Trades) -> None:
    sectors = {
        "tech and data": {"tech", "data"},
        "design": {"design", "games_3d"},
        "marketing and communication": {"marketing"},
        "sales": {"sales"},
        "finance": {"finance"},
        "HR": {"hr"},
        "healthcare": {"healthcare"},
        "social work": {"social_work"},
        "teaching": {"teaching"},
        "research": {"research"},
        "law": {"law"},
        "construction and trades": {"construction"},
        "hospitality": {"hospitality"},
        "retail": {"retail"},
        "logistics": {"logistics"},
        "industry": {"industry", "engineering"},
        "public service": {"public_service"},
        "arts": {"arts"},
        "journalism": {"journalism"},
        "agriculture": {"agriculture"},
        "freelancing": {"freelance"},
        "students and first jobs": {"students"},
        "executives": {"executives"},
    }
    ids = set(trades.ids())
    for sector, expected in sectors.items():
        assert expected <= ids, sector


def test_face_to_face_trades_are_marked(trades: Trades) -> None:
    for trade_id in ("construction", "hospitality", "healthcare", "retail", "agriculture"):
        assert trades.get(trade_id).meets_face_to_face, trade_id
    for trade_id in ("tech", "data", "research", "journalism", "freelance"):
        assert not trades.get(trade_id).meets_face_to_face, trade_id


def test_trades_point_to_the_networks_of_their_recruiters(trades: Trades) -> None:
    def essential(trade_id: str) -> set[str]:
        return {n.network for n in trades.get(trade_id).networks if n.priority == "essential"}

    assert {"linkedin", "github"} <= essential("tech")
    assert {"orcid", "hal"} <= essential("research")
    assert "artstation" in essential("games_3d")
    assert "malt" in essential("freelance")
    assert "jobteaser" in essential("students")
    assert "x" in essential("journalism")
    assert "choisirleservicepublic" in essential("public_service")
    assert "francetravail" in essential("construction")
    assert trades.get("tech").network("facebook") is None


def test_the_file_is_not_read_as_a_checklist(raw: dict[str, Any]) -> None:
    # `ereputation checklist list` takes every bundled .toml with a [checklist] table for one.
    assert "checklist" not in raw


# --- validation --------------------------------------------------------------------------------


def test_a_broken_file_reports_every_problem_with_key_paths(
    raw: dict[str, Any], catalogue: Catalogue
) -> None:
    data = copy.deepcopy(raw)
    data["version"] = 2
    first = data["trades"][0]
    first["networks"][0]["network"] = "myspace"
    first["networks"][1]["priority"] = "vital"
    del first["networks"][1]["reason"]["en"]
    first["colour"] = "blue"
    data["trades"][1]["id"] = first["id"]
    data["trades"][2]["networks"][0]["source"] = "no_such_source"
    data["trades"][3]["aliases"].append("Développeur")  # tech's alias, ignoring case
    data["trades"][4]["meets_face_to_face"] = "yes"
    data["sources"]["apec_sourcing_2018"]["url"] = "ftp://example.org/report"
    data["sources"]["unused"] = {"title": "T", "url": "https://example.org", "publisher": "P"}
    assert_reported(
        problems_of(data, catalogue),
        [
            "test.toml: version: must be 1",
            "test.toml: trades[0].networks[0].network: 'myspace' is not in the network catalogue",
            "test.toml: trades[0].networks[1].priority: 'vital' is not allowed",
            "test.toml: trades[0].networks[1].reason.en: is required",
            "test.toml: trades[0].colour: unknown key",
            "test.toml: trades[1].id: 'tech' is already used by trades[0]",
            "test.toml: trades[2].networks[0].source: 'no_such_source' is not an entry",
            "test.toml: trades[3].aliases: 'Développeur' already names the trade 'tech'",
            "test.toml: trades[4].meets_face_to_face: is required: true or false",
            "test.toml: sources.apec_sourcing_2018.url: 'ftp://example.org/report' is not valid",
            "test.toml: sources.unused.year: is required (or `date`)",
            "test.toml: sources.unused: is not cited by any trade",
        ],
    )


def test_a_broken_entry_does_not_shift_the_key_paths_of_the_next_ones(
    raw: dict[str, Any], catalogue: Catalogue
) -> None:
    data = copy.deepcopy(raw)
    del data["trades"][0]["name"]  # trades[0] is dropped from the result...
    data["trades"][2]["id"] = data["trades"][1]["id"]
    networks = data["trades"][2]["networks"]
    networks[0]["priority"] = "vital"  # ...and so is this network entry
    networks.append(copy.deepcopy(networks[1]))
    problems = problems_of(data, catalogue)
    # ...yet the others are still named by their place in the file.
    assert "test.toml: trades[2].id: 'data' is already used by trades[1]" in problems
    assert any(
        p.startswith(f"test.toml: trades[2].networks[{len(networks) - 1}].network:")
        and p.endswith("is already listed at trades[2].networks[1]")
        for p in problems
    ), problems


def test_a_trade_needs_networks_aliases_and_a_name(
    raw: dict[str, Any], catalogue: Catalogue
) -> None:
    data = copy.deepcopy(raw)
    trade = data["trades"][0]
    trade["networks"] = []
    trade["aliases"] = []
    del trade["name"]
    problems = problems_of(data, catalogue)
    assert "test.toml: trades[0].networks: must list at least one network" in problems
    assert "test.toml: trades[0].aliases: must list at least one role word" in problems
    assert "test.toml: trades[0].name: is required" in problems


def test_a_source_can_be_written_inline(raw: dict[str, Any], catalogue: Catalogue) -> None:
    data = copy.deepcopy(raw)
    data["trades"][0]["networks"][0]["source"] = {
        "title": "Sourcing cadres",
        "url": "https://example.org/sourcing",
        "publisher": "Apec",
        "date": "2018-06",
    }
    loaded = parse_trades(data, catalogue)
    source = loaded.trades[0].networks[0].source
    assert (source.url, source.date, source.id) == ("https://example.org/sourcing", "2018-06", None)
    data["trades"][0]["networks"][0]["source"] = 3
    assert (
        "test.toml: trades[0].networks[0].source: must be the id of a [sources] entry or a table"
        in (problems_of(data, catalogue))
    )


def test_a_listed_network_twice_and_missing_tables_are_reported(
    raw: dict[str, Any], catalogue: Catalogue
) -> None:
    data = copy.deepcopy(raw)
    networks = data["trades"][0]["networks"]
    networks.append(copy.deepcopy(networks[0]))
    problems = problems_of(data, catalogue)
    last = len(networks) - 1
    assert (
        f"test.toml: trades[0].networks[{last}].network: 'linkedin' is already listed at "
        "trades[0].networks[0]"
    ) in problems
    assert problems_of({"version": 1}, catalogue) == [
        "test.toml: trades: is required: the [[trades]] entries"
    ]


def test_a_toml_syntax_error_is_located(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "trades.toml"
    path.write_text('version = 1\n[[trades]]\nid = "x\n', encoding="utf-8")
    with pytest.raises(TradesError) as caught:
        load_trades(path, catalogue)
    assert str(caught.value.problems[0]).startswith(f"{path}:3:")


# --- inference ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("Analyste de données", "data"),
        ("Data analyst", "data"),
        ("Data scientist senior", "data"),
        ("Développeuse Python", "tech"),
        ("Software engineer", "tech"),
        ("Ingénieur DevOps", "tech"),
        ("UX designer", "design"),
        ("Graphiste", "design"),
        ("Artiste 3D", "games_3d"),
        ("Chargée de communication", "marketing"),
        ("Community manager", "marketing"),
        ("Ingénieur commercial", "sales"),
        ("Business developer", "sales"),
        ("Contrôleuse de gestion", "finance"),
        ("Chargé de recrutement", "hr"),
        ("Juriste en droit social", "law"),
        ("Infirmière", "healthcare"),
        ("INFIRMIERE DE NUIT", "healthcare"),
        ("Registered nurse", "healthcare"),
        ("Aide-soignant", "healthcare"),
        ("Éducatrice spécialisée", "social_work"),
        ("Professeur des écoles", "teaching"),
        ("Doctorant en biologie", "research"),
        ("Postdoctoral researcher", "research"),
        ("Chef de chantier", "construction"),
        ("Électricien", "construction"),
        ("Serveur", "hospitality"),
        ("Chef de cuisine", "hospitality"),
        ("Vendeuse en boutique", "retail"),
        ("Chauffeur poids lourd", "logistics"),
        ("Technicien de maintenance", "industry"),
        ("Ingénieur mécanique", "engineering"),
        ("Attaché territorial", "public_service"),
        ("Illustratrice", "arts"),
        ("Journaliste pigiste", "journalism"),
        ("Ouvrière agricole", "agriculture"),
        ("Étudiante en alternance", "students"),
        ("Directrice générale", "executives"),
        ("Assistante administrative", "admin"),
        ("Cheffe de projet", "project_consulting"),
        ("Traductrice", "writing"),
        ("Développeurs", "tech"),  # a plural is the same role
    ],
)
def test_infer_trade_from_the_role(trades: Trades, role: str, expected: str) -> None:
    trade, evidence = infer_trade(trades, role, ())
    assert trade is not None and trade.id == expected, evidence
    assert evidence.field == "target_role" and evidence.text == role
    assert evidence.alias is not None and evidence.alias in trade.aliases


@pytest.mark.parametrize(
    ("role", "tied"),
    [
        ("Consultant data", ("data", "project_consulting")),
        ("Commercial et développeur", ("sales", "tech")),
        ("Développeur freelance", ("freelance", "tech")),
    ],
)
def test_two_equally_specific_trades_give_no_guess(
    trades: Trades, role: str, tied: tuple[str, ...]
) -> None:
    trade, evidence = infer_trade(trades, role, ["python"])
    assert trade is None
    assert evidence.ambiguous and evidence.tied == tied and evidence.field == "target_role"


def test_the_most_specific_alias_wins(trades: Trades) -> None:
    # "ingénieur commercial" (2 words) is more specific than "ingénieur" (1 word).
    trade, evidence = infer_trade(trades, "Ingénieur commercial grands comptes", ())
    assert trade is not None and trade.id == "sales"
    assert evidence.alias == "ingénieur commercial"


@pytest.mark.parametrize("role", ["Barista", "Metadata", "Databases", "", None])
def test_no_alias_no_trade(trades: Trades, role: str | None) -> None:
    # Whole words only: "metadata" and "databases" do not contain the alias "data".
    trade, evidence = infer_trade(trades, role, ())
    assert trade is None and evidence == Inference()
    assert not evidence.ambiguous


def test_keywords_decide_only_when_the_role_names_no_trade(trades: Trades) -> None:
    trade, evidence = infer_trade(trades, "Chargé d'études", ["Data visualisation", "SQL"])
    assert trade is not None and trade.id == "data"
    assert evidence.field == "keywords" and evidence.text == "Data visualisation"
    trade, _ = infer_trade(trades, "Infirmière", ["data"])
    assert trade is not None and trade.id == "healthcare"
    trade, evidence = infer_trade(trades, None, ["marchés publics", "urbanisme"])
    assert trade is not None and trade.id == "public_service"


def test_keywords_in_the_other_language_count(trades: Trades) -> None:
    trade_fr, _ = infer_trade(trades, None, ["analyste de données"])
    trade_en, _ = infer_trade(trades, None, ["data analyst"])
    assert trade_fr is trade_en is trades.get("data")


def test_a_bare_keyword_string_is_one_keyword(trades: Trades) -> None:
    trade, evidence = infer_trade(trades, None, "data analyst")
    assert trade is not None and trade.id == "data" and evidence.text == "data analyst"


def test_evidence_text_is_one_safe_line(trades: Trades) -> None:
    _, evidence = infer_trade(trades, "Infirmière\n\x1b[31mde nuit\u202e", ())
    assert evidence.text is not None
    assert "\n" not in evidence.text and "\x1b" not in evidence.text
    assert "\u202e" not in evidence.text


def test_alias_tokens_fold_case_accents_ligatures_and_plurals() -> None:
    assert alias_tokens("Chef-d'Œuvre") == ("chef", "d", "oeuvre")
    assert alias_tokens("Aides-Soignantes") == alias_tokens("aide soignante")
    assert alias_tokens("  ") == ()


# --- synonym groups ----------------------------------------------------------------------------


def test_every_trade_lists_synonym_groups_of_its_roles_and_keywords(trades: Trades) -> None:
    assert sum(len(trade.synonyms) for trade in trades) >= 150
    for trade in trades:
        assert len(trade.synonyms) >= 5, trade.id
        for group in trade.synonyms:
            assert len({forms(entry) for entry in group}) >= 2, (trade.id, group)
            assert all(one_line(entry) == entry for entry in group), (trade.id, group)


def test_the_groups_hold_the_article_trades_examples(trades: Trades) -> None:
    def group(trade_id: str, entry: str) -> tuple[str, ...]:
        return next(g for g in trades.get(trade_id).synonyms if entry in g)

    assert {"analyste de données", "analyste data", "chargé·e d'études statistiques"} <= set(
        group("data", "data analyst")
    )
    assert "apprentissage automatique" in group("data", "machine learning")
    assert {"chef de projet", "cheffe de projet"} <= set(
        group("project_consulting", "project manager")
    )
    # Feminine and masculine forms side by side, across trades.
    assert {"infirmier", "infirmière", "nurse"} <= set(group("healthcare", "nurse"))
    assert {"développeur", "développeuse", "developer"} <= set(group("tech", "developer"))


def test_a_term_belongs_to_one_group_of_its_trade(trades: Trades) -> None:
    for trade in trades:
        owner: dict[str, int] = {}
        for number, group in enumerate(trade.synonyms):
            for entry in group:
                for form in forms(entry):
                    assert owner.setdefault(form, number) == number, (trade.id, entry)


def test_broken_synonym_groups_are_reported_by_key_path(
    raw: dict[str, Any], catalogue: Catalogue
) -> None:
    data = copy.deepcopy(raw)
    first = data["trades"][0]
    first["synonyms"] = [
        ["SQL"],  # one term says nothing the term does not
        ["Chargée d'études", "chargee d’etudes"],  # the same term twice, once normalised
        ["python", "langage python", "Chargé·e d'études"],  # already in the group above
        ["bad\x1b[31m", "ok term", 3],
        "not a group",
        ["  spaced", "   "],
    ]
    data["trades"][1]["synonyms"] = "SQL"
    assert_reported(
        problems_of(data, catalogue),
        [
            "test.toml: trades[0].synonyms[0]: must list at least two different terms",
            "test.toml: trades[0].synonyms[1]: must list at least two different terms",
            'test.toml: trades[0].synonyms[2][2]: "Chargé·e d\'études" is already in '
            "trades[0].synonyms[1]",
            "test.toml: trades[0].synonyms[3][0]: 'bad' has invisible or control characters",
            "test.toml: trades[0].synonyms[3][2]: must be a string, not 3",
            "test.toml: trades[0].synonyms[4]: must be a list of terms",
            "test.toml: trades[0].synonyms[5][0]: '  spaced' has spaces at an end or doubled",
            "test.toml: trades[1].synonyms: must be a list of groups",
        ],
    )


def test_the_same_term_may_mean_something_in_two_trades(trades: Trades) -> None:
    # "chef de produit" is a marketing role and a product role: each trade keeps its own group.
    marketing = synonyms_for(trades, trades.get("marketing"))
    product = synonyms_for(trades, trades.get("project_consulting"))
    everyone = synonyms_for(trades, None)
    assert "responsable produit" not in marketing.of("chef de produit")
    assert "responsable produit" in product.of("chef de produit")
    assert {"responsable produit", "product manager"} <= set(everyone.of("chef de produit"))
    assert marketing.of("analyste de données") == ()  # another trade's group does not apply
    assert "data analyst" in everyone.of("analyste de données")
