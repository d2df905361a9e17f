"""Sources by file type: which pipeline reads a file, in one map.

    .pdf              -> pipeline.run.process_document (the PDF pipeline)
    .html .htm .txt   -> pipeline.contract_page.process_contract_page (a saved contract web page)

Every source goes through the same batch (workers, deadline, resume, ingest log) and the same
store. Folders are walked for PDFs only: a contract page is ingested when named, so that the
notes and read-me files of an archive folder are not taken for contracts."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

if TYPE_CHECKING:  # the main process of a batch walks files without loading the records
    from models import DocumentResult


@dataclass(frozen=True)
class Source:
    kind: str
    process: Callable[[Path, bool], DocumentResult]  # (path, ocr) -> result; never raises
    walked: bool  # found by walking folders (else only when a file is named)


def _pdf(path: Path, ocr: bool) -> DocumentResult:
    from pipeline.run import process_document

    return process_document(path, ocr=ocr)


def _contract_page(path: Path, ocr: bool) -> DocumentResult:
    from pipeline.contract_page import process_contract_page

    return process_contract_page(path)


PDF = Source("pdf", _pdf, walked=True)
CONTRACT_PAGE = Source("contract_page", _contract_page, walked=False)
SOURCES: dict[str, Source] = {".pdf": PDF, ".html": CONTRACT_PAGE, ".htm": CONTRACT_PAGE, ".txt": CONTRACT_PAGE}
WALKED_SUFFIXES = tuple(suffix for suffix, source in SOURCES.items() if source.walked)


def source_for(path: Path) -> Source:
    """The source reading `path`; a named file of any other type goes to the PDF pipeline, which
    records what it is ("not a PDF: ...") instead of skipping it silently."""
    return SOURCES.get(Path(path).suffix.lower(), PDF)


def process_file(path: Path, ocr: bool = True) -> DocumentResult:
    return source_for(path).process(Path(path), ocr)


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, folders walked recursively for the walked types, in a stable order,
    lazily (one directory listing in memory at a time)."""
    for path in paths:
        path = Path(path)
        if not path.is_dir():
            yield path
            continue
        for folder, subfolders, files in os.walk(path):
            subfolders.sort()
            for name in sorted(files):
                if name.lower().endswith(WALKED_SUFFIXES):
                    yield Path(folder) / name


def find_files(paths: Iterable[Path]) -> list[Path]:
    """Every file under `paths`, each once (for small batches and tools; ingest streams instead)."""
    return list(dict.fromkeys(p.resolve() for p in iter_files(paths)))
