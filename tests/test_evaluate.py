from pipeline.devtools.evaluate import Counts, Report, match_records, score_pair, score_records


def test_counts_precision_recall_f1():
    c = Counts(tp=8, fp=2, fn=2)
    assert (round(c.precision, 3), round(c.recall, 3), round(c.f1, 3)) == (0.8, 0.8, 0.8)
    assert Counts(tp=0, fp=3, fn=0).f1 == 0.0


def _record(item, objet, **extra):
    return {"item_number": item, "objet": objet, "numero": None, "present": [], "represented": [], "absent": [],
            "votes": {}, **extra}


def test_records_are_matched_by_item_and_objet_not_position():
    golds = [_record(1, "Budget primitif"), _record(2, "Tarifs de la cantine")]
    preds = [_record(2, "Tarifs de la cantine scolaire"), _record(1, "Budget primitif 2020")]
    pairs = match_records(golds, preds)
    assert sorted((g["item_number"], p["item_number"]) for g, p in pairs) == [(1, 1), (2, 2)]


def test_unmatched_records_count_as_misses():
    pairs = match_records([_record(1, "Budget"), _record(2, "Cantine")], [_record(1, "Budget")])
    assert sum(1 for g, p in pairs if p is None) == 1


def test_scoring_rules():
    report = Report()
    gold = _record(3, "Objet", rapporteur="Anne VIGNOT", secretaire=None, present=["A B", "C D"],
                   represented=[{"person": "E F", "proxy": "A B"}], uncertain=["numero"])
    pred = _record(3, "objet", rapporteur="Gilles SPICHER", secretaire="X Y", numero="12", present=["A B"],
                   represented=[{"person": "E F", "proxy": "A B"}])
    score_pair(report, "src", gold, pred)
    f = report.fields
    assert (f["objet"].tp, f["item_number"].tp) == (1, 1)  # case-insensitive equality
    assert (f["rapporteur"].fp, f["rapporteur"].fn) == (1, 1)  # wrong value: both
    assert (f["secretaire"].fp, f["secretaire"].fn) == (1, 0)  # value where gold is null
    assert "numero" not in f or f["numero"].tp + f["numero"].fp + f["numero"].fn == 0  # uncertain: unscored
    assert (f["attendance.present"].tp, f["attendance.present"].fn) == (1, 1)
    assert f["attendance.proxy"].tp == 1


def test_the_records_line_counts_invented_and_missed_records():
    report = Report()
    golds = [_record(1, "Budget primitif"), _record(2, "Tarifs de la cantine")]
    preds = [_record(1, "Budget primitif"), _record(7, "Questions diverses sans rapport")]
    for g, p in match_records(golds, preds):
        score_records(report, "src", g, p)
    records = report.fields["records"]
    assert (records.tp, records.fp, records.fn) == (1, 1, 1)  # one found, one invented, one missed
    assert "records" in report.by_source["src"]


def test_a_collectivite_is_scored_by_its_name():
    from pipeline.devtools.evaluate import _place, normalise

    assert _place(normalise("Commune de Lalouvesc")) == _place(normalise("LALOUVESC"))
    assert _place(normalise("Ville d’Audierne")) == _place(normalise("Commune d'Audierne"))
    assert _place(normalise("Commune de Flaux")) != _place(normalise("Commune de Castillon du Gard"))


def test_scanned_documents_are_those_the_manifest_marks_without_a_text_layer(tmp_path):
    from pipeline.devtools.evaluate import scanned_files

    (tmp_path / "MANIFEST.tsv").write_text(
        "source\tfile\tpages\thas_text_layer\n"
        "flaux\tPV_DU_17_NOVEMBRE-tampon.pdf\t10\tno\n"
        "pierrefonds\tcompte-rendu-03-10-2017.pdf\t6\tpartial\n"
        "montpellier\t2014-04-24-0000071283.pdf\t2\tyes\n")
    assert scanned_files(tmp_path) == {("flaux", "PV_DU_17_NOVEMBRE-tampon.pdf"),
                                       ("pierrefonds", "compte-rendu-03-10-2017.pdf")}
    assert scanned_files(tmp_path / "elsewhere") == set()
