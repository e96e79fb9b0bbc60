"""Sending work from an activity to the action plan, keeping a link back (`source`).

No Textual here: views call `send_to_action_plan` and show what it returns.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from workshop.history import History
from workshop.links import _NAME_FIELDS, SOURCE_KINDS, parse_source  # noqa: F401 - part of this module's API
from workshop.jd.duties import action_fields as duty_action

# Which stage of the taking-stock plan each kind of item lands in by default.
DEFAULT_STAGE = {
    "dual_roles": "support",
    "concerns": "preparation",
    "jd_flags": "preparation",
    "jd_checks": "preparation",
    "jd_duties": "preparation",
    "job_descriptions": "preparation",
}


def source_key(table: str, record: dict[str, Any]) -> str:
    """`concern:<id>`, `dual_role:<id>`... as format v1 names the action's `source`."""
    singular = {
        "concerns": "concern",
        "dual_roles": "dual_role",
        "jd_flags": "jd_flag",
        "jd_checks": "jd_check",
        "jd_duties": "jd_duty",
        "job_descriptions": "job_description",
    }.get(table, table)
    return f"{singular}:{record['id']}"


def action_fields(table: str, record: dict[str, Any]) -> dict[str, Any]:
    """A starting action for `record`; the group refines it in the action plan."""
    if table == "dual_roles":
        task = f"Dual role: {record.get('situation', '')}"
        what = record.get("action_plan") or record.get("challenge") or ""
        who, when = record.get("owner", ""), record.get("due")
    elif table == "concerns":
        task = f"Concern: {record.get('text', '')}"
        what = record.get("response", "")
        who, when = record.get("owner", ""), record.get("due")
    elif table == "jd_flags":
        task = "Job description wording"
        what = f"Change “{record.get('phrase', '')}”: {record.get('suggestion', '')}"
        who, when = "", None
    elif table == "jd_checks":
        task = f"Job description: {record.get('criterion', '')}"
        what = record.get("note", "")
        who, when = "", None
    elif table == "jd_duties":
        task, what = duty_action(record)
        who, when = "", None
    else:
        task = record.get("title") or record.get("text") or table
        what, who, when = "", "", None
    return {
        "stage": DEFAULT_STAGE.get(table, "preparation"),
        "task": " ".join(str(task).split())[:300],
        "what": what,
        "who": who,
        "by_when": when,
        "outcome": "",
        "source": source_key(table, record),
    }


def linked_action(history: History, table: str, record: dict[str, Any]) -> dict[str, Any] | None:
    key = source_key(table, record)
    return next((a for a in history.session.records("actions") if a.get("source") == key), None)


def send_to_action_plan(history: History, table: str, record: dict[str, Any],
                        **overrides: Any) -> dict[str, Any] | None:
    """Add an action linked to `record`, once. Returns the new action, or None if one
    linked to it is already in the plan. Raises StoreError if it cannot be saved."""
    if linked_action(history, table, record) is not None:
        return None
    fields = action_fields(table, record)
    fields.update(overrides)
    return history.insert("actions", "send to action plan", **fields)


# --- reading an action's link back, and its place in the plan -----------------------------


def source_activity(source: str | None) -> str | None:
    """The activity key that shows the record `source` links to, or None."""
    if not source or ":" not in str(source):
        return None
    kind = str(source).partition(":")[0]
    return SOURCE_KINDS[kind][1] if kind in SOURCE_KINDS else None


def describe_source(source: str | None, lookup: Any) -> str:
    """"from concern: Without supervision…" for display; `lookup(table, id)` returns the
    linked record or None (a Session's `get` fits). Empty when the action has no link."""
    if not source:
        return ""
    parsed = parse_source(source)
    if parsed is None:
        return f"from {source}"
    table, rid = parsed
    _table, _activity, label, a_thing = SOURCE_KINDS[str(source).partition(":")[0]]
    record = lookup(table, rid)
    if record is None:
        return f"from {a_thing} (no longer there)"
    name = next((record.get(f) for f in _NAME_FIELDS.get(table, ()) if record.get(f)), "")
    name = " ".join(str(name).split())
    return f"from {label}: {name}" if name else f"from {a_thing}"


def is_overdue(action: dict[str, Any], today: date) -> bool:
    """Due before `today` and no outcome written yet."""
    when = action.get("by_when")
    if not when or (action.get("outcome") or "").strip():
        return False
    try:
        return date.fromisoformat(when) < today
    except (TypeError, ValueError):
        return False


def by_date(actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Earliest date first; rows without a date keep their order at the end."""
    return sorted(actions, key=lambda a: (a.get("by_when") is None, a.get("by_when") or ""))


def group_by_stage(actions: list[dict[str, Any]], stages: list[str], *,
                   sort_by_date: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Actions per stage, in `stages` order; an unknown stage falls into the first."""
    groups: dict[str, list[dict[str, Any]]] = {stage: [] for stage in stages}
    for action in actions:
        groups[action.get("stage") if action.get("stage") in groups else stages[0]].append(action)
    if sort_by_date:
        groups = {stage: by_date(rows) for stage, rows in groups.items()}
    return groups
