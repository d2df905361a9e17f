"""ACTES matière: printed classification lines, lexicon classification, SCDL label, dev-set accuracy."""

import json
import re
from pathlib import Path

import pytest

from pipeline.french.matieres import (
    FALLBACK_CODE,
    PRINTED_MATIERE_RE,
    body_zones,
    classify,
    load_nomenclature,
    normalise,
    printed_matiere,
    scdl_label,
)
from pipeline.french.matieres_eval import evaluate_matieres, matieres_report_lines, read_dev_set

DEV_SET = Path(__file__).parent / "data" / "matieres_dev.tsv"
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
LALOUVESC = CORPUS / "lalouvesc" / "gold"


# --------------------------------------------------------------------------- nomenclature and label


def test_nomenclature_has_the_57_level2_codes():
    table = load_nomenclature()
    assert len(table) == 57
    assert all(re.fullmatch(r"\d\.\d{1,2}", code) for code in table)
    assert table["7.10"] == ("Finances locales", "Divers")
    assert table["7.1"] == ("Finances locales", "Décisions budgétaires")


def test_scdl_label_is_lower_case_accented_without_comma_or_parenthesis():
    assert scdl_label("7.1") == "finances locales/décisions budgétaires"
    assert scdl_label("8.4") == "domaines de compétences par thèmes/aménagement du territoire"
    assert scdl_label("7.9") == "finances locales/prise de participation sem etc."
    for code, (level1, _) in load_nomenclature().items():
        label = scdl_label(code)
        assert label.startswith(level1.lower() + "/")
        assert not re.search(r"[,()A-Z]", label), label


# --------------------------------------------------------------------------- printed line

# Real lines from the Lalouvesc extracts (gold/transcripts/transcription.txt): one line, the code
# alone on the next line, and the code followed by the signature column.
LALOUVESC_PRINTED = [
    ("Classification : 4.5\n", "4.5"),
    ("   de l’Etat et sa publication\nClassification :\n7.5\n\n[right column]\n", "7.5"),
    ("Classification :\n5.4\n", "5.4"),
    ("Classification : 7.10                                  Jacques BURRIEZ,\n", "7.10"),
    ("Classification : 1.1\n", "1.1"),
]


@pytest.mark.parametrize("text,code", LALOUVESC_PRINTED)
def test_printed_classification_lalouvesc_phrasings(text, code):
    guess = printed_matiere(text)
    assert guess is not None
    assert guess.code == code
    assert guess.confidence == 1.0
    assert guess.label == scdl_label(code)


@pytest.mark.parametrize(
    "text,code",
    [
        ("Matière : 7.1 Décisions budgétaires", "7.1"),
        ("Nomenclature ACTES : 7.5.1", "7.5"),  # level 3 -> level 2
        ("Classification : 4.1.2", "4.1"),
        ("Code matière : 7.10.3 - Tarifs", "7.10"),  # 7.10 is a level-2 code, .3 its level 3
        ("Classiﬁcation ; 3,3", "3.3"),  # OCR: ligature, ';' for ':', ',' for '.'
        ("MATIERE - 2.1", "2.1"),
    ],
)
def test_printed_classification_other_phrasings_and_levels(text, code):
    assert printed_matiere(text).code == code


@pytest.mark.parametrize(
    "text",
    [
        # Real sentences from the corpus that must not be read as a printed matière.
        "budget Assainissement de (PUTANGES PONT ECREPIN -61003) suivant la nomenclature M49 ;",
        "nomenclature des Installations Classés pour la Protection de l’Environnement.",
        "introduites contre elle et notamment en matière : d’urbanisme (aménagement, droit des sols, préemption,",
        "Classification : 9.9",  # no such code
        "Classification : 4.12",  # no such code either (4.1 to 4.5)
        "",
    ],
)
def test_printed_classification_rejects(text):
    assert printed_matiere(text) is None


def test_printed_regex_is_a_module_constant():
    assert PRINTED_MATIERE_RE.search("Classification : 8.3").group("code") == "8.3"


