"""The kinds of value a session file's fields hold: cleaned text, dates, ids, times, counts
and the checks that refuse anything else (docs/FORMAT.md). `model` builds the tables from
these and re-exports them, so `model.clean_text` and the rest keep working.

Plain Python only (no Textual, no TinyDB).
"""

from __future__ import annotations

import functools
import re
import uuid
from datetime import date, datetime, timezone
from typing import Any, Callable, NamedTuple

# The longest text one field may hold. A whole pasted job description fits; a stray
# multi-megabyte paste does not, so it cannot make every later save slow.
MAX_TEXT = 200_000
MAX_SHORT = 2_000

# How deep lists and objects may nest in a whole session file (the top object is level 1,
# a table 2, a record 3, a field's own list 4...). Deeper values cannot be saved again (the
# JSON writer stops at 255 levels, copying at a few hundred), so a file holding one is
# refused when it is opened and such a value is refused when it is set.
MAX_DEPTH = 70

# XML 1.0 cannot hold these; python-docx raises on them and orjson refuses lone surrogates.
_DROPPED = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
# Of those, the ones that separate words (vertical tab, form feed, the file, group, record and
# unit separators) become a space: dropped, the words either side would run together.
_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1f]")
# Anything clean_text would change in ASCII text, bar the length.
_ASCII_TO_CLEAN = re.compile("[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@functools.cache
def _beyond_ascii() -> tuple[re.Pattern, re.Pattern]:
    """(anything clean_text would change, what it drops). Compiled when first needed: a class
    with ranges beyond ASCII takes about a millisecond to compile, time before the first
    screen is drawn, and most text is ASCII."""
    return re.compile("[\r" + _DROPPED[1:]), re.compile(_DROPPED)


def _clean_ascii(value: str) -> bool:
    """An ASCII text clean_text would leave as it is (bar its length)."""
    return value.isprintable() or _ASCII_TO_CLEAN.search(value) is None


def clean_text(value: str, *, limit: int = MAX_TEXT) -> str:
    """Text as it may be stored: control characters and unpaired surrogates dropped,
    CR/LF normalised, capped at `limit` characters."""
    if not isinstance(value, str):
        value = str(value)
    # Most text has nothing to clean: one search is much quicker than the replacements, and
    # every text field of a file is checked when it opens.
    if value.isascii():
        if _clean_ascii(value):
            return value[:limit]
    elif _beyond_ascii()[0].search(value) is None:
        return value[:limit]
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _SEPARATORS.sub(" ", value)
    value = _beyond_ascii()[1].sub("", value)
    return value[:limit]


def clean_line(value: str, *, limit: int = MAX_SHORT) -> str:
    """A one-line field: newlines and tabs become spaces, ends trimmed."""
    return " ".join(clean_text(value, limit=limit).split())


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return uuid.uuid4().hex


def parse_date(value: str | None) -> str | None:
    """Accepts YYYY-MM-DD (or empty for "no date"); raises ValueError with a plain reason."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ValueError(f"'{value}' is not a date; use YYYY-MM-DD, for example 2026-12-03")


def nesting(value: Any) -> int:
    """How many levels of lists and objects `value` holds (0 for text or a number).
    Iterative, so a hostile depth cannot exhaust the stack."""
    deepest = 0
    stack = [(value, 1)] if isinstance(value, (list, dict)) else []
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, (list, dict)))
    return deepest


class FieldError(ValueError):
    """A field that does not fit the format; `field` names it, the message says why."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def deeper_than(value: list | dict, limit: int) -> bool:
    """nesting(value) > limit for a list or an object; quick for the flat ones nearly every
    field holds (each field of every record is checked when a file opens)."""
    if limit >= 1:
        for child in (value.values() if isinstance(value, dict) else value):
            if isinstance(child, (list, dict)):
                break
        else:
            return False  # one level
    return nesting(value) > limit


# --- field kinds -------------------------------------------------------------------------

Check = Callable[[Any], Any]


# A check may carry `fast`: a quick test that is True only for values the check would
# accept and return unchanged. Every field of every record is checked when a file opens (and
# when the home screen lists it); nearly all values pass the quick test and skip the check.


def _text(limit: int = MAX_TEXT, *, line: bool = False) -> Check:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError("should be text")
        return clean_line(value, limit=limit) if line else clean_text(value, limit=limit)

    if line:
        def fast(value: Any) -> bool:
            # Printable ASCII has no white space but the space: one line, already joined.
            return (type(value) is str and len(value) <= limit and value.isascii() and value.isprintable()
                    and value[:1] != " " and value[-1:] != " " and "  " not in value)
    else:
        def fast(value: Any) -> bool:
            return type(value) is str and len(value) <= limit and value.isascii() and _clean_ascii(value)

    check.fast = fast  # type: ignore[attr-defined]
    return check


def _optional(check: Check) -> Check:
    def wrapped(value: Any) -> Any:
        return None if value is None else check(value)

    inner = getattr(check, "fast", None)
    if inner is not None:
        wrapped.fast = lambda value: value is None or inner(value)  # type: ignore[attr-defined]
    return wrapped


def _choice(*options: str) -> Check:
    def check(value: Any) -> str:
        if value not in options:
            raise TypeError(f"should be one of {', '.join(options)}")
        return value

    check.fast = lambda value: type(value) is str and value in options  # type: ignore[attr-defined]
    return check


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("should be true or false")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError("should be a whole number of 0 or more")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("should be a whole number")
    return value


_bool.fast = lambda value: type(value) is bool  # type: ignore[attr-defined]
_count.fast = lambda value: type(value) is int and value >= 0  # type: ignore[attr-defined]
_int.fast = lambda value: type(value) is int  # type: ignore[attr-defined]


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("should be a date (YYYY-MM-DD) or empty")
    try:
        return parse_date(value)
    except ValueError as exc:
        raise TypeError(str(exc)) from None


def _str_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("should be a list of text")
    return [clean_line(v) for v in value if clean_line(v)]


def _timeboxes(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise TypeError("should map activities to minutes")
    out = {}
    for key, minutes in value.items():
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 600:
            raise TypeError(f"minutes for {key} should be a whole number from 0 to 600")
        out[str(key)] = minutes
    return out


def _json_atom(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _flat_object(value: Any) -> dict[str, Any]:
    """An object of text keys to text, numbers, true/false, null or lists of text."""
    if not isinstance(value, dict):
        raise TypeError("should be an object")
    for key, item in value.items():
        if not isinstance(key, str):
            raise TypeError("should have text keys")
        if not (_json_atom(item) or (isinstance(item, list) and all(isinstance(v, str) for v in item))):
            raise TypeError(f"{key} should be text, a number, true/false, null or a list of text")
    return value


def versions(value: Any) -> dict[str, int]:
    """The `versions` meta field: copy id -> how many changes that copy made to the record."""
    if not isinstance(value, dict):
        raise TypeError("should map copies to counts")
    for key, count in value.items():
        if not isinstance(key, str) or isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise TypeError("should map copies to whole numbers of 0 or more")
    return value


def _object_list(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise TypeError("should be a list of objects")
    return value


def _any_json(value: Any) -> Any:
    return value


def _title(value: Any) -> str:
    value = _text(MAX_SHORT, line=True)(value)
    if not value:
        raise TypeError("should not be empty")
    return value


class Field(NamedTuple):  # not a dataclass: see content.Activity
    check: Check
    default: Callable[[], Any]


def _f(check: Check, default: Any = None) -> Field:
    make = default if callable(default) else (lambda d=default: d)
    return Field(check, make)


LINE = _text(MAX_SHORT, line=True)
TEXT = _text()
OPT_LINE = _optional(LINE)
