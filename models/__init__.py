"""The vocabulary of deliberata: pydantic records that validate on construction."""
from models.provenance import Provenance
from models.records import (
    ActeId,
    ActeStamp,
    Anomaly,
    AttendanceEntry,
    AttendanceStatus,
    Commission,
    Deliberation,
    DocumentResult,
    DocumentStatus,
    Seance,
    Vote,
)

__all__ = [
    "ActeId",
    "ActeStamp",
    "Anomaly",
    "AttendanceEntry",
    "AttendanceStatus",
    "Commission",
    "Deliberation",
    "DocumentResult",
    "DocumentStatus",
    "Provenance",
    "Seance",
    "Vote",
]
