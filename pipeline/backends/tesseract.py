"""tesseract (a system tool, optional): a page image -> words with boxes, grouped into lines.

Debian: `apt-get install tesseract-ocr tesseract-ocr-fra`. Nothing here decides which pages need
OCR (the OCR stage does) nor renders them (pipeline.backends.pdf_render).

The settings were measured on the 62 scanned pages of the corpus that have a gold transcript
(/work/ocr_lab/REPORT.md §4-5): with them tesseract finds 90% of the transcript lines instead of
84%, and costs 2.75 s of CPU a page instead of 3.66."""
from __future__ import annotations

import csv
import dataclasses
import functools
import hashlib
import io
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from pipeline.backends import OCR_CACHE_ENV
from pipeline.document import BBox

INSTALL_COMMAND = "apt-get install tesseract-ocr tesseract-ocr-fra"
# a folder keeping tesseract's output per page image, so that re-reading an archive (after an
# upgrade, with --force) does not OCR the same scans again; unset: no cache
CACHE_ENV = OCR_CACHE_ENV


@dataclass(frozen=True)
class TesseractSettings:
    language: str = "fra"
    # Render resolution. 200 dpi reads the most transcript lines (0.900 vs 0.895 at 300) and key
    # values (186/196 vs 180/196) for 23% less CPU: at 300 dpi tesseract joins a sidebar to the
    # body lines beside it. 150 dpi is 12% faster again but loses the small print of S²LOW stamps.
    dpi: int = 200
    # Never upsample a scan beyond this factor of its own resolution (a 96-dpi scanned letter is
    # rendered at 192 dpi): beyond 2x only the cost grows.
    max_upsample: float = 2.0
    # psm 3, automatic layout: the most lines found (0.914 vs 0.903 psm 4, 0.888 psm 6, 0.886
    # psm 11); it keeps a sidebar apart from the body.
    page_segmentation_mode: int = 3
    # The LSTM engine: the Debian fra model (tessdata_fast) has no other, so this is what runs
    # anyway; saying it makes a model with a legacy engine fail loudly instead of switching engine.
    engine_mode: int = 1
    # A word under this confidence is dropped only when it is not word-like (fewer than 2 letters
    # or digits, or mostly punctuation: seal strokes, dotted leaders, "|" rules). Tesseract gives
    # confidence ~0 to correctly read words with a straight apostrophe (d'investissement,
    # l'urbanisme): dropping every word under 20 lost them (found lines 0.842 -> 0.887 without).
    noise_confidence: float = 20.0
    # Render the page without its text layer and its annotations: the scan under a stamp printed
    # as text becomes readable and the stamp is not read twice (Flaux found lines 0.92 -> 0.97).
    hide_text_layer: bool = True
    # Crop the render to its inked area plus this margin: an A4 page on one half of an A3
    # landscape sheet costs 12-16% less, with the same text.
    crop_to_ink: bool = True
    crop_margin_pt: float = 18.0
    # A pixel darker than this (0-255) is ink; a row or column with fewer ink pixels than
    # `min_ink_pixels` is scanner dust, not content.
    ink_level: int = 160
    min_ink_pixels: int = 3
    # A render none of whose pixel rows holds this much ink (inches of dark pixels) is a blank
    # page, not sent to tesseract. Measured at 200 dpi: the darkest row of a scanned blank back
    # (bleed-through specks, the sheet's edge) holds 8-11 ink pixels (0.04-0.055 in); a page
    # holding one word ("ANNEXES") 216 with its underline, over 40 in its letters alone.
    blank_row_ink: float = 0.1
    # Content printed sideways (a form turned on the sheet): when fewer than this share of a page's
    # words reach `confident_word`, tesseract's orientation detection (~2 s) is asked and the page
    # read again turned upright. Sideways form: 27 of 115 words confident, upright 98 of 133;
    # normal pages 80-95%.
    retry_rotation_below: float = 0.4
    confident_word: float = 60.0
    # seconds for one page; the batch's per-document deadline still applies
    page_timeout: float = 180.0


SETTINGS = TesseractSettings()
# speed first: 0.44 instead of 0.38 pages/s per core, about one point fewer lines found
FAST = dataclasses.replace(SETTINGS, dpi=150)

PixelBox = tuple[int, int, int, int]  # left, top, right, bottom in image pixels (origin top-left)


@dataclass
class OcrWord:
    text: str
    confidence: float
    bbox: BBox  # where the caller placed it (see `read_words`)
    line: tuple[int, int, int]  # tesseract's (block, paragraph, line): words of one line share it


@dataclass
class OcrLine:
    text: str
    bbox: BBox
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


@functools.cache
def _version() -> str:
    try:
        return subprocess.run(["tesseract", "--version"], capture_output=True, text=True, timeout=30).stdout.split("\n")[0]
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def pgm(image: np.ndarray) -> bytes:
    """An 8-bit grey image as PGM: no compression to pay for, and tesseract reads it from stdin."""
    height, width = image.shape
    return b"P5\n%d %d\n255\n" % (width, height) + np.ascontiguousarray(image, dtype=np.uint8).tobytes()


def _cache_file(image: bytes, arguments: list[str], settings: TesseractSettings) -> Path | None:
    """The cache entry of one tesseract run: keyed by the image's bytes (which the render settings
    shape), tesseract's version, its arguments and every setting, so that no changed setting ever
    returns an older reading."""
    folder = os.environ.get(CACHE_ENV)
    if not folder:
        return None
    key = hashlib.sha256(image)
    key.update("\0".join([_version(), *arguments, repr(settings)]).encode())
    digest = key.hexdigest()
    return Path(folder) / digest[:2] / f"{digest}.tsv"