@pytest.mark.corpus
def test_every_printed_classification_of_lalouvesc_matches_its_gold():
    transcript = LALOUVESC / "transcripts" / "transcription.txt"
    if not transcript.exists():
        pytest.skip("corpus not beside the repository")
    printed = [m.group("code") for m in PRINTED_MATIERE_RE.finditer(transcript.read_text(encoding="utf-8"))]
    records = json.loads((LALOUVESC / "2023-5-conseil-municipal-lalouvesc.json").read_text(encoding="utf-8"))
    gold = [r["matiere_code"] for r in records if r.get("matiere_code")]
    assert printed == gold


def test_printed_line_wins_over_the_lexicon():
    guess = classify("DECISION MODIFICATIVE N° 3", "Ainsi fait et délibéré ...\nClassification : 4.1   Jacques BURRIEZ,")
    assert (guess.code, guess.confidence) == ("4.1", 1.0)
    assert guess.reason.startswith("printed")


# --------------------------------------------------------------------------- lexicon, real objets

REAL_OBJETS = [
    ("Approbation du plan local d’urbanisme", "2.1"),
    ("Plan Local d’Urbanisme - Droit de préemption urbain", "2.3"),
    ("Mise en place de modules préfabriqués - Diverses écoles – Demande permis de construire", "2.2"),
    ("Choix de l’entreprise pour le marché des travaux d’alimentation en eau potable", "1.1"),
    ("INGENIERIE 61 – CONVENTION DE MAITRISE D’ŒUVRE POUR LA CREATION D’UNE VOIE", "1.6"),
    ("Vente d'un terrain à la société Sogeprom Sud Réalisations Rue Croix de Lavit Parcelle cadastrée TC 146", "3.2"),
    ("Fin de location pour la salle du 3ème âge", "3.3"),
    ("REDEVANCE POUR OCCUPATION DU DOMAINE PUBLIC PAR ORANGE", "3.5"),
    ("Emploi permanent d’adjoint administratif (stagiaire)", "4.1"),
    ("CAMPING MUNICIPAL DU VAL D’ORNE – RECRUTEMENT D’AGENT SAISONNIER", "4.2"),
    ("Mise en place du régime indemnitaire tenant compte des fonctions, des sujétions, de l’expertise et de "
     "l’engagement professionnel (RIFSEEP)", "4.5"),
    ("Election d'un Adjoint au Maire", "5.1"),
    ("Adoption du règlement intérieur du conseil municipal", "5.2"),
    ("CONSEIL D’ADMINISTRATION DE L’EHPAD : Désignation des délégués", "5.3"),
    ("Délégations du Conseil municipal au Maire", "5.4"),
    ("Indemnités de fonction du Maire et des Maires délégués faisant fonction d’Adjoints", "5.6"),
    ("SMICO : DEMANDE DE RETRAIT DE 4 COMMUNES ET DEMANDE D’ADHESION DE LA COMMUNE NOUVELLE PUTANGES LE LAC", "5.7"),
    ("Autorisation d’ester en justice - Requête n°1701473- 4 : Monsieur Jean-Marc GOSSOT c/ Commune de Pierrefonds",
     "5.8"),
    ("M57 – Dépenses d’investissement avant le vote du budget 2024", "7.1"),
    ("Taux d'imposition de la Ville de Montpellier pour 2014", "7.2"),
    ("Garantie d’emprunt – Ville de Montpellier/S.E.R.M. Opération OVALIE 2,5 M€ Banque Postale", "7.3"),
    ("Demande de subvention D.E.T.R./D.S.I.L. remplacement, rénovation et interconnexion de canalisations "
     "d’eau potable (suite)", "7.5"),
    ("PARTICIPATION AU SYNDICAT INTERCOMMUNAL D’ASSAINISSEMENT COLLECTIF (SIAC) DE FROMENTEL", "7.6"),
    ("Approbation de la réorganisation des sociétés publiques locales ADTO et SAO", "7.9"),
    ("Modification des tarifs du camping, des gîtes communaux, du gîte d’étape ainsi que des locations des salles "
     "pour l’année 2024", "7.10"),
    ("Classe de découverte 2018 - Accord de principe", "8.1"),
    ("Dénomination de voie - Pont André Lévy", "8.3"),
    ("PETITES VILLES DE DEMAIN - PROJET DE CANDIDATURE « PETITES VILLES DE DEMAIN »", "8.4"),
    ("Rapport annuel 2018 sur le prix et la qualité du service public de l’eau potable", "8.8"),
    ("Comédie du livre 2014 Convention de partenariat Ville/Agglomération", "8.9"),
    ("Voeu de soutien aux intermittents", "9.4"),
]


