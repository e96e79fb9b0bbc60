"""The store: workshop session files (format 2, docs/FORMAT.md; format 1 read and upgraded: migrate).

`session` (an open workshop: reading), `writes` (its changes, batched, one atomic save), `records` (copies
and checks of records), `io` (errors, the TinyDB storage, reading and validating files),
`lock` (the lock beside a file), `folder` (names, summaries, delete, restore) and `versions`
(what each copy changed, for merging). Every public name is importable from
`workshop.store`. No Textual here.

The names are looked up when first used, so that importing one part (the home screen lists
workshops with `folder` and `io`) does not load the rest (an open workshop"s TinyDB session):
every module loaded is time before the first screen is drawn."""

from __future__ import annotations

import importlib
from typing import Any

# Where each public name lives.
_WHERE = {
    **dict.fromkeys([
        "ACTIVITY_TABLES", "SessionSummary", "activity_counts", "delete_session", "list_sessions",
        "restore_backup", "slugify", "summarise", "unique_session_path",
    ], "folder"),
    **dict.fromkeys(["AtomicJSONStorage"], "storage"),
    **dict.fromkeys([
        "LockedError", "NewerFormatError", "ReadOnlyError", "SaveError", "SessionFileError",
        "StoreError", "DOC_KEY", "atomic_create_bytes", "atomic_write_bytes", "backup_path",
        "describe_holder", "dumps", "fsync_dir", "live_records", "lock_path", "parse_session_bytes",
        "pid_alive", "read_session_bytes", "read_session_file", "save_error_message",
        "sweep_temp_files", "validate_session",
    ], "io"),
    **dict.fromkeys(["acquire_lock", "lock_is_stale", "read_lock", "release_lock"], "lock"),
    **dict.fromkeys(["TABLE_NAMES", "Session"], "session"),
    **dict.fromkeys(["bumped", "copy_id"], "versions"),
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'workshop.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"workshop.store.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
