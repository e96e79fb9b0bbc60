"""The programme as a neutral Record (workshop/export/blocks.py), so the export's own Word
and Markdown writers lay it out with the record's headings, tables and styles.

Detail lists are capped per team: a coordinator reads the picture across teams here, and
each team's own record has every item; the spreadsheet has every row."""

from __future__ import annotations

from datetime import datetime, timezone

from workshop.export.blocks import Bullets, Column, Contents, Fields, GroupRow, Heading, Para, Properties, Record, \
    Section, Table
from workshop.export.names import PrivacyReport, names_sentence, settle
from workshop.export.options import ExportOptions
from workshop.export.privacy import SMALL
from workshop.export.sections import STATUS, fmt_date, plural

from .facts import SOON_DAYS, Facts, moved_sentence

PER_TEAM = 8  # detail rows per team in each list
TOP_THEMES = 10  # themes of each kind
TITLE = "Programme of team days"


def _n(value: int | None) -> str:
    return "–" if value is None else str(value)


def _kind(ws) -> str:
    if not ws.is_followup:
        return "Team day"
    when = fmt_date(ws.follows_date, True)
    return f"Follow-up of {ws.follows_title or 'an earlier day'}" + (f" ({when})" if when else "")


def _capped(rows: list, key, limit: int = PER_TEAM) -> tuple[list, dict[str, int]]:
    """Rows grouped by team in order, at most `limit` per team; how many more each team has."""
    shown, more, seen = [], {}, {}
    for row in rows:
        team = key(row)
        seen[team] = seen.get(team, 0) + 1
        if seen[team] <= limit:
            shown.append(row)
        else:
            more[team] = more.get(team, 0) + 1
    return shown, more


def _grouped(columns: list[Column], rows: list, team_of, cells, more: dict[str, int]) -> Table:
    table = Table(columns, [])
    widest = max(range(len(columns)), key=lambda i: columns[i].weight)

    def and_more(team: str) -> None:
        if more.get(team):
            line = [""] * len(columns)
            line[widest] = f"… and {more[team]} more in the team's own record"
            table.rows.append(tuple(line))

    last = None
    for row in rows:
        team = team_of(row)
        if team != last:
            if last is not None:
                and_more(last)
            table.rows.append(GroupRow(team))
            last = team
        table.rows.append(cells(row))
    if last is not None:
        and_more(last)
    return table


def privacy_lines(options: ExportOptions, report: PrivacyReport | None) -> list[str]:
    lines = ["Names of participants are left out of this programme." if not options.include_names
             else "Names appear only for people who agreed to be named."]
    if report and report.names_replaced:
        lines.append(names_sentence(report.names_replaced, options.include_names))
    lines.append("What people wrote as hopes and fears is not repeated here: only the themes the rooms "
                 "gave them, and how many entries and votes each had.")
    if options.include_lived:
        lines.append("Personal experience of distress and mental health difficulties is counted only where "
                     f"people marked it shareable, and a count below {SMALL} is shown as \"fewer than {SMALL}\".")
    else:
        lines.append("Entries about personal experience of distress and mental health difficulties are left out.")
    return lines


def build(facts: Facts, options: ExportOptions, now: datetime | None = None) -> tuple[Record, PrivacyReport]:
    now = now or datetime.now(timezone.utc)
    g = facts.gathered
    day = fmt_date(facts.today.isoformat())
    n_follow = sum(1 for w in g.workshops if w.is_followup)
    cover = Section("cover", "Cover")
    cover.items += [
        Heading(0, TITLE),
        Para(f"Across {plural(len(facts.teams), 'team')}: {plural(len(g.workshops) - n_follow, 'team day')} "
             f"and {plural(n_follow, 'follow-up review')}", "lead"),
        Para(f"As of {day}. Late and due dates are counted from this day.", "status"),
        Fields([("Folders", "; ".join(str(f) for f in g.folders)),
                ("Files skipped", str(len(g.skipped)) if g.skipped else "none")]),
    ]
    statement_at = len(cover.items)
    body = [_teams(facts, options), _concerns(facts), _actions(facts), _themes(facts), _followups(facts)]
    if g.skipped:
        body.append(_skipped(facts))
    contents = Section("contents", "Contents", starts_page=True)
    contents.items += [Heading(1, "Contents", outline=False),
                       Contents([(f"sec_{s.key}", s.title) for s in body])]
    about = Section("about", "About this programme")
    about.items.append(Heading(1, "About this programme", "sec_about"))
    about.items.append(Para(f"Made by Team Day on {day} from the workshop files in the folders named on the "
                            "cover, read without changing them. Each team's own record holds the full detail."))
    record = Record(
        Properties(title=TITLE, author="Team Day", subject="Programme of team-preparation days across teams",
                   keywords="peer support; team preparation; programme", category="Confidential: for the planning group",
                   created=now, modified=now),
        [cover, contents, *body, about], running_head=f"{TITLE}, {day}", status="As of " + day)
    tally = [0, 0]
    settle(record, tally)
    report = PrivacyReport(tally[0], tally[1], options.include_names, "programme")
    lines = [Para(line, "note") for line in privacy_lines(options, report)]
    cover.items[statement_at:statement_at] = lines
    about.items += [Para(line) for line in privacy_lines(options, report)]
    return record, report


