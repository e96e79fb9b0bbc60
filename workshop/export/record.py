"""Snapshot in, neutral Record out: privacy filtering, ordering and counts happen here
(with the rules themselves in privacy.py), so both writers show exactly the same thing."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timezone

from . import entries as E
from . import sections as S
from .blocks import Bullets, Column, Contents, Heading, Para, Record, Section, Table
from .followup import earlier_people, followup_section
from .front import _STATEMENT, _cover, _last_change, _properties, _running_head, status_line  # noqa: F401 - status_line: part of this module's API
from .opening import credit as opening_credit, opening_section
from .labels import Labels, load_labels
from .options import ExportError, ExportOptions
from .names import MARKS, PrivacyReport, settle
from .privacy import LIVED, Privacy, live_rows, withheld
from .room_count import room_line
from .textclean import clean, clean_line

fmt_date = S.fmt_date
_LIST_LIMIT = 10  # rows in each summary table; the full lists follow in their sections
# Workshop fields the record prints (cover, headings, properties) that may hold a name.
_WORKSHOP_TEXT = ("title", "team", "organisation", "venue", "facilitators", "role_title")


def _deep_clean(value: object) -> object:
    """A cleaned copy: every string in the snapshot, keys included, is XML-safe before
    any of it is used (labels, keys and ids reach the document too)."""
    if isinstance(value, str):
        # The record's own replacement markers are private-use characters: any typed in
        # are dropped so that only real replacements are counted.
        return MARKS.sub("", clean(value))
    if isinstance(value, dict):
        return {(clean(k) if isinstance(k, str) else k): _deep_clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_deep_clean(v) for v in value]
    return value


def _split(snapshot: dict, table: str) -> tuple[list[dict], int]:
    rows = live_rows(snapshot, table)
    shown = [r for r in rows if not withheld(r)]
    return shown, len(rows) - len(shown)


def _workshop(snapshot: dict) -> dict:
    ws = snapshot.get("workshop")
    if isinstance(ws, list):  # tolerate a table-shaped workshop
        ws = next((w for w in ws if isinstance(w, dict) and "deleted_at" not in w), None)
    if isinstance(ws, dict) and len(ws) == 1 and isinstance(next(iter(ws.values())), dict):
        ws = next(iter(ws.values()))
    return ws if isinstance(ws, dict) else {}


def build_record(snapshot: dict, options: ExportOptions, *, labels: Labels | None = None,
                 now: datetime | None = None) -> Record:
    return build_record_and_report(snapshot, options, labels=labels, now=now)[0]


def _scrubbed(snapshot: dict, ws: dict, privacy: Privacy) -> tuple[dict, dict]:
    """The snapshot with the names of people not to be named replaced in every text the
    record may print: all tables but the attendee list, and the workshop's own details."""
    finder = privacy.finder
    if not finder:
        return snapshot, ws
    out = {t: (rows if t in ("participants", "workshop") else finder.scrub(rows)) for t, rows in snapshot.items()}
    ws = dict(ws)
    for key in _WORKSHOP_TEXT:
        if key in ws:
            ws[key] = finder.scrub(ws[key])
    if isinstance(ws.get("follows"), dict):
        ws["follows"] = {**ws["follows"], **{key: finder.scrub(ws["follows"][key])
                                             for key in ("title", "vision") if key in ws["follows"]}}
    return out, ws


def prepared(snapshot: dict, options: ExportOptions, labels: Labels | None
             ) -> tuple[dict, dict, Labels, list[dict], Privacy]:
    """What every export starts from: the snapshot cleaned and scrubbed of names, the
    workshop record, labels for it, its participants and the privacy rules."""
    if not isinstance(snapshot, dict):
        raise ExportError("There is no workshop to export.")
    labels = labels or load_labels()
    snapshot = _deep_clean(snapshot)
    ws = _workshop(snapshot)
    labels = labels.with_workshop(ws)
    participants = live_rows(snapshot, "participants")
    listed = [p for p in participants if not withheld(p)]
    # A follow-up's carried owners were typed at the earlier day: its people count too.
    privacy = Privacy(options, participants + earlier_people(ws), listed, ws)
    snapshot, ws = _scrubbed(snapshot, ws, privacy)
    return snapshot, ws, labels, participants, privacy


