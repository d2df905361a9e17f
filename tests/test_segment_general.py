"""The general grammar of item headings and decisions, with phrasings copied from the corpus
(text as the pipeline reads it, OCR slips included). Each rule here is one mechanism that serves
every council, not one document: a numbering of any shape, the first words a title never has,
a decision opened or closed, the sitting's own procedure, a table row, an act's own first page."""
from __future__ import annotations

import pytest

from pipeline.document import DocumentText
from pipeline.french.patterns import segment as P
from pipeline.stages.acts import act_starts, split_acts
from pipeline.stages.segment import segment
from pipeline.stages.segment.decisions import anchors, clusters
from pipeline.stages.segment.headings import find_candidates, numbering, title_like


# --- numbering: any shape a council prints before an item -------------------------------------------------------
@pytest.mark.parametrize(
    "line, kind, number, numero, title",
    [
        ("2019-04-17 VOTE DU BUDGET- COMMUNE 2019", "numero", None, "2019-04-17", "VOTE DU BUDGET- COMMUNE 2019"),
        ("2019-03-25A VENTE MAISON SUR LA COMMUNE DELEGUEE DE RABODANGES", "numero", None, "2019-03-25A",
         "VENTE MAISON SUR LA COMMUNE DELEGUEE DE RABODANGES"),
        ("Délibération n° 2021 -060", "numero", None, "2021-060", ""),
        ("Délibération n°2023_043_D", "numero", None, "2023_043_D", ""),
        ("16. Délégations du conseil municipal au maire", "arabic", 16, None, "Délégations du conseil municipal au maire"),
        ("IV     Plan de sauvegarde communal.", "roman", 4, None, "Plan de sauvegarde communal."),
        ("II - Ouverture de poste à des agents non titulaires :", "roman", 2, None,
         "Ouverture de poste à des agents non titulaires :"),
        ("a) Budgets annexes", "letter", 1, None, "Budgets annexes"),
        # putanges 2020: the drop capital of the title read a second time
        ("2020-11-01 A ADRESSAGE COMMUNAL – CONTRACTUALISATION", "numero", None, "2020-11-01",
         "ADRESSAGE COMMUNAL – CONTRACTUALISATION"),
        ("3. A AJOUTER AU BUDGET", "arabic", 3, None, "A AJOUTER AU BUDGET"),
        ("1/ Pacte Financier et Fiscal de Solidarité (PFFS) 2021-2027 :", "arabic", 1, None,
         "Pacte Financier et Fiscal de Solidarité (PFFS) 2021-2027 :"),
        ("2020-07-06-06 APPROBATION DU COMPTE DE GESTION 2019 – COMMUNE", "numero", None, "2020-07-06-06",
         "APPROBATION DU COMPTE DE GESTION 2019 – COMMUNE"),
        ("OBJET : Approbation du plan local d'urbanisme", "objet", None, None, "Approbation du plan local d'urbanisme"),
    ],
)
def test_numbering_of_any_shape(line, kind, number, numero, title):
    assert numbering(line) == (kind, number, numero, title)


@pytest.mark.parametrize(
    "line",
    [
        # rows of budget tables: an amount closes them, or the number is an account code
        "12. UNA 322,00",
        "soit un besoin de financement de                                                      0,00 €",
        "011 CHARGES A CARACTERE GENERAL",
        # an amount is not a numbering
        "2.740,89 EXCEDENT DE FONCTIONNEMENT",
    ],
)
def test_table_rows_and_amounts_are_not_numbered_headings(line):
    assert numbering(line)[0] is None


@pytest.mark.parametrize(
    "line",
    [
        "Après avoir entendu l'exposé de Monsieur le Maire, le Conseil Municipal après en avoir délibéré,",
        "Vu le code général des collectivités territoriales,",
        "Considérant que la commune souhaite",
        "Le Conseil Municipal accepte d’ajouter à l’ordre du jour le rapport supplémentaire suivant :",
        "Secrétaire de séance : Julien BESSET",
        "Vote : 14 pour / 0 contre / 0 abstention",
        "Envoyé en préfecture le 12/12/2023",
        "PROCES-VERBAL DE LA SEANCE DU CONSEIL MUNICIPAL",
        "Séance du 6 décembre 2016",
        "Page 3 sur 12",
        "ORDRE DU JOUR :",
        "du conseil municipal, et d'en fixer les modalités,",
        "Délibération prise en ce sens",
        "Toutes les délibérations correspondantes sont prises en ce sens.",
    ],
)
def test_body_sentences_and_page_furniture_are_never_titles(line):
    assert not title_like(line)


def test_a_count_is_no_numbered_heading():
    # couthenans 2022: "14 votes pour" under each item is a result, not item 14
    kind, _, _, title = numbering("14 votes pour")
    assert kind == "arabic" and not title_like(title)
    assert P.DECISION_CLOSE_RE.search("13 votes pour 1 abstention")


def test_dates_are_not_numberings():
    assert numbering("12/03/2021 réunion de la commission")[0] is None


def test_a_lone_letter_does_not_continue_a_title():
    from pipeline.stages.segment.headings import continues

    # couthenans 2021-11: a drop capital read on its own line under the heading
    assert continues("Election du 3ème adjoint", "E", same_style=False) is None
    assert continues("TAUX D'IMPOSITION DE L'EXERCICE", "2015", same_style=True) == " 2015"


