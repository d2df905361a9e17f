"""Persons across séances: real name variants of the corpus (gold records, transcripts, the text
layer) are merged with an explained rule; members who share a surname or an initial stay apart."""
import json
from collections import Counter

import duckdb
import pytest

from pipeline.orchestration import batch
from pipeline.store import ROW_TABLES, connect, rows_to_arrow, write_tables
from pipeline.store.persons import (
    cluster_names, council_keys, explain_difference, fold_collectivite, parse_name, rebuild_persons, summary,
)


def persons_of(*names: str, council: str = "c"):
    """{display name: person} and {printed name: person_id} for names printed once each (or as
    many times as listed)."""
    persons, person_of = cluster_names(council, Counter(names))
    return {p.display_name: p for p in persons}, person_of


def same(person_of: dict, *names: str) -> bool:
    return len({person_of[n] for n in names}) == 1


def rule_of(person, name: str) -> str:
    return next(v.rule for v in person.variants if v.name == name)


# --- one name -------------------------------------------------------------------------------------

@pytest.mark.parametrize("printed, given, surname", [
    ("Éric BOSSER", ("eric",), ("bosser",)),
    ("NIGGEL Muriel", ("muriel",), ("niggel",)),                      # flaux: NOM Prénom
    ("CHARRIER Jean-Paul", ("jean", "paul"), ("charrier",)),          # preuilly
    ("Corinne COSQUER LE MOENNER", ("corinne",), ("cosquer", "le", "moenner")),  # audierne: compound surname
    ("Philippe ROUVIER – COROUGE", ("philippe",), ("rouvier", "corouge")),      # flaux: spaced en dash
    ("Gurvan KERLOC’H", ("gurvan",), ("kerloch",)),
    ("Mme PÉROT Dorothée", ("dorothee",), ("perot",)),                # preuilly, civilité kept in the text
])
def test_given_name_and_surname_are_told_apart_by_the_capitals(printed, given, surname):
    parsed = parse_name(printed)
    assert (parsed.kind, parsed.given, parsed.surname) == ("full", given, surname)


def test_display_is_prenom_nom_whatever_the_printed_order():
    assert parse_name("NIGGEL Muriel").display == "Muriel NIGGEL"
    assert parse_name("BURRIEZ Jacques").display == "Jacques BURRIEZ"  # lalouvesc
    assert parse_name("Philippe ROUVIER – COROUGE").display == "Philippe ROUVIER-COROUGE"


def test_initials_and_surnames_alone_are_recognised():
    assert (parse_name("C.FOROT").kind, parse_name("C.FOROT").initials) == ("initials", ("c",))  # saint_restitut
    assert parse_name("T.BUSIN").surname == ("busin",)
    assert (parse_name("LEBLANC").kind, parse_name("Mr VINCON").kind) == ("surname", "surname")
    assert parse_name("Mathieu").kind == "single"  # couthenans prints first names only


@pytest.mark.parametrize("printed", ["Monsieur le Maire", "le Maire", "", None, "groupe d'union de la droite et du centre",
                                     "Pour : 12"])
def test_roles_numbers_and_long_phrases_name_nobody(printed):
    assert parse_name(printed) is None


def test_each_difference_between_two_spellings_is_named():
    assert explain_difference("Éric BOSSER", "Eric BOSSER") == ["accents"]                       # audierne
    assert explain_difference("Gurvan KERLOC’H", "Gurvan KERLOC'H") == ["punctuation or spacing"]
    assert explain_difference("Véronique Madec", "Véronique MADEC") == ["case"]
    assert explain_difference("CHARRIER Jean-Paul", "Jean-Paul CHARRIER") == ["word order"]
    assert explain_difference("Michel VAN-PRAET", "Michel VAN PRAET") == ["punctuation or spacing"]
    assert explain_difference("Mr VINCON", "VINCON") == ["civilité or title"]
    assert explain_difference("MICHOT Patricia", "Patricia MICHOT") == ["word order"]            # flaux


