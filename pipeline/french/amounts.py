"""Euro amounts in the financing cell of a "fiche action": "21 246,52 €", "45000,00€",
"40 300 euros", "1.650,00 €", "40K euros", "1,5 M€", "100 000 €/an", "6000 euros pour 100 acteurs".

A number counts as an amount only when a currency word or sign follows it, so years,
head-counts and percentages in the same cell are never read as money. Values are exact
`Decimal`s, never floats, so "21 246,52 €" is compared and summed to the cent."""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["Amount", "AmountParseError", "parse_amount", "parse_amounts"]

# ---------------------------------------------------------------------------------------------
# Grammar. [0-9] rather than \d: \d also accepts Arabic-Indic and other Unicode digits.
# ---------------------------------------------------------------------------------------------

# PDF text uses plain, no-break (U+00A0), narrow no-break (U+202F) or thin (U+2009) spaces,
# or a dot, between thousands; one number uses one separator throughout.
_THOUSANDS_SEPARATOR = r"[ \u00a0\u202f\u2009.]"
_GROUPED_NUMBER = rf"[0-9]{{1,3}}(?P<sep>{_THOUSANDS_SEPARATOR})[0-9]{{3}}(?:(?P=sep)[0-9]{{3}})*(?:,[0-9]+)?"
# A dot followed by exactly three digits is a thousands separator ("20.000"), so a dot decimal
# is only read with one or two digits ("12.50 €", "1.5 M€").
_PLAIN_NUMBER = r"[0-9]+(?:,[0-9]+|\.[0-9]{1,2}(?![0-9]))?"
# Not in the middle of another number ("2023 40 000 €" must not start at "023"), and no
# leading zero: "000.000 €" is the tail of a malformed "1 000.000 €", not an amount of 0.
_NUMBER = rf"(?<![0-9.,])(?!0[0-9])(?P<number>{_GROUPED_NUMBER}|{_PLAIN_NUMBER})"

# Case matters for the letters: "M€" is millions, a lower-case "m" beside a number is metres.
# One group per power, so the value never depends on how the word was spelt or cased.
_MULTIPLIER = (
    r"(?:(?P<thousands>(?-i:k|K)|milliers?\s+d['’]\s*)"
    r"|(?P<billions>(?-i:Md)|milliards?(?:\s+d['’]\s*|\s+))"
    r"|(?P<millions>(?-i:M)|millions?(?:\s+d['’]\s*|\s+)))"
)
_CURRENCY = r"(?P<currency>€|euros?(?![a-zà-ÿ])|(?<![a-z])EUR(?![a-z]))"
_AMOUNT = rf"{_NUMBER}\s*(?:{_MULTIPLIER}\s*)?{_CURRENCY}"

_TAX_MARKER = r"(?:H\.?T\.?|T\.?T\.?C\.?)(?![a-zà-ÿ])"
_PER_YEAR = r"(?P<per_year>/\s*an(?:n[ée]e)?|par\s+an(?:n[ée]e)?|annuel(?:le)?s?)(?![a-zà-ÿ])"
# The amount's own qualifiers: an optional tax marker, then an optional "per year".
_QUALIFIERS = rf"(?:\s*{_TAX_MARKER})?(?:\s*{_PER_YEAR})?"

AMOUNT_RE = re.compile(_AMOUNT + _QUALIFIERS, re.IGNORECASE)
SINGLE_AMOUNT_RE = re.compile(rf"\s*{_AMOUNT}{_QUALIFIERS}\s*", re.IGNORECASE)
# A label is the short "pour …"/"par …" qualifier right after the amount.
LABEL_START_RE = re.compile(r"\s*(?P<label>(?:pour|par)(?=\s))", re.IGNORECASE)
# A label stops at the end of its clause: comma, semicolon, a sentence-ending dot, a line
# break, a bracket, or the leftover HTML tags of the annex tables ("</p>").
LABEL_END_RE = re.compile(r"[,;\n\r(<]|\.(?:\s|$)")
# A label cut at the next amount keeps the word that joined the two: "par l'ARS et 21 000 €".
LABEL_TRAILING_JOINER_RE = re.compile(r"\s+(?:et|ou|puis|\+)$", re.IGNORECASE)

_MULTIPLIER_VALUES = {"thousands": Decimal(1_000), "millions": Decimal(1_000_000), "billions": Decimal(10**9)}


class AmountParseError(ValueError):
    """The text is not one euro amount."""


@dataclass(frozen=True)
class Amount:
    amount_eur: Decimal
    label: str | None
    per_year: bool
    span: tuple[int, int]  # offsets of the number and its currency in the parsed text


def parse_amounts(text: str) -> list[Amount]:
    """Every euro amount in `text`, in order of appearance; [] when there is none."""
    matches = [m for m in AMOUNT_RE.finditer(text) if _number_value(m) is not None]
    amounts = []
    for index, match in enumerate(matches):
        next_start = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        amounts.append(_amount_from_match(match, text, next_start))
    return amounts


def parse_amount(text: str) -> Decimal:
    """The value of a text that is exactly one amount ("21 246,52 €", "1,5 M€ HT")."""
    match = SINGLE_AMOUNT_RE.fullmatch(text)
    value = _number_value(match) if match else None
    if value is None:
        raise AmountParseError(f"not a euro amount: {text!r}")
    return value


def _amount_from_match(match: re.Match, text: str, next_start: int) -> Amount:
    value = _number_value(match)
    assert value is not None  # parse_amounts only keeps readable matches
    return Amount(
        amount_eur=value,
        label=_label_after(text, match.end(), next_start),
        per_year=match.group("per_year") is not None,
        span=(match.start("number"), match.end("currency")),
    )


def _number_value(match: re.Match) -> Decimal | None:
    """Decimal value of the number times its multiplier; None when it cannot be read."""
    digits = match.group("number")
    separator = match.group("sep")
    if separator:
        digits = digits.replace(separator, "")
    try:
        value = Decimal(digits.replace(",", "."))
    except InvalidOperation:
        return None
    multiplier = _multiplier_value(match)
    if multiplier == 1:
        return value  # keeps the printed precision: "45000,00" stays Decimal("45000.00")
    return _drop_spurious_fraction(value * multiplier)


def _multiplier_value(match: re.Match) -> Decimal:
    for power, value in _MULTIPLIER_VALUES.items():
        if match.group(power):
            return value
    return Decimal(1)


def _drop_spurious_fraction(value: Decimal) -> Decimal:
    """1,5 M€ is Decimal("1500000"), not the Decimal("1500000.0") the product prints as."""
    integral = value.to_integral_value()
    return integral if value == integral else value.normalize()


def _label_after(text: str, position: int, next_amount_start: int) -> str | None:
    """The "pour …"/"par …" clause that starts right at `position`, or None."""
    start = LABEL_START_RE.match(text, position, next_amount_start)
    if start is None:
        return None
    end = LABEL_END_RE.search(text, start.start("label"), next_amount_start)
    label_end = end.start() if end else next_amount_start
    label = " ".join(text[start.start("label"):label_end].split())
    return LABEL_TRAILING_JOINER_RE.sub("", label) or None
