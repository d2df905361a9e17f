import datetime as dt

import pytest
from pydantic import ValidationError

from models import ActeId, AttendanceEntry, AttendanceStatus, Deliberation, Provenance, Vote


@pytest.mark.parametrize(
    "text, departement, siren, date, number, nature",
    [
        ("025-212500565-20230223-D00709310-DE", "025", "212500565", dt.date(2023, 2, 23), "D00709310", "DE"),
        ("034-213401722-20140424-0000071218-DE", "034", "213401722", dt.date(2014, 4, 24), "0000071218", "DE"),
        ("02A-200067106-20220301-2022_15-AR", "02A", "200067106", dt.date(2022, 3, 1), "2022_15", "AR"),
        # the text layer of Montpellier's stamp box splits the id with spaces
        ("0 34-213401722-20140522-0000072016-DE", "034", "213401722", dt.date(2014, 5, 22), "0000072016", "DE"),
    ],
)
def test_acte_id_parts(text, departement, siren, date, number, nature):
    acte = ActeId.parse(text)
    assert (acte.departement, acte.siren, acte.date, acte.number, acte.nature) == (departement, siren, date, number, nature)
    assert " " not in acte.value


@pytest.mark.parametrize(
    "text",
    [
        "025-212500565-20230223-D00709310-XX",  # unknown nature
        "025-21250056-20230223-D00709310-DE",  # SIREN of 8 digits
        "025-212500565-20230231-D00709310-DE",  # 31 February
        "025-212500565-20230223--DE",  # no internal number
        "",
    ],
)
def test_acte_id_rejects_malformed(text):
    with pytest.raises(ValueError):
        ActeId.parse(text)


def test_vote_arithmetic_is_checked_on_construction():
    assert Vote(pour=54, contre=0, abstention=0, unanimous=True, outcome="adopted").expressed == 54
    with pytest.raises(ValidationError, match="unanimous"):
        Vote(pour=10, contre=2, unanimous=True)
    with pytest.raises(ValidationError, match="contradicts"):
        Vote(pour=3, contre=10, outcome="adopted")
    with pytest.raises(ValidationError):
        Vote(pour=-1)


def test_vote_dates_and_counts_are_typed():
    vote = Vote(pour="15", contre="1", outcome="adopted")
    assert vote.pour == 15 and vote.expressed == 16


def test_attendance_proxy_only_for_represented():
    entry = AttendanceEntry(person="Marie ZEHAF", status="represented", proxy="Juliette SORLIN")
    assert entry.status is AttendanceStatus.REPRESENTED
    with pytest.raises(ValidationError, match="proxy"):
        AttendanceEntry(person="Marie ZEHAF", status="present", proxy="Juliette SORLIN")
    with pytest.raises(ValidationError, match="own proxy"):
        AttendanceEntry(person="Marie ZEHAF", status="represented", proxy="Marie ZEHAF")


def test_provenance_span_and_page_are_checked():
    assert Provenance(page=2, char_start=5, char_end=9).page == 2
    with pytest.raises(ValidationError):
        Provenance(page=0, char_start=0, char_end=1)
    with pytest.raises(ValidationError):
        Provenance(page=1, char_start=9, char_end=5)


def test_deliberation_pages_are_ordered():
    with pytest.raises(ValidationError, match="page_end"):
        Deliberation(page_start=3, page_end=2)


def test_iso_dates_are_parsed():
    from models import ActeStamp

    stamp = ActeStamp(prefecture_received="2023-03-02")
    assert stamp.prefecture_received == dt.date(2023, 3, 2)
    with pytest.raises(ValidationError):
        ActeStamp(prefecture_received="02/03/2023 bientôt")
