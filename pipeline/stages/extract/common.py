from __future__ import annotations

import re




def first_match(regexes: list[re.Pattern], text: str, group: str) -> re.Match | None:
    for regex in regexes:
        m = regex.search(text)
        if m and m.group(group):
            return m
    return None


def squash(text: str) -> str:
    return " ".join(text.split())
