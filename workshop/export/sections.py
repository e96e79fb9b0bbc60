"""One record section per activity: already-filtered rows in, neutral blocks out."""

from __future__ import annotations

import ntpath
import posixpath
from collections import defaultdict
from datetime import date

from .duties import duty_items
from .blocks import Bars, BarRow, Bullets, Column, Fields, GroupRow, Heading, Notes, Para, Section, Table
from .labels import Labels, humanise
from .mdparse import parse_notes
from .privacy import LIVED, Privacy
from .textclean import clean, clean_line

STATUS = {"open": "Open", "in_progress": "In progress", "resolved": "Resolved"}
RATING = {"met": "Met", "partly": "Partly met", "not_met": "Not met", "not_discussed": "Not discussed"}
HOW = {"group": "in the group", "individual": "individually"}
SCOPE = {"universal": "Universal", "tailored": "Tailored"}
_EXPERTISE_FALLBACK = [
    ("life", "Life outside mental health services"),
    ("lived", "Personal experience of distress and mental health difficulties"),
    ("professional", "Professional training and experience"),
]


def fmt_date(value: object, short: bool = False) -> str:
    """YYYY-MM-DD as "3 March 2026" (short: "3 Mar 2026", for table columns);
    anything else as typed."""
    text = clean_line(value)
    try:
        d = date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        d = None
    if not d:
        return text
    return f"{d.day} {d:%b %Y}" if short else f"{d.day} {d:%B %Y}"


def drop_empty_columns(table: Table, optional: set[int]) -> Table:
    """Leave out optional columns nobody filled in, so the others get the room."""
    empty = {i for i in optional
             if all(isinstance(r, GroupRow) or not r[i].strip() for r in table.rows)}
    if empty:
        keep = [i for i in range(len(table.columns)) if i not in empty]
        table.columns = [table.columns[i] for i in keep]
        table.rows = [r if isinstance(r, GroupRow) else tuple(r[i] for i in keep) for r in table.rows]
    return table


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def held_back_line(n: int) -> list[Para]:
    """A section says so only when it held something back; that nothing was held back is
    said once, in the summary."""
    if n == 0:
        return []
    return [Para(f"{plural(n, 'entry', 'entries')} held back by choice and not shown here.", "note")]


def notes_items(notes: list[dict], title: str) -> list:
    items: list = []
    for note in notes:
        blocks = parse_notes(note.get("text") or "")
        if blocks:
            items.append(Notes(blocks))
    return [Heading(2, title), *items] if items else []


def _opener(section: Section, labels: Labels) -> None:
    section.items.append(Heading(1, section.title, f"sec_{section.key}"))
    summary = labels.summaries.get(section.key)
    if summary:
        section.items.append(Para(summary, "lead"))


def hopes_fears(rows: list[dict], held: int, notes: list[dict], labels: Labels) -> Section:
    sec = Section("hopes_fears", labels.activity("hopes_fears"))
    _opener(sec, labels)
    if not rows:
        sec.items.append(Para("No hopes or fears are in this record."))
    for kind, title in (("hope", "Hopes"), ("fear", "Fears")):
        entries = [r for r in rows if r.get("kind") == kind]
        if not entries:
            continue
        sec.items.append(Heading(2, title))
        sec.items.append(_theme_table(entries, title[:-1], labels))
        sec.shown += len(entries)
    other = [r for r in rows if r.get("kind") not in ("hope", "fear")]
    if other:
        sec.items += [Heading(2, "Other entries"), _theme_table(other, "Entry", labels)]
        sec.shown += len(other)
    sec.items += notes_items(notes, "Discussion notes")
    sec.held_back = held
    sec.items += held_back_line(held)
    return sec


def votes(row: dict) -> int:
    try:
        return max(0, int(row.get("votes") or 0))
    except (TypeError, ValueError):
        return 0


