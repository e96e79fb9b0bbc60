"""Wording patterns that cannot freeze the app.

Python's `re` backtracks: a pattern such as `(a+)+$` from an organisation template or a
session file can take minutes on a short draft, and nothing can interrupt it. So every
wording pattern, shipped or not, is read here first and only a safe form is compiled:

- a repeated group (`(...)+`, `(?:...){2,5}`) is refused: a repeat may only repeat one
  character or character class. An optional group (`(...)?`) may hold anything else allowed;
- back-references and conditionals are refused;
- every repeat is capped at `MAX_REPEAT` characters (`\\w+` reads as `\\w{1,50}`), so one
  starting point can never scan the whole draft;
- the ways a match can be tried from one starting point are estimated, and a pattern whose
  estimate passes `MAX_PATHS` is refused. A repeat that cannot run into what follows it
  (`\\s+` before a word) costs nothing; one that can (`[^.]{0,60}` before `share`) costs
  its width.

A refused pattern raises `UnsafePattern`, whose message says why in plain words.
Plain Python: no Textual.
"""

from __future__ import annotations

import functools
import re
from typing import Any

try:  # the parser `re` itself uses; its module name is private but stable since 3.11
    from re import _constants as C, _parser as P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older layouts
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

MAX_REPEAT = 50
MAX_PATHS = 1_000
MAX_LENGTH = 1_000

# Characters standing in for "any character" when asking whether two classes overlap.
_SAMPLE = tuple(chr(c) for c in range(32, 127)) + tuple("\t\n\r\u00a0\u2013\u2014\u2019\u00e9\u00df\u4e2d")

_CATEGORY = {
    C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
    C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W",
}
_AT = {
    C.AT_BEGINNING: "^", C.AT_BEGINNING_STRING: r"\A", C.AT_BOUNDARY: r"\b",
    C.AT_NON_BOUNDARY: r"\B", C.AT_END: "$", C.AT_END_STRING: r"\Z",
}
_CHAR_OPS = {C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY, C.CATEGORY}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT} | ({C.POSSESSIVE_REPEAT} if hasattr(C, "POSSESSIVE_REPEAT") else set())
_FLAG_LETTERS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"),
                 (re.ASCII, "a"), (re.UNICODE, "u"), (re.LOCALE, "L"))


class UnsafePattern(ValueError):
    """A pattern that is not valid or could take too long; `str()` says why."""


@functools.lru_cache(maxsize=1024)
def safe_compile(pattern: str) -> re.Pattern[str]:
    """The case-insensitive compiled form of `pattern`, with every repeat capped, or
    `UnsafePattern` saying why it cannot be used."""
    return re.compile(safe_source(pattern), re.IGNORECASE)


def problem(pattern: str) -> str | None:
    """Why `pattern` cannot be used, or None when it can."""
    try:
        safe_compile(pattern)
    except UnsafePattern as exc:
        return str(exc)
    return None


def safe_source(pattern: str) -> str:
    """The pattern rewritten with capped repeats (see the module notes)."""
    if len(pattern) > MAX_LENGTH:
        raise UnsafePattern(f"is longer than {MAX_LENGTH} characters")
    try:
        parsed = P.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError, OverflowError) as exc:
        raise UnsafePattern(f"is not a valid regular expression ({exc})") from None
    items = list(parsed)
    paths = _paths(items, frozenset(), True)
    if paths > MAX_PATHS:
        raise UnsafePattern(
            "could take too long on a long draft: parts of it can match the same text in many ways; "
            "give repeats a small limit such as {0,30}, or write the words out")
    return _unparse(items)


# --- cost -------------------------------------------------------------------------------------


def _paths(items: list[Any], follow: frozenset[str], at_end: bool) -> int:
    """An upper bound on the ways to try `items` from one starting point. `follow` is the set
    of sample characters that can come next after them; `at_end` when nothing has to."""
    total = 1
    for i, (op, av) in enumerate(items):
        after, nullable = _first_of(items[i + 1:])
        nxt = after | follow if nullable else after
        end = at_end and nullable
        if op in _REPEATS:
            low, high, body = av
            body = list(body)
            if high > 1 or high == C.MAXREPEAT:
                if len(body) != 1 or body[0][0] not in _CHAR_OPS:
                    raise UnsafePattern("repeats a group; only a single character or class may be "
                                        "repeated (an optional group, written (...)?, is fine)")
                width = min(high, MAX_REPEAT) - min(low, MAX_REPEAT) + 1
                # A repeat that cannot run into what follows gives characters back one at a
                # time, but each try fails at once: it adds work rather than multiplying it.
                if op != getattr(C, "POSSESSIVE_REPEAT", None) and _chars(body[0]) & nxt:
                    total *= width
            else:
                first, empty = _first_of(body)
                inner = _paths(body, nxt, end)
                # Either the optional part starts here or what follows does; when they
                # cannot start alike, only one way is ever followed.
                total *= inner if not empty and not (first & nxt) and not end else inner + 1
        elif op == C.SUBPATTERN:
            total *= _paths(list(av[-1]), nxt, end)
        elif op == getattr(C, "ATOMIC_GROUP", None):
            total *= _paths(list(av), nxt, end)
        elif op == C.BRANCH:
            total *= _branch_paths([list(b) for b in av[1]], nxt, end)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            total *= _paths(list(av[1]), frozenset(_SAMPLE), True) + 1
        elif op in (C.GROUPREF, getattr(C, "GROUPREF_EXISTS", None), getattr(C, "GROUPREF_IGNORE", None)):
            raise UnsafePattern("refers back to an earlier group; write the words out instead")
        elif op not in _CHAR_OPS and op != C.AT:
            raise UnsafePattern(f"uses something a wording pattern cannot ({op})")
        if total > MAX_PATHS:
            return total
    return total