def build_record_and_report(snapshot: dict, options: ExportOptions, *, labels: Labels | None = None,
                            now: datetime | None = None) -> tuple[Record, PrivacyReport]:
    """The record, and how many names and roles in it were replaced (never which)."""
    now = now or datetime.now(timezone.utc)
    snapshot, ws, labels, participants, privacy = prepared(snapshot, options, labels)

    notes: dict[str, list[dict]] = defaultdict(list)
    notes_held: dict[str, int] = defaultdict(int)
    for note in live_rows(snapshot, "notes"):
        key = str(note.get("activity") or "")
        if withheld(note):
            notes_held[key] += 1
        else:
            notes[key].append(note)

    hf, hf_held = _split(snapshot, "hopes_fears")
    # Rows nobody typed anything into are not entries: neither shown nor counted.
    hf = [r for r in hf if E.has_content(r, ("text",))]
    # Who said it: a role only one person holds would name them.
    hf = [{**r, "author_role": privacy.role(r.get("author_role"))} if r.get("author_role") else r for r in hf]
    exp_all = [r for r in live_rows(snapshot, "expertise") if E.has_content(r, ("text",))]
    exp = [r for r in exp_all if privacy.expertise_shown(r)]
    # Personal-experience entries left out are not counted as held back: the count would
    # say how many people spoke of their own experience.
    exp_held = sum(1 for r in exp_all if r.get("source") != LIVED and not privacy.expertise_shown(r))
    jds, jd_held = _split(snapshot, "job_descriptions")
    sub_held = 0
    subs = {}
    for table in ("jd_checks", "jd_flags", "jd_compromise", "jd_duties"):
        subs[table], n = _split(snapshot, table)
        sub_held += n
    # A follow-up review's notes go in its own section, not with the six activities.
    review_notes, review_held = ((notes.pop("review", []), notes_held.pop("review", 0))
                                 if isinstance(ws.get("follows"), dict) else ([], 0))
    dual, dual_held = _split(snapshot, "dual_roles")
    untouched = sum(1 for r in dual if r.get("preset") and not E.discussed(r))
    dual = [r for r in dual if E.discussed(r)]
    conc, conc_held = _split(snapshot, "concerns")
    conc = [r for r in conc if E.has_content(r, ("text", "response"))]
    conc = [{**r, "raised_by_role": privacy.role(r.get("raised_by_role"))} if r.get("raised_by_role") else r
            for r in conc]
    acts, acts_held = _split(snapshot, "actions")
    acts = [r for r in acts if E.has_content(r, ("task", "what"))]
    came_from = E.origins(acts, {"concerns": {str(r.get("id")): r for r in conc},
                                 "dual_roles": {str(r.get("id")): r for r in dual},
                                 "jd_duties": {str(r.get("id")): r for r in subs["jd_duties"]}})
    sent = {src[1] for src in map(E.source_of, acts) if src and src[0] == "dual_roles"}
    duties_sent = {src[1] for src in map(E.source_of, acts) if src and src[0] == "jd_duties"}

    activities = [
        opening_section(notes["opening"], notes_held["opening"], labels),
        S.hopes_fears(hf, hf_held + notes_held["hopes_fears"], notes["hopes_fears"], labels),
        S.expertise(exp, exp_held + notes_held["expertise"], notes["expertise"], labels, privacy),
        S.job_descriptions(jds, subs["jd_checks"], subs["jd_flags"], subs["jd_compromise"],
                           jd_held + sub_held + notes_held["job_description"], notes["job_description"], labels,
                           subs["jd_duties"], duties_sent),
        S.dual_roles(dual, dual_held + notes_held["dual_roles"], notes["dual_roles"], labels, privacy, sent, untouched),
        S.concerns(conc, conc_held + notes_held["concerns"], notes["concerns"], labels, privacy),
        S.action_plan(acts, acts_held + notes_held["action_plan"], notes["action_plan"], labels, privacy,
                      came_from),
    ]
    order = {s.key: i for i, s in enumerate(activities)}
    # The content package may name the activities in a different order than ours.
    rank = {k: i for i, (k, _) in enumerate(labels.activities)}
    activities.sort(key=lambda s: (rank.get(s.key, len(rank)), order[s.key]))
    stray = [k for k in {**notes, **notes_held} if k not in order]
    if stray:
        # Notes for an activity this exporter does not know (a newer app, a typo) are
        # still part of what the room said; they go last, under their own headings.
        other = Section("other_notes", "Other notes")
        other.items.append(Heading(1, other.title, "sec_other_notes"))
        for key in stray:
            other.items += S.notes_items(notes[key], labels.activity(key) if key else "Notes")
            other.shown += len(notes[key])
        other.items += S.held_back_line(sum(notes_held[k] for k in stray))
        other.held_back = sum(notes_held[k] for k in stray)
        activities.append(other)

    # A participant kept out of the record is not listed (or counted) on the cover; their
    # name still stays out of the "who" fields, so Privacy keeps them all.
    listed = [p for p in participants if not withheld(p)]
    cover = _cover(ws, listed, privacy, now,
                   status_line(options.status.capitalize(), _last_change(snapshot), now))
    reviewed = sum(1 for jd in jds if S.jd_reviewed(
        *([r for r in subs[t] if r.get("jd_id") == jd.get("id")]
          for t in ("jd_checks", "jd_flags", "jd_compromise", "jd_duties"))))
    agreed = sum(1 for f in subs["jd_flags"] if f.get("state") == "accepted")
    appendix = _appendix(labels, privacy, now)
    carried = {t: live_rows(snapshot, t) for t in ("reviews", "concerns", "dual_roles", "actions")}
    followup = followup_section(ws, carried, review_notes, review_held, privacy, now)
    summary = _summary(activities, hf, conc, acts, dual, privacy, came_from, sent, reviewed, agreed,
                       followup.held_back if followup else 0)
    summary.items += room_line(hf, exp, conc)
    body = [summary, *([followup] if followup else []), *activities, appendix]
    # The cover is a page of its own; the contents start the next and the summary follows.
    contents = Section("contents", "Contents", starts_page=True)
    contents.items.append(Heading(1, "Contents", outline=False))
    contents.items.append(Contents([(f"sec_{s.key}", s.title) for s in body]))
    record = Record(_properties(ws, now), [cover, contents, *body], running_head=_running_head(ws),
                    status=options.status.capitalize())
    tally = [0, 0]
    settle(record, tally)
    report = PrivacyReport(tally[0], tally[1], options.include_names)
    # The privacy sentences are written last, once it is known what the record holds.
    for sec in (cover, appendix):
        at = next(i for i, item in enumerate(sec.items) if item is _STATEMENT)
        style = "note" if sec is cover else "body"
        sec.items[at:at + 1] = [Para(line, style) for line in privacy.statement(report)]
    return record, report