def _teams(facts: Facts, options: ExportOptions) -> Section:
    sec = Section("teams", "Teams and their days", landscape=True)
    sec.items.append(Heading(1, sec.title, "sec_teams"))
    sec.items.append(Para("Every team day and follow-up review, by team and date. Counts are taken from the latest "
                          "review of each day; an earlier day that was followed up shows \"–\"."))
    columns = [Column("Date", 0.1), Column("Workshop", 0.3), Column("Kind", 0.2), Column("Open concerns", 0.1, "center"),
               Column("Open actions", 0.1, "center"), Column("Late", 0.08, "center"),
               Column(f"Due in {SOON_DAYS} days", 0.12, "center")]
    if options.include_lived:
        columns.append(Column("Personal experience shared", 0.12, "center"))
    table = Table(columns, [])
    last = None
    for row in facts.rows:
        if row.team != last:
            table.rows.append(GroupRow(row.team))
            last = row.team
        ws = row.workshop
        cells = (fmt_date(ws.date, True) or "no date", ws.title, _kind(ws), _n(row.open_concerns),
                 _n(row.open_actions), _n(row.late), _n(row.due_soon))
        table.rows.append(cells + ((ws.lived_shown,) if options.include_lived else ()))
    if facts.rows:
        sec.items.append(table)
    else:
        sec.items.append(Para("No workshops were found in these folders."))
    return sec


def _concerns(facts: Facts) -> Section:
    sec = Section("concerns", "Open concerns by category")
    sec.items.append(Heading(1, sec.title, "sec_concerns"))
    if not facts.categories:
        sec.items.append(Para("No concerns are open in any team."))
        return sec
    total = len(facts.open_concerns)
    sec.items.append(Para(f"{plural(total, 'concern')} not yet resolved across the teams, by category."))
    t = Table([Column("Category", 0.46), Column("Open", 0.18, "center"), Column("In progress", 0.18, "center"),
               Column("Teams", 0.18, "center")], [])
    t.rows += [(name, str(o), str(p), str(teams)) for name, o, p, teams in facts.categories]
    sec.items.append(t)
    sec.items.append(Heading(2, "Open concerns by team"))
    shown, more = _capped(facts.open_concerns, lambda wc: wc[0].team)
    sec.items.append(_grouped(
        [Column("Category", 0.2), Column("Concern", 0.42), Column("Status", 0.12), Column("Owner", 0.14),
         Column("By when", 0.12)], shown, lambda wc: wc[0].team,
        lambda wc: (wc[1].category, wc[1].text, STATUS.get(wc[1].status, "Open"), wc[1].owner,
                    fmt_date(wc[1].due, True)), more))
    return sec


