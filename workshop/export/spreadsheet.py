"""The record as spreadsheets: one CSV file per activity table, the discussion notes, and (for
a follow-up) the review of what was carried forward, for coordinators who work in Excel as
much as in Word.

The rows pass through the same privacy code as the Word and Markdown records (privacy.py,
names.py, record.py's cleaning and name replacement), so a spreadsheet never shows what the
record would not: entries kept out of the record, personal experience not marked shareable
(or not asked for), names of people who did not agree, and roles that would name one person.
Files are UTF-8 with a byte-order mark (Excel reads anything else as the local code page),
and a cell that a spreadsheet would run as a formula is made plain text.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import entries as E
from .atomic import write_atomic
from .followup import CARRIED_FIELDS, kind_labels, review_position, status_labels
from .guard import check_target
from .labels import Labels, humanise
from .names import PrivacyReport, settle
from .opening import opening_words
from .options import ExportError, ExportOptions
from .privacy import Privacy, live_rows, withheld
from .record import prepared

# A cell starting with one of these is read as a formula (or part of one) by Excel, LibreOffice
# and Google Sheets; a leading apostrophe makes it plain text in all three.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ENCODING = "utf-8-sig"


@dataclass(frozen=True)
class Sheet:
    """One CSV file: its short name (the end of the file name), headers and rows."""

    name: str
    headers: tuple[str, ...]
    rows: list[list[str]]


def neutralise(value: object) -> str:
    """A cell's text, made plain text if a spreadsheet would run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(sheet: Sheet) -> bytes:
    """The sheet as CSV: UTF-8 with a byte-order mark, CRLF line ends, every cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([neutralise(h) for h in sheet.headers])
    writer.writerows([neutralise(cell) for cell in row] for row in sheet.rows)
    return buffer.getvalue().encode(ENCODING)


def build_sheets(snapshot: dict, options: ExportOptions, *,
                 labels: Labels | None = None) -> tuple[list[Sheet], PrivacyReport]:
    """Every activity table as a sheet, with the record's privacy rules applied, and how many
    names and roles were replaced (never which)."""
    snapshot, ws, labels, _participants, privacy = prepared(snapshot, options, labels)

    def shown(table: str) -> list[dict]:
        return [r for r in live_rows(snapshot, table) if not withheld(r)]

    sheets = [
        _hopes_fears(shown("hopes_fears"), privacy),
        _expertise([r for r in live_rows(snapshot, "expertise") if E.has_content(r, ("text",))
                    and privacy.expertise_shown(r)], privacy, labels),
        *_job_descriptions(snapshot, shown, labels),
        _dual_roles([r for r in shown("dual_roles") if E.discussed(r)], privacy),
        _concerns([r for r in shown("concerns") if E.has_content(r, ("text", "response"))], privacy, labels),
        _actions([r for r in shown("actions") if E.has_content(r, ("task", "what"))], privacy, labels),
        _notes([r for r in shown("notes") if E.has_content(r, ("text",))], labels),
    ]
    if isinstance(ws.get("follows"), dict):
        sheets.append(_review(snapshot, privacy))
    tally = [0, 0]
    for sheet in sheets:
        settle(sheet.rows, tally)
    return sheets, PrivacyReport(tally[0], tally[1], options.include_names, "spreadsheets")


def _text(value: object) -> str:
    """A value as a cell; dates stay YYYY-MM-DD, which every spreadsheet sorts and reads as a date."""
    return "" if value is None else str(value)


def _hopes_fears(rows: list[dict], privacy: Privacy) -> Sheet:
    rows = [r for r in rows if E.has_content(r, ("text",))]
    return Sheet("hopes-and-fears", ("Hope or fear", "What was said", "Theme", "Votes", "Said by (role)"), [
        [_text(r.get("kind")).capitalize(), _text(r.get("text")), _text(r.get("theme")), str(r.get("votes") or 0),
         privacy.role(r.get("author_role")) if r.get("author_role") else ""]
        for r in rows])


def _expertise(rows: list[dict], privacy: Privacy, labels: Labels) -> Sheet:
    sources = dict(labels.expertise)
    return Sheet("expertise", ("Kind of expertise", "Expertise", "Whose (named with consent)"), [
        [sources.get(_text(r.get("source")), _text(r.get("source"))), _text(r.get("text")), privacy.holder(r)]
        for r in rows])


def _job_descriptions(snapshot: dict, shown: Callable[[str], list[dict]], labels: Labels) -> list[Sheet]:
    titles = {_text(jd.get("id")): _text(jd.get("title")) for jd in shown("job_descriptions")}
    criteria = Sheet("job-description-criteria", ("Job description", "Criterion group", "Criterion", "Status", "Note"), [
        [titles.get(_text(r.get("jd_id")), ""), labels.criterion(_text(r.get("criterion"))).group_title,
         labels.criterion(_text(r.get("criterion"))).title, _text(r.get("status")).replace("_", " "),
         _text(r.get("note"))]
        for r in shown("jd_checks") if r.get("status", "not_discussed") != "not_discussed" or r.get("note")])
    wording = Sheet("job-description-wording", ("Job description", "Wording", "Why it was flagged", "Suggestion",
                                                "Decision"), [
        [titles.get(_text(r.get("jd_id")), ""), _text(r.get("phrase")), _text(r.get("reason")),
         _text(r.get("suggestion")), _text(r.get("state"))]
        for r in shown("jd_flags")])
    return [criteria, wording]


def _dual_roles(rows: list[dict], privacy: Privacy) -> Sheet:
    return Sheet("dual-roles", ("Situation", "Challenge", "Plan", "Owner", "Due", "Policy"), [
        [_text(r.get("situation")), _text(r.get("challenge")), _text(r.get("action_plan")),
         privacy.person(r.get("owner")), _text(r.get("due")), _text(r.get("policy"))]
        for r in rows])


def _concerns(rows: list[dict], privacy: Privacy, labels: Labels) -> Sheet:
    return Sheet("concerns", ("Concern", "Category", "Raised by (role)", "Raised in", "Response", "Status", "Owner",
                              "Due"), [
        [_text(r.get("text")), labels.categories.get(_text(r.get("category")), _text(r.get("category"))),
         privacy.role(r.get("raised_by_role")) if r.get("raised_by_role") else "",
         {"group": "the group", "individual": "private"}.get(_text(r.get("raised_how")), ""),
         _text(r.get("response")), _text(r.get("status")).replace("_", " "), privacy.person(r.get("owner")),
         _text(r.get("due"))]
        for r in rows])


def _actions(rows: list[dict], privacy: Privacy, labels: Labels) -> Sheet:
    return Sheet("actions", ("Stage", "Action", "What it involves", "Who", "By when", "Outcome"), [
        [labels.stage(r.get("stage")), _text(r.get("task")), _text(r.get("what")), privacy.person(r.get("who")),
         _text(r.get("by_when")), _text(r.get("outcome"))]
        for r in rows])


def _notes(rows: list[dict], labels: Labels) -> Sheet:
    """Every note the record may show, by activity: discussion notes, the gaps a peer worker
    could fill, the opening's vision and its answers to the motivation questions."""
    words, boxes = opening_words()
    questions = {str(box.get("key")): str(box.get("label")) for box in boxes}
    kinds = {"discussion": "Discussion notes", "gaps": "Gaps a peer worker could fill",
             "vision": words["vision_heading"], "motivation": words["motivation_heading"]}
    return Sheet("notes", ("Activity", "Kind", "Question", "Notes"), [
        [labels.activity(_text(r.get("activity"))), kinds.get(_text(r.get("kind")), humanise(_text(r.get("kind")))),
         questions.get(_text(r.get("question")), _text(r.get("question"))), _text(r.get("text")).strip()]
        for r in rows])


