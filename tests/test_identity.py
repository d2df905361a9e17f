"""A délibération's identity: phrasings copied from the corpus."""
import pytest

from pipeline.stages.extract.identity import extract_identity, speakers
from pipeline.stages.resolve import link_speakers
from pipeline.document import Segment

MONTPELLIER_HEAD = (
    "Extrait du registre des\ndélibérations du Conseil\nMunicipal de la Ville de\nMontpellier\nn° 2014 / 144\n"
    "Convoqué le 17 avril 2014 , le Conseil Municipal de la Ville de Montpellier s'est réuni\n"
    "Absents ayant voté par procuration en application de l'article L 2121-20 du Code\n"
    "Général des Collectivités Territoriales :\nStéphanie JANNIN,Bernard TRAVIER,Dominique MARTIN-PRIVAT.\n"
)


def _single(text: str):
    return extract_identity(Segment(0, 0, len(text), 0), text, whole_document=True, header=text)


def _item(text: str, number: int):
    first_line = text.find("\n")
    return extract_identity(Segment(number - 1, 0, len(text), first_line, item_number=number), text, whole_document=False, header="")


@pytest.mark.parametrize(
    "text, numero",
    [
        # the sidebar number, not the one of another délibération quoted in the body
        (MONTPELLIER_HEAD + "Absents :\nElection d'un Adjoint au Maire\nMonsieur le Maire rapporte :\n"
         "Le Conseil municipal, en sa séance du 24 avril 2014, a modifié la délibération n°2014/131 déterminant le\n", "2014/144"),
        ("OBJET : 27. Pacte pour l'émancipation de la jeunesse de Planoise\nDélibération n° 2023/007093\n", "2023/007093"),
        ("Nombre de Conseillers en exercice : 39\nN° 2016.02.16 - Subvention à l'association Énergie Coopération\n", "2016.02.16"),
        ("SÉANCE DU CONSEIL MUNICIPAL DU 29 FÉVRIER 2012\n5_DELIB_2301201\n", "5_DELIB_2301201"),
    ],
)
def test_numero(text, numero):
    assert _single(text).numero.value == numero


@pytest.mark.parametrize(
    "block, objet",
    [
        ("Absents :\nSociété Publique Locale d'Aménagement\nDésignation des représentants de la Ville\nMonsieur le Maire rapporte :\n",
         "Société Publique Locale d'Aménagement Désignation des représentants de la Ville"),
        ("Absents :\nPatrick VIGNAL\nGarantie d’emprunt – Ville de Montpellier/S.E.R.M.\nOpération OVALIE\n"
         "2,5 M€ Banque Postale – 2,5 M€ Crédit Agricole\nMonsieur le Maire, Philippe Saurel, rapporte :\n",
         "Garantie d’emprunt – Ville de Montpellier/S.E.R.M. Opération OVALIE 2,5 M€ Banque Postale – 2,5 M€ Crédit Agricole"),
        ("Absents :\nModalités et conditions de remboursement des frais de déplacement des\nagents territoriaux et des élus\n"
         "Monsieur EL KANDOUSSI rapporte :\n",
         "Modalités et conditions de remboursement des frais de déplacement des agents territoriaux et des élus"),
    ],
)
def test_objet_title_above_speaker(block, objet):
    assert _single(MONTPELLIER_HEAD + block + "Le texte du rapport.\n").objet.value == objet


@pytest.mark.parametrize(
    "text, name, is_maire",
    [
        ("Rapporteur : M. Gilles SPICHER, Adjoint\n", "Gilles SPICHER", False),
        ("Rapporteur : Isabelle MAISTRE\nEXPOSE\n", "Isabelle MAISTRE", False),
        ("Absents :\nElection\nMonsieur le Maire rapporte :\n", None, True),
        ("Absents :\nModification du tableau des effectifs\nMonsieur le Maire, Philippe SAUREL, rapporte :\n", "Philippe SAUREL", False),
        ("Absents :\nDétermination\nPhilippe SAUREL rapporte :\n", "Philippe SAUREL", False),
        ("Absents :\nModalités\nMonsieur EL KANDOUSSI rapporte :\n", "EL KANDOUSSI", False),
    ],
)
def test_rapporteur_single(text, name, is_maire):
    identity = _single(text)
    assert identity.rapporteur_is_president is is_maire
    if not is_maire:
        assert identity.rapporteur.value == name


