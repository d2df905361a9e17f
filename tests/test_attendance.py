"""Attendance lists and body events, with phrasings copied from the corpus (text as the pipeline
sees it, line breaks included)."""
from __future__ import annotations

import pytest

from models import AttendanceStatus as S
from pipeline.french.patterns import attendance as P
from pipeline.stages.extract.attendance import extract_attendance, extract_item_events, parse_item_ranges, person_name
from pipeline.stages.resolve import resolve_item


def _people(header: str) -> dict[str, tuple[str, str | None]]:
    """Each listed person's status for the whole séance (best claim: present > represented > absent)."""
    return {r.person: (r.status.value, r.proxy) for r in resolve_item(extract_attendance(header), None)}


# ------------------------------------------------------------------ section labels
@pytest.mark.parametrize("line, group", [
    ("Présents : Madame Michèle BOURBIER, Monsieur Bernard ROBERT", "present"),                       # pierrefonds
    ("Étaient présents :\nMme Elise AEBISCHER", "present"),                                              # besançon
    ("Etaients présents : MM. Serge DRUGEON", "present"),                                                # putanges 2019 (typo)
    ("Absents ayant voté par procuration en application de l'article L 2121-20 du Code\nGénéral des Collectivités Territoriales :", "represented"),  # montpellier
    ("Pouvoirs :\nMonsieur Guy FRIEDRICH à Monsieur Michel LEBLANC,", "represented"),                   # pierrefonds
    ("Procurations de vote :\nM. Guillaume BAILLY à M. Ludovic FAGAUT", "represented"),                  # besançon
    ("Absent ayant donné procuration : Mr Roland LEFOYER à Mr Serge DRUGEON", "represented"),           # putanges 2019
    ("Excusés ayant donné procuration :", "represented"),                                               # bourg-en-bresse
    ("Absents excusés :\n− Madame Dolorès HUDO", "absent"),                                               # pierrefonds 2015
    ("Absente excusée : Mme Catherine CASTEL.", "absent"),                                                # putanges 2019
    ("Non excusé : Mathieu (pas de pouvoir donné).", "absent"),                                          # couthenans
    ("Absent\nHélène", "absent"),                                                                         # couthenans: label alone on its line
    ("Etait absent non excusé : F.THEOLAS", "absent"),                                                   # saint_restitut 2016 (one member)
    ("Etait présente : Mme X", "present"),
])
def test_section_labels(line, group):
    m = P.ATTENDANCE_SECTION_RE.search("\n" + line)
    assert m is not None and m[group]


@pytest.mark.parametrize("line", ["Absentéisme des agents : 3 %", "Présentation du budget primitif"])
def test_words_starting_like_labels_are_not_labels(line):
    assert P.ATTENDANCE_SECTION_RE.search("\n" + line) is None


# ------------------------------------------------------------------ whole headers
MONTPELLIER = (
    "Présents :\nFabien ABERT,Lorraine ACQUIER,Luc ALBERNHE,Rémi ASSIE, Guy BARRAL,Maud BODKIN,Djamel BOUMAAZ,"
    "Françoise BONNET,Sabria BOUALLAGA, Anne BRISSAUD,Nancy CANAUD,Gérard CASTRE, Mylène\n-\nCHARDES ,Robert COTTE,\n"
    "Sauveur TORTORICI, Annie YAGUE, Rabii YOUSSOUS.\n"
    "Absents ayant voté par procuration en application de l'article L 2121-20 du Code\n"
    "Général des Collectivités Territoriales :\n"
    "Stéphanie JANNIN,Bernard TRAVIER,Dominique MARTIN-PRIVAT.\n"
    "Absents :\n"
    "Election d'un Adjoint au Maire\n"
    "Monsieur le Maire rapporte :\n"
)


def test_montpellier_header():
    people = _people(MONTPELLIER)
    assert people["Sabria BOUALLAGA"] == ("present", None)  # not split on "a "
    assert people["Mylène CHARDES"] == ("present", None)  # a stray hyphen line inside the name
    assert people["Stéphanie JANNIN"] == ("represented", None)  # holder not printed
    assert people["Dominique MARTIN-PRIVAT"] == ("represented", None)
    assert not any("Election" in p or "Adjoint" in p for p in people)  # the objet after "Absents :" is no person
    assert len(people) == 20


