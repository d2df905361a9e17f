"""Per-item resolution of attendance: Besançon's item ranges (real paragraphs of délibération
2023/007093, item 27, checked against its gold record) and procès-verbal body events."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from models import AttendanceStatus as S
from pipeline.stages.extract.attendance import AttendanceClaim, extract_attendance
from pipeline.stages.resolve import resolve_item

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "besancon" / "gold" / "besancon-2023-007093.json"

BESANCON = """Étaient présents :
Mme Elise AEBISCHER, M. Hasni ALEM, Mme Frédérique BAEHR, M. Guillaume BAILLY (à compter de
la question n° 7), Mme Anne BENEDETTO (jusqu'à la question n° 21 incluse), M. Kévin BERTAGNOLI,
Mme Pascale BILLEREY, M. Nicolas BODIN (jusqu'à la question n° 7 incluse et à compter de la question
n° 9), M. François BOUSSO, Mme Nathalie BOUVET, Mme Fabienne BRAUCHLI, Mme Claudine
CAULET (jusqu'à la question n° 21 incluse), Mme Aline CHASSAGNE, Mme Annaïck CHAUVET, Mme
Julie CHETTOUH, M. Philippe CREMER, M. Laurent CROIZIER, M. Benoît CYPRIANI, Mme Karine
DENIS-LAMIT, Mme Marie ETEVENARD, M. Ludovic FAGAUT, Mme Lorine GAGLILOLO, Mme Sadia
GHARET, M. Abdel GHEZALI (jusqu'à la question n° 19 incluse et à compter de la question n° 21), M.
Olivier GRIMAITRE, M. Pierre-Charles HENRY (à compter de la question n° 7), M. Damien HUGUET, M.
Jean-Emmanuel LAFARGE, Mme Marie LAMBERT, Mme Myriam LEMERCIER, M. Christophe LIME,
Mme Agnès MARTIN, M. Saïd MECHAI, Mme Carine MICHEL (jusqu'à la question n° 8 incluse et de la
question n° 21 à la question n° 25 incluse), Mme Marie-Thérèse MICHEL, Mme Laurence MULOT, M.
Yannick POUJET, M. Anthony POULIN, Mme Karima ROCHDI, M. Jean-Hugues ROUX (jusqu'à la
question n° 8 incluse), Mme Juliette SORLIN (à compter de la question n° 7), M. Nathan SOURISSEAU,
M. Gilles SPICHER, M. André TERZO, Mme Claude VARET (jusqu'à la question n° 7 incluse), Mme Anne
VIGNOT, Mme Sylvie WANLIN, Mme Christine WERTHE, Mme Marie ZEHAF (jusqu'à la question n° 19
incluse et à compter de la question n° 21)
Secrétaire :
Mme Frédérique BAEHR
Étaient absents :
M. Sébastien COUDRY, M. Cyril DEVESA, Mme Valérie HALLER, M. Aurélien LAROPPE, M.
Jamal-Eddine LOUHKIAR, Mme Françoise PRESSE
Procurations de vote :
M. Guillaume BAILLY à M. Ludovic FAGAUT (jusqu'à la question n° 6 incluse), Mme Anne BENEDETTO à
M. Christophe LIME (à compter de la question n° 22), M. Nicolas BODIN à Mme Marie ZEHAF (pour la
question n° 8), Mme Claudine CAULET à M. Anthony POULIN (à compter de la question n° 22), M.
Sébastien COUDRY à Mme Frédérique BAEHR, M. Cyril DEVESA à Mme Marie ETEVENARD, M. Abdel
GHEZALI à M. Yannick POUJET (pour la question n° 20), Mme Valérie HALLER à M. Nathan
SOURISSEAU, M. Pierre-Charles HENRY à Mme Christine WERTHE (jusqu'à la question n° 6 incluse),
M. Aurélien LAROPPE à Mme Annaïck CHAUVET, Mme Carine MICHEL à M. Nicolas BODIN (de la
question n° 9 à la question n° 20 incluse et à compter de la question n° 26), Mme Françoise PRESSE à M.
François BOUSSO, M. Jean-Hugues ROUX à Mme Sylvie WANLIN (à compter de la question n° 9), Mme
Juliette SORLIN à Mme Julie CHETTOUH (jusqu'à la question n° 6 incluse), Mme Claude VARET à M.
Ludovic FAGAUT (à compter de la question n° 8), Mme Marie ZEHAF à Mme Juliette SORLIN (pour la
question n° 20)
Page 1 / 34

OBJET : 27. Pacte pour l'émancipation de la jeunesse de Planoise
"""


def _status(item: int) -> dict[str, tuple[S, str | None]]:
    return {r.person: (r.status, r.proxy) for r in resolve_item(extract_attendance(BESANCON), item)}


def test_item_27_matches_the_gold_record():
    gold = json.loads(GOLD.read_text())
    gold = gold[0] if isinstance(gold, list) else gold
    got = _status(27)
    assert {p for p, (s, _) in got.items() if s is S.PRESENT} == set(gold["present"])
    assert {(p, h) for p, (s, h) in got.items() if s is S.REPRESENTED} == {(r["person"], r["proxy"]) for r in gold["represented"]}
    assert {p for p, (s, _) in got.items() if s is S.ABSENT} == set(gold["absent"])


@pytest.mark.parametrize("item, person, expected", [
    (6, "Guillaume BAILLY", (S.REPRESENTED, "Ludovic FAGAUT")),   # "à compter de la question n° 7" present, proxy until 6
    (7, "Guillaume BAILLY", (S.PRESENT, None)),
    (8, "Nicolas BODIN", (S.REPRESENTED, "Marie ZEHAF")),         # "pour la question n° 8"
    (9, "Nicolas BODIN", (S.PRESENT, None)),
    (8, "Carine MICHEL", (S.PRESENT, None)),                     # "jusqu'à la question n° 8 incluse"
    (9, "Carine MICHEL", (S.REPRESENTED, "Nicolas BODIN")),      # "de la question n° 9 à la question n° 20 incluse"
    (21, "Carine MICHEL", (S.PRESENT, None)),                    # "de la question n° 21 à la question n° 25 incluse"
    (26, "Carine MICHEL", (S.REPRESENTED, "Nicolas BODIN")),     # "et à compter de la question n° 26"
    (20, "Abdel GHEZALI", (S.REPRESENTED, "Yannick POUJET")),
    (21, "Abdel GHEZALI", (S.PRESENT, None)),
    (21, "Anne BENEDETTO", (S.PRESENT, None)),
    (22, "Anne BENEDETTO", (S.REPRESENTED, "Christophe LIME")),
    (7, "Claude VARET", (S.PRESENT, None)),
    (8, "Claude VARET", (S.REPRESENTED, "Ludovic FAGAUT")),
    (27, "Jamal-Eddine LOUHKIAR", (S.ABSENT, None)),
])
def test_ranges_per_item(item, person, expected):
    assert _status(item)[person] == expected


def test_member_listed_only_for_other_items_is_absent():
    claims = [AttendanceClaim("Anne BENEDETTO", S.PRESENT, 0, 10, ranges=[(None, 21)])]
    assert [(r.person, r.status) for r in resolve_item(claims, 22)] == [("Anne BENEDETTO", S.ABSENT)]


# ------------------------------------------------------------------ procès-verbal body events, end to end
CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _by_item(pdf: Path) -> dict[int, dict[str, tuple[str, str | None]]]:
    from pipeline.run import process_document

    if not pdf.exists():
        pytest.skip(f"{pdf} not available")
    result = process_document(pdf)
    return {d.item_number: {a.person: (a.status.value, a.proxy) for a in d.attendance} for d in result.deliberations}


def test_departure_after_the_vote_carries_the_proxy_away():
    # item 5: "Après un vif échange, M.GOSSOT quitte la séance à 21h49 avec par conséquent le pouvoir donné par Mme HUDO."
    # item 11: "Mme SIGAUD doit partir ..., elle quitte la séance à 22h24." — both printed after the item's vote
    items = _by_item(CORPUS / "pierrefonds/compte-rendu-03-10-2017.pdf")
    assert items[5]["Jean-Marc GOSSOT"] == ("present", None)
    assert items[5]["Dolorès HUDO"] == ("represented", "Jean-Marc GOSSOT")
    assert items[6]["Jean-Marc GOSSOT"] == ("absent", None)
    assert items[6]["Dolorès HUDO"] == ("absent", None)
    assert items[11]["Isabelle SIGAUD"] == ("present", None)
    assert items[12]["Isabelle SIGAUD"] == ("absent", None)
    assert items[19]["Damien BARATTE"] == ("represented", "Laurent LAMAND")


def test_arrival_printed_after_the_first_vote():
    # header "Monsieur Ronan TANGUY (arrivé à 20h41)"; item 1: "Arrivée de M.TANGUY à 20h41 après le vote de la première question."
    items = _by_item(CORPUS / "pierrefonds/compte-rendu-28-06-2016.pdf")
    assert items[1]["Ronan TANGUY"] == ("absent", None)
    assert items[2]["Ronan TANGUY"] == ("present", None)


def test_leaving_the_room_for_one_item():
    # item 4: "... ne prend pas part au vote et quitte la pièce le temps de son examen."
    items = _by_item(CORPUS / "pierrefonds/compte-rendu-15-10-2015.pdf")
    assert items[3]["Bernard ROBERT"] == ("present", None)
    assert items[4]["Bernard ROBERT"] == ("absent", None)
    assert items[5]["Bernard ROBERT"] == ("present", None)


def test_prose_non_participants_counted_only_when_the_printed_votants_confirm_them():
    # audierne 2022: 25 present + 4 represented, "Membres votants : 28", "M. Daniel Quemener n'a pas pris part au vote"
    from pipeline.document import Found
    from pipeline.stages.extract.vote import VoteFindings
    from pipeline.stages.resolve import ResolvedAttendance, counted_non_participants

    claim = AttendanceClaim("X", S.PRESENT, 0, 1)
    attendance = ([ResolvedAttendance(f"P{i}", S.PRESENT, None, claim) for i in range(25)]
                  + [ResolvedAttendance(f"R{i}", S.REPRESENTED, f"P{i}", claim) for i in range(4)])
    named = VoteFindings(names={"non_participation": ["Daniel Quemener"]})
    assert counted_non_participants(named, attendance, Found(28, 0, 2)).non_participation.value == 1
    # the arithmetic does not hold: a name in prose is not a count
    assert counted_non_participants(named, attendance, Found(29, 0, 2)).non_participation is None
    assert counted_non_participants(named, attendance, None).non_participation is None


def test_two_decisions_of_one_item_share_its_presenter():
    # couthenans 2021-06: "2 Décisions modificatives (DM) du budget 2021" / "Présentation par Yves" / then
    # "DM1 pour budget communal ... Vote" and "DM1 pour budget assainissement ... Vote": one item, two records
    from pipeline.document import Found
    from pipeline.stages.extract.identity import DeliberationIdentity, Speaker
    from pipeline.stages.resolve import link_speakers

    first = DeliberationIdentity(item_number=Found(2, 0, 1), opening_speaker=Speaker("Yves", 10, 14))
    second = DeliberationIdentity(item_number=Found(2, 50, 51))
    third = DeliberationIdentity(item_number=Found(3, 90, 91))
    choices = link_speakers([first, second, third])
    assert [c.found.value if c.found else None for c in choices] == ["Yves", "Yves", None]