# --- merging: real variants ---------------------------------------------------------------------

def test_audierne_bossers_eric_spellings_merge_pierre_marie_stays_apart():
    persons, person_of = persons_of("Éric BOSSER", "Éric BOSSER", "Eric BOSSER", "Pierre-Marie BOSSER", "BOSSER")
    assert same(person_of, "Éric BOSSER", "Eric BOSSER")
    assert person_of["Pierre-Marie BOSSER"] != person_of["Éric BOSSER"]
    assert rule_of(persons["Éric BOSSER"], "Eric BOSSER") == "same name up to accents"
    # "BOSSER" alone could be either: it is merged with neither, and the reason is kept
    assert person_of["BOSSER"] not in (person_of["Éric BOSSER"], person_of["Pierre-Marie BOSSER"])
    assert "Pierre-Marie BOSSER" in persons["BOSSER"].notes[0] and "Éric BOSSER" in persons["BOSSER"].notes[0]


def test_audierne_members_of_one_family_and_the_printing_artefacts():
    _, person_of = persons_of("Gurvan KERLOC’H", "Gurvan KERLOC'H", "Véronique MADEC", "Véronique Madec",
                              "Elodie COLIN", "Jean-Jacques COLIN", "Nathalie COLIN", "Michel VAN-PRAET", "Michel VAN PRAET")
    assert same(person_of, "Gurvan KERLOC’H", "Gurvan KERLOC'H")
    assert same(person_of, "Véronique MADEC", "Véronique Madec")
    assert same(person_of, "Michel VAN-PRAET", "Michel VAN PRAET")
    assert len({person_of[n] for n in ("Elodie COLIN", "Jean-Jacques COLIN", "Nathalie COLIN")}) == 3


def test_lalouvesc_diaeresis_and_nom_prenom_merge_the_bessets_do_not():
    persons, person_of = persons_of("Dominique BALAY", "Dominique BALAŸ", "Jean-Michel SALAUN", "Jean-Michel SALAÜN",
                                    "Jacques BURRIEZ", "BURRIEZ Jacques", "François BESSET", "Julien BESSET")
    assert same(person_of, "Dominique BALAY", "Dominique BALAŸ")
    assert same(person_of, "Jean-Michel SALAUN", "Jean-Michel SALAÜN")
    assert same(person_of, "Jacques BURRIEZ", "BURRIEZ Jacques")
    assert person_of["François BESSET"] != person_of["Julien BESSET"]
    assert rule_of(persons["Jacques BURRIEZ"], "BURRIEZ Jacques") == "same name up to word order"


def test_preuilly_accent_variants_of_the_signature_table_merge():
    _, person_of = persons_of("Jean-François VERON", "Jean-François VÉRON", "Dorothée PÉROT", "Dorothée PEROT",
                              "Mathieu BARTHÉLÉMY", "Mathieu BARTHÉLEMY", "CHARRIER Jean-Paul", "Jean-Paul CHARRIER")
    assert same(person_of, "Jean-François VERON", "Jean-François VÉRON")
    assert same(person_of, "Dorothée PÉROT", "Dorothée PEROT")
    assert same(person_of, "Mathieu BARTHÉLÉMY", "Mathieu BARTHÉLEMY")
    assert same(person_of, "CHARRIER Jean-Paul", "Jean-Paul CHARRIER")
    assert len(set(person_of.values())) == 4


def test_flaux_surname_alone_with_civilite_and_without_cedilla_is_the_only_vincon():
    persons, person_of = persons_of("Philippe VINÇON", "Mr VINCON", "NIGGEL Muriel", "Muriel NIGGEL",
                                    "MICHOT Patricia", "Catherine MARTEL", "Catherine VINAS")
    assert same(person_of, "Philippe VINÇON", "Mr VINCON")
    assert rule_of(persons["Philippe VINÇON"], "Mr VINCON").startswith("surname alone")
    assert same(person_of, "NIGGEL Muriel", "Muriel NIGGEL")
    assert person_of["Catherine MARTEL"] != person_of["Catherine VINAS"]  # a shared given name is no link
    assert "Patricia MICHOT" in persons


