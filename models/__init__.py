"""The vocabulary of deliberata: pydantic records that validate on construction."""
from models.provenance import Provenance
from models.records import (
    ActeId,
    ActeStamp,
    ActionAmount,
    Anomaly,
    AttendanceEntry,
    AttendanceStatus,
    Commission,
    Deliberation,
    DocumentResult,
    DocumentStatus,
    FailureKind,
    Matiere,
    Mesure,
    Seance,
    Vote,
)
from models.annexes import Action, Agreement, Section, Signatory  # after records: they build on them

__all__ = [
    "ActeId",
    "ActeStamp",
    "Action",
    "ActionAmount",
    "Agreement",
    "Anomaly",
    "AttendanceEntry",
    "AttendanceStatus",
    "Commission",
    "Deliberation",
    "DocumentResult",
    "DocumentStatus",
    "FailureKind",
    "Matiere",
    "Mesure",
    "Provenance",
    "Seance",
    "Section",
    "Signatory",
    "Vote",
]