@pytest.mark.parametrize(
    "line",
    ["VOTE DES SUBVENTIONS 2019.", "Plan de sauvegarde communal.", "Délégations du conseil municipal au maire",
     "Zones d'accélération des énergies renouvelables"],
)
def test_titles_look_like_titles(line):
    assert title_like(line)


# --- decisions: opened, closed, confirmed ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "line",
    [
        "Accord du conseil à l'Unanimité.",
        "Accord du conseil municipal par : 2 voix CONTRE et 12 voix POUR.",
        "Vote : 14 pour / 0 contre / 0 abstention",
        "ADOPTÉ à l’unanimité.",
        "Pour : 11 Contre : 0 Abstention : 1",
        "approuvé à la majorité",
        "Le Conseil Municipal prend acte de la fermeture de la trésorerie au 31 décembre 2017",
    ],
)
def test_results_close_a_decision(line):
    assert P.DECISION_CLOSE_RE.search(line)


@pytest.mark.parametrize(
    "line",
    [
        "à la majorité absolue des suffrages exprimés",  # an election rule, not a result
        "Le Maire rappelle le projet de convention",
    ],
)
def test_rules_and_reports_do_not_close_a_decision(line):
    assert not P.DECISION_CLOSE_RE.search(line)


@pytest.mark.parametrize(
    "line",
    [
        "Après en avoir délibéré, le Conseil Municipal, décide :",
        "Après délibération, le Conseil Municipal décide :",
        "Après avoir entendu le rapport annuel du RPQS de l’exercice 2014, le conseil municipal approuve à l’unanimité le",
        "DECIDE",
        "le conseil municipal, à l'unanimité, autorise le Maire à signer",
    ],
)
def test_a_decision_being_taken(line):
    assert P.DECISION_OPEN_RE.search(line)


def test_decide_in_a_sentence_is_not_an_anchor_in_lower_case_alone():
    # "décide" as a verb of someone else is not the council deciding; only the printed formula counts
    assert not P.DECISION_OPEN_RE.search("le syndicat qui décide de ses tarifs")


@pytest.mark.parametrize(
    "text",
    [
        "Approbation du procès-verbal du 17 novembre 2023\nLe procès-verbal est approuvé à l'unanimité.",
        "Le compte rendu de la précédente réunion a été adopté à l’unanimité.",
        "Désignation du secrétaire de séance\nMme X est désignée à l'unanimité.",
        # saint_restitut 2019 (unlabelled scan)
        "Compte rendu précédent approuvé par : 2 CONTRE (C.BOURRETTE/M.DENISE) et 8 voix POUR.",
    ],
)
def test_the_sittings_own_procedure_is_not_a_deliberation(text):
    assert anchors(text) == []


def test_formula_stands_for_a_decision_only_where_none_was_stated():
    stated = "Le conseil approuve à l’unanimité le projet.\nDélibération prise en ce sens.\n"
    only_formula = "Le maire présente le devis de réparation.\nDélibération prise en ce sens.\n"
    assert not any(stated[a[0]:].startswith("Délibération prise") for a in anchors(stated))
    found = anchors(only_formula)
    assert len(found) == 1 and only_formula[found[0][0]:].startswith("Délibération prise")


def test_a_residents_poll_is_not_a_council_vote():
    text = ("Résultats des sondages auprès des habitants :\nPour : 49\nContre : 12\n\n"
            "Après en avoir délibéré, le conseil municipal décide à l'unanimité de retenir le projet.\n")
    found = anchors(text)
    assert found and all(text[a[0]:].lower().startswith(("après", "le conseil", "à l", "unanimit")) for a in found)
    assert len(clusters(found, [])) == 1


def test_items_announcing_no_deliberation():
    assert P.NO_DELIBERATION_RE.search("( pas de délibération – voir compte rendu)")
    assert P.NO_DELIBERATION_RE.search("2019-12-18 VIREMENT DE CREDITS N°9/2019 – BUDGET COMMUNE (pas de délibération voir compte rendu)")


def test_delegation_reports_are_not_council_items():
    assert P.DELEGATION_TITLE_RE.search("Décisions du Maire prises en vertu de l'article L 2122-22 du CGCT")
    assert P.DELEGATION_TITLE_RE.search("Compte-rendu des décisions prises par délégation")
    assert not P.DELEGATION_TITLE_RE.search("Vote des subventions aux associations")


def test_separator_lines():
    for line in ("_________", "----------", "* * * *"):
        assert P.SEPARATOR_LINE_RE.match(line)
    assert not P.SEPARATOR_LINE_RE.match("- Budget")


# --- a whole procès-verbal: headings chosen by the decisions they hold -----------------------------------------
MINUTES = """PROCES-VERBAL DE LA SEANCE DU CONSEIL MUNICIPAL DU 4 MARS 2024
Présents : M. Jean DUPONT, Mme Anne MARTIN, M. Paul BERNARD
ORDRE DU JOUR :
> Vote des subventions 2024
> Tarifs de la salle des fêtes
> Questions diverses
Désignation du secrétaire de séance
Mme Anne MARTIN est désignée à l'unanimité.
1. Vote des subventions 2024
Le Maire présente les demandes des associations.
Après en avoir délibéré, le Conseil Municipal décide d'attribuer les subventions.
Adopté à l'unanimité.
2. Tarifs de la salle des fêtes
Le tarif est porté à 150,00 €
12. UNA 322,00
Après en avoir délibéré, le Conseil Municipal fixe les tarifs ci-dessus.
Vote : 10 pour / 2 contre / 0 abstention
3. Questions diverses
Le Maire informe le conseil des travaux de voirie.
"""


