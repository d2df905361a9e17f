"""Séance header: phrasings copied from the corpus."""
import datetime as dt

import pytest

from pipeline.stages.extract.seance import extract_seance
from pipeline.french.names import join_broken_name


def _seance(text: str):
    return extract_seance(text, header_end=len(text))


@pytest.mark.parametrize(
    "text, president",
    [
        ("le jeudi 24 avril 2014 à 18h00, sous la présidence\nde Monsieur le Maire, Philippe SAUREL.\nPrésents :\nFabien ABERT", "Philippe SAUREL"),
        ("à 18h00, sous la présidence de\nMonsieur le Maire, Philippe SAUREL\nPrésents :\nFabien ABERT,Lorraine ACQUIER", "Philippe SAUREL"),
        ("à 10h00, sous la\nprésidence de Monsieur le doyen d’âge de l’Assemblée, Max LEVITA.\nPrésents :", "Max LEVITA"),
        ("s’est réuni au lieu ordinaire de ses séances sous la présidence de Madame\nMichèle BOURBIER, maire.\nPrésents :", "Michèle BOURBIER"),
        ("sous la présidence de Madame Florence\nDEMOUY, maire.\nPrésents : Madame Florence DEMOUY", "Florence DEMOUY"),
        ("se sont réunis dans la salle Jean FERON, sous la présidence de Sébastien LEROUX,\nMaire,\nEtaient présents :", "Sébastien LEROUX"),
        ("dans la salle de la Mairie, sous la Présidence\nde Monsieur Sébastien LEROUX.\nEtaients présents : MM. Serge DRUGEON", "Sébastien LEROUX"),
        ("le Conseil Municipal de Saint-Nazaire s'est\nréuni sous la présidence de M. Joël BATTEUX, Maire.\nEtaient présents :", "Joël BATTEUX"),
        ("Conseillers Municipaux en exercice : 55\nPrésidence de Mme Anne VIGNOT, Maire\nÉtaient présents :", "Anne VIGNOT"),
    ],
)
def test_president(text, president):
    assert _seance(text).president.value == president


@pytest.mark.parametrize(
    "text, date",
    [
        # a mention of the previous sitting must not win over the title
        ("Commune de Pierrefonds\nConseil Municipal du 15 octobre 2015\nL’an deux mille quinze, le 15 octobre à 20h30,\n"
         "Madame le maire rappelle que chacun a été destinataire du compte rendu de la séance du 15 septembre\n2015",
         dt.date(2015, 10, 15)),
        ("Mme le maire ouvre la séance et rappelle que chacun a été destinataire du compte rendu de la séance du 23 août\n2017\n"
         "Conseil Municipal du 3 octobre 2017", dt.date(2017, 10, 3)),
        ("Il est ensuite indiqué qu’était joint à la convocation, le compte-rendu de la séance du 27 janvier 2020\n", None),
        ("Accusé de réception – Ministère de l’intérieur\nSéance publique du\nActe Certifié exécutoire\nEnvoi Préfecture : 25/04/2014\n"
         "jeudi 24 avril 2014\n", dt.date(2014, 4, 24)),
        ("SEANCE DU 9 MARS 2020\nL’an deux mil vingt, le neuf mars à dix neuf heures trente", dt.date(2020, 3, 9)),
        ("PROJET DE RAPPORT DE LA SEANCE\ndu 17 DECEMBRE 2019\n", dt.date(2019, 12, 17)),
        ("SÉANCE DU CONSEIL MUNICIPAL DU 29 FÉVRIER 2012\n5_DELIB_2301201\n", dt.date(2012, 2, 29)),
        ("Séance du lundi 1 février 2016\nDate de Convocation : mardi 26 janvier 2016\n", dt.date(2016, 2, 1)),
        # the preamble alone, day and year in words
        ("L’an deux mil vingt le vingt sept juillet à vingt heures trente, les membres du Conseil", dt.date(2020, 7, 27)),
        ("L’an deux mil seize, e, le cinq janvier, r, à vingt heures trente", dt.date(2016, 1, 5)),
        ("C-R du Conseil municipal\n+ Vendredi 29 janvier 2021, 18:30.\n", dt.date(2021, 1, 29)),
        # lalouvesc 2023 extract (OCR): "du mois de" between the day and the month
        ("DE LA COMMUNE DE LALOUVESC\nL'an deux mille vingt-trois, le onze du mois de décembre à vingt heures, le\n"
         "conseil municipal de cette commune", dt.date(2023, 12, 11)),
        # a stamp's date under its label opens a line before the séance: it is the stamp's (Besançon)
        ("RECU EN PREFECTURE\nLe 02 mars 2023\nVIA DOTEL\n02/03/2023\nEXTRAIT DU REGISTRE\n"
         "des Délibérations du Conseil Municipal\nSéance du 23 février 2023\n", dt.date(2023, 2, 23)),
        ("CR du conseil municipal 09 avril 2021\nPrésents : Jean-Pierre, Yves", dt.date(2021, 4, 9)),  # couthenans
        # the convocation's label left its date on the next line (flaux 2022, unlabelled scan, OCR as read)
        ("Date de la :\n21 mars 2022\nCorapte rendu\ncomeil municipal du\n25 2022\n"
         "L'an deux mille vingt-deux le vingt-cinq mars à dixhuit heures trente,\n", dt.date(2022, 3, 25)),
    ],
)
def test_seance_date(text, date):
    found = _seance(text).seance_date
    assert (found.value if found else None) == date


