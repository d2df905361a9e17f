"""Vote extraction on real corpus wording (../shared/corpus, seeds): counts, unanimity, outcome,
names of dissenters, and what must not be read as this council's vote."""
import pytest

from pipeline.french.lexicon import count_value
from pipeline.stages.extract.vote import extract_vote

FIELDS = ("pour", "contre", "abstention", "non_participation", "unanimous", "outcome")


def _values(text: str) -> dict:
    v = extract_vote(text, 0)
    return {k: getattr(v, k).value for k in FIELDS if getattr(v, k) is not None}


# (wording as printed, expected non-null fields) — every field absent from the dict must be null
CASES = [
    # pierrefonds 2017
    ("Vote : Pour à l’unanimité \n", {"unanimous": True, "outcome": "adopted"}),
    ("Vote : Pour, à l’unanimité \n", {"unanimous": True, "outcome": "adopted"}),
    ("Vote : \n− Pour : 13 \n− Contre : 4, Mme DANAN, M.GOSSOT, Mme HUDO, M.LEBLANC \n− Abstentions : 2, M.ROBERT, Mme LAMBRE \n",
     {"pour": 13, "contre": 4, "abstention": 2, "outcome": "adopted"}),
    # pierrefonds 2015: contre listed before pour, with a reason
    ("Vote : \n− Contre : 1, Monsieur TANGUY car il ne voit pas l’intérêt de ces rétrocessions \n− Pour : 15 \n6. Contentieux",
     {"pour": 15, "contre": 1, "outcome": "adopted"}),
    # pierrefonds 2018: symbol-font bullets
    ("Vote :\n\uf02d Pour : 14\n\uf02d Abstentions : 4, Monsieur GOSSOT, Madame HUDO, Madame DANAN, Monsieur\nTANGUY\n",
     {"pour": 14, "abstention": 4, "outcome": "adopted"}),
    # pierrefonds 2018: "Pour, 17"
    ("Vote : Pour, 17 \n", {"pour": 17, "outcome": "adopted"}),
    # pierrefonds 2020 (prose)
    ("Le conseil municipal, après en avoir délibéré, à 18 voix pour et 1 abstention (M. TANGUY), \nDésigne",
     {"pour": 18, "abstention": 1, "outcome": "adopted"}),
    # Besançon seed
    ("Rapport adopté à l'unanimité\n\nPour : 54\n\nContre : 0\n\nAbstention*: 0\n\nConseiller intéressé : 0\n\n"
     "*Le sens du vote des élus ne prenant pas part au vote est considéré comme une abstention.\n",
     {"pour": 54, "contre": 0, "abstention": 0, "non_participation": 0, "unanimous": True, "outcome": "adopted"}),
    ("Pour : 54 / Contre : 0 / Abstention*: 0 / Ne prend pas part au vote : 0",
     {"pour": 54, "contre": 0, "abstention": 0, "non_participation": 0, "outcome": "adopted"}),
    # demos_bourg
    ("A L'UNANIMITE des votants (31 voix), 8 abstentions (groupe d'union de la droite et du centre et Mme\nVEILLEROT)\n"
     "APPROUVE l’affectation d’une subvention",
     {"pour": 31, "abstention": 8, "unanimous": True, "outcome": "adopted"}),
    # couthenans
    ("ADOPTÉ 9 voix pour, 5 abstentions.", {"pour": 9, "abstention": 5, "outcome": "adopted"}),
    ("ADOPTÉ à l’unanimité.", {"unanimous": True, "outcome": "adopted"}),
    ("DM1 pour budget communal approuvé : Vote : 14 pour / 0 contre / 0 abstention \uf0e0 adopté",
     {"pour": 14, "contre": 0, "abstention": 0, "outcome": "adopted"}),
    ("Toute la commune est mise à la location.\n12 votes pour 1 abstention\n", {"pour": 12, "abstention": 1, "outcome": "adopted"}),
    ("11 votes pour / 1 abstention / 2 contre\n", {"pour": 11, "contre": 2, "abstention": 1, "outcome": "adopted"}),
    # couthenans 2021-09: an earlier vote reported, then the motion's vote
    ("Les communes de Haute-Saône souhaitent déposer une motion\ncontre ce projet déjà voté à l’unanimité.\n"
     "Vote de la motion : 12 votes pour / 2 abstentions", {"pour": 12, "abstention": 2, "outcome": "adopted"}),
    # putanges
    ("Après en avoir délibéré, le Conseil Municipal, à l’unanimité des Membres présents ;",
     {"unanimous": True, "outcome": "adopted"}),
    ("Apres en avoir délibéré, le Conseil Municipal, 19 voix pour, 17 voix contre et 2 abstentions ;",
     {"pour": 19, "contre": 17, "abstention": 2, "outcome": "adopted"}),
    ("Après en avoir délibéré, à la majorité des voix et une abstention le Conseil municipal ;\n Adhère au projet",
     {"abstention": 1, "outcome": "adopted"}),
    ("Après en avoir délibéré, 1 voix contre et 2 abstentions, le conseil municipal EMET ;",
     {"contre": 1, "abstention": 2, "outcome": "adopted"}),
    ("Le Budget Primitif 2016, a été adopté, à l’unanimité, comme suit :", {"unanimous": True, "outcome": "adopted"}),
    # putanges template leftovers: the choice is not printed, the decision is
    ("Après en avoir délibéré, le Conseil Municipal, à l’unanimité/ou non des Membres présents ;\nEmet un avis favorable :",
     {"outcome": "adopted"}),
    ("Après en avoir délibéré, les Membres du Conseil Municipal, décident/ou non\n- d’instaurer l’IEMP", {"outcome": "adopted"}),
    # putanges 2016: operative verb opening a line after the preamble
    ("Le Conseil Municipal,\nAprès avoir entendu et approuvé le compte administratif de l’exercice 2015, ce jour, \n"
     "Constatant que le compte administratif fait apparaître :\n- un excédent de fonctionnement de l’exercice de 12.379,08 € \n"
     "Décide d’affecter le résultat de l’exercice comme suit :", {"outcome": "adopted"}),
    ("Le conseil municipal vote les taux d’imposition pour 2016, à savoir :", {"outcome": "adopted"}),
    # montpellier
    ("Le Conseil Adopte.", {"outcome": "adopted"}),
    ("La délibération est adoptée à l'unanimité des votes", {"unanimous": True, "outcome": "adopted"}),
    # rejections (no rejection in the corpus: usual wording)
    ("Vote : \n− Pour : 8\n− Contre : 10\n", {"pour": 8, "contre": 10, "outcome": "rejected"}),
    ("Après en avoir délibéré, le Conseil Municipal rejette la proposition.", {"outcome": "rejected"}),
    ("Vote : Pour : 5 / Contre : 5\nLa délibération n’est pas adoptée.", {"pour": 5, "contre": 5, "outcome": "rejected"}),
    ("Motion rejetée à l’unanimité.", {"unanimous": True, "outcome": "rejected"}),
    ("REJETÉ 4 voix pour, 10 voix contre", {"pour": 4, "contre": 10, "outcome": "rejected"}),
    # usual wording of other councils
    ("Adopté par 20 voix contre 5.", {"pour": 20, "contre": 5, "outcome": "adopted"}),
    ("Le Conseil municipal, par vingt-neuf voix pour et quatre voix contre, approuve le projet",
     {"pour": 29, "contre": 4, "outcome": "adopted"}),
    ("Après en avoir délibéré, à l’unanimité moins une abstention (M. DUPONT), le Conseil Municipal décide",
     {"abstention": 1, "unanimous": True, "outcome": "adopted"}),
    ("Votes : Pour : 25 – Contre : néant – Abstentions : 2\nDécision : adopté", {"pour": 25, "contre": 0, "abstention": 2, "outcome": "adopted"}),
    ("Résultat du vote : Unanimité", {"unanimous": True, "outcome": "adopted"}),
    ("VOTE : POUR : 20, CONTRE : 2, M. DUPONT, Mme MARTIN, ABSTENTION : 1", {"pour": 20, "contre": 2, "abstention": 1, "outcome": "adopted"}),
    ("Décision : rejeté", {"outcome": "rejected"}),
    # OCR read the label's colon as a semicolon (flaux 2023)
    ("Vote ; unanimité\n", {"unanimous": True, "outcome": "adopted"}),
    # OCR lost the opening bracket and the first name, the dash between the names stayed (saint_restitut 2016)
    ("Accord du conseil municipal par 2 voix CONTRE - C.BOURRETTE) et 12 voix POUR.\nDélibération prise en ce sens.",
     {"pour": 12, "contre": 2, "outcome": "adopted"}),
    ("DM adoptée par 2 ABSTENTIONS - C.BOURRETTE) et 12 voix POUR\nDélibérations prises en ce sens.",
     {"pour": 12, "abstention": 2, "outcome": "adopted"}),
    ("Après débat, en l’absence du maire, le CA 2018 est approuvé par : 2 voix CONTRE\n(C.BOURRETTE/M.DENISE) et 7 POUR.\n",
     {"pour": 7, "contre": 2, "outcome": "adopted"}),
    # a refusal decided by the council is an adopted délibération
    ("Après en avoir délibéré, le Conseil Municipal, à l’unanimité, refuse le transfert de la compétence PLU",
     {"unanimous": True, "outcome": "adopted"}),
    # lalouvesc 2023 (OCR): a run of counts, each before its category; the next sentence is no complement of "Pour"
    ("Délibération : 4 Abstention 7 Contre 0 Pour\nLe conseil n’approuve pas la création d’un emploi permanent",
     {"pour": 0, "contre": 7, "abstention": 4, "outcome": "rejected"}),
    # lalouvesc 2023 extract 033 (OCR of a grid read row by row): "Abstention : 0" is a label, not "11 Abstention"
    ("Nombre de suffrages exprimés : 11 Abstention : 0\nPour : 11 Contre : 0",
     {"pour": 11, "contre": 0, "abstention": 0, "outcome": "adopted"}),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:40] for c in CASES])
