"""Rules of meaning (detect/rules.py, checklists/risk_rules.toml): the engine's semantics on small
rule books, validation with key paths, and the shipped rules on wordings no word list holds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ereputation.detect.lexicon_merge import merge_lexicons
from ereputation.detect.normalise import normalize
from ereputation.detect.risk_terms import Lexicon, LexiconError, find_risk_terms, load_lexicon
from ereputation.detect.rules import RuleBook, RulesError, parse_rules

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon(ROOT / "checklists" / "risk_terms.toml")


def book(rules: list[dict[str, Any]], **classes: dict[str, list[str]]) -> RuleBook:
    return parse_rules({"version": 1, "classes": classes, "rules": rules})


BOSS = {"fr": ["mon chef"], "en": ["my boss"]}
JOKE = {"fr": ["une blague"], "en": ["a joke"]}
PRAISE = {"en": ["brilliant"]}
NOT = {"en": ["never", "no"]}


def fired(rule_book: RuleBook, text: str, lang: str = "en") -> list[str]:
    return [hit.rule.id for hit in rule_book.find(normalize(text), (lang,))]


def alarms(lexicon: Lexicon, text: str) -> list[tuple[str, str]]:
    """What a look-alike must not raise: every finding but information (politics, faith)."""
    informational = {c.id for c in lexicon.categories if c.informational}
    found = find_risk_terms(text, lexicon)
    return [(m.category, m.rule or m.term) for m in found if m.category not in informational]


# --- the engine ----------------------------------------------------------------------------


def test_every_class_within_the_window_in_one_sentence() -> None:
    rules = book(
        [{"id": "r", "category": "c", "all": ["BOSS", "JOKE"], "window": 4}], BOSS=BOSS, JOKE=JOKE
    )
    assert fired(rules, "Honestly my boss is a joke.") == ["r"]
    assert fired(rules, "A joke, and my boss laughed") == ["r"]  # either order
    assert fired(rules, "My boss told me a very long story, a joke") == []  # 6 words apart
    assert fired(rules, "My boss called. A joke followed") == []  # another sentence
    assert fired(rules, "Mon chef est une blague", "fr") == ["r"]


def test_two_sentences_when_the_rule_allows_them() -> None:
    rule = {"id": "r", "category": "c", "all": ["BOSS", "JOKE"], "sentences": 2}
    rules = book([rule], BOSS=BOSS, JOKE=JOKE)
    assert fired(rules, "My boss? A joke.") == ["r"]
    assert fired(rules, "My boss? Fine. A joke.") == []


def test_a_veto_nearby_stops_the_rule_even_in_another_sentence() -> None:
    rule = {"id": "r", "category": "c", "all": ["BOSS", "JOKE"], "unless": ["PRAISE"]}
    rules = book([rule], BOSS=BOSS, JOKE=JOKE, PRAISE=PRAISE)
    assert fired(rules, "My boss made a joke. Brilliant.") == []
    assert fired(rules, "My boss is a joke") == ["r"]


def test_a_veto_on_the_same_words_counts() -> None:
    take = {"fr": ["piqué"]}
    shop = {"fr": ["supermarché"]}
    fit = {"fr": ["piqué une crise"]}
    rule = {"id": "r", "category": "c", "all": ["TAKE", "SHOP"], "unless": ["FIT"]}
    rules = book([rule], TAKE=take, SHOP=shop, FIT=fit)
    assert fired(rules, "J'ai piqué du chocolat au supermarché", "fr") == ["r"]
    assert fired(rules, "Ma fille a piqué une crise au supermarché", "fr") == []


def test_a_negation_just_before_a_required_word_stops_the_rule() -> None:
    drunk = {"en": ["drunk", "no shoes"]}
    party = {"en": ["party", "what a night"]}
    rule = {"id": "r", "category": "c", "all": ["DRUNK", "PARTY"], "not_after": ["NOT"]}
    rules = book([rule], DRUNK=drunk, PARTY=party, NOT=NOT)
    assert fired(rules, "Never drunk at a party") == []
    assert fired(rules, "So drunk at the party") == ["r"]
    # "no" belongs to "no shoes", a part of the finding: it negates nothing.
    assert fired(rules, "Woke up with no shoes, what a night") == ["r"]


def test_any_words_count_in_both_languages_and_a_language_without_words_never_fires() -> None:
    wink = {"any": ["😉"]}
    sick = {"fr": ["malade"]}
    rules = book([{"id": "r", "category": "c", "all": ["SICK", "WINK"]}], SICK=sick, WINK=wink)
    assert fired(rules, "Malade aujourd'hui 😉", "fr") == ["r"]
    assert fired(rules, "malade 😉", "en") == []  # SICK has no English words


def test_one_class_alone_is_a_rule() -> None:
    rules = book([{"id": "r", "category": "c", "all": ["JOKE"]}], JOKE=JOKE)
    assert [h.spans for h in rules.find(normalize("what a joke"), ("en",))] == [((5, 11),)]


# --- validation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ({"classes": {"boss": {"en": ["x"]}}, "rules": []}, "classes.boss"),
        ({"classes": {"BOSS": {"de2": ["x"]}}, "rules": []}, "classes.BOSS.de2"),
        ({"classes": {"BOSS": {"en": ["b*"]}}, "rules": []}, "classes.BOSS.en[0]"),
        ({"classes": {"BOSS": {"en": ["{a|b"]}}, "rules": []}, "classes.BOSS.en[0]"),
        ({"classes": {"BOSS": {}}, "rules": []}, "classes.BOSS"),
        ({"classes": {"BOSS": "x"}, "rules": []}, "classes.BOSS"),
        ({"classes": {"BOSS": BOSS}, "rules": [{"id": "r", "category": "c"}]}, "rules[0].all"),
        (
            {"classes": {"BOSS": BOSS}, "rules": [{"id": "r", "category": "c", "all": ["JOKE"]}]},
            "rules[0].all",
        ),
        (
            {"classes": {"BOSS": BOSS}, "rules": [{"id": "R", "category": "c", "all": ["BOSS"]}]},
            "rules[0].id",
        ),
        (
            {
                "classes": {"BOSS": BOSS},
                "rules": [{"id": "r", "category": "c", "all": ["BOSS"], "window": 99}],
            },
            "rules[0].window",
        ),
        (
            {
                "classes": {"BOSS": BOSS},
                "rules": [{"id": "r", "category": "c", "all": ["BOSS"], "unles": ["BOSS"]}],
            },
            "rules[0].unles",
        ),
        (
            {
                "classes": {"BOSS": BOSS},
                "rules": [
                    {"id": "r", "category": "c", "all": ["BOSS"]},
                    {"id": "r", "category": "c", "all": ["BOSS"]},
                ],
            },
            "rules[1].id",
        ),
        ({"classes": {"BOSS": BOSS}}, "rules"),
        ({"rules": []}, "classes"),
    ],
)
def test_each_problem_names_its_key_path(data: dict[str, Any], where: str) -> None:
    with pytest.raises(RulesError) as caught:
        parse_rules({"version": 1, **data})
    assert where in {p.where for p in caught.value.problems}


def test_a_rule_names_a_category_of_its_lexicon() -> None:
    rule = {"id": "r", "category": "x", "all": ["BOSS"]}
    data = {"version": 1, "classes": {"BOSS": BOSS}, "rules": [rule]}
    with pytest.raises(RulesError) as caught:
        parse_rules(data, categories=["alcohol_party"])
    assert [p.where for p in caught.value.problems] == ["rules[0].category"]


LEXICON = """version = 1
rules = "{rules}"

