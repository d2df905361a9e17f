"""Persons across séances: the printed variants of one elected member's name get one person_id.

A council's minutes spell the same member many ways: "Éric BOSSER" and "Eric BOSSER",
"NIGGEL Muriel" and "Muriel NIGGEL", "Gurvan KERLOC’H" and "Gurvan KERLOC'H", "LEBLANC" for
"Michel LEBLANC", "C.FOROT" for "Christine FOROT". Two members who share a surname
("Éric BOSSER", "Pierre-Marie BOSSER") stay two, and a surname or an initial that could stand for
either of them is merged with neither. Every merge is recorded with the rule that made it.

The pure part (`parse_name`, `explain_difference`, `cluster_names`) knows nothing of DuckDB;
`rebuild_persons(con)` recomputes the `persons` table and the person_id columns from the rows
the documents wrote, so it is idempotent and a re-ingested or deleted document leaves nothing stale."""
from __future__ import annotations

import functools
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import duckdb
import pyarrow as pa

from pipeline.french.lexicon import fold as fold_accents
from pipeline.french.names import clean_name
from pipeline.store.schema import MIGRATIONS, SCHEMA

# --- reading one name ---------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({c: "'" for c in "’‘`´ʼ′"})
_DASHES_RE = re.compile(r"\s*[‐‑‒–—−-]+\s*")
_WORD_SPLIT_RE = re.compile(r"[\s.\-]+")
# "C.FOROT", "C. FOROT", "J.-P. MARTIN", "J.P.MARTIN": the given name abbreviated to initials
_INITIALS_RE = re.compile(r"^(?P<initials>(?:[A-ZÀ-Þ]\s*\.\s*-?\s*){1,3})(?P<rest>[^\W\d_].*)$")
# particles that belong to the surname that follows them ("Henri de VERBIZIER")
_PARTICLES = frozenset({"de", "du", "des", "d", "le", "la", "les", "van", "von", "der", "den", "di", "da", "dos", "del", "el", "ben"})
# words that make a role, not a person ("Monsieur le Maire", "l'Adjoint délégué"); a string made only
# of these (and particles) names nobody
_ROLE_WORDS = frozenset({
    "monsieur", "madame", "mademoiselle", "m", "mme", "mr", "maire", "adjoint", "adjointe", "adjoints", "president",
    "presidente", "vice", "secretaire", "conseiller", "conseillere", "conseillers", "municipal", "municipale",
    "municipaux", "delegue", "deleguee", "rapporteur", "rapporteure", "commission", "conseil", "l",
})
MAX_WORDS = 6


def fold(word: str) -> str:
    """Case, accents and punctuation dropped: 'KERLOC’H' -> 'kerloch', 'BALAŸ' -> 'balay'."""
    return "".join(c for c in fold_accents(word) if c.isalnum())


def _is_upper(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True)
class ParsedName:
    """One printed name, cut into given name and surname where the printing says which is which
    (the surname is the word in capitals)."""

    text: str                       # as printed, civilité and titles removed, marks normalised
    kind: str                       # full | initials | surname | unsplit | single
    given: tuple[str, ...] = ()     # folded words of the given name
    surname: tuple[str, ...] = ()   # folded words of the surname
    initials: tuple[str, ...] = ()  # folded initials standing for the given name
    words: tuple[str, ...] = ()     # every folded word in printed order
    given_text: str = ""
    surname_text: str = ""

    @property
    def key(self) -> tuple[str, ...]:
        """Equal for names that differ only by case, accents, punctuation, spacing or word order."""
        return (self.kind == "initials" and "initials" or "name",) + tuple(sorted(self.words))

    @property
    def display(self) -> str:
        """'Prénom NOM' when the printing tells them apart, else the name as printed."""
        if self.kind == "full":
            return f"{self.given_text} {self.surname_text}"
        return self.text


def _normalise_marks(text: str) -> str:
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES)
    text = _DASHES_RE.sub("-", text)  # "ROUVIER – COROUGE" -> "ROUVIER-COROUGE"
    return " ".join(text.split())


def _raw_words(text: str) -> list[str]:
    return [w for w in _WORD_SPLIT_RE.split(text) if fold(w)]


