"""Which pages a person reads from an image: the page decision of the OCR stage.

A page is OCR'd when what it shows is an image of text that its text layer does not cover: a
scan with no text layer, but also a scan whose only text layer is a stamp printed over it (the
ACTES stamp of a transmitted PV), a typed footer or page number, or a typed title above a pasted
scanned letter. It is not OCR'd when it is a text page with a logo or a photo, or a searchable
scan (its invisible text layer already covers the image).

The measures come from the layout stage's visit of the page (pipeline.backends.pdf_images); the
text of annotations is never part of them, so a stamp annotation repeated on every page never
makes a scan look like a text page."""
from __future__ import annotations

from dataclasses import dataclass

from pipeline.document import PageCoverage


@dataclass(frozen=True)
class PageDecisionSettings:
    """Measured on the 966 pages of the corpus and the unlabelled corpus (/work/ocr_lab REPORT §1):
    with these values 394 of 394 scanned pages go to OCR and 0 of 569 text pages; the whole
    0.3-0.5 × 0.01-0.04 square of the two thresholds gives the same result."""

    # Below this many non-blank characters of text layer, a page that draws an image is OCR'd,
    # whatever the areas say (the text layer holds nothing to read: a page number, a stamp's
    # date); it also guards against degenerate text boxes.
    min_chars_for_text_page: int = 40
    # Images must cover this share of the page for it to be a scan: text pages with pictures reach
    # at most 29% (a photo in a compte rendu; logos 1-7%); scans cover 100%, and scanned letters
    # pasted into a typed document 57%. 0.4 is about the geometric middle.
    min_image_fraction: float = 0.4
    # A scan whose text layer covers less than this share of its images is OCR'd: the ACTES stamp
    # printed over a scan covers 0.6% of it; the lightest page of a searchable scan (an almost
    # empty form page, 537 characters) 4.8%. 0.02 is ~3x the one (room for a stamp, a footer
    # and a page number) and ~2.4x below the other.
    max_text_over_image: float = 0.02


DECISION = PageDecisionSettings()


@dataclass(frozen=True)
class PageDecision:
    ocr: bool
    reason: str  # one line a person can check against the page image


def decide_page(coverage: PageCoverage, settings: PageDecisionSettings = DECISION) -> PageDecision:
    """OCR the page or not, and why."""
    c = coverage
    if c.images == 0:
        if c.chars < settings.min_chars_for_text_page:
            return PageDecision(False, "blank: no image and almost no text")
        return PageDecision(False, "text page: no image")
    if c.chars < settings.min_chars_for_text_page:
        return PageDecision(True, f"image page with {c.chars} characters of text")
    if c.image_fraction < settings.min_image_fraction:
        return PageDecision(False, f"text page: images cover only {c.image_fraction:.0%} of it")
    if c.text_over_image < settings.max_text_over_image:
        return PageDecision(True, f"scan: images cover {c.image_fraction:.0%} of the page and its text layer only "
                                  f"{c.text_over_image:.1%} of them ({c.chars} characters: a stamp, a footer)")
    return PageDecision(False, f"searchable scan or text over a background: its text covers "
                               f"{c.text_over_image:.0%} of the images")
