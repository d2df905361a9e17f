"""Stage 1 — load: open the file, hash it, count pages. (Which pages carry a text layer is read
by the layout stage, which opens every page anyway.)

Never raises for bad input: the returned `LoadedPdf` carries a one-line `error` instead."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from models import FailureKind


@dataclass
class LoadedPdf:
    path: Path
    sha256: str
    size: int
    data: bytes = b""  # the file's bytes: PDFium and the table backend read them, the file is read once
    pdf: pdfium.PdfDocument | None = None
    page_count: int = 0
    error: str | None = None
    failure: FailureKind | None = None

    def refuse(self, kind: FailureKind, reason: str) -> "LoadedPdf":
        self.failure, self.error = kind, reason
        return self

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None
        self.data = b""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pdfium_reason(exc: Exception) -> tuple[FailureKind, str]:
    message = str(exc)
    lowered = message.lower()
    if "password" in lowered:
        return FailureKind.ENCRYPTED, "encrypted PDF: a password is required"
    if "format" in lowered or "not found or corrupted" in lowered:
        return FailureKind.DAMAGED, "damaged PDF: PDFium cannot parse it (truncated or broken structure)"
    return FailureKind.DAMAGED, f"unreadable PDF: {message}"


def load(path: Path) -> LoadedPdf:
    data = path.read_bytes()
    loaded = LoadedPdf(path=path, sha256=sha256_of(data), size=len(data), data=data)
    if not data:
        return loaded.refuse(FailureKind.EMPTY_FILE, "empty file (0 bytes)")
    if b"%PDF-" not in data[:1024]:
        return loaded.refuse(FailureKind.NOT_A_PDF, f"not a PDF: file starts with {data[:8]!r}")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        return loaded.refuse(*_pdfium_reason(exc))
    loaded.pdf = pdf
    loaded.page_count = len(pdf)
    if loaded.page_count == 0:
        loaded.refuse(FailureKind.NO_PAGES, "PDF has no pages")
    return loaded
