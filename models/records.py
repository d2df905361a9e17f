from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from models.provenance import Provenance

ACTE_NATURES = ("DE", "AR", "AI", "CC", "BF", "AU")
# département (3 chars, Corsica 02A/02B) - SIREN - date - internal number - nature
ACTE_ID_RE = re.compile(
    r"^(?P<departement>\d{3}|02[AB])-(?P<siren>\d{9})-(?P<date>\d{8})-"
    r"(?P<number>[A-Za-z0-9_]{1,35})-(?P<nature>" + "|".join(ACTE_NATURES) + r")$"
)


class ActeId(BaseModel):
    """An ACTES identifier (the préfecture's acknowledgement id), parsed into its parts."""

    model_config = ConfigDict(frozen=True)

    value: str
    departement: str
    siren: str
    date: dt.date
    number: str
    nature: str

    @classmethod
    def parse(cls, text: str) -> "ActeId":
        """Parse an id; raises ValueError with a one-line reason when it is not one."""
        value = re.sub(r"\s+", "", text)
        m = ACTE_ID_RE.match(value)
        if not m:
            raise ValueError(f"not an ACTES id: {text!r}")
        raw_date = m["date"]
        try:
            date = dt.date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
        except ValueError:
            raise ValueError(f"ACTES id has an impossible date: {raw_date}") from None
        return cls(
            value=value,
            departement=m["departement"],
            siren=m["siren"],
            date=date,
            number=m["number"],
            nature=m["nature"],
        )

    @model_validator(mode="after")
    def _consistent(self) -> "ActeId":
        if not ACTE_ID_RE.match(self.value):
            raise ValueError(f"not an ACTES id: {self.value!r}")
        return self


class ActeStamp(BaseModel):
    acte_id: ActeId | None = None
    prefecture_sent: dt.date | None = None
    prefecture_received: dt.date | None = None
    published: dt.date | None = None


class Seance(BaseModel):
    collectivite: str | None = None
    siren: str | None = None
    seance_date: dt.date | None = None
    convocation_date: dt.date | None = None
    president: str | None = None
    secretaire: str | None = None
    members_in_office: int | None = Field(default=None, ge=0)
    members_present: int | None = Field(default=None, ge=0)  # as printed beside the lists
    members_voting: int | None = Field(default=None, ge=0)  # votants, as printed


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    REPRESENTED = "represented"
    ABSENT = "absent"


class AttendanceEntry(BaseModel):
    person: str = Field(min_length=1)
    status: AttendanceStatus
    proxy: str | None = None
    provenance: Provenance | None = None

    @model_validator(mode="after")
    def _proxy_only_when_represented(self) -> "AttendanceEntry":
        if self.proxy is not None and self.status is not AttendanceStatus.REPRESENTED:
            raise ValueError(f"{self.person}: a proxy holder only makes sense when represented")
        if self.proxy is not None and self.proxy == self.person:
            raise ValueError(f"{self.person} cannot hold their own proxy")
        return self


class Vote(BaseModel):
    pour: int | None = Field(default=None, ge=0)
    contre: int | None = Field(default=None, ge=0)
    abstention: int | None = Field(default=None, ge=0)
    non_participation: int | None = Field(default=None, ge=0)
    unanimous: bool | None = None
    outcome: Literal["adopted", "rejected"] | None = None
    contre_names: list[str] = Field(default_factory=list)
    abstention_names: list[str] = Field(default_factory=list)
    non_participation_names: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _arithmetic(self) -> "Vote":
        if self.unanimous and self.contre:
            raise ValueError(f"unanimous vote cannot have {self.contre} vote(s) contre")
        if self.pour is not None and self.contre is not None and self.outcome is not None:
            decided = "adopted" if self.pour > self.contre else "rejected"
            if self.pour != self.contre and decided != self.outcome:
                raise ValueError(
                    f"outcome {self.outcome!r} contradicts pour={self.pour}, contre={self.contre}"
                )
        return self

    @property
    def expressed(self) -> int | None:
        """Votes cast for or against or abstaining, when all three are known or implied."""
        if self.pour is None:
            return None
        return self.pour + (self.contre or 0) + (self.abstention or 0)


class Matiere(BaseModel):
    """The ACTES matière of a délibération (level-2 code of the nomenclature), printed or inferred."""

    code: str = Field(pattern=r"^\d{1,2}\.\d{1,2}$")
    label: str  # SCDL DELIB_MATIERE_NOM: "level 1/level 2"
    confidence: float = Field(ge=0.0, le=1.0)  # 1.0 when the document prints it


class Commission(BaseModel):
    name: str | None = None
    date: dt.date | None = None
    avis: str | None = None


class Anomaly(BaseModel):
    check_name: str
    message: str
    deliberation_index: int | None = None


