"""`delib audit`: the phrasings it looks for (real corpus wording), the checks on real documents of
the corpus and on hand-built results where the doubt is known, and the command (exit 0, JSON, a bad
file as its own row)."""
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models import AttendanceEntry, AttendanceStatus, Deliberation, DocumentResult, Seance, Vote
from pipeline.cli import app
from pipeline.document import TextBuilder
from pipeline.outputs.audit import (
    PROCEDURAL_RES,
    DoubtKind,
    PageFacts,
    Role,
    audit_document,
    check_empty_fields,
    check_printed_counts,
    check_vote_sums,
    find_anchors,
    group_decisions,
    page_doubt,
)
from pipeline.outputs.audit_command import audit_file
from pipeline.run import read_document

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_file(relative: str) -> Path:
    path = CORPUS / relative
    if not path.exists():
        pytest.skip("../shared/corpus is not beside the repository")
    return path


# --- phrasings -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Délibération prise en ce sens.",  # Saint-Restitut, after each item
    "Délibérations prises en ce sens.",  # Saint-Restitut, after five décisions modificatives
    "Ainsi fait et délibéré les jour, mois, an ci-dessus",  # Lalouvesc, end of each extract
])
def test_decision_closings_close_a_decision(text):
    assert [a.role for a in find_anchors(text)] == [Role.CLOSE]


def test_an_earlier_deliberation_recalled_is_no_anchor():
    # Saint-Restitut: an earlier délibération recalled, not one taken
    assert find_anchors("Monsieur le maire rappelle la délibération du 24/11/2015 acceptant le bail") == []


@pytest.mark.parametrize("text", [
    "Accord du conseil à l'unanimité sur les propositions définies ci-dessus",
    "Accord du conseil municipal aux conditions proposées par 2 voix CONTRE (M.DENISE – C.BOURRETTE) et",
])
def test_council_accord_is_a_result(text):
    assert Role.RESULT in {a.role for a in find_anchors(text)}


def test_council_agreement_asked_is_no_anchor():
    assert find_anchors("Madame le maire demande aux membres du conseil s’ils sont d’accord pour procéder") == []


def procedural(text: str) -> bool:
    return any(regex.search(text) for regex in PROCEDURAL_RES)


@pytest.mark.parametrize("text", [
    "Aucune remarque n’étant soulevée, le compte rendu de la précédente réunion a été adopté par l’Assemblée.",  # Putanges
    "Aucune observation n’ayant été soulevée, le compte-rendu est adopté à l’unanimité des Membres présents.",  # Putanges
    "demande aux membres du conseil municipal s’ils souhaitent conserver le mode de vote à main levée. Vote : Pour",  # Pierrefonds
    "Le Conseil Municipal accepte d’ajouter à l’ordre du jour, les rapports supplémentaires suivants :",  # Putanges
    "pour laquelle, elle a fait l’objet d’un additif.",  # Pierrefonds
    "Approbation du compte rendu du conseil du 11 mars 2021",  # Flaux
    "propose la candidature de Catherine VINAS, en qualité de secrétaire pour la présente séance",  # Flaux
])
def test_procedural_decisions(text):
    assert procedural(text)


@pytest.mark.parametrize("text", [
    "Après en avoir délibéré, le Conseil Municipal, à l’unanimité des Membres présents ; approuve le compte de gestion",
    "DECLARE que les comptes de gestion dressés par le Receveur pour l’exercice 2015",  # Putanges
    "Le Conseil Municipal, après en avoir délibéré, à l’unanimité, DESIGNE comme délégués",
])
def test_deliberations_are_not_procedural(text):
    assert not procedural(text)


# --- anchors and decisions -----------------------------------------------------------------------

