"""The whole pipeline for one file, in one function.

    load -> layout -> ocr (image-only pages, when tesseract is there) -> segment -> extract -> resolve -> validate

Each stage returns a typed object; a failure at any stage is recorded on the DocumentResult
(status, one-line error, stage reached) instead of escaping, so a batch never stops on a file."""
from __future__ import annotations

from pathlib import Path

from models import DocumentResult, DocumentStatus
from pipeline.stages.extract import extract
from pipeline.stages.layout import layout
from pipeline.stages.load import load, sha256_of
from pipeline.stages.ocr import with_ocr
from pipeline.stages.resolve import resolve
from pipeline.stages.segment import segment
from pipeline.stages.validate import validate


def document_id_for(sha256: str) -> str:
    return sha256[:16]


def process_document(path: Path, ocr: bool = True) -> DocumentResult:
    """ocr=False leaves image-only pages unread (a fast first pass over an archive)."""
    path = Path(path)
    try:
        loaded = load(path)
    except OSError as exc:
        digest = sha256_of(str(path).encode())
        result = DocumentResult(document_id=document_id_for(digest), source_path=str(path), sha256="")
        return result.fail("load", f"cannot read file: {exc.strerror or exc}")
    result = DocumentResult(
        document_id=document_id_for(loaded.sha256), source_path=str(path), sha256=loaded.sha256, page_count=loaded.page_count
    )
    if loaded.error:
        return result.fail("load", loaded.error)
    stage = "layout"
    try:
        doc = layout(loaded)
        result.has_text_layer = any(doc.text_pages)
        stage = "ocr"
        ocred = with_ocr(loaded, doc, enabled=ocr)
        doc, result.ocr = ocred.doc, ocred.ocr_used
        if ocred.no_text_reason:
            return result.fail(stage, ocred.no_text_reason, DocumentStatus.NO_TEXT)
        stage = "segment"
        segmented = segment(doc)
        stage = "extract"
        extraction = extract(segmented, source_path=path)
        stage = "resolve"
        resolution = resolve(extraction)
        stage = "validate"
        return validate(resolution, result)
    except Exception as exc:  # a bug or an unforeseen input must not stop the batch
        return result.fail(stage, f"{type(exc).__name__} in {stage}: {exc}")
    finally:
        loaded.close()
