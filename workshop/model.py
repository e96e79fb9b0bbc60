"""The session file's records: what each table holds, defaults and validation (the kinds of
value and text cleaning are in `fields`, re-exported here).

Plain Python only (no Textual, no TinyDB) so the store, the exporter and tools share one
definition of the current format, 2 (docs/FORMAT.md).
"""

from __future__ import annotations

import functools
from typing import Any

from workshop import content
from workshop.fields import (  # noqa: F401 - re-exported: model is where other code looks
    MAX_TEXT, MAX_SHORT, MAX_DEPTH, clean_text, clean_line, now_iso,
    new_id, parse_date, nesting, FieldError, Check, _text, _optional, _choice, _bool, _count, _int,
    _date, _str_list, _timeboxes, _json_atom, _flat_object, versions, _object_list, _any_json,
    _title, Field, _f, LINE, TEXT, OPT_LINE,
)

# Format 2 added the opening (docs/FORMAT.md, "Changes from version 1"); files of format 1
# are read and upgraded in memory (`workshop.store.migrate`).
SCHEMA_VERSION = 2

# The activities in running order, from the content (activities.json): the opening, then
# hopes_fears, expertise, job_description, dual_roles, concerns, action_plan.
ACTIVITIES = content.ACTIVITY_KEYS

# A follow-up review (a workshop created from an earlier one, see `workshop.followup`) opens
# with this activity; ordinary workshops never show it.
REVIEW = "review"
ALL_ACTIVITIES = (REVIEW, *ACTIVITIES)


def _schema_version(value: Any) -> int:
    value = _int(value)
    if value != SCHEMA_VERSION:
        raise TypeError(f"should be {SCHEMA_VERSION}")
    return value


# How a carried item stands at a follow-up review. Concerns use open / in_progress / resolved
# (the concern's own status); actions and dual-role plans use not_started / in_progress / done
# / dropped.
REVIEW_STATUSES = ("not_reviewed", "open", "in_progress", "resolved", "not_started", "done", "dropped")

# The content is the one source of each activity's default timebox (activities.json): the
# guide, the agenda and the timer all say the same number.
DEFAULT_TIMEBOXES = {activity.key: activity.minutes for activity in content.activities()}

