"""The `delib audit` command (registered on the CLI by `register(app)`): every PDF under the given
paths is read (with OCR) and checked by pipeline.outputs.audit; a rich table on the terminal, one
row per document and a totals row, and the doubts with pages and excerpts as JSON with --json."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:  # the pipeline is imported when an audit runs, not when `delib` starts
    from pipeline.outputs.audit import DocumentAudit, PageFacts

# an image covering at least this share of a page makes it a scan (a logo or a signature does not)
SCANNED_IMAGE_SHARE = 0.5
TABLE_WIDTH = 200  # the table's width when the output is not a terminal (a log, a pipe)


def columns() -> tuple:
    """(header, kind) of the table's doubt columns."""
    from pipeline.outputs.audit import DoubtKind

    return (
        ("uncovered", DoubtKind.UNCOVERED_DECISION), ("merged", DoubtKind.MERGED_DECISIONS),
        ("no decision", DoubtKind.NO_DECISION), ("counts ≠", DoubtKind.COUNT_MISMATCH), ("flags", DoubtKind.PIPELINE_FLAG),
        ("vote sum ≠", DoubtKind.VOTE_SUM), ("empty fields", DoubtKind.EMPTY_FIELD), ("pages unread", DoubtKind.PAGE_NOT_READ),
    )


def page_facts(path: Path) -> list[PageFacts] | None:
    """Per page: is it a scan (an image covering most of it), and how many characters its own text
    layer holds. None when PDFium cannot open the file (the pipeline has said why)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from pipeline.outputs.audit import PageFacts

    try:
        pdf = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError):
        return None
    facts = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                width, height = page.get_size()
                area = max(width * height, 1.0)
                covered = 0.0
                for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
                    x0, y0, x1, y1 = image.get_bounds()
                    covered = max(covered, (min(x1, width) - max(x0, 0)) * (min(y1, height) - max(y0, 0)) / area)
                textpage = page.get_textpage()
                try:
                    chars = textpage.count_chars()
                finally:
                    textpage.close()
            finally:
                page.close()
            facts.append(PageFacts(scanned=covered >= SCANNED_IMAGE_SHARE, text_layer_chars=chars))
    except pdfium.PdfiumError:
        return None
    finally:
        pdf.close()
    return facts


def audit_file(path: Path, ocr: bool = True) -> DocumentAudit:
    """One document's audit; a file that breaks the reading (or the audit) is its own failure row."""
    from models import DocumentResult, FailureKind
    from pipeline.outputs.audit import audit_document
    from pipeline.run import read_document

    try:
        result, doc = read_document(path, ocr=ocr)
        facts = page_facts(path) if result.page_count else None
        return audit_document(result, doc, facts)
    except Exception as exc:  # the audit must go on over a whole folder
        result = DocumentResult(document_id="", source_path=str(path), sha256="")
        result.fail("audit", f"{type(exc).__name__}: {exc}", FailureKind.INTERNAL_ERROR)
        return audit_document(result, None)


def _name(path: str, roots: list[Path]) -> str:
    for root in roots:
        try:
            relative = Path(path).resolve().relative_to(root.resolve())
        except ValueError:
            continue
        return str(relative) if str(relative) != "." else Path(path).name
    return Path(path).name


def audit_table(audits: list[DocumentAudit], roots: list[Path]) -> Table:
    from models import DocumentStatus
    from pipeline.outputs.audit import totals

    COLUMNS = columns()
    table = Table(title="deliberata audit — where the reading is doubtful")
    table.add_column("document", no_wrap=True, overflow="ellipsis", max_width=50)
    table.add_column("status", no_wrap=True)
    for header in ("pages", "records", "decisions seen", *(h for h, _ in COLUMNS)):
        table.add_column(header, justify="right")
    for audit in audits:
        status = audit.status if audit.status == str(DocumentStatus.OK) else f"[yellow]{audit.status}[/yellow]"
        table.add_row(_name(audit.path, roots), status, str(audit.pages), str(audit.records), str(audit.decisions),
                      *(str(audit.count(kind) or "") for _, kind in COLUMNS))
    total = totals(audits)
    table.add_section()
    table.add_row(f"total ({total['documents']} documents)", f"{total['not_ok']} not ok", str(total["pages"]),
                  str(total["records"]), str(total["decisions_in_text"]), *(str(total[str(kind)]) for _, kind in COLUMNS),
                  style="bold")
    return table


def audit(
    paths: Annotated[list[Path], typer.Argument(help="PDF files or folders (searched recursively for PDFs)")],
    json_out: Annotated[Optional[Path], typer.Option("--json", help="write every doubt (pages, excerpts) as JSON")] = None,
    ocr: Annotated[bool, typer.Option(help="OCR image-only pages when tesseract is installed")] = True,
) -> None:
    """Where the reading is doubtful, without gold: decisions outside every record or merged in one,
    records without a decision, printed counts and vote sums against the lists, empty fields, pages
    not read. An audit is not a failure: the exit code is 0 whatever is found. OCR results are
    cached in $DELIBERATA_OCR_CACHE when it is set."""
    from pipeline.outputs.audit import DoubtKind, totals
    from pipeline.sources import iter_files

    console = Console(stderr=True)
    files = list(dict.fromkeys(iter_files(paths)))
    audits = []
    for number, path in enumerate(files, 1):
        if not console.is_terminal:
            console.print(f"[audit] {number}/{len(files)} {path}", highlight=False)
        with console.status(f"{number}/{len(files)} {path.name}"):
            audits.append(audit_file(path, ocr=ocr))
    Console(width=max(Console().width, TABLE_WIDTH)).print(audit_table(audits, paths))
    total = totals(audits)
    console.print(f"{total[str(DoubtKind.PROCEDURAL_DECISION)]} decisions about the sitting itself (minutes, agenda, "
                  f"way of voting) outside the records, not counted as doubts; {total[str(DoubtKind.DOCUMENT_FAILED)]} "
                  "documents failed", highlight=False, soft_wrap=True)
    if json_out:
        payload = {"paths": [str(p) for p in paths], "ocr_cache": os.environ.get("DELIBERATA_OCR_CACHE"),
                   "totals": totals(audits), "documents": [a.as_dict() for a in audits]}
        json_out.write_text(json.dumps(payload, indent=2, ensure_ascii=False))
        console.print(f"doubts written to {json_out}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
