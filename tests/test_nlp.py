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


def _model_must_not_be_asked(line):
    raise AssertionError(f"the model was asked about {line!r}")


def test_a_title_wrapped_in_lower_case_is_kept_without_the_model(monkeypatch):
    from pipeline.stages.extract import identity

    monkeypatch.setattr(identity, "names_a_person", _model_must_not_be_asked)
    text = (
        "Stéphanie JANNIN,Bernard TRAVIER.\nAbsents :\n"
        "Association FESTIVAL RADIO FRANCE\net Montpellier Languedoc-Roussillon\nMonsieur le Maire rapporte :\n"
    )
    found = identity._title_before_speaker(text, 0)
    assert found is not None and found.value == "Association FESTIVAL RADIO FRANCE et Montpellier Languedoc-Roussillon"


def test_an_absent_whose_given_name_the_lists_print_is_a_name_without_the_model(monkeypatch):
    from pipeline.stages.extract import identity

    monkeypatch.setattr(identity, "names_a_person", _model_must_not_be_asked)
    text = (
        "Présents :\nFabien ABERT, Patrick RIVAS, Jean-Pierre MOURE.\nAbsents :\n"
        "Patrick VIGNAL\nDroit à la formation des élus\nMonsieur le Maire rapporte :\n"
    )
    found = identity._title_before_speaker(text, 0)
    assert found is not None and found.value == "Droit à la formation des élus"


def test_a_name_line_the_layout_does_not_decide_is_left_to_the_model(monkeypatch):
    from pipeline.stages.extract import identity

    asked = []
    monkeypatch.setattr(identity, "names_a_person", lambda line: asked.append(line) or False)
    text = "Présents :\nFabien ABERT, Jean-Pierre MOURE.\nAbsents :\nSociété GENERALE\nBail commercial\nMonsieur le Maire rapporte :\n"
    found = identity._title_before_speaker(text, 0)
    assert asked == ["Société GENERALE"]
    assert found is not None and found.value == "Société GENERALE Bail commercial"


def test_the_given_names_of_the_lists():
    from pipeline.stages.extract.identity import listed_given_names

    text = "Fabien ABERT,Lorraine ACQUIER, Marie-Hélène SANTARELLI,\nCédric DE SAINT JOUAN, Monsieur le Maire rapporte"
    assert listed_given_names(text) == {"Fabien", "Lorraine", "Marie-Hélène", "Cédric"}


def test_only_the_entity_recogniser_is_loaded():
    from pipeline.french.nlp import _french

    assert _french().pipe_names == ["ner"]


# --- the compiled form of very large patterns, kept on disk ------------------------------------------

import re  # noqa: E402

from pipeline.french import regex_cache  # noqa: E402

# a pattern shaped like spaCy's French token_match: anchored alternatives over case-folded letter classes
_LETTERS = "a-z\\u00e0-\\u00ff\\u0100-\\u017f\\u0400-\\u04ff"
_PATTERN = "(?iu)" + "|".join(f"(?:^{word}[-–][{_LETTERS}]+$)" for word in ("saint", "faux", "new", "porte", "arc")) + "|(?P<elision>^[{0}]+['’][{0}]+$)".format(_LETTERS)


def test_a_cached_pattern_is_the_pattern_re_compiles(tmp_path):
    first = regex_cache.compile_cached(_PATTERN, 0, tmp_path)  # compiled and stored
    assert len(list(tmp_path.glob("*.sre"))) == 1
    second = regex_cache.compile_cached(_PATTERN, 0, tmp_path)  # rebuilt from the file
    reference = re.compile(_PATTERN)
    assert first == reference and second == reference  # same code, flags and groups
    assert second.groupindex == reference.groupindex
    for token in ("Saint-Jean", "saint-jean", "NEW-YORK", "aujourd'hui", "Jean-Pierre", "porte-", "ſaint-x"):
        assert bool(second.match(token)) == bool(reference.match(token)), token


def test_a_damaged_cache_file_is_compiled_again(tmp_path):
    regex_cache.compile_cached(_PATTERN, 0, tmp_path)
    (stored,) = tmp_path.glob("*.sre")
    stored.write_bytes(stored.read_bytes()[:-40])  # truncated
    assert regex_cache.compile_cached(_PATTERN, 0, tmp_path) == re.compile(_PATTERN)
    stored.write_bytes(b"not a cache file")
    assert regex_cache.compile_cached(_PATTERN, 0, tmp_path) == re.compile(_PATTERN)


def test_only_long_patterns_are_cached_and_re_compile_is_restored(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "MIN_PATTERN_LENGTH", 200)
    with regex_cache.large_patterns_cached(tmp_path):
        short = re.compile("abc")
        long = re.compile(_PATTERN)
        assert re.compile(_PATTERN) is long  # the same pattern twice (spaCy's module, then its tokenizer data)
    assert re.compile is regex_cache.re.compile and re.compile.__module__ == "re"
    assert short.pattern == "abc" and long == re.compile(_PATTERN)
    assert len(list(tmp_path.glob("*.sre"))) == 1


def test_the_cache_can_be_turned_off(monkeypatch):
    monkeypatch.setenv(regex_cache.CACHE_ENV, "off")
    assert regex_cache.cache_folder() is None
