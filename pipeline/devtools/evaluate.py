"""Compare pipeline output with hand-checked gold records (../shared/corpus/*/gold/*.json).

Per field: a gold value read back exactly is a true positive; a wrong value is a false
positive and a false negative; a value where the gold says null is a false positive; a missing
value where the gold has one is a false negative. Fields the gold marks `uncertain` are not
scored. Attendance is scored per person (and per proxy holder)."""
from __future__ import annotations

import csv
import json
import re
import unicodedata
from collections import Counter as Multiset, defaultdict
from decimal import Decimal, InvalidOperation
from dataclasses import dataclass, field
from pathlib import Path

from models import AttendanceStatus, Deliberation, DocumentResult, DocumentStatus

RECORD_FIELDS = ["records"]
SCALAR_FIELDS = [
    "collectivite", "seance_date", "convocation_date", "president", "secretaire", "members_in_office",
    "numero", "item_number", "objet", "rapporteur", "acte_id", "prefecture_sent", "prefecture_received",
    "published", "votes.pour", "votes.contre", "votes.abstention", "votes.non_participation", "unanimous",
    "outcome", "commission.name", "commission.date", "commission.avis",
]
PERSON_FIELDS = ["attendance.present", "attendance.represented", "attendance.absent", "attendance.proxy"]
ACTION_FIELDS = ["number", "axe", "name", "status", "owner", "calendar.start", "calendar.end"]
ANNEX_FIELDS = [f"actions.{f.replace('calendar.', 'calendar_')}" for f in ACTION_FIELDS] + ["actions.amounts", "mesures"]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass
class Report:
    fields: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_source: dict[str, dict[str, Counts]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Counts)))
    errors: list[str] = field(default_factory=list)
    mismatches: list[str] = field(default_factory=list)
    show: set[str] = field(default_factory=set)
    records: int = 0
    matched: int = 0

    def add(self, source: str, name: str, tp: int = 0, fp: int = 0, fn: int = 0) -> None:
        for counts in (self.fields[name], self.by_source[source][name]):
            counts.tp += tp
            counts.fp += fp
            counts.fn += fn

    def macro_f1(self, fields: dict[str, Counts] | None = None) -> float:
        scored = [c.f1 for c in (fields or self.fields).values() if c.tp + c.fp + c.fn]
        return sum(scored) / len(scored) if scored else 0.0

    def attendance_f1(self) -> float:
        total = Counts()
        for name in ("attendance.present", "attendance.represented", "attendance.absent"):
            c = self.fields.get(name, Counts())
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total.f1


def normalise(value) -> str | None:
    if value is None:
        return None
    text = str(value)
    text = text.replace("’", "'").replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    text = unicodedata.normalize("NFC", " ".join(text.split())).casefold()
    text = re.sub(r"\s*-[\s-]*", "-", text)  # "ROUVIER – COROUGE" / "ROUVIER-COROUGE", "M57– Décision" / "M57 – Décision"
    return text.rstrip(" .")


def predicted_record(result: DocumentResult, d: Deliberation) -> dict:
    s = result.seance
    return {
        "file": Path(result.source_path).name,
        "collectivite": s.collectivite, "seance_date": s.seance_date, "convocation_date": s.convocation_date,
        "president": s.president, "secretaire": s.secretaire, "members_in_office": s.members_in_office,
        "numero": d.numero, "item_number": d.item_number, "objet": d.objet, "rapporteur": d.rapporteur,
        "acte_id": d.stamp.acte_id.value if d.stamp.acte_id else None,
        "prefecture_sent": d.stamp.prefecture_sent, "prefecture_received": d.stamp.prefecture_received,
        "published": d.stamp.published,
        "votes": {"pour": d.vote.pour, "contre": d.vote.contre, "abstention": d.vote.abstention,
                  "non_participation": d.vote.non_participation},
        "unanimous": d.vote.unanimous, "outcome": d.vote.outcome,
        "commission": {"name": d.commission.name, "date": d.commission.date, "avis": d.commission.avis} if d.commission else None,
        "present": [a.person for a in d.people(AttendanceStatus.PRESENT)],
        "represented": [{"person": a.person, "proxy": a.proxy} for a in d.people(AttendanceStatus.REPRESENTED)],
        "absent": [a.person for a in d.people(AttendanceStatus.ABSENT)],
        "actions": [
            {"axe": a.axe, "number": a.number, "name": a.name, "status": a.status, "owner": a.owner,
             "amounts_eur": [x.amount_eur for x in a.amounts],
             "calendar": {"start": a.calendar_start, "end": a.calendar_end}
             if a.calendar_start or a.calendar_end else None}
            for a in d.actions
        ],
        "mesures": [{"number": m.number, "text": m.text} for m in d.mesures if m.source == "deliberation"],
    }


def _get(record: dict, dotted: str):
    value = record
    for part in dotted.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _people(record: dict, name: str) -> set[str]:
    if name == "attendance.present":
        return {normalise(p) for p in record.get("present") or []}
    if name == "attendance.absent":
        return {normalise(p) for p in record.get("absent") or []}
    if name == "attendance.represented":
        return {normalise(r["person"]) for r in record.get("represented") or []}
    return {f"{normalise(r['person'])}->{normalise(r['proxy'])}" for r in record.get("represented") or [] if r.get("proxy")}


