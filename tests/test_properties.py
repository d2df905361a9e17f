"""Property-based tests: the text-stage parsers take any text without raising anything but their
documented parse error (hypothesis generates the text; phrasing fragments make it hit the rules)."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import ActeId
from pipeline.french.dates import parse_date
from pipeline.stages.extract.attendance import extract_attendance, extract_item_events, parse_item_ranges
from pipeline.stages.extract.stamp import extract_stamp
from pipeline.stages.extract.vote import extract_vote
from pipeline.document import DocumentText
from pipeline.stages.segment import segment

FRAGMENTS = [
    "Présents :", "Absents :", "Pouvoirs :", "Procurations de vote :", "Absents excusés :", "Secrétaire :",
    "M. Jean DUPONT", "Mme Anne MARTIN", " à ", "(à compter de la question n° 7)", "(jusqu'à la question n° 21 incluse)",
    "(pour la question n° 8)", "(de la question n° 9 à la question n° 20 incluse)", " et ", "(pouvoir à M. X)",
    "représenté par", "a donné procuration à", "excusé", "Pour : 12", "Contre : 3", "Abstention : 1",
    "à l'unanimité", "ADOPTÉ", "Vote :", "Le Conseil Adopte.", "ne prend pas part au vote", "quitte la séance",
    "1. Budget primitif", "2019-03-01 TRAVAUX", "OBJET : 27.", "Délibération n° 2023/007093", "\n", ",", "(", ")",
    "025-212500565-20230223-D00709310-DE", "0 34-213401722-20140424-0000071218-DE", "Reçu en préfecture le 02/03/2023",
    "Publié le : 31/02/2023", "le onze mars deux mil dix neuf", "1er février 2016", "n°", "999999999999",
]
PHRASES = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=30).map("".join)
TEXT = st.one_of(st.text(), PHRASES)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_item_ranges_never_raise(text):
    ranges = parse_item_ranges(text)
    assert ranges is None or all(isinstance(lo, (int, type(None))) and isinstance(hi, (int, type(None))) for lo, hi in ranges)


@FAST
@given(TEXT)
def test_dates_never_raise(text):
    value = parse_date(text)
    assert value is None or isinstance(value, dt.date)


@FAST
@given(TEXT)
def test_acte_id_raises_only_value_error(text):
    try:
        acte = ActeId.parse(text)
    except ValueError:
        return
    assert acte.nature in {"DE", "AR", "AI", "CC", "BF", "AU"} and len(acte.siren) == 9


@FAST
@given(TEXT)
def test_attendance_and_events_never_raise(text):
    for claim in extract_attendance(text) + extract_item_events(text, base=0):
        assert claim.person and 0 <= claim.start <= claim.end


@FAST
@given(TEXT)
def test_vote_and_stamp_never_raise(text):
    vote = extract_vote(text, base=0)
    assert all(f is None or f.value >= 0 for f in (vote.pour, vote.contre, vote.abstention, vote.non_participation))
    extract_stamp(text)


@FAST
@given(TEXT)
def test_segmentation_covers_valid_spans(text):
    doc = DocumentText(text=text, lines=[], page_count=1, page_starts=[0], text_pages=[True])
    segmented = segment(doc)
    assert segmented.segments
    assert all(0 <= s.start <= s.end <= len(text) for s in segmented.segments)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
@settings(max_examples=300)
def test_fold_is_lower_case_nfd_without_combining_marks(text):
    # the definition, character by character; fold() replaces each ligature and mark present throughout
    import unicodedata

    from pipeline.french.lexicon import _LIGATURES, fold

    decomposed = unicodedata.normalize("NFD", text.translate(str.maketrans(_LIGATURES)).lower())
    assert fold(text) == "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def test_fold_examples():
    from pipeline.french.lexicon import fold

    assert fold("DÉCEMBRE Œuvre ﬁnances Ça") == "decembre oeuvre finances ca"
    assert fold("Saint-Étienne") == "saint-etienne" and fold("plain ASCII") == "plain ascii"
