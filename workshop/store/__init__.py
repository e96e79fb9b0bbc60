"""The store: workshop session files (format 2, docs/FORMAT.md; format 1 read and upgraded: migrate).

`session` (an open workshop: reading), `writes` (its changes, batched, one atomic save), `records` (copies
and checks of records), `io` (errors, the TinyDB storage, reading and validating files),
`lock` (the lock beside a file), `folder` (names, summaries, delete, restore) and `versions`
(what each copy changed, for merging). Every public name is importable from
`workshop.store`. No Textual here."""

from workshop.store.folder import (  # noqa: F401
    ACTIVITY_TABLES,
    SessionSummary,
    activity_counts,
    delete_session,
    list_sessions,
    restore_backup,
    slugify,
    summarise,
    unique_session_path,
)
from workshop.store.storage import AtomicJSONStorage  # noqa: F401
from workshop.store.io import (  # noqa: F401
    LockedError,
    NewerFormatError,
    ReadOnlyError,
    SaveError,
    SessionFileError,
    StoreError,
    DOC_KEY,
    atomic_create_bytes,
    atomic_write_bytes,
    backup_path,
    describe_holder,
    dumps,
    fsync_dir,
    live_records,
    lock_path,
    parse_session_bytes,
    pid_alive,
    read_session_bytes,
    read_session_file,
    save_error_message,
    sweep_temp_files,
    validate_session,
)
from workshop.store.lock import (  # noqa: F401
    acquire_lock,
    lock_is_stale,
    read_lock,
    release_lock,
)
from workshop.store.session import TABLE_NAMES, Session  # noqa: F401
from workshop.store.versions import bumped, copy_id  # noqa: F401
