"""Benchmarks (commands, never timed unit tests) and the synthetic corpora they run on.

- `synthetic_corpus(out, n)`: n small délibération-like PDFs (header, attendance, items, votes),
  generated with reportlab in parallel and cached (a marker file records what was generated).
- `bench_files(files)`: in one run, end-to-end pages/s of the whole pipeline into a temporary
  DuckDB in this process (per core), the same with 1 and 2 worker processes (speedup, peak RSS
  per worker), and the text-only baselines on the same files: pdfplumber `extract_text()` and
  raw pypdfium2 `get_text_range()`.
- `bench_query(n)`: n synthetic délibérations with their attendance generated in DuckDB with SQL,
  and the time of the attendance-rate-per-person query over all of them."""
from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import random
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

# --- synthetic délibérations --------------------------------------------------------------------

FIRST_NAMES = ("Anne", "Bernard", "Claire", "Didier", "Élise", "François", "Gisèle", "Hervé", "Isabelle", "Jacques",
               "Karine", "Laurent", "Martine", "Nicolas", "Odile", "Pascal", "Rémi", "Sophie", "Thierry", "Valérie")
LAST_NAMES = ("MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU",
              "SIMON", "LAURENT", "LEFEBVRE", "MICHEL", "GARCIA", "DAVID", "BERTRAND", "ROUX", "VINCENT", "FOURNIER",
              "MOREL", "GIRARD", "ANDRÉ", "MERCIER", "DUPONT", "LAMBERT", "BONNET", "FRANÇOIS", "MARTINEZ", "LEGRAND")
TOWNS = ("Pierrefonds", "Couthenans", "Putanges", "Saint-Aubin", "Villeneuve", "Montreuil", "Beaulieu", "Fontaine")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
OBJECTS = (
    "Approbation du compte administratif {year}",
    "Vote des taux d'imposition des taxes directes locales",
    "Demande de subvention pour la rénovation de l'école communale",
    "Travaux de voirie rue de la Mairie - attribution du marché",
    "Convention avec le syndicat d'énergie pour l'éclairage public",
    "Création d'un emploi saisonnier pour l'accueil de loisirs",
    "Tarifs de la salle des fêtes pour l'année {year}",
    "Admission en non-valeur d'une créance irrécouvrable",
    "Décision modificative n°{n} du budget principal",
    "Adhésion au service commun d'instruction des autorisations d'urbanisme",
)
FILLER = ("Le rapporteur expose au conseil municipal les éléments du dossier, rappelle le contexte et les "
          "engagements pris lors de la précédente séance, et présente le plan de financement prévisionnel. "
          "Après en avoir délibéré, le conseil municipal autorise le maire à signer toutes les pièces nécessaires.")
SYNTHETIC_MARKER = ".synthetic-corpus"


def _person(rng: random.Random) -> tuple[str, str]:
    civility = rng.choice(("Madame", "Monsieur"))
    return civility, f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def synthetic_lines(seed: int) -> list[str]:
    """The text of one synthetic procès-verbal: header, attendance, 2–9 items each with a vote."""
    rng = random.Random(seed)
    town = rng.choice(TOWNS)
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3000))
    long_date = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    members = list(dict.fromkeys(_person(rng) for _ in range(rng.randint(11, 19))))
    president = members[0]
    absent = members[-2:] if len(members) > 12 else []
    represented = members[-3:-2] if len(members) > 12 else []
    present = [m for m in members if m not in absent and m not in represented]
    lines = [
        f"Commune de {town}",
        f"Conseil Municipal du {long_date}",
        f"Le {long_date} à 20h30, le Conseil Municipal de {town.upper()}, dûment convoqué, s'est réuni au lieu "
        f"ordinaire de ses séances sous la présidence de {president[0]} {president[1]}, maire.",
        "Présents : " + ", ".join(f"{c} {n}" for c, n in present) + ".",
    ]
    if represented:
        lines += ["Pouvoirs :"] + [f"- {c} {n} à {president[0]} {president[1]}" for c, n in represented]
    if absent:
        lines += ["Absents excusés :"] + [f"- {c} {n}" for c, n in absent]
    lines += [f"Secrétaire : {present[1][0]} {present[1][1].split()[-1]}", "_________"]
    voters = len(present) + len(represented)
    for item in range(1, rng.randint(2, 9) + 1):
        objet = rng.choice(OBJECTS).format(year=day.year - 1, n=item)
        lines += [f"{item}. {objet}", FILLER * rng.randint(1, 2)]
        if rng.random() < 0.6:
            lines.append("Vote : Pour à l'unanimité.")
        else:
            contre = rng.randint(1, 3)
            abstention = rng.randint(0, 2)
            lines.append(f"Vote : Pour : {voters - contre - abstention} - Contre : {contre} - Abstention : {abstention}")
    return lines


