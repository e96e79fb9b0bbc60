"""`workshop programme [FOLDER ...] [--out FILE] [--format docx|md|csv]`: the programme
across workshops, from the command line. workshop.cli registers it and handles errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("programme", parents=[common],
                       help="write one record across every workshop and follow-up in some folders")
    p.add_argument("folders", metavar="FOLDER", nargs="*",
                   help="folders of workshop files (default: the sessions folder)")
    p.add_argument("--format", choices=("docx", "md", "csv"), default="docx")
    p.add_argument("--out", metavar="FILE", help="where to write (default: the exports folder)")
    p.add_argument("--include-names", action="store_true", help="name people who agreed to be named")
    p.add_argument("--include-lived", action="store_true",
                   help="count personal-experience entries marked shareable")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)  # for tests: late is relative to it
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from datetime import date

    from workshop.cli import common as cli
    from workshop.export import ExportError, ExportOptions, TargetExists, TargetRefused, first_free_name
    from workshop.programme import default_name, gather, write_programme

    sessions = cli.sessions_dir(args, create=False)
    folders = [Path(f).expanduser() for f in args.folders] or [sessions]
    try:
        today = date.fromisoformat(args.today) if args.today else date.today()
    except ValueError:
        raise cli.UserError(f"'{args.today}' is not a date; use YYYY-MM-DD.", cli.USAGE) from None
    options = ExportOptions(include_names=args.include_names, include_lived=args.include_lived)
    gathered = gather(folders, options, today)
    for skipped in gathered.skipped:
        cli.say(f"skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    if args.out:
        out = Path(args.out).expanduser()
    else:
        folder = cli.exports_dir(args)
        cli._ensure_folder(folder, "exports")
        out = first_free_name(folder / f"{default_name(today)}.{args.format}")
    try:
        written = write_programme(gathered, out, args.format, options, overwrite=args.force, sessions_dir=sessions)
    except TargetExists as exc:
        raise cli.UserError(f"{exc.path} already exists; use --force to replace it, or choose another name "
                            "with --out.", cli.WRITE_FAILED) from None
    except TargetRefused as exc:
        raise cli.UserError(str(exc), cli.USAGE) from None
    except ExportError as exc:
        raise cli.UserError(str(exc), cli.WRITE_FAILED) from None
    cli.say(written)
    return cli.OK
