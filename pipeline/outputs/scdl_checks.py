"""Validation of a written SCDL CSV: the Table Schema with frictionless, plus the schema's
`custom_checks` (the rules the national validator Validata applies beyond Table Schema),
implemented here and driven by the schema's own list, so every check it names is run.

As in Validata, a custom check skips a row when one of its cells is empty (cohesive-columns-value
excepted: its point is empty cells); an empty required cell is the schema's `required` error.

Rule names in the report: `schema:<constraint or type>:<column>` for Table Schema errors (e.g.
`schema:required:COLL_SIRET`), `<check name>:<columns>` for custom checks (e.g.
`compare-columns-value:PREF_DATE>=DELIB_DATE`)."""
from __future__ import annotations

import csv
import datetime as dt
import operator
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from frictionless import Resource, Schema

from pipeline.french.lexicon import fold
from pipeline.outputs.nomenclature import level1_labels

Row = dict[str, str]


@dataclass(frozen=True)
class Finding:
    row: int  # line of the CSV (the header is line 1), as frictionless counts
    rule: str
    column: str
    value: str
    message: str


# --- custom checks: each takes a row and the check's params, yields (column, message) -------------

def siret_is_valid(siret: str) -> bool:
    """14 digits, Luhn checksum on the SIRET and on its SIREN; La Poste's establishments
    (SIREN 356000000, head office excepted) use "sum of digits divisible by 5" instead."""
    if not re.fullmatch(r"\d{14}", siret):
        return False
    if siret.startswith("356000000") and siret != "35600000000048":
        return sum(map(int, siret)) % 5 == 0
    return _luhn(siret) and _luhn(siret[:9])


