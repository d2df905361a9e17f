"""ACTES ids read by OCR, repaired only where the document proves it. The readings are tesseract's,
on the stamps of a scanned Lalouvesc procès-verbal (corpus/lalouvesc, REPORT §6 of the OCR lab)."""
import datetime as dt

import pytest

from pipeline.document import TextBuilder
from pipeline.french.acte_ids import context_from_readings, luhn_ok, majority, parse_reading, readings_in, repair_acte_id
from pipeline.stages.extract.stamp import extract_stamp, find_ocr_acte_ids

SEANCE = dt.date(2023, 12, 11)
# the readings of one document, as tesseract gave them
READINGS = [
    "007-210701280-20231211-2023_034 p-0E", "007-210701260-20231211-2023_034 D-DE",
    "907-210701280-20231211-2023 034 D-DE", "007-210701280-20231211-2023_034_D-DE",
    "007-210701280-20251211-2023 039 0-0€", "007:210701280-20231211-2022 041 00e",
    "097-210701280-20231211-2023_ 043 D-DE", "007-210701260-20231211-2023 043 D-DE",
    "007-210701280-20231211-2023 049 D-DE",
]


@pytest.fixture(scope="module")
def context():
    return context_from_readings([r for text in READINGS for r in readings_in(text)], SEANCE)


def repaired(text, context, printed=()):
    fixed = repair_acte_id(parse_reading(text), context, list(printed))
    return fixed.value if fixed else None


def test_the_documents_readings_agree_on_siren_separators_and_series_letter(context):
    assert context.siren == "210701280" and luhn_ok(context.siren) and not luhn_ok("210701260")
    assert (context.separator, context.local_letter, context.local_year, context.nature) == ("_", "D", "2023", "DE")


@pytest.mark.parametrize("reading, value", [
    # the département from the commune's SIREN (21 + INSEE 07128), the "_" rebuilt
    ("907-210701280-20231211-2023 034 D-DE", "007-210701280-20231211-2023_034_D-DE"),
    ("097-210701280-20231211-2023_ 043 D-DE", "007-210701280-20231211-2023_043_D-DE"),
    # a SIREN failing its Luhn key: the one the document's readings agree on
    ("007-210701260-20231211-2023_034 D-DE", "007-210701280-20231211-2023_034_D-DE"),
    # a date one confusable digit from the séance date, the series letter, the nature
    ("007-210701280-20251211-2023 039 0-0€", "007-210701280-20231211-2023_039_D-DE"),
    ("007-210701280-20231211-2023_034 p-0E", "007-210701280-20231211-2023_034_D-DE"),
    # read as printed: nothing to repair (the series letter A of 033 is kept)
    ("007-210701280-20231211-2023_034_D-DE", "007-210701280-20231211-2023_034_D-DE"),
    ("ID : 007-210701280-20231211-2023_033_ADE", "007-210701280-20231211-2023_033_A-DE"),
])
def test_repairs_the_document_proves(reading, value, context):
    assert repaired(reading, context) == value


def test_a_number_is_changed_only_by_the_number_printed_on_its_page(context):
    reading = "007-210701280-20231211-2023 049 D-DE"
    assert repaired(reading, context) == "007-210701280-20231211-2023_049_D-DE"  # read, not guessed
    assert repaired(reading, context, ["2023_040_D"]) == "007-210701280-20231211-2023_040_D-DE"
    assert repaired(reading, context, ["2023_041_D"]) == "007-210701280-20231211-2023_049_D-DE"  # 9 is no misread 1


@pytest.mark.parametrize("reading", [
    "1 -9972107012802028127 12008 043 D-DE",  # garbled beyond the id's shape
    "15: 007-210701280.20231211-202 042 p0E",  # the number is missing a digit: not completed
])
def test_what_no_evidence_completes_is_dropped(reading, context):
    found = parse_reading(reading)
    assert found is None or repair_acte_id(found, context) is None


def test_without_the_documents_agreement_a_siren_failing_its_key_is_dropped():
    alone = context_from_readings(readings_in("007-210701260-20231211-2023_034_D-DE"), SEANCE)
    assert alone.siren is None
    assert repair_acte_id(parse_reading("007-210701260-20231211-2023_034_D-DE"), alone) is None


def test_the_departement_of_corsica_and_overseas_is_not_derived_from_the_siren():
    # INSEE 2A004 -> SIREN 212000046 (digits 20...): the département stays as read
    reading = "02A-212000046-20200101-2020_12-DE"
    context = context_from_readings(readings_in(reading))
    assert repaired(reading, context) == "02A-212000046-20200101-2020_12-DE"


def test_majority_over_the_readings_of_one_id():
    assert majority(["007-210701280-20231211-2023_034_D-DE", "007-210701280-20231211-2023_034_D-DE",
                     "007-210701280-20221211-2023_034_D-DE"]) == "007-210701280-20231211-2023_034_D-DE"


def _document(pages: list[str], ocr: list[bool]):
    builder = TextBuilder()
    for page, read_by_ocr in zip(pages, ocr):
        builder.add_page([(line, (0.0, 0.0, 0.0, 0.0), 0) for line in page.splitlines()], True, ocr=read_by_ocr)
    return builder.build()


def test_the_stamp_extractor_repairs_ids_on_ocr_pages_only():
    pages = ["Envoyé en préfecture le 18/12/2023\nReçu en préfecture le 18/12/2023\n"
             "EXTRAIT DU REGISTRE! 19: 007-210701280-20231211-2023_ 034 D-0E\nDélibération n° 2023_034_D",
             "Envoyé en préfecture le 19/12/2023\nID : 007-210701280-20231211-2023 049 D-DE\nDélibération n° 2023_040_D",
             "ID : 907-210701280-20231211-2023_034_D-DE"]
    doc = _document(pages, [True, True, False])
    stamp = extract_stamp(doc.text, doc, SEANCE)
    assert stamp.acte_id.value.value == "007-210701280-20231211-2023_034_D-DE"
    assert doc.text[stamp.acte_id.start:stamp.acte_id.end] == "007-210701280-20231211-2023_ 034 D-0E"
    assert doc.provenance(stamp.acte_id.start, stamp.acte_id.end).ocr
    found = [(f.value.value, doc.page_of(f.start)) for f in find_ocr_acte_ids(doc, SEANCE)]
    # page 3 is a text layer: its "907" is what the PDF says, not an OCR confusion: kept as printed
    assert found == [("007-210701280-20231211-2023_034_D-DE", 1), ("007-210701280-20231211-2023_040_D-DE", 2),
                     ("907-210701280-20231211-2023_034_D-DE", 3)]
    # the same text with no page read by OCR: only ids as printed
    assert extract_stamp(doc.text).acte_id.value.value == "907-210701280-20231211-2023_034_D-DE"
