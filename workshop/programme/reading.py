"""Reading every workshop in some folders, read-only, into what the programme shows.

Each file is read and checked exactly as `workshop check` does (`store.read_session_file`:
opened read-only, never locked, never written, no backup made), then boiled down at once to
the few rows the programme needs, with the record's privacy rules applied per workshop
(names only with consent, roles that identify one person hidden). A file that cannot be
read is kept as a skipped file with the store's own plain reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from workshop.export.followup import earlier_people, standing
from workshop.export.labels import Labels, humanise, load_labels
from workshop.export.names import MARKS
from workshop.export.options import ExportOptions
from workshop.export.privacy import LIVED, Privacy, live_rows, withheld
from workshop.export.textclean import clean, clean_line
from workshop.store import StoreError, read_session_file

CLOSED_ACTIONS = ("done", "dropped")


@dataclass(slots=True)
class Skipped:
    path: Path
    reason: str


class _Shown:
    """Words are made fit to show (cleaned, names replaced) only when shown: most rows are
    only counted, and the programme must cost little more than reading the files."""

    __slots__ = ()

    def shown(self, value: Any) -> str:
        return _line(value, self.privacy)

    def person(self, value: Any) -> str:
        return self.privacy.person(self.shown(value))


@dataclass(slots=True)
class Concern(_Shown):
    raw_text: Any
    category: str
    status: str  # open | in_progress | resolved
    raw_owner: Any
    due: str  # YYYY-MM-DD or ""
    privacy: Privacy

    @property
    def text(self) -> str:
        return self.shown(self.raw_text)

    @property
    def owner(self) -> str:
        return self.person(self.raw_owner)


@dataclass(slots=True)
class Action(_Shown):
    raw_task: Any
    raw_who: Any
    due: str
    status: str  # "" (no review says otherwise), not_started, in_progress, done, dropped
    privacy: Privacy

    @property
    def task(self) -> str:
        return self.shown(self.raw_task)

    @property
    def who(self) -> str:
        return self.person(self.raw_who)


@dataclass(slots=True)
class Moved:
    """What a follow-up review found of the items carried from the earlier day."""
    concerns_carried: int = 0
    concerns_resolved: int = 0
    concerns_new: int = 0
    actions_carried: int = 0
    done: int = 0
    late: int = 0
    dropped: int = 0
    under_way: int = 0
    not_reviewed: int = 0


@dataclass(slots=True)
class Workshop:
    path: Path
    id: str
    title: str
    team: str
    team_key: str
    date: str
    follows_id: str = ""
    follows_title: str = ""
    follows_date: str = ""
    concerns: list[Concern] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    # (kind, theme as typed) -> [entries, votes]; themes only, never what anyone wrote
    themes: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    unthemed: dict[str, int] = field(default_factory=dict)
    lived_shown: str = ""  # personal-experience entries shared, as the record counts them ("" when left out)
    moved: Moved | None = None
    privacy: Privacy | None = None
    followed_by: list["Workshop"] = field(default_factory=list)

    @property
    def is_followup(self) -> bool:
        return bool(self.follows_id)


def _text(value: Any, privacy: Privacy) -> str:
    """Cleaned, typed-in replacement markers dropped, names not to be shown replaced."""
    text = MARKS.sub("", clean(value)).strip()
    return privacy.finder.replace(text) if privacy.finder and text else text


def _line(value: Any, privacy: Privacy) -> str:
    return " ".join(_text(value, privacy).split())


def _day(value: Any) -> str:
    """A date field of a checked file: YYYY-MM-DD or nothing (the store refused anything else)."""
    return value if isinstance(value, str) and len(value) == 10 else ""


def _filled(value: Any) -> bool:
    return isinstance(value, str) and not value.isspace() and value != ""


def _iso(value: Any) -> str:
    text = clean_line(value)
    try:
        return date.fromisoformat(text).isoformat() if len(text) == 10 else ""
    except ValueError:
        return ""


def _workshop_record(data: dict) -> dict:
    return live_rows(data, "workshop")[0]


def boil_down(path: Path, data: dict, options: ExportOptions, labels: Labels, today: date) -> Workshop:
    """The programme's view of one validated workshop file."""
    ws = _workshop_record(data)
    participants = live_rows(data, "participants")
    listed = [p for p in participants if not withheld(p)]
    privacy = Privacy(options, participants + earlier_people(ws), listed, ws)
    # Only a workshop made from an organisation template can add categories of its own.
    labels = labels.with_workshop(ws) if ws.get("template") else labels
    team_raw = clean_line(ws.get("team"))
    follows = ws.get("follows") if isinstance(ws.get("follows"), dict) else {}
    out = Workshop(
        path=path, id=str(ws.get("id") or ""), title=_line(ws.get("title"), privacy) or path.stem,
        team=_line(team_raw, privacy) or "Team not given", team_key=team_raw.casefold(),
        date=_iso(ws.get("date")), follows_id=str(follows.get("id") or ""),
        follows_title=_line(follows.get("title"), privacy), follows_date=_iso(follows.get("date")),
    )
    out.privacy = privacy
    reviews = {str(r.get("item_id")): r for r in live_rows(data, "reviews")}
    category_of: dict[str, str] = {}
    for row in live_rows(data, "concerns"):
        text = row.get("text")
        if withheld(row) or not (_filled(text) or _filled(row.get("response"))):
            continue
        key = row.get("category") or ""
        category = category_of.get(key)
        if category is None:
            label = clean_line(key)
            category = category_of[key] = labels.categories.get(label) or (humanise(label) if label else "No category")
        out.concerns.append(Concern(text if _filled(text) else row.get("response"), category,
                                    str(row.get("status") or "open"), row.get("owner"), _day(row.get("due")), privacy))
    for row in live_rows(data, "actions"):
        task = row.get("task")
        if withheld(row) or not (_filled(task) or _filled(row.get("what"))):
            continue
        review = reviews.get(row.get("id"))
        status = str(review.get("status")) if review and review.get("status") != "not_reviewed" else ""
        out.actions.append(Action(task if _filled(task) else row.get("what"), row.get("who"),
                                  _day(row.get("by_when")), status, privacy))
    for row in live_rows(data, "hopes_fears"):
        kind = row.get("kind")
        if kind not in ("hope", "fear") or withheld(row) or not _filled(row.get("text")):
            continue
        theme = row.get("theme")
        if not _filled(theme):
            out.unthemed[kind] = out.unthemed.get(kind, 0) + 1
            continue
        votes = row.get("votes")
        entry = out.themes.setdefault((kind, theme), [0, 0])
        entry[0] += 1
        entry[1] += votes if isinstance(votes, int) and not isinstance(votes, bool) and votes > 0 else 0
    if options.include_lived:
        shared = sum(1 for r in live_rows(data, "expertise")
                     if r.get("source") == LIVED and clean(r.get("text")).strip() and privacy.expertise_shown(r))
        out.lived_shown = privacy.count(shared)
    if out.follows_id:
        out.moved = _moved(data, reviews, out, today)
    return out