TABLES: dict[str, dict[str, Field]] = {
    "workshop": {
        "schema_version": _f(_schema_version, SCHEMA_VERSION),
        "title": _f(_title, "Team preparation day"),
        "team": _f(LINE, ""),
        "organisation": _f(LINE, ""),
        "date": _f(_date, None),
        "venue": _f(LINE, ""),
        "facilitators": _f(_str_list, list),
        "role_title": _f(LINE, "Peer Support Worker"),
        "current_activity": _f(_choice(*ALL_ACTIVITIES), "hopes_fears"),
        "timeboxes": _f(_timeboxes, lambda: dict(DEFAULT_TIMEBOXES)),
        # Counts of personal-experience entries below 3 show exactly only when this is true.
        "small_numbers_shown": _f(_bool, False),
        # The earlier workshop this one follows up: {"id", "title", "date", "file"}.
        "follows": _f(_optional(_flat_object), None),
        # The organisation template it was made from: {"name", "file", ...extras}; see
        # `workshop.template` for the shape of the extras.
        "template": _f(_optional(_any_json), None),
    },
    "participants": {
        "name": _f(LINE, ""),
        "role": _f(LINE, ""),
        "name_in_record": _f(_bool, False),
    },
    "hopes_fears": {
        "kind": _f(_choice("hope", "fear"), "hope"),
        "text": _f(TEXT, ""),
        "theme": _f(OPT_LINE, None),
        "votes": _f(_count, 0),
        "author_role": _f(OPT_LINE, None),
        "about": _f(OPT_LINE, None),
    },
    "expertise": {
        "source": _f(_choice("life", "lived", "professional"), "life"),
        "text": _f(TEXT, ""),
        "holder": _f(OPT_LINE, None),
        # The real default depends on the source: see `defaults_for`.
        "in_record": _f(_bool, True),
        "in_record_chosen": _f(_bool, False),  # someone set in_record on purpose
    },
    "job_descriptions": {
        "title": _f(LINE, "Draft job description"),
        "text": _f(TEXT, ""),
        "imported_from": _f(OPT_LINE, None),
    },
    "jd_checks": {
        "jd_id": _f(LINE, ""),
        "criterion": _f(LINE, ""),
        "status": _f(_choice("met", "partly", "not_met", "not_discussed"), "not_discussed"),
        "note": _f(TEXT, ""),
    },
    "jd_flags": {
        "jd_id": _f(LINE, ""),
        "phrase": _f(LINE, ""),
        "reason": _f(TEXT, ""),
        "suggestion": _f(TEXT, ""),
        "state": _f(_choice("open", "accepted", "dismissed"), "open"),
    },
    "jd_compromise": {
        "jd_id": _f(LINE, ""),
        "sign": _f(LINE, ""),
        "present": _f(_bool, False),
        "note": _f(TEXT, ""),
    },
    # Optional (no version bump): the guidance's example peer duties marked for a draft.
    "jd_duties": {
        "jd_id": _f(LINE, ""),
        "duty": _f(LINE, ""),  # key of content.example_duties()
        "title": _f(LINE, ""),  # the duty's words when marked, so other tools can read it
        "mark": _f(_optional(_choice("present", "missing", "wanted")), None),  # None: the check's suggestion
        "note": _f(TEXT, ""),
    },
    "dual_roles": {
        "situation": _f(TEXT, ""),
        "challenge": _f(TEXT, ""),
        "action_plan": _f(TEXT, ""),
        "owner": _f(LINE, ""),
        "due": _f(_date, None),
        "preset": _f(_bool, False),
        "position": _f(_int, 0),
        "scope": _f(_optional(_choice("universal", "tailored")), None),
        "policy": _f(LINE, ""),
        "preset_key": _f(OPT_LINE, None),  # which of content.dual_role_presets() it came from
        "carried_from": _f(OPT_LINE, None),  # id of the record in the workshop this follows up
    },
    "concerns": {
        "text": _f(TEXT, ""),
        "category": _f(OPT_LINE, None),
        "raised_by_role": _f(OPT_LINE, None),
        "raised_how": _f(_optional(_choice("group", "individual")), None),
        "response": _f(TEXT, ""),
        "status": _f(_choice("open", "in_progress", "resolved"), "open"),
        "owner": _f(LINE, ""),
        "due": _f(_date, None),
        "from_fear": _f(OPT_LINE, None),
        "carried_from": _f(OPT_LINE, None),
    },
    "actions": {
        "stage": _f(_choice("preparation", "recruitment", "support", "sustaining"), "preparation"),
        "task": _f(LINE, ""),
        "what": _f(TEXT, ""),
        "who": _f(LINE, ""),
        "by_when": _f(_date, None),
        "outcome": _f(TEXT, ""),
        "source": _f(OPT_LINE, None),
        "carried_from": _f(OPT_LINE, None),
    },
    "notes": {
        "activity": _f(_choice(*ALL_ACTIVITIES), "hopes_fears"),
        # vision and motivation: the opening's answers (format 2), see `workshop.opening`.
        "kind": _f(_choice("discussion", "gaps", "vision", "motivation"), "discussion"),
        "text": _f(TEXT, ""),
        "question": _f(OPT_LINE, None),  # which motivation question a motivation note answers
    },
    # One per item carried into a follow-up review: how it stood then, how it stands now.
    "reviews": {
        "item_table": _f(_choice("concerns", "dual_roles", "actions"), "concerns"),
        "item_id": _f(LINE, ""),  # the carried record in this workshop
        "origin_id": _f(LINE, ""),  # the record in the earlier workshop
        "then": _f(_flat_object, dict),  # the item as it stood at the earlier workshop
        "status": _f(_choice(*REVIEW_STATUSES), "not_reviewed"),
        "done_on": _f(_date, None),
        "changed": _f(TEXT, ""),  # what changed since
        "next": _f(TEXT, ""),  # what happens next
        "position": _f(_int, 0),
    },
    # One per merge of two copies (`workshop.merge`): when, from which files, what conflicted.
    "merge_log": {
        "merged_at": _f(LINE, ""),
        "files": _f(_str_list, list),
        "counts": _f(_flat_object, dict),
        "conflicts": _f(_object_list, list),
    },
}

