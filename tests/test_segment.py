"""Segmentation of procès-verbaux: one segment per item, at the body heading (not the agenda
or the closing list), with headings continued over their following lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.stages.layout import layout
from pipeline.stages.load import load
from pipeline.stages.segment import segment

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _segmented(relative: str):
    pdf = CORPUS / relative
    if not pdf.exists():
        pytest.skip(f"{pdf} not available")
    loaded = load(pdf)
    try:
        return segment(layout(loaded))
    finally:
        loaded.close()


def test_body_chosen_over_closing_list():
    # putanges 12-04-2016 prints the 82 headings again after the body
    seg = _segmented("putanges/compte-rendu-seance-du-12-04-2016.pdf")
    assert seg.kind == "multi" and [s.item_number for s in seg.segments] == list(range(1, 83))
    first = seg.segments[0]
    assert first.title == "COMMUNE HISTORIQUE de SAINT AUBERT SUR ORNE - APPROBATION du COMPTE ADMINISTRATIF"
    assert "Excédent de fonctionnement" in seg.text_of(first)  # the body, not the list at the end
    assert seg.segments[59].title == "SE 61 : TRANSFERT DE LA COMPETENCE INFRASTRUCTURES DE RECHARGE POUR VEHICULES ELECTRIQUES OU HYBRIDES AU SE61"


def test_body_chosen_over_agenda_and_stray_numbered_list():
    # pierrefonds 2015: agenda first, and item 5 holds a list "1. Voirie principale ... 5. Espaces verts"
    seg = _segmented("pierrefonds/compte-rendu-15-10-2015.pdf")
    assert [s.item_number for s in seg.segments] == list(range(1, 10))
    titles = [s.title for s in seg.segments]
    assert titles[0] == ("Renouvellement des branchements, renforcement et extension du réseau d’eau potable - rue Chauret"
                         " - Autorisation à donner à Madame le maire pour l’attribution et la signature du marché de travaux en procédure adaptée")
    assert titles[4].startswith("Construction de logements Rue de l’Armistice à Pierrefonds - Accord de principe")
    assert "ROBERT" in seg.text_of(seg.segments[3])


def test_dash_subtitle_joins_the_heading():
    seg = _segmented("pierrefonds/compte-rendu-03-10-2017.pdf")
    titles = {s.item_number: s.title for s in seg.segments}
    assert titles[13] == "Classe de découverte 2018 - Accord de principe"
    assert titles[1] == "Plan Local d’Urbanisme - Droit de préemption urbain"
    # the annex printed inside item 14 does not end the procès-verbal
    assert len(seg.segments) == 19


def test_printed_numeros():
    seg = _segmented("putanges/registre-deliberations-seance-du-16-novembre-2020.pdf")
    numeros = [s.numero for s in seg.segments]
    assert numeros[0] == "2020-11-01" and "2020-11-10" in numeros and "2020-11-07" in numeros  # no stray capital
    assert len(numeros) == len(set(numeros)) == 22  # the closing list is not repeated
    assert {s.numero: s.title for s in seg.segments}["2020-11-07"].startswith("EAU POTABLE : ADOPTION DU RAPPORT")


def test_numbered_sections_of_a_single_deliberation():
    seg = _segmented("montpellier/2014-05-22-0000072125.pdf")  # "I - Créations de postes ... III - Ouverture de poste"
    assert seg.kind == "single" and len(seg.segments) == 1


def _segment_text(text: str):
    from pipeline.document import DocumentText

    return segment(DocumentText(text=text, lines=[], page_count=1))


COUTHENANS_LIKE = """C-R du Conseil municipal
Ordre du jour :
I Convention de mise à disposition de personnel.
II PADD (Plan d’Aménagement et de Développement Durable).
III Adhésion aux associations.
IV Plan de sauvegarde communal.
V Questions diverses.
Informations.
I Convention de mise à disposition de personnel .
C’est une convention entre la commune et le Centre De Gestion (CDG) de la fonction publique
territoriale, qui permet le remplacement ou le pourvoi d’un poste.
ADOPTÉ à l’unanimité.
II PADD.
La délibération, amendée de l’ensemble des remarques écrites et orales, parviendra à la CCPH.
ADOPTÉ à l’unanimité.
III Adhésion aux associations .
SHAARL (Société d’Histoire et d’Archéologie de l’ARrondissement de LURE) sollicite une
subvention par cotisation de 20€/an.
ADOPTÉ à l’unanimité.
ACCDM (Association de Citoyens Contre les Déserts Médicaux)
L’examen des documents fournis ne permet pas d’identifier des frais de siège.
ADOPTÉ 9 voix pour, 5 abstentions.
IV Plan de sauvegarde communal .
C’est une prérogative du maire et des élus. Les fiches actions seront renseignées des noms des
bénévoles et des conseillers municipaux. Une date butoir doit être fixée.
V Questions diverses .
Devis toiture .
On a maintenant trois devis (d’environ 26.500 à 28.500€ pour 120m² et avec désamiantage inclus).
Les commissions travaux et bâtiment se réuniront sur le sujet.
"""


def test_one_deliberation_per_printed_result_and_none_for_information_items():
    seg = _segmented("couthenans/CR_reunion_20210129.pdf")
    assert [(s.item_number, s.title) for s in seg.segments] == [
        (1, "Convention de mise à disposition de personnel."),
        (2, "PADD (Plan d’Aménagement et de Développement Durable)"),  # the agenda spells the body's "PADD." out
        (3, "Adhésion aux associations - SHAARL (Société d’Histoire et d’Archéologie de l’ARrondissement de LURE)"),
        (3, "Adhésion aux associations - ACCDM (Association de Citoyens Contre les Déserts Médicaux)"),
    ]  # "IV Plan de sauvegarde communal" and "V Questions diverses" decide nothing
    first, second = seg.segments[2:4]
    assert "ADOPTÉ à l’unanimité." in seg.text_of(first) and "9 voix" not in seg.text_of(first)
    assert seg.text_of(second).startswith("ACCDM") and "ADOPTÉ 9 voix pour, 5 abstentions." in seg.text_of(second)


def test_an_item_without_decision_is_kept_when_results_are_not_printed_per_item():
    # as putanges 12-04-2016, where the accounts of items 1-13 are voted together further on
    # ("Pour chacune des 9 communes historiques"): without results printed per item, only an item
    # titled as information ("V Questions diverses") is left out
    text = COUTHENANS_LIKE.replace("ADOPTÉ à l’unanimité.\n", "").replace("ADOPTÉ 9 voix pour, 5 abstentions.\n", "")
    seg = _segment_text(text)
    assert [s.item_number for s in seg.segments] == [1, 2, 3, 4]
    assert seg.segments[2].title == "Adhésion aux associations."  # no results, no split (spelled as in the agenda)


def test_results_labelled_on_their_line():
    seg = _segmented("couthenans/CR_reunion_20210604.pdf")
    assert [(s.item_number, s.title) for s in seg.segments if s.item_number == 2] == [
        (2, "Décisions modificatives (DM) du budget 2021 - DM1 pour budget communal"),
        (2, "Décisions modificatives (DM) du budget 2021 - DM1 pour budget assainissement"),
    ]
    # "5 Préparation des élections" only organises the polling station ("lors des 2 votes")
    assert [s.item_number for s in seg.segments] == [1, 2, 2, 3, 4, 6]


def test_items_announcing_no_deliberation_are_left_out():
    seg = _segmented("putanges/seance-du-11-03-2019-deliberations.pdf")
    numeros = [s.numero for s in seg.segments]
    assert "2019-03-24" not in numeros and "2019-03-25" not in numeros  # "INFORMATION SUR ...", "QUESTIONS DIVERSES"
    assert "2019-03-23" in numeros and "2019-03-12BIS" in numeros


def test_closing_list_of_deliberations_with_unnumbered_body_headings():
    # putanges 5-01-2016: numbered lists of seats and of maires délégués are not items; the four
    # délibérations are listed at the end, their body headings are unnumbered capitals
    seg = _segmented("putanges/compte-rendu-du-5-01-2016.pdf")
    assert [(s.item_number, s.title) for s in seg.segments] == [
        (1, "Indemnités de fonction du Maire et des Maires délégués faisant fonction d’Adjoints"),
        (2, "Indemnités aux Adjoints des communes déléguées."),
        (3, "Indemnités des Conseillers Municipaux délégués."),
        (4, "Budgets annexes « Assainissement »"),  # "4. Questions diverses :" / "a) Budgets annexes ..."
    ]
    assert seg.text_of(seg.segments[0]).startswith("INDEMNITES DE FONCTION AU MAIRE")
    assert "en l’absence des intéressés" in seg.text_of(seg.segments[0])
    assert seg.text_of(seg.segments[3]).startswith("BUDGETS ANNEXES") and "Liste des délibérations" not in seg.text_of(seg.segments[3])
