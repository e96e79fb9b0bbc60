"""The example peer duties of one draft in the record: a table of each duty marked present,
missing or wanted, in words (the record is often printed in black and white).

A duty the group did not mark reads as the wording check's suggestion, said as such, so a
reader can tell what the room decided from what the app suggested."""

from __future__ import annotations

from workshop.jd import duties as jd_duties

from .blocks import Column, Heading, Para, Table
from .textclean import clean, clean_line

DECIDED = {"present": "Present", "missing": "Missing", "wanted": "Wanted: to be added"}
SUGGESTED = {"present": "Present (found by the check, not discussed)",
             "missing": "Missing (not found by the check, not discussed)"}


def duty_items(jd: dict, records: list[dict], sent: set[str] | None = None) -> list:
    """Heading, table and a line of counts; nothing when the group did not look at the duties
    (no marks saved for this draft)."""
    saved = jd_duties.duties_for(records, str(jd.get("id")))
    if not saved:
        return []
    rows = jd_duties.duty_rows(str(jd.get("text") or ""), saved)
    table = Table([Column("Example peer duty", 0.45), Column("Marked", 0.2), Column("Note", 0.35)], [])
    for row in rows:
        if row.decided:
            mark = DECIDED[row.mark]
        else:
            mark = SUGGESTED[row.mark]
        note = clean(row.note)
        if sent and row.record is not None and str(row.record.get("id")) in sent:
            note = (note + "\n" if note else "") + "(In the action plan.)"
        table.rows.append((clean_line(row.title), mark, note))
    n = jd_duties.counts(rows)
    line = (f"Of the {len(rows)} example duties in the guidance: {n['present']} present, "
            f"{n['missing']} missing, {n['wanted']} wanted by the team.")
    return [Heading(3, "Example peer duties"), table, Para(line, "note")]