_COLLECTIVITE_KIND_RE = re.compile(r"^(?:commune|ville|mairie)\s+(?:de\s+(?:la\s+)?|d')")


def _place(value: str | None) -> str | None:
    """A commune's name without the word for what it is (the gold notes accept either)."""
    return _COLLECTIVITE_KIND_RE.sub("", value) if value else value


def _tokens(text) -> set[str]:
    return set(re.findall(r"\w+", normalise(text) or ""))


def _match_score(gold: dict, pred: dict) -> float:
    score = 0.0
    if gold.get("numero") and normalise(gold["numero"]) == normalise(pred.get("numero")):
        score += 3
    if gold.get("item_number") is not None and gold["item_number"] == pred.get("item_number"):
        score += 2
    a, b = _tokens(gold.get("objet")), _tokens(pred.get("objet"))
    if a and b:
        score += 2 * len(a & b) / len(a | b)
    return score


def pair_greedily(golds: list[dict], preds: list[dict], key, threshold: float) -> list[tuple[dict | None, dict | None]]:
    """Pair gold and predicted items, highest `key(g, p, gi, pi)` first (its first element is the
    score, compared with `threshold`); the leftovers are unmatched on either side."""
    scored = sorted(
        ((key(g, p, gi, pi), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)),
        key=lambda item: item[0], reverse=True,
    )
    used_g, used_p, pairs = set(), set(), []
    for k, gi, pi in scored:
        if k[0] < threshold or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((golds[gi], preds[pi]))
    pairs += [(g, None) for i, g in enumerate(golds) if i not in used_g]
    pairs += [(None, p) for i, p in enumerate(preds) if i not in used_p]
    return pairs