META_FIELDS = ("id", "created_at", "updated_at", "versions")

# Tables whose records are required (since format 1) to carry these fields on disk; the newer
# optional ones (about, kind, scope...) may be missing in files written by other tools.
REQUIRED: dict[str, tuple[str, ...]] = {
    "workshop": ("schema_version", "title"),
    "participants": (),
    "hopes_fears": ("kind", "text"),
    "expertise": ("source", "text"),
    "job_descriptions": ("text",),
    "jd_checks": ("jd_id", "criterion", "status"),
    "jd_flags": ("jd_id", "phrase", "state"),
    "jd_compromise": ("jd_id", "sign"),
    "jd_duties": ("jd_id", "duty"),
    "dual_roles": ("situation",),
    "concerns": ("text", "status"),
    "actions": ("task",),
    "notes": ("activity", "text"),
    "reviews": ("item_table", "item_id"),
    "merge_log": ("merged_at",),
}


def defaults_for(table: str, given: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every known field of `table` at its default, for a new record."""
    fields = TABLES[table]
    record = {name: field.default() for name, field in fields.items()}
    if table == "expertise":
        # Personal experience of distress stays out of the record unless someone says otherwise.
        source = (given or {}).get("source", record["source"])
        record["in_record"] = source != "lived"
    return record


def check_fields(table: str, values: dict[str, Any]) -> dict[str, Any]:
    """Validate and clean known fields; unknown fields pass through untouched.
    Raises FieldError naming the first bad field."""
    fields = TABLES.get(table, {})
    out: dict[str, Any] = {}
    for name, value in values.items():
        field = fields.get(name)
        if field is None:
            out[name] = value
            continue
        try:
            out[name] = field.check(value)
        except TypeError as exc:
            raise FieldError(name, str(exc)) from None
    return out


def is_tombstone(record: dict[str, Any]) -> bool:
    return "deleted_at" in record


@functools.cache
def _checks(table: str) -> tuple[tuple[str, Check, Any], ...]:
    """Each field of `table` with its check and the check's quick test, if it has one."""
    return tuple((name, field.check, getattr(field.check, "fast", None)) for name, field in TABLES[table].items())


def validate_record(table: str, record: Any) -> None:
    """Raise FieldError if a stored record does not fit the format. Text fields are cleaned
    in place (`clean_text`/`clean_line`), as if the app had written them."""
    if not isinstance(record, dict):
        raise FieldError("(record)", "should be an object")
    rid = record.get("id")
    if not isinstance(rid, str) or not rid:
        raise FieldError("id", "missing or not text")
    if is_tombstone(record):
        if not isinstance(record["deleted_at"], str):
            raise FieldError("deleted_at", "should be a time")
        return
    if table not in TABLES:
        return
    for name in ("created_at", "updated_at"):
        if name in record and not isinstance(record[name], str):
            raise FieldError(name, "should be a time")
    if "versions" in record:
        try:
            versions(record["versions"])
        except TypeError as exc:
            raise FieldError("versions", str(exc)) from None
    for name in REQUIRED.get(table, ()):
        if name not in record:
            raise FieldError(name, "missing")
    for name, check, fast in _checks(table):
        if name in record:
            value = record[name]
            if fast is not None and fast(value):
                continue
            try:
                checked = check(value)
            except TypeError as exc:
                raise FieldError(name, str(exc)) from None
            if type(value) is str and checked != value:
                # Text from a hand-edited file (a control character, a CR, a surrogate) is
                # read as the app would have stored it, so it never reaches a screen or
                # the record raw; the file itself changes only at the next save.
                record[name] = checked
    if table == "workshop" and record.get("schema_version") != SCHEMA_VERSION:
        raise FieldError("schema_version", f"should be {SCHEMA_VERSION}")