def test_minutes_segmented_on_the_body_headings_with_decisions():
    seg = segment(DocumentText.from_text(MINUTES))
    titles = [s.title for s in seg.segments]
    assert seg.kind == "multi"
    assert titles == ["Vote des subventions 2024", "Tarifs de la salle des fêtes"]
    # the table row inside item 2 did not become an item, the agenda lines are not items, the secrétaire is procedure
    assert [s.item_number for s in seg.segments] == [1, 2]
    # where the document says what its items are about: the agenda and each heading
    spans = seg.item_title_spans()
    texts = [MINUTES[a:b] for a, b in spans]
    assert texts[:2] == ["1. Vote des subventions 2024", "2. Tarifs de la salle des fêtes"]
    assert "Tarifs de la salle des fêtes" in texts[2] and "Questions diverses" in texts[2]
    assert "Après en avoir délibéré" not in "".join(texts)


# --- compound PDFs: one act per page that opens with its own header ----------------------------------------------
def _act(number: str, title: str) -> str:
    return (f"Envoyé en préfecture le 12/12/2023\nID : 007-210701280-20231211-{number}-DE\n"
            "EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL MUNICIPAL\n"
            "L'an deux mille vingt-trois, le onze décembre, le conseil municipal s'est réuni\n"
            f"Délibération n° {number}\nObjet : {title}\n"
            "Après en avoir délibéré, le conseil municipal approuve à l'unanimité.\n")


def test_compound_pdf_split_where_an_act_opens_its_own_page():
    text = "\f".join([_act("2023_033_D", "Tarifs"), "suite de l'acte, annexe financière\n",
                      _act("2023_034_D", "Subventions"), _act("2023_035_D", "Voirie")])
    doc = DocumentText.from_text(text)
    assert act_starts(doc) == [1, 3, 4]
    parts = split_acts(doc)
    assert [p.page_count for p in parts] == [2, 1, 1]


def test_a_second_page_of_the_same_act_does_not_open_one():
    # the stamp is repeated on every page of one act: same number, no title, no new act
    page = "Envoyé en préfecture le 12/12/2023\nID : 007-210701280-20231211-2023_033_D-DE\nPrésents : M. X\n"
    doc = DocumentText.from_text(_act("2023_033_D", "Tarifs") + "\f" + page)
    assert act_starts(doc) == [1]


@pytest.mark.parametrize(
    "stamped, digits",
    [
        ("ID : 007-210701280-20231211-2023_034_D-DE", "2023034"),
        ("20231211 -2023_ 038 D-DE", "2023038"),  # OCR spaces
        ("20231211-2023_033_ADE", "2023033"),  # OCR joined the suffix and the kind
    ],
)
def test_stamped_act_number_read_through_ocr_damage(stamped, digits):
    import re

    m = P.STAMPED_ACT_NUMBER_RE.search(stamped)
    assert m and re.sub(r"\D", "", m["number"]) == digits


def test_act_number_line_not_taken_from_a_reference_to_an_annex():
    assert P.ACT_NUMBER_LINE_RE.search("Délibération n°2023 035 D |rwee Si07")["number"].replace(" ", "") == "2023035"
    assert not P.ACT_NUMBER_LINE_RE.search("Délibération n° 2023 034 D (Voir annexe)")


def test_a_number_damaged_by_ocr_is_restored_between_its_neighbours():
    # saint_restitut 2016-12-06 read by OCR: "7. MAISON ..." came out as "LÈ MAISON ..."
    text = ("5. VENTE TERRAINS COMMUNAUX COL DES PIEUX\nLe maire expose le projet.\n"
            "Accord du conseil municipal par : 2 voix CONTRE et 12 voix POUR.\n"
            "6. CREATION BUDGET ANNEXE COL DES PIEUX\nMonsieur le maire informe de la nécessité.\n"
            "Accord du conseil municipal par 2 voix CONTRE - C.BOURRETTE) et 12 voix POUR.\n"
            "LÈ MAISON D'ASSISTANTES MATERNELLES\nMonsieur le maire rappelle la délibération du 24/11/2015.\n"
            "Accord du conseil à l'unanimité.\n"
            "8. DECISIONS MODIFICATIVES BUDGETS\nLe maire présente la décision modificative.\n"
            "DM adoptée à l'unanimité.\n")
    seg = segment(DocumentText.from_text(text))
    assert [(s.item_number, s.title) for s in seg.segments] == [
        (5, "VENTE TERRAINS COMMUNAUX COL DES PIEUX"), (6, "CREATION BUDGET ANNEXE COL DES PIEUX"),
        (7, "MAISON D'ASSISTANTES MATERNELLES"), (8, "DECISIONS MODIFICATIVES BUDGETS")]


def test_a_withdrawn_item_leaves_its_gap():
    text = ("1. TARIFS DE LA CANTINE\nLe maire expose.\nAdopté à l'unanimité.\n"
            "Le conseil remercie les agents.\n"
            "3. VOIRIE COMMUNALE\nLe maire expose.\nAdopté à l'unanimité.\n")
    seg = segment(DocumentText.from_text(text))
    assert [s.item_number for s in seg.segments] == [1, 3]


def test_monsieur_is_not_item_m():
    # audierne 2022: "M. Gurvan KERLOC'H, M. Georges CASTEL, ..." opens the list of those present
    assert numbering("M. Gurvan KERLOC'H, M. Georges CASTEL, Mme Joëlle MOALIC-VERECCHIA")[0] is None
    assert numbering("B. Urbanisme")[:2] == ("letter", 2)