def _summary(activities: list[Section], hf: list[dict], conc: list[dict], acts: list[dict],
             dual: list[dict], privacy: Privacy, came_from: dict[str, str], sent: set[str],
             jds_reviewed: int, wording_agreed: int, followup_held: int = 0) -> Section:
    """What was decided and what is due first, then what the room cared about most, the
    concerns still open, and last how much each part of the record holds."""
    sec = Section("summary", "Summary")
    sec.items.append(Heading(1, "Summary", "sec_summary"))
    sec.items += _decided(acts, dual, conc, privacy, came_from, sent, wording_agreed)
    sec.items += _top_themes(hf)

    sec.items.append(Heading(2, "Open concerns"))
    open_c = [r for r in conc if r.get("status", "open") != "resolved"]
    if open_c:
        open_c.sort(key=lambda r: (not r.get("due"), str(r.get("due") or "")))
        t = Table([Column("Concern", 0.5), Column("Status", 0.15), Column("Owner", 0.18), Column("By when", 0.17)], [])
        t.rows += [(clean(r.get("text")), S.STATUS.get(str(r.get("status") or "open"), "Open"),
                    privacy.person(r.get("owner")), fmt_date(r.get("due"), True)) for r in open_c[:_LIST_LIMIT]]
        sec.items.append(t)
        if len(open_c) > _LIST_LIMIT:
            sec.items.append(Para(f"{len(open_c) - _LIST_LIMIT} more in the concerns log.", "note"))
    else:
        sec.items.append(Para("No concerns are open."))

    jd_total = next((s.shown for s in activities if s.key == "job_description"), 0)
    details = {
        "opening": lambda s: S.plural(s.shown, "answer") + " (vision and motivation)" if s.shown else "Nothing written",
        "hopes_fears": lambda s: f"{S.plural(sum(r.get('kind') == 'hope' for r in hf), 'hope')}, "
                                 f"{S.plural(sum(r.get('kind') == 'fear' for r in hf), 'fear')}",
        "expertise": lambda s: S.plural(s.shown, "entry", "entries")
                               + (", not counting personal experience" if privacy.lived else ""),
        "job_description": lambda s: (S.plural(jds_reviewed, "job description") + " reviewed"
                                      + (f", {jd_total - jds_reviewed} not yet" if jd_total > jds_reviewed else "")
                                      if jds_reviewed else
                                      (S.plural(jd_total, "job description") + ", not yet reviewed"
                                       if jd_total else "None reviewed")),
        "dual_roles": lambda s: S.plural(s.shown, "scenario"),
        "concerns": lambda s: S.plural(s.shown, "concern") + (
            f" ({sum(r.get('status', 'open') != 'resolved' for r in conc)} not yet resolved)" if s.shown else ""),
        "action_plan": lambda s: S.plural(s.shown, "action"),
        "other_notes": lambda s: S.plural(s.shown, "note"),
    }
    sec.items.append(Heading(2, "In this record"))
    held = sum(s.held_back for s in activities) + followup_held
    columns = [Column("Activity", 0.4), Column("In this record", 0.4)]
    if held:
        columns.append(Column("Held back", 0.2, "center"))
    table = Table(columns, [])
    for s in activities:
        row = (s.title, details.get(s.key, lambda x: str(x.shown))(s))
        table.rows.append(row + ((str(s.held_back),) if held else ()))
    sec.items.append(table)
    if not held:
        sec.items.append(Para("No entries were held back from this record.", "note"))
    return sec


