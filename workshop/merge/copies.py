"""Merging two copies of one workshop that were edited apart (docs/MERGING.md).

`merge_files` reads two copies (never writing, locking or even touching them), merges them
record by record (`merge_rules`) and writes the result atomically to a new file, with a
merge log of the conflicts a person should look at; `settle` then settles each conflict.
No Textual here.
"""

from __future__ import annotations

import copy
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from workshop import model
from workshop.merge.rules import Outcome, Side, canonical, label, loggable, merge_pair
from workshop.store import (
    SaveError,
    SessionFileError,
    StoreError,
    DOC_KEY,
    atomic_create_bytes,
    atomic_write_bytes,
    backup_path,
    dumps,
    live_records,
    lock_is_stale,
    lock_path,
    read_lock,
    read_session_bytes,
    read_session_file,
    save_error_message,
    validate_session,
)

LOG_TABLE = "merge_log"
_COUNTED_AS = {"same": "same", "a": "from_a", "b": "from_b", "both": "both"}
STATES = ("open", "kept", "other_used")
# Conflicts that record what happened but leave nothing to choose between.
NOTHING_TO_CHOOSE = ("renamed", "table")


class MergeError(StoreError):
    """Two files that cannot be merged, or a merge log entry that cannot be applied."""


@dataclass
class MergeResult:
    """The merged workshop (`data`, as the file holds it), the merge log record added to it
    (None when the two copies were identical), how many records came from where, and the
    conflicts to review."""

    data: dict[str, Any]
    log: dict[str, Any] | None
    counts: dict[str, int]
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    names: tuple[str, str] = ("A", "B")
    path: Path | None = None

    def summary(self) -> str:
        """One line for a facilitator: what came from where, and how many conflicts."""
        a, b = self.names
        if self.log is None:
            return f"The two copies are identical: nothing to merge ({a} and {b})."
        c = self.counts
        n = c.get("conflicts", 0)
        parts = [f"{c.get('same', 0)} the same in both", f"{c.get('from_a', 0)} changed only in {a}",
                 f"{c.get('from_b', 0)} only in {b}"]
        if c.get("both"):
            parts.append(f"{c['both']} changed in both")
        conflicts = "no conflicts" if n == 0 else f"{n} conflict{'s' if n != 1 else ''} to review in the merge log"
        return f"Merged: {', '.join(parts)}; {conflicts}."


# --- the data -----------------------------------------------------------------------------


def merge_data(a: dict[str, Any], b: dict[str, Any], *, a_name: str, b_name: str, merged_at: str) -> MergeResult:
    """Merge two copies' data (each a parsed, validated session file). Pure and
    deterministic; merge(A, B) and merge(B, A) hold the same records, conflicts or not."""
    names = (a_name, b_name)
    if canonical(a) == canonical(b):
        same = sum(len(docs) for docs in a.values() if isinstance(docs, dict))
        return MergeResult(copy.deepcopy(a), None, {"same": same, "from_a": 0, "from_b": 0, "both": 0,
                                                     "conflicts": 0}, [], names)
    workshop_a, workshop_b = _workshop_of(a, a_name), _workshop_of(b, b_name)
    if workshop_a["id"] != workshop_b["id"]:
        raise MergeError(
            f"These are two different workshops, not copies of one: {a_name} is “{workshop_a.get('title')}” and "
            f"{b_name} is “{workshop_b.get('title')}”. Only copies of the same workshop can be merged; "
            "nothing was written.")
    side_a, side_b = Side("a", a_name), Side("b", b_name)
    conflicts: list[dict[str, Any]] = []
    a, b, renamed = _separate_shared_ids(a, b, side_a, side_b)
    conflicts.extend(renamed)
    counts = {"same": 0, "from_a": 0, "from_b": 0, "both": 0}
    out: dict[str, Any] = {}
    for table in [*a, *(t for t in b if t not in a)]:
        if table not in b or table not in a:
            only, key = (a[table], "from_a") if table in a else (b[table], "from_b")
            out[table] = copy.deepcopy(only)
            counts[key] += len(only) if isinstance(only, dict) else 1
        elif _is_record_table(a[table]) and _is_record_table(b[table]):
            out[table] = _merge_table(table, a[table], b[table], side_a, side_b, counts, conflicts)
        else:
            out[table] = _merge_opaque_table(table, a[table], b[table], side_a, side_b, counts, conflicts)
    counts["conflicts"] = len(conflicts)
    log = _log_record(a, b, names, counts, conflicts, merged_at)
    docs = out.setdefault(LOG_TABLE, {})
    docs[str(_next_key(docs))] = log
    return MergeResult(out, log, counts, conflicts, names)


def _workshop_of(data: dict[str, Any], name: str) -> dict[str, Any]:
    live = live_records(data, "workshop") if isinstance(data, dict) else []
    if len(live) != 1 or not isinstance(live[0].get("id"), str):
        raise MergeError(f"{name} is not a workshop file Team Day can merge (it has no single workshop record).")
    return live[0]