@pytest.mark.parametrize(
    "text, name, is_maire",
    [
        ("2019-03-01 REPARATION VITRAUX EGLISE – COMMUNE DELEGUEE DE RABODANGES.\n"
         "Monsieur le Maire donne la parole à Monsieur André BRIERE, Président de la commission entretien des bâtiments communaux\n",
         "André BRIERE", False),
        ("2019-04-02 APPROBATION DU COMPTE DE GESTION 2018.\nMonsieur le Maire donne la parole à Monsieur Roger PERRAY Maire délégué de LA FORET AUVRAY, Maire Adjoint de\n",
         "Roger PERRAY", False),
        ("9. Rapport annuel 2018\nMadame le maire passe la parole à Monsieur LEBLANC qui rappelle aux membres du conseil qui ont\n",
         "LEBLANC", False),
        ("7. Autorisation\nMadame le Maire passe la parole à M. PAPIN qui indique que la commune a acquis\n", "PAPIN", False),
        ("10. Rapport\nMonsieur LEBLANC rappelle aux membres du conseil qui ont été destinataires du rapport que le Code\n", "LEBLANC", False),
        ("1. TARIFS DES CIMETIERES\nMonsieur André BRIERE informe l’Assemblée qu’il a réuni la commission\n", "André BRIERE", False),
        ("8. Attribution de cartes cadeaux\nMadame le maire rappelle aux membres du conseil municipal que chaque année\n", None, True),
        ("3. Accord\nUn texte.\nMadame le maire demande aux membres du conseil municipal s’ils sont d’accord pour :\n", None, True),
        ("12. Contrat de sauvegarde\nUn texte.\nLe maire demande aux membres du conseil municipal s’ils sont d’accord pour l’autoriser à signer\n",
         None, True),
        # "Vu ..." opens the item; the maire's statement after it still presents the item
        ("3. Mise en place d’un compte épargne temps (CET) pour les agents\nVu la loi n° 83 -634 du 13 juillet 1983 modifiée,\n"
         "Considérant l'avis du Comité technique en date du 13 novembre 2020,\nMadame le Maire rappelle à l’assemblée que le compte\n",
         None, True),
        ("1. COMMUNE HISTORIQUE\nMadame Annick MACE, Maire délégué de la commune historique, étant absente, Mr le\n"
         "Maire de la commune présente les résultats du compte administratif 2015 comme suit :\n", None, True),
    ],
)
def test_rapporteur_item(text, name, is_maire):
    identity = _item(text, 1)
    assert identity.rapporteur_is_president is is_maire
    if not is_maire:
        assert identity.rapporteur.value == name


@pytest.mark.parametrize(
    "text",
    [
        # a question from a member is not a presentation
        "4. Raccordement\nMonsieur TANGUY demande combien d’offres ont été reçues.\n",
        # the maire as the object of a decision
        "6. Contentieux\n− D’autoriser Madame le maire à ester en justice dans le contentieux\n",
        "4. Raccordement\nMonsieur Bernard ROBERT, ayant un intérêt personnel à cette question, ne prend pas part au vote\n",
    ],
)
def test_no_rapporteur(text):
    assert _item(text, 1).rapporteur is None


def test_speaker_after_the_decision_presents_the_next_items():
    """Putanges 2016: the exposé and its speaker stand before the numbered heading; the floor
    stays with the member it was handed to until someone else is given it."""
    items = [
        ("13. ASSAINISSEMENT - APPROBATION du COMPTE ADMINISTRATIF\nAprès que se soit retiré Mr Jacques MARTINEAU, Mr le Maire de la "
         "commune nouvelle présente les résultats\nAprès avoir entendu et approuvé les comptes, Monsieur le Maire donne la\n"
         "parole à Madame Monique GUIBOUT, l’assemblée devant valider la conformité des comptes\n"),
        ("14. NEUF COMMUNES HISTORIQUES - APPROBATION DES COMPTES DE GESTION –\nPour chacune des 9 communes historiques, le Conseil Municipal ;\n"
         "n’appelle ni observation ni réserve.\nMonsieur le Maire donne la parole à Monsieur Roger PERRAY qui précise qu’après avoir entendu\n"),
        "15. ASSAINISSEMENT de RABODANGES - APPROBATION Du COMPTE DE GESTION\nLe Conseil Municipal ;\nn’appelle ni observation.\n",
        "16. ATELIER RELAIS - APPROBATION du COMPTE DE GESTION\nLe Conseil Municipal ;\nn’appelle ni observation.\n",
    ]
    identities = [_item(text, 13 + i) for i, text in enumerate(items)]
    choices = link_speakers(identities)
    assert choices[0].is_president
    assert [c.found.value for c in choices[1:]] == ["Monique GUIBOUT", "Roger PERRAY", "Roger PERRAY"]


