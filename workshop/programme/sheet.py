"""The programme as one spreadsheet (CSV): every row, not only the first few per team.

One table in long form, so a coordinator can filter it in Excel: the first column says what
each row is (a workshop, an open concern, a late action...). UTF-8 with a byte-order mark,
so Excel reads accents and other scripts correctly; a cell that starts like a formula gets a
leading apostrophe, so nothing typed in a workshop can run in the spreadsheet."""

from __future__ import annotations

import csv
import io

from workshop.export.names import settle
from workshop.export.sections import STATUS

from .facts import Facts, moved_sentence

HEADER = ("Row", "Team", "Workshop", "Date", "Item", "Category or theme", "Status", "Who", "By when", "Detail")
_FORMULA_START = ("=", "+", "-", "@")


def neutral(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def rows(facts: Facts) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = []
    for r in facts.rows:
        ws = r.workshop
        kind = "Follow-up review" if ws.is_followup else "Team day"
        detail = ("counts are in the latest follow-up" if r.open_concerns is None else
                  f"{r.open_concerns} open concerns; {r.open_actions} open actions; {r.late} late; "
                  f"{r.due_soon} due soon")
        out.append(("Workshop", ws.team, ws.title, ws.date, kind, "", "", "", "", detail))
    for ws, c in facts.open_concerns:
        out.append(("Open concern", ws.team, ws.title, ws.date, c.text, c.category, STATUS.get(c.status, "Open"),
                    c.owner, c.due, ""))
    for ws, a, days in facts.late:
        out.append(("Late action", ws.team, ws.title, ws.date, a.task, "", "Late", a.who, a.due,
                    f"{days} days late"))
    for ws, a in facts.due_soon:
        out.append(("Action due soon", ws.team, ws.title, ws.date, a.task, "", "Due soon", a.who, a.due, ""))
    for th in facts.themes:
        out.append((f"{th.kind.capitalize()} theme", "", "", "", "", th.name, "", "", "",
                    f"{len(th.teams)} teams; {th.entries} entries; {th.votes} votes"))
    for ws in facts.followups:
        out.append(("Follow-up", ws.team, ws.title, ws.date, ws.follows_title, "", "", "", "", moved_sentence(ws)))
    for s in facts.gathered.skipped:
        out.append(("Skipped file", "", s.path.name or str(s.path), "", "", "", "", "", "", s.reason))
    return out


def write_csv(facts: Facts) -> bytes:
    table = settle([tuple(neutral(c) for c in row) for row in rows(facts)], [0, 0])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8-sig")
