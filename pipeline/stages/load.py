"""Stage 1 — load: open the file, hash it, count pages. (Which pages carry a text layer is read
by the layout stage, which opens every page anyway.)

Never raises for bad input: the returned `LoadedPdf` carries a one-line `error` instead."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

MIN_CHARS_FOR_TEXT_PAGE = 40  # fewer characters than this: an image-only (scanned) page


@dataclass
class LoadedPdf:
    path: Path
    sha256: str
    size: int
    pdf: pdfium.PdfDocument | None = None
    page_count: int = 0
    error: str | None = None

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pdfium_reason(exc: Exception) -> str:
    message = str(exc)
    lowered = message.lower()
    if "password" in lowered:
        return "encrypted PDF: a password is required"
    if "format" in lowered or "not found or corrupted" in lowered:
        return "damaged PDF: PDFium cannot parse it (truncated or broken structure)"
    return f"unreadable PDF: {message}"


def load(path: Path) -> LoadedPdf:
    data = path.read_bytes()
    loaded = LoadedPdf(path=path, sha256=sha256_of(data), size=len(data))
    if not data:
        loaded.error = "empty file (0 bytes)"
        return loaded
    if b"%PDF-" not in data[:1024]:
        loaded.error = f"not a PDF: file starts with {data[:8]!r}"
        return loaded
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        loaded.error = _pdfium_reason(exc)
        return loaded
    loaded.pdf = pdf
    loaded.page_count = len(pdf)
    if loaded.page_count == 0:
        loaded.error = "PDF has no pages"
    return loaded