@pytest.mark.parametrize("after_absents", [
    "Patrick VIGNAL\nSOCIETES LOCALES D'EPARGNE\nGroupe Caisse d'Epargne\n",
    "Patrick VIGNAL\nFoncier\nDéclassement du domaine public communal\n",
])
def test_montpellier_absent_followed_by_the_title(after_absents):
    people = _people("Présents :\nFabien ABERT,Lorraine ACQUIER.\nAbsents :\n" + after_absents + "Monsieur le Maire rapporte :\n")
    assert people == {"Fabien ABERT": ("present", None), "Lorraine ACQUIER": ("present", None), "Patrick VIGNAL": ("absent", None)}


@pytest.mark.parametrize("after_absents", [
    "Association FESTIVAL RADIO FRANCE\net Montpellier Languedoc-Roussillon\n",
    "Quartier des Cévennes\n",
    "Commission des HALLES et MARCHES -\nDésignation des membres de la commission interne\n",
])
def test_montpellier_empty_absent_list(after_absents):
    people = _people("Présents :\nFabien ABERT,Lorraine ACQUIER.\nAbsents :\n" + after_absents + "Monsieur le Maire rapporte :\n")
    assert set(people) == {"Fabien ABERT", "Lorraine ACQUIER"}


PIERREFONDS_2017 = (
    "Présents : Madame Michèle BOURBIER, Monsieur Bernard ROBERT, Monsieur Michel LEBLANC,\n"
    "Madame Florence DEMOUY, Madame Jacqueline HEURTAULT, Monsieur Laurent LAMAND, Madame\n"
    "Françoise SMESSAERT, Monsieur Jean-Marc GOSSOT, Madame Emmanuelle DANAN.\n"
    "Pouvoirs :\n"
    "Monsieur Guy FRIEDRICH à Monsieur Michel LEBLANC,\n"
    "Monsieur Damien BARATTE à Monsieur Laurent LAMAND\n"
    "Madame Dolorès HUDO à Monsieur Jean-Marc GOSSOT,\n"
    "Absents (départs en cours de séance) :\n"
    "Monsieur Jean-Marc GOSSOT, Mme Dolorès HUDO, à compter de 21h49\n"
    "Secrétaire : Monsieur Michel LEBLANC\n"
)


def test_pierrefonds_one_proxy_per_line_without_commas():
    people = _people(PIERREFONDS_2017)
    assert people["Françoise SMESSAERT"] == ("present", None)  # "Madame\nFrançoise SMESSAERT"
    assert people["Damien BARATTE"] == ("represented", "Laurent LAMAND")
    assert people["Dolorès HUDO"] == ("represented", "Jean-Marc GOSSOT")
    assert people["Guy FRIEDRICH"] == ("represented", "Michel LEBLANC")


def test_pierrefonds_bullets_and_excused_one_per_line():
    header = (
        "Présents : Madame Michèle BOURBIER, Monsieur Bernard ROBERT.\n"
        "Pouvoirs :\n\uf02d Madame Dolorès HUDO à Monsieur Jean-Marc GOSSOT\n\uf02d Madame Isabelle SIGAUD à Madame Florence DEMOUY\n"
        "Absents :\nMonsieur Antonio MENDES\nMonsieur Jean-Marc GOSSOT, excusé\nMadame Dolorès HUDO\n"
        "Secrétaire : Monsieur Michel LEBLANC\n"
    )
    people = _people(header)
    assert people["Isabelle SIGAUD"] == ("represented", "Florence DEMOUY")
    assert people["Antonio MENDES"] == ("absent", None)
    assert people["Jean-Marc GOSSOT"] == ("absent", None)  # "Monsieur Jean-Marc GOSSOT, excusé"


def test_hyphenated_civilite_at_line_end():
    people = _people("Présents : Monsieur Romain RIBEIRO, Ma-\ndame Marie-Alice DEBUISSER, Mon-\nsieur Ronan TANGUY.\n")
    assert set(people) == {"Romain RIBEIRO", "Marie-Alice DEBUISSER", "Ronan TANGUY"}


