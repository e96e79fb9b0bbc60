"""The commands that read a workshop and print or write what it holds, without showing the
app: `list`, `check`, `export` (Word, Markdown, spreadsheets) and `wording`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workshop import model
from workshop.cli import sync as cli_sync
from workshop.cli.common import (
    BAD_FILE, OK, PROG, USAGE, WRITE_FAILED, UserError, _ensure_folder, _validated, exports_dir, find_session,
    say, sessions_dir,
)
from workshop.store import Session, list_sessions, live_records



def cmd_list(args: argparse.Namespace) -> int:
    folder = sessions_dir(args)
    summaries = list_sessions(folder)
    if not summaries:
        say(f"No workshops in {folder} yet. Start one with: {PROG} new \"Team day title\"")
        return OK
    rows = [("TITLE", "TEAM", "DATE", "LAST CHANGED", "PROGRESS", "FILE")]
    problems, copies = [], []
    for s, copy in cli_sync.in_order(summaries):
        changed = s.changed.astimezone().strftime("%Y-%m-%d %H:%M") if s.changed else "?"
        if copy is not None:  # a sync engine's conflict copy, under its workshop
            rows.append((cli_sync.copy_label(copy), "", "", changed, "can be set aside" if copy.merged else "merge: see below",
                         s.path.name))
            if not copy.merged:
                copies.append(copy)
            continue
        if s.problem:
            rows.append((_cut(s.title, 32), "", "", changed, "cannot be opened (see below)", s.path.name))
            problems.append(s.problem)
            continue
        progress = " ".join(f"{label} {s.counts.get(key, 0)}" for key, label in PROGRESS_LABELS)
        if s.locked_by:
            progress += f" (open: {s.locked_by})"
        rows.append((_cut(s.title, 32), _cut(s.team, 24), s.date or "-", changed, progress, s.path.name))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths)]
        say("  ".join([*cells, row[-1]]).rstrip())
    say(f"\nProgress: items per activity ({', '.join(f'{l} = {n}' for l, n in PROGRESS_NAMES)}).")
    for line in cli_sync.copies_hint(copies):
        say(line)
    for problem in problems:
        say(problem)
    return OK


PROGRESS_LABELS = (
    ("hopes_fears", "HF"),
    ("expertise", "EX"),
    ("job_description", "JD"),
    ("dual_roles", "DR"),
    ("concerns", "CO"),
    ("action_plan", "AP"),
)
PROGRESS_NAMES = (
    ("HF", "hopes and fears"),
    ("EX", "expertise"),
    ("JD", "job description criteria discussed"),
    ("DR", "dual roles worked through"),
    ("CO", "concerns"),
    ("AP", "actions"),
)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


CHECK_COUNTS = (  # table, one, many
    ("participants", "participant", "participants"),
    ("hopes_fears", "hope or fear", "hopes and fears"),
    ("expertise", "expertise entry", "expertise entries"),
    ("job_descriptions", "job description", "job descriptions"),
    ("jd_checks", "job description check", "job description checks"),
    ("jd_flags", "wording flag", "wording flags"),
    ("jd_compromise", "compromise check", "compromise checks"),
    ("jd_duties", "example duty marked", "example duties marked"),
    ("dual_roles", "dual-role scenario", "dual-role scenarios"),
    ("concerns", "concern", "concerns"),
    ("actions", "action", "actions"),
    ("notes", "note", "notes"),
    ("reviews", "review item", "review items"),
    ("merge_log", "merge logged", "merges logged"),
)


def cmd_check(args: argparse.Namespace) -> int:
    path = find_session(args, args.path)
    data = _validated(path)
    workshop = live_records(data, "workshop")[0]
    parts = [f'"{workshop["title"]}"']
    for table, one, many in CHECK_COUNTS:
        n = len(live_records(data, table))
        if n or table in ("hopes_fears", "concerns", "actions"):
            parts.append(f"{n} {one if n == 1 else many}")
    extra = sorted(t for t in data if t not in model.TABLES)
    if extra:
        parts.append(f"{len(extra)} other table{'s' if len(extra) > 1 else ''} kept ({', '.join(extra)})")
    say(f"ok: {', '.join(parts)} ({_format_on_disk(path, workshop['schema_version'])})")
    return OK


def _format_on_disk(path: Path, read_as: int) -> str:
    """The format the file is written in: an older one is read as the current one in memory
    (store/migrate.py), and saying only the current one hid that the file itself is older."""
    import orjson  # noqa: PLC0415 - the file was just read and checked, so it parses

    data = orjson.loads(path.read_bytes())
    written = next((r.get("schema_version") for r in data.get("workshop", {}).values()
                    if isinstance(r, dict) and not model.is_tombstone(r)), read_as)
    if written == read_as:
        return f"format {read_as}"
    return f"format {written}, read as format {read_as}; the file is updated when it is next saved in Team Day"


def cmd_export(args: argparse.Namespace) -> int:
    try:
        from workshop.export import (  # noqa: PLC0415
            ExportError, ExportOptions, TargetExists, TargetRefused, default_export_path, export_record, first_free_name)
    except ImportError as exc:
        raise UserError(f"Export is not available in this installation ({exc}).", BAD_FILE) from None
    path = find_session(args, args.path)
    _validated(path)
    session = Session.open(path, read_only=True)
    try:
        snapshot = session.snapshot()
    finally:
        session.close()
    if args.format == "csv":  # several files, one per activity table, into a folder
        return _export_spreadsheets(args, path, snapshot)
    try:
        options = ExportOptions(format=args.format, include_names=args.include_names,
                                include_lived=args.include_lived, status=args.status)
        if args.out:
            out = Path(args.out).expanduser()
        else:
            folder = exports_dir(args)
            _ensure_folder(folder, "exports")
            out = first_free_name(default_export_path(snapshot, folder, format=args.format))
        written = export_record(snapshot, out, options, overwrite=args.force, workshop_file=path,
                                sessions_dir=sessions_dir(args, create=False), on_report=_tell_privacy)
    except TargetExists as exc:
        raise UserError(f"{exc.path} already exists; use --force to replace it, or choose another name with --out.",
                        WRITE_FAILED) from None
    except TargetRefused as exc:
        raise UserError(str(exc), USAGE) from None
    except ExportError as exc:
        raise UserError(str(exc), WRITE_FAILED) from None
    say(written)
    return OK


def _export_spreadsheets(args: argparse.Namespace, path: Path, snapshot: dict) -> int:
    """`--format csv`: one CSV per activity table into DIR (--out) or the exports folder,
    each file guarded and written as the record is; the paths printed one a line."""
    from workshop.export import ExportError, ExportOptions, TargetExists, TargetRefused, export_spreadsheets  # noqa: PLC0415

    if args.out:
        folder = Path(args.out).expanduser()
        if folder.exists() and not folder.is_dir():
            raise UserError(f"{folder} is a file; with --format csv, --out names the folder for the spreadsheets.",
                            USAGE)
    else:
        folder = exports_dir(args)
    _ensure_folder(folder, "exports")
    try:
        options = ExportOptions(format="csv", include_names=args.include_names, include_lived=args.include_lived)
        written = export_spreadsheets(snapshot, folder, options, overwrite=args.force, free_names=not args.out,
                                      workshop_file=path, sessions_dir=sessions_dir(args, create=False),
                                      on_report=_tell_privacy)
    except TargetExists as exc:
        raise UserError(f"{exc.path} already exists; use --force to replace the spreadsheets, or choose another "
                        "folder with --out.", WRITE_FAILED) from None
    except TargetRefused as exc:
        raise UserError(str(exc), USAGE) from None
    except ExportError as exc:
        raise UserError(str(exc), WRITE_FAILED) from None
    for written_path in written:
        say(written_path)
    return OK


def _tell_privacy(report) -> None:
    """Before the record is written: how many names and roles were replaced (if any), on
    stderr so that stdout stays the path of the record."""
    if report.names_replaced or report.roles_hidden:
        for line in report.sentences():
            say(line, file=sys.stderr)


def cmd_wording(args: argparse.Namespace) -> int:
    """The wording check on a draft job description outside a workshop. Exit 0 when nothing
    is flagged, 1 when something is, 2 when the draft or the template cannot be read."""
    from workshop.jd import wording_cli  # noqa: PLC0415

    try:
        result = wording_cli.report(args.file, args.template, uk=not args.outside_uk)
    except wording_cli.WordingError as exc:
        raise UserError(str(exc), wording_cli.UNREADABLE) from None
    say(wording_cli.as_json(result) if args.format == "json" else wording_cli.as_text(result))
    return wording_cli.exit_code(result)
