"""Stage 6 — validate: build the pydantic records and reconcile them.

Model construction enforces formats (ISO dates, acte id, vote arithmetic); the checks here
compare records with each other (votes against attendance, dates against the séance). Every
violation becomes an `Anomaly` row; nothing is dropped silently and nothing raises."""
from __future__ import annotations

from collections import Counter

from pydantic import ValidationError

from models import (
    ActeStamp,
    Anomaly,
    AttendanceEntry,
    AttendanceStatus,
    Commission,
    Deliberation,
    DocumentResult,
    Seance,
    Vote,
)
from pipeline.extract.common import Found
from pipeline.layout import DocumentText
from pipeline.resolve import Resolution, ResolvedDeliberation


def _value(found: Found | None):
    return found.value if found is not None else None


def _one_line(error: ValidationError) -> str:
    first = error.errors()[0]
    return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"


def _provenance(doc: DocumentText, fields: dict[str, Found | None]) -> dict:
    return {name: doc.provenance(f.start, f.end) for name, f in fields.items() if f is not None}


def build_seance(resolution: Resolution, result: DocumentResult) -> None:
    s = resolution.extraction.seance
    stamp = resolution.extraction.stamp
    siren = stamp.acte_id.value.siren if stamp.acte_id else None
    fields = {
        "collectivite": s.collectivite, "seance_date": s.seance_date, "convocation_date": s.convocation_date,
        "president": s.president, "secretaire": s.secretaire, "members_in_office": s.members_in_office,
    }
    try:
        result.seance = Seance(siren=siren, **{k: _value(v) for k, v in fields.items()})
    except ValidationError as exc:
        result.anomalies.append(Anomaly(check_name="invalid_seance", message=_one_line(exc)))
        result.seance = Seance(siren=siren)
    result.seance_provenance = _provenance(resolution.extraction.segmented.doc, fields)


def _vote(resolved: ResolvedDeliberation, anomalies: list[Anomaly], index: int) -> Vote:
    v = resolved.findings.vote
    values = {
        "pour": _value(v.pour), "contre": _value(v.contre), "abstention": _value(v.abstention),
        "non_participation": _value(v.non_participation), "unanimous": _value(v.unanimous), "outcome": _value(v.outcome),
    }
    try:
        return Vote(**values)
    except ValidationError as exc:
        anomalies.append(Anomaly(check_name="invalid_vote", message=_one_line(exc), deliberation_index=index))
        return Vote(unanimous=values["unanimous"], outcome=values["outcome"]) if not values["unanimous"] or not values["contre"] else Vote()


def build_deliberation(resolution: Resolution, resolved: ResolvedDeliberation, index: int, anomalies: list[Anomaly]) -> Deliberation:
    doc = resolution.extraction.segmented.doc
    ident = resolved.findings.identity
    seg = resolved.findings.segment
    stamp = resolved.findings.stamp or resolution.extraction.stamp
    attendance = []
    for a in resolved.attendance:
        try:
            attendance.append(AttendanceEntry(person=a.person, status=a.status, proxy=a.proxy,
                                              provenance=doc.provenance(a.claim.start, a.claim.end)))
        except ValidationError as exc:
            anomalies.append(Anomaly(check_name="invalid_attendance", message=_one_line(exc), deliberation_index=index))
    commission = None
    if ident.commission_name or ident.commission_avis:
        commission = Commission(name=_value(ident.commission_name), date=_value(ident.commission_date), avis=_value(ident.commission_avis))
    fields = {
        "numero": ident.numero, "item_number": ident.item_number, "objet": ident.objet, "rapporteur": ident.rapporteur,
        "commission": ident.commission_name, "commission_date": ident.commission_date, "commission_avis": ident.commission_avis,
        "acte_id": stamp.acte_id, "prefecture_sent": stamp.sent, "prefecture_received": stamp.received, "published": stamp.published,
        "votes_pour": resolved.findings.vote.pour, "votes_contre": resolved.findings.vote.contre,
        "votes_abstention": resolved.findings.vote.abstention, "votes_non_participation": resolved.findings.vote.non_participation,
        "unanimous": resolved.findings.vote.unanimous, "outcome": resolved.findings.vote.outcome,
    }
    page_start, page_end = doc.page_of(seg.start), doc.page_of(max(seg.start, seg.end - 1))
    return Deliberation(
        index=index,
        numero=_value(ident.numero),
        item_number=_value(ident.item_number),
        objet=_value(ident.objet),
        rapporteur=resolved.rapporteur,
        commission=commission,
        stamp=ActeStamp(acte_id=_value(stamp.acte_id), prefecture_sent=_value(stamp.sent),
                        prefecture_received=_value(stamp.received), published=_value(stamp.published)),
        vote=_vote(resolved, anomalies, index),
        attendance=attendance,
        page_start=page_start,
        page_end=max(page_start, page_end),
        provenance=_provenance(doc, fields),
    )


def reconcile(seance: Seance, deliberation: Deliberation) -> list[Anomaly]:
    """Cross-record checks: each failure is one anomaly with a readable message."""
    found: list[Anomaly] = []

    def flag(check: str, message: str) -> None:
        found.append(Anomaly(check_name=check, message=message, deliberation_index=deliberation.index))

    present = len(deliberation.people(AttendanceStatus.PRESENT))
    represented = len(deliberation.people(AttendanceStatus.REPRESENTED))
    absent = len(deliberation.people(AttendanceStatus.ABSENT))
    vote = deliberation.vote
    if vote.pour is not None and (present or represented):
        voters = present + represented - (vote.non_participation or 0)
        expressed = vote.expressed
        if expressed != voters:
            flag("vote_vs_attendance", f"present {present} + represented {represented} - non-participation "
                 f"{vote.non_participation or 0} = {voters}, but pour+contre+abstention = {expressed}")
    if seance.members_in_office is not None and present + represented + absent > seance.members_in_office:
        flag("members_in_office", f"{present + represented + absent} people listed but {seance.members_in_office} members in office")
    if seance.seance_date:
        for name in ("prefecture_sent", "prefecture_received"):
            value = getattr(deliberation.stamp, name)
            if value and value < seance.seance_date:
                flag("prefecture_before_seance", f"{name} {value} is before the séance {seance.seance_date}")
        acte = deliberation.stamp.acte_id
        if acte and acte.date != seance.seance_date:
            flag("acte_date_vs_seance", f"acte id date {acte.date} differs from séance date {seance.seance_date}")
    holders = Counter(a.proxy for a in deliberation.people(AttendanceStatus.REPRESENTED) if a.proxy)
    for holder, count in holders.items():
        if count > 1:
            flag("proxies_per_holder", f"{holder} holds {count} proxies")
    listed_present = {a.person for a in deliberation.people(AttendanceStatus.PRESENT)}
    for a in deliberation.people(AttendanceStatus.REPRESENTED):
        if a.proxy and a.proxy not in listed_present:
            flag("proxy_holder_not_present", f"{a.person}'s proxy holder {a.proxy} is not listed present")
    return found


def validate(resolution: Resolution, result: DocumentResult) -> DocumentResult:
    build_seance(resolution, result)
    for index, resolved in enumerate(resolution.deliberations):
        try:
            deliberation = build_deliberation(resolution, resolved, index, result.anomalies)
        except ValidationError as exc:
            result.anomalies.append(Anomaly(check_name="invalid_deliberation", message=_one_line(exc), deliberation_index=index))
            continue
        result.deliberations.append(deliberation)
        result.anomalies.extend(reconcile(result.seance, deliberation))
    result.stage_reached = "validate"
    return result
