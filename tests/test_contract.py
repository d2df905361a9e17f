"""The contract page reader on the real Contrat Local de Santé page (../shared/seeds), as text
and as HTML, and its failures as data."""
import html
import re
from datetime import date
from pathlib import Path

import pytest

from pipeline.backends.html_text import html_to_text
from pipeline.contract_page import process_contract_page

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds" / "004_552e9fd00659b574.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("../shared/seeds is not beside the repository")
    return SEED.read_text(encoding="utf-8")


def _as_html(text: str) -> str:
    """The page as a site would serve it: paragraphs, nested lists from the bullets' indentation."""
    out, depth = ["<html><head><style>p{}</style><script>var x = '<p>1 – not a heading</p>';</script></head><body>"], 0
    for block in re.split(r"\n\s*\n", text):
        for line in block.split("\n"):
            m = re.match(r"^(\s*)•\s+(.*)$", line)
            if m:
                level = 1 if len(m[1]) <= 2 else 2
                while depth < level:
                    out.append("<ul>")
                    depth += 1
                while depth > level:
                    out.append("</ul>")
                    depth -= 1
                out.append(f"<li>{html.escape(m[2])}")
            elif line.strip():
                out.append(f"<br>{html.escape(line.strip())}" if depth else f"<p>{html.escape(line.strip())}</p>")
        while depth:
            out.append("</ul>")
            depth -= 1
    return "\n".join(out + ["</body></html>"])


def _check_contract(result):
    assert result.status.value == "ok", result.error
    assert result.anomalies == []
    (contract,) = result.agreements
    assert contract.kind == "contrat"
    assert contract.title == "Le Contrat Local de Santé du Grand Besançon 2020-2024"
    assert (contract.period_start, contract.period_end) == (date(2020, 1, 1), date(2024, 12, 31))
    assert contract.signed_on == date(2020, 1, 16)
    ambitions = contract.sections_of("ambition")
    assert [a.number for a in ambitions] == ["1", "2", "3", "4", "5"]
    assert ambitions[1].title == "Favoriser l’accès aux soins de tous"
    assert all(a.actions for a in ambitions)
    # first-level bullets only: the cellule's objectives (nested bullets) are not actions
    assert ambitions[2].actions[0] == "Un chez soi d’abord (CCAS de Besançon)"
    assert len(ambitions[2].actions) == 2
    assert ambitions[0].actions == ["Les Ateliers Santé Ville (Ville de Besançon)"]
    organisations = [s.organisation for s in contract.signatories]
    assert len(organisations) == 10
    assert organisations[0] == "Ville de Besançon" and organisations[-1] == "Education Nationale"
    assert "Agence Régionale de Santé de Bourgogne-Franche Comté" in organisations
    return contract


def test_text_page(seed_text, tmp_path):
    page = tmp_path / "cls.txt"
    page.write_text(seed_text, encoding="utf-8")
    contract = _check_contract(process_contract_page(page))
    signed = contract.provenance["signed_on"]
    assert seed_text[signed.char_start:signed.char_end].endswith("16 janvier 2020")
    first = contract.signatories[0].provenance
    assert seed_text[first.char_start:first.char_end] == "Ville de Besançon"


def test_html_page(seed_text, tmp_path):
    page = tmp_path / "cls.html"
    page.write_text(_as_html(seed_text), encoding="utf-8")
    _check_contract(process_contract_page(page))


def test_html_to_text_lists_and_scripts():
    text = html_to_text("<script>alert('x')</script><p>Titre</p><ul><li>Un<ul><li>sous</li></ul></li><li>Deux</li></ul>")
    assert "alert" not in text
    assert text.split("\n")[2:5] == ["  • Un", "    • sous", "  • Deux"]


def test_missing_signatory_is_an_anomaly(seed_text, tmp_path):
    page = tmp_path / "cls.txt"
    page.write_text(seed_text.replace("  • Préfecture du Doubs\n", ""), encoding="utf-8")
    result = process_contract_page(page)
    assert result.status.value == "ok"
    assert [a.check_name for a in result.anomalies] == ["contract_signatory_count"]
    assert len(result.agreements[0].signatories) == 9


def test_pages_without_a_contract_fail_as_data(tmp_path):
    page = tmp_path / "news.html"
    page.write_text("<p>La piscine est fermée le lundi.</p>", encoding="utf-8")
    result = process_contract_page(page)
    assert result.status.value == "failed" and "no contract" in result.error
    assert process_contract_page(tmp_path / "missing.txt").status.value == "failed"
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert process_contract_page(empty).status.value == "no_text"
