"""A pattern searched with the characters its matches can start with checked first.

`re` skips ahead to a possible start only when the pattern begins with a literal or a class
not folded by IGNORECASE; a case-insensitive alternation of words ("adopt[ée]|approuv|
unanimit|...") is tried alternative by alternative at every position of the text. Put in front
of such a pattern, a lookahead on the characters its alternatives start with rejects most
positions in one test: the decision regexes of the segmentation ran about twice as fast over
Montpellier's texts (measured). The lookahead is read off the parsed pattern itself, so it
cannot fall out of step with it; a pattern it cannot read safely (one that may match the empty
string, or starts with a negated class, any character, a backreference, a flag turned on
inside it) is compiled as written.

It reads CPython's parse tree (`re._parser`); on another implementation, nothing is added."""
from __future__ import annotations

import re

try:
    from re import _constants as C
    from re import _parser
except ImportError:  # another implementation: patterns are compiled as written
    _parser = C = None

_CATEGORY_CLASSES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_WORD": r"\w",
                     "CATEGORY_NOT_WORD": r"\W", "CATEGORY_SPACE": r"\s", "CATEGORY_NOT_SPACE": r"\S"}


class _Unreadable(Exception):
    """The pattern holds something whose first character cannot be told."""


def _class_items(items: list) -> list[str]:
    """A class's items ([a-zé\\d]) as the text of a character class."""
    parts = []
    for op, av in items:
        if op is C.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is C.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is C.CATEGORY and str(av) in _CATEGORY_CLASSES:
            parts.append(_CATEGORY_CLASSES[str(av)])
        else:  # a negated class ([^...]) admits almost anything: nothing to gain
            raise _Unreadable
    return parts


def _first_chars(sequence) -> tuple[list[str], bool]:
    """The class items a match of `sequence` can start with, and whether it can match nothing."""
    parts: list[str] = []
    for op, av in sequence:
        if op is C.LITERAL:
            return parts + [re.escape(chr(av))], False
        if op is C.IN:
            return parts + _class_items(av), False
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero width: the next item starts the match
            continue
        if op is C.SUBPATTERN:
            _, add_flags, _, inner = av
            if add_flags:  # (?i:...) inside would widen what the lookahead admits
                raise _Unreadable
            branches = [inner]
        elif op is C.BRANCH:
            branches = av[1]
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            low, _, inner = av
            inner_parts, inner_empty = _first_chars(inner)
            parts += inner_parts
            if low > 0 and not inner_empty:
                return parts, False
            continue
        elif op is getattr(C, "ATOMIC_GROUP", None):
            branches = [av]
        else:  # any character, a negated literal, a backreference, a conditional
            raise _Unreadable
        empty = False
        for branch in branches:
            branch_parts, branch_empty = _first_chars(branch)
            parts += branch_parts
            empty = empty or branch_empty
        if not empty:
            return parts, False
    return parts, True


def first_char_lookahead(pattern: str, flags: int = 0) -> str | None:
    """"(?=[...])", the characters a match of `pattern` can start with; None when unknown."""
    if _parser is None:
        return None
    try:
        parts, empty = _first_chars(_parser.parse(pattern, flags))
    except _Unreadable:
        return None
    if empty or not parts:
        return None
    return "(?=[" + "".join(dict.fromkeys(parts)) + "])"


def compile_guarded(pattern: str, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)` searched with its first characters checked first: the same
    matches, groups and flags; only `.pattern` shows the lookahead."""
    lookahead = first_char_lookahead(pattern, flags)
    if lookahead is None:
        return re.compile(pattern, flags)
    try:
        return re.compile(f"{lookahead}(?:{pattern})", flags)
    except re.error:  # e.g. global inline flags, which must open the pattern
        return re.compile(pattern, flags)
