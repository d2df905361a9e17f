"""Layout stage: reading order, overprinted text."""
from pathlib import Path

import pytest

from pipeline.backends.pdfium_text import visible_copy as _visible_copy
from pipeline.stages.layout import layout
from pipeline.stages.load import load

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.mark.parametrize(
    "text, copies, expected",
    [
        # two ACTES stamps printed on top of each other: the copy drawn last is the visible one
        ("034-213401722-20140424-0000071277-DE034-213401722-20140424-0000071305-DE", 2,
         "034-213401722-20140424-0000071305-DE"),
        ("Accusé de réception Accusé de réception ", 2, "Accusé de réception "),
        ("RR", 2, "R"),
        ("Envoi Préfecture", 1, "Envoi Préfecture"),
        ("abc", 2, "abc"),  # copies of unequal length: keep the text whole
    ],
)
def test_visible_copy(text, copies, expected):
    assert _visible_copy(text, copies) == expected


def _text(source: str, name: str) -> str:
    path = CORPUS / source / name
    if not path.exists():
        pytest.skip(f"{path} not available")
    loaded = load(path)
    try:
        return layout(loaded).text
    finally:
        loaded.close()


def test_stacked_stamps_read_once():
    text = _text("montpellier", "2014-04-24-0000071305.pdf")
    assert text.count("034-213401722-20140424") == 1
    assert "034-213401722-20140424-0000071305-DE" in text
    assert "Envoi Préfecture : 28/04/2014" in text


def test_sidebar_kept_apart_from_main_column():
    text = _text("montpellier", "2014-04-24-0000071218.pdf")
    assert "\nn° 2014 / 144\n" in text
    assert "sous la présidence\nde Monsieur le Maire, Philippe SAUREL." in text


def test_a_line_is_grouped_around_its_tallest_run():
    # putanges 2020-07-27 p.5, runs as PDFium reports them: a raised apostrophe at the line's end
    # has the highest centre and is seen first; the low hyphens of "2020-07-06" must still join
    from pipeline.backends.pdfium_text import TextRun
    from pipeline.stages.layout import SETTINGS, _join, _lines_of

    runs = [TextRun("2020", 71.7, 267.0, 91.1, 275.1), TextRun("-", 91.9, 269.3, 94.3, 270.8),
            TextRun("07", 95.0, 267.0, 104.2, 275.1), TextRun("-", 104.9, 269.3, 107.4, 270.8),
            TextRun("0", 108.0, 267.0, 112.3, 275.1), TextRun("6 ", 113.1, 267.0, 117.4, 275.1),
            TextRun("LANCEMENT D’UNE CONSULTATION", 122.5, 267.0, 341.3, 275.3),
            TextRun("D", 558.8, 267.2, 564.2, 275.1), TextRun("’", 565.1, 271.8, 566.4, 275.2)]
    lines = _lines_of(runs, SETTINGS)
    assert len(lines) == 1
    assert _join(lines[0], SETTINGS) == "2020-07-06 LANCEMENT D’UNE CONSULTATION D’"