def _positioned(rows: list[tuple[str, float]]) -> DocumentText:
    """One page of lines without typography (an OCR'd scan), each with its right edge."""
    from pipeline.document import Line

    text, lines, offset = "", [], 0
    for number, (row, right) in enumerate(rows):
        lines.append(Line(page=1, bbox=(40.0, 800.0 - 12 * number, right, 810.0 - 12 * number), start=offset,
                          end=offset + len(row), block=0))
        text += row + "\n"
        offset += len(row) + 1
    return DocumentText(text=text, lines=lines, page_count=1, page_starts=[0], text_pages=[True])


def test_a_heading_filling_the_measure_of_a_scan_goes_on_over_the_next_line():
    # audierne 2022-141 as OCR reads it: the heading wraps after "du Plan"
    body = "Monsieur le Maire rappelle que le PLU de la commune a été approuvé le 29 juin 2021. Il fait"
    doc = _positioned([
        ("Membres en exercice : 29", 200.0),
        ("Délibération n° 2022-141 : Prescription de la procédure de modification de droit commun n°1 du Plan", 555.0),
        ("Local d'Urbanisme (PLU) de la Commune d’Audierne", 330.0),
        ("Rapporteur : Véronique Madec", 220.0),
        (body, 556.0), (body, 554.0), (body, 557.0),
        ("1- Ouverture à l’urbanisation de 4 secteurs 2AU", 330.0),
        ("Après en avoir délibéré, à l'unanimité, le conseil municipal décide :", 500.0),
        ("2- Protection de l’alignement d'arbres", 300.0),
        ("de donner autorisation au Maire pour signer tout contrat", 450.0),
    ])
    seg = segment(doc)
    assert seg.kind == "single"
    assert seg.segments[0].title == ("Prescription de la procédure de modification de droit commun n°1 du Plan "
                                     "Local d'Urbanisme (PLU) de la Commune d’Audierne")


def _blocks(rows: list[tuple[str, int]]) -> DocumentText:
    """One page of OCR'd lines (no typography), each in its tesseract block."""
    from pipeline.document import Line

    text, lines, offset = "", [], 0
    for number, (row, block) in enumerate(rows):
        lines.append(Line(page=1, bbox=(45.0, 700.0 - 11 * number, 185.0, 709.0 - 11 * number), start=offset,
                          end=offset + len(row), block=block))
        text += row + "\n"
        offset += len(row) + 1
    return DocumentText(text=text, lines=lines, page_count=1, page_starts=[0], text_pages=[True])


def test_a_title_wrapped_in_a_narrow_column_is_its_whole_block():
    # lalouvesc 2023_037_D extract as OCR reads it: the number alone, the title in a sidebar block of its own
    rows = [("Délibération n° 2023_037_D", 155), ("Demande de subvention", 156), ("D.E.T.R./D.S.I.L. remplacement,", 156),
            ("rénovation et interconnexion", 156), ("de canalisations d'eau potable", 156), ("(suite)", 156),
            ("Le Maire,", 157), ("- Certifie sous sa responsabilité le", 157), ("caractère exécutoire de cet acte,", 157),
            ("Monsieur le Maire expose le projet :", 165), ("Après en avoir délibéré, le conseil municipal approuve.", 166)]
    seg = segment(_blocks(rows))
    assert seg.segments[0].title == ("Demande de subvention D.E.T.R./D.S.I.L. remplacement, rénovation et "
                                     "interconnexion de canalisations d'eau potable (suite)")
    # the same lines in the body's block are not a title block: the title stays its first line
    same = [(row, 155 if block == 156 else block) for row, block in rows]
    assert segment(_blocks(same)).segments[0].title == "Demande de subvention"


LALOUVESC_MINUTES = (
    "CONSEIL MUNICIPAL de LALOUVESC\nSéance du 11 décembre 2023\n"
    "1. COMMISSION FINANCES\na. Restes à recouvrer 2023 (délib)\n"
    "b. Travaux d'alimentation eau potable choix de l’entreprise (délib)\n"
    "2. DIVERS\na. Ecole communale\n"
    "Membres présents : Jacques BURRIEZ, Nicole PORTE\n"
    "1. COMMISSION FINANCES\na. Restes à recouvrer 2023 - Délibération n° 2023_039_D (Voir annexe)\n"
    "Le conseil approuve à l’unanimité le provisionnement de 2 129.80 €.\n"
    "b. Choix de l’entreprise pour le marché des travaux d’alimentation eau potable\n"
    "Le conseil approuve à l’unanimité le choix de l’entreprise FAURIE TP.\n"
    "2. DIVERS\na. Ecole communale\nTarif pour la vente de l’ancienne école communale à 140 000 €.\n")


def test_an_unlabelled_agenda_is_told_by_its_entries_printed_again_over_the_items():
    # lalouvesc 2023: the PV opens with its list of items, no "ordre du jour" label, lettered under themes
    from pipeline.stages.segment.decisions import lines_after_results
    from pipeline.stages.segment.headings import find_candidates, mark_listed_twins

    text = LALOUVESC_MINUTES
    doc = DocumentText.from_text(text)
    candidates = find_candidates(doc, [], None, lines_after_results(doc))
    mark_listed_twins(doc, candidates, anchors(text))
    body = text.index("Membres présents")
    listed = {c.title for c in candidates if c.in_agenda}
    assert {"Restes à recouvrer 2023 (délib)", "Ecole communale"} <= listed
    # the body's item headings stay (a theme heading directly over its first item looks like a list entry
    # too: it is no item either way)
    assert not any(c.in_agenda for c in candidates if c.start > body and c.kind == "letter")
    seg = segment(doc)
    # the body's items, each with its decision; the information item is left out (results are printed)
    assert [s.title for s in seg.segments] == ["Restes à recouvrer 2023 - Délibération n° 2023_039_D (Voir annexe)",
                                               "Choix de l’entreprise pour le marché des travaux d’alimentation eau potable"]


