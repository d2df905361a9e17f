import pytest

from pipeline.french.nlp import names_a_person


@pytest.mark.parametrize(
    "line, expected",
    [
        # Montpellier 2014-04-24: the objet's first line stands right under "Absents :"
        ("Association FESTIVAL RADIO FRANCE", False),
        ("Désignation des représentants au SIVOM", False),
        # names from the same attendance lists
        ("Jean-Pierre MOURE", True),
        ("Dominique MARTIN-PRIVAT", True),
        ("Cédric DE SAINT JOUAN", True),
    ],
)
def test_model_tells_organisations_from_people(line, expected):
    assert names_a_person(line) is expected


def test_objet_title_block_keeps_an_organisation_line():
    from pipeline.stages.extract.identity import _title_before_speaker

    text = (
        "Stéphanie JANNIN,Bernard TRAVIER,Dominique MARTIN-PRIVAT.\nAbsents :\n"
        "Association FESTIVAL RADIO FRANCE\net Montpellier Languedoc-Roussillon\n"
        "Désignation des représentants de la Ville au Conseil d'administration\nMonsieur le Maire rapporte :\n"
    )
    found = _title_before_speaker(text, 0)
    assert found is not None and found.value.startswith("Association FESTIVAL RADIO FRANCE et Montpellier")
