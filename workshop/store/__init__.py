"""The store: workshop session files (format v1, docs/FORMAT.md).

`session` (an open workshop: reading, batched changes, one atomic save), `io` (errors, the
TinyDB storage, reading and validating files), `lock` (the lock beside a file), `folder`
(names, summaries, delete, restore) and `versions` (what each copy changed, for merging).
Every public name is importable from `workshop.store`. No Textual here."""

from workshop.store.session import *  # noqa: F401,F403 - the store's public names, in one place