@pytest.mark.parametrize(
    "text, date",
    [
        ("les membres du Conseil Municipal de la Commune de PUTANGES-\nLE-LAC, convoqués le quatre mars deux mil dix neuf, se sont réunis",
         dt.date(2019, 3, 4)),
        ("convoqués le vingt et un novembre deux mil dix sept, se sont réunis", dt.date(2017, 11, 21)),
        ("Convoqué le 17 avril 2014 , le Conseil Municipal", dt.date(2014, 4, 17)),
        ("Date de Convocation : mardi 26 janvier 2016", dt.date(2016, 1, 26)),
    ],
)
def test_convocation(text, date):
    assert _seance(text).convocation_date.value == date


@pytest.mark.parametrize(
    "text, name",
    [
        ("COMMUNE DE PUTANGES -LE -LAC\nSEANCE DU 16 NOVEMBRE 2020", "COMMUNE DE PUTANGES-LE-LAC"),
        ("les membres du Conseil Municipal de la Commune de PUTANGES-\nLE-LAC, convoqués le", "Commune de PUTANGES-LE-LAC"),
        ("Commune de PUTANGES LE LAC\nSéance du 5 janvier 2016", "Commune de PUTANGES LE LAC"),
        ("Convoqué le 17 avril 2014 , le Conseil Municipal de la Ville de Montpellier s'est réuni", "Ville de Montpellier"),
        ("Extrait du registre des\ndélibérations du Conseil\nMunicipal de la Ville de\nMontpellier\nn° 2014 / 144", "Ville de Montpellier"),
        ("DEPARTEMENT DE LOIRE-ATLANTIQUE\nVILLE DE SAINT-NAZAIRE\n", "VILLE DE SAINT-NAZAIRE"),
        ("Ville de BOURG-EN-BRESSE - Conseil Municipal du lundi 1er Février 2016", "Ville de BOURG-EN-BRESSE"),
        ("s'est réuni à l'hôtel de Ville de Besançon en présentiel", "Ville de Besançon"),
        ("A l’attention des membres du Conseil municipal de COUTHENANS\n", "COUTHENANS"),
        # saint_restitut (unlabelled) 2016: the name broken after "SAINT"
        ("le Conseil Municipal de la commune de SAINT\nRESTITUT (Drôme), s'est réuni en session ordinaire",
         "commune de SAINT RESTITUT"),
    ],
)
def test_collectivite(text, name):
    assert _seance(text).collectivite.value == name


def test_a_place_never_runs_on_over_a_line_break_but_after_saint():
    assert _seance("Commune de Flaux\nLe Conseil Municipal s'est réuni").collectivite.value == "Commune de Flaux"


def test_a_commune_named_in_the_agenda_or_an_item_title_is_not_the_council():
    # flaux 17 novembre 2023 (OCR): the header names no commune; the agenda and item 5 name the
    # commune whose withdrawal is voted, item 1's exposé names the council's own
    agenda = ("Ordre du jour\nConvention d'adhésion au service Médecine préventive\n"
              "Demande de retrait de la commune de Castillon du Gard de la Communauté\n")
    item = "Convention d'adhésion au service Médecine préventive\n"
    text = ("REPUBLIQUE FRANCAISE\nDEPARTEMENT du GARD\nPROCES VERBAL\n" + agenda + item +
            "La commune de Flaux confie au CDG 30 depuis de nombreuses années le traitement\n")
    agenda_start = text.index("Ordre du jour")
    item_start = text.index(item, agenda_start + len(agenda))
    titles = [(agenda_start, agenda_start + len(agenda)), (item_start, item_start + len(item))]
    found = extract_seance(text, header_end=item_start, item_titles=titles)
    assert found.collectivite.value == "commune de Flaux"
    assert text[found.collectivite.start : found.collectivite.end] == "commune de Flaux"
    # named nowhere else: the agenda's name is all there is, and it is kept
    alone = text[: item_start + len(item)]
    assert extract_seance(alone, header_end=item_start, item_titles=titles).collectivite.value == (
        "commune de Castillon du Gard")