def test_pierrefonds_surnames_alone_merge_when_unique_in_the_council():
    persons, person_of = persons_of("Michel LEBLANC", "LEBLANC", "LEBLANC", "Gilles PAPIN", "PAPIN", "Florence DEMOUY",
                                    "DEMOUY", "Emmanuelle DANAN", "Emmanuelle LEMAITRE", "Bernard ROBERT", "Henri ROBERT")
    assert same(person_of, "Michel LEBLANC", "LEBLANC")
    assert same(person_of, "Gilles PAPIN", "PAPIN")
    assert same(person_of, "Florence DEMOUY", "DEMOUY")
    assert person_of["Emmanuelle DANAN"] != person_of["Emmanuelle LEMAITRE"]
    assert persons["Michel LEBLANC"].mentions == 3
    variants = {v.name: v for v in persons["Michel LEBLANC"].variants}
    assert variants["LEBLANC"].mentions == 2
    assert variants["LEBLANC"].rule == "surname alone, the only member of this council with that surname"


def test_a_surname_alone_merges_only_within_its_council():
    _, here = persons_of("Michel LEBLANC", "LEBLANC", council="pierrefonds")
    _, elsewhere = persons_of("LEBLANC", council="other")
    assert here["LEBLANC"] == here["Michel LEBLANC"] != elsewhere["LEBLANC"]


def test_saint_restitut_initials_merge_only_when_they_fit_one_member():
    persons, person_of = persons_of("T.BUSIN", "Thierry BUSIN", "C.FOROT", "C.FOROT", "FOROT")
    assert same(person_of, "T.BUSIN", "Thierry BUSIN")
    assert rule_of(persons["Thierry BUSIN"], "T.BUSIN").startswith("initials: T.BUSIN = Thierry BUSIN")
    # no full name for FOROT: the surname alone joins the one member known by initials
    assert same(person_of, "C.FOROT", "FOROT")
    # with a full name printed elsewhere (the brief's "Christine FOROT"), the initial joins it
    _, with_full = persons_of("C.FOROT", "Christine FOROT")
    assert same(with_full, "C.FOROT", "Christine FOROT")


def test_putanges_pichonniers_an_initial_shared_by_two_members_merges_with_neither():
    persons, person_of = persons_of("Sophie PICHONNIER", "Sylvain PICHONNIER", "Jean-Paul PICHONNIER",
                                    "S.PICHONNIER", "J.PICHONNIER", "PICHONNIER", "Catherine CASTEL", "Daniel CASTELLI",
                                    "CASTEL", "Andrée NOEL", "Andrée NOËL")
    assert len({person_of[n] for n in ("Sophie PICHONNIER", "Sylvain PICHONNIER", "Jean-Paul PICHONNIER")}) == 3
    assert person_of["S.PICHONNIER"] not in (person_of["Sophie PICHONNIER"], person_of["Sylvain PICHONNIER"])
    assert "initials fit several members" in persons["S.PICHONNIER"].notes[0]
    assert same(person_of, "J.PICHONNIER", "Jean-Paul PICHONNIER")
    assert person_of["PICHONNIER"] not in {person_of[n] for n in ("Sophie PICHONNIER", "Jean-Paul PICHONNIER")}
    assert same(person_of, "CASTEL", "Catherine CASTEL") and person_of["Daniel CASTELLI"] != person_of["CASTEL"]
    assert same(person_of, "Andrée NOEL", "Andrée NOËL")


