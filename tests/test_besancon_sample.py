"""The committed Besançon sample (rendered by samples/render_besancon.py) carries the text an
extractor has to read back. The PDF is not re-rendered here, only opened."""
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("reportlab", reason="the Besançon sample belongs to the `samples` extra")
pdfium = pytest.importorskip("pypdfium2")

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE = REPO_ROOT / "samples" / "besancon-2023-007093.pdf"
GOLD = REPO_ROOT.parent / "shared" / "corpus" / "besancon" / "gold" / "besancon-2023-007093.json"


@pytest.fixture(scope="module")
def sample_text() -> str:
    """The PDF's text layer with whitespace collapsed, since line wrapping is the renderer's."""
    if not SAMPLE.exists():
        pytest.skip(f"{SAMPLE.name} has not been rendered")
    pdf = pdfium.PdfDocument(str(SAMPLE))
    try:
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    return re.sub(r"\s+", " ", " ".join(pages))


def test_sample_has_acte_id_and_objet(sample_text):
    assert "025-212500565-20230223-D00709310-DE" in sample_text
    assert "OBJET : 27." in sample_text


def test_sample_has_no_seed_markup(sample_text):
    for markup in ("<p>", "</p>", "<ul", "<li>", "^{", "**"):
        assert markup not in sample_text


@pytest.mark.corpus
def test_sample_has_gold_fiche_action_names(sample_text):
    if not GOLD.exists():
        pytest.skip("../shared/corpus is not beside the repository")
    names = [action["name"] for action in json.loads(GOLD.read_text(encoding="utf-8"))["actions"]]
    assert len(names) >= 3
    assert [name for name in names if name not in sample_text] == []
