"""Where a key is written in a TOML file: tomllib gives values but no positions, and a
template's mistakes must be refused with their line (`workshop.template`).

`key_lines` lists every table header and key with its line; `locate` finds one key path.
Plain Python: no Textual, no TinyDB.
"""

from __future__ import annotations

import re
import tomllib
from typing import Iterable

_BARE = r"[A-Za-z0-9_-]+"
_BASIC = r'"(?:[^"\\\n]|\\.)*"'
_LITERAL = r"'[^'\n]*'"
_PART = rf"(?:{_BARE}|{_BASIC}|{_LITERAL})"
_DOTTED = rf"{_PART}(?:[ \t]*\.[ \t]*{_PART})*"
_HEADER = re.compile(rf"[ \t]*(\[\[|\[)[ \t]*({_DOTTED})[ \t]*(\]\]|\])")
_KEY_LINE = re.compile(rf"[ \t]*({_DOTTED})[ \t]*=")
_ONE_PART = re.compile(_PART)

Path_ = tuple[str | int, ...]


def _key_parts(dotted: str) -> list[str]:
    parts = []
    for match in _ONE_PART.finditer(dotted):
        token = match.group(0)
        if token[0] in "\"'":
            try:
                token = next(iter(tomllib.loads(f"{token} = 0")))
            except (tomllib.TOMLDecodeError, StopIteration):
                token = token[1:-1]
        parts.append(token)
    return parts


def key_lines(text: str) -> list[tuple[Path_, int]]:
    """Every table header and key in `text` with its line (1-based), in order. A path is the
    key path as tomllib would nest it, with the index of each array-of-tables element:
    the `gist` of the second `[[concern]]` is ("concern", 1, "gist")."""
    found: list[tuple[Path_, int]] = []
    arrays: dict[Path_, int] = {}  # array of tables -> index of its latest element
    table: Path_ = ()
    mode = ""  # "" outside strings, or the delimiter of the multi-line string we are in
    depth = 0  # open brackets and braces of a value that spans lines

    def resolve(parts: list[str]) -> Path_:
        path: Path_ = ()
        for part in parts:
            path += (part,)
            if path in arrays:
                path += (arrays[path],)
        return path

    for number, line in enumerate(text.split("\n"), start=1):
        if not mode and depth == 0:
            header = _HEADER.match(line)
            if header and (header.group(1) == "[[") == (header.group(3) == "]]"):
                parts = _key_parts(header.group(2))
                parent = resolve(parts[:-1]) + (parts[-1],)
                if header.group(1) == "[[":
                    arrays[parent] = arrays.get(parent, -1) + 1
                    if arrays[parent] == 0:
                        found.append((parent, number))
                    table = parent + (arrays[parent],)
                else:
                    table = parent
                found.append((table, number))
            else:
                key = _KEY_LINE.match(line)
                if key:
                    found.append((table + tuple(_key_parts(key.group(1))), number))
        mode, depth = _scan(line, mode, depth)
    return found


def _scan(line: str, mode: str, depth: int) -> tuple[str, int]:
    """The string and bracket state after `line`, so keys are only looked for where they can be."""
    i, n = 0, len(line)
    while i < n:
        if mode:
            if mode == '"""' and line[i] == "\\":
                i += 2
                continue
            if line.startswith(mode, i):
                i += 3
                while i < n and line[i] == mode[0]:  # up to two quotes may end the string's text
                    i += 1
                mode = ""
                continue
            i += 1
            continue
        char = line[i]
        if char == "#":
            break
        if line.startswith('"""', i) or line.startswith("'''", i):
            mode = line[i:i + 3]
            i += 3
            continue
        if char in "\"'":
            i += 1
            while i < n and line[i] != char:
                i += 2 if char == '"' and line[i] == "\\" else 1
            i += 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(0, depth - 1)
        i += 1
    return mode, depth


def locate(text: str, path: Iterable[str | int]) -> int | None:
    """The line (1-based) where the key `path` is written, or failing that where its nearest
    enclosing table or key is, or the first line that sets something inside it."""
    path = tuple(path)
    best, score = None, -1.0
    for where, line in key_lines(text):
        if where == path:
            return line
        if path[:len(where)] == where:
            rank = float(len(where))
        elif where[:len(path)] == path:
            rank = len(path) - 0.5
        else:
            continue
        if rank > score:
            best, score = line, rank
    return best
