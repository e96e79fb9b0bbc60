"""The session file's records: what each table holds, defaults, validation and text cleaning.

Plain Python only (no Textual, no TinyDB) so the store, the exporter and tools share one
definition of the current format, 2 (docs/FORMAT.md).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, Callable

from workshop import content

# Format 2 added the opening (docs/FORMAT.md, "Changes from version 1"); files of format 1
# are read and upgraded in memory (`workshop.store.migrate`).
SCHEMA_VERSION = 2

# The activities in running order, from the content (activities.toml): the opening, then
# hopes_fears, expertise, job_description, dual_roles, concerns, action_plan.
ACTIVITIES = content.ACTIVITY_KEYS

# A follow-up review (a workshop created from an earlier one, see `workshop.followup`) opens
# with this activity; ordinary workshops never show it.
REVIEW = "review"
ALL_ACTIVITIES = (REVIEW, *ACTIVITIES)

# The longest text one field may hold. A whole pasted job description fits; a stray
# multi-megabyte paste does not, so it cannot make every later save slow.
MAX_TEXT = 200_000
MAX_SHORT = 2_000

# How deep lists and objects may nest in a whole session file (the top object is level 1,
# a table 2, a record 3, a field's own list 4...). Deeper values cannot be saved again (the
# JSON writer stops at 255 levels, copying at a few hundred), so a file holding one is
# refused when it is opened and such a value is refused when it is set.
MAX_DEPTH = 70

# XML 1.0 cannot hold these; python-docx raises on them and orjson refuses lone surrogates.
_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
# Of those, the ones that separate words (vertical tab, form feed, the file, group, record and
# unit separators) become a space: dropped, the words either side would run together.
_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1f]")


def clean_text(value: str, *, limit: int = MAX_TEXT) -> str:
    """Text as it may be stored: control characters and unpaired surrogates dropped,
    CR/LF normalised, capped at `limit` characters."""
    if not isinstance(value, str):
        value = str(value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _SEPARATORS.sub(" ", value)
    value = _BAD_CHARS.sub("", value)
    return value[:limit]


def clean_line(value: str, *, limit: int = MAX_SHORT) -> str:
    """A one-line field: newlines and tabs become spaces, ends trimmed."""
    return " ".join(clean_text(value, limit=limit).split())


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return uuid.uuid4().hex


def parse_date(value: str | None) -> str | None:
    """Accepts YYYY-MM-DD (or empty for "no date"); raises ValueError with a plain reason."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            pass
    raise ValueError(f"'{value}' is not a date; use YYYY-MM-DD, for example 2026-12-03")


def nesting(value: Any) -> int:
    """How many levels of lists and objects `value` holds (0 for text or a number).
    Iterative, so a hostile depth cannot exhaust the stack."""
    deepest = 0
    stack = [(value, 1)] if isinstance(value, (list, dict)) else []
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, (list, dict)))
    return deepest


class FieldError(ValueError):
    """A field that does not fit the format; `field` names it, the message says why."""

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


# --- field kinds -------------------------------------------------------------------------

Check = Callable[[Any], Any]


def _text(limit: int = MAX_TEXT, *, line: bool = False) -> Check:
    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise TypeError("should be text")
        return clean_line(value, limit=limit) if line else clean_text(value, limit=limit)

    return check


def _optional(check: Check) -> Check:
    def wrapped(value: Any) -> Any:
        return None if value is None else check(value)

    return wrapped


def _choice(*options: str) -> Check:
    def check(value: Any) -> str:
        if value not in options:
            raise TypeError(f"should be one of {', '.join(options)}")
        return value

    return check


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("should be true or false")
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TypeError("should be a whole number of 0 or more")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("should be a whole number")
    return value


def _schema_version(value: Any) -> int:
    value = _int(value)
    if value != SCHEMA_VERSION:
        raise TypeError(f"should be {SCHEMA_VERSION}")
    return value


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("should be a date (YYYY-MM-DD) or empty")
    try:
        return parse_date(value)
    except ValueError as exc:
        raise TypeError(str(exc)) from None


def _str_list(value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("should be a list of text")
    return [clean_line(v) for v in value if clean_line(v)]


def _timeboxes(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise TypeError("should map activities to minutes")
    out = {}
    for key, minutes in value.items():
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 0 <= minutes <= 600:
            raise TypeError(f"minutes for {key} should be a whole number from 0 to 600")
        out[str(key)] = minutes
    return out


def _json_atom(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _flat_object(value: Any) -> dict[str, Any]:
    """An object of text keys to text, numbers, true/false, null or lists of text."""
    if not isinstance(value, dict):
        raise TypeError("should be an object")
    for key, item in value.items():
        if not isinstance(key, str):
            raise TypeError("should have text keys")
        if not (_json_atom(item) or (isinstance(item, list) and all(isinstance(v, str) for v in item))):
            raise TypeError(f"{key} should be text, a number, true/false, null or a list of text")
    return value


def versions(value: Any) -> dict[str, int]:
    """The `versions` meta field: copy id -> how many changes that copy made to the record."""
    if not isinstance(value, dict):
        raise TypeError("should map copies to counts")
    for key, count in value.items():
        if not isinstance(key, str) or isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise TypeError("should map copies to whole numbers of 0 or more")
    return value


def _object_list(value: Any) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise TypeError("should be a list of objects")
    return value


def _any_json(value: Any) -> Any:
    return value


def _title(value: Any) -> str:
    value = _text(MAX_SHORT, line=True)(value)
    if not value:
        raise TypeError("should not be empty")
    return value


@dataclass(frozen=True)
class Field:
    check: Check
    default: Callable[[], Any]


def _f(check: Check, default: Any = None) -> Field:
    make = default if callable(default) else (lambda d=default: d)
    return Field(check, make)


LINE = _text(MAX_SHORT, line=True)
TEXT = _text()
OPT_LINE = _optional(LINE)

# How a carried item stands at a follow-up review. Concerns use open / in_progress / resolved
# (the concern's own status); actions and dual-role plans use not_started / in_progress / done
# / dropped.
REVIEW_STATUSES = ("not_reviewed", "open", "in_progress", "resolved", "not_started", "done", "dropped")

# The content is the one source of each activity's default timebox (activities.toml): the
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
    for name, field in TABLES[table].items():
        if name in record:
            value = record[name]
            try:
                checked = field.check(value)
            except TypeError as exc:
                raise FieldError(name, str(exc)) from None
            if type(value) is str and checked != value:
                # Text from a hand-edited file (a control character, a CR, a surrogate) is
                # read as the app would have stored it, so it never reaches a screen or
                # the record raw; the file itself changes only at the next save.
                record[name] = checked
    if table == "workshop" and record.get("schema_version") != SCHEMA_VERSION:
        raise FieldError("schema_version", f"should be {SCHEMA_VERSION}")