PUTANGES_2016 = (
    "Etaient présents : MM. DRUGEON Serge, LEFOYER Roland, PICHONNIER Jean -Paul,\n"
    "CRUBLE Gérard, BAECHLER\nLudovic, GOHIN Jean -Pierre, GUIBOUT Monique, GREUSARD Nelly.\n"
    "Etaient absents : MM. PICHONNIER Sylvain, MARTINEAU Jacques, LEVEQUE Franck, DUBU\n"
    "Paulette\n"
    "1\n\n"
    "Absent ayant donné procuration : Mme CASTEL Catherine à Mme DUARTE Françoise\n"
    "Le conseil a choisi pour secrétaire : Mme Florence PANNIER-GICQUEL\n"
)


def test_putanges_2016_nom_prenom_order():
    people = _people(PUTANGES_2016)
    assert people["Jean-Paul PICHONNIER"] == ("present", None)
    assert people["Ludovic BAECHLER"] == ("present", None)
    assert people["Paulette DUBU"] == ("absent", None)  # wrapped over a page number
    assert people["Catherine CASTEL"] == ("represented", "Françoise DUARTE")
    assert "Florence PANNIER-GICQUEL" not in people


def test_putanges_2020_proxies_with_stray_comma_line():
    header = (
        "Etaient présents : MM Sébastien LEROUX, Sylvain GAUDIN, Stéphane GACOIN.\n"
        "Absents ayant donné procuration : Mr Ludovic BAECHLER donne procuration à Mr Sébastien LEROUX Mme\n,\n"
        "Hélène MAUGER donne procuration à Mr Stéphane GACOIN , Mme Véronique DELAUNAY donne procuration à\n"
        "Mr Sylvain GAUDIN\nAbsente excusée : Mme DESMARES Elisabeth\nAbsents : Mr Stéphane AUVRAY, Mr Sébastien BEAUFRERE\n"
        "Secrétaire : Mr Mickaël AGOSTINI\n"
    )
    people = _people(header)
    assert people["Ludovic BAECHLER"] == ("represented", "Sébastien LEROUX")
    assert people["Hélène MAUGER"] == ("represented", "Stéphane GACOIN")
    assert people["Véronique DELAUNAY"] == ("represented", "Sylvain GAUDIN")
    assert people["Elisabeth DESMARES"] == ("absent", None)
    assert people["Sébastien BEAUFRERE"] == ("absent", None)


def test_couthenans_asterisk_codes():
    header = (
        "+ Présents : Jean-Pierre (Pr*), Anne-Marie, Nelly, Agnès (Pr**), Maryline (Pr***), Jacques (Pr****), Mario,\n"
        "Matthieu, Patrick, Yves.\n"
        "+ Absents excusés : Marielle (Pr**), Adeline (Pr***), Hélène (Pr****), Marc, David (Pr*).\n"
        "Ordre du jour :\n"
    )
    people = _people(header)
    assert people["David"] == ("represented", "Jean-Pierre")
    assert people["Marielle"] == ("represented", "Agnès")
    assert people["Hélène"] == ("represented", "Jacques")
    assert people["Marc"] == ("absent", None)
    assert people["Jean-Pierre"] == ("present", None)


def test_couthenans_ampersand_and_label_alone():
    header = (
        "Présents :\nJean-Pierre, Yves, Jacques, Mathieu, Patrick, Maryline, Anne-Marie, Mario, Nelly, Agnès, Marc, Marielle, David &\n"
        "Adeline (procuration à Mario)\nAbsent\nHélène\nOrdre du jour :\n1. Subventions associatives\n"
    )
    people = _people(header)
    assert people["David"] == ("present", None)
    assert people["Adeline"] == ("represented", "Mario")
    assert people["Hélène"] == ("absent", None)
    assert len(people) == 15


def test_couthenans_slash_separated_excused_with_given_proxies():
    header = (
        "Présents : Jean-Pierre, Yves, Agnès, Mario, Adeline.\n"
        "Excusés : Maryline (pas de pouvoir donné) / Marielle (pouvoir donné à Agnès) / Marc (pouvoir donné à Mario) /\n"
        "Mathieu (pas de pouvoir donné)\nNelly arrivée à 18H45. Départ à 19H25.\n"
    )
    people = _people(header)
    assert people["Maryline"] == ("absent", None)
    assert people["Marielle"] == ("represented", "Agnès")
    assert people["Marc"] == ("represented", "Mario")
    assert people["Mathieu"] == ("absent", None)
    assert not any("Nelly" in p for p in people)