def match_records(golds: list[dict], preds: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pair gold and predicted délibérations of one file, best pairs first (near positions break ties)."""
    if len(golds) == 1 and len(preds) == 1:
        return [(golds[0], preds[0])]
    return pair_greedily(golds, preds, lambda g, p, gi, pi: (_match_score(g, p), -abs(gi - pi), gi, pi), 0.5)


def _score_value(report: Report, source: str, name: str, gold, predicted, where: str) -> None:
    """One normalised value against its gold: equal is a true positive; a wrong value is both a
    false positive and a false negative; nothing on either side is not scored."""
    if gold is None and predicted is None:
        return
    if gold == predicted:
        report.add(source, name, tp=1)
        return
    report.add(source, name, fp=int(predicted is not None), fn=int(gold is not None))
    if name in report.show:
        report.mismatches.append(f"{where} {name}: gold={gold!r} predicted={predicted!r}")


def score_records(report: Report, source: str, gold: dict | None, pred: dict | None) -> None:
    """The `records` line: a délibération read that the gold also has is a true positive, one the
    gold does not have (an invented record) a false positive, one the gold has and nothing matched
    (a missed record) a false negative. It enters the macro F1 like any field."""
    report.add(source, "records", tp=int(gold is not None and pred is not None), fp=int(gold is None), fn=int(pred is None))
    if "records" in report.show and (gold is None or pred is None):
        record = gold or pred
        what = "missed" if pred is None else "invented"
        report.mismatches.append(f"{source}/{record.get('file', '?')} records: {what} item {record.get('item_number')} "
                                 f"{record.get('numero')} {str(record.get('objet'))[:80]!r}")


def score_pair(report: Report, source: str, gold: dict | None, pred: dict | None) -> None:
    uncertain = set((gold or {}).get("uncertain") or [])
    for name in SCALAR_FIELDS:
        if name in uncertain or name.split(".")[0] in uncertain:
            continue
        g = normalise(_get(gold, name)) if gold else None
        p = normalise(_get(pred, name)) if pred else None
        if name == "collectivite":  # "Commune de Lalouvesc", "Ville d'Audierne", "LALOUVESC": one collectivité
            g, p = _place(g), _place(p)
        _score_value(report, source, name, g, p, f"{source}/{(gold or pred or {}).get('file', '?')}")
    for name in PERSON_FIELDS:
        if name.split(".")[1] in uncertain or "attendance" in uncertain:
            continue
        g = _people(gold, name) if gold else set()
        p = _people(pred, name) if pred else set()
        report.add(source, name, tp=len(g & p), fp=len(p - g), fn=len(g - p))
        if name in report.show and g != p:
            where = f"{source}/{(gold or {}).get('file', '?')} item {(gold or pred or {}).get('item_number')}"
            report.mismatches.append(f"{where} {name}: missing={sorted(g - p)} extra={sorted(p - g)}")
    score_annexes(report, source, gold, pred)


def _cents(value) -> Decimal | None:
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        return None


_SAME_NUMBER = 10.0  # above any name similarity: a number is unique within a pact


def _action_key(g: dict, p: dict, gi: int, pi: int) -> tuple:
    if g.get("number") and normalise(g["number"]) == normalise(p.get("number")):
        return (_SAME_NUMBER, -gi, -pi)
    a, b = _tokens(g.get("name")), _tokens(p.get("name"))
    return (len(a & b) / len(a | b) if a and b else 0.0, gi, pi)


def match_actions(golds: list[dict], preds: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Pair actions: same number first, then the most similar names among the rest (Jaccard of
    words >= 0.5)."""
    return pair_greedily(golds, preds, _action_key, 0.5)


def score_annexes(report: Report, source: str, gold: dict | None, pred: dict | None) -> None:
    """Actions and mesures, only for gold records that carry them."""
    if gold is None or "actions" not in gold and "mesures" not in gold:
        return
    uncertain = set(gold.get("uncertain") or [])
    where = f"{source}/{gold.get('file', '?')}"
    if "actions" in gold and "actions" not in uncertain:
        for g, p in match_actions(gold.get("actions") or [], (pred or {}).get("actions") or []):
            label = (g or p or {}).get("name")
            for name in ACTION_FIELDS:
                field_name = "actions." + name.replace("calendar.", "calendar_")
                gv = normalise(_get(g, name)) if g else None
                pv = normalise(_get(p, name)) if p else None
                _score_value(report, source, field_name, gv, pv, f"{where} [{label}]")
            ga = Multiset(_cents(v) for v in (g or {}).get("amounts_eur") or [])
            pa = Multiset(_cents(v) for v in (p or {}).get("amounts_eur") or [])
            report.add(source, "actions.amounts", tp=sum((ga & pa).values()), fp=sum((pa - ga).values()), fn=sum((ga - pa).values()))
            if "actions.amounts" in report.show and ga != pa:
                report.mismatches.append(f"{where} actions.amounts [{label}]: gold={sorted(ga.elements())} predicted={sorted(pa.elements())}")
    if "mesures" in gold and "mesures" not in uncertain:
        g = {(normalise(m.get("number")), normalise(m.get("text"))) for m in gold.get("mesures") or []}
        p = {(normalise(m.get("number")), normalise(m.get("text"))) for m in (pred or {}).get("mesures") or []}
        report.add(source, "mesures", tp=len(g & p), fp=len(p - g), fn=len(g - p))
        if "mesures" in report.show and g != p:
            report.mismatches.append(f"{where} mesures: missing={sorted(g - p)} extra={sorted(p - g)}")


def gold_files(corpus: Path) -> list[tuple[str, Path]]:
    return [(path.parent.parent.name, path) for path in sorted(corpus.glob("*/gold/*.json"))]


def pdf_for(gold_path: Path, file_name: str, extra_dirs: list[Path]) -> Path | None:
    for folder in [gold_path.parent.parent, *extra_dirs]:
        candidate = folder / file_name
        if candidate.exists():
            return candidate
    return None


def scanned_files(corpus: Path) -> set[tuple[str, str]]:
    """(source, file) of the documents the corpus manifest marks scanned: `has_text_layer` no or partial."""
    manifest = corpus / "MANIFEST.tsv"
    if not manifest.exists():
        return set()
    with open(manifest, newline="", encoding="utf-8") as f:
        return {(row["source"], row["file"]) for row in csv.DictReader(f, delimiter="\t")
                if row.get("has_text_layer", "").strip() in ("no", "partial")}


def evaluate_corpus(corpus: Path, samples: Path, source: str | None = None, show: set[str] | None = None,
                    scanned: bool = False) -> Report:
    """Run the pipeline on every gold file's PDF of `corpus` (rendered samples are looked up in
    `samples`) and score it; `source` limits the run to one folder, `scanned` to the documents the
    corpus manifest marks without a usable text layer."""
    from pipeline.run import process_document

    report = Report(show=set(show or []))
    only = scanned_files(corpus) if scanned else None
    for source_name, gold_path in gold_files(corpus):
        if source and source_name != source:
            continue
        gold = json.loads(gold_path.read_text())
        golds = gold if isinstance(gold, list) else [gold]
        if only is not None and (source_name, golds[0]["file"]) not in only:
            continue
        pdf = pdf_for(gold_path, golds[0]["file"], [samples])
        report.records += len(golds)
        if pdf is None:
            report.errors.append(f"{source_name}/{golds[0]['file']}: PDF not found")
            for g in golds:
                score_records(report, source_name, g, None)
                score_pair(report, source_name, g, None)
            continue
        result = process_document(pdf)
        if result.status is not DocumentStatus.OK:
            report.errors.append(f"{source_name}/{pdf.name}: {result.status.value}: {result.error}")
        preds = [predicted_record(result, d) for d in result.deliberations]
        for g, p in match_records(golds, preds):
            report.matched += int(g is not None and p is not None)
            score_records(report, source_name, g, p)
            score_pair(report, source_name, g, p)
    return report


def report_json(report: Report) -> dict:
    return {
        "macro_f1": report.macro_f1(),
        "attendance_f1": report.attendance_f1(),
        "fields": {k: vars(c) | {"f1": c.f1} for k, c in report.fields.items()},
        "by_source": {s: {k: vars(c) | {"f1": c.f1} for k, c in f.items()} for s, f in report.by_source.items()},
        "errors": report.errors,
    }
