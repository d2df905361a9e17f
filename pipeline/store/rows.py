"""A DocumentResult as table rows, and a batch of documents' rows as Arrow tables.

`document_rows(result)` is pure Python and runs wherever the document was processed (a worker
process, a Dask worker); each row is a dict from column name to value, so no code reads a row by
position. `rows_to_arrow(batch)` turns a batch into one Arrow table per table for the writer."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

import pyarrow as pa

import pipeline
from pipeline.store.ids import action_id_for, contract_id_for, deliberation_id_for, seance_id_for
from pipeline.store.schema import ROW_TABLES, arrow_schemas, row_columns

if TYPE_CHECKING:  # annotations only: the parent process of a batch never loads the records
    from models import DocumentResult, Provenance

Row = dict[str, object]
DocumentRows = dict[str, list[Row]]


def _provenance_row(doc_id: str, delib_id: str | None, field: str, prov: Provenance) -> Row:
    x0, y0, x1, y1 = prov.bbox or (None, None, None, None)
    return {"document_id": doc_id, "deliberation_id": delib_id, "field": field, "page": prov.page,
            "char_start": prov.char_start, "char_end": prov.char_end, "x0": x0, "y0": y0, "x1": x1, "y1": y1,
            "text": prov.text, "ocr": prov.ocr}


def document_row(result: DocumentResult) -> Row:
    return {
        "document_id": result.document_id, "source_path": result.source_path, "sha256": result.sha256,
        "page_count": result.page_count, "has_text_layer": result.has_text_layer, "ocr": result.ocr,
        "status": result.status.value,
        "failure_kind": result.failure_kind.value if result.failure_kind else None, "error": result.error, "stage_reached": result.stage_reached,
        "pipeline_version": pipeline.PIPELINE_VERSION, "ocr_pages": result.ocr_pages, "unread_pages": result.unread_pages,
    }


def document_rows(result: DocumentResult) -> DocumentRows:
    """Every row this document contributes, per table."""
    doc_id = result.document_id
    seance_id = seance_id_for(result)
    rows: DocumentRows = {name: [] for name in ROW_TABLES}
    rows["documents"].append(document_row(result))
    if result.deliberations:
        s = result.seance
        rows["seances"].append({
            "seance_id": seance_id, "collectivite": s.collectivite, "siren": s.siren, "seance_date": s.seance_date,
            "convocation_date": s.convocation_date, "president": s.president, "secretaire": s.secretaire,
            "members_in_office": s.members_in_office, "members_present": s.members_present,
            "members_voting": s.members_voting,
        })
    for field, prov in result.seance_provenance.items():
        rows["provenance"].append(_provenance_row(doc_id, None, f"seance.{field}", prov))
    for d in result.deliberations:
        delib_id = deliberation_id_for(doc_id, d.index)
        acte = d.stamp.acte_id
        commission = d.commission
        rows["deliberations"].append({
            "deliberation_id": delib_id, "document_id": doc_id, "seance_id": seance_id, "numero": d.numero,
            "item_number": d.item_number, "objet": d.objet, "rapporteur": d.rapporteur,
            "commission": commission.name if commission else None,
            "commission_date": commission.date if commission else None,
            "commission_avis": commission.avis if commission else None,
            "acte_id": acte.value if acte else None, "acte_departement": acte.departement if acte else None,
            "acte_siren": acte.siren if acte else None, "acte_date": acte.date if acte else None,
            "acte_number": acte.number if acte else None, "acte_nature": acte.nature if acte else None,
            "prefecture_sent": d.stamp.prefecture_sent, "prefecture_received": d.stamp.prefecture_received,
            "published": d.stamp.published,
            "votes_pour": d.vote.pour, "votes_contre": d.vote.contre, "votes_abstention": d.vote.abstention,
            "votes_non_participation": d.vote.non_participation, "unanimous": d.vote.unanimous,
            "outcome": d.vote.outcome, "page_start": d.page_start, "page_end": d.page_end,
            "matiere_code": d.matiere.code if d.matiere else None,
            "matiere_label": d.matiere.label if d.matiere else None,
            "matiere_confidence": d.matiere.confidence if d.matiere else None,
        })
        for a in d.attendance:
            rows["attendance"].append({"deliberation_id": delib_id, "person": a.person, "status": a.status.value,
                                       "proxy": a.proxy, "page": a.provenance.page if a.provenance else None})
        for vote, names in (("contre", d.vote.contre_names), ("abstention", d.vote.abstention_names),
                            ("non_participation", d.vote.non_participation_names)):
            rows["vote_names"].extend({"deliberation_id": delib_id, "document_id": doc_id, "person": person, "vote": vote}
                                      for person in names)
        for field, prov in d.provenance.items():
            rows["provenance"].append(_provenance_row(doc_id, delib_id, field, prov))
    for anomaly in result.anomalies:
        index = anomaly.deliberation_index
        rows["anomalies"].append({"deliberation_id": deliberation_id_for(doc_id, index) if index is not None else None,
                                  "document_id": doc_id, "check_name": anomaly.check_name, "message": anomaly.message})
    annex_rows(result, rows)
    return rows


def annex_rows(result: DocumentResult, rows: DocumentRows) -> None:
    """Rows of the annex tables: actions and their amounts, mesures, agreements and their parts;
    each value's provenance goes to the provenance table under a field naming its record."""
    doc_id = result.document_id
    for d in result.deliberations:
        delib_id = deliberation_id_for(doc_id, d.index)
        for m in d.mesures:
            rows["mesures"].append({"document_id": doc_id, "deliberation_id": delib_id, "contract_id": None,
                                    "number": m.number, "text": m.text, "source": m.source, "axis": m.axis,
                                    "page": m.provenance.page if m.provenance else None})
            if m.provenance:
                rows["provenance"].append(_provenance_row(doc_id, delib_id, f"mesures[{m.number}]", m.provenance))
        for position, a in enumerate(d.actions):
            action_id = action_id_for(delib_id, position)
            rows["actions"].append({
                "action_id": action_id, "document_id": doc_id, "deliberation_id": delib_id, "position": position,
                "number": a.number, "axe": a.axe, "axe_number": a.axe_number, "name": a.name, "status": a.status,
                "owner": a.owner, "description": a.description, "partners": a.partners, "financing": a.financing,
                "calendar": a.calendar, "indicators": a.indicators, "annexes": a.annexes,
                "calendar_start": a.calendar_start, "calendar_end": a.calendar_end,
                "calendar_precision": a.calendar_precision, "page_start": a.page_start, "page_end": a.page_end,
            })
            for k, amount in enumerate(a.amounts):
                prov = a.provenance.get(f"amounts[{k}]")
                rows["action_amounts"].append({
                    "action_id": action_id, "document_id": doc_id, "deliberation_id": delib_id, "action_number": a.number,
                    "position": k, "amount_eur": amount.amount_eur, "label": amount.label, "per_year": amount.per_year,
                    "page": prov.page if prov else a.page_start,
                })
            for field, prov in a.provenance.items():
                rows["provenance"].append(_provenance_row(doc_id, delib_id, f"actions[{position}].{field}", prov))
    for position, c in enumerate(result.agreements):
        contract_id = contract_id_for(doc_id, position)
        delib_id = deliberation_id_for(doc_id, c.deliberation_index) if c.deliberation_index is not None else None
        rows["contracts"].append({
            "contract_id": contract_id, "document_id": doc_id, "deliberation_id": delib_id, "kind": c.kind,
            "title": c.title, "period_start": c.period_start, "period_end": c.period_end,
            "period_precision": c.period_precision, "signed_on": c.signed_on, "page": c.page_start,
        })
        for k, section in enumerate(c.sections):
            rows["contract_axes"].append({"contract_id": contract_id, "document_id": doc_id, "position": k,
                                          "kind": section.kind, "number": section.number, "title": section.title})
            for j, text in enumerate(section.actions):
                rows["contract_actions"].append({"contract_id": contract_id, "document_id": doc_id, "axis_position": k,
                                                 "position": j, "text": text})
        for s in c.signatories:
            rows["signatories"].append({"document_id": doc_id, "contract_id": contract_id, "organisation": s.organisation,
                                        "representative": s.representative, "role": s.role,
                                        "page": s.provenance.page if s.provenance else None})
        for m in c.mesures:
            rows["mesures"].append({"document_id": doc_id, "deliberation_id": delib_id, "contract_id": contract_id,
                                    "number": m.number, "text": m.text, "source": m.source, "axis": m.axis,
                                    "page": m.provenance.page if m.provenance else None})
        for field, prov in c.provenance.items():
            rows["provenance"].append(_provenance_row(doc_id, delib_id, f"contracts[{position}].{field}", prov))