def test_vote_fields(text, expected):
    assert _values(text) == expected


NOT_THIS_VOTE = [
    # a rule, not a vote (pierrefonds 2020)
    "Toutefois conformément à l’article L 2121-21 du CGCT, le conseil municipal peut décider à l’unanimité de \nprocéder au vote à main levée.",
    # an election's rules (putanges 2016)
    "le maire est élu au scrutin secret et à la\nmajorité absolue parmi les membres du conseil municipal.",
    # a commission's avis (Besançon seed)
    "Commission n° 4\t09/02/2023\tFavorable unanime",
    # amounts and prepositions
    "Pour 1€ donnée, la région donne 1€ .",
    "Pour le maintien : 36\nPour la suppression : 48",
    "Il est demandé aux membres du conseil s’ils sont d’accord pour : \n− Lutter contre l’insalubrité",
    "a obtenu 3 voix pour la candidature de Mme Marie-Alice DEBUISSER,",
    # the next item's introduction standing before its heading (putanges 2016)
    "Monsieur le Maire demande à l’Assemblée de voter le budget primitif 2016 de la commune nouvelle et donne la parole",
    "il est proposé au Conseil Municipal d’approuver les conventions de partenariat jointes en annexe.",
    # tender and court decisions are not the council's
    "Sa candidature a été rejetée. Le tribunal administratif d’Amiens a rejeté la requête.",
]


