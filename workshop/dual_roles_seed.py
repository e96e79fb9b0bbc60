"""Dual-role scenarios without Textual: the preset situations, row order, prompts.

`ensure_presets` adds the guidance's six situations, and any its organisation template adds
(`workshop.template.customise`), to a workshop once. It marks the
workshop (`dual_roles_seeded`) and also treats any dual-role record ever stored, tombstones
included, as a sign that seeding already happened: a preset the group deleted stays deleted.
"""

from __future__ import annotations

from typing import Any

from workshop.template import customise
from workshop.store import Session, StoreError

SEEDED_FLAG = "dual_roles_seeded"


def _ever_stored(session: Session) -> bool:
    """True if the file holds any dual-role record, deleted ones included."""
    return any(isinstance(r, dict) for r in session.table_data("dual_roles").values())


def seeded(session: Session) -> bool:
    return bool(session.workshop().get(SEEDED_FLAG)) or _ever_stored(session)


def ensure_presets(session: Session) -> int:
    """Add the preset situations (the six, then the template's) if this workshop never had
    dual-role rows. Returns how many were added (0 when already seeded or read-only).
    Raises StoreError if they cannot be saved."""
    if session.read_only or seeded(session):
        return 0
    rows = []
    for n, p in enumerate(customise.dual_role_presets(session.workshop())):
        row = {"situation": p["situation"], "preset": True, "position": n, "preset_key": p["key"]}
        # A template may start its situations with a challenge or the policy they touch.
        row.update({k: p[k] for k in ("challenge", "policy") if p.get(k)})
        rows.append(row)
    with session.batch():
        added = session.insert_many("dual_roles", rows)
        session.update_workshop(**{SEEDED_FLAG: True})
    return len(added)


# --- order ------------------------------------------------------------------------------


def _position(record: dict[str, Any]) -> int:
    value = record.get("position")
    return value if isinstance(value, int) and not isinstance(value, bool) else 10**9


def ordered(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows by `position`, ties kept in the order they were stored."""
    return [r for _, r in sorted(enumerate(records), key=lambda t: (_position(t[1]), t[0]))]


def next_position(records: list[dict[str, Any]]) -> int:
    positions = [_position(r) for r in records if _position(r) < 10**9]
    return max(positions, default=-1) + 1


def reorder(records: list[dict[str, Any]], rid: str, delta: int) -> dict[str, int]:
    """Positions to change so the row `rid` moves `delta` places (-1 up, +1 down).
    Returns {id: new position}; empty if it cannot move (top, bottom, unknown id).
    Only rows whose position changes are listed, so a swap writes two rows."""
    rows = ordered(records)
    index = next((i for i, r in enumerate(rows) if r["id"] == rid), None)
    if index is None:
        return {}
    target = index + delta
    if not 0 <= target < len(rows):
        return {}
    rows[index], rows[target] = rows[target], rows[index]
    old = [_position(r) for r in ordered(records)]
    if len(set(old)) == len(old) and all(p < 10**9 for p in old):
        # Distinct positions: the two rows trade theirs.
        wanted = {r["id"]: old[i] for i, r in enumerate(rows)}
    else:
        wanted = {r["id"]: i for i, r in enumerate(rows)}
    return {r["id"]: wanted[r["id"]] for r in rows if _position(r) != wanted[r["id"]]}


# --- presets ----------------------------------------------------------------------------


def preset_for(record: dict[str, Any], presets: list[dict[str, Any]] | None = None) -> dict[str, Any] | None:
    """The preset a row came from, among `presets` (default: the shipped six; pass
    `customise.dual_role_presets(workshop)` to include the template's): by `preset_key`,
    else by its situation's words (files written before `preset_key` existed)."""
    if not record.get("preset"):
        return None
    if presets is None:
        presets = customise.dual_role_presets(None)
    key = record.get("preset_key")
    if key:
        match = next((p for p in presets if p["key"] == key), None)
        if match is not None:
            return match
    words = " ".join(str(record.get("situation") or "").split()).casefold()
    return next((p for p in presets if p["situation"].casefold() == words), None)


def preset_prompt(record: dict[str, Any], presets: list[dict[str, Any]] | None = None) -> str:
    preset = preset_for(record, presets)
    return preset["prompt"] if preset else ""
