import datetime as dt

from models import ActeId, ActeStamp, AttendanceEntry, Deliberation, Seance, Vote
from pipeline.stages.validate import reconcile


def _delib(present: int, represented: list[tuple[str, str | None]], absent: int = 0, **kwargs) -> Deliberation:
    attendance = [AttendanceEntry(person=f"Élu PRESENT{i}", status="present") for i in range(present)]
    attendance += [AttendanceEntry(person=p, status="represented", proxy=h) for p, h in represented]
    attendance += [AttendanceEntry(person=f"Élu ABSENT{i}", status="absent") for i in range(absent)]
    return Deliberation(attendance=attendance, **kwargs)


def _checks(anomalies) -> set[str]:
    return {a.check_name for a in anomalies}


def test_consistent_deliberation_has_no_anomaly():
    seance = Seance(seance_date=dt.date(2023, 2, 23), members_in_office=5)
    delib = _delib(
        3, [("Élu R", "Élu PRESENT0")], absent=1,
        vote=Vote(pour=4, contre=0, abstention=0, non_participation=0),
        stamp=ActeStamp(acte_id=ActeId.parse("025-212500565-20230223-D00709310-DE"), prefecture_received=dt.date(2023, 3, 2)),
    )
    assert reconcile(seance, delib) == []


def test_votes_must_match_present_plus_represented_minus_non_participation():
    delib = _delib(14, [("A B", "Élu PRESENT0"), ("C D", "Élu PRESENT1")], vote=Vote(pour=15, contre=0))
    anomalies = reconcile(Seance(), delib)
    assert _checks(anomalies) == {"vote_vs_attendance"}
    assert "= 16" in anomalies[0].message and "= 15" in anomalies[0].message
    fixed = _delib(14, [("A B", "Élu PRESENT0"), ("C D", "Élu PRESENT1")], vote=Vote(pour=15, non_participation=1))
    assert reconcile(Seance(), fixed) == []


def test_more_people_than_members_in_office():
    assert _checks(reconcile(Seance(members_in_office=3), _delib(3, [], absent=1))) == {"members_in_office"}


def test_prefecture_before_seance_and_acte_date_mismatch():
    seance = Seance(seance_date=dt.date(2023, 2, 23))
    delib = _delib(1, [], stamp=ActeStamp(
        acte_id=ActeId.parse("025-212500565-20230222-D00709310-DE"), prefecture_sent=dt.date(2023, 2, 20)))
    assert _checks(reconcile(seance, delib)) == {"prefecture_before_seance", "acte_date_vs_seance"}


def test_one_proxy_per_holder():
    delib = _delib(2, [("A B", "Élu PRESENT0"), ("C D", "Élu PRESENT0")])
    anomalies = reconcile(Seance(), delib)
    assert _checks(anomalies) == {"proxies_per_holder"}
    assert "holds 2 proxies" in anomalies[0].message


def test_proxy_holder_must_be_present():
    assert _checks(reconcile(Seance(), _delib(1, [("A B", "Inconnu NULLEPART")]))) == {"proxy_holder_not_present"}


def _validated(text: str):
    from pipeline.document import DocumentText
    from pipeline.stages.extract import extract
    from pipeline.stages.resolve import resolve
    from pipeline.stages.segment import segment
    from pipeline.stages.validate import validate

    doc = DocumentText.from_text(text)
    return validate(doc, resolve(extract(segment(doc)), doc.page_start))


FLAUX_STAMP = ("Envoyé en préfecture le 21/12/2023\nReçu en préfecture le 21/12/2023\nPublié le\n"
               "ID : 030-213001100-20231215-PV17112023-AU\n")


def test_a_stamp_over_minutes_of_several_items_is_the_minutes_id_not_each_items():
    # flaux 2023: the id names the procès-verbal (PV17112023); its dates still date the items
    text = (FLAUX_STAMP + "PROCES VERBAL\nSéance du 17 novembre 2023\n"
            "1. Convention d'adhésion au service Médecine préventive\nLe conseil municipal après en avoir délibéré décide.\n"
            "Vote : Unanimité\n2. Conditions de facturation eau et assainissement 2024\nLe maire expose.\n"
            "Le conseil municipal approuve.\nVote : Unanimité\n")
    validated = _validated(text)
    assert len(validated.deliberations) == 2
    assert all(d.stamp.acte_id is None for d in validated.deliberations)
    assert all(d.stamp.prefecture_received == dt.date(2023, 12, 21) for d in validated.deliberations)


def test_a_single_deliberation_keeps_its_stamp():
    text = (FLAUX_STAMP.replace("PV17112023-AU", "DE2023_141-DE") + "Délibération n° 2023-141 : Tarifs de l'eau\n"
            "Le conseil municipal, après en avoir délibéré, à l'unanimité, décide :\n")
    (only,) = _validated(text).deliberations
    assert only.stamp.acte_id is not None and only.stamp.acte_id.number == "DE2023_141"