def _actions(facts: Facts) -> Section:
    sec = Section("actions", "Actions due and late")
    sec.items.append(Heading(1, sec.title, "sec_actions"))
    sec.items.append(Bullets([
        f"{plural(len(facts.late), 'action')} late: due before {fmt_date(facts.today.isoformat())} and not done",
        f"{plural(len(facts.due_soon), 'action')} due in the next {SOON_DAYS} days",
        f"{plural(facts.undated, 'open action')} without a date",
    ]))
    columns = [Column("Task", 0.46), Column("Who", 0.2), Column("By when", 0.16), Column("", 0.18)]
    if facts.late:
        sec.items.append(Heading(2, "Late"))
        shown, more = _capped(facts.late, lambda t: t[0].team)
        shown.sort(key=lambda t: t[0].team.casefold())
        cols = columns[:3] + [Column("Days late", 0.18, "center")]
        sec.items.append(_grouped(cols, shown, lambda t: t[0].team,
                                  lambda t: (t[1].task, t[1].who, fmt_date(t[1].due, True), str(t[2])), more))
    if facts.due_soon:
        sec.items.append(Heading(2, f"Due in the next {SOON_DAYS} days"))
        shown, more = _capped(facts.due_soon, lambda t: t[0].team)
        shown.sort(key=lambda t: t[0].team.casefold())
        sec.items.append(_grouped(columns[:3], shown, lambda t: t[0].team,
                                  lambda t: (t[1].task, t[1].who, fmt_date(t[1].due, True)), more))
    return sec


def _themes(facts: Facts) -> Section:
    sec = Section("themes", "Hopes and fears across teams")
    sec.items.append(Heading(1, sec.title, "sec_themes"))
    any_theme = False
    for kind, title in (("hope", "Hopes"), ("fear", "Fears")):
        ranked = [t for t in facts.themes if t.kind == kind][:TOP_THEMES]
        sec.items.append(Heading(2, f"{title}: the themes most teams shared"))
        if ranked:
            any_theme = True
            t = Table([Column("Theme", 0.52), Column("Teams", 0.16, "center"), Column("Entries", 0.16, "center"),
                       Column("Votes", 0.16, "center")], [])
            t.rows += [(th.name, str(len(th.teams)), str(th.entries), str(th.votes)) for th in ranked]
            sec.items.append(t)
        else:
            sec.items.append(Para(f"No {kind}s were given a theme."))
        if facts.unthemed.get(kind):
            sec.items.append(Para(f"{plural(facts.unthemed[kind], kind)} had no theme.", "note"))
    if not any_theme:
        sec.items.append(Para("Themes are given to hopes and fears in each team's workshop, during the hopes and fears activity.", "note"))
    return sec


def _followups(facts: Facts) -> Section:
    sec = Section("followups", "How follow-up reviews moved things on")
    sec.items.append(Heading(1, sec.title, "sec_followups"))
    if not facts.followups:
        sec.items.append(Para("No follow-up reviews were found. A follow-up is started from a team day "
                              "(key F on the home screen, or workshop followup)."))
        return sec
    t = Table([Column("Follow-up", 0.14), Column("Of the day", 0.22), Column("Concerns resolved", 0.14, "center"),
               Column("Actions done", 0.12, "center"), Column("Late", 0.1, "center"),
               Column("Dropped", 0.1, "center"), Column("Not reviewed", 0.18, "center")], [])
    last = None
    for ws in sorted(facts.followups, key=lambda w: (w.team.casefold(), w.date)):
        if ws.team != last:
            t.rows.append(GroupRow(ws.team))
            last = ws.team
        m = ws.moved
        t.rows.append((fmt_date(ws.date, True) or "no date",
                       f"{ws.follows_title} ({fmt_date(ws.follows_date, True)})" if ws.follows_date else ws.follows_title,
                       f"{m.concerns_resolved} of {m.concerns_carried}", f"{m.done} of {m.actions_carried}",
                       str(m.late), str(m.dropped), str(m.not_reviewed)))
    sec.items.append(t)
    sec.items.append(Bullets([f"{ws.team}, {fmt_date(ws.date, True) or 'no date'}: {moved_sentence(ws)}"
                              for ws in facts.followups]))
    return sec


def _skipped(facts: Facts) -> Section:
    sec = Section("skipped", "Files skipped")
    sec.items.append(Heading(1, sec.title, "sec_skipped"))
    sec.items.append(Para("These files are not in the programme. None of them was changed."))
    t = Table([Column("File", 0.35), Column("Why", 0.65)], [])
    t.rows += [(s.path.name or str(s.path), s.reason) for s in facts.gathered.skipped]
    sec.items.append(t)
    return sec
