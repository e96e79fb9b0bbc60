"""The `workshop` command: new, open, list, demo, check, export, programme, wording, or the home screen.

User errors print one line to stderr and exit non-zero; never a traceback.
Exit codes: 0 ok, 1 the file is bad or the check failed, 2 usage, 3 locked by another app,
4 could not save or write.

Here: parsing, dispatch and the commands that may show the app. `common` holds the exit codes
and folders, `report` the commands that print or write (list, check, export, wording), `sync`
conflict copies from synced folders.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, NoReturn, Sequence

from workshop import collector, content, model, platform
from workshop.cli import sync as cli_sync
from workshop.cli.common import (  # noqa: F401 - the exit codes and folders, as `workshop.cli`
    BAD_FILE, LOCKED, OK, PROG, USAGE, WRITE_FAILED, UserError, _checked_file, _validated, backup_hint,
    exports_dir, find_session, say, sessions_dir,
)
# Imported here so the parser (and tests) find every command as `workshop.cli.cmd_*`.
from workshop.cli.report import cmd_check, cmd_export, cmd_list, cmd_wording
from workshop.room.options import add_room_arguments, check_room_arguments, room_request
from workshop.store import (
    LockedError,
    ReadOnlyError,
    SaveError,
    SessionFileError,
    StoreError,
    Session,
    describe_holder,
    live_records,
    lock_is_stale,
    read_lock,
    unique_session_path,
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (and exit code 2), not usage plus error."""

    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (see '{self.prog} --help')", USAGE)


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
    say(session.path)
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
    say(created)
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
    say(out)
    hint = ""
    if result.conflicts:
        hint = f" See them with: {PROG} open {out}, then “Merge log” in the command palette (ctrl+p)."
    say(result.summary() + hint)
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
    say(written)
    for line in said:
        say(line)
    return OK if args.no_open or not has_terminal() else launch_app(args, written)


def cmd_open(args: argparse.Namespace) -> int:
    path = find_session(args, args.path)
    try:
        check_room_arguments(args)
    except ValueError as exc:
        raise UserError(str(exc), USAGE) from None
    checked = _checked_file(path)
    _needs_terminal("Opening a workshop", f"run it in a terminal window, or use '{PROG} check' or "
                    f"'{PROG} export' from a script")
    holder = read_lock(path)
    if holder:
        if not lock_is_stale(holder) and cli_sync.open_advice(path, holder):
            say(f"{PROG}: {cli_sync.open_advice(path, holder)}", file=sys.stderr)
        elif not lock_is_stale(holder):
            say(f"{PROG}: {path.name} is open in another Team Day window ({describe_holder(holder)}); "
                "opening it read-only.", file=sys.stderr)
    return launch_app(args, path, checked=checked)


def cmd_demo(args: argparse.Namespace) -> int:
    from workshop.demo import create_demo  # noqa: PLC0415

    if not args.no_open:
        _needs_terminal("The demo", "run it in a terminal window")
    folder = sessions_dir(args)
    try:
        path = create_demo(folder)
    except SessionFileError as exc:
        raise UserError(f"{exc}{backup_hint(exc.path)}", BAD_FILE) from None
    say(path)
    return OK if args.no_open else launch_app(args, path)


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


def launch_app(args: argparse.Namespace, open_path: Path | None,
               checked: tuple[bytes, dict] | None = None) -> int:
    """The app: the home screen, or `open_path` on top of it (`checked`: that file's bytes
    and data as just checked, so the app need not check them again)."""
    folder = sessions_dir(args)
    collector.hold_collecting()  # until the first frame: Textual's modules load faster without passes
    try:
        try:
            from workshop.tui.app import TeamDayApp  # noqa: PLC0415 - Textual only when needed
        except ImportError as exc:
            raise UserError(f"The Team Day screens cannot be loaded ({exc}); please report this.",
                            BAD_FILE) from None
        hangup = getattr(args, "hangup", None)
        if hangup is not None and hangup.received:
            return OK  # the window closed while we were starting: what was made is saved, nothing to show
        try:
            TeamDayApp(sessions_dir=folder, open_path=open_path, exports_dir=exports_dir(args), hangup=hangup,
                       room=room_request(args), checked=checked).run()
        except OSError:
            if hangup is None or not hangup.received:
                raise
            # The last words to a closed window cannot be written; the work was saved before that.
        return OK
    finally:
        collector.resume_collecting()


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
        say(f"{PROG}: {' '.join(message.split())}", file=sys.stderr)
    except (OSError, ValueError):
        pass
    return code


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
