"""Very large regular expressions compiled once per machine, not once per process.

spaCy's French tokenizer builds one 1.4 MB pattern (its `token_match`: "faux-vampire",
"Saint-Jean-de-Luz", ...) out of Unicode letter classes under IGNORECASE. Python compiles it
in about 6 s, every time the French model loads, i.e. in every worker that consults the model:
more than the whole rest of a Montpellier batch. Python keeps the bytecode of modules in
__pycache__; this keeps the compiled form of such patterns (the code list `re` hands to `_sre`)
in a cache folder, keyed by the pattern, its flags and the exact Python build, and rebuilds the
pattern from it in a few milliseconds. The rebuilt pattern is the same object `re.compile`
makes (same code, flags and groups: `==` holds between them, see tests/test_nlp.py).

It uses CPython internals (`re._parser`, `re._compiler._code`, `_sre.compile`); anything
unexpected — another Python, an unreadable or damaged cache file, a folder that cannot be
written — falls back to `re.compile`, so the cache can make loading slower never wrong."""
from __future__ import annotations

import array
import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Iterator

try:  # CPython's regular expression engine and compiler
    import _sre
    from re import _compiler, _parser
except ImportError:  # another implementation: no cache
    _sre = _compiler = _parser = None

CACHE_ENV = "DELIBERATA_REGEX_CACHE"  # a folder; "off" disables the cache
# only patterns this long are worth a file: spaCy's French token_match is 1.4 MB; the other
# patterns spaCy compiles while loading take milliseconds
MIN_PATTERN_LENGTH = 100_000
_CODE_TYPE = next((t for t in "ILQ" if array.array(t).itemsize == getattr(_sre, "CODESIZE", 0)), None)


def cache_folder() -> Path | None:
    configured = os.environ.get(CACHE_ENV)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "deliberata" / "regex"


def _key(pattern: str, flags: int) -> str:
    build = f"{sys.version}|{sys.implementation.cache_tag}|{getattr(_sre, 'MAGIC', '')}|{getattr(_sre, 'CODESIZE', '')}|{flags}|"
    return hashlib.sha256((build + pattern).encode("utf-8", "surrogatepass")).hexdigest()


def _build(pattern: str, header: dict, code: list[int]) -> re.Pattern:
    indexgroup = tuple(header["indexgroup"])
    return _sre.compile(pattern, header["flags"], code, header["groups"], header["groupindex"], indexgroup)


def _compile_and_store(pattern: str, flags: int, path: Path) -> re.Pattern:
    """What re._compiler.compile does, keeping the code list it makes."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    packed = array.array(_CODE_TYPE, code).tobytes()
    header = {"flags": flags | parsed.state.flags, "groups": parsed.state.groups - 1,
              "groupindex": groupindex, "indexgroup": indexgroup, "sha256": hashlib.sha256(packed).hexdigest()}
    compiled = _build(pattern, header, code)
    with contextlib.suppress(OSError):  # a read-only home: the next process compiles again
        path.parent.mkdir(parents=True, exist_ok=True)
        # written aside and renamed: two workers storing at once never leave half a file
        handle, partial = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        with os.fdopen(handle, "wb") as out:
            out.write(json.dumps(header).encode() + b"\n")
            out.write(packed)
        os.replace(partial, path)
    return compiled


def _load(pattern: str, path: Path) -> re.Pattern | None:
    try:
        raw = path.read_bytes()
        newline = raw.index(b"\n")
        header = json.loads(raw[:newline])
        packed = raw[newline + 1:]
        if hashlib.sha256(packed).hexdigest() != header["sha256"]:  # truncated or damaged
            return None
        code = array.array(_CODE_TYPE)
        code.frombytes(packed)
        return _build(pattern, header, code.tolist())
    except (OSError, ValueError, KeyError, TypeError, RuntimeError):  # damaged: compile afresh
        return None


def compile_cached(pattern: str, flags: int = 0, folder: Path | None = None) -> re.Pattern:
    """`re.compile(pattern, flags)`, from the cache folder when it holds this pattern."""
    folder = folder or cache_folder()
    flags = int(flags)
    if folder is None or _sre is None or _CODE_TYPE is None or flags & re.DEBUG:
        return re.compile(pattern, flags)
    path = folder / f"{_key(pattern, flags)}.sre"
    try:
        compiled = _load(pattern, path) if path.exists() else None
        return compiled if compiled is not None else _compile_and_store(pattern, flags, path)
    except (AttributeError, TypeError, ValueError, RuntimeError):  # another CPython's internals
        return re.compile(pattern, flags)


@contextlib.contextmanager
def large_patterns_cached(folder: Path | None = None) -> Iterator[None]:
    """While inside, `re.compile` takes patterns of MIN_PATTERN_LENGTH characters or more from
    the cache (for a library that compiles them at import or load time, e.g. spaCy)."""
    folder = folder or cache_folder()
    original = re.compile
    memo: dict[tuple[str, int], re.Pattern] = {}

    def compile(pattern, flags=0):
        if folder is None or not isinstance(pattern, str) or len(pattern) < MIN_PATTERN_LENGTH:
            return original(pattern, flags)
        key = (pattern, int(flags))
        if key not in memo:  # spaCy compiles the same pattern twice (module, then tokenizer data)
            memo[key] = compile_cached(pattern, flags, folder)
        return memo[key]

    re.compile = compile
    try:
        yield
    finally:
        re.compile = original