@pytest.mark.parametrize("objet,code", REAL_OBJETS)
def test_real_objets_per_domain(objet, code):
    guess = classify(objet, None)
    assert guess.code == code, guess.reason
    assert guess.label == scdl_label(code)
    assert 0.0 < guess.confidence < 1.0
    assert guess.reason.startswith(code)


def test_accents_case_and_apostrophes_do_not_matter():
    variants = ["Décision modificative n°2", "DECISION MODIFICATIVE N°2", "décision MODIFICATIVE n° 2", "Decision modificative"]
    assert {classify(v, None).code for v in variants} == {"7.1"}
    assert {classify(v, None).code for v in ["Garantie d’emprunt", "GARANTIE D'EMPRUNT", "garantie des emprunts"]} == {"7.3"}
    assert normalise("Œuvre d’ART") == normalise("oeuvre d'art") == "oeuvre art"


def test_normalise_folds_splits_and_drops_stopwords():
    assert normalise("Réfection de l’Église – DM1 du budget") == "refection eglise dm 1 budget"
    # Place qualifiers of communes nouvelles and price wording are not cues.
    assert normalise("TOITURE - COMMUNE DELEGUEE DE MENIL JEAN, 3 000 € hors taxes") == "toiture menil jean 3 000"


def test_commune_deleguee_is_not_a_designation():
    guess = classify("REFECTION TOITURE SALLE COMMUNALE- COMMUNE DELEGUEE DE MENIL JEAN", None)
    assert guess.code != "5.3"


def test_act_outweighs_theme():
    # Real objets where the kind of act decides, not the theme it applies to.
    assert classify("CIMETIERES : ACQUISITION DE 2 COLONNES « MEMOIRES » – DEMANDE DE SUBVENTION DETR", None).code == "7.5"
    assert classify("Ecole CURIE - Réhabilitation de locaux scolaires – autorisation préalable de travaux", None).code == "2.2"
    assert classify("CANTINE- TARIFS POUR RENTREE SCOLAIRE 2020-2021", None).code == "7.10"


def test_no_cue_gives_the_default_code_with_zero_confidence():
    for objet in (None, "", "Questions diverses"):
        guess = classify(objet, None)
        assert (guess.code, guess.confidence) == (FALLBACK_CODE, 0.0)


def test_confidence_is_higher_for_a_clear_case_than_for_a_mixed_one():
    clear = classify("DECISION MODIFICATIVE N°2 BUDGET PRINCIPAL", None)
    mixed = classify("Conditions de facturation eau et assainissement 2024", None)
    assert clear.confidence >= 0.7
    assert mixed.confidence < clear.confidence


# --------------------------------------------------------------------------- body text

# Real Montpellier body (2014-05-22-0000072060): the objet names only the association; the
# decision part says it is a designation.
AFIGESE_OBJET = "Association Finances-Gestion-Evaluation des collectivités territoriales (AFIGESE-CT)"
AFIGESE_BODY = """Les moyens d’action de l’AFIGESE-CT sont les suivants :
- l’organisation de formations sur tout sujet concernant les métiers des trois fonctions,
Il est donc proposé au Conseil Municipal :
- De désigner le représentant de la Ville dans cette instance.
A été élu :
- Bernard TRAVIER
Le Conseil Adopte."""