def write_synthetic_pdf(path: Path, seed: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
    pdf.setFont("Helvetica", 10)
    y = height - 60
    for line in synthetic_lines(seed):
        for part in simpleSplit(line, "Helvetica", 10, width - 120) or [""]:
            if y < 60:
                pdf.showPage()
                pdf.setFont("Helvetica", 10)
                y = height - 60
            pdf.drawString(60, y, part)
            y -= 13
        y -= 4
    pdf.save()


def _write_range(args: tuple[str, int, int]) -> None:
    out, start, stop = args
    for i in range(start, stop):
        write_synthetic_pdf(Path(out) / f"deliberation-{i:06d}.pdf", seed=i)


def synthetic_corpus(out: Path, count: int, processes: int | None = None) -> list[Path]:
    """`count` synthetic PDFs in `out` (generated once: a marker records the count)."""
    out = Path(out)
    marker = out / SYNTHETIC_MARKER
    files = [out / f"deliberation-{i:06d}.pdf" for i in range(count)]
    if marker.exists() and int(marker.read_text() or 0) >= count and all(f.exists() for f in files[-1:]):
        return files
    out.mkdir(parents=True, exist_ok=True)
    step = 100
    ranges = [(str(out), start, min(start + step, count)) for start in range(0, count, step)]
    if processes == 1 or len(ranges) == 1:
        for r in ranges:
            _write_range(r)
    else:
        with mp.get_context("forkserver").Pool(processes or os.cpu_count()) as pool:
            pool.map(_write_range, ranges)
    marker.write_text(str(count))
    return files


# --- throughput: the pipeline end to end, and text-only baselines on the same files ---------------

@dataclass
class Measure:
    name: str
    files: int
    pages: int
    seconds: float
    cores: int = 1
    peak_rss_mb: float | None = None
    note: str = ""

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else 0.0

    @property
    def per_core(self) -> float:
        return self.pages_per_second / self.cores


@dataclass
class BenchReport:
    corpus: str
    measures: list[Measure] = field(default_factory=list)
    speedup: float | None = None  # wall time with 1 worker / with 2 workers


def _timed_ingest(files: list[Path], workers: int, name: str, cores: int, ocr: bool) -> Measure:
    from pipeline.orchestration.batch import ingest

    with tempfile.TemporaryDirectory(prefix="delib-bench-") as folder:
        db = Path(folder) / "bench.duckdb"
        report = ingest(files, db, workers=workers, commit_every=64, ocr=ocr)
        with duckdb.connect(str(db), read_only=True) as con:
            ocr_documents = con.execute("SELECT count(*) FROM documents WHERE ocr").fetchone()[0]
    rss = report.worker_peak_rss / 2**20 if report.worker_peak_rss else None
    note = f"{report.ingested} ok, {report.failed} failed, {report.no_text} no text, {ocr_documents} with OCR"
    return Measure(name, report.files, report.pages, report.seconds, cores, rss, note)


def pdfplumber_text(files: list[Path]) -> Measure:
    import pdfplumber

    pages, failed, started = 0, 0, time.perf_counter()
    for path in files:
        try:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_text()
                    pages += 1
                    page.close()  # pdfplumber caches parsed objects per page otherwise
        except Exception:  # a baseline: bad files are just counted
            failed += 1
    return Measure("pdfplumber extract_text()", len(files), pages, time.perf_counter() - started, note=f"{failed} unreadable")


def pypdfium2_text(files: list[Path]) -> Measure:
    import pypdfium2 as pdfium

    pages, failed, started = 0, 0, time.perf_counter()
    for path in files:
        try:
            pdf = pdfium.PdfDocument(path)
        except pdfium.PdfiumError:
            failed += 1
            continue
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
            pages += 1
        pdf.close()
    return Measure("pypdfium2 get_text_range()", len(files), pages, time.perf_counter() - started, note=f"{failed} unreadable")


def bench_files(corpus: str, files: list[Path], worker_counts: tuple[int, ...] = (1, 2), baselines: bool = True,
                ocr: bool = True, on_measure=lambda m: None) -> BenchReport:
    """All measures on the same files, in this order, each in one process unless it says workers."""
    report = BenchReport(corpus)

    def record(measure: Measure) -> Measure:
        report.measures.append(measure)
        on_measure(measure)
        return measure

    suffix = "" if ocr else ", no OCR"
    record(_timed_ingest(files, 0, f"pipeline end to end, in process{suffix}", 1, ocr))
    by_workers = {n: record(_timed_ingest(files, n, f"pipeline end to end, {n} worker(s){suffix}", n, ocr)) for n in worker_counts}
    if 1 in by_workers and 2 in by_workers and by_workers[2].seconds:
        report.speedup = by_workers[1].seconds / by_workers[2].seconds
    if baselines:
        record(pdfplumber_text(files))
        record(pypdfium2_text(files))
    return report


# --- queries at scale ---------------------------------------------------------------------------

ATTENDANCE_RATE_QUERY = """
SELECT person,
       count(*) AS listed,
       count(*) FILTER (WHERE status = 'present') AS present,
       round(present / listed, 4) AS attendance_rate
FROM attendance
GROUP BY person
ORDER BY attendance_rate DESC, person
"""


@dataclass
class QueryReport:
    deliberations: int
    attendance_rows: int
    persons: int
    generate_seconds: float
    file_mb: float
    cold_seconds: float  # first run on a freshly opened database
    warm_seconds: list[float]


def generate_query_corpus(con, deliberations: int, communes: int = 5000, items_per_seance: int = 8) -> None:
    """`deliberations` rows and their attendance, in SQL: seances of 8 items, each commune with
    15–30 councillors, ~85% present, 7% represented, 8% absent (deterministic hash draw)."""
    con.execute(f"""
        INSERT INTO deliberations (deliberation_id, document_id, seance_id, item_number, objet)
        SELECT 'syn-' || i, 'syndoc-' || (i // {items_per_seance}), 'synseance-' || (i // {items_per_seance}),
               i % {items_per_seance} + 1, 'Objet ' || i
        FROM range({deliberations}) t(i)""")
    con.execute(f"""
        INSERT INTO attendance (deliberation_id, person, status, proxy, page)
        SELECT 'syn-' || i, 'Conseiller ' || (i // {items_per_seance} % {communes}) || '-' || m,
               CASE WHEN hash(i, m) % 100 < 85 THEN 'present' WHEN hash(i, m) % 100 < 92 THEN 'represented'
                    ELSE 'absent' END,
               NULL, 1
        FROM range({deliberations}) t(i), range(30) r(m)
        WHERE m < 15 + (i // {items_per_seance} % {communes}) % 16""")
    con.execute("CHECKPOINT")


def bench_query(deliberations: int, runs: int = 5, db_path: Path | None = None) -> QueryReport:
    from pipeline.store.db import connect

    with tempfile.TemporaryDirectory(prefix="delib-query-") as folder:
        path = db_path or Path(folder) / "scale.duckdb"
        con = connect(path)
        started = time.perf_counter()
        generate_query_corpus(con, deliberations)
        generated = time.perf_counter() - started
        attendance_rows = con.execute("SELECT count(*) FROM attendance").fetchone()[0]
        con.close()
        con = connect(path)  # reopened: the first run reads from disk, not from what generation left in memory
        started = time.perf_counter()
        persons = len(con.execute(ATTENDANCE_RATE_QUERY).fetchall())
        cold = time.perf_counter() - started
        warm = []
        for _ in range(runs):
            started = time.perf_counter()
            con.execute(ATTENDANCE_RATE_QUERY).fetchall()
            warm.append(time.perf_counter() - started)
        con.close()
        size = Path(path).stat().st_size / 2**20
    return QueryReport(deliberations, attendance_rows, persons, generated, size, cold, warm)
