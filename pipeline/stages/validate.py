"""Stage 6 — validate: build the pydantic records and reconcile them.

Model construction enforces formats (ISO dates, acte id, vote arithmetic); the checks here
compare records with each other (votes against attendance, dates against the séance). Every
violation becomes an `Anomaly` row; nothing is dropped silently and nothing raises."""
from __future__ import annotations

import re
from collections import Counter

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
    DocumentResult,
    Mesure,
    Provenance,
    Seance,
    Section,
    Signatory,
    Vote,
)
from pipeline.french.amounts import parse_amounts
from pipeline.french.calendar import parse_period
from pipeline.stages.extract import annexes as A
from pipeline.stages.extract.common import Found
from pipeline.stages.layout import DocumentText
from pipeline.stages.resolve import Resolution, ResolvedDeliberation


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
    names = {f"{category}_names": v.names.get(category, []) for category in ("contre", "abstention", "non_participation")}
    try:
        return Vote(**values, **names)
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
        mesures=[_mesure(doc, m) for m in resolved.findings.mesures],
    )


# --- annexes -----------------------------------------------------------------------------------

DURATION_TITLE_RE = re.compile(r"\b(?:dur[ée]e|p[ée]riode|validit[ée]|calendrier)\b", re.I)


def _mesure(doc: DocumentText, m: A.MesureFinding) -> Mesure:
    return Mesure(number=m.number, text=m.text, provenance=doc.provenance(m.start, m.end), source=m.source, axis=m.axis)


def build_action(doc: DocumentText, fiche: A.Fiche, anomalies: list[Anomaly], index: int | None) -> Action | None:
    """One fiche -> an Action: every row by its label, the number from "Mesure N Action n°M", the
    euro amounts of the financing cell and the first explicit period of the calendar cell."""
    values: dict = {"axe": fiche.axe, "axe_number": fiche.axe_number, "other": {}}
    provenance = {}

    def flag(check: str, message: str) -> None:
        anomalies.append(Anomaly(check_name=check, message=message, deliberation_index=index))

    for cell in fiche.cells:
        if cell.field is None:
            values["other"][cell.label or "?"] = cell.content
            continue
        if cell.field == "number":
            values["number"] = A.action_number(cell.label, cell.content)
            provenance["number"] = A.cell_provenance(doc, cell, f"{cell.label}\n{cell.content}".strip())
            continue
        text = A.one_line(cell.content) if cell.field in A.P.ONE_LINE_FIELDS else cell.content
        if values.get(cell.field):
            text = f"{values[cell.field]}\n{text}" if text else values[cell.field]
        values[cell.field] = text or None
        if text:
            provenance.setdefault(cell.field, A.cell_provenance(doc, cell))
    if fiche.axe and fiche.axe_part and fiche.axe_part[1]:
        page, bbox = fiche.axe_part
        start, end = A.locate(doc, page, fiche.axe)
        provenance["axe"] = Provenance(page=page, char_start=start, char_end=end, bbox=tuple(round(v, 1) for v in bbox), text=fiche.axe)
    label = values.get("name") or values.get("number") or f"fiche on page {fiche.pages[0]}"
    if not values.get("name"):
        flag("action_without_name", f"fiche action on page {fiche.pages[0]} has no name row")
    amounts = []
    if values.get("financing"):
        try:
            amounts = [ActionAmount(amount_eur=a.amount_eur, label=a.label, per_year=a.per_year) for a in parse_amounts(A.one_line(values["financing"]))]
        except Exception as exc:  # the parser's failure is one anomaly, not a lost document
            flag("action_amounts_unreadable", f"{label}: {type(exc).__name__}: {exc}")
        for position, _ in enumerate(amounts):
            provenance[f"amounts[{position}]"] = provenance["financing"]
    period = None
    if values.get("calendar"):
        try:
            period = parse_period(A.one_line(values["calendar"]))
        except Exception as exc:
            flag("action_calendar_unreadable", f"{label}: {type(exc).__name__}: {exc}")
        if period is not None:
            values.update(calendar_start=period.start, calendar_end=period.end, calendar_precision=period.precision)
            provenance["calendar_period"] = provenance["calendar"]
    values.update(amounts=amounts, page_start=min(fiche.pages), page_end=max(fiche.pages), provenance=provenance)
    try:
        return Action(**values)
    except ValidationError as exc:
        flag("invalid_action", f"{label}: {_one_line(exc)}")
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
    duration = next((a for a in found.articles if DURATION_TITLE_RE.search(a.title)), None)
    if duration is not None:
        try:
            period = parse_period(" ".join(doc.text[duration.start : duration.end].split()))
        except Exception:
            period = None
        if period is not None:
            values.update(period_start=period.start, period_end=period.end, period_precision=period.precision)
            provenance["period"] = doc.provenance(duration.start, duration.end)
    try:
        return Agreement(**values, provenance=provenance)
    except ValidationError as exc:
        anomalies.append(Anomaly(check_name="invalid_agreement", message=_one_line(exc), deliberation_index=index))
        return None


def _owner_index(deliberations: list[Deliberation], doc: DocumentText, segments: dict[int, int], offset: int) -> int | None:
    """The délibération an annex belongs to: the last one starting before it."""
    owners = [d.index for d in deliberations if segments.get(d.index, 0) <= offset]
    return owners[-1] if owners else (deliberations[-1].index if deliberations else None)


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


def build_annexes(resolution: Resolution, result: DocumentResult) -> None:
    """Fiche actions onto their délibération, annexed agreements onto the document."""
    extraction = resolution.extraction
    doc = extraction.segmented.doc
    annexes = extraction.annexes
    if annexes is None:
        return
    for check_name, message in annexes.problems:
        result.anomalies.append(Anomaly(check_name=check_name, message=message))
    if annexes.fiches == [] and annexes.fiche_pages:
        result.anomalies.append(Anomaly(
            check_name="fiche_labels_without_table",
            message=f"pages {annexes.fiche_pages[0]}-{annexes.fiche_pages[-1]} carry fiche-action labels but no ruled table was found",
        ))
    segment_starts = {i: r.findings.segment.start for i, r in enumerate(resolution.deliberations)}
    by_index = {d.index: d for d in result.deliberations}
    for fiche in annexes.fiches or []:
        index = _owner_index(result.deliberations, doc, segment_starts, doc.page_starts[fiche.pages[0] - 1])
        action = build_action(doc, fiche, result.anomalies, index)
        if action is not None and index in by_index:
            by_index[index].actions.append(action)
    for found in annexes.agreements:
        index = _owner_index(result.deliberations, doc, segment_starts, found.start)
        agreement = build_agreement(doc, found, index, result.anomalies)
        if agreement is not None:
            result.agreements.append(agreement)
    for deliberation in result.deliberations:
        result.anomalies.extend(check_actions(deliberation, result.agreements))


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
    build_annexes(resolution, result)
    result.stage_reached = "validate"
    return result
