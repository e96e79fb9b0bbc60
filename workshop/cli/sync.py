"""The command line's part in synced folders (docs/MERGING.md, "Conflict copies from synced
folders"): conflict copies under their workshop in `workshop list`, `workshop merge WORKSHOP
COPY` merging a copy into its workshop, and who holds a lock that came from another computer.
Kept apart so the command line's package root stays about parsing and dispatch."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from workshop.store.conflicts import ConflictCopy, from_another_computer, grouped, lock_advice


def is_copy_of(workshop: Path, copy: Path) -> bool:
    """Whether `workshop merge A B` should merge B into A in place: B is a sync engine's
    conflict copy of A (its name and the workshop inside both say so)."""
    from workshop.merge.into import NotACopy, check_copy  # noqa: PLC0415

    try:
        check_copy(workshop, copy)
    except NotACopy:
        return False
    return True


def merge_copy(workshop: Path, copy: Path) -> tuple[Path, list[str]]:
    """Merge the copy into the workshop; the file written and the lines to print. Raises
    MergeError (HeldElsewhere while the workshop is open somewhere)."""
    from workshop.merge.into import merge_copy_into  # noqa: PLC0415

    result = merge_copy_into(workshop, copy)
    if result.log is None:
        return workshop, [f"{copy.name} holds nothing that {workshop.name} does not already have; nothing was "
                          f"changed. The copy is still there, as it was."]
    hint = ""
    if result.conflicts:
        hint = " See them with: workshop open " f"{workshop}, then “Merge log” in the command palette (ctrl+p)."
    return workshop, [result.summary() + hint,
                      f"{copy.name} is kept as it was, beside the workshop; set it aside once everyone works on "
                      f"{workshop.name}."]


def in_order(summaries: Sequence[Any]) -> list[tuple[Any, ConflictCopy | None]]:
    """The list's rows: each conflict copy just under its workshop."""
    return grouped(summaries)


def copy_label(copy: ConflictCopy) -> str:
    return f"  ↳ {copy.describe()}"


def open_advice(path: Path, holder: dict[str, Any]) -> str | None:
    """For `workshop open`: the words for a lock written on another computer, else None."""
    if from_another_computer(holder):
        return lock_advice(path, holder) + " Opening it read-only."
    return None


def copies_hint(copies: Sequence[ConflictCopy]) -> list[str]:
    """Under the list: what the conflict copies are and how to merge one."""
    if not copies:
        return []
    first = copies[0]
    return [f"↳ Conflict copies: a sync engine kept two versions of a workshop changed on two computers. Merge one "
            f"into its workshop with: workshop merge WORKSHOP COPY (for example: workshop merge "
            f"{_quoted(first.workshop.name)} {_quoted(first.path.name)}); the copy is kept as it was."]


def _quoted(name: str) -> str:
    """A file name as typed in a shell: in double quotes when it holds anything but letters,
    digits, '.', '-' and '_'."""
    if name and all(c.isalnum() or c in ".-_" for c in name):
        return name
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("`", "\\`") + '"'
