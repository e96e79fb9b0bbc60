"""Job description review, outside the screen: the criteria walked, their ratings and
progress, and the compromise checklist. Import lives in `jd_import`, the wording check
in `jd_check`. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from workshop import content
from workshop.jd.check import (Flag, FlagGroup, check_wording, flag_identity, group_flags,  # noqa: F401
                               is_missing, lexicon_for)
from workshop.jd.importer import DraftImportError, read_draft  # noqa: F401
from workshop.jd import duties as jd_duties

STATUSES = ("met", "partly", "not_met", "not_discussed")
STATUS_LABEL = {"met": "Met", "partly": "Partly", "not_met": "Not met", "not_discussed": "Not discussed"}
# A mark as well as the word, so a rating reads without colour.
STATUS_MARK = {"met": "✓", "partly": "◐", "not_met": "✗", "not_discussed": "·"}


@dataclass(frozen=True)
class Criterion:
    key: str  # "<group key>:<item key>", as stored in jd_checks.criterion
    group: str
    group_title: str
    title: str
    description: str


def criterion_key(group: str, item: str) -> str:
    return f"{group}:{item}"


def normalise_key(key: str) -> str:
    """Criterion keys written "group.item" (by other tools) read as "group:item"."""
    key = str(key or "")
    return key if ":" in key else key.replace(".", ":", 1)


def criteria() -> list[Criterion]:
    """Every criterion of `content.jd_criteria()`, group by group, in order."""
    out = []
    for group in content.jd_criteria():
        for item in group.get("items", ()):
            out.append(Criterion(criterion_key(group["key"], item["key"]), group["key"], group.get("title", group["key"]),
                                 item.get("title", item["key"]), item.get("description", "")))
    return out


def checks_for(checks: Iterable[dict[str, Any]], jd_id: str) -> dict[str, dict[str, Any]]:
    """The saved rating of each criterion for one draft, by criterion key (first one wins)."""
    out: dict[str, dict[str, Any]] = {}
    for check in checks:
        if check.get("jd_id") == jd_id:
            out.setdefault(normalise_key(check.get("criterion", "")), check)
    return out


@dataclass(frozen=True)
class Progress:
    discussed: int
    total: int
    counts: dict[str, int]

    def summary(self) -> str:
        parts = [f"{self.discussed} of {self.total} discussed"]
        parts += [f"{STATUS_LABEL[s].lower()} {self.counts[s]}" for s in ("met", "partly", "not_met") if self.counts[s]]
        return " · ".join(parts)


def progress(by_criterion: dict[str, dict[str, Any]], items: list[Criterion]) -> Progress:
    counts = {status: 0 for status in STATUSES}
    for item in items:
        status = by_criterion.get(item.key, {}).get("status", "not_discussed")
        counts[status if status in counts else "not_discussed"] += 1
    return Progress(len(items) - counts["not_discussed"], len(items), counts)


def signs_for(records: Iterable[dict[str, Any]], jd_id: str) -> dict[str, dict[str, Any]]:
    """The compromise checklist of one draft, by sign key (first one wins)."""
    out: dict[str, dict[str, Any]] = {}
    for record in records:
        if record.get("jd_id") == jd_id:
            out.setdefault(str(record.get("sign", "")), record)
    return out


@dataclass
class FlagRow:
    """A saved flag as the list shows it: its number, and where it is in the draft now."""

    number: int
    record: dict
    group: FlagGroup | None  # None: the phrase is no longer in the draft (or no longer missing)
    missing: bool
    sent: bool = False

    @property
    def gone(self) -> bool:
        return self.group is None


def flag_rows(saved: list[dict], groups: list[FlagGroup], sent_ids: set[str]) -> list[FlagRow]:
    """Saved flags in the order they are shown and numbered: wording in reading order, then
    wording no longer in the draft, then missing content, then content no longer missing."""
    found = {g.identity: g for g in groups}
    present, gone, missing, resolved = [], [], [], []
    seen: set[tuple[str, str]] = set()
    for record in saved:
        identity = flag_identity(record.get("phrase", ""), record.get("reason", ""))
        if identity in seen:
            continue  # a second copy of the same flag (from a merge): the first one speaks
        seen.add(identity)
        group = found.get(identity)
        if is_missing(record):
            (missing if group else resolved).append((record, group))
        elif group:
            present.append((record, group))
        else:
            gone.append((record, None))
    present.sort(key=lambda pair: pair[1].spans[0][0] if pair[1].spans else 0)
    rows = []
    for record, group in present + gone + missing + resolved:
        rows.append(FlagRow(len(rows) + 1, record, group, is_missing(record), record["id"] in sent_ids))
    return rows


# --- what the review screen reads and writes ---------------------------------------------------


class ReviewData:
    """The review of the drafts in one session, read once per reload. Changes go through
    the History the view passes in (so they can be undone) and keep these caches current."""

    def __init__(self, session) -> None:
        self.session = session
        self.criteria = criteria()
        self.sign_list = content.compromise_signs()
        self.lexicon = lexicon_for(session.workshop())  # the organisation template's wording too
        self.drafts: list[dict[str, Any]] = []
        self.jd_id: str | None = None
        self.checks: dict[str, dict[str, Any]] = {}
        self.flags: list[dict[str, Any]] = []
        self.signs: dict[str, dict[str, Any]] = {}
        self.duties: dict[str, dict[str, Any]] = {}
        self.sent: set[str] = set()
        self._found: dict[str, tuple[str, list[FlagGroup]]] = {}

    # reading -----------------------------------------------------------------------------------

    def load(self, select: str | None = None) -> None:
        self.drafts = self.session.records("job_descriptions")
        ids = [d["id"] for d in self.drafts]
        if select in ids:
            self.jd_id = select
        elif self.jd_id not in ids:
            self.jd_id = ids[-1] if ids else None  # the newest draft is the one most likely in hand
        jd_id = self.jd_id or ""
        self.checks = checks_for(self.session.records("jd_checks"), jd_id)
        self.flags = [f for f in self.session.records("jd_flags") if f.get("jd_id") == jd_id]
        self.signs = signs_for(self.session.records("jd_compromise"), jd_id)
        self.duties = jd_duties.duties_for(self.session.records("jd_duties"), jd_id)
        self.sent = {str(a.get("source", "")).partition(":")[2] for a in self.session.records("actions")
                     if str(a.get("source") or "").startswith(("jd_flag:", "jd_check:", "jd_duty:"))}

    @property
    def current(self) -> dict[str, Any] | None:
        return next((d for d in self.drafts if d["id"] == self.jd_id), None)

    @property
    def index(self) -> int:
        return next((i for i, d in enumerate(self.drafts) if d["id"] == self.jd_id), 0)

    def select(self, index: int) -> None:
        if self.drafts:
            self.load(select=self.drafts[index % len(self.drafts)]["id"])

    def all_flags(self) -> list[dict[str, Any]]:
        return self.session.records("jd_flags")

    def groups_for(self, draft: dict[str, Any]) -> list[FlagGroup]:
        """A fresh check of `draft`, remembered until its text changes."""
        cached = self._found.get(draft["id"])
        if cached is not None and cached[0] == draft["text"]:
            return cached[1]
        groups = group_flags(check_wording(draft["text"], lexicon=self.lexicon))
        self._found[draft["id"]] = (draft["text"], groups)
        return groups

    def flag_rows(self) -> list[FlagRow]:
        draft = self.current
        if draft is None:
            return []
        return flag_rows(self.flags, self.groups_for(draft), self.sent)

    def duty_rows(self) -> list[jd_duties.DutyRow]:
        draft = self.current
        return [] if draft is None else jd_duties.duty_rows(draft["text"], self.duties)

    def children(self, jd_id: str) -> list[tuple[str, dict[str, Any]]]:
        """Every record of the review of one draft, for deleting it with the draft."""
        return [(table, r) for table in ("jd_checks", "jd_flags", "jd_compromise", "jd_duties")
                for r in self.session.records(table) if r.get("jd_id") == jd_id]

    def status(self, pane: str) -> str:
        draft = self.current
        if draft is None:
            return "Several drafts can be reviewed; each keeps its own review."
        if pane == "criteria":
            return progress(self.checks, self.criteria).summary() + " · 1-4 rate · E note"
        if pane == "duties":
            return jd_duties.summary(self.duty_rows())
        if pane == "signs":
            present = sum(1 for s in self.sign_list if self.signs.get(s["key"], {}).get("present"))
            return f"{present} of {len(self.sign_list)} signs present"
        states = {"open": 0, "accepted": 0, "dismissed": 0}
        for row in self.flag_rows():
            states[row.record.get("state", "open")] = states.get(row.record.get("state", "open"), 0) + 1
        flags = f"{sum(states.values())} flags: {states['open']} open, {states['accepted']} accepted, {states['dismissed']} dismissed"
        if pane == "wording":
            return flags + " · A accept · X dismiss"
        source = f" · from {draft['imported_from']}" if draft.get("imported_from") else ""
        return f"{flags} · {len(draft['text']):,} characters{source}"

    # writing -----------------------------------------------------------------------------------

    def insert_flags(self, history, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Save new flags in one write, as one undoable step."""
        return history.insert_many("jd_flags", items, "check wording")

    def save_check(self, history, attempt: Callable, key: str, label: str, **changes: Any) -> dict[str, Any] | None:
        existing = self.checks.get(key)
        if existing is not None:
            record = attempt(history.update, "jd_checks", existing["id"], label, **changes)
        else:
            record = attempt(history.insert, "jd_checks", label, jd_id=self.jd_id, criterion=key, **changes)
        if record is not None:
            self.checks[key] = record
        return record

    def save_sign(self, history, attempt: Callable, key: str, label: str, **changes: Any) -> dict[str, Any] | None:
        existing = self.signs.get(key)
        if existing is not None:
            record = attempt(history.update, "jd_compromise", existing["id"], label, **changes)
        else:
            record = attempt(history.insert, "jd_compromise", label, jd_id=self.jd_id, sign=key, **changes)
        if record is not None:
            self.signs[key] = record
        return record

    def save_duty(self, history, attempt: Callable, row: jd_duties.DutyRow, label: str,
                  **changes: Any) -> dict[str, Any] | None:
        existing = self.duties.get(row.key)
        if existing is not None:
            record = attempt(history.update, "jd_duties", existing["id"], label, **changes)
        else:
            # The duty's words go in too, so the file reads without the app's content.
            fields = {"mark": None, **changes}
            record = attempt(history.insert, "jd_duties", label, jd_id=self.jd_id, duty=row.key, title=row.title,
                             **fields)
        if record is not None:
            self.duties[row.key] = record
        return record