def test_an_extract_is_matched_to_the_minutes_item_naming_it_and_takes_what_it_does_not_print():
    from models import ActeId, ActeStamp, Deliberation, Provenance, Seance, Vote
    from pipeline.stages.acts import act_numbers, merge, referenced_numbers
    from pipeline.stages.validate import Validated

    text = "b. Mise en place du RIFSEEP\nDélibération n° 2023 _034_D (Voir annexe)\nLe conseil approuve à l’unanimité.\n"
    item = Deliberation(index=0, objet="Mise en place du RIFSEEP", vote=Vote(unanimous=True, outcome="adopted"),
                        provenance={"item": Provenance(page=1, char_start=0, char_end=len(text))})
    other = Deliberation(index=1, objet="Ecole communale")
    extract = Deliberation(index=0, stamp=ActeStamp(acte_id=ActeId.parse("007-210701280-20231211-2023_034_D-DE")),
                           vote=Vote(pour=11, contre=0, outcome="adopted"))
    assert referenced_numbers(item, text) == {"2023034"} and act_numbers(extract) == {"2023034"}
    merged = merge([Validated(Seance(), {}, deliberations=[item, other]),
                    Validated(Seance(), {}, deliberations=[extract])], text)
    assert [d.objet for d in merged.deliberations] == ["Ecole communale", "Mise en place du RIFSEEP"]
    kept = merged.deliberations[1]
    assert kept.vote.pour == 11 and kept.vote.unanimous is True  # the extract's counts, the minutes' unanimity


def test_minutes_naming_one_number_twice_and_extracts_without_a_title_are_matched_by_the_words_they_print():
    # lalouvesc 2023: the minutes give a "création de poste" the number of a later item (2023_039_D, named
    # again by "Restes à recouvrer"); the extracts 2023_035_D and 2023_039_D print no title of their own
    from models import ActeId, ActeStamp, Deliberation, Provenance, Seance
    from pipeline.stages.acts import merge
    from pipeline.stages.validate import Validated

    minutes = ("- Emploi permanent d’adjoint administratif (stagiaire) : Délibération n° 2023_039_D (Voir annexe)\n"
               "g. Restes à recouvrer 2023 - Délibération n° 2023_039_D (Voir annexe)\n")
    creation = "Il est nécessaire de créer un emploi permanent à temps complet d’adjoint administratif, stagiaire.\n"
    restes = "Le comptable demande de provisionner les restes à recouvrer de l’exercice 2023.\n"
    text = minutes + creation + restes
    split = minutes.index("g. Restes")

    def span(start, end):
        return {"item": Provenance(page=1, char_start=start, char_end=end)}

    items = [Deliberation(index=0, objet="Emploi permanent d’adjoint administratif (stagiaire)", provenance=span(0, split)),
             Deliberation(index=1, objet="Restes à recouvrer 2023", provenance=span(split, len(minutes)))]

    def extract(number, start, end):
        return Deliberation(index=0, stamp=ActeStamp(acte_id=ActeId.parse(f"007-210701280-20231211-2023_{number}_D-DE")),
                            provenance=span(start, end))

    parts = [Validated(Seance(), {}, deliberations=items),
             Validated(Seance(), {}, deliberations=[extract("035", len(minutes), len(minutes) + len(creation))]),
             Validated(Seance(), {}, deliberations=[extract("039", len(minutes) + len(creation), len(text))])]
    merged = merge(parts, text)
    assert [d.objet for d in merged.deliberations] == ["Emploi permanent d’adjoint administratif (stagiaire)",
                                                      "Restes à recouvrer 2023"]
    assert [d.stamp.acte_id.number for d in merged.deliberations] == ["2023_035_D", "2023_039_D"]


# flaux 17 November 2023 as OCR reads it (unnumbered agenda whose bullets were lost, a sidebar on every page)
FLAUX_AGENDA = (
    "Ordre du jour\n"
    "Approbation du procès-verbal du 22 septembre 2023\n"
    "Convention d'adhésion au service Médecine préventive\n"
    "Adhésion au service Partenariat CNRACL et Invalidité\n"
    "Demande de retrait de la commune de Castillon du Gard de la Communauté\n"
    "de Communes du Pont du Gard et d’adhésion à la Communauté de\n"
    "Communes Pays d’'Uzès selon la procédure dérogatoire\n"
    "Questions diverses\n"
    "Monsieur le Maire demande aux Membres du Conseil Municipal de rajouter à l’ordre\n")


def test_an_agenda_without_marks_has_one_entry_per_line_but_wrapped_ones():
    from pipeline.stages.segment.agenda import find_agenda

    entries, _ = find_agenda(DocumentText.from_text(FLAUX_AGENDA))
    assert entries == [
        "Approbation du procès-verbal du 22 septembre 2023", "Convention d'adhésion au service Médecine préventive",
        "Adhésion au service Partenariat CNRACL et Invalidité",
        "Demande de retrait de la commune de Castillon du Gard de la Communauté de Communes du Pont du Gard et "
        "d’adhésion à la Communauté de Communes Pays d’'Uzès selon la procédure dérogatoire",
        "Questions diverses"]


