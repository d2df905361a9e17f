"""Synthetic délibération PDFs for benchmarks and batch tests: `synthetic_corpus(out, n)` writes n
small délibération-like PDFs (header, attendance, items, votes) with reportlab, in parallel, and
caches them (a marker file records what was generated). Not real documents: never for accuracy."""
from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import random
from pathlib import Path

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


