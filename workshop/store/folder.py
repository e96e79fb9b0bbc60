"""The sessions folder: safe file names, summaries for the home screen and `workshop list`,
deleting a workshop, putting a backup back. `workshop.store` re-exports these names.
"""

from __future__ import annotations

import os
import re
import unicodedata
from datetime import datetime, timezone
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator, Mapping, NamedTuple

import orjson

from workshop import model, platform
from workshop.store.io import (
    LockedError,
    SaveError,
    StoreError,
    atomic_write_bytes,
    backup_path,
    describe_holder,
    live_records,
    lock_path,
    parse_session_bytes,
    read_session_bytes,
    read_session_file,
    save_error_message,
)
from workshop.store.lock import _lock_age, lock_is_stale, read_lock

_SLUG_MAX = 60


# --- names --------------------------------------------------------------------------------


def slugify(title: str) -> str:
    """A file name stem made only of a-z, 0-9 and '-': no path separators, no dots, never empty."""
    text = unicodedata.normalize("NFKD", str(title)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    text = text[:_SLUG_MAX].strip("-") or "workshop"
    if platform.is_reserved_name(text):  # CON, NUL, COM1...: Windows will not make that file
        text = f"{text}-workshop"
    return text


def unique_session_path(folder: Path, title: str) -> Path:
    """`folder/<slug>.json`, numbered if that name (or its backup or lock) is taken."""
    folder = Path(folder)
    slug = slugify(title)
    candidate = folder / f"{slug}.json"
    n = 2
    while any(os.path.lexists(p) for p in (candidate, lock_path(candidate), backup_path(candidate))):
        candidate = folder / f"{slug}-{n}.json"
        n += 1
    return candidate


# --- summaries ------------------------------------------------------------------------------


# A named tuple, not a dataclass: it is defined before the home screen's first frame, and a
# dataclass compiles its methods each time the app starts (see content.Activity).
class SessionSummary(NamedTuple):
    path: Path
    title: str = ""
    team: str = ""
    date: str | None = None
    changed: datetime | None = None
    counts: Mapping[str, int] = MappingProxyType({})
    current_activity: str = ""
    problem: str | None = None  # why it cannot be opened, in plain words
    locked_by: str | None = None
    follows: str | None = None  # a follow-up review: the title of the workshop it follows
    workshop_id: str | None = None  # tells a sync engine's conflict copy from a namesake
    merged_in: tuple[tuple[str, str], ...] = ()  # (file name, merged_at) of each file merged into it
    # False: read without checking every record (list_sessions(checked=False)); `problem` then
    # names only what the file's shape shows, and the full check may still find one.
    checked: bool = True


ACTIVITY_TABLES = {
    "opening": ("notes",),  # the vision and motivation answers only (format 2)
    "hopes_fears": ("hopes_fears",),
    "expertise": ("expertise",),
    "job_description": ("job_descriptions", "jd_checks", "jd_flags"),
    "dual_roles": ("dual_roles",),
    "concerns": ("concerns",),
    "action_plan": ("actions",),
}


def _live(data: dict[str, Any], table: str) -> Iterator[dict[str, Any]]:
    """Live records in no particular order: counting needs no sorting, and the agenda counts
    after every item the facilitator adds."""
    docs = data.get(table)
    if isinstance(docs, dict):
        for record in docs.values():
            if isinstance(record, dict) and not model.is_tombstone(record):
                yield record


def activity_counts(data: dict[str, Any]) -> dict[str, int]:
    """Items per activity, for progress shown on the home screen and the agenda."""
    counts = {}
    for activity, tables in ACTIVITY_TABLES.items():
        if activity == "dual_roles":
            counts[activity] = sum(
                1 for r in _live(data, "dual_roles") if r.get("challenge") or r.get("action_plan")
            )
        elif activity == "opening":
            counts[activity] = sum(1 for r in _live(data, "notes") if r.get("activity") == "opening"
                                   and r.get("kind") in ("vision", "motivation") and str(r.get("text") or "").strip())
        elif activity == "job_description":
            counts[activity] = sum(
                1 for r in _live(data, "jd_checks") if r.get("status", "not_discussed") != "not_discussed"
            )
        else:
            counts[activity] = sum(1 for t in tables for _ in _live(data, t))
    reviews = list(_live(data, "reviews"))
    if reviews:  # a follow-up: how many carried items have been reviewed
        counts["review"] = sum(1 for r in reviews if r.get("status", "not_reviewed") != "not_reviewed")
    return counts


def _holder_if_live(path: Path) -> dict[str, Any] | None:
    holder = read_lock(path)
    if holder is None or lock_is_stale(holder, age=_lock_age(lock_path(path))):
        return None
    return holder


# What a file's contents say, by (path, mtime, ctime, size): the home screen lists every workshop
# each time it is shown, and reading and validating a large file is the slow part.
_CONTENT_CACHE: dict[tuple[str, int, int, int], dict[str, Any]] = {}


def _merged_in(data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """Which files were merged into this workshop and when, from its merge log: a sync
    engine's conflict copy merged since it last changed can be shown as merged."""
    found = []
    for log in live_records(data, "merge_log"):
        files, when = log.get("files"), log.get("merged_at")
        if isinstance(files, list) and isinstance(when, str):
            found += [(f.rsplit("/", 1)[-1], when) for f in files if isinstance(f, str)]
    return tuple(found)


def _summary_fields(path: Path, stat: os.stat_result | None, checked: bool) -> dict[str, Any]:
    # ctime too: utime can set mtime back, but nothing sets ctime back.
    key = (str(path), stat.st_mtime_ns, stat.st_ctime_ns, stat.st_size) if stat is not None else None
    if key is not None and key in _CONTENT_CACHE:
        return _CONTENT_CACHE[key]
    try:
        raw = read_session_bytes(path)
        if not checked:
            quick = _unchecked_fields(path, raw)
            if quick is not None:
                return quick  # not cached: only what the full check confirmed is
        data = parse_session_bytes(path, raw)
    except StoreError as exc:
        fields: dict[str, Any] = {"title": path.stem, "problem": str(exc)}
    else:
        fields = _shown_fields(path, data, live_records(data, "workshop")[0])
    if key is not None:
        if len(_CONTENT_CACHE) > 256:
            _CONTENT_CACHE.clear()
        _CONTENT_CACHE[key] = fields
    return fields


def _shown_fields(path: Path, data: dict[str, Any], record: dict[str, Any]) -> dict[str, Any]:
    fields = {
        "title": record.get("title", path.stem),
        "team": record.get("team", ""),
        "date": record.get("date"),
        "counts": activity_counts(data),
        "current_activity": record.get("current_activity", "hopes_fears"),
        "workshop_id": record.get("id") if isinstance(record.get("id"), str) else None,
        "merged_in": _merged_in(data),
    }
    follows = record.get("follows")
    if isinstance(follows, dict):
        fields["follows"] = str(follows.get("title") or "an earlier workshop")
    return fields


def _unchecked_fields(path: Path, raw: bytes) -> dict[str, Any] | None:
    """What the home screen shows of a file, read without checking each record (a few ms a
    file, before the first frame); None when its shape is not that of a current Team Day
    file, so that the full check names what is wrong straight away."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("workshop"), dict):
        return None
    live = live_records(data, "workshop")
    if len(live) != 1:
        return None
    record = live[0]
    version = record.get("schema_version")
    if type(version) is not int or version != model.SCHEMA_VERSION:
        return None  # older formats are upgraded by the check; newer ones are refused
    try:
        # The one workshop record is checked (and cleaned) as the full check would: what the
        # list shows of it (title, team, date) is what opening the file would show.
        model.validate_record("workshop", record)
    except (model.FieldError, TypeError, ValueError):
        return None
    if not isinstance(record.get("title"), str):
        return None
    try:
        return {**_shown_fields(path, data, record), "checked": False}
    except Exception:  # noqa: BLE001 - records no check has seen: the full check names the fault
        return None


def summarise(path: Path, *, checked: bool = True) -> SessionSummary:
    """What the home screen and `workshop list` show of one file. `checked=False` skips the
    check of every record unless the file was checked since it last changed."""
    try:
        stat = path.stat()
        changed = datetime.fromtimestamp(stat.st_mtime, tz=timezone.utc)
    except OSError:
        stat, changed = None, None
    holder = _holder_if_live(path)
    locked_by = describe_holder(holder) if holder is not None else None
    return SessionSummary(path=path, changed=changed, locked_by=locked_by, **_summary_fields(path, stat, checked))


def list_sessions(folder: Path, *, checked: bool = True) -> list[SessionSummary]:
    """Every workshop file in `folder`, most recently changed first (see summarise)."""
    try:
        paths = [p for p in Path(folder).glob("*.json") if p.is_file() and not p.name.startswith(".")]
    except OSError:
        return []
    summaries = [summarise(p, checked=checked) for p in paths]
    far_past = datetime.min.replace(tzinfo=timezone.utc)
    return sorted(summaries, key=lambda s: (s.changed or far_past, s.path.name), reverse=True)


# --- deleting and restoring ---------------------------------------------------------------


def delete_session(path: Path) -> None:
    """Remove a workshop file with its backup and lock. Refuses while another app holds it."""
    holder = _holder_if_live(path)
    if holder is not None:
        raise LockedError(path, holder)
    for target in (path, backup_path(path), lock_path(path)):
        try:
            target.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise StoreError(f"{target.name} could not be deleted: {exc.strerror}.") from None


def restore_backup(path: Path) -> Path:
    """Put the backup in place of a damaged file. The damaged file is kept, renamed, never lost.
    Returns the new name of the damaged file; if there was no file at `path` at all, the
    backup is put in place and `path` itself is returned."""
    path = Path(path)
    backup = backup_path(path)
    read_session_file(backup)  # refuse a bad or missing backup before touching anything
    holder = _holder_if_live(path)
    if holder is not None:
        raise LockedError(path, holder)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    damaged = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 2
    while os.path.lexists(damaged):
        damaged = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
        n += 1
    try:
        try:
            platform.replace(path, damaged)
        except FileNotFoundError:
            damaged = path
        atomic_write_bytes(path, backup.read_bytes())
    except OSError as exc:
        raise SaveError(save_error_message(exc)) from None
    return damaged
