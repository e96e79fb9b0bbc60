"""Settling a merge's conflicts afterwards (docs/MERGING.md): `use_other` and `keep` change
the record and the merge log together, through the ordinary store or the app's history, so
the choice is one step, saved and versioned like any other change. No Textual here."""

from __future__ import annotations

from typing import Any

import orjson

from workshop import model
from workshop.merge.copies import LOG_TABLE, NOTHING_TO_CHOOSE, MergeError
from workshop.store import Session


def merge_logs(session: Session) -> list[dict[str, Any]]:
    """The merges recorded in this workshop, oldest first."""
    return sorted(session.records(LOG_TABLE), key=lambda r: (str(r.get("merged_at")), str(r.get("id"))))


def use_other(session: Session, log_id: str, index: int) -> None:
    """Put the other copy's value in place of the one the merge kept, and note it in the log.
    `session` is a Session or, in the app, its History: the record and the log change in
    one step and one save."""
    log, entry = _entry(session, log_id, index)
    kind = entry.get("kind")
    if kind in NOTHING_TO_CHOOSE:
        raise MergeError("Both versions were kept here, so there is nothing to choose.")
    with session.step("use the other copy's version"):
        _apply(session, entry, conflict_value(entry, "other"), use="other")
        _decide(session, log, index, "other_used")


def keep(session: Session, log_id: str, index: int) -> None:
    """Keep the value the merge chose (putting it back if the other was used), and note it."""
    log, entry = _entry(session, log_id, index)
    with session.step("keep the merged version"):
        if entry.get("state") == "other_used" and entry.get("kind") not in NOTHING_TO_CHOOSE:
            _apply(session, entry, conflict_value(entry, "kept"), use="kept")
        _decide(session, log, index, "kept")


def _entry(session: Session, log_id: str, index: int) -> tuple[dict[str, Any], dict[str, Any]]:
    log = session.get(LOG_TABLE, log_id)
    if log is None:
        raise MergeError("That merge is no longer in the log.")
    conflicts = log.get("conflicts") or []
    if not 0 <= index < len(conflicts) or not isinstance(conflicts[index], dict):
        raise MergeError("That conflict is not in the merge log.")
    return log, conflicts[index]


def conflict_value(entry: dict[str, Any], which: str) -> Any:
    """A conflict entry's "kept" or "other" value as it was (one too deep to sit in the log
    was stored as JSON text)."""
    value = entry.get(which)
    if entry.get(f"{which}_json") and isinstance(value, str):
        return orjson.loads(value)
    return value


def _apply(session: Session, entry: dict[str, Any], value: Any, *, use: str) -> None:
    """Make the record hold the chosen version: a field's value, or the record deleted or
    brought back."""
    table, rid, kind = entry.get("table"), entry.get("id"), entry.get("kind")
    if not isinstance(table, str) or not isinstance(rid, str):
        raise MergeError("This conflict does not say which item it is about.")
    live = session.get(table, rid)
    # For "deleted" the merge kept the deletion and `other` is the record; for "restored" it
    # kept the record and the other copy had deleted it.
    wants_record = {"deleted": use == "other", "restored": use == "kept"}.get(kind)
    if wants_record is True:
        if live is None:
            if not isinstance(value, dict):
                raise MergeError("The deleted item's words are not in the log, so it cannot be brought back.")
            session.restore(table, {**value, "id": rid})
        return
    if wants_record is False:
        if live is not None:
            session.delete(table, rid)
        return
    name = entry.get("field")
    if not isinstance(name, str):
        raise MergeError("This conflict does not say which field it is about.")
    if live is None:
        raise MergeError("That item is no longer there (it has been deleted since the merge).")
    session.update(table, rid, **{name: value})


def _decide(session: Session, log: dict[str, Any], index: int, state: str) -> None:
    conflicts = [dict(c) if isinstance(c, dict) else c for c in log.get("conflicts") or []]
    conflicts[index] = {**conflicts[index], "state": state, "decided_at": model.now_iso()}
    session.update(LOG_TABLE, log["id"], conflicts=conflicts)
