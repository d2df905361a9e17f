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


# --- the PDFium backend reads pages through C calls with reused buffers: the same as the helpers -----

def _reference_runs(textpage):
    """text_runs as written with pypdfium2's helpers (one get_text_bounded and one font lookup per
    rect): what the buffered reader must give back exactly."""
    import ctypes
    from collections import Counter

    import pypdfium2.raw as pdfium_c

    from pipeline.backends import pdfium_text as P

    rects = [textpage.get_rect(i) for i in range(textpage.count_rects())]
    keys = [tuple(round(v, 1) for v in rect) for rect in rects]
    multiplicity, seen, runs = Counter(keys), set(), []
    name, flags = ctypes.create_string_buffer(128), ctypes.c_int()
    for (x0, y0, x1, y1), key in zip(rects, keys):
        if key in seen:
            continue
        seen.add(key)
        text = P.visible_copy(textpage.get_text_bounded(x0, y0, x1, y1).translate(P._CHAR_FIXES).replace("\n", " "),
                              multiplicity[key])
        if text.strip():
            index = pdfium_c.FPDFText_GetCharIndexAtPos(textpage.raw, (x0 + x1) / 2, (y0 + y1) / 2,
                                                        (x1 - x0) / 2 + 0.5, (y1 - y0) / 2 + 0.5)
            style = (False, False)
            if index >= 0 and pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), flags):
                font = name.value.decode("utf-8", "replace")
                style = (bool(P._BOLD_FONT_RE.search(font) or flags.value & P._FORCE_BOLD),
                         bool(P._ITALIC_FONT_RE.search(font) or flags.value & P._ITALIC))
            runs.append(P.TextRun(text, x0, y0, x1, y1, *style))
    return runs


@pytest.mark.parametrize("source, name", [
    ("montpellier", "2014-04-24-0000071305.pdf"),  # stacked stamps
    ("montpellier", "2014-04-24-0000071218.pdf"),  # sidebar, bold headings
    ("demos_bourg", None), ("couthenans", None), ("putanges", None), ("pierrefonds", None), ("preuilly", None),
])
def test_text_runs_and_paths_are_those_of_the_pypdfium2_helpers(source, name):
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from pipeline.backends.pdfium_text import path_bounds, text_runs

    folder = CORPUS / source
    paths = [folder / name] if name else sorted(folder.glob("*.pdf"))[:3]
    if not paths or not paths[0].exists():
        pytest.skip(f"{folder} not available")
    checked = 0
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            assert text_runs(textpage) == _reference_runs(textpage)
            for limit in (2000, 3):  # a page drawing more paths than the limit stops at limit + 1
                expected = []
                for count, obj in enumerate(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2)):
                    if count > limit:
                        break
                    expected.append(tuple(obj.get_bounds()))
                assert path_bounds(page, limit) == expected
            checked += 1
            textpage.close()
            page.close()
        pdf.close()
    assert checked
