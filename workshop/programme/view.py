"""The programme as the home screen's view shows it: short lists of plain strings, built in
a worker thread from what was gathered (the screen only lays them out). No Textual here."""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop.export.names import settle
from workshop.export.sections import fmt_date, plural

from .facts import SOON_DAYS, Facts, moved_sentence

LATE_SHOWN = 12
THEMES_SHOWN = 5


@dataclass(slots=True)
class ProgrammeView:
    headline: str
    teams: list[tuple[str, str, str, str, str, str]] = field(default_factory=list)  # team, date, workshop, open, late, soon
    categories: list[tuple[str, str, str, str]] = field(default_factory=list)
    late: list[tuple[str, str, str, str, str]] = field(default_factory=list)  # team, task, who, due, days
    late_more: int = 0
    soon: int = 0
    undated: int = 0
    themes: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    followups: list[tuple[str, str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    empty: bool = False


def _n(value: int | None) -> str:
    return "–" if value is None else str(value)


def build_view(facts: Facts) -> ProgrammeView:
    g = facts.gathered
    n_follow = sum(1 for w in g.workshops if w.is_followup)
    headline = (f"{plural(len(facts.teams), 'team')} · {plural(len(g.workshops) - n_follow, 'team day')} · "
                f"{plural(n_follow, 'follow-up review')} · as of {fmt_date(facts.today.isoformat(), True)}")
    if g.skipped:
        headline += f" · {plural(len(g.skipped), 'file')} skipped"
    view = ProgrammeView(headline, empty=not g.workshops)
    for row in facts.rows:
        ws = row.workshop
        title = ws.title + (" (follow-up)" if ws.is_followup else "")
        view.teams.append((row.team, fmt_date(ws.date, True) or "no date", title, _n(row.open_concerns),
                           _n(row.late), _n(row.due_soon)))
    view.categories = [(name, str(o), str(p), str(t)) for name, o, p, t in facts.categories]
    # The most late first, then shown by team.
    most = sorted(facts.late[:LATE_SHOWN], key=lambda t: (t[0].team.casefold(), -t[2]))
    view.late = [(ws.team, a.task, a.who, fmt_date(a.due, True), str(days)) for ws, a, days in most]
    view.late_more = max(0, len(facts.late) - LATE_SHOWN)
    view.soon, view.undated = len(facts.due_soon), facts.undated
    for kind in ("hope", "fear"):
        view.themes[kind] = [(t.name, str(len(t.teams)), str(t.entries), str(t.votes))
                             for t in facts.themes if t.kind == kind][:THEMES_SHOWN]
    view.followups = [(ws.team, fmt_date(ws.date, True) or "no date", moved_sentence(ws)) for ws in facts.followups]
    view.skipped = [(s.path.name or str(s.path), s.reason) for s in g.skipped]
    # The replaced names carry markers for the record's count; the screen shows none of them.
    for name in ("teams", "categories", "late", "followups", "skipped"):
        settle(getattr(view, name), [0, 0])
    for rows in view.themes.values():
        settle(rows, [0, 0])
    return view


SOON_WORDS = f"due in the next {SOON_DAYS} days"
