"""Records as the session hands them out and takes them in: copies safe to give away,
fields checked and cleaned before they are stored. No Textual, no TinyDB."""

from __future__ import annotations

import copy
from typing import Any

import orjson

from workshop import model
from workshop.store.io import StoreError, dumps

_ATOMS = frozenset((str, int, float, bool, type(None)))
# Not a field anyone may set: its presence is what makes a record a tombstone.
_RESERVED = (*model.META_FIELDS, "deleted_at")


def copy_record(record: dict[str, Any], defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    """A copy safe to hand out (over `defaults`): records are JSON, mostly flat, so only
    nested values need a deep copy. `versions` is the store's own bookkeeping for merging
    copies (store_versions): callers never see or set it."""
    out = {**defaults, **record} if defaults else dict(record)
    out.pop("versions", None)
    for name, value in out.items():
        if type(value) not in _ATOMS:
            out[name] = copy.deepcopy(value)
    return out


def in_key_order(docs: Any) -> bool:
    if not isinstance(docs, dict):
        return True
    last = -1
    for key in docs:
        n = int(key)
        if n < last:
            return False
        last = n
    return True


def encode(data: dict[str, Any]) -> bytes:
    try:
        return dumps(data)
    except orjson.JSONEncodeError as exc:
        raise StoreError(f"Not saved: a value cannot be stored in the file ({exc}).") from None


def checked(table: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Known fields validated and cleaned; unknown ones copied as they are; ids, times and
    `deleted_at` dropped (the store sets those)."""
    try:
        out = model.check_fields(table, {k: v for k, v in fields.items() if k not in _RESERVED})
    except model.FieldError as exc:
        raise StoreError(f"Not saved: {exc.field} {exc.reason}.") from None
    known = model.TABLES.get(table, {})
    for name, value in out.items():
        if name not in known and type(value) not in _ATOMS:
            if model.nesting(value) > model.MAX_DEPTH - 3:
                raise StoreError(f"Not saved: {name} is nested more than {model.MAX_DEPTH} levels deep.")
            out[name] = copy.deepcopy(value)
    return out