def test_couthenans_first_names_alone_are_never_merged_by_likeness():
    _, person_of = persons_of("Mathieu", "Matthieu", "Agnès", "Jean-Pierre")
    assert len(set(person_of.values())) == 4


def test_a_first_name_alone_is_not_taken_for_a_surname():
    # audierne has a Thierry MARTIN; "Martin" alone, not in capitals, could be a given name
    _, person_of = persons_of("Thierry MARTIN", "Martin", "Martin ROBIN")
    assert person_of["Martin"] != person_of["Thierry MARTIN"]


def test_montpellier_mixed_case_and_hyphen_variants():
    persons, person_of = persons_of("Philippe SAUREL", "Philippe Saurel", "Abdi EL KANDOUSSI", "EL KANDOUSSI",
                                    "El Kandoussi", "Chantal LEVY-RAMEAU", "Chantal LEVY RAMEAU")
    assert same(person_of, "Philippe SAUREL", "Philippe Saurel")
    assert same(person_of, "Abdi EL KANDOUSSI", "EL KANDOUSSI", "El Kandoussi")
    assert same(person_of, "Chantal LEVY-RAMEAU", "Chantal LEVY RAMEAU")
    assert len(persons) == 3


def test_person_ids_do_not_depend_on_order_or_on_other_members():
    names = ["Éric BOSSER", "Eric BOSSER", "Pierre-Marie BOSSER", "Gurvan KERLOC’H"]
    _, forward = cluster_names("200054724", Counter(names))
    _, backward = cluster_names("200054724", Counter(reversed(names)))
    _, fewer = cluster_names("200054724", Counter(names[:2]))
    assert forward == backward
    assert fewer["Éric BOSSER"] == forward["Éric BOSSER"]
    _, other_council = cluster_names("210701280", Counter(names))
    assert other_council["Éric BOSSER"] != forward["Éric BOSSER"]


def test_the_most_printed_spelling_is_the_display_name():
    persons, _ = persons_of("Andrée NOEL", "Andrée NOËL", "Andrée NOËL")
    assert list(persons) == ["Andrée NOËL"]
    persons, _ = persons_of("Jean -Louis PITEL", "Jean-Louis PITEL")  # putanges text layer
    assert list(persons) == ["Jean-Louis PITEL"]
    assert persons["Jean-Louis PITEL"].variants[0].name == "Jean-Louis PITEL"


# --- councils -------------------------------------------------------------------------------------

def test_collectivite_names_fold_to_one_key():
    assert fold_collectivite("Commune de PUTANGES-LE-LAC") == fold_collectivite("Commune de PUTANGES LE LAC") == "putangeslelac"
    assert fold_collectivite("commune d’Audierne") == fold_collectivite("Commune d'Audierne") == "audierne"
    assert fold_collectivite("COUTHENANS") == fold_collectivite("commune de Couthenans")


def test_council_key_prefers_the_siren_and_lends_it_to_seances_of_the_same_name():
    keys = council_keys([
        ("s1", "Commune d’Audierne", "200054724", []),
        ("s2", "commune d’Audierne", None, []),
        ("s3", None, None, ["213401722"]),  # only the ACTES stamp tells
        ("s4", "Commune de Pierrefonds", None, []),
        ("s5", None, None, []),
    ])
    assert keys == {"s1": "200054724", "s2": "200054724", "s3": "213401722", "s4": "pierrefonds", "s5": "seance:s5"}


# --- the store ------------------------------------------------------------------------------------