@functools.lru_cache(maxsize=65536)  # the same spellings recur in every council
def parse_name(raw: str | None) -> ParsedName | None:
    """The name's parts, or None when the string names nobody (empty, a role, a number)."""
    if not raw:
        return None
    text = _normalise_marks(clean_name(raw, reorder=False))  # the order is read below, from the case
    if not text or re.search(r"\d|@", text):
        return None
    words = _raw_words(text)
    folded = tuple(fold(w) for w in words)
    if not words or len(words) > MAX_WORDS or all(w in _ROLE_WORDS or w in _PARTICLES for w in folded):
        return None
    initials = _INITIALS_RE.match(text)
    if initials and _raw_words(initials["rest"]) and all(_is_upper(w) for w in _raw_words(initials["rest"])):
        letters = tuple(fold(c) for c in initials["initials"] if c.isalpha())
        rest = _raw_words(initials["rest"])
        return ParsedName(text, "initials", initials=letters, surname=tuple(fold(w) for w in rest),
                          words=letters + tuple(fold(w) for w in rest), surname_text=" ".join(rest))
    printed = text.split()  # whitespace words keep hyphenated names whole ("Jean-Pierre", "VAN-PRAET")
    upper = [_is_upper(w) for w in printed]
    # a lower-case particle goes with the capitalised surname after it ("Henri de VERBIZIER")
    for i in range(len(printed) - 2, -1, -1):
        if fold(printed[i]) in _PARTICLES and printed[i].islower() and upper[i + 1]:
            upper[i] = True
    if any(upper) and not all(upper):
        given = [w for w, u in zip(printed, upper) if not u]
        surname = [w for w, u in zip(printed, upper) if u]
        return ParsedName(
            text, "full", given=_folded_words(given), surname=_folded_words(surname), words=folded,
            given_text=" ".join(given), surname_text=" ".join(surname),
        )
    if len(words) == 1:
        return ParsedName(text, "surname" if upper[0] else "single", surname=folded if upper[0] else (),
                          words=folded, surname_text=text if upper[0] else "")
    return ParsedName(text, "unsplit", words=folded)


def _folded_words(printed: list[str]) -> tuple[str, ...]:
    return tuple(fold(w) for w in _raw_words(" ".join(printed)))


# --- why two spellings are one name --------------------------------------------------------------

_STEPS = ("civilité or title", "case", "accents", "punctuation or spacing", "word order")


def _normal_form(raw: str, skip: str | None = None) -> tuple[str, ...]:
    text = raw if skip == "civilité or title" else clean_name(raw, reorder=False)
    if skip != "case":
        text = text.casefold()
    if skip != "accents":
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    if skip == "punctuation or spacing":
        words = text.split(" ")
    else:
        words = [re.sub(r"\W", "", w) for w in _WORD_SPLIT_RE.split(_normalise_marks(text))]
        words = [w for w in words if w]
    return tuple(words if skip == "word order" else sorted(words))


def explain_difference(a: str, b: str) -> list[str]:
    """What tells two spellings of one name apart: each normalisation without which they would
    differ ('Éric BOSSER' vs 'Eric BOSSER' -> ['accents'])."""
    if a == b:
        return []
    return [step for step in _STEPS if _normal_form(a, step) != _normal_form(b, step)] or ["spacing"]


# --- clustering the names of one council ---------------------------------------------------------

@dataclass
class Variant:
    name: str
    mentions: int
    rule: str  # why this spelling is this person ('canonical' for the display name's own)

    def as_dict(self) -> dict:
        return {"name": self.name, "mentions": self.mentions, "rule": self.rule}


@dataclass
class Person:
    person_id: str
    council_key: str
    display_name: str
    given_name: str | None
    surname: str | None
    variants: list[Variant] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def mentions(self) -> int:
        return sum(v.mentions for v in self.variants)


