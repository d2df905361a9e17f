"""Acts: a compound PDF split into the acts it binds together, each read as a document of its own.

A procès-verbal followed by extracts of the délibérations it adopted, or a registre binding
several extracts, holds several acts, each with its own header (séance, attendance, ACTES stamp,
vote). An act starts on a page whose top carries an extract's title ("EXTRAIT DU REGISTRE DES
DÉLIBÉRATIONS", "DÉLIBÉRATION DU CONSEIL MUNICIPAL"), or whose ACTES stamp names another act
than the page before. Each act goes through segment → extract → resolve → validate on its own
(`split_acts`); `merge` then puts their records together: an item of the procès-verbal that an
extract also gives is kept once, from the extract, which prints more (its own attendance and stamp)."""
from __future__ import annotations

import re

from models import Anomaly, Deliberation
from pipeline.document import DocumentText
from pipeline.french.lexicon import fold
from pipeline.french.patterns import segment as P
from pipeline.stages.validate import Validated

TOP_LINES = 45  # an act's title stands among the first lines of its first page (a sidebar read first included)


def _act_number(lines: list[str]) -> str | None:
    """The act a page belongs to, digits only (OCR reads an id's "_" as a space or drops it): the
    internal number of its ACTES stamp id, else the number of a "Délibération n° ..." line."""
    text = "\n".join(lines)
    for regex in (P.STAMPED_ACT_NUMBER_RE, P.ACT_NUMBER_LINE_RE):
        m = regex.search(text)
        if m:
            return re.sub(r"\D", "", m["number"]) or None
    return None


def act_starts(doc: DocumentText) -> list[int]:
    """The pages (numbers in the PDF) where an act starts; the first page always does."""
    starts = [doc.first_page]
    current: str | None = None
    for page in doc.pages:
        lines = [doc.line_text(ln) for ln in doc.page_lines(page)]
        number = _act_number(lines)
        top = [text for ln, text in zip(doc.page_lines(page), lines) if not ln.style.running][:TOP_LINES]
        titled = any(P.ACT_TITLE_RE.match(line) for line in top)
        evidence = bool(P.ACT_HEADER_EVIDENCE_RE.search("\n".join(lines)))
        if page != doc.first_page and evidence and (titled or (number and number != current)):
            starts.append(page)
        if number:
            current = number
    return starts


def split_acts(doc: DocumentText) -> list[DocumentText]:
    starts = act_starts(doc)
    if len(starts) < 2:
        return [doc]
    ends = [s - 1 for s in starts[1:]] + [doc.first_page + doc.page_count - 1]
    return [doc.part(first, last) for first, last in zip(starts, ends)]


def _words(text: str | None) -> set[str]:
    return set(re.findall(r"[a-z0-9]{3,}", fold(text or "")))


def _digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")


def act_numbers(extract: Deliberation) -> set[str]:
    """The digits an extract is known by: its printed numero, and the internal number of its ACTES id
    ("007-210701280-20231211-2023_033_A-DE" -> "2023033": an extract printing only "N°033")."""
    numbers = {_digits(extract.numero)}
    if extract.stamp.acte_id is not None:
        numbers.add(_digits(extract.stamp.acte_id.number))
    return {n for n in numbers if n}


def referenced_numbers(item: Deliberation, text: str | None) -> set[str]:
    """The délibérations an item of the minutes names ("Délibération n° 2023_034_D (Voir annexe)"): its
    numero, and every number named in its text."""
    numbers = {_digits(item.numero)}
    span = item.provenance.get("item")
    if text is not None and span is not None:
        numbers |= {_digits(m["number"]) for m in P.DELIBERATION_REFERENCE_RE.finditer(text, span.char_start, span.char_end)}
    return {n for n in numbers if n}


def _same_deliberation(item: Deliberation, extract: Deliberation, text: str | None = None) -> bool:
    if referenced_numbers(item, text) & act_numbers(extract):
        return True
    wa, wb = _words(item.objet), _words(extract.objet)
    return bool(wa and wb) and len(wa & wb) >= 0.6 * min(len(wa), len(wb))