def _branch_paths(branches: list[list[Any]], follow: frozenset[str], at_end: bool) -> int:
    """Alternatives are tried in turn, but one that differs from the text early fails at
    once: only alternatives that can start alike multiply the work ("care" and "cared"
    can, "medication" and "meds" cannot get past "med")."""
    shapes = [(_first_of(b), _prefix(b)) for b in branches]

    def alike(one: Any, other: Any) -> bool:
        (first, empty), prefix = one
        (first2, empty2), prefix2 = other
        if empty or empty2 or not first & first2:
            return empty or empty2
        return prefix.startswith(prefix2) or prefix2.startswith(prefix)

    most = max(sum(1 for other in shapes if alike(mine, other)) for mine in shapes)
    return most * max(_paths(b, follow, at_end) for b in branches)


def _prefix(items: list[Any]) -> str:
    """The literal letters a sequence must start with (lower case), as far as they go."""
    out = []
    for op, av in items:
        if op == C.AT:
            continue
        if op != C.LITERAL:
            break
        out.append(chr(av).casefold())
    return "".join(out)


def _first_of(items: list[Any]) -> tuple[frozenset[str], bool]:
    """The sample characters `items` can start with, and whether they can match nothing."""
    found: set[str] = set()
    for op, av in items:
        if op == C.AT or op in (C.ASSERT, C.ASSERT_NOT):
            continue
        if op in _CHAR_OPS:
            return frozenset(found | _chars((op, av))), False
        if op in _REPEATS:
            inner, nullable = _first_of(list(av[2]))
            found |= inner
            if av[0] > 0 and not nullable:
                return frozenset(found), False
            continue
        if op == C.SUBPATTERN:
            inner, nullable = _first_of(list(av[-1]))
        elif op == getattr(C, "ATOMIC_GROUP", None):
            inner, nullable = _first_of(list(av))
        elif op == C.BRANCH:
            inner, nullable = set(), False
            for branch in av[1]:
                chars, empty = _first_of(list(branch))
                inner |= chars
                nullable = nullable or empty
        else:  # something _paths refuses; assume the worst
            return frozenset(_SAMPLE), True
        found |= inner
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def _chars(item: tuple[Any, Any]) -> frozenset[str]:
    return _chars_for(_unparse([item]))


@functools.lru_cache(maxsize=512)
def _chars_for(source: str) -> frozenset[str]:
    one = re.compile(source, re.IGNORECASE)
    return frozenset(ch for ch in _SAMPLE if one.fullmatch(ch))


# --- back to text ----------------------------------------------------------------------------


def _unparse(items: list[Any]) -> str:
    return "".join(_item(op, av) for op, av in items)


def _item(op: Any, av: Any) -> str:
    if op == C.LITERAL:
        return re.escape(chr(av))
    if op == C.NOT_LITERAL:
        return "[^" + _class_char(av) + "]"
    if op == C.ANY:
        return "."
    if op == C.CATEGORY:
        return _CATEGORY[av]
    if op == C.AT:
        return _AT[av]
    if op == C.IN:
        return _class(av)
    if op in _REPEATS:
        low, high, body = av
        low, high = min(low, MAX_REPEAT), (MAX_REPEAT if high == C.MAXREPEAT else min(high, MAX_REPEAT))
        inner = _unparse(list(body))
        if not (len(body) == 1 and list(body)[0][0] in _CHAR_OPS):
            inner = f"(?:{inner})"
        suffix = {C.MIN_REPEAT: "?", getattr(C, "POSSESSIVE_REPEAT", None): "+"}.get(op, "")
        return f"{inner}{{{low},{high}}}{suffix}"
    if op == C.SUBPATTERN:
        group, add, remove, body = av
        inner = _unparse(list(body))
        flags = _flags(add) + ("-" + _flags(remove) if remove else "")
        if flags:
            return f"(?{flags}:{inner})"
        return f"({inner})" if group is not None else f"(?:{inner})"
    if op == getattr(C, "ATOMIC_GROUP", None):
        return f"(?>{_unparse(list(av))})"
    if op == C.BRANCH:
        return "(?:" + "|".join(_unparse(list(b)) for b in av[1]) + ")"
    if op in (C.ASSERT, C.ASSERT_NOT):
        direction, body = av
        head = ("(?=" if op == C.ASSERT else "(?!") if direction >= 0 else ("(?<=" if op == C.ASSERT else "(?<!")
        return head + _unparse(list(body)) + ")"
    raise UnsafePattern(f"uses something a wording pattern cannot ({op})")


def _flags(value: int) -> str:
    return "".join(letter for flag, letter in _FLAG_LETTERS if value & flag and flag != re.VERBOSE
                   and flag != re.UNICODE)


def _class_char(code: int) -> str:
    ch = chr(code)
    return "\\" + ch if ch in "\\]^-[" else (re.escape(ch) if not ch.isprintable() else ch)


def _class(av: list[Any]) -> str:
    parts, negate = [], False
    for op, value in av:
        if op == C.NEGATE:
            negate = True
        elif op == C.LITERAL:
            parts.append(_class_char(value))
        elif op == C.RANGE:
            parts.append(_class_char(value[0]) + "-" + _class_char(value[1]))
        elif op == C.CATEGORY:
            parts.append(_CATEGORY[value])
        else:
            raise UnsafePattern(f"uses a character class a wording pattern cannot ({op})")
    return "[" + ("^" if negate else "") + "".join(parts) + "]"