class Deliberation(BaseModel):
    """One délibération: its identity, stamp, vote and the attendance for its own item."""

    index: int = 0
    numero: str | None = None
    item_number: int | None = Field(default=None, ge=0)
    objet: str | None = None
    rapporteur: str | None = None
    commission: Commission | None = None
    matiere: Matiere | None = None
    stamp: ActeStamp = Field(default_factory=ActeStamp)
    vote: Vote = Field(default_factory=Vote)
    attendance: list[AttendanceEntry] = Field(default_factory=list)
    mesures: list["Mesure"] = Field(default_factory=list)
    actions: list["Action"] = Field(default_factory=list)  # its annexed fiches action
    page_start: int | None = Field(default=None, ge=1)
    page_end: int | None = Field(default=None, ge=1)
    provenance: dict[str, Provenance] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _pages_ordered(self) -> "Deliberation":
        if self.page_start and self.page_end and self.page_end < self.page_start:
            raise ValueError(f"page_end {self.page_end} < page_start {self.page_start}")
        return self

    def people(self, status: AttendanceStatus) -> list[AttendanceEntry]:
        return [a for a in self.attendance if a.status is status]


class Mesure(BaseModel):
    number: str
    text: str
    provenance: Provenance | None = None
    # "deliberation": listed in the délibération's own text; "annex": in an annexed pact/contract
    source: Literal["deliberation", "annex"] = "deliberation"
    axis: str | None = None  # the article / axe of the annex that lists it


class ActionAmount(BaseModel):
    amount_eur: Decimal
    label: str | None = None
    per_year: bool = False


class DocumentStatus(StrEnum):
    OK = "ok"
    FAILED = "failed"
    NO_TEXT = "no_text"


class FailureKind(StrEnum):
    """Why a document was not read, as a kind a batch summary can group by (the one-line `error`
    says the details)."""

    UNREADABLE_FILE = "unreadable_file"  # the file system refused it
    EMPTY_FILE = "empty_file"
    NOT_A_PDF = "not_a_pdf"
    ENCRYPTED = "encrypted"
    DAMAGED = "damaged"  # PDFium cannot parse it (truncated, broken structure)
    NO_PAGES = "no_pages"
    NO_TEXT = "no_text"  # no text layer and no OCR (not installed, switched off, nothing readable)
    NOT_A_CONTRACT = "not_a_contract"  # a contract page without a contract on it
    INTERNAL_ERROR = "internal_error"  # a stage raised: a bug or an input nobody foresaw
    TIMEOUT = "timeout"
    WORKER_CRASH = "worker_crash"
    UNWRITABLE = "unwritable"  # its rows cannot be written to DuckDB

    @property
    def label(self) -> str:
        """How a person reads the kind: "not a PDF", "encrypted PDF" ..."""
        return _FAILURE_LABELS[self]


_FAILURE_LABELS = {
    FailureKind.UNREADABLE_FILE: "cannot read file", FailureKind.EMPTY_FILE: "empty file (0 bytes)",
    FailureKind.NOT_A_PDF: "not a PDF", FailureKind.ENCRYPTED: "encrypted PDF", FailureKind.DAMAGED: "damaged PDF",
    FailureKind.NO_PAGES: "PDF has no pages", FailureKind.NO_TEXT: "no text (scanned pages not read)",
    FailureKind.NOT_A_CONTRACT: "no contract on the page", FailureKind.INTERNAL_ERROR: "internal error",
    FailureKind.TIMEOUT: "timeout", FailureKind.WORKER_CRASH: "worker crashed",
    FailureKind.UNWRITABLE: "cannot be written to DuckDB",
}


class DocumentResult(BaseModel):
    """What the pipeline knows about one input file, whatever happened to it (like a
    docling ConversionResult): failures are recorded here, not raised."""

    document_id: str
    source_path: str
    sha256: str
    page_count: int | None = None
    has_text_layer: bool | None = None
    ocr: bool = False
    ocr_pages: int = 0  # pages read by OCR
    unread_pages: int = 0  # pages a person reads from an image that were not OCR'd (no tesseract, --no-ocr, a failure)
    status: DocumentStatus = DocumentStatus.OK
    failure_kind: FailureKind | None = None
    error: str | None = None
    stage_reached: str = "load"
    seance: Seance = Field(default_factory=Seance)
    seance_provenance: dict[str, Provenance] = Field(default_factory=dict)
    deliberations: list[Deliberation] = Field(default_factory=list)
    anomalies: list[Anomaly] = Field(default_factory=list)
    agreements: list["Agreement"] = Field(default_factory=list)  # annexed pacts, contract pages

    def fail(self, stage: str, reason: str, kind: FailureKind, status: DocumentStatus = DocumentStatus.FAILED) -> "DocumentResult":
        self.status = status
        self.failure_kind = kind
        self.error = " ".join(reason.split())[:500]
        self.stage_reached = stage
        return self


from models.annexes import Action, Agreement  # noqa: E402  (they build on the records above)

Deliberation.model_rebuild()
DocumentResult.model_rebuild()
