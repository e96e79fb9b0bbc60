"""The record-level rules of merging two copies of one workshop (docs/MERGING.md).

Each function decides one case for two versions of the same record (same `id`), one from
each copy, and says where the result came from and which conflicts it leaves to review.
Pure: plain data in, plain data out. `workshop.merge` applies them table by table.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import orjson

from workshop import model
from workshop.store.versions import combined, dominates, versions_of

# Fields the store keeps itself: never listed as conflicts.
META = ("id", "created_at", "updated_at", "versions")
# Fields the app moves about without anyone meaning to change them: resolved by the same
# rule as any other, but not listed.
SILENT = {("workshop", "current_activity")}
# Where a short description of a record is found, first present wins.
LABEL_FIELDS = ("text", "task", "situation", "title", "phrase", "name", "role", "criterion", "sign", "merged_at")
LABEL_LENGTH = 60
# A conflict entry sits 2 levels inside the merge log's `conflicts` field; a value nested
# deeper than this is kept as JSON text so the merged file stays within model.MAX_DEPTH.
_LOGGABLE_DEPTH = model.MAX_DEPTH - 6
_ABSENT = object()


def canonical(value: Any) -> bytes:
    """One spelling per JSON value (keys sorted), so comparisons and tie-breaks do not depend
    on which copy a value came from or how its keys happen to be ordered."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)


@dataclass
class Side:
    """One input: its name as shown in the log ("riverside.json") and its key ("a" or "b")."""

    key: str
    name: str


@dataclass
class Outcome:
    """The merged record, which side it came from ("same", "a", "b" or "both"), and the
    conflicts a person should look at."""

    record: dict[str, Any]
    source: str
    conflicts: list[dict[str, Any]] = field(default_factory=list)


def label(table: str, record: dict[str, Any]) -> str:
    """A short readable description of a record: the start of its text, task, situation..."""
    for name in LABEL_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            words = " ".join(value.split())
            return words if len(words) <= LABEL_LENGTH else words[: LABEL_LENGTH - 1] + "…"
    rid = str(record.get("id", ""))
    return f"{table} {rid[:8]}".strip()


def loggable(value: Any) -> tuple[Any, bool]:
    """`value` as it can sit in a conflict entry, and whether it had to be kept as JSON text."""
    if isinstance(value, (dict, list)) and model.nesting(value) > _LOGGABLE_DEPTH:
        return canonical(value).decode("utf-8"), True
    return copy.deepcopy(value), False


def _content(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "versions"}


def _effective(table: str, record: dict[str, Any], name: str) -> Any:
    """A field's value, a missing known field reading as its default (as the app reads it)."""
    if name in record:
        return record[name]
    known = model.TABLES.get(table, {}).get(name)
    if known is not None:
        return known.default()
    return _ABSENT


def _later(ra: dict[str, Any], rb: dict[str, Any], stamp: str = "updated_at") -> str | None:
    """"a" or "b", whichever changed later; None when the times are the same."""
    ta, tb = str(ra.get(stamp) or ""), str(rb.get(stamp) or "")
    if ta == tb:
        return None
    return "a" if ta > tb else "b"


def _pick(value_a: Any, value_b: Any, later: str | None) -> str:
    """Which side's value wins: the later change; on a tie of times, the larger canonical
    JSON, so merge(A, B) and merge(B, A) agree."""
    if later is not None:
        return later
    return "a" if canonical(_plain(value_a)) >= canonical(_plain(value_b)) else "b"


def _plain(value: Any) -> Any:
    return None if value is _ABSENT else value


def differing_fields(table: str, ra: dict[str, Any], rb: dict[str, Any]) -> list[str]:
    """Fields whose values differ (a missing known field counts as its default), in the
    order of a's fields then b's own, `versions` and `updated_at` aside."""
    names = [*ra, *(k for k in rb if k not in ra)]
    out = []
    for name in names:
        if name in ("versions", "updated_at"):
            continue
        va, vb = _effective(table, ra, name), _effective(table, rb, name)
        if va is _ABSENT or vb is _ABSENT:
            if va is not vb:
                out.append(name)
        elif canonical(va) != canonical(vb):
            out.append(name)
    return out


# --- the cases ----------------------------------------------------------------------------------


def merge_pair(table: str, ra: dict[str, Any], rb: dict[str, Any], a: Side, b: Side) -> Outcome:
    """Two versions of one record, from copy a and copy b."""
    a_gone, b_gone = model.is_tombstone(ra), model.is_tombstone(rb)
    if a_gone and b_gone:
        return Outcome(earlier_deletion(ra, rb), "same")
    if not a_gone and not b_gone and not differing_fields(table, ra, rb):
        return Outcome(same_content(ra, rb), "same")
    va, vb = versions_of(ra), versions_of(rb)
    if dominates(va, vb):
        return Outcome(copy.deepcopy(ra), "a")
    if dominates(vb, va):
        return Outcome(copy.deepcopy(rb), "b")
    if a_gone:
        return deletion_against_edit(table, ra, rb, deleted_on=a, edited_on=b)
    if b_gone:
        return deletion_against_edit(table, rb, ra, deleted_on=b, edited_on=a)
    if table == "merge_log":
        return Outcome(merged_log_record(ra, rb), "both")
    return field_by_field(table, ra, rb, a, b)