def test_a_documents_rows_leave_the_person_columns_null():
    con = connect(":memory:")
    con.execute("INSERT INTO attendance (deliberation_id, person, status, person_id) VALUES ('x-0', 'Anne DUPONT', 'present', 'stale')")
    con.execute("DELETE FROM attendance")
    rows = {table: [] for table in ROW_TABLES}
    rows["documents"].append({"document_id": "d" * 16, "source_path": "/x.pdf", "sha256": "s", "page_count": 1,
                              "has_text_layer": True, "ocr": False, "status": "ok", "stage_reached": "validate",
                              "pipeline_version": "v"})
    rows["seances"].append({"seance_id": "s1", "collectivite": "Commune de Flaux", "president": "Philippe VINÇON",
                            "secretaire": "Mr VINCON", "members_in_office": 11})
    rows["deliberations"].append({"deliberation_id": "d" * 16 + "-0", "document_id": "d" * 16, "seance_id": "s1"})
    rows["attendance"].append({"deliberation_id": "d" * 16 + "-0", "person": "NIGGEL Muriel", "status": "represented",
                               "proxy": "Philippe VINÇON", "page": 2})
    rows["vote_names"].append({"deliberation_id": "d" * 16 + "-0", "document_id": "d" * 16, "person": "Mr VINCON",
                               "vote": "contre"})
    tables = rows_to_arrow([rows])
    assert tables["attendance"].column("proxy_person_id").to_pylist() == [None]
    assert tables["seances"].column("secretaire_person_id").to_pylist() == [None]
    write_tables(con, tables)
    assert con.execute("SELECT person, proxy, person_id, proxy_person_id FROM attendance").fetchall() == [
        ("NIGGEL Muriel", "Philippe VINÇON", None, None)]
    rebuild_persons(con)
    person_id, proxy_id = con.execute("SELECT person_id, proxy_person_id FROM attendance").fetchone()
    assert None not in (person_id, proxy_id) and person_id != proxy_id
    assert con.execute("SELECT secretaire_person_id FROM seances").fetchone()[0] == proxy_id  # "Mr VINCON" is Philippe VINÇON


def _load_seance(con, doc: str, seance: str, attendance: list[tuple], *, rapporteur=None, president=None,
                 collectivite="Commune d’Audierne", siren="200054724", votes=()):
    con.execute("INSERT OR REPLACE INTO seances (seance_id, collectivite, siren, seance_date, president) VALUES (?, ?, ?, ?, ?)",
                [seance, collectivite, siren, "2022-09-26", president])
    con.execute("INSERT INTO deliberations (deliberation_id, document_id, seance_id, rapporteur) VALUES (?, ?, ?, ?)",
                [f"{doc}-0", doc, seance, rapporteur])
    for person, status, proxy in attendance:
        con.execute("INSERT INTO attendance (deliberation_id, person, status, proxy, page) VALUES (?, ?, ?, ?, 1)",
                    [f"{doc}-0", person, status, proxy])
    for person, vote in votes:
        con.execute("INSERT INTO vote_names VALUES (?, ?, ?, ?, NULL)", [f"{doc}-0", doc, person, vote])


def audierne_db(path):
    con = connect(path)
    # DE2022-141: "Marie-France CAUSEUR a donné procuration à Eric BOSSER" while the présents print "Éric BOSSER"
    _load_seance(con, "d1", "s1", [("Éric BOSSER", "present", None), ("Pierre-Marie BOSSER", "present", None),
                                   ("Marie-France CAUSEUR", "represented", "Eric BOSSER"),
                                   ("Gurvan KERLOC’H", "present", None)],
                 rapporteur="Gurvan KERLOC'H", president="Gurvan KERLOC’H", votes=[("BOSSER", "contre")])
    _load_seance(con, "d2", "s2", [("Eric BOSSER", "absent", None), ("Pierre-Marie BOSSER", "present", None),
                                   ("Marie-France CAUSEUR", "present", None)], collectivite="commune d’Audierne", siren=None)
    return con