def test_the_approval_of_the_minutes_is_procedure_when_named_lines_above_its_vote():
    text = ("Approbation du procès-verbal du Conseil Municipal du 22 septembre 2023\n"
            "Monsieur le Maire demande s’il y a des observations.\n"
            "Personne ne prenant la parole, il est passé au vote\nVote : Unanimité\n"
            "Convention d'adhésion au service Médecine préventive\nLe maire expose.\nVote : Unanimité\n")
    found = anchors(text)
    # the first vote is the minutes', the second the convention's: the bound at the first result keeps them apart
    assert found and all(a[0] > text.index("Convention") for a in found)


def test_a_result_opening_its_decision_does_not_announce_a_title():
    from pipeline.stages.segment.decisions import lines_after_results

    doc = DocumentText.from_text("Le conseil municipal après en avoir délibéré à l’unanimité\n"
                                 "demande le bénéfice des prestations proposées,\nVote : Unanimité\n"
                                 "Adhésion au service Partenariat CNRACL et Invalidité\n")
    assert lines_after_results(doc) == {3}


def test_a_sidebar_objet_does_not_make_minutes_one_deliberation():
    page = ("Objet :\nCompte rendu\nconseil municipal du\n17 novembre 2023\n"
            "{title}\nLe maire expose le dossier.\nAprès en avoir délibéré, le conseil municipal approuve.\nVote : Unanimité\n")
    titles = ["Convention d'adhésion au service Médecine préventive", "Adhésion au service Partenariat CNRACL",
              "Conditions de facturation eau et assainissement 2024", "Zones d’accélération des énergies renouvelables"]
    doc = DocumentText.from_text("PROCES VERBAL\nSéance du 17 novembre 2023\n" + FLAUX_AGENDA + "\f".join(
        page.format(title=t) for t in titles))
    assert all(line.style.running for line in doc.lines if doc.line_text(line) == "Objet :")
    seg = segment(doc)
    assert seg.kind == "multi" and [s.title for s in seg.segments][-3:] == titles[1:]


@pytest.mark.parametrize("title, objet", [
    # lalouvesc 2023: the minutes name each item's délibération and point to its annex
    ("Restes à recouvrer 2023 - Délibération n° 2023_039_D (Voir annexe)", "Restes à recouvrer 2023"),
    ("Décision modificative n° 3 - Délibération n° 2023_033_D - Régularisation titre annulé (Voir annexe)",
     "Décision modificative n° 3 - Régularisation titre annulé"),
    # putanges 2019: a délibération named as the subject stays
    ("MODIFICATIONS DE LA DELIBERATION N° 2019-03-22 - BAIL DU RESTAURANT DE LA COMMUNE",
     "MODIFICATIONS DE LA DELIBERATION N° 2019-03-22 - BAIL DU RESTAURANT DE LA COMMUNE"),
    # lalouvesc 2023: the note that no délibération was taken (the vote failed)
    ("Emploi permanent d’adjoint technique (par voie de mutation) aucune délibération",
     "Emploi permanent d’adjoint technique (par voie de mutation)"),
])
def test_an_objet_leaves_out_its_own_number_and_annex_pointer(title, objet):
    from pipeline.stages.extract.identity import clean_objet

    assert clean_objet(title) == objet


# --- an item listing sub-items, each decided on its own (lalouvesc 2023, OCR) ------------------------------------
CREATION_DE_POSTES = (
    "PROCES-VERBAL\n1. COMMISSION FINANCES\n"
    "a. Décision modificative n° 3 - Délibération n° 2023_033_D\n"
    "Le conseil approuve à l’unanimité la décision modificative budgétaire n°3.\n"
    "c. Création de 3 postes :\n"
    "- Emploi permanent d’adjoint administratif (stagiaire) : Délibération n° 2023_038_D (Voir annexe)\n"
    "Le conseil approuve à l'unanimité la création d’un emploi permanent d’adjoint administratif\n(stagiaire).\n"
    "- Emploi permanent d'adjoint technique (stagiaire) : Délibération n° 2023 _039_D (Voir annexe)\n"
    "Le conseil approuve à l’unanimité la création d’un emploi permanent d’adjoint technique\n(stagiaire).\n"
    "- Emploi permanent d’adjoint technique (par voie de mutation) aucune délibération\n"
    "Délibération : 4 Abstention 7 Contre 0 Pour\n"
    "Le conseil n’approuve pas la création d’un emploi permanent d’adjoint technique (par voie\nde mutation).\n"
    "f. Délégation du conseil au maire pour modifier et supprimer les régies\n"
    "existantes - Délibération n° 2023_038_D (Voir annexe)\n"
    "Le conseil approuve à l'unanimité l’autorisation de M. le Maire pour modifier et supprimer les\nrégies existantes.\n"
    "Sont présentes dans les délibérations les échanges de discussion des conseils municipaux.\n")