def _theme_table(entries: list[dict], noun: str, labels: Labels) -> Table:
    groups: dict[str, list[dict]] = defaultdict(list)
    names: dict[str, str] = {}
    for r in entries:
        theme = clean_line(r.get("theme"))
        key = theme.casefold()
        names.setdefault(key, theme)
        groups[key].append(r)
    # Busiest themes first (the room's priorities); entries without a theme last.
    order = sorted(groups, key=lambda k: (k == "", -sum(votes(r) for r in groups[k])))
    show_from = any(clean_line(r.get("author_role")) for r in entries)
    show_about = any(clean_line(r.get("about")) for r in entries)
    columns = [Column(noun, 0.6), Column("Votes", 0.1, "center")]
    if show_from:
        columns.append(Column("From", 0.15))
    if show_about:
        columns.append(Column("About", 0.15))
    table = Table(columns, [])
    for key in order:
        members = sorted(groups[key], key=lambda r: -votes(r))
        total = sum(votes(r) for r in members)
        label = names[key] or "No theme"
        table.rows.append(GroupRow(f"{label} ({plural(len(members), noun.lower())}, {plural(total, 'vote')})"))
        for r in members:
            cells = [clean(r.get("text")), str(votes(r))]
            if show_from:
                cells.append(clean_line(r.get("author_role")))
            if show_about:
                about = clean_line(r.get("about"))
                cells.append(labels.about.get(about, humanise(about) if about else ""))
            table.rows.append(tuple(cells))
    return table


def expertise(rows: list[dict], held: int, notes: list[dict], labels: Labels, privacy: Privacy) -> Section:
    sec = Section("expertise", labels.activity("expertise"))
    _opener(sec, labels)
    sources = labels.expertise or list(_EXPERTISE_FALLBACK)
    known = {k for k, _ in sources}
    by_source: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        src = r.get("source")
        by_source[src if src in known else "other"].append(r)
    if by_source.get("other"):
        sources = sources + [("other", "Other")]
    bars = []
    for key, title in sources:
        n = len(by_source.get(key, ()))
        if key == LIVED and not privacy.lived:
            bars.append(BarRow(title, None, "Not included in this record"))
        elif key == LIVED and privacy.count(n) != str(n):  # a small number: no count, no bar
            bars.append(BarRow(title, None, privacy.count(n).capitalize()))
        else:
            bars.append(BarRow(title, len(by_source.get(key, ()))))
    sec.items += [
        Heading(2, "Team balance"),
        Bars(bars),
        Para("Counts are of the entries in this record.", "note"),
    ]
    for key, title in sources:
        entries = by_source.get(key, [])
        if key == LIVED and not privacy.lived:
            sec.items += [Heading(2, title), Para("Entries from personal experience are not included in this record.")]
            continue
        if key == LIVED:
            sec.items.append(Para("Only entries the person marked shareable are here; the others are "
                                  "not counted anywhere in this record.", "note"))
        if not entries:
            continue  # the balance chart above already shows the nought
        sec.items.append(Heading(2, title))
        items = []
        for r in entries:
            holder = privacy.holder(r)
            text = clean(r.get("text"))
            items.append(f"{text} ({holder})" if holder else text)
        sec.items.append(Bullets(items))
        if key != LIVED:  # the summary's count would otherwise give the number away
            sec.shown += len(entries)
    sec.items += notes_items([n for n in notes if n.get("kind") == "gaps"], "Gaps a peer worker could fill")
    sec.items += notes_items([n for n in notes if n.get("kind") != "gaps"], "Discussion notes")
    sec.held_back = held
    sec.items += held_back_line(held)
    return sec


def job_descriptions(jds: list[dict], checks: list[dict], flags: list[dict], signs: list[dict],
                     held: int, notes: list[dict], labels: Labels, duties: list[dict] | None = None,
                     duties_sent: set[str] | None = None) -> Section:
    sec = Section("job_description", labels.activity("job_description"))
    _opener(sec, labels)
    if not jds:
        sec.items.append(Para("No job description was reviewed."))
    for n, jd in enumerate(jds, 1):
        jd_id = jd.get("id")
        sec.items.append(Heading(2, clean_line(jd.get("title")) or f"Job description {n}"))
        source = clean_line(jd.get("imported_from"))
        if source:
            # Only the file name: a full path can carry someone's user name.
            sec.items.append(Fields([("Imported from", posixpath.basename(ntpath.basename(source)))]))
        mine = ([c for c in checks if c.get("jd_id") == jd_id], [f for f in flags if f.get("jd_id") == jd_id],
                [s for s in signs if s.get("jd_id") == jd_id])
        marked = [d for d in duties or () if d.get("jd_id") == jd_id]
        if not jd_reviewed(*mine, marked):
            # One line where three empty subsections would say the same thing three times.
            sec.items.append(Para("This description was not walked through against the criteria, "
                                  "its wording or the checklist on the day."))
        sec.items += _criteria(mine[0], labels)
        sec.items += _flags(mine[1])
        sec.items += _signs(mine[2], labels)
        sec.items += duty_items(jd, marked, duties_sent)
        sec.shown += 1
    sec.items += notes_items(notes, "Discussion notes")
    sec.held_back = held
    sec.items += held_back_line(held)
    return sec


