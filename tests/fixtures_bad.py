"""A corpus of bad and awkward inputs, generated into a folder (no binary fixtures in git).

`build_bad_corpus(folder)` returns {file name: what may happen to it}: the set of statuses the
pipeline may record, and a phrase its reason must contain when it fails."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.devtools.synthetic import write_synthetic_pdf

ODD_NAME = "délib «été» l'an 'quoted' \"double\"\nnewline.pdf"


@dataclass(frozen=True)
class Expect:
    statuses: frozenset[str]
    reason: str | None = None  # phrase the recorded reason contains when the status is not ok


def _pdf_with_lines(path: Path, pages: list[list[str]], font_size: float = 10, pagesize=(595.3, 841.9),
                    **canvas_args) -> None:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=pagesize, **canvas_args)
    for lines in pages:
        pdf.setFont("Helvetica", font_size)
        y = pagesize[1] - 30
        for line in lines:
            pdf.drawString(20, y, line)
            y -= font_size * 1.1
        pdf.showPage()
    pdf.save()


def scanned_pdf(path: Path, text_pdf: Path, dpi: int = 200) -> None:
    """An image-only copy of `text_pdf`'s first page, as a scanner would make it."""
    import pypdfium2 as pdfium
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    source = pdfium.PdfDocument(str(text_pdf))
    image = source[0].render(scale=dpi / 72, grayscale=True).to_pil()
    source.close()
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    pdf.save()


def _png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("deliberation.txt", "Conseil municipal")
    return buffer.getvalue()


def build_bad_corpus(folder: Path, thousand_pages: bool = True) -> dict[str, Expect]:
    folder.mkdir(parents=True, exist_ok=True)
    ok, failed, no_text = frozenset({"ok"}), frozenset({"failed"}), frozenset({"no_text", "ok"})
    ok_or_failed = frozenset({"ok", "failed"})
    expected: dict[str, Expect] = {}

    valid = folder / "valid.pdf"
    write_synthetic_pdf(valid, seed=7)
    expected["valid.pdf"] = Expect(ok)
    data = valid.read_bytes()

    (folder / "empty.pdf").write_bytes(b"")
    expected["empty.pdf"] = Expect(failed, "empty file")
    (folder / "page.html.pdf").write_text("<!DOCTYPE html><html><body>Délibération</body></html>")
    (folder / "image.png.pdf").write_bytes(_png_bytes())
    (folder / "archive.zip.pdf").write_bytes(_zip_bytes())
    for name in ("page.html.pdf", "image.png.pdf", "archive.zip.pdf"):
        expected[name] = Expect(failed, "not a PDF")

    for fraction in (0.02, 0.3, 0.6, 0.95):
        name = f"truncated-{int(fraction * 100):02d}.pdf"
        (folder / name).write_bytes(data[: int(len(data) * fraction)])
        # PDFium repairs some truncations (the pages before the cut are readable): either is fine
        expected[name] = Expect(frozenset({"ok", "failed", "no_text"}), "damaged PDF")

    broken_xref = data.replace(b"startxref", b"startxref\n999999999\n%", 1)
    xref_at = broken_xref.find(b"\nxref")
    broken_xref = broken_xref[:xref_at] + b"\nxref\n0 9999\nGARBAGE" + broken_xref[xref_at + 40:]
    (folder / "broken-xref.pdf").write_bytes(broken_xref)
    expected["broken-xref.pdf"] = Expect(ok_or_failed, "damaged PDF")

    lines = ["Commune de Pierrefonds", "Conseil Municipal du 15 octobre 2015", "Vote : Pour à l'unanimité."]
    _pdf_with_lines(folder / "encrypted-user-password.pdf", [lines], encrypt="secret")
    expected["encrypted-user-password.pdf"] = Expect(failed, "encrypted PDF")
    from reportlab.lib.pdfencrypt import StandardEncryption

    _pdf_with_lines(folder / "encrypted-owner-only.pdf", [lines],
                    encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0))
    expected["encrypted-owner-only.pdf"] = Expect(ok)  # no password to open it: read as usual

    scanned_pdf(folder / "scanned.pdf", valid)
    expected["scanned.pdf"] = Expect(no_text, "no text layer")

    dense_line = "Délibération du conseil municipal, vote à l'unanimité des membres présents. " * 5
    # 160 lines of 340 characters: 54,400 characters on each page, all of them inside an A3 page
    _pdf_with_lines(folder / "dense-50k-chars.pdf", [[dense_line[:340]] * 160] * 2, font_size=4.5, pagesize=(1190.6, 841.9))
    expected["dense-50k-chars.pdf"] = Expect(ok)

    if thousand_pages:
        pages = [[f"Conseil municipal — page {i + 1}", "Délibération n° 2020-%03d : objet du jour" % i] for i in range(1000)]
        _pdf_with_lines(folder / "thousand-pages.pdf", pages)
        expected["thousand-pages.pdf"] = Expect(ok)

    try:
        write_synthetic_pdf(folder / ODD_NAME, seed=8)
        expected[ODD_NAME] = Expect(ok)
    except OSError:  # a file system refusing the newline: keep the rest of the name
        name = ODD_NAME.replace("\n", " ")
        write_synthetic_pdf(folder / name, seed=8)
        expected[name] = Expect(ok)
    return expected


# --- misbehaving per-document functions for the worker pool (module level: workers import them) ---

def hang_or_crash(task):
    """Hangs on files named *hang*, kills its own process on *crash*, otherwise does the real work."""
    import os
    import signal
    import time

    from pipeline.orchestration.executors import run_task

    if "hang" in Path(task.path).name:
        time.sleep(120)
    if "crash" in Path(task.path).name:
        os.kill(os.getpid(), signal.SIGKILL)
    return run_task(task)
