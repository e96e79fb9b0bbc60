"""Who and what may appear in the record. Every privacy rule lives here so the Word and
Markdown records can never disagree about what is shared."""

from __future__ import annotations

from typing import Any

from .options import ExportOptions
from .textclean import clean, clean_line

LIVED = "lived"


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
    def __init__(self, options: ExportOptions, participants: list[dict]):
        self.options = options
        self.names = options.include_names
        self.lived = options.include_lived
        # People who did not agree to be named, so their name typed into a free-text
        # field such as "Who is responsible" can be swapped for their role.
        self._unnamed: dict[str, str] = {}
        for p in participants:
            name = clean_line(p.get("name"))
            if name and not self.attendee_name(p):
                self._unnamed[name.casefold()] = clean_line(p.get("role")) or "a participant"

    def attendee_name(self, participant: dict) -> str:
        if self.names and participant.get("name_in_record") is True:
            return clean_line(participant.get("name"))
        return ""

    def person(self, value: Any) -> str:
        """A free-text person field (owner, who): an unconsented participant's name
        becomes their role."""
        text = clean(value).strip()
        return self._unnamed.get(" ".join(text.split()).casefold(), text)

    def expertise_shown(self, entry: dict) -> bool:
        source = entry.get("source")
        default = source != LIVED
        in_record = entry.get("in_record", default)
        if source == LIVED:
            return self.lived and in_record is True
        return in_record is not False

    def holder(self, entry: dict) -> str:
        """Names attached to expertise show only with the names option, never on lived
        experience, and never for a participant who declined to be named."""
        if not self.names or entry.get("source") == LIVED:
            return ""
        holder = clean_line(entry.get("holder"))
        if not holder or holder.casefold() in self._unnamed:
            return ""
        return holder

    def statement(self) -> list[str]:
        lines = [
            "Names appear only for people who agreed to be named."
            if self.names else "Names of participants are left out of this record.",
            "Entries about personal experience of distress and mental health difficulties "
            + ("appear only where the person marked them shareable, and never with a name."
               if self.lived else "are left out of this record."),
        ]
        return lines
