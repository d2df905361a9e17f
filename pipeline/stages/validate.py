"""Stage 7 — validate: build the pydantic records and reconcile them.

Model construction enforces formats (ISO dates, acte id, vote arithmetic); the checks here
compare records with each other (votes against attendance, dates against the séance). Every
violation becomes an `Anomaly`; nothing is dropped silently and nothing raises. The stage only
builds records: what was read is decided by extract, what holds across items by resolve."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from pydantic import ValidationError

from models import (
    ActeStamp,
    Action,
    ActionAmount,
    Agreement,
    Anomaly,
    AttendanceEntry,
    AttendanceStatus,
    Commission,
    Deliberation,
    Matiere,
    Mesure,
    Provenance,
    Seance,
    Section,
    Signatory,
    Vote,
)
from pipeline.document import DocumentText, Found
from pipeline.stages.extract import annexes as A
from pipeline.stages.resolve import Resolution, ResolvedAnnexes, ResolvedDeliberation


@dataclass
class Validated:
    """The records of one document and every anomaly found while building and reconciling them."""

    seance: Seance
    seance_provenance: dict[str, Provenance]
    deliberations: list[Deliberation] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)


def _value(found: Found | None):
    return found.value if found is not None else None


def _one_line(error: ValidationError) -> str:
    first = error.errors()[0]
    return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"


def _provenance(doc: DocumentText, fields: dict[str, Found | None]) -> dict:
    return {name: doc.provenance(f.start, f.end) for name, f in fields.items() if f is not None}


def build_seance(doc: DocumentText, resolution: Resolution, anomalies: list[Anomaly]) -> tuple[Seance, dict[str, Provenance]]:
    s = resolution.seance
    stamp = resolution.stamp
    siren = stamp.acte_id.value.siren if stamp.acte_id else None
    fields = {
        "collectivite": s.collectivite, "seance_date": s.seance_date, "convocation_date": s.convocation_date,
        "president": s.president, "secretaire": s.secretaire, "members_in_office": s.members_in_office,
        "members_present": s.members_present, "members_voting": s.members_voting,
    }
    try:
        seance = Seance(siren=siren, **{k: _value(v) for k, v in fields.items()})
    except ValidationError as exc:
        anomalies.append(Anomaly(check_name="invalid_seance", message=_one_line(exc)))
        seance = Seance(siren=siren)
    return seance, _provenance(doc, fields)


def _vote(resolved: ResolvedDeliberation, anomalies: list[Anomaly], index: int) -> Vote:
    v = resolved.findings.vote
    values = {
        "pour": _value(v.pour), "contre": _value(v.contre), "abstention": _value(v.abstention),
        "non_participation": _value(v.non_participation), "unanimous": _value(v.unanimous), "outcome": _value(v.outcome),
    }
    names = {f"{category}_names": v.names.get(category, []) for category in ("contre", "abstention", "non_participation")}
    try:
        return Vote(**values, **names)
    except ValidationError as exc:
        anomalies.append(Anomaly(check_name="invalid_vote", message=_one_line(exc), deliberation_index=index))
        return Vote(unanimous=values["unanimous"], outcome=values["outcome"]) if not values["unanimous"] or not values["contre"] else Vote()


def build_deliberation(doc: DocumentText, resolution: Resolution, resolved: ResolvedDeliberation, index: int,
                       anomalies: list[Anomaly]) -> Deliberation:
    ident = resolved.findings.identity
    seg = resolved.findings.segment
    stamp = resolved.findings.stamp or resolution.stamp
    if resolved.findings.stamp is None and len(resolution.deliberations) > 1 and stamp.acte_id is not None:
        # one ACTES id stamped over minutes of several items identifies the minutes ("...-PV17112023-AU"),
        # not each délibération; its transmission dates still date them
        stamp = replace(stamp, acte_id=None)
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
        "numero": ident.numero, "item_number": ident.item_number, "objet": ident.objet, "rapporteur": resolved.rapporteur_found,
        "commission": ident.commission_name, "commission_date": ident.commission_date, "commission_avis": ident.commission_avis,
        "acte_id": stamp.acte_id, "prefecture_sent": stamp.sent, "prefecture_received": stamp.received, "published": stamp.published,
        "votes_pour": resolved.findings.vote.pour, "votes_contre": resolved.findings.vote.contre,
        "votes_abstention": resolved.findings.vote.abstention, "votes_non_participation": resolved.findings.vote.non_participation,
        "unanimous": resolved.findings.vote.unanimous, "outcome": resolved.findings.vote.outcome,
        "matiere": resolved.findings.matiere,
    }
    found = resolved.findings.matiere
    matiere = Matiere(code=found.value.code, label=found.value.label, confidence=round(found.value.confidence, 3)) if found else None
    page_start, page_end = doc.page_of(seg.start), doc.page_of(max(seg.start, seg.end - 1))
    return Deliberation(
        index=index,
        numero=_value(ident.numero),
        item_number=_value(ident.item_number),
        objet=_value(ident.objet),
        rapporteur=resolved.rapporteur,
        commission=commission,
        matiere=matiere,
        stamp=ActeStamp(acte_id=_value(stamp.acte_id), prefecture_sent=_value(stamp.sent),
                        prefecture_received=_value(stamp.received), published=_value(stamp.published)),
        vote=_vote(resolved, anomalies, index),
        attendance=attendance,
        page_start=page_start,
        page_end=max(page_start, page_end),
        # "item": the whole stretch of text the délibération was read from (its heading to the next one's)
        provenance=_provenance(doc, fields) | {"item": doc.provenance(seg.start, seg.end)},
        mesures=[_mesure(doc, m) for m in resolved.findings.mesures],
    )


# --- annexes -----------------------------------------------------------------------------------


def _mesure(doc: DocumentText, m: A.MesureFinding) -> Mesure:
    return Mesure(number=m.number, text=m.text, provenance=doc.provenance(m.start, m.end), source=m.source, axis=m.axis)


def build_action(found: A.ActionFinding, anomalies: list[Anomaly], index: int | None) -> Action | None:
    """One read fiche -> an Action; what could not be read is an anomaly."""
    for check_name, message in found.problems:
        anomalies.append(Anomaly(check_name=check_name, message=message, deliberation_index=index))
    fiche = found.fiche
    values = dict(found.values)
    if found.period is not None:
        values.update(calendar_start=found.period.start, calendar_end=found.period.end, calendar_precision=found.period.precision)
    amounts = [ActionAmount(amount_eur=a.amount_eur, label=a.label, per_year=a.per_year) for a in found.amounts]
    values.update(amounts=amounts, page_start=min(fiche.pages), page_end=max(fiche.pages), provenance=found.provenance)
    try:
        return Action(**values)
    except ValidationError as exc:
        anomalies.append(Anomaly(check_name="invalid_action", message=f"{found.label}: {_one_line(exc)}", deliberation_index=index))
        for key in ("calendar_start", "calendar_end", "calendar_precision"):
            values.pop(key, None)
        try:
            return Action(**values)
        except ValidationError:
            return None


def build_agreement(doc: DocumentText, found: A.AgreementFinding, index: int | None, anomalies: list[Anomaly]) -> Agreement | None:
    signatories = [
        Signatory(organisation=s.organisation, representative=s.representative, role=s.role, provenance=doc.provenance(s.start, s.end))
        for s in found.signatories
    ]
    sections = [Section(kind="article", number=a.number, title=a.title, provenance=doc.provenance(a.start, min(a.end, a.start + 120)))
                for a in found.articles]
    values = dict(kind=found.kind, title=found.title, signatories=signatories, sections=sections,
                  mesures=[_mesure(doc, m) for m in found.mesures], deliberation_index=index, page_start=doc.page_of(found.start))
    provenance = {}
    if found.title_span:
        provenance["title"] = doc.provenance(*found.title_span)
    if found.period is not None and found.period_span is not None:
        values.update(period_start=found.period.start, period_end=found.period.end, period_precision=found.period.precision)
        provenance["period"] = doc.provenance(*found.period_span)
    try:
        return Agreement(**values, provenance=provenance)
    except ValidationError as exc:
        anomalies.append(Anomaly(check_name="invalid_agreement", message=_one_line(exc), deliberation_index=index))
        return None


def check_actions(deliberation: Deliberation, agreements: list[Agreement]) -> list[Anomaly]:
    found = []
    numbers = Counter(a.number for a in deliberation.actions if a.number)
    for number, count in numbers.items():
        if count > 1:
            found.append(Anomaly(check_name="action_number_repeated", message=f"action number {number} on {count} fiches",
                                 deliberation_index=deliberation.index))
    known = {m.number for m in deliberation.mesures} | {m.number for a in agreements for m in a.mesures}
    if known:
        for action in deliberation.actions:
            if action.number and action.number.split(".")[0] not in known:
                found.append(Anomaly(check_name="action_mesure_unknown",
                                     message=f"fiche {action.name!r} refers to mesure {action.number}, listed nowhere",
                                     deliberation_index=deliberation.index))
    return found


def build_annexes(doc: DocumentText, annexes: ResolvedAnnexes, validated: Validated) -> None:
    """Fiche actions onto their délibération, annexed agreements onto the document."""
    findings = annexes.findings
    anomalies = validated.anomalies
    for check_name, message in findings.problems:
        anomalies.append(Anomaly(check_name=check_name, message=message))
    if findings.actions == [] and findings.fiche_pages:
        anomalies.append(Anomaly(
            check_name="fiche_labels_without_table",
            message=f"pages {findings.fiche_pages[0]}-{findings.fiche_pages[-1]} carry fiche-action labels but no ruled table was found",
        ))
    by_index = {d.index: d for d in validated.deliberations}
    for found, index in annexes.actions:
        action = build_action(found, anomalies, index)
        if action is not None and index in by_index:
            by_index[index].actions.append(action)
    for found, index in annexes.agreements:
        agreement = build_agreement(doc, found, index, anomalies)
        if agreement is not None:
            validated.agreements.append(agreement)
    for deliberation in validated.deliberations:
        anomalies.extend(check_actions(deliberation, validated.agreements))


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


def check_printed_counts(seance: Seance, deliberations: list[Deliberation]) -> list[Anomaly]:
    """The counts printed beside the lists ("Présents : 14 - Votants : 14") against the lists read:
    at least one délibération (the séance's opening, before arrivals and departures) must agree."""
    found = []
    if not deliberations:
        return found
    listed = [(len(d.people(AttendanceStatus.PRESENT)), len(d.people(AttendanceStatus.REPRESENTED))) for d in deliberations]
    if seance.members_present is not None and all(present != seance.members_present for present, _ in listed):
        found.append(Anomaly(check_name="printed_present_count",
                             message=f"{seance.members_present} members printed present, the lists read give "
                                     f"{sorted({p for p, _ in listed})}"))
    if seance.members_voting is not None and all(p + r != seance.members_voting for p, r in listed):
        found.append(Anomaly(check_name="printed_voting_count",
                             message=f"{seance.members_voting} votants printed, present + represented read give "
                                     f"{sorted({p + r for p, r in listed})}"))
    return found


def validate(doc: DocumentText, resolution: Resolution) -> Validated:
    anomalies: list[Anomaly] = []
    seance, seance_provenance = build_seance(doc, resolution, anomalies)
    validated = Validated(seance, seance_provenance, anomalies=anomalies)
    for index, resolved in enumerate(resolution.deliberations):
        try:
            deliberation = build_deliberation(doc, resolution, resolved, index, anomalies)
        except ValidationError as exc:
            anomalies.append(Anomaly(check_name="invalid_deliberation", message=_one_line(exc), deliberation_index=index))
            continue
        validated.deliberations.append(deliberation)
        anomalies.extend(reconcile(seance, deliberation))
    anomalies.extend(check_printed_counts(seance, validated.deliberations))
    if resolution.annexes is not None:
        build_annexes(doc, resolution.annexes, validated)
    return validated