@pytest.mark.parametrize("text", NOT_THIS_VOTE, ids=[t[:40] for t in NOT_THIS_VOTE])
def test_not_a_vote_of_this_item(text):
    assert _values(text) == {}


def test_residents_poll_after_the_vote_is_not_the_vote():
    # couthenans 2021-06: the item's vote, then the results of residents' polls in the same section
    text = ("Adhésion à l’association verger vivant= 30€/an. : Vote : 14 pour / 0 contre / 0 abstention adopté\n"
            "6.5 Résultats des sondages \nNrb de résultats reçus : 86 \n6.5.1 Eclairage \nHoraires Nrb de votes pour\n"
            "22H – 4H 7\n6.5.2 Panneau Pocket \nPour : 49\nContre : 33\nCL : On le met en place\n")
    assert _values(text) == {"pour": 14, "contre": 0, "abstention": 0, "outcome": "adopted"}


def test_vote_quoted_by_a_complaint_is_not_the_vote():
    # pierrefonds 2017: the item's vote, then OCR text of scanned pages of a complaint quoting another sitting
    text = ("Vote :\n− Pour : 13\n− Contre : 3, M.GOSSOT, Mme HUDO, Mme DANAN\n− Abstention : 2, Mme SIGAUD, M. MENDES\n"
            "Après un vif échange, M.GOSSOT quitte la séance à 21h49.\n\n"
            "de logements locatif cidés financés eur Ja parcelle section n°616 pour\name globe d'environ I 700 m2.\n"
            "qu'une grande partie de ce conseil était ahaent (13\n\npresents pour 19 membres} et que l'approbation actée "
            "par 7 votes pour, dont 3 pouvoirs, 5 vote contre\nct 3 absteutions est détournés du fait de ce manque")
    v = extract_vote(text, 0)
    assert (v.pour.value, v.contre.value, v.abstention.value) == (13, 3, 2)
    assert v.names == {"contre": ["GOSSOT", "HUDO", "DANAN"], "abstention": ["SIGAUD", "MENDES"]}


