"""The `workshop` command: new, open, list, demo, check, export, programme, wording, or the home screen.

User errors print one line to stderr and exit non-zero; never a traceback.
Exit codes: 0 ok, 1 the file is bad or the check failed, 2 usage, 3 locked by another app,
4 could not save or write.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn, Sequence

from workshop import cli_sync, content, model, platform
from workshop.room.options import add_room_arguments, check_room_arguments, room_request
from workshop.store import (
    LockedError,
    ReadOnlyError,
    SaveError,
    SessionFileError,
    StoreError,
    Session,
    backup_path,
    describe_holder,
    list_sessions,
    live_records,
    lock_is_stale,
    read_lock,
    read_session_file,
    unique_session_path,
)

OK, BAD_FILE, USAGE, LOCKED, WRITE_FAILED = 0, 1, 2, 3, 4
PROG = "workshop"


class UserError(Exception):
    """A problem to report in one line, with its exit code."""

    def __init__(self, message: str, code: int = BAD_FILE):
        super().__init__(message)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2), not usage plus error."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (see '{self.prog} --help')", USAGE)


# --- folders ---------------------------------------------------------------------------------


def sessions_dir(args: argparse.Namespace, *, create: bool = True) -> Path:
    folder = Path(args.sessions_dir or os.environ.get("WORKSHOP_SESSIONS") or "sessions").expanduser()
    if create:
        _ensure_folder(folder, "sessions")
    return folder


def exports_dir(args: argparse.Namespace) -> Path:
    return Path(args.exports_dir or os.environ.get("WORKSHOP_EXPORTS") or "exports").expanduser()


def _ensure_folder(folder: Path, what: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)  # its file names are workshop titles
    except FileExistsError:
        raise UserError(f"The {what} folder {folder} is a file, not a folder.", WRITE_FAILED) from None
    except OSError as exc:
        raise UserError(f"The {what} folder {folder} cannot be created: {exc.strerror}.", WRITE_FAILED) from None


def find_session(args: argparse.Namespace, given: str) -> Path:
    """PATH as given; failing that, a name in the sessions folder (with or without .json)."""
    path = Path(given).expanduser()
    if path.exists() or path.is_absolute() or len(path.parts) > 1:
        return path
    folder = sessions_dir(args, create=False)
    for candidate in (folder / given, folder / f"{given}.json"):
        if candidate.exists():
            return candidate
    return path


def _validated(path: Path) -> dict[str, Any]:
    """The file's data, or a UserError that names the reason and any backup."""
    try:
        return read_session_file(path)
    except SessionFileError as exc:
        raise UserError(f"{exc}{backup_hint(path)}", BAD_FILE) from None


