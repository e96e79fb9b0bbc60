"""The home screen's part in synced folders: a sync engine's conflict copy shown under its
workshop, and merging it in with one key (docs/MERGING.md, "Conflict copies from synced
folders"). Kept apart so home.py stays about the list itself."""

from __future__ import annotations

from rich.text import Text

from workshop.store import SessionSummary, StoreError
from workshop.store.conflicts import ConflictCopy
from workshop.tui.widgets.literal import literal


def copy_title(copy: ConflictCopy) -> Text:
    """"↳ conflict copy from LAPTOP-7", under the workshop's own row."""
    return literal(f"  ↳ {copy.describe()}", "italic")


def copy_to_merge(screen, summary: SessionSummary | None) -> ConflictCopy | None:
    """The conflict copy the key acts on: the selected row if it is one, or the only copy
    under the selected workshop. Tells the facilitator what to choose otherwise."""
    copies: dict = screen.copies
    if summary is not None and summary.path in copies:
        return copies[summary.path]
    under = [c for c in copies.values() if summary is not None and c.workshop == summary.path]
    if len(under) == 1:
        return under[0]
    if under:
        screen.notify("This workshop has several conflict copies: choose the one to merge (the lines marked ↳ "
                      "under it).", timeout=6, markup=False)
    else:
        screen.notify("Choose a conflict copy first: the lines marked ↳ under a workshop.", timeout=6, markup=False)
    return None


def merge_selected_copy(screen, summary: SessionSummary | None) -> None:
    """Merge the chosen conflict copy into its workshop; the copy stays as it was."""
    from workshop.merge import MergeError  # noqa: PLC0415
    from workshop.merge.into import merge_copy_into  # noqa: PLC0415

    copy = copy_to_merge(screen, summary)
    if copy is None:
        return
    try:
        result = merge_copy_into(copy.workshop, copy.path)
    except (MergeError, StoreError) as exc:
        screen.notify(str(exc), severity="error", timeout=15, markup=False)
        return
    if result.log is None:
        screen.refresh_list()
        screen.select_path(copy.workshop)
        screen.notify(f"{copy.path.name} holds nothing that {copy.workshop.name} does not already have; nothing was "
                      "changed. The copy is still there, as it was.", timeout=10, markup=False)
        return
    screen.show_merged(result, f" {copy.path.name} is kept as it was, beside the workshop.")