@dataclass
class _Group:
    """Spellings that are one name up to case, accents, punctuation and word order."""

    names: dict[str, ParsedName]
    mentions: Mapping[str, int]
    attached: list[tuple["_Group", str]] = field(default_factory=list)  # (group, rule) merged into this one
    notes: list[str] = field(default_factory=list)

    @functools.cached_property
    def best(self) -> ParsedName:
        """(Cached: a group's names are all known before anything asks.)"""
        return min(self.names.values(), key=self._rank)

    def _rank(self, p: ParsedName) -> tuple:
        """Fullest form first, then the most printed spelling; on a tie, 'Prénom NOM' order, then
        the spelling with more accents, hyphens and apostrophes (capitals and text layers lose
        them more often than they invent them: 'NOEL' for 'NOËL', 'Jean Luc' for 'Jean-Luc')."""
        kinds = ("full", "initials", "unsplit", "surname", "single")
        accents = sum(1 for c in p.text if ord(c) > 127 or c in "-'")
        total = sum(self.mentions[n] for n, q in self.names.items() if q.text == p.text)
        surname_first = p.kind == "full" and p.words[: len(p.surname)] == p.surname and p.given != p.surname
        return (kinds.index(p.kind), -total, surname_first, -accents, p.text)

    def canonical(self) -> str:
        """The printed string of the best form (the one printed most cleanly when several fold to it)."""
        best = self.best
        return min((n for n, p in self.names.items() if p.text == best.text),
                   key=lambda n: (_normalise_marks(n) != n, -self.mentions[n], n))

    @property
    def kind(self) -> str:
        return self.best.kind

    @property
    def count(self) -> int:
        return sum(self.mentions[n] for n in self.names)

    def label(self) -> str:
        return self.best.display


def _has_surname(group: _Group, surname: tuple[str, ...]) -> bool:
    best = group.best
    if best.kind in ("full", "initials"):
        # a member known under a compound surname and a part of it answers to both
        return best.surname == surname or any(a.best.kind == "full" and a.best.surname == surname for a, _ in _attached_all(group))
    if best.kind == "unsplit":  # no capitals to tell: the surname ends or starts the name
        n = len(surname)
        return n < len(best.words) and (best.words[-n:] == surname or best.words[:n] == surname)
    return False


def _given_words(group: _Group, surname: tuple[str, ...]) -> tuple[str, ...]:
    best = group.best
    if best.kind == "full":
        return best.given
    n = len(surname)
    return best.words[:-n] if best.words[-n:] == surname else best.words[n:]


