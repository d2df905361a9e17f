"""The whole pipeline for one PDF, in one function.

    load -> layout -> ocr (pages read from an image, when tesseract is there) -> acts
         -> for each act: segment -> extract -> resolve -> validate -> merged records

Each stage takes a typed object and returns one (pipeline.document holds the model that flows
through); a failure at any stage is recorded on the DocumentResult (status, failure kind, one-line
error, stage reached) instead of escaping, so a batch never stops on a file. Writing to DuckDB is
the store's job (pipeline.store), not this function's."""
from __future__ import annotations

from pathlib import Path

from models import DocumentResult, DocumentStatus, FailureKind
from pipeline.backends.pdf_tables import RuledTableReader
from pipeline.document import DocumentText
from pipeline.stages.acts import merge, split_acts
from pipeline.stages.extract import extract
from pipeline.stages.layout import layout
from pipeline.stages.load import load, sha256_of
from pipeline.stages.ocr import with_ocr
from pipeline.stages.resolve import resolve
from pipeline.stages.segment import segment
from pipeline.stages.validate import validate
from pipeline.store.ids import document_id_for


def process_document(path: Path, ocr: bool = True) -> DocumentResult:
    """ocr=False leaves image-only pages unread (a fast first pass over an archive)."""
    return read_document(path, ocr)[0]


def read_document(path: Path, ocr: bool = True) -> tuple[DocumentResult, DocumentText | None]:
    """The result and the document's text (after OCR) when it was read that far: for tools that
    look at what the records do not cover (delib audit)."""
    path = Path(path)
    doc: DocumentText | None = None
    try:
        loaded = load(path)
    except OSError as exc:
        digest = sha256_of(str(path).encode())
        result = DocumentResult(document_id=document_id_for(digest), source_path=str(path), sha256="")
        return result.fail("load", f"cannot read file: {exc.strerror or exc}", FailureKind.UNREADABLE_FILE), None
    result = DocumentResult(
        document_id=document_id_for(loaded.sha256), source_path=str(path), sha256=loaded.sha256, page_count=loaded.page_count
    )
    if loaded.error:
        return result.fail("load", loaded.error, loaded.failure or FailureKind.DAMAGED), None
    stage = "layout"
    try:
        doc = layout(loaded)
        result.has_text_layer = any(doc.text_pages)
        stage = "ocr"
        ocred = with_ocr(loaded, doc, enabled=ocr)
        doc, result.ocr = ocred.doc, ocred.ocr_used
        result.ocr_pages, result.unread_pages = ocred.ocr_pages, ocred.unread_pages
        if ocred.no_text_reason:
            return result.fail(stage, ocred.no_text_reason, FailureKind.NO_TEXT, DocumentStatus.NO_TEXT), doc
        tables = RuledTableReader(loaded.data)
        parts = []
        for act in split_acts(doc):  # most PDFs hold one act; a procès-verbal with its extracts, several
            stage = "segment"
            segmented = segment(act)
            stage = "extract"
            extraction = extract(segmented, tables=tables)
            stage = "resolve"
            resolution = resolve(extraction, act.page_start)
            stage = "validate"
            parts.append(validate(act, resolution))
        validated = merge(parts, doc.text)
    except Exception as exc:  # a bug or an unforeseen input must not stop the batch
        return result.fail(stage, f"{type(exc).__name__} in {stage}: {exc}", FailureKind.INTERNAL_ERROR), doc
    finally:
        loaded.close()
    result.seance, result.seance_provenance = validated.seance, validated.seance_provenance
    result.deliberations, result.agreements = validated.deliberations, validated.agreements
    result.anomalies = validated.anomalies
    result.stage_reached = "validate"
    return result, doc
