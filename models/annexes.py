"""What a délibération's annexes carry: fiche-action tables, and the agreements (pacts, contracts)
with their signatories, articles and axes.

Each record keeps where it was read (`provenance`: page, character span in the document text,
bounding box), so a value can always be traced back to the page it came from."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, model_validator

from models.provenance import Provenance
from models.records import ActionAmount, Mesure

PRECISIONS = ("day", "month", "quarter", "semester", "school_year", "year")


class Action(BaseModel):
    """One fiche action: a two-column table (label | content), possibly spread over pages."""

    axe: str | None = None  # title of the axe, without its "Axe 4 :" prefix
    axe_number: str | None = None
    number: str | None = None  # "Mesure 42" -> "42", "Mesure 43 Action n°2" -> "43.2"
    name: str | None = None
    status: str | None = None
    owner: str | None = None
    description: str | None = None
    partners: str | None = None
    financing: str | None = None
    calendar: str | None = None
    indicators: str | None = None
    annexes: str | None = None
    other: dict[str, str] = Field(default_factory=dict)  # rows whose label is not a known one
    amounts: list[ActionAmount] = Field(default_factory=list)
    calendar_start: dt.date | None = None
    calendar_end: dt.date | None = None
    calendar_precision: str | None = None
    page_start: int | None = Field(default=None, ge=1)
    page_end: int | None = Field(default=None, ge=1)
    provenance: dict[str, Provenance] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> "Action":
        if self.calendar_start and self.calendar_end and self.calendar_end < self.calendar_start:
            raise ValueError(f"calendar ends {self.calendar_end} before it starts {self.calendar_start}")
        if self.calendar_precision is not None and self.calendar_precision not in PRECISIONS:
            raise ValueError(f"unknown calendar precision {self.calendar_precision!r}")
        if self.page_start and self.page_end and self.page_end < self.page_start:
            raise ValueError(f"page_end {self.page_end} < page_start {self.page_start}")
        return self


class Signatory(BaseModel):
    organisation: str = Field(min_length=1)
    representative: str | None = None
    role: str | None = None
    provenance: Provenance | None = None


class Section(BaseModel):
    """An article of a pact, or an axe / ambition of a contract, with the actions it lists."""

    kind: Literal["article", "axe", "ambition"]
    number: str | None = None
    title: str = Field(min_length=1)
    actions: list[str] = Field(default_factory=list)
    provenance: Provenance | None = None


class Agreement(BaseModel):
    """A pact, contract, convention or charter: annexed to a délibération or read on its own page."""

    kind: str  # "pacte", "contrat", "convention", ... as the title names it
    title: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    period_precision: str | None = None
    signed_on: dt.date | None = None
    signatories: list[Signatory] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    mesures: list[Mesure] = Field(default_factory=list)
    deliberation_index: int | None = None  # the délibération it is annexed to, if any
    page_start: int | None = Field(default=None, ge=1)
    provenance: dict[str, Provenance] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _period_ordered(self) -> "Agreement":
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError(f"period ends {self.period_end} before it starts {self.period_start}")
        return self

    def sections_of(self, kind: str) -> list[Section]:
        return [s for s in self.sections if s.kind == kind]