def test_nothing_after_the_close_of_the_sitting():
    text = "Vote : Pour à l’unanimité \nLa séance est levée à 22h54\nVote :\n− Pour : 13\n− Contre : 4\n"
    assert _values(text) == {"unanimous": True, "outcome": "adopted"}


def test_last_vote_of_the_item_is_the_decision():
    # pierrefonds 2017: a procedural vote on the way of voting, then the item's vote
    text = ("souhaitent conserver le mode de vote à main levée et nominatif. \nVote : Pour à l’unanimité \n"
            "Il est demandé aux membres du conseil s’ils sont d’accord pour : \n− Instaurer le droit\nVote : \n"
            "− Pour : 18 \n− Abstention : 1, Mme DANAN \n")
    assert _values(text) == {"pour": 18, "abstention": 1, "outcome": "adopted"}


def test_spans_point_at_the_printed_values():
    text = "Rapport adopté à l'unanimité\n\nPour : 54\n\nContre : 0\n\nAbstention*: 0\n\nConseiller intéressé : 0\n"
    base = 1000
    v = extract_vote(text, base)
    assert text[v.pour.start - base: v.pour.end - base] == "54"
    assert text[v.non_participation.start - base: v.non_participation.end - base] == "0"
    assert text[v.unanimous.start - base: v.unanimous.end - base] == "à l'unanimité"


