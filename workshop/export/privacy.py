"""Who and what may appear in the record. Every privacy rule lives here so the Word and
Markdown records can never disagree about what is shared."""

from __future__ import annotations

from typing import Any

from .names import MARKS, TEAM_MEMBER, NameFinder, PrivacyReport, hidden_role, names_sentence, person_key
from .options import ExportOptions
from .textclean import clean, clean_line

LIVED = "lived"
SMALL = 3  # personal-experience counts below this are not shown exactly


def live_rows(snapshot: dict, table: str) -> list[dict]:
    """A table's records in stored order, without tombstones or anything malformed."""
    rows = snapshot.get(table)
    if isinstance(rows, dict):  # tolerate the store's {"1": {...}} shape too
        rows = list(rows.values())
    if not isinstance(rows, list):
        return []
    return [r for r in rows if isinstance(r, dict) and "deleted_at" not in r]


def withheld(row: dict) -> bool:
    """A record someone chose to keep out of the record, in any table."""
    return row.get("in_record") is False


class Privacy:
    """`participants`: everyone on the attendee list (and, for a follow-up, the people at
    the earlier day); `listed`: those the record lists on its cover, whose roles are
    counted to tell a role that identifies one person from one that does not."""

    def __init__(self, options: ExportOptions, participants: list[dict], listed: list[dict] | None = None,
                 workshop: dict | None = None):
        self.options = options
        self.names = options.include_names
        self.lived = options.include_lived
        ws = workshop or {}
        # Off by default: a count of 1 or 2 in a small team invites guessing who.
        self.small_numbers_shown = ws.get("small_numbers_shown") is True
        listed = participants if listed is None else listed
        self._roles: dict[str, list[dict]] = {}
        for p in listed:
            self._roles.setdefault(person_key(p.get("role")), []).append(p)
        self._named: set[str] = set()  # names of people who agreed and are listed
        hidden: list[tuple[str, str]] = []
        for p in participants:
            name = clean_line(p.get("name"))
            if not name:
                continue
            if self.attendee_name(p):
                self._named.add(person_key(name))
            else:
                hidden.append((name, self._instead(p)))
        self.finder = NameFinder(hidden, [clean_line(p.get("name")) for p in participants])
        # Anyone who agreed (here or at an earlier day) may be named somewhere in the text.
        self.anyone_named = bool(self._named)

    def _instead(self, participant: dict) -> str:
        """What a name becomes: the role, if at least two listed attendees who are not named
        in this record hold it; with one of two named, the role would point at the other."""
        role = clean_line(participant.get("role"))
        unnamed = [p for p in self._roles.get(person_key(role), ()) if not self.attendee_name(p)]
        return role if role and len(unnamed) >= 2 else TEAM_MEMBER

    def attendee_name(self, participant: dict) -> str:
        if self.names and participant.get("name_in_record") is True:
            return clean_line(participant.get("name"))
        return ""

    def person(self, value: Any) -> str:
        """A free-text person field (owner, who). Names in it were already replaced with
        every other text (`finder`), wherever they sit in the field."""
        return clean(value).strip()

    def role(self, value: Any) -> str:
        """A role said to be someone's ("raised by", "from"): shown only if at least two
        listed attendees hold it, or the one who does agreed to be named and names are in."""
        role = clean_line(value)
        if not role or MARKS.search(role):
            return role  # empty, or already a replacement
        holders = self._roles.get(person_key(role), [])
        if len(holders) >= 2 or (len(holders) == 1 and self.attendee_name(holders[0])):
            return role
        return hidden_role()

    def count(self, n: int) -> str:
        """A count of personal-experience entries as the record and the screen show it."""
        return small_count(n, self.small_numbers_shown)

    def expertise_shown(self, entry: dict) -> bool:
        source = entry.get("source")
        default = source != LIVED
        in_record = entry.get("in_record", default)
        if source == LIVED:
            return self.lived and in_record is True
        return in_record is not False

    def holder(self, entry: dict) -> str:
        """Names attached to expertise show only with the names option, never on lived
        experience, and only for a listed attendee who agreed to be named: a name the
        attendee list does not know has no consent behind it."""
        if not self.names or entry.get("source") == LIVED:
            return ""
        holder = clean_line(entry.get("holder"))
        return holder if holder and person_key(holder) in self._named else ""

    def statement(self, report: PrivacyReport | None = None) -> list[str]:
        """What is true of this document about names and personal experience."""
        if not self.names:
            lines = ["Names of participants are left out of this record."]
        elif self.anyone_named:
            lines = ["Names appear only for people who agreed to be named."]
        else:
            lines = ["No one who took part is named in this record: only people who agree are named."]
        if report and report.names_replaced:
            lines.append(names_sentence(report.names_replaced, self.names))
        if report and report.roles_hidden:
            lines.append(f"A role held by only one person is shown as \"{TEAM_MEMBER}\".")
        if self.lived:
            lived = ("Entries about personal experience of distress and mental health difficulties appear "
                     "only where the person marked them shareable, and never with a name.")
            if not self.small_numbers_shown:
                lived += f" A count of such entries below {SMALL} is shown as \"fewer than {SMALL}\"."
        else:
            lived = ("Entries about personal experience of distress and mental health difficulties "
                     "are left out of this record.")
        lines.append(lived)
        return lines


def small_count(n: int, shown: bool = False) -> str:
    """`n` as text, or "fewer than 3" for a small count unless the workshop shows them."""
    return str(n) if shown or n >= SMALL else f"fewer than {SMALL}"
