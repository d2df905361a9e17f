"""The ACTES identifier as OCR reads it, repaired only where the document proves the repair.

An ACTES id has a fixed structure: `ddd-SSSSSSSSS-YYYYMMDD-<local id>-NN`
  ddd       the département (034, 02A, 974)
  SSSSSSSSS the collectivité's SIREN, whose last digit is a Luhn key; a commune's SIREN is 21
            followed by its INSEE code, whose first two digits are the département
  YYYYMMDD  the acte's date: for a délibération, the séance date
  local id  the collectivité's own number (2023_034_D, DE2024_112, 0000071218)
  NN        the nature: DE (délibération), AR, AI, CC, BF, AU

Tesseract misreads the small print of a stamp in known ways (measured on the corpus scans,
/work/ocr_lab REPORT §6): 007 read 907 or 097, 210701280 read 210701260, 20231211 read 20251211,
the "_" of 2023_034_D read as a space, "D-DE" read "p-0E" or "0-0€". Each field is repaired from
what the same document proves: the SIREN's Luhn key and the SIREN most of the document's readings
agree on, the département the SIREN implies, the séance date, the separators and series letter
the other readings agree on, the délibération number printed on the same page, the list of
natures. A reading no evidence can complete is dropped, never guessed."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

# Letters and signs tesseract gives for digits in these stamps (O and D for 0, & for 6, | for 1 ...)
DIGIT_FOR = {"O": "0", "o": "0", "D": "0", "Q": "0", "©": "0", "@": "0", "I": "1", "l": "1", "|": "1", "!": "1",
             "i": "1", "Z": "2", "z": "2", "S": "5", "s": "5", "B": "8", "G": "6", "&": "6", "b": "6", "g": "9",
             "q": "9", "T": "7"}
# Digits tesseract confuses in these stamps, both ways: 8/6 (210701280 -> ...260), 3/5 and 3/9 and
# 3/2 (2023 -> 2025, 2029, 2022), 0/9 (007 -> 907, 040 -> 049), 0/6 (2020 -> 2620)
CONFUSABLE = {"0": "9864", "1": "7", "2": "73", "3": "9582", "4": "9", "5": "36", "6": "850", "7": "1", "8": "630",
              "9": "034"}
NATURES = ("DE", "AR", "AI", "CC", "BF", "AU")
SEPARATORS = " _%.-"
# Département codes a commune's INSEE code does not give as "0" + two digits: Corsica (2A, 2B;
# INSEE 20...) and overseas (971-976; INSEE 97...).
_NO_DEPARTEMENT_FROM_INSEE = ("20", "97")

# An id as OCR may read it: each field loose (letters for digits, separators read as ":" or ".",
# spaces inside), the local id and nature left to `_local_and_nature`.
CANDIDATE_RE = re.compile(
    r"(?P<dept>[0-9A-Za-z]{3})\s?[-:.]\s?(?P<siren>[0-9OoIlSBDQ|]{9})\s?[-:.]?\s?(?P<date>[0-9OoIlSBDQ|]{8})\s?[-:.]?\s?"
    r"(?P<rest>[A-Za-z0-9][A-Za-z0-9 _%.\-€]{2,40})")
_NATURE_AFTER_DASH_RE = re.compile(r"([A-Za-z0-9][A-Za-z0-9 _%]{0,35}?)\s?[-.]\s?([A-Za-z0-9€]{1,3})(?![A-Za-z0-9])")
_NATURE_GLUED_RE = re.compile(r"([A-Za-z0-9 _%]{2,35}?[A-Z])(DE|AR|AI|CC|BF|AU)(?![A-Za-z0-9])")  # 2023_033_ADE
_NATURE_TOKEN_RE = re.compile(r"[0D]{1,2}[EeÉ€]|DE|AR|AI|CC|BF|AU")


def luhn_ok(digits: str) -> bool:
    """The SIREN's key: the Luhn checksum of its 9 digits."""
    if not digits.isdigit():
        return False
    total = 0
    for index, char in enumerate(reversed(digits)):
        n = int(char)
        if index % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def ocr_digits(text: str) -> str:
    return "".join(DIGIT_FOR.get(char, char) for char in text)


def one_confusion_apart(expected: str, read: str) -> bool:
    """`read` is `expected` with exactly one digit swapped for one tesseract confuses it with."""
    return len(expected) == len(read) and sum(a != b for a, b in zip(expected, read)) == 1 and all(
        a == b or b in CONFUSABLE.get(a, "") for a, b in zip(expected, read))