def jd_reviewed(checks: list[dict], flags: list[dict], signs: list[dict], duties: list[dict] | None = None) -> bool:
    """Whether the group did any of the review: rated a criterion, decided on a flagged
    phrase, used the checklist or marked an example duty."""
    return (any(str(c.get("status") or "not_discussed") != "not_discussed" for c in checks)
            or any(f.get("state") in ("accepted", "dismissed") for f in flags) or bool(signs) or bool(duties))


def _criteria(checks: list[dict], labels: Labels) -> list:
    if not checks:
        return []
    out: list = [Heading(3, "Criteria")]
    rated = sorted(((labels.criterion(str(c.get("criterion") or "")), i, c) for i, c in enumerate(checks)),
                   key=lambda t: (t[0].order, t[0].group_title, t[1]))  # unknown groups stay together
    table = Table([Column("Criterion", 0.3), Column("Rating", 0.15), Column("Note", 0.55)], [])
    group = None
    for crit, _, c in rated:
        if crit.group_title != group:
            group = crit.group_title
            table.rows.append(GroupRow(group))
        status = str(c.get("status") or "not_discussed")
        table.rows.append((crit.title, RATING.get(status, humanise(status)), clean(c.get("note"))))
    return out + [table]


def _flags(flags: list[dict]) -> list:
    if not flags:
        return []
    out: list = [Heading(3, "Agreed wording changes")]
    accepted = [f for f in flags if f.get("state") == "accepted"]
    if accepted:
        table = Table([Column("Wording in the draft", 0.3), Column("Change to", 0.35), Column("Why", 0.35)], [])
        table.rows += [(clean(f.get("phrase")), clean(f.get("suggestion")), clean(f.get("reason"))) for f in accepted]
        out.append(table)
    else:
        out.append(Para("No wording changes were agreed."))
    still_open = sum(1 for f in flags if f.get("state", "open") == "open")
    if still_open:
        out.append(Para(f"{plural(still_open, 'flagged phrase')} still to be decided.", "note"))
    return out


def _signs(signs: list[dict], labels: Labels) -> list:
    if not signs:
        return []
    out: list = [Heading(3, "Signs of a compromised job description")]
    ordered = sorted(enumerate(signs), key=lambda t: (labels.signs.get(str(t[1].get("sign")), (10**6, ""))[0], t[0]))
    table = Table([Column("Sign", 0.5), Column("Present", 0.12, "center"), Column("Note", 0.38)], [])
    for _, s in ordered:
        key = str(s.get("sign") or "")
        text = labels.signs.get(key, (0, ""))[1] or humanise(key)
        table.rows.append((text, "Yes" if s.get("present") else "No", clean(s.get("note"))))
    return out + [table]