def _review(snapshot: dict, privacy: Privacy) -> Sheet:
    """A follow-up's review, one row per item carried forward: how it stood at the earlier day
    (from the copy kept then), how it stands now, what changed and what happens next."""
    words, kinds = status_labels(), kind_labels()
    items = {table: {r.get("id"): r for r in live_rows(snapshot, table)} for table in CARRIED_FIELDS}
    rows = []
    for review in sorted(live_rows(snapshot, "reviews"), key=review_position):
        table = review.get("item_table")
        if table not in CARRIED_FIELDS:
            continue
        item = items[table].get(review.get("item_id"))
        if withheld(review) or (item is not None and withheld(item)):
            continue
        name, who, due = CARRIED_FIELDS[table]
        then = review.get("then") if isinstance(review.get("then"), dict) else {}
        now = item or {}
        status = _text(review.get("status") or "not_reviewed")
        rows.append([kinds[table], _text(now.get(name) or then.get(name)),
                     words.get(_text(then.get("status")), humanise(_text(then.get("status")))),
                     privacy.person(then.get(who)), _text(then.get(due)),
                     words.get(status, humanise(status)), _text(review.get("done_on")),
                     _text(review.get("changed")).strip(), _text(review.get("next")).strip(),
                     privacy.person(now.get(who)) if item is not None else "(no longer in this workshop)"])
    return Sheet("review", ("Kind", "Item", "Then", "Owner then", "Due then", "Now", "Done on", "What changed",
                            "What happens next", "Owner now"), rows)


def sheet_paths(folder: Path, stem: str, sheets: list[Sheet], *, free: bool) -> list[Path]:
    """Where each sheet goes: `<stem>-<sheet>.csv` in `folder`. With `free`, one number added
    to every name ("-2", "-3" …) until none is taken, so one export's files stay together."""
    def named(n: int) -> list[Path]:
        tail = f"-{n}" if n > 1 else ""
        return [Path(folder) / f"{stem}-{s.name}{tail}.csv" for s in sheets]

    n = 1
    while free and any(os.path.lexists(p) for p in named(n)):
        n += 1
    return named(n)


def export_csv(snapshot: dict, folder: Path, stem: str, options: ExportOptions, *, overwrite: bool = False,
               free_names: bool = False, workshop_file: Path | None = None, sessions_dir: Path | None = None,
               on_report: Callable[[PrivacyReport], None] | None = None) -> list[Path]:
    """Write one CSV per activity table into `folder` and return their paths. Every file is
    checked by the same guard as the Word record before anything is written, then written
    atomically; a file already there is refused (TargetExists) unless `overwrite`."""
    folder = Path(folder).expanduser()
    if not folder.is_dir():
        raise ExportError(f"The folder {folder} does not exist. Create it or choose another folder.")
    try:
        sheets, report = build_sheets(snapshot, options)
    except ExportError:
        raise
    except Exception as exc:  # a bug must still reach the facilitator as a sentence
        raise ExportError(f"The spreadsheets could not be built ({type(exc).__name__}: {exc}). "
                          "Nothing was saved; please report this.") from exc
    paths = sheet_paths(folder, stem, sheets, free=free_names)
    for path in paths:  # all refused or all written: never half a set
        check_target(path, overwrite, workshop_file=workshop_file, sessions_dir=sessions_dir)
    if on_report is not None:
        on_report(report)
    for sheet, path in zip(sheets, paths):
        write_atomic(path, csv_bytes(sheet), overwrite)
    return paths
