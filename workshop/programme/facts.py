"""What the programme says, worked out once from the gathered workshops, so the Word and
Markdown record, the spreadsheet and the screen all say the same thing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from .reading import Action, Concern, Gathered, Workshop, current, open_actions

SOON_DAYS = 30  # "due soon": within this many days of today


@dataclass(slots=True)
class TeamRow:
    team: str
    workshop: Workshop
    open_concerns: int | None  # None: a later follow-up holds the current word
    open_actions: int | None
    late: int | None
    due_soon: int | None


@dataclass(slots=True)
class Theme:
    kind: str
    name: str
    teams: set[str] = field(default_factory=set)
    entries: int = 0
    votes: int = 0


@dataclass(slots=True)
class Facts:
    gathered: Gathered
    rows: list[TeamRow]
    teams: list[str]
    # category -> (open, in progress, teams)
    categories: list[tuple[str, int, int, int]]
    open_concerns: list[tuple[Workshop, Concern]]
    late: list[tuple[Workshop, Action, int]]  # days late
    due_soon: list[tuple[Workshop, Action]]
    undated: int
    themes: list[Theme]
    unthemed: dict[str, int]
    followups: list[Workshop]

    @property
    def today(self) -> date:
        return self.gathered.today


def shown_theme(raw: str, ws: Workshop) -> str:
    from .reading import _line
    return _line(raw, ws.privacy) if ws.privacy is not None else " ".join(raw.split())


def days_between(earlier: str, later: date) -> int:
    return (later - date.fromisoformat(earlier)).days


def work_out(gathered: Gathered) -> Facts:
    today = gathered.today
    iso_today = today.isoformat()
    soon = (today + timedelta(days=SOON_DAYS)).isoformat()
    rows: list[TeamRow] = []
    cats: dict[str, list] = {}
    open_c: list[tuple[Workshop, Concern]] = []
    late: list[tuple[Workshop, Action, int]] = []
    due_soon: list[tuple[Workshop, Action]] = []
    undated = 0
    themes: dict[tuple[str, str], Theme] = {}
    unthemed = {"hope": 0, "fear": 0}
    for ws in gathered.workshops:
        for (kind, raw), (entries, votes) in ws.themes.items():
            key = (kind, " ".join(raw.split()).casefold())
            theme = themes.get(key)
            if theme is None:
                # Shown as the first team to use it typed it, with that team's names replaced.
                theme = themes[key] = Theme(kind, shown_theme(raw, ws))
            theme.teams.add(ws.team_key or ws.team.casefold())
            theme.entries += entries
            theme.votes += votes
        for kind, n in ws.unthemed.items():
            unthemed[kind] = unthemed.get(kind, 0) + n
        if not current(ws):
            rows.append(TeamRow(ws.team, ws, None, None, None, None))
            continue
        still = [c for c in ws.concerns if c.status != "resolved"]
        for c in still:
            open_c.append((ws, c))
            entry = cats.setdefault(c.category, [0, 0, set()])
            entry[0 if c.status == "open" else 1] += 1
            entry[2].add(ws.team_key or ws.team.casefold())
        acts = open_actions(ws)
        n_late = n_soon = 0
        for a in acts:
            if not a.due:
                undated += 1
            elif a.due < iso_today:
                late.append((ws, a, days_between(a.due, today)))
                n_late += 1
            elif a.due <= soon:
                due_soon.append((ws, a))
                n_soon += 1
        rows.append(TeamRow(ws.team, ws, len(still), len(acts), n_late, n_soon))
    categories = sorted(((name, o, p, len(t)) for name, (o, p, t) in cats.items()),
                        key=lambda c: (-(c[1] + c[2]), c[0].casefold()))
    open_c.sort(key=lambda wc: (wc[0].team.casefold(), wc[1].status != "open", wc[1].due or "9999"))
    late.sort(key=lambda t: (-t[2], t[0].team.casefold()))
    due_soon.sort(key=lambda t: (t[1].due, t[0].team.casefold()))
    ranked = sorted(themes.values(), key=lambda t: (-len(t.teams), -t.votes, -t.entries, t.name.casefold()))
    teams = list(dict.fromkeys(ws.team for ws in gathered.workshops))
    followups = [ws for ws in gathered.workshops if ws.moved is not None]
    return Facts(gathered, rows, teams, categories, open_c, late, due_soon, undated, ranked, unthemed, followups)


def moved_sentence(ws: Workshop) -> str:
    """How a follow-up moved things on, in one line."""
    m = ws.moved
    if m is None:
        return ""
    parts = []
    if m.concerns_carried:
        parts.append(f"{m.concerns_resolved} of {m.concerns_carried} carried concerns resolved")
    if m.concerns_new:
        parts.append(f"{m.concerns_new} new {'concern' if m.concerns_new == 1 else 'concerns'}")
    if m.actions_carried:
        parts.append(f"actions: {m.done} done, {m.late} late, {m.dropped} dropped, {m.under_way} under way")
    if m.not_reviewed:
        parts.append(f"{m.not_reviewed} not yet reviewed")
    return "; ".join(parts) or "nothing was carried forward"