def rows_to_arrow(batch: Iterable[DocumentRows]) -> dict[str, pa.Table]:
    """One Arrow table per row table for a batch of documents. A document given twice keeps its
    last rows; a séance shared by several documents is kept once (its last version), since a
    single INSERT OR REPLACE statement may not carry the same key twice."""
    by_document = {rows["documents"][0]["document_id"]: rows for rows in batch}
    columns: dict[str, list[Row]] = {table: [] for table in ROW_TABLES}
    for rows in by_document.values():
        for table in ROW_TABLES:
            columns[table].extend(rows.get(table, ()))
    columns["seances"] = list({row["seance_id"]: row for row in columns["seances"]}.values())
    tables = {}
    for table, schema in arrow_schemas().items():
        rows = columns[table]
        if not rows:  # most documents fill a few of the tables: an empty one costs nothing to build
            tables[table] = schema.empty_table()
            continue
        tables[table] = pa.Table.from_arrays([pa.array([row.get(name) for row in rows], type=field.type)
                                              for name, field in zip(schema.names, schema)], schema=schema)
    return tables


# what converting a value to its column's Arrow type raises
CONVERSION_ERRORS = (pa.ArrowException, ValueError, TypeError, OverflowError)


def unwritable_reason(rows: DocumentRows, convert: bool = True) -> str | None:
    """Why these rows would make the batch's INSERT fail, or None. Checked where the document
    was processed, so that one odd document is recorded as failed instead of failing a batch.
    With convert=False only the shape is checked (ids, columns); the values' types are then
    checked by the writer, which converts the whole batch at once and looks for the document at
    fault only when that fails (Writer.flush): converting each document on its own cost the
    workers 2 to 3 ms a document."""
    delib_ids = [row["deliberation_id"] for row in rows["deliberations"]]
    if len(set(delib_ids)) != len(delib_ids):
        return "cannot be written to DuckDB: two délibérations share one id"
    for table, names in row_columns().items():
        unknown = {key for row in rows.get(table, ()) for key in row} - set(names)
        if unknown:  # a value for no column would be lost without a word
            return f"cannot be written to DuckDB: {table} has no column {sorted(unknown)[0]!r}"
    if not convert:
        return None
    try:
        rows_to_arrow([rows])
    except CONVERSION_ERRORS as exc:
        return f"cannot be written to DuckDB: {type(exc).__name__}: {exc}"
    return None