def _is_record_table(docs: Any) -> bool:
    """A table of numbered records, each with its own id, each id once."""
    if not isinstance(docs, dict):
        return False
    ids = set()
    for key, record in docs.items():
        if not DOC_KEY.fullmatch(str(key)) or not isinstance(record, dict):
            return False
        rid = record.get("id")
        if not isinstance(rid, str) or rid in ids:
            return False
        ids.add(rid)
    return True


def _ordered(docs: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return sorted(docs.items(), key=lambda item: int(item[0]))


def _next_key(docs: dict[str, Any]) -> int:
    return max((int(k) for k in docs if DOC_KEY.fullmatch(str(k))), default=0) + 1


def _merge_table(table: str, da: dict[str, Any], db: dict[str, Any], a: Side, b: Side,
                 counts: dict[str, int], conflicts: list[dict[str, Any]]) -> dict[str, Any]:
    """A's records where A numbers them, then B's own records after them in B's order."""
    by_id_b = {record["id"]: record for _, record in _ordered(db)}
    out: dict[str, Any] = {}
    for key, ra in _ordered(da):
        rb = by_id_b.get(ra["id"])
        if rb is None:
            out[key] = copy.deepcopy(ra)
            counts["from_a"] += 1
            continue
        outcome: Outcome = merge_pair(table, ra, rb, a, b)
        out[key] = outcome.record
        counts[_COUNTED_AS[outcome.source]] += 1
        conflicts.extend(outcome.conflicts)
    ids_a = {record["id"] for record in da.values()}
    n = _next_key(da)
    for _, rb in _ordered(db):
        if rb["id"] not in ids_a:
            out[str(n)] = copy.deepcopy(rb)
            n += 1
            counts["from_b"] += 1
    return out


def _merge_opaque_table(table: str, ta: Any, tb: Any, a: Side, b: Side, counts: dict[str, int],
                        conflicts: list[dict[str, Any]]) -> Any:
    """A table of another tool's making that is not numbered records with ids: kept whole.
    If the copies differ, the one that sorts last stands (a fixed rule, so the order of the
    files does not matter) and the other is kept in the log."""
    if canonical(ta) == canonical(tb):
        counts["same"] += 1
        return copy.deepcopy(ta)
    kept_a = canonical(ta) >= canonical(tb)
    kept, other = (ta, tb) if kept_a else (tb, ta)
    kept_side, other_side = (a, b) if kept_a else (b, a)
    other_value, as_json = loggable(other)
    entry = {"table": table, "id": None, "field": None, "label": f"the whole table {table}", "kept": None,
             "other": other_value, "kept_from": kept_side.name, "other_from": other_side.name,
             "kept_at": None, "other_at": None, "kind": "table", "state": "open"}
    if as_json:
        entry["other_json"] = True
    conflicts.append(entry)
    counts["both"] += 1
    return copy.deepcopy(kept)


def _separate_shared_ids(a: dict[str, Any], b: dict[str, Any], side_a: Side, side_b: Side):
    """An id lives in one table. If the copies hold one id in two different tables (only a
    file changed by hand can), both records are kept: the one in the table whose name sorts
    later gets the id "<id>-<table>", the same on every merge, so neither is lost and the
    merged file still has each id once."""
    where: dict[str, set[str]] = {}
    for data in (a, b):
        for table in model.TABLES:
            docs = data.get(table)
            if isinstance(docs, dict):
                for record in docs.values():
                    if isinstance(record, dict) and isinstance(record.get("id"), str):
                        where.setdefault(record["id"], set()).add(table)
    shared = {rid: tables for rid, tables in where.items() if len(tables) > 1}
    if not shared:
        return a, b, []
    a, b = dict(a), dict(b)
    notes = []
    for rid, tables in sorted(shared.items()):
        for table in sorted(tables)[1:]:
            new_id = _free_id(rid, table, where)
            where.setdefault(new_id, set()).add(table)
            for data, side in ((a, side_a), (b, side_b)):
                docs = data.get(table)
                key = next((k for k, r in docs.items() if r.get("id") == rid), None) if isinstance(docs, dict) else None
                if key is None:
                    continue
                docs = data[table] = dict(docs)
                record = docs[key] = {**docs[key], "id": new_id}
                if not model.is_tombstone(record):
                    notes.append({"table": table, "id": new_id, "field": "id", "label": label(table, record),
                                  "kept": new_id, "other": rid, "kept_from": side.name, "other_from": side.name,
                                  "kept_at": record.get("updated_at"), "other_at": None, "kind": "renamed",
                                  "state": "open"})
    return a, b, notes


def _free_id(rid: str, table: str, where: dict[str, set[str]]) -> str:
    """"<id>-<table>", or with a number after it if another table already uses that id.
    One already in `table` itself is this same record, renamed by an earlier merge."""
    candidate, n = f"{rid}-{table}", 2
    while where.get(candidate, {table}) - {table}:
        candidate, n = f"{rid}-{table}-{n}", n + 1
    return candidate


def _log_record(a: dict[str, Any], b: dict[str, Any], names: tuple[str, str], counts: dict[str, int],
                conflicts: list[dict[str, Any]], merged_at: str) -> dict[str, Any]:
    # The id comes from what was merged, so the same merge gives the same bytes.
    digest = hashlib.sha256(b"\0".join(sorted((canonical(a), canonical(b)))) + merged_at.encode()).hexdigest()
    return {"id": digest[:32], "created_at": merged_at, "updated_at": merged_at, "merged_at": merged_at,
            "files": [names[0], names[1]], "counts": dict(counts), "conflicts": conflicts, "versions": {}}


# --- the files ----------------------------------------------------------------------------


def merge_files(a: Path, b: Path, out: Path, *, force: bool = False, merged_at: str | None = None) -> MergeResult:
    """Merge copies `a` and `b` into the new file `out` (replaced only with `force`). The
    inputs are only read. Raises MergeError (or the store's own errors for a file that
    cannot be read) with the reason in plain words; nothing is written then."""
    a, b, out = Path(a), Path(b), Path(out)
    _check_output(out, (a, b), force=force)
    data_a, data_b = read_session_file(a), read_session_file(b)
    a_name, b_name = distinct_names(a, b)
    result = merge_data(data_a, data_b, a_name=a_name, b_name=b_name, merged_at=merged_at or model.now_iso())
    try:
        validate_session(out, result.data)
    except SessionFileError as exc:
        raise MergeError(f"The merged workshop would not be valid ({exc.reason}); nothing was written. "
                         "Please report this.") from None
    blob = dumps(result.data)
    try:
        if force and os.path.lexists(out):
            atomic_write_bytes(out, blob)
        else:
            atomic_create_bytes(out, blob)
    except FileExistsError:
        raise MergeError(f"{out} already exists; choose another name (or add --force to replace it).") from None
    except OSError as exc:
        raise SaveError(save_error_message(exc)) from None
    result.path = out
    return result


def distinct_names(a: Path, b: Path) -> tuple[str, str]:
    """The two files' names as the log shows them: the bare names, or as much of the folders
    as tells them apart ("laptop-a/day.json" and "laptop-b/day.json")."""
    pa, pb = Path(os.path.abspath(a)).parts, Path(os.path.abspath(b)).parts
    for n in range(1, max(len(pa), len(pb)) + 1):
        na, nb = "/".join(pa[-n:]), "/".join(pb[-n:])
        if na != nb:
            return na.lstrip("/"), nb.lstrip("/")
    return a.name, b.name


def _same_file(x: Path, y: Path) -> bool:
    try:
        if os.path.samefile(x, y):
            return True
    except OSError:
        pass
    return x.resolve() == y.resolve()


def _check_output(out: Path, inputs: tuple[Path, Path], *, force: bool) -> None:
    for given in inputs:
        for kept in (given, backup_path(given), lock_path(given)):
            if _same_file(out, kept):
                raise MergeError(f"{out} is one of the copies being merged (or its backup or lock); "
                                 "write the merged workshop to a new file.")
    if not out.parent.is_dir():
        raise MergeError(f"The folder {out.parent} does not exist; nothing was written.")
    if out.is_dir():
        raise MergeError(f"{out} is a folder; give a file name for the merged workshop.")
    if os.path.lexists(out):
        if not force:
            raise MergeError(f"{out} already exists; choose another name (or add --force to replace it).")
        holder = read_lock(out)
        if holder and not lock_is_stale(holder):
            raise MergeError(f"{out} is open in Team Day; close it there before replacing it.")


def workshop_id(path: Path) -> str | None:
    """The id of the workshop in `path`, read quickly without the full check; None if it
    cannot be read. For finding copies; `merge_files` checks properly."""
    try:
        data = orjson.loads(read_session_bytes(Path(path)))
        live = live_records(data, "workshop")
    except (StoreError, orjson.JSONDecodeError, TypeError, ValueError, AttributeError):
        return None
    if len(live) != 1 or not isinstance(live[0].get("id"), str):
        return None
    return live[0]["id"]


def copies_in(folder: Path, of: Path) -> list[Path]:
    """The other files in `folder` holding the same workshop as `of`, by name."""
    wanted = workshop_id(of)
    if wanted is None:
        return []
    try:
        candidates = sorted(p for p in Path(folder).glob("*.json") if p.is_file())
    except OSError:
        return []
    return [p for p in candidates if not _same_file(p, Path(of)) and workshop_id(p) == wanted]