def _contains(longer: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """`part` is a proper run of words of `longer` ('knapnougel' in 'hopital knapnougel')."""
    n = len(part)
    return 0 < n < len(longer) and any(longer[i:i + n] == part for i in range(len(longer) - n + 1))


def _initials_match(initials: tuple[str, ...], given: tuple[str, ...]) -> bool:
    return len(given) >= len(initials) and all(g.startswith(i) for i, g in zip(initials, given))


def _attach(target: _Group, group: _Group, rule: str) -> None:
    target.attached.append((group, rule))


def cluster_names(council_key: str, mentions: Mapping[str, int]) -> tuple[list[Person], dict[str, str]]:
    """The persons of one council from its printed names (name -> number of mentions), and the
    person_id of every name that names someone. Deterministic: the result depends only on the
    set of names and their counts, never on their order."""
    groups: dict[tuple, _Group] = {}
    for name in sorted(mentions):
        parsed = parse_name(name)
        if parsed is None:
            continue
        groups.setdefault(parsed.key, _Group({}, mentions)).names[name] = parsed
    ordered = [groups[k] for k in sorted(groups)]
    named = [g for g in ordered if g.kind in ("full", "unsplit")]
    taken: set[int] = set()

    # Part of a compound surname: "Anne-Louise KNAPNOUGEL" is Anne-Louise HOPITAL-KNAPNOUGEL when she
    # is the only Anne-Louise whose surname holds KNAPNOUGEL.
    full_by_given: dict[tuple[str, ...], list[_Group]] = defaultdict(list)
    for group in ordered:
        if group.kind == "full":
            full_by_given[group.best.given].append(group)
    for group in (g for g in ordered if g.kind == "full"):
        best = group.best
        candidates = [g for g in full_by_given[best.given] if g is not group and id(g) not in taken
                      and _contains(g.best.surname, best.surname)]
        if len(candidates) == 1:
            longer = candidates[0].best
            _attach(candidates[0], group, f"part of a compound surname: {best.surname_text} in {longer.surname_text}, "
                                          f"same given name, the only such member of this council")
            taken.add(id(group))
        elif candidates:
            group.notes.append(f"surname part of several members' compound surnames, merged with none: "
                               f"{', '.join(sorted(g.label() for g in candidates))}")

    # Initials: "C.FOROT" is Christine FOROT when she is the only FOROT whose given name starts with C.
    for group in (g for g in ordered if g.kind == "initials"):
        best = group.best
        candidates = [g for g in named if id(g) not in taken and _has_surname(g, best.surname) and _initials_match(best.initials, _given_words(g, best.surname))]
        if len(candidates) == 1:
            _attach(candidates[0], group, f"initials: {best.text} = {candidates[0].label()}, "
                                          f"the only member of this council they fit")
            taken.add(id(group))
        elif candidates:
            group.notes.append(f"initials fit several members, merged with none: {', '.join(sorted(g.label() for g in candidates))}")

    # A surname alone: "LEBLANC" is Michel LEBLANC when he is the only LEBLANC of the council.
    for group in (g for g in ordered if g.kind in ("surname", "single", "unsplit") and id(g) not in taken):
        best = group.best
        if best.kind == "unsplit" and not all(_is_upper(w) for w in _raw_words(best.text)):
            continue  # "Véronique Madec": a full name whose surname is not marked, not a surname alone
        surname = best.words
        candidates = [g for g in named if g is not group and id(g) not in taken and _has_surname(g, surname)]
        rule = "surname alone, the only member of this council with that surname"
        if best.kind == "single":
            # One word not in capitals may be a given name ("Mathieu"): only a surname no member has as given name.
            if any(surname[0] in _given_words(g, _surname_of(g)) for g in named if _surname_of(g)):
                continue
            rule = "one word, the surname of exactly one member of this council"
        if not candidates:
            candidates = [g for g in ordered if g.kind == "initials" and id(g) not in taken and g.best.surname == surname]
            rule = "surname alone, the only member of this council with that surname (known by initials)"
        if len(candidates) == 1:
            _attach(candidates[0], group, rule)
            taken.add(id(group))
        elif candidates:
            group.notes.append(f"surname shared by several members, merged with none: {', '.join(sorted(g.label() for g in candidates))}")

    persons: list[Person] = []
    person_of: dict[str, str] = {}
    for group in ordered:
        if id(group) in taken:
            continue
        person = _person(council_key, group)
        persons.append(person)
        for v in person.variants:
            person_of[v.name] = person.person_id
    return persons, person_of


def _surname_of(group: _Group) -> tuple[str, ...]:
    best = group.best
    if best.kind == "full":
        return best.surname
    return best.words[-1:] if best.kind == "unsplit" else ()


def person_id_for(council_key: str, parsed: ParsedName) -> str:
    """Derived from the council and the canonical name only: the same names give the same ids
    whatever the order documents were ingested in."""
    return hashlib.sha256(f"{council_key}\x1f{' '.join(parsed.key)}".encode()).hexdigest()[:16]


def _attached_all(group: _Group) -> list[tuple[_Group, str]]:
    """Groups merged into this one, and those merged into them ("LE MOENNER" into "COSQUER LE
    MOENNER" after "MOENNER" into "LE MOENNER")."""
    found = []
    for attached, rule in group.attached:
        found.append((attached, rule))
        found.extend(_attached_all(attached))
    return found


def _person(council_key: str, group: _Group) -> Person:
    best = group.best
    canonical = group.canonical()
    person = Person(
        person_id_for(council_key, best), council_key, best.display,
        best.given_text or None if best.kind == "full" else None,
        best.surname_text or None if best.kind in ("full", "initials", "surname") else None,
        notes=list(group.notes),
    )
    for name in sorted(group.names, key=lambda n: (n != canonical, n)):
        rule = "canonical" if name == canonical else "same name up to " + ", ".join(explain_difference(name, canonical))
        person.variants.append(Variant(name, group.mentions[name], rule))
    for attached, rule in _attached_all(group):
        head = attached.canonical()
        for name in sorted(attached.names, key=lambda n: (n != head, n)):
            extra = "" if name == head else f" ({head} up to {', '.join(explain_difference(name, head))})"
            person.variants.append(Variant(name, attached.mentions[name], rule + extra))
    return person


# --- councils ------------------------------------------------------------------------------------

_COLLECTIVITE_PREFIX_RE = re.compile(
    r"^(?:(?:commune|ville|mairie|municipalit[ée]|conseil\s+municipal)(?:\s+nouvelle)?\s+(?:de\s+la|de\s+l'|de|du|des|d')\s*)+", re.I,
)


def fold_collectivite(name: str | None) -> str:
    """'Commune de Flaux', 'MAIRIE DE FLAUX' and 'Flaux' -> 'flaux'."""
    if not name:
        return ""
    text = _COLLECTIVITE_PREFIX_RE.sub("", _normalise_marks(name).strip())
    return fold(text)


def council_keys(seances: Iterable[tuple[str, str | None, str | None, Iterable[str]]]) -> dict[str, str]:
    """seance_id -> the key of its council, from (seance_id, collectivite, siren, ACTES sirens of its
    délibérations): the séance's SIREN, else the one SIREN its délibérations' stamps carry, else
    the one SIREN another séance of the same name has, else the folded name, else the séance alone."""
    seances = list(seances)
    siren_of: dict[str, str | None] = {}
    sirens_by_name: dict[str, set[str]] = defaultdict(set)
    for seance_id, collectivite, siren, acte_sirens in seances:
        stamped = {s for s in acte_sirens if s}
        siren_of[seance_id] = siren or (stamped.pop() if len(stamped) == 1 else None)
        if siren_of[seance_id] and fold_collectivite(collectivite):
            sirens_by_name[fold_collectivite(collectivite)].add(siren_of[seance_id])
    keys = {}
    for seance_id, collectivite, _, _ in seances:
        name = fold_collectivite(collectivite)
        known = sirens_by_name.get(name, set())
        keys[seance_id] = siren_of[seance_id] or (next(iter(known)) if len(known) == 1 else None) or name or f"seance:{seance_id}"
    return keys


# --- the store: persons table and person_id columns ----------------------------------------------

# (table, name column, person_id column); declared in store.schema with the persons table (and its
# MIGRATIONS for databases created before persons existed).
PERSON_COLUMNS = (
    ("attendance", "person", "person_id"),
    ("attendance", "proxy", "proxy_person_id"),
    ("vote_names", "person", "person_id"),
    ("deliberations", "rapporteur", "rapporteur_person_id"),
    ("seances", "president", "president_person_id"),
    ("seances", "secretaire", "secretaire_person_id"),
)
# every printed name with its séance; a séance's own names count only while a délibération of it
# is loaded (séance rows outlive the documents deleted from under them)
_NAMES_SQL = """
WITH live AS (SELECT DISTINCT seance_id FROM deliberations),
named AS (
    SELECT d.seance_id, a.person AS name FROM attendance a JOIN deliberations d USING (deliberation_id)
    UNION ALL SELECT d.seance_id, a.proxy FROM attendance a JOIN deliberations d USING (deliberation_id)
    UNION ALL SELECT d.seance_id, v.person FROM vote_names v JOIN deliberations d USING (deliberation_id)
    UNION ALL SELECT seance_id, rapporteur FROM deliberations
    UNION ALL SELECT seance_id, president FROM seances WHERE seance_id IN (SELECT seance_id FROM live)
    UNION ALL SELECT seance_id, secretaire FROM seances WHERE seance_id IN (SELECT seance_id FROM live)
)
SELECT seance_id, name, count(*) FROM named WHERE name IS NOT NULL AND seance_id IS NOT NULL GROUP BY ALL
"""
_SEANCES_SQL = """
SELECT l.seance_id, s.collectivite, s.siren, list(DISTINCT d.acte_siren) FILTER (WHERE d.acte_siren IS NOT NULL)
FROM (SELECT DISTINCT seance_id FROM deliberations WHERE seance_id IS NOT NULL) l
LEFT JOIN seances s USING (seance_id) LEFT JOIN deliberations d ON d.seance_id = l.seance_id
GROUP BY ALL
"""


def ensure_person_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Databases created before persons existed get the table and the columns (idempotent)."""
    con.execute(SCHEMA)
    for migration in MIGRATIONS:
        con.execute(migration)


def seance_councils(con: duckdb.DuckDBPyConnection) -> tuple[dict[str, str], dict[str, str]]:
    """(seance_id -> council key, council key -> its most printed collectivité name) for every
    séance with a délibération loaded. Reads only."""
    seances = con.execute(_SEANCES_SQL).fetchall()
    keys = council_keys((sid, coll, siren, sirens or []) for sid, coll, siren, sirens in seances)
    label_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for sid, coll, _, _ in seances:
        if coll:
            label_counts[keys[sid]][coll] += 1
    labels = {k: max(sorted(c), key=lambda n: c[n]) for k, c in label_counts.items()}
    return keys, labels


def compute_persons(con: duckdb.DuckDBPyConnection) -> tuple[list[Person], dict[str, str], list[tuple[str, str, str]], dict[str, str]]:
    """Read-only part of the rebuild: (persons, seance_id -> council key, (council key, name,
    person_id) rows, council key -> its most printed collectivité name)."""
    keys, labels = seance_councils(con)
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for sid, name, count in con.execute(_NAMES_SQL).fetchall():
        mentions[keys.get(sid, f"seance:{sid}")][name] += count
    persons, name_rows = [], []
    for council in sorted(mentions):
        council_persons, person_of = cluster_names(council, mentions[council])
        persons.extend(council_persons)
        name_rows.extend((council, name, pid) for name, pid in sorted(person_of.items()))
    return persons, keys, name_rows, labels


def rebuild_persons(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute the persons table and every person_id column from the rows in the database, in
    one transaction; returns the number of persons."""
    ensure_person_columns(con)
    persons, keys, name_rows, labels = compute_persons(con)
    seance_councils = pa.table({"seance_id": list(keys), "council_key": list(keys.values())}, schema=pa.schema(
        [("seance_id", pa.string()), ("council_key", pa.string())]))
    names = pa.table({k: list(v) for k, v in zip(("council_key", "name", "person_id"), zip(*name_rows))} if name_rows
                     else {"council_key": [], "name": [], "person_id": []},
                     schema=pa.schema([("council_key", pa.string()), ("name", pa.string()), ("person_id", pa.string())]))
    person_rows = pa.table({
        "person_id": [p.person_id for p in persons],
        "collectivite_key": [p.council_key for p in persons],
        "collectivite": [labels.get(p.council_key) for p in persons],
        "display_name": [p.display_name for p in persons],
        "given_name": [p.given_name for p in persons],
        "surname": [p.surname for p in persons],
        "variants": [json.dumps([v.as_dict() for v in p.variants], ensure_ascii=False) for p in persons],
        "notes": ["; ".join(p.notes) or None for p in persons],
    }, schema=pa.schema([(c, pa.string()) for c in ("person_id", "collectivite_key", "collectivite", "display_name",
                                                      "given_name", "surname", "variants", "notes")]))
    con.execute("BEGIN TRANSACTION")
    try:
        con.register("_seance_councils", seance_councils)
        con.register("_person_names", names)
        con.register("_person_rows", person_rows)
        _write_person_ids(con)
        _write_persons_table(con)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    finally:
        for view in ("_seance_councils", "_person_names", "_person_rows"):
            con.unregister(view)
    return len(persons)


def _write_person_ids(con: duckdb.DuckDBPyConnection) -> None:
    for table, name_column, id_column in PERSON_COLUMNS:
        con.execute(f"UPDATE {table} SET {id_column} = NULL WHERE {id_column} IS NOT NULL")
        if table in ("attendance", "vote_names"):
            con.execute(f"""
                UPDATE {table} SET {id_column} = n.person_id
                FROM deliberations d, _seance_councils s, _person_names n
                WHERE {table}.deliberation_id = d.deliberation_id AND d.seance_id = s.seance_id
                  AND n.council_key = s.council_key AND n.name = {table}.{name_column}""")
        else:
            con.execute(f"""
                UPDATE {table} SET {id_column} = n.person_id FROM _seance_councils s, _person_names n
                WHERE {table}.seance_id = s.seance_id AND n.council_key = s.council_key AND n.name = {table}.{name_column}""")


def _write_persons_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("DELETE FROM persons")
    con.execute("""
        INSERT INTO persons BY NAME
        WITH appearances AS (
            SELECT a.person_id, d.seance_id FROM attendance a JOIN deliberations d USING (deliberation_id)
            UNION ALL SELECT a.proxy_person_id, d.seance_id FROM attendance a JOIN deliberations d USING (deliberation_id)
            UNION ALL SELECT v.person_id, d.seance_id FROM vote_names v JOIN deliberations d USING (deliberation_id)
            UNION ALL SELECT rapporteur_person_id, seance_id FROM deliberations
            UNION ALL SELECT president_person_id, seance_id FROM seances WHERE seance_id IN (SELECT seance_id FROM deliberations)
            UNION ALL SELECT secretaire_person_id, seance_id FROM seances WHERE seance_id IN (SELECT seance_id FROM deliberations)
        ),
        seen AS (
            SELECT p.person_id, count(*) AS mentions, count(DISTINCT p.seance_id) AS seances,
                   min(s.seance_date) AS first_seance, max(s.seance_date) AS last_seance
            FROM appearances p LEFT JOIN seances s USING (seance_id) WHERE p.person_id IS NOT NULL GROUP BY ALL
        ),
        statuses AS (
            SELECT person_id, count(*) FILTER (WHERE status = 'present') AS present,
                   count(*) FILTER (WHERE status = 'represented') AS represented,
                   count(*) FILTER (WHERE status = 'absent') AS absent
            FROM attendance WHERE person_id IS NOT NULL GROUP BY ALL
        ),
        held AS (SELECT proxy_person_id AS person_id, count(*) AS proxies_held FROM attendance
                 WHERE proxy_person_id IS NOT NULL AND status = 'represented' GROUP BY ALL),
        voted AS (SELECT person_id, count(*) AS named_in_votes FROM vote_names WHERE person_id IS NOT NULL GROUP BY ALL),
        reported AS (SELECT rapporteur_person_id AS person_id, count(*) AS rapporteur FROM deliberations
                     WHERE rapporteur_person_id IS NOT NULL GROUP BY ALL)
        SELECT r.*, coalesce(seen.mentions, 0) AS mentions, coalesce(seen.seances, 0) AS seances,
               seen.first_seance, seen.last_seance, coalesce(statuses.present, 0) AS present,
               coalesce(statuses.represented, 0) AS represented, coalesce(statuses.absent, 0) AS absent,
               coalesce(held.proxies_held, 0) AS proxies_held, coalesce(voted.named_in_votes, 0) AS named_in_votes,
               coalesce(reported.rapporteur, 0) AS rapporteur
        FROM _person_rows r LEFT JOIN seen USING (person_id) LEFT JOIN statuses USING (person_id)
        LEFT JOIN held USING (person_id) LEFT JOIN voted USING (person_id) LEFT JOIN reported USING (person_id)
        ORDER BY r.collectivite_key, r.display_name""")


def summary(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Lines saying, per collectivité, how many persons and printed spellings there are, how many
    spellings were merged by each rule, and what was kept apart."""
    lines = []
    rows = con.execute("SELECT collectivite_key, collectivite, variants, notes, display_name FROM persons "
                       "ORDER BY collectivite_key, display_name").fetchall()
    by_council: dict[str, list] = defaultdict(list)
    for row in rows:
        by_council[row[0]].append(row)
    for key, persons in sorted(by_council.items(), key=lambda kv: -len(kv[1])):
        rules: dict[str, int] = defaultdict(int)
        spellings = 0
        for _, _, variants, _, _ in persons:
            for v in json.loads(variants):
                spellings += 1
                if v["rule"] != "canonical":
                    rules[v["rule"].split(":")[0].split(" (")[0].split(", the only")[0]] += 1
        merged = ", ".join(f"{n} {rule}" for rule, n in sorted(rules.items(), key=lambda kv: -kv[1])) or "none"
        lines.append(f"{persons[0][1] or key} [{key}]: {len(persons)} persons, {spellings} spellings; merged: {merged}")
        lines.extend(f"    kept apart: {name}: {notes}" for _, _, _, notes, name in persons if notes)
    return lines


if __name__ == "__main__":  # python -m pipeline.store.persons DB: (re)build persons in an existing database
    import sys

    connection = duckdb.connect(sys.argv[1])
    print(f"{rebuild_persons(connection)} persons in {sys.argv[1]}")
    print("\n".join(summary(connection)))
    connection.close()
