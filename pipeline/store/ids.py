"""Every id format of the database, in one place.

Ids derive from content, never from insertion order, so re-ingesting a file gives the same ids
and replaces its rows."""
from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: the parent process of a batch never loads the records
    from models import DocumentResult


def document_id_for(sha256: str) -> str:
    """A document: the first 16 hex digits of its file's sha256."""
    return sha256[:16]


def seance_id_for(result: DocumentResult) -> str:
    """A séance: its collectivité (SIREN, else folded name) and date; a document whose séance is
    not known gets one of its own."""
    s = result.seance
    owner = s.siren or re.sub(r"\W+", "", (s.collectivite or "").casefold())
    if not owner or s.seance_date is None:
        key = f"document:{result.document_id}"
    else:
        key = f"{owner}:{s.seance_date.isoformat()}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def deliberation_id_for(document_id: str, index: int) -> str:
    return f"{document_id}-{index}"


def action_id_for(deliberation_id: str, position: int) -> str:
    return f"{deliberation_id}-a{position}"


def contract_id_for(document_id: str, position: int) -> str:
    return f"{document_id}-c{position}"