def earlier_deletion(ta: dict[str, Any], tb: dict[str, Any]) -> dict[str, Any]:
    """Deleted on both copies: the first deletion stands, having seen both copies' changes."""
    first = ta if str(ta.get("deleted_at")) <= str(tb.get("deleted_at")) else tb
    out = copy.deepcopy(first)
    out["versions"] = combined(versions_of(ta), versions_of(tb))
    return out


def same_content(ra: dict[str, Any], rb: dict[str, Any]) -> dict[str, Any]:
    """The same words on both copies (perhaps typed on both): nothing to choose. The later
    time stamp is kept, and both copies' counts."""
    side = _later(ra, rb) or ("a" if canonical(_content(ra)) >= canonical(_content(rb)) else "b")
    out = copy.deepcopy(ra if side == "a" else rb)
    out["versions"] = combined(versions_of(ra), versions_of(rb))
    return out


def field_by_field(table: str, ra: dict[str, Any], rb: dict[str, Any], a: Side, b: Side) -> Outcome:
    """Changed on both copies: each field that differs takes the value changed later; every
    such field is a conflict to review (but the store's own fields and the silent ones)."""
    later = _later(ra, rb)
    differ = set(differing_fields(table, ra, rb))
    out: dict[str, Any] = {}
    conflicts = []
    for name in [*ra, *(k for k in rb if k not in ra)]:
        if name == "versions":
            continue
        if name == "updated_at":
            out[name] = max(str(ra.get(name) or ""), str(rb.get(name) or ""))
            continue
        if name not in differ:
            out[name] = copy.deepcopy(ra[name] if name in ra else rb[name])
            continue
        va, vb = _effective(table, ra, name), _effective(table, rb, name)
        winner = _pick(va, vb, later)
        source = ra if winner == "a" else rb
        if name in source:
            out[name] = copy.deepcopy(source[name])
        if name in META or (table, name) in SILENT:
            continue
        kept, other = (va, vb) if winner == "a" else (vb, va)
        kept_side, other_side = (a, b) if winner == "a" else (b, a)
        kept_rec, other_rec = (ra, rb) if winner == "a" else (rb, ra)
        conflicts.append(_entry(table, out, "field", name, _plain(kept), _plain(other), kept_side, other_side,
                                kept_rec.get("updated_at"), other_rec.get("updated_at")))
    out["versions"] = combined(versions_of(ra), versions_of(rb))
    for entry in conflicts:  # now that the record is whole
        entry["id"], entry["label"] = out.get("id"), label(table, out)
    return Outcome(out, "both", conflicts)


def deletion_against_edit(table: str, tomb: dict[str, Any], live: dict[str, Any], *,
                          deleted_on: Side, edited_on: Side) -> Outcome:
    """Deleted on one copy, changed on the other without knowing of the deletion. The later
    of the two stands; if the deletion does, the record goes whole into the conflict, so a
    person can bring it back from the merge log."""
    versions = combined(versions_of(tomb), versions_of(live))
    edited_at, deleted_at = str(live.get("updated_at") or ""), str(tomb.get("deleted_at") or "")
    content = _content(live)
    if edited_at > deleted_at:
        kept = copy.deepcopy(live)
        kept["versions"] = versions
        entry = _entry(table, kept, "restored", None, content, None, edited_on, deleted_on, edited_at, deleted_at)
        return Outcome(kept, "both", [entry])
    gone = copy.deepcopy(tomb)
    gone["versions"] = versions
    entry = _entry(table, content, "deleted", None, None, content, deleted_on, edited_on, deleted_at, edited_at)
    return Outcome(gone, "both", [entry])


def merged_log_record(ra: dict[str, Any], rb: dict[str, Any]) -> dict[str, Any]:
    """A merge log record reviewed on both copies: each conflict keeps the decision taken
    last (an undecided one has no time and loses to any decision). Never a conflict itself."""
    later = _pick(_content(ra), _content(rb), _later(ra, rb))
    out = copy.deepcopy(ra if later == "a" else rb)
    out["updated_at"] = max(str(ra.get("updated_at") or ""), str(rb.get("updated_at") or ""))
    ca, cb = ra.get("conflicts"), rb.get("conflicts")
    if isinstance(ca, list) and isinstance(cb, list) and len(ca) == len(cb):
        out["conflicts"] = [copy.deepcopy(_later_decision(x, y)) for x, y in zip(ca, cb)]
    out["versions"] = combined(versions_of(ra), versions_of(rb))
    return out


def _later_decision(x: Any, y: Any) -> Any:
    if not (isinstance(x, dict) and isinstance(y, dict)):
        return x if canonical(x) >= canonical(y) else y
    side = _later(x, y, "decided_at")
    if side is None:
        return x if canonical(x) >= canonical(y) else y
    return x if side == "a" else y


def _entry(table: str, record: dict[str, Any], kind: str, field_name: str | None, kept: Any, other: Any,
           kept_side: Side, other_side: Side, kept_at: Any, other_at: Any) -> dict[str, Any]:
    kept, kept_json = loggable(kept)
    other, other_json = loggable(other)
    entry = {
        "table": table, "id": record.get("id"), "field": field_name, "label": label(table, record),
        "kept": kept, "other": other, "kept_from": kept_side.name, "other_from": other_side.name,
        "kept_at": kept_at, "other_at": other_at, "kind": kind, "state": "open",
    }
    if kept_json:
        entry["kept_json"] = True
    if other_json:
        entry["other_json"] = True
    return entry