def test_body_decision_part_decides_when_the_objet_is_silent():
    assert classify(AFIGESE_OBJET, None).code != "5.3"
    guess = classify(AFIGESE_OBJET, AFIGESE_BODY)
    assert guess.code == "5.3"
    assert "decision:" in guess.reason


def test_budget_booking_sentence_is_not_budget_evidence():
    # Real Lalouvesc extract: the créations de poste end with the booking sentence.
    body = (
        "Le conseil municipal, après en avoir délibéré, décide à l’unanimité la création d’un emploi permanent "
        "d’adjoint technique.\nLa dépense correspondante sera inscrite au budget primitif 2024.\n"
        "Ainsi fait et délibéré les jour, mois, ans ci-dessus indiqués."
    )
    zones = body_zones(body)
    assert "budget" not in zones["decision"] + zones["expose"]
    assert "creation" in zones["decision"]
    assert classify(None, body).code == "4.1"


# --------------------------------------------------------------------------- dev set


def test_dev_set_is_well_formed():
    rows = read_dev_set(DEV_SET)
    codes = load_nomenclature()
    assert len(rows) >= 200
    assert len({r["source"] for r in rows}) >= 10
    assert all(r["code"] in codes for r in rows)
    assert {r["how"] for r in rows} <= {"read", "read+document", "printed"}
    assert {r["split"] for r in rows} == {"tune", "heldout"}
    # The split is by source: no source on both sides.
    tune = {r["source"] for r in rows if r["split"] == "tune"}
    heldout = {r["source"] for r in rows if r["split"] == "heldout"}
    assert not tune & heldout


@pytest.mark.corpus
def test_dev_set_printed_labels_are_the_gold_ones():
    gold_file = LALOUVESC / "2023-5-conseil-municipal-lalouvesc.json"
    if not gold_file.exists():
        pytest.skip("corpus not beside the repository")
    printed = {r["objet"]: r["matiere_code"] for r in json.loads(gold_file.read_text(encoding="utf-8"))}
    rows = [r for r in read_dev_set(DEV_SET) if r["how"] == "printed"]
    assert len(rows) == 10
    for r in rows:
        assert printed[r["objet"]] == r["code"]


def test_dev_set_accuracy_bars():
    # Measured: overall level 1 90.5% / level 2 87.7%; held-out third level 1 90.9% / level 2 83.6%.
    result = evaluate_matieres(DEV_SET)
    assert result["n"] >= 200
    assert result["level2"] >= 0.80
    assert result["level1"] >= 0.90
    heldout = result["per_split"]["heldout"]
    assert heldout["level2"] >= 0.80
    assert heldout["level1"] >= 0.90
    assert len(result["errors"]) == round(result["n"] * (1 - result["level2"]))
    lines = matieres_report_lines(result)
    assert lines[0].startswith("ACTES matière (objet only): n=")
    assert any("heldout" in line for line in lines)


@pytest.mark.parametrize("text", [
    "Subvention à l'association des parents d'élèves de l'école maternelle",
    "Budget primitif 2023 : décision modificative n° 2, virement de crédits",
    "Cimetière communal : reprise des concessions funéraires abandonnées",
    "Motion de soutien ; voeu relatif à la fermeture de la classe",
    "",
])
def test_only_cues_opened_by_a_word_of_the_text_are_compared(text):
    # the index by first word keeps every cue whose words are all present, in the lexicon's order
    from pipeline.french.matieres import _candidate_cues, _cues, normalise

    normalised = " " + normalise(text)
    words = frozenset(normalised.split())
    sorted_words = sorted(words)
    every = [cue for cue in _cues() if cue.words_present(words, sorted_words)]
    candidates = _candidate_cues(words, sorted_words)
    assert [cue for cue in candidates if cue.words_present(words, sorted_words)] == every
    assert len(candidates) < len(_cues()) / 4
