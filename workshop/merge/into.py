"""Merging a sync engine's conflict copy back into its workshop (docs/MERGING.md, "Conflict
copies from synced folders").

Unlike merging two copies into a new file, the result goes into the workshop file itself:
the group carries on with the file they know, in the folder that syncs. The workshop is
locked while it is rewritten (so an app holding it, here or on another computer, is never
written under), its previous contents become its backup, and the conflict copy is only read,
so it stays beside the result exactly as the sync engine left it. No Textual here.
"""

from __future__ import annotations

from pathlib import Path

from workshop import model
from workshop.merge.copies import LOG_TABLE, MergeError, MergeResult, merge_data
from workshop.merge.rules import canonical
from workshop.store import (
    LockedError,
    SaveError,
    SessionFileError,
    acquire_lock,
    atomic_write_bytes,
    backup_path,
    dumps,
    parse_session_bytes,
    read_session_bytes,
    read_session_file,
    release_lock,
    save_error_message,
    validate_session,
)
from workshop.store.conflicts import ConflictCopy, copy_of, from_another_computer, lock_advice


class NotACopy(MergeError):
    """The file is not a conflict copy of that workshop."""


class HeldElsewhere(MergeError):
    """The workshop is open in Team Day, on this computer or another: it is not written under it."""


def check_copy(workshop: Path, copy: Path) -> ConflictCopy:
    """`copy` as a confirmed conflict copy of `workshop` (same folder, an engine's name, the
    same workshop id), or NotACopy saying why not."""
    found = copy_of(Path(copy))
    if found is None or not _same(found.workshop, Path(workshop)):
        raise NotACopy(f"{Path(copy).name} is not a sync conflict copy of {Path(workshop).name}.")
    return found


def merge_copy_into(workshop: Path, copy: Path, *, merged_at: str | None = None) -> MergeResult:
    """Merge the conflict copy `copy` into `workshop`, in place, and return what happened
    (`result.path` is the workshop). Nothing is written when the copy holds nothing the
    workshop lacks (`result.log` is None then). Raises LockedError (with the computer that
    holds it) while the workshop is open anywhere, NotACopy, or the store's own errors."""
    workshop, copy = Path(workshop), Path(copy)
    check_copy(workshop, copy)
    try:
        acquire_lock(workshop)
    except LockedError as exc:
        if from_another_computer(exc.holder):
            raise HeldElsewhere(lock_advice(workshop, exc.holder) + " Nothing was merged.") from None
        raise HeldElsewhere(f"{exc} Close it there first; nothing was merged.") from None
    try:
        before = read_session_bytes(workshop)
        ours = parse_session_bytes(workshop, before)
        theirs = read_session_file(copy)
        result = merge_data(ours, theirs, a_name=workshop.name, b_name=copy.name,
                            merged_at=merged_at or model.now_iso())
        result.path = workshop
        if result.log is None or _adds_nothing(result, ours):
            result.log = None
            return result
        try:
            validate_session(workshop, result.data)
        except SessionFileError as exc:
            raise MergeError(f"The merged workshop would not be valid ({exc.reason}); nothing was written. "
                             "Please report this.") from None
        try:
            # What the workshop held before is kept as its backup: a merge can be undone by hand.
            atomic_write_bytes(backup_path(workshop), before)
            atomic_write_bytes(workshop, dumps(result.data))
        except OSError as exc:
            raise SaveError(save_error_message(exc)) from None
        return result
    finally:
        release_lock(workshop)


def _adds_nothing(result: MergeResult, ours: dict) -> bool:
    """True when the merge only added its own log entry: the copy was merged before (or
    holds nothing new), so merging it again must not grow the log each time."""
    data = dict(result.data)
    log = {k: r for k, r in (data.get(LOG_TABLE) or {}).items() if r is not result.log}
    if log:
        data[LOG_TABLE] = log
    else:
        data.pop(LOG_TABLE, None)
    return canonical(data) == canonical(ours)


def _same(x: Path, y: Path) -> bool:
    try:
        return x.resolve() == y.resolve()
    except OSError:
        return x == y
