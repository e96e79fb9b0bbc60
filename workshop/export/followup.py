"""The comparison section of a follow-up's record: "Since <earlier title> (<date>)".

Concerns at the outset against now, each carried concern then and now, new concerns, and
the carried actions and dual-role plans done, late and dropped, with their dates. Rows in
are already cleaned; privacy follows the same rules as the other sections (withheld rows
counted, never shown; owners through `Privacy.person`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .blocks import Column, GroupRow, Heading, Notes, Para, Section, Table
from .entries import origins, source_of
from .labels import _call, humanise
from .mdparse import parse_notes
from .privacy import Privacy, withheld
from .sections import STATUS, fmt_date, held_back_line, notes_items, plural
from .textclean import clean, clean_line

KEY = "followup"
_STATUS_FALLBACK = {
    "not_reviewed": "Not yet reviewed", "open": "Open", "in_progress": "In progress", "resolved": "Resolved",
    "not_started": "Not started", "done": "Done", "dropped": "Dropped",
}
# Where a carried action or plan stands, in the order the groups are shown.
STANDINGS = (
    ("done", "Done"),
    ("late", "Late"),
    ("dropped", "Dropped"),
    ("under_way", "Still under way"),
)


def status_labels() -> dict[str, str]:
    words = dict(_STATUS_FALLBACK)
    review = _call("review")
    statuses = review.get("statuses") if isinstance(review, dict) else None
    for key, entry in (statuses or {}).items():
        if isinstance(entry, dict) and entry.get("label"):
            words[str(key)] = str(entry["label"])
    return words


def kind_labels() -> dict[str, str]:
    """What each kind of carried item is called (review.toml), by its table."""
    words = {"concerns": "Concern", "dual_roles": "Dual-role plan", "actions": "Action"}
    review = _call("review")
    for kind in (review.get("kinds") if isinstance(review, dict) else None) or []:
        if isinstance(kind, dict) and kind.get("table") in words and kind.get("label"):
            words[kind["table"]] = str(kind["label"])
    return words


def earlier_people(ws: dict) -> list[dict]:
    """People at the earlier day(s), as participants for `Privacy` only (never listed on
    the cover): carried owners are typed names, and a name whose owner did not agree to be
    named must still become their role here."""
    follows = ws.get("follows")
    if not isinstance(follows, dict):
        return []

    def texts(name: str) -> list[str]:
        value = follows.get(name)
        return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []

    named = {n.casefold() for n in texts("participants_named")}
    return [{"name": name, "role": role, "name_in_record": name.casefold() in named}
            for name, role in zip(texts("participant_names"), texts("participant_roles"))]


def review_position(row: dict) -> int:
    value = row.get("position")
    return value if isinstance(value, int) and not isinstance(value, bool) else 10**9


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _date(value: Any) -> str:
    """An ISO date, or "" for anything else (a date typed by hand that cannot be compared)."""
    text = clean_line(value)
    try:
        datetime.strptime(text, "%Y-%m-%d")
    except ValueError:
        return ""
    return text


def standing(status: str, due: str, done_on: str, on: str) -> str:
    """done, late, dropped or under_way. Late: done after its due date, or not done (nor
    dropped) with its due date before the follow-up."""
    if status == "dropped":
        return "dropped"
    if status == "done":
        return "late" if due and done_on and done_on > due else "done"
    return "late" if due and due < on else "under_way"


def _changed_next(review: dict) -> str:
    parts = []
    if clean(review.get("changed")).strip():
        parts.append(f"Changed: {clean(review.get('changed')).strip()}")
    if clean(review.get("next")).strip():
        parts.append(f"Next: {clean(review.get('next')).strip()}")
    return "\n".join(parts)


def followup_section(ws: dict, snapshot_rows: dict[str, list[dict]], notes: list[dict], notes_held: int,
                     privacy: Privacy, now: datetime) -> Section | None:
    """The section, or None for a workshop that follows no other.

    `snapshot_rows`: live rows of "reviews", "concerns", "dual_roles" and "actions"."""
    follows = ws.get("follows")
    if not isinstance(follows, dict):
        return None
    words = status_labels()
    title = clean_line(follows.get("title")) or "the earlier workshop"
    then_day = fmt_date(follows.get("date"))
    heading = f"Since {title}" + (f" ({then_day})" if then_day else "")
    on = _date(ws.get("date")) or now.date().isoformat()
    sec = Section(KEY, heading, landscape=True)
    sec.items.append(Heading(1, heading, f"sec_{KEY}"))
    sec.items.append(Para(
        f"This follow-up on {fmt_date(on)} looked again at what the team carried forward from "
        f"{title}" + (f", held on {then_day}" if then_day else "") + ": how each item stood then, "
        "how it stands now, what changed and what happens next.", "lead"))
    vision = clean(follows.get("vision") or "").strip()
    if vision:
        sec.items.append(Heading(2, "The vision agreed then"))
        sec.items.append(Notes(parse_notes(vision)))

    items = {t: {r.get("id"): r for r in snapshot_rows.get(t, [])} for t in ("concerns", "dual_roles", "actions")}
    held = notes_held
    shown: dict[str, list[tuple[dict, dict | None]]] = {"concerns": [], "dual_roles": [], "actions": []}
    for review in sorted(snapshot_rows.get("reviews", []), key=review_position):
        table = review.get("item_table")
        if table not in shown:
            continue
        item = items[table].get(review.get("item_id"))
        if withheld(review) or (item is not None and withheld(item)):
            held += 1
            continue
        shown[table].append((review, item))
    shown["actions"], shown["dual_roles"] = _one_line_each(shown["actions"], shown["dual_roles"])
    came_from = origins([i for _, i in shown["actions"] if i],
                        {t: {str(r.get("id")): r for r in snapshot_rows.get(t, []) if not withheld(r)}
                         for t in ("concerns", "dual_roles")})
    carried_ids = {str(r.get("id")) for _, r in shown["concerns"] if r}
    new = [r for r in snapshot_rows.get("concerns", [])
           if not r.get("carried_from") and str(r.get("id")) not in carried_ids]
    new_shown = [r for r in new if not withheld(r)]
    held += len(new) - len(new_shown)

    sec.items += _concerns(shown["concerns"], new_shown, follows, words, privacy)
    sec.items += _plans("Actions: done, late and dropped", "Action", "actions", shown["actions"], on, words, privacy,
                        came_from)
    sec.items += _plans("Dual-role action plans", "A peer worker is…", "dual_roles", shown["dual_roles"], on,
                        words, privacy)
    sec.shown = sum(len(v) for v in shown.values())
    sec.items += notes_items(notes, "Discussion notes")
    sec.held_back = held
    sec.items += held_back_line(held)
    return sec


def _one_line_each(actions: list[tuple[dict, dict | None]], plans: list[tuple[dict, dict | None]]
                   ) -> tuple[list[tuple[dict, dict | None]], list[tuple[dict, dict | None]]]:
    """A dual-role plan that was sent to the action plan is one item, not two: it is listed
    once, as the action, with one status. The action's own review decides where it
    stands; the plan's review counts only when the action's was not made."""
    by_id = {str(item.get("id")): review for review, item in plans if item}
    merged: set[str] = set()
    out = []
    for review, item in actions:
        src = source_of(item) if item else None
        plan_review = by_id.get(src[1]) if src and src[0] == "dual_roles" else None
        if plan_review is not None:
            merged.add(src[1])
            own = str(review.get("status") or "not_reviewed") != "not_reviewed"
            lead, other = (review, plan_review) if own else (plan_review, review)
            review = {**review, "status": lead.get("status"), "done_on": lead.get("done_on")}
            for name in ("changed", "next"):
                texts = [clean(r.get(name)).strip() for r in (lead, other)]
                review[name] = "\n".join(dict.fromkeys(t for t in texts if t))
        out.append((review, item))
    return out, [(r, i) for r, i in plans if not i or str(i.get("id")) not in merged]


def _concern_now(review: dict, item: dict | None) -> str:
    if item is not None:
        return str(item.get("status") or "open")
    if review.get("status") in STATUS:
        return str(review["status"])
    then = review.get("then") if isinstance(review.get("then"), dict) else {}
    return str(then.get("status") or "open")


def _count(follows: dict, name: str) -> int | None:
    value = follows.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _concerns(carried: list[tuple[dict, dict | None]], new: list[dict], follows: dict,
              words: dict[str, str], privacy: Privacy) -> list:
    out: list = [Heading(2, "Concerns at the outset and now")]
    now = [_concern_now(review, item) for review, item in carried]
    resolved = sum(s == "resolved" for s in now)
    new_open = sum(str(r.get("status") or "open") != "resolved" for r in new)
    table = Table([Column("Concerns", 0.75), Column("Number", 0.25, "center")], [
        ("Open at the outset (carried forward)", str(len(carried))),
        ("Resolved since", str(resolved)),
        ("Still open or in progress", str(len(carried) - resolved)),
        ("New since", str(len(new))),
        ("New since and not yet resolved", str(new_open)),
    ])
    out.append(table)
    total, done_then = _count(follows, "concerns"), _count(follows, "concerns_resolved")
    if total is not None:
        line = f"At the earlier day {plural(total, 'concern was', 'concerns were')} logged"
        line += f", {done_then} of them resolved on the day." if done_then is not None else "."
        out.append(Para(line, "note"))

    out.append(Heading(3, "Concerns carried forward"))
    if carried:
        rows = Table([Column("Concern", 0.24), Column("Then", 0.16), Column("Now", 0.14),
                      Column("What changed", 0.23), Column("What next", 0.23)], [])
        for (review, item), status in zip(carried, now):
            then = review.get("then") if isinstance(review.get("then"), dict) else {}
            text = clean((item or {}).get("text") or then.get("text"))
            then_cell = _stood(words.get(str(then.get("status") or "open"), humanise(str(then.get("status")))),
                               privacy.person(then.get("owner")), then.get("due"))
            now_cell = words.get(status, humanise(status))
            if review.get("status", "not_reviewed") == "not_reviewed":
                now_cell += "\n(not reviewed)"
            if item is None:
                now_cell += "\n(no longer in the concerns log)"
            elif clean_line(item.get("owner")) and clean_line(item.get("owner")) != clean_line(then.get("owner")):
                now_cell += f"\nOwner: {privacy.person(item.get('owner'))}"
            rows.rows.append((text, then_cell, now_cell, clean(review.get("changed")).strip(),
                              clean(review.get("next")).strip()))
        out.append(rows)
    else:
        out.append(Para("No open concerns were carried forward."))

    out.append(Heading(3, "New concerns since"))
    if new:
        rows = Table([Column("Concern", 0.55), Column("Status", 0.15), Column("Owner", 0.15),
                      Column("By when", 0.15)], [])
        rows.rows += [(clean(r.get("text")), STATUS.get(str(r.get("status") or "open"), humanise(str(r.get("status")))),
                       privacy.person(r.get("owner")), fmt_date(r.get("due"), True)) for r in new]
        out.append(rows)
    else:
        out.append(Para("No new concerns were logged."))
    return out


def _stood(status: str, owner: str, due: Any) -> str:
    lines = [status]
    if owner:
        lines.append(f"Owner: {owner}")
    if due:
        lines.append(f"By: {fmt_date(due, True)}")
    return "\n".join(lines)


# The fields naming each kind of carried item, its owner and its date.
CARRIED_FIELDS = {
    "concerns": ("text", "owner", "due"),
    "actions": ("task", "who", "by_when"),
    "dual_roles": ("situation", "owner", "due"),
}


def _plans(title: str, noun: str, table_name: str, carried: list[tuple[dict, dict | None]], on: str,
           words: dict[str, str], privacy: Privacy, came_from: dict[str, str] | None = None) -> list:
    out: list = [Heading(2, title)]
    if not carried:
        kind = "actions" if table_name == "actions" else "dual-role plans"
        return out + [Para(f"No {kind} were carried forward.")]
    name_f, who_f, due_f = CARRIED_FIELDS[table_name]
    groups: dict[str, list[tuple]] = {key: [] for key, _ in STANDINGS}
    done_late = 0
    for review, item in carried:
        then = review.get("then") if isinstance(review.get("then"), dict) else {}
        current = item or {}
        status = str(review.get("status") or "not_reviewed")
        due = _date(then.get(due_f))
        done_on = _date(review.get("done_on"))
        where = standing(status, due, done_on, on)
        name = clean(current.get(name_f) or then.get(name_f))
        origin = (came_from or {}).get(str(current.get("id")))
        if origin:
            name += f"\nFrom {origin[:1].lower()}{origin[1:]}"
        if table_name == "dual_roles":
            plan = clean(current.get("action_plan") or then.get("action_plan")).strip()
            if plan:
                name += f"\nPlan: {plan}"
        due_cell = fmt_date(due, True) if due else clean_line(then.get(due_f))
        now_due = _date(current.get(due_f))
        if now_due and now_due != due:
            due_cell += f"\nnow {fmt_date(now_due, True)}"
        stands = words.get(status, humanise(status))
        if where == "late" and status == "done":
            done_late += 1
            stands = f"{stands}, late"
        elif where == "late":
            stands = f"{stands}; due date passed"
        who = privacy.person(current.get(who_f) or then.get(who_f))
        groups[where].append((name, who, due_cell, fmt_date(done_on, True) if done_on else "", stands,
                              _changed_next(review)))
    counts = {key: len(rows) for key, rows in groups.items()}
    out.append(Para(
        f"{plural(len(carried), noun.lower() if table_name == 'actions' else 'plan')} carried forward: "
        f"{counts['done'] + done_late} done ({done_late} of them late), "
        f"{counts['late'] - done_late} late and not done, {counts['dropped']} dropped, "
        f"{counts['under_way']} still under way. Late means done after the due date, or not done with "
        f"the due date before {fmt_date(on)}."))
    table = Table([Column(noun, 0.27), Column("Who", 0.12), Column("Due", 0.1), Column("Done on", 0.1),
                   Column("Where it stands", 0.13), Column("What changed, what next", 0.28)], [])
    for key, label in STANDINGS:
        if groups[key]:
            table.rows.append(GroupRow(f"{label} ({len(groups[key])})"))
            table.rows += groups[key]
    out.append(table)
    return out