def backup_hint(path: Path) -> str:
    backup = backup_path(path)
    try:
        stamp = datetime.fromtimestamp(backup.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        read_session_file(backup)
    except (OSError, StoreError):
        return ""
    return f" A backup from {stamp} is at {backup}."


# --- commands ----------------------------------------------------------------------------


def cmd_home(args: argparse.Namespace) -> int:
    _needs_terminal("The home screen", f"run '{PROG}' in a terminal window, or see '{PROG} --help' for commands "
                    "that work from a script")
    return launch_app(args, None)


def cmd_new(args: argparse.Namespace) -> int:
    title = model.clean_line(args.title)
    if not title:
        raise UserError("The title is empty; give the workshop a name, for example \"Riverside team day\".", USAGE)
    try:
        when = model.parse_date(args.date)
    except ValueError as exc:
        raise UserError(str(exc), USAGE) from None
    extra = _template_fields(args, args.template) if args.template else {}  # before anything is created
    folder = sessions_dir(args)
    fields: dict[str, Any] = {"title": title, "date": when, "facilitators": args.facilitator or [],
                              "current_activity": content.ACTIVITY_KEYS[0]}  # a new day starts at the opening
    for name in ("team", "organisation", "venue"):
        if getattr(args, name) is not None:
            fields[name] = getattr(args, name)
    session = Session.create(unique_session_path(folder, title), **{**fields, **extra})
    session.close()
    print(session.path)
    return OK if args.no_open or not has_terminal() else launch_app(args, session.path)


def _template_fields(args: argparse.Namespace, given: str) -> dict[str, Any]:
    """The workshop fields from a template: FILE as given, else a name in the sessions
    folder's templates/ (with or without .toml). A bad template stops here, naming the line."""
    from workshop.template import TemplateError, load_template  # noqa: PLC0415

    path = Path(given).expanduser()
    if not path.exists() and not path.is_absolute() and len(path.parts) == 1:
        folder = sessions_dir(args, create=False) / "templates"
        path = next((c for c in (folder / given, folder / f"{given}.toml") if c.is_file()), path)
    try:
        return load_template(path).workshop_fields()
    except TemplateError as exc:
        raise UserError(f"The template cannot be used: {exc}. No workshop was created.", BAD_FILE) from None


def cmd_followup(args: argparse.Namespace) -> int:
    from workshop.followup import FollowupError, create_followup  # noqa: PLC0415

    try:
        when = model.parse_date(args.date)
    except ValueError as exc:
        raise UserError(str(exc), USAGE) from None
    path = find_session(args, args.path)
    _validated(path)
    try:
        created = create_followup(path, sessions_dir(args), on=when)
    except FollowupError as exc:
        raise UserError(str(exc), USAGE) from None
    print(created)
    return OK if args.no_open or not has_terminal() else launch_app(args, created)


def cmd_merge(args: argparse.Namespace) -> int:
    from workshop.merge import MergeError, merge_files  # noqa: PLC0415

    first, second = find_session(args, args.a), find_session(args, args.b)
    data = _validated(first)
    _validated(second)
    if not args.out and cli_sync.is_copy_of(first, second):  # a sync engine's conflict copy: into the workshop
        return _merge_copy(args, first, second)
    if args.out:
        out = Path(args.out).expanduser()
    else:
        title = live_records(data, "workshop")[0].get("title") or "workshop"
        out = unique_session_path(sessions_dir(args), f"{title} merged")
    try:
        result = merge_files(first, second, out, force=args.force)
    except MergeError as exc:
        raise UserError(str(exc), USAGE) from None
    print(out)
    hint = ""
    if result.conflicts:
        hint = f" See them with: {PROG} open {out}, then “Merge log” in the command palette (ctrl+p)."
    print(result.summary() + hint)
    return OK if args.no_open or not has_terminal() else launch_app(args, out)


def _merge_copy(args: argparse.Namespace, workshop: Path, copy: Path) -> int:
    from workshop.merge import MergeError  # noqa: PLC0415
    from workshop.merge.into import HeldElsewhere  # noqa: PLC0415

    try:
        written, said = cli_sync.merge_copy(workshop, copy)
    except HeldElsewhere as exc:
        raise UserError(str(exc), LOCKED) from None
    except MergeError as exc:
        raise UserError(str(exc), USAGE) from None
    print(written)
    for line in said:
        print(line)
    return OK if args.no_open or not has_terminal() else launch_app(args, written)


def cmd_open(args: argparse.Namespace) -> int:
    path = find_session(args, args.path)
    try:
        check_room_arguments(args)
    except ValueError as exc:
        raise UserError(str(exc), USAGE) from None
    _validated(path)
    _needs_terminal("Opening a workshop", f"run it in a terminal window, or use '{PROG} check' or "
                    f"'{PROG} export' from a script")
    holder = read_lock(path)
    if holder:
        if not lock_is_stale(holder) and cli_sync.open_advice(path, holder):
            print(f"{PROG}: {cli_sync.open_advice(path, holder)}", file=sys.stderr)
        elif not lock_is_stale(holder):
            print(f"{PROG}: {path.name} is open in another Team Day window ({describe_holder(holder)}); "
                  "opening it read-only.", file=sys.stderr)
    return launch_app(args, path)


def cmd_list(args: argparse.Namespace) -> int:
    folder = sessions_dir(args)
    summaries = list_sessions(folder)
    if not summaries:
        print(f"No workshops in {folder} yet. Start one with: {PROG} new \"Team day title\"")
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
        print("  ".join([*cells, row[-1]]).rstrip())
    print(f"\nProgress: items per activity ({', '.join(f'{l} = {n}' for l, n in PROGRESS_NAMES)}).")
    for line in cli_sync.copies_hint(copies):
        print(line)
    for problem in problems:
        print(problem)
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
    print(f"ok: {', '.join(parts)} (format {workshop['schema_version']})")
    return OK


def cmd_demo(args: argparse.Namespace) -> int:
    from workshop.demo import create_demo  # noqa: PLC0415

    if not args.no_open:
        _needs_terminal("The demo", "run it in a terminal window")
    folder = sessions_dir(args)
    try:
        path = create_demo(folder)
    except SessionFileError as exc:
        raise UserError(f"{exc}{backup_hint(exc.path)}", BAD_FILE) from None
    print(path)
    return OK if args.no_open else launch_app(args, path)


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
    print(written)
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
        print(written_path)
    return OK


def _tell_privacy(report) -> None:
    """Before the record is written: how many names and roles were replaced (if any), on
    stderr so that stdout stays the path of the record."""
    if report.names_replaced or report.roles_hidden:
        for line in report.sentences():
            print(line, file=sys.stderr)


def has_terminal() -> bool:
    """Whether the app can be shown: it reads the keyboard on standard input and draws on
    standard error, and output sent to a pipe or file would fill it with escape codes (and,
    with nobody reading the pipe, block for good)."""
    try:
        return all(os.isatty(fd) for fd in (0, 1, 2))
    except (OSError, ValueError):
        return False


def _needs_terminal(what: str, instead: str) -> None:
    if not has_terminal():
        raise UserError(f"{what} needs a terminal, and this is a script or a pipe; {instead}.", USAGE)


# Commands that may show the app: a closed window is caught from their first instant.
_SHOWS_APP = {"new", "open", "demo", "followup", "merge", None}


def cmd_wording(args: argparse.Namespace) -> int:
    """The wording check on a draft job description outside a workshop. Exit 0 when nothing
    is flagged, 1 when something is, 2 when the draft or the template cannot be read."""
    from workshop.jd import wording_cli  # noqa: PLC0415

    try:
        result = wording_cli.report(args.file, args.template, uk=not args.outside_uk)
    except wording_cli.WordingError as exc:
        raise UserError(str(exc), wording_cli.UNREADABLE) from None
    print(wording_cli.as_json(result) if args.format == "json" else wording_cli.as_text(result))
    return wording_cli.exit_code(result)


def launch_app(args: argparse.Namespace, open_path: Path | None) -> int:
    """The app: the home screen, or `open_path` on top of it."""
    folder = sessions_dir(args)
    try:
        from workshop.tui.app import TeamDayApp  # noqa: PLC0415 - Textual only when needed
    except ImportError as exc:
        raise UserError(f"The Team Day screens cannot be loaded ({exc}); please report this.", BAD_FILE) from None
    hangup = getattr(args, "hangup", None)
    if hangup is not None and hangup.received:
        return OK  # the window closed while we were starting: what was made is saved, nothing to show
    try:
        TeamDayApp(sessions_dir=folder, open_path=open_path, exports_dir=exports_dir(args), hangup=hangup,
                   room=room_request(args)).run()
    except OSError:
        if hangup is None or not hangup.received:
            raise
        # The last words to a closed window cannot be written; the work was saved before that.
    return OK


# --- parsing ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--sessions-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="where workshops are saved (default: $WORKSHOP_SESSIONS or ./sessions)")
    common.add_argument("--exports-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help="where records are exported (default: $WORKSHOP_EXPORTS or ./exports)")
    parser = _Parser(prog=PROG, parents=[common],
                     description="Team Day: the team-preparation day before the first peer support workers join.",
                     epilog="Exit codes: 0 ok, 1 file bad or check failed, 2 usage, 3 locked, 4 could not save.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    new = sub.add_parser("new", parents=[common], help="create a workshop and open it")
    new.add_argument("title", metavar="TITLE")
    new.add_argument("--team")
    new.add_argument("--organisation")
    new.add_argument("--date", metavar="YYYY-MM-DD")
    new.add_argument("--venue")
    new.add_argument("--facilitator", metavar="NAME", action="append", help="may be given more than once")
    new.add_argument("--template", metavar="FILE",
                     help="an organisation template (.toml; a name alone is looked for in SESSIONS/templates)")
    new.add_argument("--no-open", action="store_true", help="create the file and print its path only")
    new.set_defaults(run=cmd_new)

    followup = sub.add_parser("followup", parents=[common],
                              help="start a follow-up review of a workshop, carrying forward what it left open")
    followup.add_argument("path", metavar="PATH", help="the earlier workshop (a file, or a name in the sessions folder)")
    followup.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the follow-up (default: today)")
    followup.add_argument("--no-open", action="store_true", help="create the file and print its path only")
    followup.set_defaults(run=cmd_followup)

    merger = sub.add_parser("merge", parents=[common],
                            help="merge two copies of one workshop edited apart into a new file")
    merger.add_argument("a", metavar="A", help="one copy (a file, or a name in the sessions folder)")
    merger.add_argument("b", metavar="B", help="the other copy")
    merger.add_argument("--out", metavar="C",
                        help="the new file to write (default: \"<title> merged\" in the sessions folder)")
    merger.add_argument("--force", action="store_true", help="replace C if it exists")
    merger.add_argument("--no-open", action="store_true", help="write the file and print the summary only")
    merger.set_defaults(run=cmd_merge)

    opener = sub.add_parser("open", parents=[common], help="open a saved workshop")
    opener.add_argument("path", metavar="PATH")
    add_room_arguments(opener)
    opener.set_defaults(run=cmd_open)

    lister = sub.add_parser("list", parents=[common], help="list saved workshops")
    lister.set_defaults(run=cmd_list)

    demo = sub.add_parser("demo", parents=[common], help="create (or reopen) the demo workshop and open it")
    demo.add_argument("--no-open", action="store_true", help=argparse.SUPPRESS)
    demo.set_defaults(run=cmd_demo)

    check = sub.add_parser("check", parents=[common], help="check a workshop file without changing it")
    check.add_argument("path", metavar="PATH")
    check.set_defaults(run=cmd_check)

    wording = sub.add_parser("wording", parents=[common],
                             help="check the wording of a draft job description (.docx, .md or .txt)")
    wording.add_argument("file", metavar="FILE")
    wording.add_argument("--template", metavar="T", help="an organisation template whose wording is checked too")
    wording.add_argument("--format", choices=("text", "json"), default="text")
    wording.add_argument("--outside-uk", action="store_true",
                         help="leave out what only UK law asks for (the occupational requirement)")
    wording.set_defaults(run=cmd_wording)

    export = sub.add_parser("export", parents=[common],
                            help="write the record as Word (.docx), Markdown, or spreadsheets (one .csv per activity)")
    export.add_argument("path", metavar="PATH")
    export.add_argument("--format", choices=("docx", "md", "csv"), default="docx")
    export.add_argument("--out", metavar="FILE", help="where to write (default: the exports folder); "
                        "for csv, the folder the spreadsheets go in")
    export.add_argument("--include-names", action="store_true", help="name people who agreed to be named")
    export.add_argument("--include-lived", action="store_true",
                        help="include personal-experience entries marked shareable")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument("--status", choices=("draft", "final"), default="draft",
                        help="marked on the cover (default: draft)")
    export.set_defaults(run=cmd_export)

    from workshop.programme.command import add_parser as add_programme  # noqa: PLC0415 - its own module
    add_programme(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    hangup = None
    platform.console_never_fails()  # a Windows pipe cannot hold every title
    try:
        args = build_parser().parse_args(argv)
        for name in ("sessions_dir", "exports_dir"):
            if not hasattr(args, name):
                setattr(args, name, None)
        if args.command in _SHOWS_APP and not getattr(args, "no_open", False) and has_terminal():
            from workshop.tui.hangup import HangUp  # noqa: PLC0415 - plain Python, no Textual

            hangup = args.hangup = HangUp().install()
        return args.run(args) if hasattr(args, "run") else cmd_home(args)
    except UserError as exc:
        return _fail(str(exc), exc.code)
    except BrokenPipeError:  # `workshop list | head`: the reader left, nothing to report
        _silence_stdout()
        return OK
    except LockedError as exc:
        return _fail(str(exc), LOCKED)
    except (SaveError, ReadOnlyError) as exc:
        return _fail(str(exc), WRITE_FAILED)
    except StoreError as exc:
        return _fail(str(exc), BAD_FILE)
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        return _fail(f"{exc.strerror or exc}{where}.", WRITE_FAILED)
    except KeyboardInterrupt:
        return _fail("interrupted.", 130)
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        return _fail(f"unexpected error ({type(exc).__name__}: {exc}); please report this.", BAD_FILE)
    finally:
        if hangup is not None:
            hangup.uninstall()


def _fail(message: str, code: int) -> int:
    try:
        print(f"{PROG}: {' '.join(message.split())}", file=sys.stderr)
    except (OSError, ValueError):
        pass
    return code


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