def _luhn(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def french_siret_value(row: Row, params: dict) -> Iterable[tuple[str, str]]:
    column = params["column"]
    value = row.get(column, "")
    if value and not siret_is_valid(value):
        yield column, f"{value!r} is not a valid SIRET (14 digits, checksum)"


def year_interval_value(row: Row, params: dict) -> Iterable[tuple[str, str]]:
    column = params["column"]
    value = row.get(column, "")
    if not value:
        return
    interval = re.fullmatch(r"(\d{4})/(\d{4})", value)
    if interval:
        if int(interval[2]) <= int(interval[1]):
            yield column, f"interval {value!r}: the second year must be after the first"
    elif not (params.get("allow-year-only") in ("yes", "true") and re.fullmatch(r"\d{4}", value)):
        yield column, f"{value!r} is neither a year (AAAA) nor an interval (AAAA/AAAA)"


def cohesive_columns_value(row: Row, params: dict) -> Iterable[tuple[str, str]]:
    columns = [params["column"], *params["othercolumns"]]
    filled = [c for c in columns if row.get(c, "")]
    if filled and len(filled) != len(columns):
        empty = [c for c in columns if c not in filled]
        yield params["column"], f"filled together or not at all: {', '.join(filled)} filled but {', '.join(empty)} empty"


_OPERATORS: dict[str, Callable] = {"<": operator.lt, "<=": operator.le, "==": operator.eq, ">=": operator.ge, ">": operator.gt}


def _comparable(text: str):
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return dt.date.fromisoformat(text)  # ValueError when neither a number nor an ISO date


def compare_columns_value(row: Row, params: dict) -> Iterable[tuple[str, str]]:
    left, right, op = params["column"], params["column2"], params["op"]
    a, b = row.get(left, ""), row.get(right, "")
    if not a or not b:
        return
    try:
        holds = _OPERATORS[op](_comparable(a), _comparable(b))
    except (ValueError, TypeError):
        yield left, f"cannot compare {left} {a!r} with {right} {b!r}"
        return
    if not holds:
        yield left, f"{left} {a} {op} {right} {b} does not hold"


def sum_columns_value(row: Row, params: dict) -> Iterable[tuple[str, str]]:
    total_column, parts = params["column"], params["columns"]
    values = [row.get(c, "") for c in (total_column, *parts)]
    if not all(values):
        return
    try:
        total, *numbers = (int(v) for v in values)
    except ValueError:
        yield total_column, f"{total_column} and {' + '.join(parts)} are not all integers"
        return
    if total != sum(numbers):
        yield total_column, f"{total_column} {total} != {' + '.join(parts)} = {sum(numbers)}"


def nomenclature_actes_value(row: Row, params: dict) -> Iterable[tuple[str, str]]:
    """"level 1/level 2": a slash, a level-1 label before it (case and accents ignored), no space
    around the slash."""
    column = params["column"]
    value = row.get(column, "")
    if not value:
        return
    if "/" not in value:
        yield column, f"{value!r}: no slash between level 1 and level 2"
        return
    level1 = value[: value.index("/")]
    if fold(level1) in level1_labels() and "/ " not in value:
        return
    if fold(level1.strip()) in level1_labels():
        yield column, f"{value!r}: no space allowed around the slash"
    else:
        yield column, f"{value!r}: {level1.strip()!r} is not a level-1 label of the ACTES nomenclature"


CUSTOM_CHECKS: dict[str, Callable[[Row, dict], Iterable[tuple[str, str]]]] = {
    "french-siret-value": french_siret_value,
    "year-interval-value": year_interval_value,
    "cohesive-columns-value": cohesive_columns_value,
    "compare-columns-value": compare_columns_value,
    "sum-columns-value": sum_columns_value,
    "nomenclature-actes-value": nomenclature_actes_value,
}


def custom_rule_name(check: dict) -> str:
    p = check["params"]
    if check["name"] == "compare-columns-value":
        columns = f"{p['column']}{p['op']}{p['column2']}"
    elif check["name"] == "sum-columns-value":
        columns = f"{p['column']}=" + "+".join(p["columns"])
    else:
        columns = "+".join([p["column"], *p.get("othercolumns", [])])
    return f"{check['name']}:{columns}"


def custom_findings(rows: Iterable[Row], custom_checks: list[dict]) -> list[Finding]:
    """Run the schema's custom checks on rows read from the CSV (row numbers from 2). A check
    this module does not know is an error, not a silent pass."""
    unknown = [c["name"] for c in custom_checks if c["name"] not in CUSTOM_CHECKS]
    if unknown:
        raise ValueError(f"custom checks not implemented: {', '.join(unknown)}")
    found = []
    for number, row in enumerate(rows, start=2):
        for check in custom_checks:
            for column, message in CUSTOM_CHECKS[check["name"]](row, check["params"]):
                found.append(Finding(number, custom_rule_name(check), column, row.get(column, ""), message))
    return found


# --- Table Schema, with frictionless ------------------------------------------------------------------

def _schema_rule(error) -> str:
    note = getattr(error, "note", "") or ""
    constraint = re.match(r'constraint "(\w+)"', note)
    kind = constraint[1] if constraint else error.type.removesuffix("-error")
    column = getattr(error, "field_name", None)
    return f"schema:{kind}:{column}" if column else f"schema:{kind}"


def _schema_message(error, rule: str) -> str:
    cell = getattr(error, "cell", "")
    kind = rule.split(":")[1]
    if kind == "required":
        return "empty, but the schema requires a value"
    if kind == "pattern":
        return f"{cell!r} does not match the schema's pattern ({error.note})"
    if kind == "type":
        return f"{cell!r} is not readable as its schema type ({error.note})"
    if kind == "blank-row":
        return "every cell of the row is empty"
    return error.message


def schema_findings(csv_path: Path, schema_descriptor: dict) -> list[Finding]:
    descriptor = {k: v for k, v in schema_descriptor.items() if k != "custom_checks"}
    resource = Resource(path=csv_path.name, basepath=str(csv_path.parent.resolve()), schema=Schema.from_descriptor(descriptor),
                        format="csv", encoding="utf-8")
    report = resource.validate(limit_errors=10**9)
    found = []
    for task in report.tasks:
        for error in task.errors:
            rule = _schema_rule(error)
            found.append(Finding(getattr(error, "row_number", None) or 0, rule, getattr(error, "field_name", None) or "",
                                 str(getattr(error, "cell", "") or ""), _schema_message(error, rule)))
    return found


# --- the report ----------------------------------------------------------------------------------------

EXAMPLES_PER_RULE = 5
COLL_SIRET_MISSING = "schema:required:COLL_SIRET"
MATIERE_MISSING = frozenset({"schema:required:DELIB_MATIERE_CODE", "schema:required:DELIB_MATIERE_NOM"})


@dataclass
class ValidationReport:
    csv_path: str
    rows: int
    findings: list[Finding]
    row_sources: dict[int, dict] = field(default_factory=dict)  # CSV line -> {deliberation_id, source_path}

    @property
    def invalid_rows(self) -> int:
        return len({f.row for f in self.findings if f.row})

    @property
    def file_errors(self) -> list[Finding]:
        """Errors of the file as a whole (header, encoding), not of a row."""
        return [f for f in self.findings if not f.row]

    def invalid_rows_by_rule(self) -> dict[str, int]:
        rows = defaultdict(set)
        for f in self.findings:
            rows[f.rule].add(f.row)
        return dict(sorted(((rule, len(r)) for rule, r in rows.items()), key=lambda kv: (-kv[1], kv[0])))

    def invalid_rows_ignoring(self, rules: set[str]) -> int:
        """Rows that would still be invalid if these rules were met (e.g. COLL_SIRET missing)."""
        return len({f.row for f in self.findings if f.row and f.rule not in rules})

    def examples(self, rule: str) -> list[dict]:
        shown = []
        for f in self.findings:
            if f.rule == rule:
                shown.append({"row": f.row, "column": f.column, "value": f.value, "message": f.message,
                              **self.row_sources.get(f.row, {})})
                if len(shown) == EXAMPLES_PER_RULE:
                    break
        return shown

    def to_dict(self) -> dict:
        by_rule = self.invalid_rows_by_rule()
        return {
            "file": self.csv_path,
            "rows": self.rows,
            "valid_rows": self.rows - self.invalid_rows,
            "invalid_rows": self.invalid_rows,
            # what is left once the columns this pipeline cannot fill on its own are given
            "invalid_rows_apart_from": {
                "COLL_SIRET missing": self.invalid_rows_ignoring({COLL_SIRET_MISSING}),
                "COLL_SIRET and DELIB_MATIERE_* missing": self.invalid_rows_ignoring({COLL_SIRET_MISSING, *MATIERE_MISSING}),
            },
            "file_errors": [vars(f) for f in self.file_errors],
            "rules": {rule: {"invalid_rows": n, "examples": self.examples(rule)} for rule, n in by_rule.items()},
        }


def read_rows(csv_path: Path) -> list[Row]:
    with open(csv_path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def validate_scdl_csv(csv_path: Path | str, schema_descriptor: dict, row_sources: dict[int, dict] | None = None) -> ValidationReport:
    """Validate the file as written: frictionless for the Table Schema, then the custom checks."""
    csv_path = Path(csv_path)
    rows = read_rows(csv_path)
    findings = schema_findings(csv_path, schema_descriptor) + custom_findings(rows, schema_descriptor.get("custom_checks", []))
    findings.sort(key=lambda f: (f.row, f.rule))
    return ValidationReport(str(csv_path), len(rows), findings, row_sources or {})
