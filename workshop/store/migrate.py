"""Reading files of an older format: format 1 is upgraded to format 2 in memory.

Format 2 (docs/FORMAT.md, "Changes from version 1") only added things: the `opening`
activity, its notes (`kind` "vision" or "motivation", with `question`) and the number 2.
Every field of format 1 keeps its meaning, so a format 1 file becomes a format 2 one by
changing its number, once it is known to use nothing that format 1 did not have.

The upgrade happens where a file is read (`io.validate_session`), before its records are
checked, and changes only the data in memory: the file on disk stays as it was until the
workshop is next saved (a change, or a default filled in), and the `.bak` written when it
was opened keeps the original bytes. No Textual, no TinyDB.
"""

from __future__ import annotations

from typing import Any

from pathlib import Path

from workshop import model
from workshop.store.io import SessionFileError

OLDEST_VERSION = 1  # the oldest format still read, and upgraded in memory

# What format 2 added, that a format 1 file must not hold.
_V1_ACTIVITIES = ("review", "hopes_fears", "expertise", "job_description", "dual_roles", "concerns", "action_plan")
_V1_NOTE_KINDS = ("discussion", "gaps")


class MigrationError(ValueError):
    """A format 1 file that uses something format 1 did not have."""

    def __init__(self, table: str, record: str, field: str, reason: str):
        super().__init__(f"{table} {record} {field}: {reason}")
        self.table, self.record, self.field, self.reason = table, record, field, reason


def read_as_current(path: Path, data: dict[str, Any], workshop: dict[str, Any], version: Any) -> None:
    """Refuse a file that names no format or one older than any Team Day wrote; upgrade an
    older format Team Day did write. (A newer format was refused before this is called;
    a version that is not a whole number is left for the record checks to name.)"""
    rid = workshop.get("id") if isinstance(workshop.get("id"), str) else None
    if "schema_version" not in workshop:
        raise SessionFileError(
            path, f"it does not say which format it is in (schema_version is missing); Team Day files "
                  f"say format {model.SCHEMA_VERSION}", table="workshop", record=rid, field_name="schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version == model.SCHEMA_VERSION:
        return
    if version < OLDEST_VERSION:
        raise SessionFileError(
            path, f"should be {model.SCHEMA_VERSION}, not {version}: there is no Team Day format before "
                  f"{OLDEST_VERSION}, so this file was not written by Team Day or was changed by hand",
            table="workshop", record=rid, field_name="schema_version")
    try:
        upgrade(data, workshop, version)
    except MigrationError as exc:
        raise SessionFileError(path, exc.reason, table=exc.table, record=exc.record, field_name=exc.field) from None


def upgrade(data: dict[str, Any], workshop: dict[str, Any], version: int) -> int:
    """Bring `data` (a whole file, already parsed) from `version` to model.SCHEMA_VERSION
    in place; `workshop` is its one live workshop record. Returns the version it was in.
    Raises MigrationError for a value the file's own version did not allow."""
    if version == 1:
        _check_v1(data, workshop)
        workshop["schema_version"] = 2
    return version


def _live(data: dict[str, Any], table: str) -> list[tuple[str, dict[str, Any]]]:
    docs = data.get(table)
    if not isinstance(docs, dict):
        return []
    return [(key, r) for key, r in docs.items() if isinstance(r, dict) and not model.is_tombstone(r)]


def _name(key: str, record: dict[str, Any]) -> str:
    rid = record.get("id")
    return rid if isinstance(rid, str) and rid else f"#{key}"


def _check_v1(data: dict[str, Any], workshop: dict[str, Any]) -> None:
    why = "is new in format 2, but the file says format 1"
    current = workshop.get("current_activity")
    if isinstance(current, str) and current not in _V1_ACTIVITIES:
        raise MigrationError("workshop", _name("", workshop), "current_activity", f"'{current}' {why}")
    for key, note in _live(data, "notes"):
        activity, kind = note.get("activity"), note.get("kind", "discussion")
        if isinstance(activity, str) and activity not in _V1_ACTIVITIES:
            raise MigrationError("notes", _name(key, note), "activity", f"'{activity}' {why}")
        if isinstance(kind, str) and kind not in _V1_NOTE_KINDS:
            raise MigrationError("notes", _name(key, note), "kind", f"'{kind}' {why}")
