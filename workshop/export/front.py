"""The front of the record: the cover (who took part, the privacy sentences' place), the
status line, the running head and the document's properties."""

from __future__ import annotations

from datetime import datetime, timezone

from . import sections as S
from .blocks import Column, Fields, Heading, Para, Properties, Section, Table
from .names import MARKS
from .privacy import Privacy
from .textclean import clean_line

fmt_date = S.fmt_date
_PROPERTY_LIMIT = 255  # characters a Word document property may hold


def _when(value: object, fallback: datetime) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return fallback
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


_STATEMENT = Para("")  # where the privacy sentences go


def _running_head(ws: dict) -> str:
    title = clean_line(ws.get("title")) or "Team day"
    day = fmt_date(ws.get("date"))
    return f"{title}, {day}" if day else title


def _last_change(snapshot: dict) -> datetime | None:
    """When anything in the workshop last changed: which version of it this record shows."""
    latest = None
    for rows in snapshot.values():
        for row in rows if isinstance(rows, list) else [rows]:
            if isinstance(row, dict) and isinstance(row.get("updated_at"), str):
                if latest is None or row["updated_at"] > latest:
                    latest = row["updated_at"]
    if latest is None:
        return None
    fallback = datetime.min.replace(tzinfo=timezone.utc)
    when = _when(latest, fallback)
    return None if when == fallback else when


def _stamp(when: datetime) -> str:
    when = when.astimezone(timezone.utc)
    return f"{fmt_date(when.date().isoformat())} at {when:%H:%M} UTC"


def status_line(status: str, changed: datetime | None, now: datetime) -> str:
    version = f"version of {_stamp(changed)}" if changed else ""
    return "; ".join(x for x in (status, version, f"exported {_stamp(now)}") if x) + "."


def _properties(ws: dict, now: datetime) -> Properties:
    facilitators = [clean_line(f) for f in ws.get("facilitators") or [] if clean_line(f)]
    team, org = clean_line(ws.get("team")), clean_line(ws.get("organisation"))
    role = clean_line(ws.get("role_title")) or "Peer Support Worker"
    return Properties(
        title=_cut(clean_line(ws.get("title")) or "Team day"),
        author=_cut("; ".join(facilitators) or org or "Team Day"),
        subject=_cut("Record of the team-preparation day" + (f": {team}" if team else "")),
        keywords=_cut("; ".join(x for x in ("peer support", "team preparation", role, org) if x)),
        category=_cut("Confidential: for the planning group"),
        created=_when(ws.get("created_at"), now),
        modified=now,
    )


def _cut(text: str) -> str:
    """A document property within Word's limit; the full text stays in the body. Cut
    before a replacement marker's count is taken, so it may split one: `settle` still
    removes the marker."""
    if len(MARKS.sub("", text)) <= _PROPERTY_LIMIT:
        return text
    kept = 0
    for i, ch in enumerate(text):
        kept += not MARKS.match(ch)
        if kept == _PROPERTY_LIMIT - 1:
            return text[:i + 1].rstrip() + "…"
    return text


def _cover(ws: dict, participants: list[dict], privacy: Privacy, now: datetime, status: str) -> Section:
    sec = Section("cover", "Cover")
    team = clean_line(ws.get("team"))
    facilitators = [clean_line(f) for f in ws.get("facilitators") or [] if clean_line(f)]
    sec.items.append(Heading(0, clean_line(ws.get("title")) or "Team day"))
    what = "follow-up review" if isinstance(ws.get("follows"), dict) else "team-preparation day"
    sec.items.append(Para(f"Record of the {what}" + (f" for {team}" if team else ""), "lead"))
    sec.items.append(Para(status, "status"))
    pairs = [("Team", team), ("Organisation", clean_line(ws.get("organisation"))),
             ("Date", fmt_date(ws.get("date"))), ("Venue", clean_line(ws.get("venue"))),
             ("Facilitators", ", ".join(facilitators)),
             ("Peer role", clean_line(ws.get("role_title")))]
    sec.items.append(Fields([(k, v) for k, v in pairs if v]))
    sec.items.append(Heading(2, "Who took part", outline=False))
    roles: dict[str, list[dict]] = {}
    for p in participants:
        roles.setdefault(clean_line(p.get("role")) or "Role not given", []).append(p)
    if roles:
        columns = [Column("Role", 0.4), Column("People", 0.15, "center")]
        if privacy.names:
            columns = [Column("Role", 0.32), Column("People", 0.12, "center"), Column("Named with their agreement", 0.56)]
        table = Table(columns, [])
        for role, people in roles.items():
            row = [role, str(len(people))]
            if privacy.names:
                names = [n for n in (privacy.attendee_name(p) for p in people) if n]
                rest = len(people) - len(names)
                row.append(", ".join(names) + (f" ({rest} not named)" if names and rest else "") if names else "")
            table.rows.append(tuple(row))
        sec.items.append(table)
    else:
        sec.items.append(Para("No attendees were recorded."))
    sec.items.append(_STATEMENT)
    return sec