def _run(image: bytes, arguments: list[str], settings: TesseractSettings) -> str:
    """tesseract's output for one image (from the cache when it was read before). Raises
    subprocess errors (the caller records why)."""
    cached = _cache_file(image, arguments, settings)
    if cached is not None and cached.exists():
        return cached.read_text(encoding="utf-8")
    # one thread: the batch runs one worker per core, each with at most one tesseract
    env = os.environ | {"OMP_THREAD_LIMIT": "1"}
    completed = subprocess.run(["tesseract", "stdin", "stdout", *arguments], input=image, capture_output=True,
                               timeout=settings.page_timeout, env=env, check=True)
    output = completed.stdout.decode("utf-8", errors="replace")
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.partial")
            partial.write_text(output, encoding="utf-8")
            partial.replace(cached)  # atomic: a reader never sees half a file
        except OSError:
            pass  # a cache that cannot be written only costs time
    return output


def run_tsv(image: bytes, settings: TesseractSettings = SETTINGS) -> str:
    """tesseract's TSV output (one row per word, with its box and confidence) for one image."""
    arguments = ["-l", settings.language, "--oem", str(settings.engine_mode),
                 "--psm", str(settings.page_segmentation_mode), "tsv"]
    return _run(image, arguments, settings)


def orientation(image: np.ndarray, settings: TesseractSettings = SETTINGS) -> int:
    """Degrees clockwise to turn the image so that its text stands upright (tesseract's OSD,
    osd.traineddata, installed with tesseract-ocr); 0 when it cannot tell."""
    try:
        output = _run(pgm(image), ["--psm", "0"], settings)
    except subprocess.CalledProcessError:
        return 0  # too little text to tell the orientation: tesseract exits with an error
    for line in output.splitlines():
        if line.startswith("Rotate:"):
            return int(line.split(":")[1]) % 360
    return 0


def noise(text: str, confidence: float, settings: TesseractSettings = SETTINGS) -> bool:
    """A low-confidence token that is not word-like: a seal stroke, a rule, a dotted leader."""
    if confidence >= settings.noise_confidence:
        return False
    alnum = sum(ch.isalnum() for ch in text)
    return alnum < 2 or alnum < 0.5 * len(text)


def words_from_tsv(tsv: str, place: Callable[[PixelBox], BBox] = lambda px: px,
                   settings: TesseractSettings = SETTINGS) -> list[OcrWord]:
    """tesseract's words (TSV level 5) in its reading order, noise tokens dropped; `place` turns a
    word's pixel box into the caller's coordinates."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        text = (row.get("text") or "").strip()
        confidence = float(row.get("conf") or -1)
        if row.get("level") != "5" or not text or noise(text, confidence, settings):
            continue
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
        words.append(OcrWord(text, confidence, place((left, top, left + width, top + height)),
                             (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))))
    return words


def _unturn(box: PixelBox, turn: int, shape: tuple[int, int]) -> PixelBox:
    """A box in an image turned `turn` degrees clockwise, back in the image before turning
    (`shape`: the unturned image's rows, columns)."""
    rows, cols = shape
    left, top, right, bottom = box
    if turn == 90:  # turned pixel (r, c) was at (rows - c, r)
        return (top, rows - right, bottom, rows - left)
    if turn == 180:
        return (cols - right, rows - bottom, cols - left, rows - top)
    if turn == 270:  # turned pixel (r, c) was at (c, cols - r)
        return (cols - bottom, left, cols - top, right)
    return box


def _confident(words: list[OcrWord], settings: TesseractSettings) -> int:
    return sum(word.confidence >= settings.confident_word for word in words)


def read_words(image: np.ndarray, place: Callable[[PixelBox], BBox] = lambda px: px,
               settings: TesseractSettings = SETTINGS) -> list[OcrWord]:
    """OCR one page image (8-bit grey); read again turned upright when its text stands sideways
    (see TesseractSettings.retry_rotation_below). `place` turns pixel boxes of `image` into the
    caller's coordinates."""
    words = words_from_tsv(run_tsv(pgm(image), settings), place, settings)
    if not words or _confident(words, settings) >= settings.retry_rotation_below * len(words):
        return words
    turn = orientation(image, settings)
    if not turn:
        return words
    turned = np.ascontiguousarray(np.rot90(image, k=-turn // 90))
    retry = words_from_tsv(run_tsv(pgm(turned), settings), lambda px: place(_unturn(px, turn, image.shape)), settings)
    return retry if _confident(retry, settings) > _confident(words, settings) else words


def group_lines(words: list[OcrWord]) -> list[OcrLine]:
    """Words grouped into tesseract's lines, in its reading order; a line's box is its words' union."""
    grouped: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        grouped.setdefault(word.line, []).append(word)
    return [OcrLine(" ".join(w.text for w in line), (min(w.bbox[0] for w in line), min(w.bbox[1] for w in line),
                                                      max(w.bbox[2] for w in line), max(w.bbox[3] for w in line)), key[0])
            for key, line in grouped.items()]


def lines_from_tsv(tsv: str, page_height: float, dpi: float) -> list[OcrLine]:
    """The lines of a whole-page image rendered at `dpi`, boxes in PDF points (origin bottom-left)."""
    scale = 72 / dpi
    return group_lines(words_from_tsv(tsv, lambda px: (px[0] * scale, page_height - px[3] * scale,
                                                       px[2] * scale, page_height - px[1] * scale)))