def test_sub_items_each_with_its_own_result_are_one_deliberation_each():
    seg = segment(DocumentText.from_text(CREATION_DE_POSTES))
    titles = [s.title for s in seg.segments]
    assert titles[1:4] == ["Emploi permanent d’adjoint administratif (stagiaire) : Délibération n° 2023_038_D (Voir annexe)",
                           "Emploi permanent d'adjoint technique (stagiaire) : Délibération n° 2023 _039_D (Voir annexe)",
                           "Emploi permanent d’adjoint technique (par voie de mutation) aucune délibération"]
    rejected = seg.segments[3]
    assert "4 Abstention 7 Contre 0 Pour" in seg.text_of(rejected) and "Délégation" not in seg.text_of(rejected)


def test_a_list_inside_one_decision_is_not_split():
    # the articles of one decision, each bulleted, after "DÉCIDE :"
    text = ("1. TARIFS DE LA CANTINE\nAprès en avoir délibéré, le conseil municipal DÉCIDE :\n"
            "- de fixer le tarif du repas à 3,50 €, adopté à l'unanimité des présents\n"
            "- d'autoriser le Maire à signer la convention, adopté à l'unanimité\n"
            "2. VOIRIE\nLe maire expose.\nAdopté à l'unanimité.\n")
    seg = segment(DocumentText.from_text(text))
    assert [s.title for s in seg.segments] == ["TARIFS DE LA CANTINE", "VOIRIE"]


def test_a_delegation_granted_by_a_vote_is_a_deliberation_a_report_of_delegated_decisions_is_not():
    seg = segment(DocumentText.from_text(CREATION_DE_POSTES))
    assert seg.segments[-1].title.startswith("Délégation du conseil au maire pour modifier")
    report = ("1. TARIFS\nLe maire expose.\nAdopté à l'unanimité.\n"
              "2. Délégation du conseil au maire\nLe maire rend compte des décisions prises : achat d'un tracteur.\n"
              "Le conseil prend acte.\n3. VOIRIE\nLe maire expose.\nAdopté à l'unanimité.\n")
    assert [s.title for s in segment(DocumentText.from_text(report)).segments] == ["TARIFS", "VOIRIE"]


def test_the_word_deliberations_alone_decides_nothing():
    assert not P.DECISION_RE.search("Sont présentes dans les délibérations les échanges de discussion")
    assert P.DECISION_RE.search("Après en avoir délibéré, le conseil")


def test_an_item_whose_only_decision_is_its_result_or_the_registre_formula_is_kept():
    # saint_restitut 2017 and 2020 (unlabelled, OCR): no decision verb, only the result or the formula
    text = ("1. TARIFS DE LA CANTINE\nLe maire expose.\nAdopté à l'unanimité.\n"
            "2. AVENANT N°2 BERTHOULY RACCORDEMENT ASSAINISSEMENT\nMontant de l’AVENANT : 14.336.80 € HT\n"
            "Accord du conseil par 3 ABSTENTIONS (C.BOURRETTE/M.DENISE — N.GALIANA) et 10 POUR\n"
            "3. VENTE PARCELLE COMMUNALE G 148 CHEMIN DE LA COTE\nUn prix de vente fixé à 3.00 euros le m2.\n"
            "Délibération prise en ce sens.\n"
            "4. SPANC RAPPORT ANNUEL EXERCICE 2016\nCe rapport est consultable en mairie.\nPas de délibération.\n"
            "5. MAM\nLe maire expose.\nAdopté à l'unanimité.\n6. SAFER\nLe maire expose.\nAdopté à l'unanimité.\n")
    seg = segment(DocumentText.from_text(text))  # results printed in most items: an item must show its decision
    assert [s.item_number for s in seg.segments] == [1, 2, 3, 5, 6]


def test_headings_repeating_the_agenda_make_minutes_whatever_the_first_page_announces():
    # flaux 31 mars 2021 (unlabelled, OCR): the sidebar's "Objet :" box is read on the first page only, so
    # it is not told as page furniture; the minutes print an agenda and repeat its entries as headings
    text = ("REPUBLIQUE FRANCAISE\nDEPARTEMENT du GARD\nDate de la convocation :\n26 mars 2021\nObjet :\nCompte readu\n"
            "conseil municipal du\n31 mars 2021\nCOMPTE RENDU\ndu CONSEIL MUNICIPAL de la COMMUNE de FLAUX\n"
            "Séance du 31 mars 2021\nPrésents : Denis JUVIN - Catherine MARTEL\n"
            "Nomination du secrétaire\nMonsieur le Maire propose la candidature de Philippe ROUVIER-COROUGE, en\n"
            "qualité de secrétaire pour la présente séance\nVote : à l'unanimité\n"
            "Ordre du jour\nApprobation du compte rendu du conseil du 11 mars 2021\n"
            "M4 - Taux d'imposition des taxes locales - 2021\nM14 - Budget Primitif 2021\nM49 - Budget Primitif 2021\n"
            "Convention pour la capture des chats en vue de leur stérilisation\nQuestions diverses\n"
            "Approbation du compte rendu du Conseil Municipal du 11 mars 2021\n"
            "Monsieur le Maire demande s’il ya des observations.\nVote : à l'unanimité\n"
            "M4 - Taux d'imposition des taxes locales - 2021\nMonsieur le Maire explique les nouvelles modalités.\n"
            "Vote : à l'unanimité\nM14 - Budget Primitif 2021\nMonsieur le Maire laisse la parole à la secrétaire.\n"
            "Vote : à l'unanimité\nM49 - Budget Primitif 2021\nMonsieur le Maire présente le budget.\n"
            "Vote : à l'unanimité\nConvention pour la capture des chats en vue de leur stérilisation\n"
            "Monsieur le Maire présente la convention.\nVote : à l'unanimité\nQuestions diverses\nRien.\n")
    seg = segment(DocumentText.from_text(text))
    assert seg.kind == "multi"
    assert [s.title for s in seg.segments] == ["M4 - Taux d'imposition des taxes locales - 2021", "M14 - Budget Primitif 2021",
                                               "M49 - Budget Primitif 2021",
                                               "Convention pour la capture des chats en vue de leur stérilisation"]


