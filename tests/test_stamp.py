"""ACTES stamp: phrasings copied from the corpus."""
import datetime as dt

import pytest

from pipeline.stages.extract.stamp import extract_stamp

MONTPELLIER = (
    "Accusé de réception – Ministère de l’intérieur\n034-213401722-20140424-0000071218-DE\nActe Certifié exécutoire\n"
    "Envoi Préfecture : 25/04/2014\nSéance publique du\njeudi 24 avril 2014\nRéception en Préfecture : 28/04/2014\n"
    "Pour extrait conforme,\nMonsieur le Maire,\nPhilippe SAUREL\nPubliée le : 23/04/2014\n"
)
BESANCON = "RECU EN PREFECTURE\nLe 02 mars 2023\nVIA DOTELEC - S2LOW\n025-212500565-20230223-D00709310-DE\nPublié le : 02/03/2023\n"


def test_montpellier_stamp():
    stamp = extract_stamp(MONTPELLIER)
    assert stamp.acte_id.value.value == "034-213401722-20140424-0000071218-DE"
    assert stamp.sent.value == dt.date(2014, 4, 25)
    assert stamp.received.value == dt.date(2014, 4, 28)
    assert stamp.published.value == dt.date(2014, 4, 23)


def test_besancon_stamp():
    stamp = extract_stamp(BESANCON)
    assert stamp.acte_id.value.value == "025-212500565-20230223-D00709310-DE"
    assert stamp.sent is None
    assert stamp.received.value == dt.date(2023, 3, 2)
    assert stamp.published.value == dt.date(2023, 3, 2)


@pytest.mark.parametrize(
    "text, value",
    [
        # text-layer artefacts: spaces inside the id (plain extraction interleaving a sidebar)
        ("0 34-2134 01722-20140424-0000071218-DE", "034-213401722-20140424-0000071218-DE"),
        ("034 - 213401722 - 20140424 - 0000071218 - DE", "034-213401722-20140424-0000071218-DE"),
        ("02A-212000046-20200101-2020_12-DE", "02A-212000046-20200101-2020_12-DE"),
    ],
)
def test_acte_id_repaired(text, value):
    assert extract_stamp(text).acte_id.value.value == value


@pytest.mark.parametrize(
    "text",
    [
        "034-213401722-20141324-0000071218-DE",  # impossible date
        "tél. 034-213401722",
    ],
)
def test_no_acte_id(text):
    assert extract_stamp(text).acte_id is None


def test_spans_point_at_the_dates():
    stamp = extract_stamp(MONTPELLIER)
    assert MONTPELLIER[stamp.sent.start : stamp.sent.end] == "25/04/2014"
    assert MONTPELLIER[stamp.acte_id.start : stamp.acte_id.end] == "034-213401722-20140424-0000071218-DE"


def test_an_extracts_date_of_posting_is_its_publication():
    # lalouvesc 2023 extract 034 (OCR): the header box "Date d'affichage" over its date, the ACTES box's "Publié le" blank
    text = ("Date de la convocation\n06/12/2023\nDate d'affichage |\n15/12/2023\nEnvoyé en préfecture le 18/12/2023\n"
            "Reçu en préfecture le 18/12/2023\nPublié le\nID : 007-210701280-20231211-2023_034_D-DE\n")
    stamp = extract_stamp(text)
    assert stamp.published.value == dt.date(2023, 12, 15)
    assert stamp.received.value == dt.date(2023, 12, 18)
