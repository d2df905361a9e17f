"""tesseract (a system tool, optional): page images -> words with boxes, grouped into lines.

Debian: `apt-get install tesseract-ocr tesseract-ocr-fra`. Nothing here decides which pages need
OCR; the OCR stage does."""
from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess
from dataclasses import dataclass

from pipeline.document import BBox

INSTALL_COMMAND = "apt-get install tesseract-ocr tesseract-ocr-fra"


@dataclass(frozen=True)
class TesseractSettings:
    language: str = "fra"
    page_segmentation_mode: int = 3  # fully automatic page segmentation, no OSD
    page_timeout: float = 180.0  # seconds for one page; the batch's per-document deadline still applies
    min_word_confidence: float = 20.0  # tesseract's 0-100; below this a "word" is mostly scanner noise


SETTINGS = TesseractSettings()


@dataclass
class OcrLine:
    text: str
    bbox: BBox  # PDF points, origin bottom-left, like PDFium's text boxes
    block: int


def unavailable(settings: TesseractSettings = SETTINGS) -> str | None:
    """Why OCR cannot run here, or None when it can."""
    executable = shutil.which("tesseract")
    if executable is None:
        return f"tesseract is not installed ({INSTALL_COMMAND})"
    if settings.language not in _languages(executable):
        return f"tesseract has no French data (apt-get install tesseract-ocr-{settings.language})"
    return None


@functools.cache
def _languages(executable: str) -> frozenset[str]:
    try:
        listed = subprocess.run([executable, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in listed.splitlines()[1:])


def image_bytes(image) -> bytes:
    """A PIL image as uncompressed PPM/PGM (cheaper to make than PNG; tesseract reads it from stdin)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return buffer.getvalue()


def run_tsv(image: bytes, settings: TesseractSettings = SETTINGS) -> str:
    """tesseract's TSV output for one image. Raises subprocess errors (the caller records why)."""
    # one thread: parallel batch workers already use every core
    env = os.environ | {"OMP_THREAD_LIMIT": "1"}
    completed = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", settings.language, "--psm", str(settings.page_segmentation_mode), "tsv"],
        input=image, capture_output=True, timeout=settings.page_timeout, env=env, check=True,
    )
    return completed.stdout.decode("utf-8", errors="replace")


def lines_from_tsv(tsv: str, page_height: float, dpi: int, min_confidence: float = SETTINGS.min_word_confidence) -> list[OcrLine]:
    """Words (TSV level 5) grouped into tesseract's lines, boxes converted from pixels (origin
    top-left) to PDF points (origin bottom-left)."""
    scale = 72 / dpi
    lines: dict[tuple[int, int, int], list[tuple[str, float, float, float, float]]] = {}
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or not text or float(row.get("conf") or -1) < min_confidence:
            continue
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append((text, left, top, left + width, top + height))
    result = []
    for (block, _, _), words in lines.items():
        x0, top = min(w[1] for w in words), min(w[2] for w in words)
        x1, bottom = max(w[3] for w in words), max(w[4] for w in words)
        bbox = (x0 * scale, page_height - bottom * scale, x1 * scale, page_height - top * scale)
        result.append(OcrLine(" ".join(w[0] for w in words), bbox, block))
    return result