def test_short_holder_gets_the_listed_name():
    header = (
        "Présents : Jean-Pierre JEANROY, Nelly WIDMER, Adeline TEXEIRA.\n"
        "Excusés : Maryline LECESTRE (pouvoir donné à M. JEANROY) / Mario VOLANTI (pouvoir donné à Mme TEXEIRA) /\n"
        "Mathieu FIGINI (pouvoir donné à Nelly).\n"
    )
    people = _people(header)
    assert people["Maryline LECESTRE"] == ("represented", "Jean-Pierre JEANROY")
    assert people["Mathieu FIGINI"] == ("represented", "Nelly WIDMER")


@pytest.mark.parametrize("entry, holder", [
    ("Mme Frédérique BAEHR (pouvoir à M. Anthony POULIN)", "Anthony POULIN"),
    ("Mme Frédérique BAEHR représentée par M. Anthony POULIN", "Anthony POULIN"),
    ("Mme Frédérique BAEHR a donné procuration à M. Anthony POULIN", "Anthony POULIN"),
    ("Mme Frédérique BAEHR (pouvoir donné à M. Anthony POULIN)", "Anthony POULIN"),
    ("Mme Frédérique BAEHR à donné procuration à Mme Armelle BRARD", "Armelle BRARD"),  # audierne 2022: OCR read "a" as "à"
])
def test_proxy_phrasings(entry, holder):
    people = _people("Présents : M. Anthony POULIN, Mme Elise AEBISCHER.\nAbsents excusés : " + entry + ", M. Cyril DEVESA (excusé).\n")
    assert people["Frédérique BAEHR"] == ("represented", holder)
    assert people["Cyril DEVESA"] == ("absent", None)


# ------------------------------------------------------------------ item ranges
@pytest.mark.parametrize("condition, ranges", [
    ("à compter de la question n° 7", [(7, None)]),
    ("jusqu'à la question n° 21 incluse", [(None, 21)]),
    ("pour la question n° 8", [(8, 8)]),
    ("de la question n° 9 à la question n° 20 incluse", [(9, 20)]),
    ("jusqu'à la question n° 7 incluse et à compter de la question n° 9", [(9, None), (None, 7)]),
    ("jusqu'à la question n° 8 incluse et de la question n° 21 à la question n° 25 incluse", [(21, 25), (None, 8)]),
    ("de la question n° 9 à la question n° 20 incluse et à compter de la question n° 26", [(9, 20), (26, None)]),
    ("arrivée à la délibération n° 5", [(5, None)]),
    ("arrivé à 20h41", None),
])
def test_item_ranges(condition, ranges):
    got = parse_item_ranges(condition)
    assert (sorted(got, key=str) if got else got) == (sorted(ranges, key=str) if ranges else ranges)


# ------------------------------------------------------------------ names
@pytest.mark.parametrize("raw, name", [
    ("MM. DRUGEON Serge", "Serge DRUGEON"),
    ("PICHONNIER Jean -Paul", "Jean-Paul PICHONNIER"),
    ("FOUREY-BECHET Monique", "Monique FOUREY-BECHET"),
    ("Mme DESMARES Elisabeth", "Elisabeth DESMARES"),
    ("Henri DE VERBIZIER", "Henri DE VERBIZIER"),
    ("Sébastien LEROUX Mme", "Sébastien LEROUX"),
    ("Sabria BOUALLAGA", "Sabria BOUALLAGA"),
    ("Jean-Pierre", "Jean-Pierre"),
])
def test_person_name(raw, name):
    assert person_name(raw) == name


# ------------------------------------------------------------------ events in a procès-verbal body
def _events(text: str):
    return [(e.person, e.status, e.temporary, e.carried, e.after_vote) for e in extract_item_events(text, 0)]


def test_leaves_for_the_item_only():
    text = ("Monsieur Bernard ROBERT, ayant un intérêt personnel à cette question, ne prend pas part au vote et\n"
            "quitte la pièce le temps de son examen.")
    assert _events(text) == [("Bernard ROBERT", S.ABSENT, True, None, False)]


def test_leaves_carrying_a_proxy():
    text = "Après un vif échange, M.GOSSOT quitte la séance à 21h49 avec par conséquent le pouvoir donné par Mme\nHUDO."
    assert _events(text) == [("GOSSOT", S.ABSENT, False, "HUDO", False)]