def test_statement_does_not_carry_over():
    """Pierrefonds: "Madame le maire indique" presents one item only."""
    identities = [
        _item("7. Admission en non-valeur\nMadame le maire indique que Madame la trésorière a transmis\nVote : Pour à l’unanimité\n", 7),
        _item("9. Accueil de Loisirs\nPour les vacances de la Toussaint 2015, il y a lieu de voter\nVote : Pour à l’unanimité\n", 8),
    ]
    choices = link_speakers(identities)
    assert choices[0].is_president
    assert choices[1].found is None


def test_speaker_spans():
    text = "1. TARIFS\nMonsieur le Maire donne la parole à Monsieur André BRIERE, Président de la commission\n"
    found = speakers(text, base=100)
    assert [(sp.name, text[sp.start - 100 : sp.end - 100]) for sp in found] == [("André BRIERE", "Monsieur André BRIERE")]


def test_member_presenting_keeps_the_floor():
    """Putanges 2016 (exposé printed before each heading): "Monsieur Roger PERRAY ..." presents item 48;
    item 49 prints no speaker of its own."""
    identities = [
        _item("47. TARIFS\nLe conseil municipal fixe les tarifs.\nAprès en avoir délibéré, le Conseil Municipal décide.\n"
              "Monsieur le Maire donne la parole à Monsieur Roger PERRAY pour donner lecture du budget.\n", 47),
        _item("48. VOTE DU BUDGET PRIMITIF 2016\nLe texte.\nLe tableau.\nLa suite.\nMonsieur Roger PERRAY présente le budget.\n", 48),
        _item("49. VOTE DU BUDGET PRIMITIF 2016 de l’ATELIER RELAIS\nLe budget est adopté.\n", 49),
    ]
    choices = link_speakers(identities)
    assert [c.found.value for c in choices[1:]] == ["Roger PERRAY", "Roger PERRAY"]


def test_floor_not_kept_when_speakers_open_their_items():
    """Pierrefonds 2017: the member handed the floor for item 1 does not present item 2."""
    identities = [
        _item("1. Plan Local d’Urbanisme\n− Droit de préemption urbain\nMme le maire passe la parole à Mme DEMOUY qui rappelle que\n"
              "Vote :\n− Pour : 18\n", 1),
        _item("2. Plan Local d’Urbanisme\n− Nature des travaux\nVu la délibération du conseil municipal en date du 13 juin 2017\n"
              "Il est proposé de soumettre à déclaration préalable les travaux\nM.LEBLANC demande quel est l’intérêt\nVote :\n− Pour : 13\n", 2),
    ]
    choices = link_speakers(identities)
    assert choices[0].found.value == "DEMOUY"
    assert choices[1].found is None


@pytest.mark.parametrize(
    "text, objet, item",
    [
        ("OBJET : 27. Pacte pour l'émancipation de la jeunesse de Planoise\nDélibération n° 2023/007093\n",
         "Pacte pour l'émancipation de la jeunesse de Planoise", 27),
        # "Objet" heading a table column, or a word opening a body line, is not the label
        ("Dépenses\nObjet\nChapitre et\nArticle\n", None, None),
        ("Le groupement a pour\nobjet d’une part, l’élaboration et la mise en œuvre d’une politique\n", None, None),
    ],
)
def test_objet_label(text, objet, item):
    identity = _single(text)
    assert (identity.objet.value if identity.objet else None) == objet
    assert (identity.item_number.value if identity.item_number else None) == item


@pytest.mark.parametrize(
    "heading, title, objet",
    [
        ("2020-11 -11 VOIRIE DE LA ZONE INDUSTRIELLE : REALISATION DE TRAVAUX D’ENROBE – PUTANGES-\nPONT-ECREPIN\n",
         "VOIRIE DE LA ZONE INDUSTRIELLE : REALISATION DE TRAVAUX D’ENROBE – PUTANGES- PONT-ECREPIN",
         "VOIRIE DE LA ZONE INDUSTRIELLE : REALISATION DE TRAVAUX D’ENROBE – PUTANGES-PONT-ECREPIN"),
        ("2. Convention de mise à disposition du Foyer Napoléon avec l’Office du Tourisme pour l’ac-\ncueil de groupes\n",
         "Convention de mise à disposition du Foyer Napoléon avec l’Office du Tourisme pour l’ac- cueil de groupes",
         "Convention de mise à disposition du Foyer Napoléon avec l’Office du Tourisme pour l’accueil de groupes"),
    ],
)
def test_heading_broken_words(heading, title, objet):
    text = heading + "Le texte.\n"
    segment = Segment(0, 0, len(text), len(heading) - 1, item_number=1, title=title)
    assert extract_identity(segment, text, whole_document=False, header="").objet.value == objet