def test_rebuild_sets_every_person_id_and_explains_merges(tmp_path):
    con = audierne_db(tmp_path / "a.duckdb")
    assert rebuild_persons(con) == 5  # Éric, Pierre-Marie, Marie-France, Gurvan, and the ambiguous "BOSSER"
    ids = dict(con.execute("SELECT person, person_id FROM attendance").fetchall())
    assert ids["Éric BOSSER"] == ids["Eric BOSSER"] != ids["Pierre-Marie BOSSER"]
    proxy_holder = con.execute("SELECT proxy_person_id FROM attendance WHERE proxy IS NOT NULL").fetchone()[0]
    assert proxy_holder == ids["Éric BOSSER"]
    assert con.execute("SELECT rapporteur_person_id FROM deliberations WHERE document_id = 'd1'").fetchone()[0] == ids["Gurvan KERLOC’H"]
    assert con.execute("SELECT president_person_id FROM seances WHERE seance_id = 's1'").fetchone()[0] == ids["Gurvan KERLOC’H"]
    eric = con.execute("SELECT display_name, collectivite_key, variants, seances, present, absent, proxies_held "
                       "FROM persons WHERE person_id = ?", [ids["Éric BOSSER"]]).fetchone()
    # printed "Eric" twice and "Éric" once: the most printed spelling is shown; the séance without
    # SIREN borrows its namesake's
    assert eric[:2] == ("Eric BOSSER", "200054724")
    assert {v["name"]: v["rule"] for v in json.loads(eric[2])}["Éric BOSSER"] == "same name up to accents"
    assert eric[3:] == (2, 1, 1, 1)
    bosser_alone = con.execute("SELECT v.person_id, p.notes FROM vote_names v JOIN persons p USING (person_id)").fetchone()
    assert bosser_alone[0] not in (ids["Éric BOSSER"], ids["Pierre-Marie BOSSER"]) and "merged with none" in bosser_alone[1]
    lines = summary(con)
    assert lines[0].startswith("Commune d’Audierne [200054724]: 5 persons, 7 spellings; merged: ")
    assert "1 same name up to accents" in lines[0] and "1 same name up to punctuation or spacing" in lines[0]
    assert lines[1].startswith("    kept apart: BOSSER: surname shared by several members")


def test_rebuild_is_idempotent_and_reingest_keeps_ids_and_drops_stale_persons(tmp_path):
    con = audierne_db(tmp_path / "b.duckdb")
    rebuild_persons(con)
    first = con.execute("SELECT * FROM persons ORDER BY person_id").fetchall()
    rebuild_persons(con)
    assert con.execute("SELECT * FROM persons ORDER BY person_id").fetchall() == first
    # re-ingesting d2 (delete its rows, write them again) gives the same ids
    con.execute("DELETE FROM attendance WHERE deliberation_id = 'd2-0'")
    con.execute("DELETE FROM deliberations WHERE document_id = 'd2'")
    rebuild_persons(con)
    without_d2 = {r[0] for r in con.execute("SELECT display_name FROM persons").fetchall()}
    assert "Pierre-Marie BOSSER" in without_d2 and len(without_d2) == 5
    assert con.execute("SELECT seances FROM persons WHERE display_name = 'Pierre-Marie BOSSER'").fetchone()[0] == 1
    _load_seance(con, "d2", "s2", [("Eric BOSSER", "absent", None), ("Pierre-Marie BOSSER", "present", None),
                                   ("Marie-France CAUSEUR", "present", None)], collectivite="commune d’Audierne", siren=None)
    rebuild_persons(con)
    assert con.execute("SELECT * FROM persons ORDER BY person_id").fetchall() == first
    # deleting the only document naming KERLOC'H leaves no stale person
    for table in ("attendance", "vote_names"):
        con.execute(f"DELETE FROM {table} WHERE deliberation_id = 'd1-0'")
    con.execute("DELETE FROM deliberations WHERE document_id = 'd1'")
    rebuild_persons(con)
    assert con.execute("SELECT count(*) FROM persons WHERE display_name LIKE 'Gurvan%'").fetchone()[0] == 0