SAINT_RESTITUT_2020 = (
    "Réf. : CP/ML\nCOMPTE RENDU DU CONSEIL MUNICIPAL DU\nLUNDI 20 JUILLET 2020 A 18h00\n"
    "En exercice : 15\nPrésents : 14\nVotants : 15\n"
    "L’an deux mille vingt, le 20 juillet, le Conseil Municipal de la commune de SAINT RESTITUT\n"
    "(Drôme), s’est réuni en session ordinaire à la Mairie, sous la présidence de Christine\nFOROT, MAIRE.\n"
    "Etaient présents : W.AUGUSTE - S.MEARY - Y.ARMAND - N.VERDON : adjoints\n"
    "M.MERLIN - M.CECCHINI - S.ROUSSIN - H.CHARANCON - G.JANUEL - F.THEOLAS - C.BOURRETTE -\nB.DUBOIS\n"
    "Absente excusée :\nM.DENISE : procuration à C.BOURRETTE\nSecrétaire de séance : S.MEARY\n"
    "1. SUBVENTIONS AUX ASSOCIATIONS\nLe maire présente les demandes.\nAdopté à l’unanimité.\n"
    "2. BUDGET EAU/ASSAINISSEMENT\nLe budget est approuvé par 3 voix CONTRE (C.BOURRETTE/M.DENISE -\n"
    "B.DUBOIS) et 12 voix POUR.\n")


def test_a_line_of_members_names_is_never_a_heading():
    # saint_restitut 20 juillet 2020 (unlabelled, OCR): the second line of "Etaient présents", in capitals
    from pipeline.stages.segment.headings import names_list_line

    assert names_list_line("M.MERLIN - M.CECCHINI - S.ROUSSIN - H.CHARANCON - G.JANUEL - F.THEOLAS - C.BOURRETTE -")
    assert names_list_line("C.FOROT -T.BUSIN - N.VERDON : adjoints")
    assert not names_list_line("BUDGET EAU - ASSAINISSEMENT - PHOTOVOLTAIQUE")
    assert not names_list_line("M 14 - approbation du compte de gestion")
    # a member by initial glued to the surname is no lettered item; a lettered heading leaves a space
    assert numbering("B.DUBOIS")[0] is None and numbering("B.DUBOIS : sur Le point N°1, rajouter en annexe")[0] is None
    assert numbering("B. Urbanisme")[:2] == ("letter", 2) and numbering("A. TARIFS")[:2] == ("letter", 1)


def test_the_seance_preamble_and_its_lists_open_no_item():
    doc = DocumentText.from_text(SAINT_RESTITUT_2020)
    titles = [c.title for c in find_candidates(doc, [], None, set())]
    assert titles[:2] == ["SUBVENTIONS AUX ASSOCIATIONS", "BUDGET EAU/ASSAINISSEMENT"]  # no "Réf. : CP/ML", "FOROT, MAIRE."
    seg = segment(doc)
    assert [s.item_number for s in seg.segments] == [1, 2]
    assert "B.DUBOIS\nAbsente excusée" in seg.header  # the attendance lists stay in the séance's header


@pytest.mark.parametrize("title", [
    "Approbation du compte rendu du Conseil Municipal du 11 mars 2021",  # flaux 2021
    "Approbation du compte tendu du Conseil Municipal du 25 mats 2022",  # flaux 2022 (unlabelled), OCR: t for r
])
def test_the_approval_of_the_minutes_is_procedure(title):
    assert P.PROCEDURAL_RE.search(title)


def test_an_approval_of_the_minutes_holding_other_results_is_kept():
    # flaux 25 mars 2022 (unlabelled, OCR): the next items' headings were not read, their results follow the approval
    from pipeline.document import Segment
    from pipeline.stages.segment.decisions import decisions_only

    text = ("Approbation du compte tendu du Conseil Municipal du 28 janvier 2022\nMonsieur le Maire demande s'il y a des "
            "observations.\nVote : à l'unanimité\nle compte de gestion est présenté.\nVote : à l'unanimité\n"
            "le compte administratif est présenté.\nVote : à l'unanimité\n"
            "TARIFS\nLe maire expose.\nVote : à l'unanimité\n")
    approval_end = text.index("TARIFS")
    first_line = text.index("\n")
    approval = Segment(index=0, start=0, end=approval_end, heading_end=first_line,
                       title="Approbation du compte tendu du Conseil Municipal du 28 janvier 2022")
    tarifs = Segment(index=1, start=approval_end, end=len(text), heading_end=approval_end + 6, title="TARIFS")
    assert [s.title for s in decisions_only(text, [approval, tarifs])][0].startswith("Approbation")
    alone = text[:text.index("le compte de gestion")]
    only = Segment(index=0, start=0, end=len(alone), heading_end=first_line, title=approval.title)
    assert [s.title for s in decisions_only(alone + "TARIFS\nAdopté à l'unanimité.\n",
                                            [only, Segment(index=1, start=len(alone), end=len(alone) + 29,
                                                           heading_end=len(alone) + 6, title="TARIFS")])] == ["TARIFS"]
