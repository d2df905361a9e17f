"""The vote: counts, unanimity, outcome and the names of dissenters when printed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline import patterns as P
from pipeline.extract.common import Found

WINDOW = 400


@dataclass
class VoteFindings:
    pour: Found[int] | None = None
    contre: Found[int] | None = None
    abstention: Found[int] | None = None
    non_participation: Found[int] | None = None
    unanimous: Found[bool] | None = None
    outcome: Found[str] | None = None
    names: dict[str, list[str]] = field(default_factory=dict)


def _count(regexes: list[re.Pattern], text: str, base: int) -> Found[int] | None:
    for regex in regexes:
        m = regex.search(text)
        if m:
            return Found(P.count_value(m["n"]), base + m.start("n"), base + m.end("n"))
    return None


def _decision_windows(text: str) -> list[tuple[int, int]]:
    """Where votes are announced: after "Vote :", "Après en avoir délibéré", "ADOPTÉ", ..."""
    windows = []
    for m in P.VOTE_CONTEXT_RE.finditer(text):
        windows.append((m.start(), min(len(text), m.end() + WINDOW)))
    return windows


def extract_vote(text: str, base: int) -> VoteFindings:
    findings = VoteFindings()
    windows = _decision_windows(text)
    if not windows:
        return findings
    # the last announcement is the decision; earlier ones may be procedural votes
    for start, end in reversed(windows):
        window = text[start:end]
        counts = {
            "pour": _count(P.VOTE_FOR_RES, window, base + start),
            "contre": _count(P.VOTE_AGAINST_RES, window, base + start),
            "abstention": _count(P.VOTE_ABSTENTION_RES, window, base + start),
            "non_participation": _count(P.VOTE_NON_PARTICIPATION_RES, window, base + start),
        }
        unanimity = P.UNANIMITY_RE.search(window)
        if any(counts.values()) or unanimity:
            for key, value in counts.items():
                setattr(findings, key, value)
            if unanimity:
                findings.unanimous = Found(True, base + start + unanimity.start(), base + start + unanimity.end())
            break
    decision_start = windows[-1][0] if findings.unanimous is None and findings.pour is None else windows[0][0]
    decision = text[decision_start:]
    rejected = P.REJECTED_RE.search(decision)
    adopted = P.ADOPTED_RE.search(decision)
    if rejected and not (findings.unanimous or (findings.pour and findings.contre and findings.pour.value > findings.contre.value)):
        findings.outcome = Found("rejected", base + decision_start + rejected.start(), base + decision_start + rejected.end())
    elif adopted or findings.unanimous or findings.pour:
        anchor = adopted or P.VOTE_CONTEXT_RE.search(decision)
        findings.outcome = Found("adopted", base + decision_start + anchor.start(), base + decision_start + anchor.end())
    return findings
