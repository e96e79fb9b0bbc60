"""Hypothesis strategies for format v1 records: valid field values with hostile text."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from workshop import model

# Text a facilitator could paste: controls, emoji, right-to-left, bidi overrides, byte-order
# marks, CR line ends, non-characters, and one paste longer than a field may hold.
SAMPLES = [
    "👩🏽‍⚕️ 🎉 🏳️‍🌈", "مرحبا بكم في يوم الفريق", "שלום לכולם", "a\x00b\x1bc\x7fd\x0be\x0c",
    "\ufeffBOM first", "line1\r\nline2\rline3\x85line4", "\u202eright-to-left override\u202c",
    "<b>&amp;</b> ]]> | pipe # *md* [x](javascript:alert(1))", "  ", "", "\ufffe\uffff\U0001fffe",
    "x" * (model.MAX_TEXT + 50), "word " * 3000,
]

TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.sampled_from(SAMPLES),
)
SHORT = st.one_of(st.text(st.characters(exclude_categories=("Cs",)), max_size=20), st.sampled_from(SAMPLES[:10]))
OPT_SHORT = st.none() | SHORT
DATE = st.none() | st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)).map(date.isoformat)


def _record(required: dict, optional: dict) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(required, optional=optional)


FIELDS: dict[str, st.SearchStrategy[dict]] = {
    "participants": _record({}, {"name": SHORT, "role": SHORT, "name_in_record": st.booleans()}),
    "hopes_fears": _record(
        {"kind": st.sampled_from(("hope", "fear")), "text": TEXT},
        {"theme": OPT_SHORT, "votes": st.integers(0, 50), "author_role": OPT_SHORT, "about": OPT_SHORT}),
    "expertise": _record(
        {"source": st.sampled_from(("life", "lived", "professional")), "text": TEXT},
        {"holder": OPT_SHORT, "in_record": st.booleans()}),
    "job_descriptions": _record({"text": TEXT}, {"title": SHORT, "imported_from": OPT_SHORT}),
    "jd_checks": _record(
        {"jd_id": SHORT, "criterion": SHORT,
         "status": st.sampled_from(("met", "partly", "not_met", "not_discussed"))},
        {"note": TEXT}),
    "jd_flags": _record(
        {"jd_id": SHORT, "phrase": SHORT, "state": st.sampled_from(("open", "accepted", "dismissed"))},
        {"reason": TEXT, "suggestion": TEXT}),
    "jd_compromise": _record({"jd_id": SHORT, "sign": SHORT}, {"present": st.booleans(), "note": TEXT}),
    "dual_roles": _record(
        {"situation": TEXT},
        {"challenge": TEXT, "action_plan": TEXT, "owner": SHORT, "due": DATE, "preset": st.booleans(),
         "position": st.integers(-5, 50), "scope": st.none() | st.sampled_from(("universal", "tailored")),
         "policy": SHORT}),
    "concerns": _record(
        {"text": TEXT, "status": st.sampled_from(("open", "in_progress", "resolved"))},
        {"category": OPT_SHORT, "raised_by_role": OPT_SHORT,
         "raised_how": st.none() | st.sampled_from(("group", "individual")), "response": TEXT, "owner": SHORT,
         "due": DATE}),
    "actions": _record(
        {"task": SHORT},
        {"stage": st.sampled_from(("preparation", "recruitment", "support", "sustaining")), "what": TEXT,
         "who": SHORT, "by_when": DATE, "outcome": TEXT}),
    "notes": _record(
        {"activity": st.sampled_from(model.ACTIVITIES), "text": TEXT},
        {"kind": st.sampled_from(("discussion", "gaps"))}),
}

WORKSHOP_EDITS = _record({}, {
    "title": st.text(st.characters(categories=("L", "N")), min_size=1, max_size=20),
    "team": SHORT, "organisation": SHORT, "venue": SHORT, "date": DATE,
    "facilitators": st.lists(SHORT, max_size=3), "role_title": SHORT,
    "current_activity": st.sampled_from(model.ACTIVITIES),
    "x_unknown_field": SHORT,  # a field a newer app might add, set and undone like any other
})

# A change that must be refused, and must change nothing.
BAD_EDITS = st.sampled_from([
    ("hopes_fears", {"votes": -1}), ("hopes_fears", {"kind": "maybe"}), ("concerns", {"due": "next week"}),
    ("actions", {"stage": "someday"}), ("expertise", {"in_record": "yes"}), ("notes", {"activity": "lunch"}),
])


def snapshot_record(table: str) -> st.SearchStrategy[dict]:
    """A record as a snapshot holds it (for the exporter): valid fields plus id and times."""
    return st.builds(lambda fields, n: {"id": f"{table}-{n}", "created_at": "2026-12-03T09:00:00.000Z",
                                        "updated_at": "2026-12-03T09:00:00.000Z", **fields},
                     FIELDS[table], st.integers(0, 10**9))


def snapshot() -> st.SearchStrategy[dict]:
    workshop = st.builds(lambda edits: {"id": "w", "schema_version": model.SCHEMA_VERSION, "title": "Generated day", **edits},
                         WORKSHOP_EDITS)
    tables = {table: st.lists(snapshot_record(table), max_size=4) for table in FIELDS}
    return st.fixed_dictionaries({"workshop": workshop, **tables})
