"""tesseract (a system tool, optional): page images -> words with boxes, grouped into lines.

Debian: `apt-get install tesseract-ocr tesseract-ocr-fra`. Nothing here decides which pages need
OCR; the OCR stage does."""
from __future__ import annotations

import csv
import functools
import hashlib
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pipeline.document import BBox

INSTALL_COMMAND = "apt-get install tesseract-ocr tesseract-ocr-fra"
# a folder keeping tesseract's output per page image, so that re-reading an archive (after an
# upgrade, with --force) does not OCR the same scans again; unset: no cache
CACHE_ENV = "DELIBERATA_OCR_CACHE"


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


@functools.cache
def _version() -> str:
    try:
        return subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30).stdout.split("\n")[0]
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _cache_file(image: bytes, arguments: list[str]) -> Path | None:
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        return None
    key = hashlib.sha256(image)
    key.update("\0".join([_version(), *arguments]).encode())
    digest = key.hexdigest()
    return Path(folder) / digest[:2] / f"{digest}.tsv"


def run_tsv(image: bytes, settings: TesseractSettings = SETTINGS) -> str:
    """tesseract's TSV output for one image (from the cache when it was read before). Raises
    subprocess errors (the caller records why)."""
    arguments = ["-l", settings.language, "--psm", str(settings.page_segmentation_mode), "tsv"]
    cached = _cache_file(image, arguments)
    if cached is not None and cached.exists():
        return cached.read_text(encoding="utf-8")
    # one thread: parallel batch workers already use every core
    env = os.environ | {"OMP_THREAD_LIMIT": "1"}
    completed = subprocess.run(["tesseract", "stdin", "stdout", *arguments], input=image, capture_output=True,
                               timeout=settings.page_timeout, env=env, check=True)
    tsv = completed.stdout.decode("utf-8", errors="replace")
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.partial")
            partial.write_text(tsv, encoding="utf-8")
            partial.replace(cached)  # atomic: a reader never sees half a file
        except OSError:
            pass  # a cache that cannot be written only costs time
    return tsv


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