def test_prose_naming_the_council_is_no_decision_alone():
    # Montpellier, in the exposé of a single délibération
    prose = ("Conformément à l’article 1650 du Code Général des Impôts, le Conseil Municipal est appelé à proposer une\n"
             "liste de 32 contribuables parmi lesquels la Directrice Régionale des Finances Publiques désigne 8\n")
    anchors = find_anchors(prose)
    assert anchors and all(a.role is Role.PROSE for a in anchors)
    assert not any(d.stands for d in group_decisions(anchors))
    adopted = find_anchors("En conséquence il est proposé au Conseil Municipal d’approuver la convention.\nLe Conseil Adopte.\n")
    assert any(a.role is Role.RESULT for a in adopted)


def test_the_council_taking_note_is_a_decision():
    [decision] = group_decisions(find_anchors("Le Conseil Municipal prend acte de la présentation du rapport d’activités 2016.\n"))
    assert decision.stands and decision.has_result


def test_a_bare_adopted_in_prose_is_no_result():
    # Montpellier: an international convention quoted in an exposé
    anchors = find_anchors("la Convention internationale des droits de l’enfant adoptée par l’Assemblée Générale de l’O.N.U.")
    assert not [a for a in anchors if a.role is Role.RESULT]


FILLER = "Afin de comptabiliser les amortissements il est nécessaire d’effectuer la décision modificative suivante. " * 5


def test_results_far_apart_are_distinct_decisions_and_a_closing_ends_one():
    # Saint-Restitut: several décisions modificatives, each with its own result, one closing for all
    text = (f"DECISION MODIFICATIVE N°2 BUDGET EAU/ASSAINISSEMENT\n{FILLER}\nDM adoptée à l'unanimité.\n"
            f"DECISION MODIFICATIVE N° 1 BUDGET PHOTOVOLTAIQUE\n{FILLER}\n"
            "DM adoptée par 2 ABSTENTIONS (M.DENISE – C.BOURRETTE) et 12 voix POUR\nDélibérations prises en ce sens.\n"
            "C.BOURRETTE demande quel projet culturel ?\nAccord du conseil à l'unanimité.\n")
    decisions = [d for d in group_decisions(find_anchors(text)) if d.stands]
    assert len(decisions) == 3
    assert decisions[1].closed and decisions[1].tally == (12, None, 2)
    assert decisions[2].start > text.index("Délibérations prises")


def test_operative_clauses_after_a_decision_are_its_end():
    # Putanges: "Après en avoir délibéré ... décide :" then a long list, and "Charge enfin Monsieur le Maire" far below
    text = (f"Après en avoir délibéré, le conseil municipal décide :\n{FILLER}\n"
            "- Charge enfin Monsieur le Maire d’effectuer toutes démarches\n")
    assert len([d for d in group_decisions(find_anchors(text)) if d.stands]) == 1


def test_the_closing_formula_after_a_decision_is_its_end():
    # Lalouvesc: an extract's decision, its articles, then the registre's closing formula
    text = (f"Après en avoir délibéré, le conseil municipal décide à l'unanimité :\n{FILLER}\n"
            "Ainsi fait et délibéré les jour, mois, ans ci-dessus indiqués.\n")
    [decision] = [d for d in group_decisions(find_anchors(text)) if d.stands]
    assert decision.closed


# --- hand-built documents: a decision outside every record, two items in one -------------------------

ITEM_1 = ["1. Budget primitif 2021", FILLER,
          "Le Conseil Municipal, après en avoir délibéré, à l’unanimité, approuve le budget primitif."]
ITEM_2 = ["2. Tarifs de la cantine", FILLER,
          "Après en avoir délibéré, le conseil municipal fixe les tarifs.", "Vote : 14 pour / 0 contre / 0 abstention"]


def two_item_document(*pages: list[str]):
    builder = TextBuilder()
    for lines in pages:
        builder.add_page([(line, (0.0, 0.0, 500.0, 10.0), 0) for line in lines], carries_text=True)
    return builder.build()


def record_at(doc, index: int, heading: str, page_end: int | None = None) -> Deliberation:
    start = doc.text.index(heading)
    page = doc.page_of(start)
    return Deliberation(index=index, objet=heading[3:], page_start=page, page_end=page_end or page,
                        vote=Vote(unanimous=True, outcome="adopted"),
                        provenance={"objet": doc.provenance(start, start + len(heading))})


