from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Found(Generic[T]):
    """An extracted value and the span of document text it was read from."""

    value: T
    start: int
    end: int


def first_match(regexes: list[re.Pattern], text: str, group: str) -> re.Match | None:
    for regex in regexes:
        m = regex.search(text)
        if m and m.group(group):
            return m
    return None


def squash(text: str) -> str:
    return " ".join(text.split())