def _moved(data: dict, reviews: dict[str, dict], ws: Workshop, today: date) -> Moved:
    moved = Moved()
    on = ws.date or today.isoformat()
    concerns = {str(r.get("id")): r for r in live_rows(data, "concerns")}
    for row in concerns.values():
        if not row.get("carried_from") and not withheld(row):
            moved.concerns_new += 1
    for item_id, review in reviews.items():
        table = review.get("item_table")
        status = str(review.get("status") or "not_reviewed")
        if status == "not_reviewed":
            moved.not_reviewed += 1
        if table == "concerns":
            moved.concerns_carried += 1
            now = concerns.get(item_id)
            if now is not None and now.get("status") == "resolved":
                moved.concerns_resolved += 1
        elif table == "actions":
            moved.actions_carried += 1
            then = review.get("then") if isinstance(review.get("then"), dict) else {}
            due = _iso(then.get("by_when"))
            where = standing(status, due, _iso(review.get("done_on")), on)
            setattr(moved, where, getattr(moved, where) + 1)
    return moved


@dataclass(slots=True)
class Gathered:
    folders: list[Path]
    workshops: list[Workshop]
    skipped: list[Skipped]
    today: date


def files_in(folders: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """Workshop files (`*.json`, not hidden) in each folder; a folder that
    cannot be listed is skipped with the reason."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for folder in folders:
        folder = Path(folder)
        try:
            # Shortest name first: sync engines name a conflict copy by adding to the name, so
            # of two files of one workshop the original is read first and kept.
            names = sorted((p for p in folder.iterdir() if p.name.endswith(".json") and not p.name.startswith(".")),
                           key=lambda p: (len(p.name), p.name))
        except FileNotFoundError:
            skipped.append(Skipped(folder, "the folder does not exist"))
            continue
        except NotADirectoryError:
            skipped.append(Skipped(folder, "it is a file, not a folder"))
            continue
        except OSError as exc:
            skipped.append(Skipped(folder, f"the folder cannot be read ({exc.strerror or exc})"))
            continue
        found += names
    return found, skipped


def plain_reason(exc: StoreError) -> str:
    """The store's sentence without the file name it starts with (the list shows the name)."""
    reason = getattr(exc, "reason", None)
    return str(reason) if reason else str(exc)


def gather(folders: Iterable[Path], options: ExportOptions | None = None, today: date | None = None) -> Gathered:
    folders = [Path(f) for f in folders]
    options = options or ExportOptions()
    today = today or date.today()
    labels = load_labels()
    paths, skipped = files_in(folders)
    workshops: list[Workshop] = []
    seen: dict[str, Workshop] = {}
    for path in paths:
        try:
            data = read_session_file(path)
        except StoreError as exc:
            skipped.append(Skipped(path, plain_reason(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - one file must not stop the programme
            skipped.append(Skipped(path, f"it could not be read ({type(exc).__name__})"))
            continue
        try:
            ws = boil_down(path, data, options, labels, today)
        except Exception as exc:  # noqa: BLE001 - a bug in one file's summary is reported, not raised
            skipped.append(Skipped(path, f"it could not be summarised ({type(exc).__name__}); please report this"))
            continue
        if ws.id and ws.id in seen:
            # Two files of one workshop (a copy, or a sync conflict copy): counting both
            # would count every concern twice.
            skipped.append(Skipped(path, f"another copy of the workshop in {seen[ws.id].path.name}; "
                                         "merge the copies to include what only this one holds"))
            continue
        seen[ws.id] = ws
        workshops.append(ws)
    for ws in workshops:
        earlier = seen.get(ws.follows_id)
        if earlier is not None and earlier is not ws:
            earlier.followed_by.append(ws)
    workshops.sort(key=lambda w: (w.team.casefold(), w.date or "9999", w.title.casefold(), w.path.name))
    return Gathered(folders, workshops, skipped, today)


def current(ws: Workshop) -> bool:
    """The latest word on its items: nothing loaded follows it up (follow-ups carry what
    is still open, so counting an earlier day too would count it twice)."""
    return not ws.followed_by


def open_actions(ws: Workshop) -> list[Action]:
    return [a for a in ws.actions if a.status not in CLOSED_ACTIONS]