def test_rebuild_adds_the_columns_to_a_database_made_before_persons(tmp_path):
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE seances (seance_id VARCHAR PRIMARY KEY, collectivite VARCHAR, siren VARCHAR, "
                    "seance_date DATE, convocation_date DATE, president VARCHAR, secretaire VARCHAR, members_in_office INTEGER)")
        con.execute("CREATE TABLE deliberations (deliberation_id VARCHAR PRIMARY KEY, document_id VARCHAR, seance_id VARCHAR, "
                    "rapporteur VARCHAR, acte_siren VARCHAR)")
        con.execute("CREATE TABLE attendance (deliberation_id VARCHAR, person VARCHAR, status VARCHAR, proxy VARCHAR, page INTEGER)")
        con.execute("CREATE TABLE vote_names (deliberation_id VARCHAR, document_id VARCHAR, person VARCHAR, vote VARCHAR)")
        con.execute("INSERT INTO seances (seance_id, collectivite) VALUES ('s', 'Commune de Pierrefonds')")
        con.execute("INSERT INTO deliberations (deliberation_id, document_id, seance_id) VALUES ('d-0', 'd', 's')")
        con.execute("INSERT INTO attendance VALUES ('d-0', 'Michel LEBLANC', 'present', NULL, 1), ('d-0', 'Ronan TANGUY', 'present', NULL, 1)")
        con.execute("INSERT INTO vote_names VALUES ('d-0', 'd', 'TANGUY', 'contre')")
        assert rebuild_persons(con) == 2
        assert con.execute("SELECT v.person_id = a.person_id FROM vote_names v JOIN attendance a "
                           "ON a.person = 'Ronan TANGUY'").fetchone()[0] is True


def test_batch_ingest_rebuilds_persons(synthetic_dir, tmp_path):
    db = tmp_path / "batch.duckdb"
    batch.ingest([synthetic_dir], db, workers=0)
    with duckdb.connect(str(db), read_only=True) as con:
        named, with_id = con.execute("SELECT count(*), count(person_id) FROM attendance").fetchone()
        assert named > 0 and with_id == named
        assert con.execute("SELECT count(*) FROM persons").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM attendance a LEFT JOIN persons p USING (person_id) "
                           "WHERE p.person_id IS NULL").fetchone()[0] == 0


def test_montpellier_part_of_a_compound_surname_with_the_same_given_name_merges():
    persons, person_of = persons_of("Anne-Louise HOPITAL-KNAPNOUGEL", "Anne Louise HOPITAL KNAPNOUGEL",
                                    "Anne-Louise KNAPNOUGEL", "KNAPNOUGEL", "Brigitte ROUSSEL-GALIANA", "Sylvain GAUDIN")
    assert same(person_of, "Anne-Louise HOPITAL-KNAPNOUGEL", "Anne Louise HOPITAL KNAPNOUGEL", "Anne-Louise KNAPNOUGEL",
                "KNAPNOUGEL")
    rule = rule_of(persons["Anne-Louise HOPITAL-KNAPNOUGEL"], "Anne-Louise KNAPNOUGEL")
    assert rule.startswith("part of a compound surname: KNAPNOUGEL in HOPITAL-KNAPNOUGEL")
    assert len(persons) == 3


def test_part_of_a_compound_surname_needs_the_same_given_name_and_one_candidate():
    # putanges: Sylvain GAUDIN and Dominique GAUDIN; a "Sylvain GAUDIN-LEROUX" would be another reading
    _, person_of = persons_of("Dominique GAUDIN", "Sylvain PICHONNIER-GAUDIN")
    assert person_of["Dominique GAUDIN"] != person_of["Sylvain PICHONNIER-GAUDIN"]
    persons, person_of = persons_of("Marie-Andrée LAPRUNE", "Marie-Andrée LAPRUNE-AUVRAY", "Marie-Andrée LAPRUNE-DORE")
    assert len(set(person_of.values())) == 3
    assert "merged with none" in persons["Marie-Andrée LAPRUNE"].notes[0]