def test_a_decision_outside_every_record_is_reported_with_its_page():
    doc = two_item_document(ITEM_1, ITEM_2)
    result = DocumentResult(document_id="d", source_path="synthetic.pdf", sha256="", page_count=2,
                            deliberations=[record_at(doc, 0, ITEM_1[0])])
    audit = audit_document(result, doc)
    uncovered = [d for d in audit.doubts if d.kind is DoubtKind.UNCOVERED_DECISION]
    assert len(uncovered) == 1
    assert uncovered[0].pages == (2,)
    assert "après en avoir délibéré" in uncovered[0].excerpt.lower()
    assert audit.count(DoubtKind.MERGED_DECISIONS) == 0
    assert audit.decisions == 2
    # with the second item read, nothing is left outside
    result.deliberations.append(record_at(doc, 1, ITEM_2[0]))
    assert audit_document(result, doc).count(DoubtKind.UNCOVERED_DECISION) == 0


def test_two_items_in_one_record_are_reported_as_merged():
    doc = two_item_document(ITEM_1 + ITEM_2)
    result = DocumentResult(document_id="d", source_path="synthetic.pdf", sha256="", page_count=1,
                            deliberations=[record_at(doc, 0, ITEM_1[0])])
    audit = audit_document(result, doc)
    merged = [d for d in audit.doubts if d.kind is DoubtKind.MERGED_DECISIONS]
    assert len(merged) == 1 and merged[0].message.startswith("2 decisions")
    assert audit.count(DoubtKind.UNCOVERED_DECISION) == 0


# --- counts, sums, fields, pages ----------------------------------------------------------------

def people(status: AttendanceStatus, count: int, prefix: str) -> list[AttendanceEntry]:
    return [AttendanceEntry(person=f"{prefix} {i}", status=status) for i in range(count)]


def test_printed_counts_against_the_lists():
    record = Deliberation(attendance=people(AttendanceStatus.PRESENT, 13, "P") + people(AttendanceStatus.REPRESENTED, 1, "R"))
    result = DocumentResult(document_id="d", source_path="x.pdf", sha256="", deliberations=[record],
                            seance=Seance(members_present=14, members_voting=14, members_in_office=15))
    messages = [d.message for d in check_printed_counts(result)]
    assert len(messages) == 2  # présents 14 but 13 listed; in office 15 but 14 listed; votants 14 agree
    assert messages[0].startswith("members_present printed 14") and messages[1].startswith("members_in_office printed 15")
    result.seance = Seance(members_present=13, members_voting=14)
    assert check_printed_counts(result) == []


def test_pipeline_count_anomalies_are_counted_with_their_page():
    from models import Anomaly, Provenance
    from pipeline.outputs.audit import check_pipeline_flags

    result = DocumentResult(
        document_id="d", source_path="x.pdf", sha256="",
        seance_provenance={"members_present": Provenance(page=2, char_start=10, char_end=12, text="14")},
        anomalies=[Anomaly(check_name="printed_present_count", message="14 members printed present, the lists read give [13]"),
                   Anomaly(check_name="proxies_per_holder", message="X holds 2 proxies", deliberation_index=0)])
    [flag] = check_pipeline_flags(result)
    assert flag.kind is DoubtKind.PIPELINE_FLAG and flag.pages == (2,) and flag.message.startswith("printed_present_count")


def test_vote_sum_against_attendance_and_printed_votants():
    record = Deliberation(attendance=people(AttendanceStatus.PRESENT, 14, "P"), vote=Vote(pour=12, abstention=1))
    result = DocumentResult(document_id="d", source_path="x.pdf", sha256="", deliberations=[record])
    assert len(check_vote_sums(result)) == 1
    record.vote = Vote(pour=12, abstention=1, non_participation=1)
    assert check_vote_sums(result) == []
    # no lists read: the votants printed are the reference
    result.deliberations = [Deliberation(vote=Vote(pour=10, contre=2))]
    result.seance = Seance(members_voting=14)
    [doubt] = check_vote_sums(result)
    assert "votants printed 14" in doubt.message