def _valid_date(text: str) -> bool:
    if len(text) != 8 or not text.isdigit():
        return False
    year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
    return 1900 < year < 2100 and 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _local_and_nature(rest: str) -> tuple[str, str, int]:
    """What follows the date -> (local id, nature, length of `rest` they take): '2023_034 p-0E A.- Les'
    -> ('2023_034 p', '0E', 12); '2023_033_ADE' -> ('2023_033_A', 'DE', 12); '2022 041 00e du' ->
    ('2022 041', '00e', 12)."""
    for regex in (_NATURE_AFTER_DASH_RE, _NATURE_GLUED_RE):
        m = regex.match(rest)
        if m:
            return m.group(1).strip(), m.group(2), m.end()
    tokens = list(re.finditer(r"\S+", rest))
    for index, token in enumerate(tokens[1:5], start=1):
        if _NATURE_TOKEN_RE.fullmatch(token.group(0)):
            return " ".join(t.group(0) for t in tokens[:index]), token.group(0), token.end()
    return rest.strip(), "", len(rest)


def _bare(local: str) -> tuple[str, tuple[int, ...], str | None]:
    """(local id without separators, offsets where separators stood, the separator seen)."""
    bare, offsets, separator = "", [], None
    for char in local.strip():
        if char in SEPARATORS:
            if bare and (not offsets or offsets[-1] != len(bare)):
                offsets.append(len(bare))
            if char not in " %":  # a space or % is what OCR makes of a separator, not the separator
                separator = separator or char
        else:
            bare += char
    return bare, tuple(offsets), separator


@dataclass
class Reading:
    """One id as read, split into its fields (raw)."""

    dept: str
    siren: str
    date: str
    local: str
    nature: str
    start: int  # where the reading starts and ends in the text it was found in
    end: int


def readings_in(text: str) -> list[Reading]:
    """Every id-shaped reading of `text`, however garbled."""
    found = []
    for m in CANDIDATE_RE.finditer(text):
        local, nature, used = _local_and_nature(m.group("rest"))
        found.append(Reading(m.group("dept"), m.group("siren"), m.group("date"), local, nature, m.start(),
                             m.start("rest") + used))
    return found


def parse_reading(text: str) -> Reading | None:
    found = readings_in(text)
    return found[0] if found else None


@dataclass
class ActeIdContext:
    """What the document's readings agree on (a stamp is printed on every page of an extract) and
    what it says elsewhere (the séance date)."""

    siren: str | None = None  # the most frequent SIREN that passes its Luhn key
    local_shape: tuple[int, tuple[int, ...]] | None = None  # (length without separators, separator offsets)
    separator: str = "_"
    local_year: str | None = None
    local_letter: str | None = None  # the series' trailing letter (D for délibération), when it has one
    nature: str | None = None
    expected_date: dt.date | None = None  # the séance date, when known


def context_from_readings(parsed: list[Reading], expected_date: dt.date | None = None) -> ActeIdContext:
    sirens = Counter(ocr_digits(p.siren) for p in parsed)
    shapes: Counter = Counter()
    separators: Counter = Counter()
    years: Counter = Counter()
    letters: Counter = Counter()
    natures: Counter = Counter()
    for p in parsed:
        bare, offsets, separator = _bare(p.local)
        shapes[(len(bare), offsets)] += 1
        if separator:
            separators[separator] += 1
        year = re.search(r"20\d\d", ocr_digits(bare))
        if year:
            years[year.group(0)] += 1
        if bare[-1:].isalpha() and bare[-1:].isupper():
            letters[bare[-1]] += 1
        if p.nature in NATURES:
            natures[p.nature] += 1

    def most(counter: Counter):
        return counter.most_common(1)[0][0] if counter else None

    return ActeIdContext(
        siren=next((s for s, _ in sirens.most_common() if len(s) == 9 and luhn_ok(s)), None),
        local_shape=most(shapes), separator=most(separators) or "_", local_year=most(years),
        local_letter=most(letters), nature=most(natures), expected_date=expected_date)


@dataclass
class Repair:
    value: str  # the id, in its printed form
    notes: list[str]  # what was repaired and from what evidence (empty: read as printed)


def _departement(dept: str, siren: str, notes: list[str]) -> str | None:
    read = ocr_digits(dept)
    if siren.startswith("21") and siren[2:4] not in _NO_DEPARTEMENT_FROM_INSEE:
        implied = "0" + siren[2:4]
        if read != implied and (one_confusion_apart(implied, read) or not read.isdigit()):
            notes.append(f"département {dept}->{implied} (from the commune's SIREN)")
            return implied
    if read.isdigit() or dept.upper() in ("02A", "02B"):
        return read if read.isdigit() else dept.upper()
    return None


