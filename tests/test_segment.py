"""Segmentation of procès-verbaux: one segment per item, at the body heading (not the agenda
or the closing list), with headings continued over their following lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.layout import layout
from pipeline.load import load
from pipeline.segment import segment

CORPUS = Path("/work/shared/corpus")


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