def test_empty_fields():
    record = Deliberation(objet="Tarifs de la cantine", attendance=people(AttendanceStatus.PRESENT, 3, "P"))
    result = DocumentResult(document_id="d", source_path="x.pdf", sha256="", deliberations=[record],
                            seance=Seance(collectivite="Commune de X"))
    messages = sorted(d.message.split(" (")[0] for d in check_empty_fields(result))
    assert messages == ["outcome empty", "séance president empty", "séance seance_date empty"]


def test_pages_not_read():
    doc = two_item_document(["Envoyé en préfecture le 12/02/2024 Reçu en préfecture le 12/02/2024 Publié le"], ITEM_1)
    result = DocumentResult(document_id="d", source_path="x.pdf", sha256="", page_count=2)
    stamp_only = page_doubt(result, doc, 1, PageFacts(scanned=True, text_layer_chars=77))
    assert stamp_only is not None and "not OCR'd" in stamp_only.message and "préfecture" in stamp_only.excerpt
    assert page_doubt(result, doc, 1, PageFacts(scanned=False, text_layer_chars=77)) is None  # short, but all there is
    assert page_doubt(result, doc, 2, PageFacts(scanned=True, text_layer_chars=0)) is None  # OCR'd, with a body


# --- real documents ----------------------------------------------------------------------------

def test_montpellier_single_deliberation_has_every_decision_covered():
    result, doc = read_document(corpus_file("montpellier/2014-04-24-0000071216.pdf"), ocr=False)
    audit = audit_document(result, doc)
    assert audit.records == 1 and audit.decisions == 1
    assert audit.count(DoubtKind.UNCOVERED_DECISION) == 0
    assert audit.count(DoubtKind.MERGED_DECISIONS) == 0
    assert audit.count(DoubtKind.NO_DECISION) == 0


def test_pierrefonds_compte_rendu_sitting_decisions_are_not_doubts():
    # the way of voting and an item added to the agenda are voted before the first item
    result, doc = read_document(corpus_file("pierrefonds/compte-rendu-15-10-2015.pdf"), ocr=False)
    audit = audit_document(result, doc)
    assert audit.count(DoubtKind.PROCEDURAL_DECISION) == 2
    assert audit.count(DoubtKind.UNCOVERED_DECISION) == 0
    assert audit.decisions == audit.records


def test_flaux_stamp_only_scan_pages_are_reported_unread():
    # the ACTES stamp printed over each scanned page gives it a text layer: without OCR nothing else is read
    audit = audit_file(corpus_file("flaux/PV_DU_15_DECEMBRE_2024-tampon.pdf"), ocr=False)
    unread = [d for d in audit.doubts if d.kind is DoubtKind.PAGE_NOT_READ]
    assert [d.pages for d in unread] == [(p,) for p in range(1, audit.pages + 1)]
    assert all("text layer holds only" in d.message for d in unread)


# --- the command --------------------------------------------------------------------------------

def test_audit_command_exits_0_and_writes_json_with_a_bad_file_as_its_row(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "broken.pdf").write_bytes(b"this is not a PDF at all")
    (folder / "single.pdf").write_bytes(corpus_file("montpellier/2014-04-24-0000071216.pdf").read_bytes())
    out = tmp_path / "audit.json"
    run = CliRunner().invoke(app, ["audit", str(folder), "--json", str(out), "--no-ocr"])
    assert run.exit_code == 0, run.output
    assert "total (2 documents)" in run.output
    payload = json.loads(out.read_text())
    documents = {Path(d["path"]).name: d for d in payload["documents"]}
    assert documents["broken.pdf"]["status"] == "failed"
    assert documents["broken.pdf"]["counts"]["document_failed"] == 1
    assert documents["single.pdf"]["records"] == 1 and documents["single.pdf"]["counts"]["uncovered_decision"] == 0
    assert payload["totals"]["documents"] == 2 and payload["totals"]["not_ok"] == 1
