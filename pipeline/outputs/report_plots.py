"""The report's plots, drawn with matplotlib as inline SVG: nothing to download, nothing to run in
the browser. Figures are built without pyplot (no global state, no display needed)."""
from __future__ import annotations

import io
import math
import re
from datetime import date

import matplotlib
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

MAX_HEATMAP_MEMBERS = 120
MAX_NETWORK_MEMBERS = 40
PRESENCE_COLOURS = LinearSegmentedColormap.from_list("presence", ["#c0392b", "#f4d03f", "#1e8449"])


def _label(text: str) -> str:
    """Text shown verbatim: matplotlib would read '$...$' as mathematics."""
    return text.replace("$", r"\$")


def to_svg(fig: Figure, salt: str) -> str:
    """The figure as an <svg> element. Text stays text (searchable, small); ids are salted per
    figure so that several inline SVGs do not share clip-path ids; no date, so output is stable."""
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": salt}):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg"):]


def _seance_label(day: date | None, index: int) -> str:
    return day.isoformat() if day else f"séance {index + 1} (undated)"


def attendance_heatmap(members: list[tuple[str, str]], seances: list[tuple[str, date | None]],
                       rates: dict[tuple[str, str], float], salt: str) -> str | None:
    """Members (person_id, name) down, séances (seance_id, date) across; each cell is the share
    of the séance's délibérations the member was present for; blank where not listed."""
    if not members or not seances:
        return None
    members = members[:MAX_HEATMAP_MEMBERS]
    grid = [[rates.get((pid, sid), math.nan) for sid, _ in seances] for pid, _ in members]
    width = min(40.0, max(5.0, 2.5 + 0.32 * len(seances)))
    height = max(1.8, 0.9 + 0.2 * len(members))
    fig = Figure(figsize=(width, height))
    ax = fig.add_subplot()
    image = ax.imshow(grid, aspect="auto", cmap=PRESENCE_COLOURS, vmin=0, vmax=1, interpolation="nearest")
    ax.set_yticks(range(len(members)), [_label(name) for _, name in members], fontsize=7)
    ax.set_xticks(range(len(seances)), [_seance_label(d, i) for i, (_, d) in enumerate(seances)], fontsize=7, rotation=90)
    ax.tick_params(length=0)
    colorbar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.01)
    colorbar.set_label("present for this share of the séance's délibérations", fontsize=7)
    colorbar.ax.tick_params(labelsize=7)
    return to_svg(fig, salt)


def seance_attendance_bars(seances: list[tuple[str, date | None]], counts: dict[str, tuple[float, float, float]],
                           salt: str) -> str | None:
    """Per séance, the average number of members present / represented / absent per délibération."""
    shown = [(sid, d) for sid, d in seances if sid in counts]
    if not shown:
        return None
    fig = Figure(figsize=(min(40.0, max(5.0, 2.0 + 0.32 * len(shown))), 2.8))
    ax = fig.add_subplot()
    bottom = [0.0] * len(shown)
    for position, (label, colour) in enumerate((("present", "#1e8449"), ("represented", "#f4d03f"), ("absent", "#c0392b"))):
        values = [counts[sid][position] for sid, _ in shown]
        ax.bar(range(len(shown)), values, bottom=bottom, color=colour, label=label, width=0.8)
        bottom = [b + v for b, v in zip(bottom, values)]
    ax.set_xticks(range(len(shown)), [_seance_label(d, i) for i, (_, d) in enumerate(shown)], fontsize=7, rotation=90)
    ax.set_ylabel("members per délibération", fontsize=7)
    ax.tick_params(axis="y", labelsize=7)
    ax.legend(fontsize=7, ncols=3, loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return to_svg(fig, salt)


def proxy_network(edges: list[tuple[str, str, str, str, int]], salt: str) -> str | None:
    """Members on a circle, an arrow from who gave a proxy to who held it, thicker the more
    délibérations it covered. edges: (giver_id, giver, holder_id, holder, count)."""
    names: dict[str, str] = {}
    for giver_id, giver, holder_id, holder, _ in edges:
        names.setdefault(giver_id, giver)
        names.setdefault(holder_id, holder)
    if not edges or len(names) > MAX_NETWORK_MEMBERS:
        return None
    ids = sorted(names, key=lambda pid: names[pid])
    angle = {pid: 2 * math.pi * i / len(ids) for i, pid in enumerate(ids)}
    position = {pid: (math.cos(a), math.sin(a)) for pid, a in angle.items()}
    most = max(count for *_, count in edges)
    fig = Figure(figsize=(7, 7))
    ax = fig.add_subplot()
    for giver_id, _, holder_id, _, count in edges:
        arrow = FancyArrowPatch(position[giver_id], position[holder_id], arrowstyle="-|>", mutation_scale=10,
                                connectionstyle="arc3,rad=0.15", linewidth=0.6 + 3.4 * count / most,
                                color="#1d3557", alpha=0.75, shrinkA=6, shrinkB=6)
        ax.add_patch(arrow)
    for pid in ids:
        x, y = position[pid]
        ax.plot([x], [y], "o", color="#e63946", markersize=5)
        degrees = math.degrees(angle[pid])
        flip = 90 < degrees < 270
        ax.text(1.08 * x, 1.08 * y, _label(names[pid]), fontsize=7, rotation=degrees - 180 if flip else degrees,
                rotation_mode="anchor", ha="right" if flip else "left", va="center")
    ax.set_xlim(-1.9, 1.9)
    ax.set_ylim(-1.9, 1.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return to_svg(fig, salt)


def safe_salt(text: str) -> str:
    return re.sub(r"\W", "", text)