def test_leaving_sentence_keeps_only_the_name():
    text = "Mme SIGAUD doit partir pour raisons personnelles et s’en excuse, elle quitte la séance à 22h24."
    assert _events(text) == [("SIGAUD", S.ABSENT, False, None, False)]


def test_arrival_after_the_vote():
    text = "Vote : Pour à l’unanimité\nArrivée de M.TANGUY à 20h41 après le vote de la première question."
    assert _events(text) == [("TANGUY", S.PRESENT, False, None, True)]


def test_withdrawn_maire_delegue():
    text = "Après que se soit retirée Mme Monique GUIBOUT, Maire délégué de la commune historique de SAINT CROIX SUR"
    assert _events(text) == [("Monique GUIBOUT", S.ABSENT, True, None, False)]


def test_not_voting_without_leaving_is_no_event():
    assert _events("Mme DANAN, M. GOSSOT et Mme HUDO ne prennent pas part au vote.") == []


def test_saint_restitut_initials_dashes_and_a_lone_absent():
    # CR du 31 mars 2016 (unlabelled scan), OCR text as read: "-—" between names, a singular
    # "Etait absent non excusé" after four proxies one per line
    header = (
        "Etaient présents : C.FOROT — N.VERDON -— T.BUSIN : adjoints\n"
        "S.MEARY — H.CHARANCON - N.GALIANA -—I.MEJEAN [arrivée en retard)\n"
        "M.DENISE — C.BOURRETTE\n"
        "Etaient absents excusés :\n"
        "W.AUGUSTE : procuration à C.FOROT\nP.MATHIAS : procuration à Y.ARMAND\n"
        "F.RUSSO : procuration à S.MEARY\nB.DUBOIS : procuration à T.BUSIN\n"
        "Etait absent non excusé : F.THEOLAS\nSecrétaire de séance : S.MEARY\n"
    )
    people = _people(header)
    assert [p for p, (status, _) in people.items() if status == "present"] == [
        "C.FOROT", "N.VERDON", "T.BUSIN", "S.MEARY", "H.CHARANCON", "N.GALIANA", "I.MEJEAN", "M.DENISE", "C.BOURRETTE"]
    assert people["B.DUBOIS"] == ("represented", "T.BUSIN")
    assert people["F.THEOLAS"] == ("absent", None)


def test_saint_restitut_hyphen_glued_to_the_next_initial():
    # CR du 6 décembre 2016 read by OCR at 200 dpi: "C.FOROT -T.BUSIN"
    header = ("Etaient présents :\nC.FOROT -T.BUSIN — N.VERDON W.AUGUSTE {arrivé en retard à 19h50) : adjoints\n"
              "S.MEARY — P.MATHIAS\nEtaient absents excusés :\nF.RUSSO : procuration à S.MEARY\n")
    people = _people(header)
    assert [p for p, (status, _) in people.items() if status == "present"] == [
        "C.FOROT", "T.BUSIN", "N.VERDON", "W.AUGUSTE", "S.MEARY", "P.MATHIAS"]


def test_flaux_two_members_whose_dash_ocr_lost_are_two():
    # flaux compte rendu du 16 juin 2021 (unlabelled, OCR): "Alessandra STURANI Valérie UPPHOFF" in a dashed list;
    # the printed "qui ont pris part à la délibération : 11" (9 present + 2 proxies) holds only with two
    header = ("Présents : Denis JUVIN - Patricia MICHOT - Muriel NIGGEL - Alessandra\n"
              "STURANI Valérie UPPHOFF - Catherine VINAS - Jean-Pierre PLUS\n"
              "- Philippe VINÇON - Philippe ROUVIER - COROUGE\nAbsent :\n")
    present = [p for p, (status, _) in _people(header).items() if status == "present"]
    assert present == ["Denis JUVIN", "Patricia MICHOT", "Muriel NIGGEL", "Alessandra STURANI", "Valérie UPPHOFF",
                       "Catherine VINAS", "Jean-Pierre PLUS", "Philippe VINÇON", "Philippe ROUVIER-COROUGE"]
    # one member with two surnames joined by "épouse" stays one
    assert list(_people("Présents : Denis JUVIN - Marie MARTIN Epouse DUPONT - Muriel NIGGEL\n")) == [
        "Denis JUVIN", "Marie MARTIN Epouse DUPONT", "Muriel NIGGEL"]