[[categories]]
id = "employer_disparagement"
severity = "high"
offensive = true
label = {{ fr = "Employeur", en = "Employer" }}
advice = {{ fr = "Retirez.", en = "Remove." }}
terms = {{ fr = ["je hais mon boulot"], en = ["i hate my job"] }}
"""
RULES = """version = 1
[classes.BOSS]
en = ["my boss"]
[classes.JOKE]
en = ["a joke", "a clown"]
[[rules]]
id = "boss_contempt"
category = "employer_disparagement"
all = ["JOKE", "BOSS"]
"""


def test_a_lexicon_reads_the_rules_file_beside_it(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(RULES)
    (tmp_path / "lexicon.toml").write_text(LEXICON.format(rules="rules.toml"))
    lexicon = load_lexicon(tmp_path / "lexicon.toml")
    [match] = find_risk_terms("Honestly my boss is a clown.", lexicon)
    assert (match.category, match.term, match.rule) == (
        "employer_disparagement",
        "boss_contempt",
        "boss_contempt: JOKE + BOSS",
    )
    assert match.severity == "high"
    # Each class's words, masked; the excerpt masks them too (an offensive category).
    assert match.trigger == "• c•••n + m• b••s"
    assert "clown" not in match.excerpt_masked and "boss" not in match.excerpt_masked


def test_a_listed_term_wins_over_a_rule_on_the_same_words(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(RULES.replace('"a clown"', '"a clown", "hate"'))
    (tmp_path / "lexicon.toml").write_text(LEXICON.format(rules="rules.toml"))
    lexicon = load_lexicon(tmp_path / "lexicon.toml")
    found = find_risk_terms("I hate my job and my boss", lexicon)
    assert [(m.term, m.rule) for m in found] == [("i hate my job", "")]


def test_problems_in_the_rules_file_name_that_file(tmp_path: Path) -> None:
    (tmp_path / "rules.toml").write_text(RULES.replace('all = ["JOKE", "BOSS"]', 'all = ["JOKES"]'))
    (tmp_path / "lexicon.toml").write_text(LEXICON.format(rules="rules.toml"))
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path / "lexicon.toml")
    assert [p.where for p in caught.value.problems] == [f"{tmp_path / 'rules.toml'}: rules[0].all"]


@pytest.mark.parametrize("name", ["../rules.toml", "rules.txt", "/etc/rules.toml"])
def test_the_rules_key_is_a_file_name_beside_the_lexicon(tmp_path: Path, name: str) -> None:
    (tmp_path / "lexicon.toml").write_text(LEXICON.format(rules=name))
    with pytest.raises(LexiconError) as caught:
        load_lexicon(tmp_path / "lexicon.toml")
    assert caught.value.problems[0].where == f"{tmp_path / 'lexicon.toml'}: rules"


def test_a_counsellors_list_keeps_the_bundled_rules(lexicon: Lexicon, tmp_path: Path) -> None:
    extra = tmp_path / "mine.toml"
    extra.write_text(LEXICON.replace('rules = "{rules}"\n', "").format())
    merged = merge_lexicons(lexicon, load_lexicon(extra)).lexicon
    assert merged.rules is lexicon.rules
    assert [m.rule for m in find_risk_terms("My boss is a complete joke", merged)] != [""]


# --- the shipped rules: wordings no word list holds ------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Je tenais plus debout hier soir, merci de m'avoir ramené", "alcohol_party"),
        ("Couldn't stand up by midnight, cheers for carrying me home", "alcohol_party"),
        ("Réveil à 15h, mal de crâne, qui a ramené la vodka ?", "alcohol_party"),
        ("Woke up at 2pm with a pounding head, whose idea was the tequila?", "alcohol_party"),
        ("Mon coloc fait pousser son matos dans le placard", "drugs"),
        ("My flatmate grows skunk in his wardrobe", "drugs"),
        ("Et toi, t'es qu'un pauvre raté", "insults"),
        ("You're a worthless little rat", "insults"),
        ("Notre PDG est complètement à côté de la plaque", "employer_disparagement"),
        ("Our CEO is completely out of touch", "employer_disparagement"),
        ("Arrêt de trois jours et direction la plage 😉", "sick_day"),
        ("Three days off from the doctor, so obviously I'm surfing", "sick_day"),
        ("Une femme pilote ? Non merci", "discrimination"),
        ("A female pilot? No thanks", "discrimination"),
        ("J'ai gardé le trop-perçu de la CAF, ni vu ni connu", "illegal_fraud"),
        ("Kept the benefits overpayment, nobody will know", "illegal_fraud"),
        ("Toi qui as rayé ma moto, je vais te retrouver", "violence_threats"),
        ("Whoever scratched my bike, I'll track you down", "violence_threats"),
        ("Cette nuit avec ma collègue, pas beaucoup dormi 😏", "sexual_content"),
        ("That night with my colleague, didn't get much sleep 😏", "sexual_content"),
        # New words for known ideas (R3; each was missed before):
        (
            "Mon chef ne sait même pas envoyer un mail, comment il a eu ce poste ?",
            "employer_disparagement",
        ),
        ("Le plafond respirait, meilleur trip de ma vie", "drugs"),
        ("Blazed before the team call again, nobody noticed", "drugs"),
        ("Hooked up with the best man in the hotel toilets 😏", "sexual_content"),
        ("One more comment from him and I'm putting his windows through", "violence_threats"),
        ("Complètement paqueté au party de bureau hier", "alcohol_party"),  # Québec
        ("Got proper mullered at the leaving do", "alcohol_party"),
        ("Quelqu'un peut me dépanner en teuchi ce soir ?", "drugs"),  # verlan
        ("T'es qu'une grosse cruche", "insults"),
        ("My housemate is a useless freeloader", "insults"),
        (
            "Worst company I've ever worked for, they treat staff like dirt",
            "employer_disparagement",
        ),
        ("Women just aren't cut out for engineering, it's biology", "discrimination"),
        ("Si je le recroise je lui brise les genoux", "violence_threats"),
        ("Next guy who touches my bike gets his legs broken", "violence_threats"),
        ("Nouveau contenu sur mon OF, lien en bio", "sexual_content"),
    ],
)
def test_a_rule_finds_what_no_word_says(lexicon: Lexicon, text: str, category: str) -> None:
    found = [m for m in find_risk_terms(text, lexicon) if m.category == category]
    assert found and found[0].rule, (text, [(m.category, m.term) for m in found])


@pytest.mark.parametrize(
    "text",
    [
        "Le kit de pique-nique est prêt",  # "nique" inside a word
        "Franchement il me saoule avec ses réunions",  # annoys, not drunk
        "Ma fille a piqué une crise au supermarché",  # a tantrum, not a theft
        "Quarterly review: we smashed our sales targets",  # success, not drunk
        "Jazz festival starts Friday, great line-up this year",  # not a line of coke
        "Coach sportif : on va défoncer ce programme d'abdos",  # effort, not drugs
        "Back at the office after three weeks of sick leave, feels good",  # back, not faking
        "Je me suis cassé la figure en ski, plâtre pour six semaines",  # a fall, not a fight
        "Nasty flu, three days in bed with a hot water bottle",  # ill, not sexual
        "Caviste : trois bouteilles de saint-émilion à offrir pour Noël",  # a wine shop
        "Wine shop in York, here are three bottles of Rioja for Christmas",
        "Border officer, record cocaine seizure this week",  # the police, not a user
        "Agent d'assurance, rouler sans assurance est un délit",  # a reminder of the law
        "Historienne, j'étudie la propagande contre les immigrés",  # a historian's subject
        "Infirmière aux urgences, encore des patients ivres cette nuit",  # a nurse's shift
        # The project's own docs and checklists, read as pages:
        "A non-profit European code forge: a sign of commitment to free software",
        "The plan (docs/scoring.md) orders it; the page took 9 s and 420 MB",
        "Photos you would rather an employer did not see (a party, a joke among friends)",
        "Des photos qu'un employeur ne devrait pas voir (une blague entre amis) ?",
        "the undeclared accounts found (site, username)",
        "Choisissez une photo nette, visage dégagé, fond neutre",
        "Clone the git repository, then run the garbage collector",
        # Look-alikes of the words R3 added:
        "Douanier, saisie record de cannabis au port du Havre",
        "Toxicologue, ma thèse porte sur les effets de la kétamine sur la dépression",
        "J'ai mis du beurre dans la pâte, on a fini le gâteau à trois",  # butter, not "beurré"
        "Anaesthetist, ketamine is one of the drugs we use every day",
        "Campagne sécurité routière : ne prenez pas le volant après un verre",
        "Defence barrister, just finished a trial involving cocaine importation",
        "Avocate pénaliste, j'ai plaidé hier pour un client poursuivi pour trafic de cannabis",
        "Last night at Oxygen with the team, great DJ",  # not "oxy"
        "Cours de code de la route pour adultes, inscriptions ouvertes",  # not "codéine"
        "Commissaire aux comptes, on a trouvé des notes de frais gonflées chez un client",
        "Honestly the traffic on the ring road does my head in",
        "HR tip: be warned, applications close on Friday",
        "J'ai ramené des croissants au bureau ce matin",
        "Une bande de filles super sympas au club de lecture",
        "Barbecue avec la voisine ce soir 😉",
        "Off sick with a sore throat, back at work on Monday",
        "Le kit de code couleur est prêt, les champions du tournoi sont là",
        "We're rolling out the new release, a busy week coming up",
    ],
)
def test_look_alikes_raise_nothing(lexicon: Lexicon, text: str) -> None:
    assert alarms(lexicon, text) == []


@pytest.mark.parametrize(
    ("text", "category", "rule"),
    [
        ("Mon matos est arrivé, qui passe ce soir ?", "drugs", "drug_owned"),
        ("Our ket is the best in town", "drugs", "drug_owned"),
        ("On a volé deux bouteilles au marché", "illegal_fraud", "theft_admitted"),
        ("We nicked a traffic cone on the way home", "illegal_fraud", "theft_admitted"),
        ("Les Roms, je peux pas les voir", "discrimination", "group_despised"),
        ("I can't stand immigrants, simple as", "discrimination", "group_despised"),
        # Ideas with no anchor word (R3):
        # The beach is in the next sentence.
        ("Arrêt maladie jusqu'à lundi. Bon, cap sur Biarritz 😎", "sick_day", "absence_faked"),
        # "au volant" is a road-safety frame for drink and drugs only, not for a group.
        (
            "Les femmes au volant, toujours aussi catastrophiques",
            "discrimination",
            "group_generalised",
        ),
        ("Got absolutely trolleyed last week", "alcohol_party", "intoxicated_strong"),
        ("Our CEO cut our pay again. Greedy pig.", "employer_disparagement", "employer_insulted"),
        (
            "Recruter un senior ? Ils sont lents et n'apprennent plus rien",
            "discrimination",
            "group_resumed",
        ),
        (
            "Interviewed a woman for the role. She'd never keep up",
            "discrimination",
            "group_resumed",
        ),
    ],
)
def test_structural_rules(lexicon: Lexicon, text: str, category: str, rule: str) -> None:
    found = [m for m in find_risk_terms(text, lexicon) if m.category == category]
    assert [m.term for m in found] == [rule], [(m.category, m.term) for m in found]


@pytest.mark.parametrize(
    "text",
    [
        "My blunt answer surprised the board",
        "Our crack team shipped the release",
        "Mon speed dating de jeudi était sympa",
        "My bike got stolen, police report filed",
        "Researchers who hate stereotypes about immigrants: our study",
    ],
)
def test_structural_rules_leave_look_alikes(lexicon: Lexicon, text: str) -> None:
    assert alarms(lexicon, text) == []


def test_a_class_holds_up_to_a_thousand_words_per_language() -> None:
    words = [f"mot{i:04d}" for i in range(1000)]
    rules = [{"id": "r", "category": "c", "all": ["BIG"]}]
    assert fired(book(rules, BIG={"en": words}), "it says mot0999") == ["r"]
    with pytest.raises(RulesError) as caught:
        book(rules, BIG={"en": [*words, "mot1000"]})
    assert "classes.BIG.en" in str(caught.value)


def test_off_the_books_is_not_a_group(lexicon: Lexicon) -> None:
    """'Au noir' (undeclared) names no one: the fraud stands, no discrimination."""
    text = "Je facture mes clients au noir depuis deux ans, le fisc n'a jamais rien vu"
    categories = {m.category for m in find_risk_terms(text, lexicon)}
    assert "illegal_fraud" in categories
    assert "discrimination" not in categories


@pytest.mark.parametrize(
    "text",
    [
        # R4: professional look-alikes that raised an alarm before their vetoes.
        "We absolutely destroyed them 4-0, killed it tonight lads",  # a rout, not drunk
        "Reporter: I interviewed a cashier who says shoplifting has doubled",
        "Ticket inspector here: fare dodging costs us all, please buy a valid ticket",
        "Policier, j'ai contrôlé cinq conducteurs ivres cette nuit",
        "Vétérinaire, j'ai dû piquer le chien d'une cliente ce matin",  # an injection
        "Cuisinier, je découpe le canard au couteau",  # a kitchen knife
        "Boxeuse amatrice, je vais lui casser la figure samedi sur le ring",
    ],
)
def test_r4_trade_look_alikes_raise_nothing(lexicon: Lexicon, text: str) -> None:
    assert alarms(lexicon, text) == []


def test_plenty_at_work_is_not_drunk(lexicon: Lexicon) -> None:
    # "boîte" is a club and "plein" was any "full": "the firm has plenty" read as drunk.
    found = find_risk_terms("Deux écrans du bureau, la boîte en a plein", lexicon, ("fr",))
    assert [m.category for m in found if m.category == "alcohol_party"] == []
    found = find_risk_terms("En boîte hier soir, j'étais complètement pleine", lexicon, ("fr",))
    assert "alcohol_party" in [m.category for m in found]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # R4: admitted fraud and theft at work, in words no list held.
        ("The office printer ink ends up in my bag, nobody noticed", "illegal_fraud"),
        (
            "Les cartouches finissent toujours dans mon sac, personne a rien remarqué",
            "illegal_fraud",
        ),
        ("Still on universal credit while working, they'll never find out", "illegal_fraud"),
        ("Je touche le RSA alors que je bosse, je dis rien", "illegal_fraud"),
        ("Paying for Spotify is for mugs", "illegal_fraud"),
        ("Je récupère tous les films en torrent", "illegal_fraud"),
        ("Drove back after four pints, fine", "illegal_fraud"),
        ("Repris le volant après six verres de rouge", "illegal_fraud"),
        ("Billed shifts I never did, nobody checks", "illegal_fraud"),
        ("Trois heures sup jamais faites sur ma feuille", "illegal_fraud"),
        # Contempt for an employer in everyday words.
        ("My manager lies to our faces every single week", "employer_disparagement"),
        ("Ma boîte se fout de nous, promesses en l'air", "employer_disparagement"),
        # Generalisations about a group without a slur.
        ("We don't hire mums, they're always off", "discrimination"),
        ("Les mamans, je préfère recruter des jeunes", "discrimination"),
        # Threats.
        ("Touch my car again and you get my fist in your face", "violence_threats"),
        ("Je vais te faire regretter ça", "violence_threats"),
        # Batch c (R4): expenses, the till, insurance, passes, cash work while off sick...
        ("My gym membership goes on my expense claim, nobody bats an eye", "illegal_fraud"),
        ("Mes restos perso passent sur mes notes de frais, ni vu ni connu", "illegal_fraud"),
        ("I never ring up the pints and the cash goes straight in my pocket", "illegal_fraud"),
        ("Filed a fake bike theft to the insurance, new bike on them", "illegal_fraud"),
        ("On se la passe à quatre, la carte Navigo de Léa", "illegal_fraud"),
        ("En arrêt maladie et je fais des déménagements payés en liquide", "illegal_fraud"),
        ("Parked on my mum's blue badge all week", "illegal_fraud"),
        # ...contempt in plain words, generalisations, and threats.
        (
            "Mon n+1 n'a jamais fait un devis de sa vie et vient nous expliquer",
            "employer_disparagement",
        ),
        ("Promotions in my department go to the director's cronies", "employer_disparagement"),
        ("They're lazy by nature, those fat people", "discrimination"),
        ("Une candidate enceinte ? Six mois de congé à payer, hors de question", "discrimination"),
        ("If he comes back he'll leave with a broken nose", "violence_threats"),
        ("Quand je le trouve il pourra plus marcher", "violence_threats"),
        # Batch d (R4).
        ("Filled up my wife's car on the company fuel card again", "illegal_fraud"),
        ("Rolled back the odometer before selling it", "illegal_fraud"),
        ("Claimed the same hotel twice, two clients", "illegal_fraud"),
        ("Pas un merci en six ans dans cette boîte, juste des reproches", "employer_disparagement"),
        (
            "Safety at my company is box-ticking, someone's going to get hurt",
            "employer_disparagement",
        ),
        ("The old guys in accounts? Time to replace them", "discrimination"),
        ("Les filles en école de commerce, c'est pour trouver un mari", "discrimination"),
        ("Say that again and see what happens to you", "violence_threats"),
    ],
)
def test_r4_weak_categories(lexicon: Lexicon, text: str, category: str) -> None:
    assert category in [m.category for m in find_risk_terms(text, lexicon)], text


@pytest.mark.parametrize(
    "text",
    [
        "Tax adviser: undeclared income, what the penalties are and how to put it right",
        "Permanence CAF jeudi : comment déclarer ses revenus sans erreur",
        "Software piracy costs small studios millions, a study",
        "Campagne : ne prenez pas le volant après deux verres",
        "Never drive after a few pints, get a taxi",
        "Our company exploits solar data to cut its energy bills",
        "Boxing night: he took a fist in the face in round two and still won",
        "Payroll tip: check the overtime hours before Friday",
        # Batch c (R4): false alarms before their vetoes.
        "Night cabbie: I get drunk passengers home safely every weekend",
        "Chauffeur de nuit : je dépose les clients ivres chez eux en toute sécurité",
        "Cheffe de chantier, on récupère les matériaux en trop, zéro gaspillage",
        "Notre entreprise exploite trois carrières de granit en Bretagne",
        "After the accident the doctors say he won't walk again",
        "On va prendre une raclée contre Toulouse ce soir, l'équipe est décimée",
        "Préventeur : la sécurité sur les chantiers n'est pas du vent, portez vos EPI",
        "Safety officer: site safety is not a box-ticking exercise, wear your PPE",
        "Mechanic: we spot clocked mileage on used cars, buyer beware",
        "Consultant tip: how to bill travel when you see several clients the same day",
    ],
)
def test_r4_weak_categories_leave_look_alikes(lexicon: Lexicon, text: str) -> None:
    assert alarms(lexicon, text) == []