def _decided(acts: list[dict], dual: list[dict], conc: list[dict], privacy: Privacy,
             came_from: dict[str, str], sent: set[str], wording_agreed: int) -> list:
    out: list = [Heading(2, "Decisions and actions due")]
    planned = [r for r in dual if clean(r.get("action_plan")).strip()]
    resolved = sum(1 for r in conc if r.get("status") == "resolved")
    decisions = [text for n, text in (
        (len(acts), f"{S.plural(len(acts), 'action')} agreed for the action plan"),
        (len(planned), f"{S.plural(len(planned), 'dual-role scenario')} with a plan"),
        (resolved, f"{S.plural(resolved, 'concern')} worked through and resolved"),
        (wording_agreed, f"{S.plural(wording_agreed, 'wording change')} agreed for the job description"),
    ) if n]
    if decisions:
        out.append(Bullets(decisions))
    # Each thing due once: an action sent from a scenario stands for it, saying where from.
    due = [(str(r["by_when"]), clean(r.get("task")) or clean(r.get("what")), privacy.person(r.get("who")),
            came_from.get(str(r.get("id")), "Action plan")) for r in acts if r.get("by_when")]
    due += [(str(r["due"]), clean(r.get("action_plan")) or clean(r.get("situation")), privacy.person(r.get("owner")),
             f"Dual-role scenario: {E.short(r.get('situation'))}")
            for r in dual if r.get("due") and str(r.get("id")) not in sent]
    due.sort(key=lambda t: t[0])
    undated = sum(1 for r in acts if not r.get("by_when"))
    if due:
        t = Table([Column("Task", 0.42), Column("Who", 0.18), Column("By when", 0.14), Column("From", 0.26)], [])
        t.rows += [(what, who, fmt_date(when, True), src) for when, what, who, src in due[:_LIST_LIMIT]]
        out.append(t)
        more = len(due) - _LIST_LIMIT
        if more > 0:
            rest = "1 more dated item follows in its section." if more == 1 else \
                f"{more} more dated items follow in their sections."
            out.append(Para(rest, "note"))
    elif not decisions:
        out.append(Para("Nothing was decided or given a date."))
    else:
        out.append(Para("Nothing has a date yet."))
    if undated:
        out.append(Para(f"{S.plural(undated, 'action')} without a date yet.", "note"))
    return out


_TOP = 3  # themes of hopes and of fears on the front page


def _top_themes(hf: list[dict]) -> list:
    rows = []
    for kind, title in (("hope", "Hopes"), ("fear", "Fears")):
        themes: dict[str, list] = {}
        for r in hf:
            theme = clean_line(r.get("theme"))
            if r.get("kind") == kind and theme:
                entry = themes.setdefault(theme.casefold(), [theme, 0, 0])
                entry[1] += 1
                entry[2] += S.votes(r)
        ranked = sorted(themes.values(), key=lambda e: (-e[2], -e[1], e[0].casefold()))[:_TOP]
        rows += [(title if i == 0 else "", name, str(n), str(v)) for i, (name, n, v) in enumerate(ranked)]
    if not rows:
        return []
    table = Table([Column("", 0.16), Column("Theme", 0.54), Column("Entries", 0.15, "center"),
                   Column("Votes", 0.15, "center")], rows)
    return [Heading(2, "What the room hoped for and feared most"), table]


def _appendix(labels: Labels, privacy: Privacy, now: datetime) -> Section:
    sec = Section("sources", "Sources")
    sec.items.append(Heading(1, "Sources", "sec_sources"))
    if labels.sources:
        sec.items.append(Para("The activities, prompts and criteria used on the day draw on these documents."))
        for src in labels.sources:
            parts = [src["title"].rstrip("."), ", ".join(y for y in (src["publisher"], src["year"]) if y)]
            cite = ". ".join(x for x in parts if x)
            # A source's note is for the people who keep the app's content, not for readers.
            sec.items.append(Para(cite if cite.endswith(".") else cite + "."))
        sec.items += [line for line in (opening_credit(labels),) if line]
    else:
        sec.items.append(Para("The list of source documents could not be read from this copy of the app."))
    sec.items.append(Heading(2, "About this record"))
    sec.items.append(Para(f"Exported from Team Day on {fmt_date(now.date().isoformat())}. "
                          "It holds only what the room agreed to share; where entries were left out "
                          "by choice, the summary and the section concerned say how many."))
    sec.items.append(_STATEMENT)
    return sec