def _siren(siren: str, ctx: ActeIdContext, notes: list[str]) -> str | None:
    read = ocr_digits(siren)
    if ctx.siren and read != ctx.siren and (one_confusion_apart(ctx.siren, read) or not luhn_ok(read)):
        notes.append(f"SIREN {siren}->{ctx.siren} (the document's readings agree on it)")
        return ctx.siren
    return read if luhn_ok(read) else None


def _date(date: str, ctx: ActeIdContext, notes: list[str]) -> str | None:
    read = ocr_digits(date)
    if ctx.expected_date:
        expected = ctx.expected_date.strftime("%Y%m%d")
        if read != expected and one_confusion_apart(expected, read):
            notes.append(f"date {date}->{expected} (the séance date, one confusable digit away)")
            return expected
    return read if _valid_date(read) else None


def _local(local: str, ctx: ActeIdContext, printed: list[str], notes: list[str]) -> str | None:
    bare, offsets, separator = _bare(local)
    if sum(char.isdigit() for char in ocr_digits(bare)) < 3:
        return None
    if ctx.local_shape and abs(len(bare) - ctx.local_shape[0]) > 1:
        return None  # not the shape of the document's other ids: another number, or a garbled one
    if ctx.local_letter and ctx.local_shape:
        if len(bare) == ctx.local_shape[0] and not (bare[-1].isalpha() and bare[-1].isupper()):
            notes.append(f"series letter {bare[-1]!r}->{ctx.local_letter} (the document's readings)")
            bare = bare[:-1] + ctx.local_letter
        elif len(bare) == ctx.local_shape[0] - 1 and bare[-1].isdigit():
            notes.append(f"series letter {ctx.local_letter} added (the document's readings)")
            bare += ctx.local_letter
    if ctx.local_shape and len(bare) == ctx.local_shape[0] and offsets != ctx.local_shape[1]:
        offsets = ctx.local_shape[1]
    if ctx.local_year:
        year = re.search(r"\d{4}", ocr_digits(bare))
        if year and year.group(0) != ctx.local_year and one_confusion_apart(ctx.local_year, year.group(0)):
            notes.append(f"year {year.group(0)}->{ctx.local_year} (the document's readings)")
            bare = bare[:year.start()] + ctx.local_year + bare[year.end():]
    joined = ctx.separator if separator is None else separator
    repaired = "".join((joined if index in offsets else "") + char for index, char in enumerate(bare))
    if " ".join(local.split()) != repaired:
        notes.append(f"separators {local.strip()!r}->{repaired!r}")
    for number in printed:
        if number != repaired and one_confusion_apart(ocr_digits(number), ocr_digits(repaired)):
            notes.append(f"number {repaired}->{number} (printed on the same page)")
            return number
    return repaired


def _nature(nature: str, ctx: ActeIdContext, notes: list[str]) -> str | None:
    read = nature.upper().replace("0", "D").replace("€", "E").replace("É", "E")[-2:]
    if read in NATURES:
        if read != nature:
            notes.append(f"nature {nature!r}->{read}")
        return read
    if ctx.nature and len(read) == 2 and sum(a == b for a, b in zip(read, ctx.nature)) == 1:
        notes.append(f"nature {nature!r}->{ctx.nature} (the document's readings)")
        return ctx.nature
    return None


def repair_acte_id(reading: Reading, ctx: ActeIdContext, printed_numbers: list[str] = ()) -> Repair | None:
    """The id `reading` reads, each field repaired from the evidence in `ctx` (and the numbers
    printed on the same page); None when some field stays unreadable. The result still has to
    parse as an ActeId (the caller checks)."""
    notes: list[str] = []
    siren = _siren(reading.siren, ctx, notes)
    if siren is None:
        return None
    dept = _departement(reading.dept, siren, notes)
    date = _date(reading.date, ctx, notes)
    local = _local(reading.local, ctx, list(printed_numbers), notes)
    nature = _nature(reading.nature, ctx, notes)
    if None in (dept, date, local, nature):
        return None
    return Repair(f"{dept}-{siren}-{date}-{local}-{nature}", notes)


def majority(values: list[str]) -> str:
    """Per-character majority of readings of one id (of the most common length)."""
    length = Counter(len(v) for v in values).most_common(1)[0][0]
    same = [v for v in values if len(v) == length]
    return "".join(Counter(chars).most_common(1)[0][0] for chars in zip(*same))