def dual_roles(rows: list[dict], held: int, notes: list[dict], labels: Labels, privacy: Privacy,
               sent: set[str] | None = None, untouched: int = 0) -> Section:
    """`sent`: ids of scenarios whose plan went to the action plan; `untouched`: preset
    situations nobody worked on (left out, counted)."""
    sec = Section("dual_roles", labels.activity("dual_roles"), landscape=True)
    _opener(sec, labels)

    def position(t: tuple[int, dict]) -> tuple[int, int]:
        try:
            return int(t[1].get("position")), t[0]
        except (TypeError, ValueError):
            return 10**9, t[0]

    ordered = [r for _, r in sorted(enumerate(rows), key=position)]
    if ordered:
        table = Table([Column("A peer worker is…", 0.2), Column("What challenge does this raise?", 0.23),
                       Column("Action plan", 0.25), Column("Universal or tailored; policy", 0.13),
                       Column("Owner", 0.1), Column("By when", 0.09)], [])
        for r in ordered:
            scope = SCOPE.get(str(r.get("scope")), "")
            policy = clean_line(r.get("policy"))
            detail = "\n".join(x for x in (scope, f"Policy: {policy}" if policy else "") if x)
            plan = clean(r.get("action_plan"))
            if sent and str(r.get("id")) in sent:
                plan = (plan + "\n" if plan.strip() else "") + "(In the action plan.)"
            table.rows.append((clean(r.get("situation")), clean(r.get("challenge")), plan,
                               detail, privacy.person(r.get("owner")), fmt_date(r.get("due"), True)))
        sec.items.append(drop_empty_columns(table, {3}))
        sec.shown = len(ordered)
    else:
        sec.items.append(Para("No scenarios are in this record."))
    if untouched:
        sec.items.append(Para(f"{plural(untouched, 'preset situation was', 'preset situations were')} "
                              "not discussed and are left out.", "note"))
    sec.items += notes_items(notes, "Discussion notes")
    sec.held_back = held
    sec.items += held_back_line(held)
    return sec


def concerns(rows: list[dict], held: int, notes: list[dict], labels: Labels, privacy: Privacy) -> Section:
    sec = Section("concerns", labels.activity("concerns"), landscape=True)
    _opener(sec, labels)
    if rows:
        table = Table([Column("Concern", 0.24), Column("Category", 0.1), Column("Raised", 0.11),
                       Column("How we worked through it", 0.28), Column("Status", 0.08),
                       Column("Owner", 0.1), Column("By when", 0.09)], [])
        for r in rows:
            text = clean(r.get("text"))
            if r.get("from_fear"):
                text += "\n(Raised first as a fear.)"
            cat = clean_line(r.get("category"))
            role, how = clean_line(r.get("raised_by_role")), HOW.get(str(r.get("raised_how")), "")
            raised = ", ".join(x for x in (f"By {role}" if role else "", how) if x)
            status = str(r.get("status") or "open")
            table.rows.append((text, labels.categories.get(cat, humanise(cat) if cat else ""), raised[:1].upper() + raised[1:],
                               clean(r.get("response")), STATUS.get(status, humanise(status)),
                               privacy.person(r.get("owner")), fmt_date(r.get("due"), True)))
        sec.items.append(drop_empty_columns(table, {1, 2}))
        sec.shown = len(rows)
    else:
        sec.items.append(Para("No concerns are in this record."))
    sec.items += notes_items(notes, "Discussion notes")
    sec.held_back = held
    sec.items += held_back_line(held)
    return sec


def action_plan(rows: list[dict], held: int, notes: list[dict], labels: Labels, privacy: Privacy,
                came_from: dict[str, str] | None = None) -> Section:
    sec = Section("action_plan", labels.activity("action_plan"), landscape=True)
    _opener(sec, labels)
    stages = labels.stages or [(k, humanise(k)) for k in ("preparation", "recruitment", "support", "sustaining")]
    known = {k for k, _ in stages}
    by_stage: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        stage = r.get("stage")
        by_stage[stage if stage in known else ""].append(r)
    if by_stage.get(""):
        stages = stages + [("", "Other actions")]
    cols = labels.stock_columns
    weights = (0.2, 0.3, 0.16, 0.1, 0.24)
    came_from = came_from or {}
    if not rows:
        sec.items.append(Para("No actions are in this record."))
    for key, title in stages:
        entries = by_stage.get(key, [])
        if not entries:
            continue
        sec.items.append(Heading(2, title))
        table = Table([Column(c, w) for c, w in zip(cols, weights)], [])
        for r in entries:
            # An action sent from another activity is listed here once, saying where from.
            origin = came_from.get(str(r.get("id")))
            task = clean(r.get("task")) + (f"\nFrom {origin[:1].lower()}{origin[1:]}" if origin else "")
            table.rows.append((task.strip(), clean(r.get("what")), privacy.person(r.get("who")),
                               fmt_date(r.get("by_when"), True), clean(r.get("outcome"))))
        sec.items.append(table)
        sec.shown += len(entries)
    sec.items += notes_items(notes, "Discussion notes")
    sec.held_back = held
    sec.items += held_back_line(held)
    return sec
