from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator

BBox = tuple[float, float, float, float]


class Provenance(BaseModel):
    """Where a value was read: 1-based page, character span in the document text, the
    bounding box (PDF points, origin bottom-left: x0, y0, x1, y1) of the lines it spans, and
    whether the page was read by OCR (the value may carry OCR confusions)."""

    model_config = ConfigDict(frozen=True)

    page: int
    char_start: int
    char_end: int
    bbox: BBox | None = None
    text: str = ""
    ocr: bool = False

    @model_validator(mode="after")
    def _span_is_ordered(self) -> "Provenance":
        if self.page < 1:
            raise ValueError(f"page must be >= 1, got {self.page}")
        if not 0 <= self.char_start <= self.char_end:
            raise ValueError(f"bad span {self.char_start}..{self.char_end}")
        return self