NAMES = [
    ("Vote : \n− Pour : 13 \n− Contre : 4, Mme DANAN, M.GOSSOT, Mme HUDO, M.LEBLANC \n− Abstentions : 2, M.ROBERT, Mme LAMBRE \n",
     {"contre": ["DANAN", "GOSSOT", "HUDO", "LEBLANC"], "abstention": ["ROBERT", "LAMBRE"]}),
    ("Vote : \n− Pour : 15 \n− Contre : 1, M.TANGUY qui \" estime que le président de la communauté de communes n’a plus la \n"
     "capacité d’assumer de nouvelles compétences\" \n18. Avis", {"contre": ["TANGUY"]}),
    ("Vote : \n− Contre : 1, Monsieur TANGUY car il ne voit pas l’intérêt de ces rétrocessions \n− Pour : 15 \n",
     {"contre": ["TANGUY"]}),
    # a list running over lines, then a reason
    ("Vote : \n− Pour : 15 \n− Abstentions : 7, M. LAMAND, Mme LAMBRE, Mme HEURTAULT, M. ROBERT, Mme \n"
     "SMESSAERT, Mme SANTUNE, Mme DEBUISSER, en raison du montant trop important \nAmitié Loisirs",
     {"abstention": ["LAMAND", "LAMBRE", "HEURTAULT", "ROBERT", "SMESSAERT", "SANTUNE", "DEBUISSER"]}),
    # in parentheses, with a proxy mark (pierrefonds 2020)
    ("Vote :\n- Contre : 4 (M. THUILLIER, M. LEBLANC, Mme DEBUISSIER, M. TANGUY)\n"
     "- Abstention : 2 (M. RIBEIRO et M. TOLEDANO (pouvoir))\n- Pour : 13\n",
     {"contre": ["THUILLIER", "LEBLANC", "DEBUISSIER", "TANGUY"], "abstention": ["RIBEIRO", "TOLEDANO"]}),
    # the parenthesis wrapped to the next line, names split by a slash (saint_restitut 2019, unlabelled scan)
    ("Après débat, en l’absence du maire, le CA 2018 est approuvé par : 2 voix CONTRE\n(C.BOURRETTE/M.DENISE) et 7 POUR.\n",
     {"contre": ["C.BOURRETTE", "M.DENISE"]}),
    # a group and a person (demos_bourg)
    ("A L'UNANIMITE des votants (31 voix), 8 abstentions (groupe d'union de la droite et du centre et Mme\nVEILLEROT)\n",
     {"abstention": ["groupe d'union de la droite et du centre", "VEILLEROT"]}),
    # prose non-participation (pierrefonds 2017, 2015): names, but no count (not printed as a tally)
    ("Mme DANAN, M. GOSSOT et Mme HUDO ne prennent pas part au vote. \nVote : Pour à l’unanimité \n",
     {"non_participation": ["DANAN", "GOSSOT", "HUDO"]}),
    ("Monsieur Bernard ROBERT, ayant un intérêt personnel à cette question, ne prend pas part au vote et \n"
     "quitte la pièce le temps de son examen.\nVote : Pour à l’unanimité", {"non_participation": ["Bernard ROBERT"]}),
    ("Monsieur Laurent LAMAND, président de l’association, ne prend pas part au vote. \nVote : \n− Pour : 15 \n",
     {"non_participation": ["Laurent LAMAND"]}),
    # audierne 2022: the surname in small letters after a civilité
    ("Considérant que M. Daniel Quemener n’a pas pris part au vote,\nAprès en avoir délibéré, à l'unanimité, le conseil municipal décide :",
     {"non_participation": ["Daniel Quemener"]}),
]


@pytest.mark.parametrize("text,expected", NAMES, ids=[n[0][:40] for n in NAMES])
def test_names_of_dissenters(text, expected):
    assert extract_vote(text, 0).names == expected


def test_names_without_a_number_are_counted():
    v = extract_vote("Vote :\n- Pour : 12\n- Contre : M. LEBLANC et Mme DEBUISSER\n", 0)
    assert (v.pour.value, v.contre.value) == (12, 2)
    assert v.names == {"contre": ["LEBLANC", "DEBUISSER"]}


def test_prose_non_participation_is_not_a_count():
    # pierrefonds 2015 item 4: the gold has non_participation null — only a tally's figure counts
    v = extract_vote("Monsieur Bernard ROBERT, ayant un intérêt personnel à cette question, ne prend pas part au vote.\n"
                     "Vote : Pour à l’unanimité", 0)
    assert v.non_participation is None and v.unanimous.value is True


@pytest.mark.parametrize("token,value", [("54", 54), ("une", 1), ("néant", 0), ("Aucune", 0), ("douze", 12)])
def test_count_value(token, value):
    assert count_value(token) == value
