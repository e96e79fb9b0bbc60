"""Follow-up reviews: a new workshop that carries forward what an earlier one left open.

`create_followup` reads the earlier file (never writing to it, not even its time stamp) and
creates a new workshop beside the others with the earlier one's open and in-progress
concerns, its dual-role action plans and its action plan, each keeping a link to where it
came from (`carried_from`), and one `reviews` record per carried item saying how it stood
then. The review activity then records how each stands now (`set_status`, `set_text`,
`set_done_on`). No Textual here. See docs/FOLLOWUP.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from workshop import content, model, opening
from workshop.actions import parse_source
from workshop.history import History
from workshop.store import (
    Session,
    StoreError,
    delete_session,
    live_records,
    read_session_file,
    unique_session_path,
)

CARRIED_TABLES = ("concerns", "dual_roles", "actions")
OPEN_CONCERN = ("open", "in_progress")
# An item the earlier follow-up's review closed is not carried into the next one.
CLOSED_AT_REVIEW = ("done", "dropped")
TEXT_FIELDS = ("changed", "next")
# What "then" keeps of each kind of item: enough to compare, nothing about who raised it.
THEN_FIELDS = {
    "concerns": ("text", "category", "status", "owner", "due", "response"),
    "dual_roles": ("situation", "challenge", "action_plan", "owner", "due"),
    "actions": ("stage", "task", "what", "who", "by_when", "outcome"),
}
_SOURCE_KIND = {"concerns": "concern", "dual_roles": "dual_role"}
_SUFFIX = re.compile(r":\s*follow-up(?:\s+\d+)?(?:\s+on\s+.*)?\s*$", re.IGNORECASE)


class FollowupError(StoreError):
    """A follow-up that cannot be made, in words a facilitator understands."""


# --- what is carried ----------------------------------------------------------------------------


@dataclass
class FollowupPlan:
    """Everything the new workshop will hold: its workshop fields and records per table."""

    workshop: dict[str, Any]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def count(self, table: str) -> int:
        return len(self.records.get(table, []))


def statuses_for(table: str) -> tuple[str, ...]:
    """The review statuses an item of `table` can take, in key order (1, 2, 3...)."""
    for kind in content.review()["kinds"]:
        if kind["table"] == table:
            return tuple(kind["statuses"])
    raise KeyError(table)


def has_plan(record: dict[str, Any]) -> bool:
    """A dual-role scenario the group planned something for."""
    return bool(str(record.get("action_plan") or "").strip() or str(record.get("owner") or "").strip()
                or record.get("due"))


def followup_title(earlier_title: str, round_: int, on: str | None = None) -> str:
    """"Riverside day: follow-up on 3 Mar 2027": the date tells two follow-ups of the same
    day apart, on the home screen and in the file name made from the title."""
    base = _SUFFIX.sub("", earlier_title).strip() or earlier_title
    when = f" on {readable_date(on)}" if on else ""
    return model.clean_line(f"{base}: follow-up" + (f" {round_}" if round_ > 1 else "") + when)


def _people(data: dict[str, Any], follows: dict[str, Any] | None) -> tuple[list[str], list[str], list[str]]:
    """Names, roles and names agreed to be named, of everyone at the earlier days: carried
    owners are typed names, and the record must still swap a name for a role where the
    person did not agree to be named."""
    names: list[str] = []
    roles: list[str] = []
    named: list[str] = []
    seen: set[str] = set()

    def add(name: str, role: str, agreed: bool) -> None:
        name = model.clean_line(name)
        if not name or name.casefold() in seen:
            return
        seen.add(name.casefold())
        names.append(name)
        roles.append(model.clean_line(role))
        if agreed:
            named.append(name)

    for person in live_records(data, "participants"):
        add(str(person.get("name") or ""), str(person.get("role") or ""), person.get("name_in_record") is True)
    if follows:
        earlier_named = {str(n).casefold() for n in _text_list(follows.get("participants_named"))}
        pairs = zip(_text_list(follows.get("participant_names")), _text_list(follows.get("participant_roles")))
        for name, role in pairs:
            add(name, role, name.casefold() in earlier_named)
    return names, roles, named


def _text_list(value: Any) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _then(table: str, record: dict[str, Any], review: dict[str, Any] | None) -> dict[str, Any]:
    then = {name: record.get(name) for name in THEN_FIELDS[table]}
    if review is not None:
        # A chain: the earlier follow-up's own review says how the item stood there.
        if table != "concerns" and review.get("status") != "not_reviewed":
            then["status"] = review.get("status")
        if review.get("done_on"):
            then["done_on"] = review["done_on"]
        if str(review.get("next") or "").strip():
            then["agreed_next"] = review["next"]
    return {k: v for k, v in then.items() if v is None or isinstance(v, (str, int, float, bool))}


def plan_followup(data: dict[str, Any], file_name: str, on: str) -> FollowupPlan:
    """What a follow-up of the validated workshop `data` (read from `file_name`) held on
    `on` (YYYY-MM-DD) carries. Pure: reads `data`, writes nothing."""
    earlier = live_records(data, "workshop")[0]
    earlier_follows = earlier.get("follows") if isinstance(earlier.get("follows"), dict) else None
    earlier_reviews = {r.get("item_id"): r for r in live_records(data, "reviews")}

    def closed_at_review(record: dict[str, Any]) -> bool:
        review = earlier_reviews.get(record["id"])
        return review is not None and review.get("status") in CLOSED_AT_REVIEW

    concerns = [r for r in live_records(data, "concerns") if r.get("status", "open") in OPEN_CONCERN]
    dual = [r for r in live_records(data, "dual_roles") if has_plan(r) and not closed_at_review(r)]
    dual.sort(key=lambda r: r.get("position", 0) if isinstance(r.get("position"), int) else 0)
    actions = [r for r in live_records(data, "actions") if not closed_at_review(r)]

    new_ids: dict[str, dict[str, str]] = {t: {} for t in CARRIED_TABLES}
    for table, rows in (("concerns", concerns), ("dual_roles", dual), ("actions", actions)):
        for row in rows:
            new_ids[table][row["id"]] = model.new_id()

    records: dict[str, list[dict[str, Any]]] = {t: [] for t in (*CARRIED_TABLES, "reviews", "notes")}
    for table, rows in (("concerns", concerns), ("dual_roles", dual), ("actions", actions)):
        for row in rows:
            copy = {k: v for k, v in row.items() if k not in (*model.META_FIELDS, "deleted_at")}
            copy.update(id=new_ids[table][row["id"]], carried_from=row["id"])
            if table == "concerns":
                copy["from_fear"] = None  # the fear stayed in the earlier workshop
            if table == "actions":
                copy["source"] = _rewritten_source(row.get("source"), new_ids)
            records[table].append(copy)
            records["reviews"].append({
                "item_table": table,
                "item_id": copy["id"],
                "origin_id": row["id"],
                "then": _then(table, row, earlier_reviews.get(row["id"])),
                "status": "not_reviewed",
                "position": len(records["reviews"]),
            })

    # The vision and the answers on why: the reasons the roles were made, to look back on.
    records["notes"] = opening.carried_notes(live_records(data, "notes"))

    all_concerns = live_records(data, "concerns")
    names, roles, named = _people(data, earlier_follows)
    round_ = (earlier_follows.get("round") if isinstance(earlier_follows, dict) else 0) or 0
    round_ = (round_ if isinstance(round_, int) and not isinstance(round_, bool) else 0) + 1
    follows = {
        "id": earlier["id"],
        "title": earlier.get("title", ""),
        "date": earlier.get("date"),
        "file": file_name,
        "round": round_,
        "concerns": len(all_concerns),
        "concerns_open": sum(c.get("status", "open") == "open" for c in all_concerns),
        "concerns_in_progress": sum(c.get("status") == "in_progress" for c in all_concerns),
        "concerns_resolved": sum(c.get("status") == "resolved" for c in all_concerns),
        "dual_roles": len(live_records(data, "dual_roles")),
        "actions": len(live_records(data, "actions")),
        "carried_concerns": len(records["concerns"]),
        "carried_dual_roles": len(records["dual_roles"]),
        "carried_actions": len(records["actions"]),
        "participant_names": names,
        "participant_roles": roles,
        "participants_named": named,
        "vision": opening.vision_of(live_records(data, "notes")),
    }
    timeboxes = dict(earlier.get("timeboxes") or model.DEFAULT_TIMEBOXES)
    timeboxes.setdefault(content.REVIEW_KEY, content.review_activity().minutes)
    workshop = {
        "title": followup_title(str(earlier.get("title") or ""), round_, on),
        "team": earlier.get("team", ""),
        "organisation": earlier.get("organisation", ""),
        "venue": earlier.get("venue", ""),
        "facilitators": list(earlier.get("facilitators") or []),
        "role_title": earlier.get("role_title") or "Peer Support Worker",
        "timeboxes": timeboxes,
        "template": earlier.get("template"),
        "date": on,
        "follows": follows,
        "current_activity": content.REVIEW_KEY,
    }
    return FollowupPlan(workshop, records)


def _rewritten_source(source: Any, new_ids: dict[str, dict[str, str]]) -> str | None:
    """An action's link to a concern or dual role that came along too now points at the
    copy; any other link is dropped (the action's origin is still known by carried_from)."""
    parsed = parse_source(source) if isinstance(source, str) else None
    if parsed is None:
        return None
    table, rid = parsed
    new = new_ids.get(table, {}).get(rid)
    return f"{_SOURCE_KIND[table]}:{new}" if new else None


# --- creating the file -------------------------------------------------------------------------


def create_followup(earlier: Path, folder: Path, *, on: str | None = None) -> Path:
    """Create the follow-up of the workshop at `earlier` in `folder`, held on `on`
    (YYYY-MM-DD; default today), and return its path. The earlier file is only read.

    Raises StoreError (FollowupError for a bad date) with a message for a facilitator;
    a follow-up that fails half way is removed, never left half made."""
    earlier = Path(earlier)
    folder = Path(folder)
    try:
        day = model.parse_date(on) if on is not None else date.today().isoformat()
    except ValueError as exc:
        raise FollowupError(f"The follow-up date is not right: {exc}") from None
    if day is None:
        day = date.today().isoformat()
    data = read_session_file(earlier)
    plan = plan_followup(data, earlier.name, day)
    before = plan.workshop["follows"]["date"]
    if before and day < before:
        raise FollowupError(f"The follow-up date ({day}) is before the workshop it follows ({before}); "
                            "give a date on or after that day.")
    if not folder.is_dir():
        raise FollowupError(f"The folder {folder} does not exist.")
    session = Session.create(unique_session_path(folder, plan.workshop["title"]), **plan.workshop)
    try:
        for table in (*CARRIED_TABLES, "reviews"):
            session.insert_many(table, plan.records[table])
        if plan.records["notes"]:
            session.insert_many("notes", plan.records["notes"])
    except BaseException:
        session.close()
        try:
            delete_session(session.path)
        except StoreError:
            pass  # the half-made file stays; the earlier one is untouched either way
        raise
    session.close()
    return session.path


# --- the review --------------------------------------------------------------------------------


def reviews(session: Session) -> list[dict[str, Any]]:
    """The review's items in walking order."""
    rows = session.records("reviews")
    return sorted(rows, key=lambda r: (r.get("position", 0), r.get("created_at") or ""))


def item_of(session: Session, review: dict[str, Any]) -> dict[str, Any] | None:
    """The carried record a review is about, or None if it has been deleted since."""
    table = review.get("item_table")
    if table not in CARRIED_TABLES:
        return None
    return session.get(table, str(review.get("item_id") or ""))


def set_status(history: History, review_id: str, status: str) -> dict[str, Any]:
    """How a carried item stands now. For a concern the concern's own status follows;
    leaving "done" clears the done-on date. One undoable step."""
    review = _review(history, review_id)
    table = review["item_table"]
    if status not in statuses_for(table):
        raise FollowupError(f"{status} is not a status for {table.replace('_', ' ')}.")
    changes: dict[str, Any] = {"status": status}
    if status != "done" and review.get("done_on"):
        changes["done_on"] = None
    with history.step("review status"):
        saved = history.update("reviews", review_id, "review status", **changes)
        if table == "concerns":
            item = item_of(history.session, review)
            if item is not None and item.get("status") != status:
                history.update("concerns", item["id"], "review status", status=status)
    return saved


def set_text(history: History, review_id: str, name: str, text: str) -> dict[str, Any]:
    """What changed, or what next, for one item."""
    if name not in TEXT_FIELDS:
        raise KeyError(name)
    _review(history, review_id)
    label = "what changed" if name == "changed" else "what next"
    return history.update("reviews", review_id, label, **{name: model.clean_text(text).strip()})


def set_done_on(history: History, review_id: str, value: str | None) -> dict[str, Any]:
    """When a done item was done (YYYY-MM-DD, or empty to clear). ValueError for a date
    that cannot be read."""
    day = model.parse_date(value)
    review = _review(history, review_id)
    if day is not None and review.get("status") != "done":
        raise FollowupError("Mark it done first (the done-on date is for done items).")
    return history.update("reviews", review_id, "done on", done_on=day)


def readable_date(value: Any) -> str:
    """YYYY-MM-DD as "15 Jan 2027"; anything else as it is."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.day} {day:%b %Y}"


def then_lines(review: dict[str, Any]) -> list[tuple[str, str]]:
    """How a carried item stood at the earlier day, as (label, value) in the order shown."""
    words = content.review()
    then = review.get("then") if isinstance(review.get("then"), dict) else {}
    lines = []
    for name, label in words["fields"].items():
        value = then.get(name)
        if value is None or not str(value).strip():
            continue
        if name == "status":
            value = words["statuses"].get(value, {}).get("label", value)
        elif name in ("due", "by_when", "done_on"):
            value = readable_date(value)
        lines.append((label, str(value)))
    return lines


def progress(rows: list[dict[str, Any]]) -> tuple[int, int]:
    """(reviewed, total)."""
    return sum(r.get("status", "not_reviewed") != "not_reviewed" for r in rows), len(rows)


def _review(history: History, review_id: str) -> dict[str, Any]:
    review = history.session.get("reviews", review_id)
    if review is None:
        raise FollowupError("That review item is no longer there.")
    return review