def _completed(extract: Deliberation, item: Deliberation) -> Deliberation:
    """An extract silent on its title or on unanimity takes them from the minutes' item it gives
    (the minutes say "Le conseil approuve à l'unanimité ...", the extract only prints the counts)."""
    update = {}
    if extract.objet is None and item.objet is not None:
        update["objet"] = item.objet
        update["provenance"] = extract.provenance | {"objet": item.provenance["objet"]} if "objet" in item.provenance else extract.provenance
    if extract.vote.unanimous is None and item.vote.unanimous is not None:
        update["vote"] = extract.vote.model_copy(update={"unanimous": item.vote.unanimous})
    return extract.model_copy(update=update) if update else extract


# share of an item's title words an extract's text must print for the item to give an extract that
# prints no title of its own (its "Objet" line goes straight into the exposé)
TITLE_WORDS_IN_EXTRACT = 0.8


def _title_words_in(item: Deliberation, extract: Deliberation, text: str | None) -> float:
    """The share of the item's title words that the extract's own text prints."""
    span = extract.provenance.get("item")
    words = _words(item.objet)
    if not words or text is None or span is None:
        return 0.0
    return len(words & _words(text[span.char_start : span.char_end])) / len(words)


def items_giving(extracts: list[Deliberation], items: list[Deliberation], text: str | None) -> dict[int, Deliberation | None]:
    """For each extract (by id), the item of the minutes that gives it: the item naming its number
    ("Délibération n° 2023_034_D (Voir annexe)"); where minutes name one number in two items (a
    misprint), the one whose title the extract's text prints; else an item with the extract's title;
    else, for an extract printing no title, the item not yet given whose title its text prints."""
    given: dict[int, Deliberation | None] = {}
    for extract in extracts:
        claimants = [d for d in items if referenced_numbers(d, text) & act_numbers(extract)]
        if len(claimants) > 1:
            claimants.sort(key=lambda d: -_title_words_in(d, extract, text))
        given[id(extract)] = claimants[0] if claimants else next((d for d in items if _same_deliberation(d, extract)), None)
    taken = {id(d) for d in given.values() if d is not None}
    for extract in extracts:
        if given[id(extract)] is not None or extract.objet is not None:
            continue
        share, best = max(((_title_words_in(d, extract, text), d) for d in items if id(d) not in taken),
                          key=lambda scored: scored[0], default=(0.0, None))
        if best is not None and share >= TITLE_WORDS_IN_EXTRACT:
            given[id(extract)] = best
            taken.add(id(best))
    return given


def merge(parts: list[Validated], text: str | None = None) -> Validated:
    """The records of every act in one result; the séance is the first act's, completed by the
    others; an item of a procès-verbal also given by an extract is kept from the extract, which
    takes from it what it does not print. `text`: the whole document's text (items name their
    extracts by number there)."""
    if len(parts) == 1:
        return parts[0]
    seance = parts[0].seance.model_copy()
    for part in parts[1:]:
        for name, value in part.seance:
            if getattr(seance, name) is None and value is not None:
                setattr(seance, name, value)
    provenance = dict(parts[0].seance_provenance)
    for part in parts[1:]:
        for name, value in part.seance_provenance.items():
            provenance.setdefault(name, value)
    extracts = [d for part in parts[1:] for d in part.deliberations]
    items = parts[0].deliberations if len(parts[0].deliberations) > 1 else []  # the procès-verbal's items
    given = items_giving(extracts, items, text)
    merged = Validated(seance, provenance)
    for number, part in enumerate(parts):
        keep = part.deliberations
        if number == 0 and items:
            taken = {id(d) for d in given.values() if d is not None}
            keep = [d for d in items if id(d) not in taken]
        else:
            keep = [_completed(d, given[id(d)]) if given.get(id(d)) is not None else d for d in keep]
        renumber = {d.index: len(merged.deliberations) + i for i, d in enumerate(keep)}
        for d in keep:
            merged.deliberations.append(d.model_copy(update={"index": renumber[d.index]}))
        for anomaly in part.anomalies:
            if anomaly.deliberation_index is None:
                merged.anomalies.append(anomaly)
            elif anomaly.deliberation_index in renumber:
                merged.anomalies.append(Anomaly(check_name=anomaly.check_name, message=anomaly.message,
                                                deliberation_index=renumber[anomaly.deliberation_index]))
        for agreement in part.agreements:
            index = agreement.deliberation_index
            merged.agreements.append(agreement.model_copy(update={"deliberation_index": renumber.get(index) if index is not None else None}))
    return merged