@pytest.mark.parametrize(
    "text, name",
    [
        ("Secrétaire : Monsieur LEBLANC\n_________", "LEBLANC"),
        ("Le conseil a choisi pour secrétaire : Mme Charlène LHEUREUX\n", "Charlène LHEUREUX"),
        ("Secrétaire :\nMme Frédérique BAEHR\nÉtaient absents :", "Frédérique BAEHR"),
        ("Secrétaire de séance : , , a été désigné en qualité de Secrétaire de Séance et a déclaré accepter", None),
        # flaux 2023 (OCR): proposed in a sentence, NOM Prénom turned round
        ("Monsieur le Maire propose la candidature de Mme MICHOT Patricia\nen qualité de secrétaire pour la présente séance",
         "Patricia MICHOT"),
    ],
)
def test_secretaire(text, name):
    found = _seance(text).secretaire
    assert (found.value if found else None) == name


@pytest.mark.parametrize(
    "text, n",
    [
        ("Nombre de Conseillers en exercice : 39\n", 39),
        ("Conseillers Municipaux en exercice : 55\nPrésidence de Mme Anne VIGNOT, Maire\n", 55),
        ("a rappelé l’arrêté de création de la commune nouvelle du 26 novembre 2015 fixant le nombre de\nsièges à 51 répartis", 51),
        ("Le conseil municipal s'est réuni.\n", None),
    ],
)
def test_members_in_office(text, n):
    found = _seance(text).members_in_office
    assert (found.value if found else None) == n


@pytest.mark.parametrize(
    "raw, joined",
    [
        ("Madame Michèle\nBOURBIER", "Madame Michèle BOURBIER"),
        ("Philippe SAUREL\nPrésents ", "Philippe SAUREL"),
        ("Philippe Saurel", "Philippe Saurel"),
    ],
)
def test_join_broken_name(raw, joined):
    assert join_broken_name(raw) == joined


def test_spans_point_at_the_value():
    text = "Commune de Pierrefonds\nConseil Municipal du 15 octobre 2015\n"
    found = _seance(text)
    assert text[found.seance_date.start : found.seance_date.end] == "15 octobre 2015"
    assert text[found.collectivite.start : found.collectivite.end] == "Commune de Pierrefonds"


@pytest.mark.parametrize(
    "text, present, voting",
    [
        ("Membres en exercice : 29\nMembres présents : 27\nMembres votants : 28\n", 27, 28),  # Audierne
        ("Nombre de Conseillers en exercice : 15 - Présents 14 - Votants 14-Le quorum étant atteint\n", 14, 14),  # Preuilly
        ("Nombre de membres présents : 9\nsuffrages exprimés : 11\n", 9, None),  # Lalouvesc, finance-software extract
        ("En exercice 11\nQui ont pris part à la Délibération : 10\n", None, 10),  # Lalouvesc, two-column extract
        ("Présents : M. Jean MARTIN, Mme Anne DUPONT\n", None, None),  # a list, not a count
    ],
)
def test_printed_counts_beside_the_lists(text, present, voting):
    found = extract_seance(text, header_end=len(text))
    assert (found.members_present.value if found.members_present else None) == present
    assert (found.members_voting.value if found.members_voting else None) == voting


def test_president_before_a_dash_and_his_title():
    # flaux 2023: "sous la présidence de Monsieur Denis JUVIN - Maire"
    found = _seance("salle de réunion de la mairie, sous la présidence de Monsieur Denis JUVIN - Maire\nPrésents :").president
    assert found.value == "Denis JUVIN"


def test_a_sidebar_captioning_another_sitting_does_not_date_this_one():
    # flaux 2023: the sidebar repeated on every page (running lines) is read before the minutes' own header
    text = "Objet :\nCompte rendu\nconseil municipal du\n7 novembre 2023\nPROCES VERBAL\nSéance du 17 novembre 2023\n"
    sidebar = "Objet :\nCompte rendu\nconseil municipal du\n7 novembre 2023"
    own = text.replace(sidebar, " " * len(sidebar))
    assert len(own) == len(text)
    assert extract_seance(text, len(text)).seance_date.value == dt.date(2023, 11, 7)  # the sidebar comes first
    assert extract_seance(text, len(text), own_text=own).seance_date.value == dt.date(2023, 11, 17)


def test_members_in_office_read_by_ocr_with_letters_for_digits():
    # lalouvesc 2023 extract 033 (OCR of a two-column grid): "11" read "il", the next column on the same line
    text = "Date de convocation : 06/12/2023 VOTES\nNombre de membres en exercice : il Pour ; 10\n"
    found = _seance(text)
    assert found.members_in_office.value == 11
    assert text[found.members_in_office.start : found.members_in_office.end] == "il"
    assert _seance("Conseillers en exercice : 15\n").members_in_office.value == 15
    # a word, not a misread number: upper-case L is no confusion OCR makes for 1 in a count
    assert _seance("Nombre de membres en exercice : LL\n").members_in_office is None
