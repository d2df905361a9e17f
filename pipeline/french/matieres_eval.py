"""Accuracy of the ACTES matière classifier on a hand-labelled dev set (objet only).

The dev set is a TSV with columns source, file, objet, code, how, note and optionally split
(tests/data/matieres_dev.tsv; its .md says how it was labelled). Each objet is classified without
its body, which is the harder case: bodies are not available for every record.
"""

from __future__ import annotations

import csv
from pathlib import Path

from pipeline.french.matieres import classify


def _level1(code: str) -> str:
    return code.split(".")[0]


def _tally(rows: list[dict]) -> dict:
    n = len(rows)
    return {
        "n": n,
        "level1": sum(r["level1_ok"] for r in rows) / n if n else 0.0,
        "level2": sum(r["level2_ok"] for r in rows) / n if n else 0.0,
    }


def read_dev_set(path: str | Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def evaluate_matieres(path_to_dev_tsv: str | Path) -> dict:
    """Level-1 and level-2 accuracy overall, per source and per split, with the errors listed."""
    results = []
    for row in read_dev_set(path_to_dev_tsv):
        guess = classify(row["objet"], None)
        results.append({
            "source": row["source"],
            "split": row.get("split") or "all",
            "objet": row["objet"],
            "gold": row["code"],
            "predicted": guess.code,
            "confidence": guess.confidence,
            "reason": guess.reason,
            "level1_ok": _level1(guess.code) == _level1(row["code"]),
            "level2_ok": guess.code == row["code"],
        })
    by_source: dict[str, list[dict]] = {}
    by_split: dict[str, list[dict]] = {}
    for r in results:
        by_source.setdefault(r["source"], []).append(r)
        by_split.setdefault(r["split"], []).append(r)
    return {
        **_tally(results),
        "per_source": {s: _tally(rs) for s, rs in sorted(by_source.items())},
        "per_split": {s: _tally(rs) for s, rs in sorted(by_split.items())},
        "errors": [
            {k: r[k] for k in ("source", "split", "objet", "gold", "predicted", "confidence", "reason")}
            for r in results if not r["level2_ok"]
        ],
        "results": results,
    }


def matieres_report_lines(result: dict) -> list[str]:
    """Short human-readable summary of evaluate_matieres()."""
    lines = [
        f"ACTES matière (objet only): n={result['n']}  level 1 {result['level1']:.1%}  level 2 {result['level2']:.1%}"
    ]
    for name, group in (("split", result["per_split"]), ("source", result["per_source"])):
        for key, t in group.items():
            lines.append(f"  {name} {key:<22} n={t['n']:<4} level 1 {t['level1']:.1%}  level 2 {t['level2']:.1%}")
    return lines


def evaluate_matieres_with_bodies(path_to_dev_tsv: str | Path, corpus_dir: str | Path) -> dict:
    """Side check of the body path: dev rows whose PDF holds a single délibération with a text layer.

    A PDF counts as a single délibération when its gold file holds one record (not a list). Each row
    is classified three ways: objet only, objet + body, body only (level-2 accuracy of each).
    """
    import json

    import pdfplumber

    corpus = Path(corpus_dir)
    counts = {"n": 0, "objet": 0, "objet_body": 0, "body": 0}
    for row in read_dev_set(path_to_dev_tsv):
        pdf = corpus / row["source"] / row["file"]
        gold = corpus / row["source"] / "gold" / (pdf.stem + ".json")
        if not pdf.exists() or not gold.exists() or isinstance(json.loads(gold.read_text(encoding="utf-8")), list):
            continue
        with pdfplumber.open(pdf) as doc:
            body = "\n".join(page.extract_text() or "" for page in doc.pages)
        if not body.strip():
            continue
        counts["n"] += 1
        counts["objet"] += classify(row["objet"], None).code == row["code"]
        counts["objet_body"] += classify(row["objet"], body).code == row["code"]
        counts["body"] += classify(None, body).code == row["code"]
    n = counts["n"]
    return {"n": n, **{k: (v / n if n else 0.0) for k, v in counts.items() if k != "n"}}
