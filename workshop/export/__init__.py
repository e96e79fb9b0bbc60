"""Export a workshop snapshot as the Word record (or Markdown for email).

    from workshop.export import ExportOptions, export_record, default_export_path, ExportError
    from workshop.export import PrivacyReport, privacy_report

Works on a snapshot (plain dicts from the store), never on the store itself, so it can
run in a worker thread. Must not import Textual or TinyDB.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Callable

from .atomic import write_atomic
from .guard import TargetExists, TargetRefused, check_target, first_free_name
from .names import PrivacyReport
from .options import ExportError, ExportOptions
from .textclean import slugify

__all__ = ["ExportError", "ExportOptions", "PrivacyReport", "TargetExists", "TargetRefused", "check_target",
           "default_export_path", "export_record", "export_spreadsheets", "first_free_name", "privacy_report",
           "render_record"]

Progress = Callable[[float, str], None]
OnReport = Callable[[PrivacyReport], None]


def default_export_path(snapshot: dict, exports_dir: Path, format: str = "docx",
                        today: date | None = None) -> Path:
    """exports/<slug of the title>-<YYYY-MM-DD>.<format>: the workshop's own date, so
    every record of one day carries that day's name; today's date when it has none."""
    ws = snapshot.get("workshop") if isinstance(snapshot, dict) else None
    title = ws.get("title", "") if isinstance(ws, dict) else ""
    try:
        day = date.fromisoformat(str(ws.get("date"))[:10]).isoformat() if isinstance(ws, dict) else ""
    except ValueError:
        day = ""
    day = day or (today or date.today()).isoformat()
    ext = format if format in ("md", "csv") else "docx"
    return Path(exports_dir) / f"{slugify(title or '')}-{day}.{ext}"


def privacy_report(snapshot: dict, options: ExportOptions) -> PrivacyReport:
    """How many names and roles the record would replace, without writing anything, so the
    facilitator can change the text first. Raises ExportError as `export_record` does."""
    from .record import build_record_and_report
    from .spreadsheet import build_sheets

    try:
        if options.format == "csv":
            return build_sheets(snapshot, options)[1]
        return build_record_and_report(snapshot, options)[1]
    except ExportError:
        raise
    except Exception as exc:  # a bug must still reach the facilitator as a sentence
        raise ExportError(f"The record could not be checked ({type(exc).__name__}: {exc}).") from exc


def render_record(snapshot: dict, options: ExportOptions, progress: Progress | None = None,
                  on_report: OnReport | None = None) -> bytes:
    """The finished file's bytes, without touching the disk. `on_report` hears how many
    names and roles were replaced, before the file is laid out."""
    from .record import build_record_and_report  # imported late: python-docx costs ~0.1 s to load

    report = _safe(progress)
    report(0.02, "Gathering the record")
    record, privacy = build_record_and_report(snapshot, options)
    if on_report is not None:
        on_report(privacy)
    report(0.1, "Laying out the record")
    if options.format == "md":
        from .markdown import write_markdown
        return write_markdown(record).encode("utf-8")
    from .docx import write_docx
    return write_docx(record, report)


def export_record(snapshot: dict, out: Path, options: ExportOptions, *, overwrite: bool = False,
                  progress: Progress | None = None, workshop_file: Path | None = None,
                  sessions_dir: Path | None = None, on_report: OnReport | None = None) -> Path:
    """Write the record to `out` atomically (mode 0600) and return the path. `on_report`
    hears how many names and roles were replaced (see `render_record`).

    `workshop_file` (the workshop being exported) and `sessions_dir` name what must never be
    written over; see guard.check_target. Raises ExportError with a message for a facilitator
    (TargetExists when only `overwrite` is missing); never leaves a partial file.
    """
    out = Path(out).expanduser()
    report = _safe(progress)
    if options.format == "csv":
        raise ExportError("Spreadsheets are several files: write them with export_spreadsheets.")
    check_target(out, overwrite, workshop_file=workshop_file, sessions_dir=sessions_dir)
    try:
        # Only asked for when wanted: callers that wrap render_record take three arguments.
        data = (render_record(snapshot, options, report) if on_report is None
                else render_record(snapshot, options, report, on_report=on_report))
    except ExportError:
        raise
    except MemoryError as exc:
        raise ExportError("The computer ran out of memory while building the record.") from exc
    except Exception as exc:  # a bug must still reach the facilitator as a sentence
        raise ExportError(f"The record could not be built ({type(exc).__name__}: {exc}). "
                          "Nothing was saved; please report this.") from exc
    report(0.95, "Saving")
    write_atomic(out, data, overwrite)
    report(1.0, "Done")
    return out


def export_spreadsheets(snapshot: dict, folder: Path, options: ExportOptions, *, overwrite: bool = False,
                        free_names: bool = False, workshop_file: Path | None = None,
                        sessions_dir: Path | None = None, on_report: OnReport | None = None) -> list[Path]:
    """One CSV per activity table in `folder`, named after the workshop and its day
    (`<title>-<YYYY-MM-DD>-concerns.csv` …), with the record's privacy rules; see
    spreadsheet.export_csv. `free_names` numbers the whole set ("-2") rather than refusing
    when a name is taken."""
    from .spreadsheet import export_csv

    stem = default_export_path(snapshot, Path(folder), format="csv").stem
    return export_csv(snapshot, folder, stem, options, overwrite=overwrite, free_names=free_names,
                      workshop_file=workshop_file, sessions_dir=sessions_dir, on_report=on_report)


def _safe(progress: Progress | None) -> Progress:
    """A progress callback that cannot break the export (the UI may be closing)."""
    def report(fraction: float, label: str) -> None:
        if progress is None:
            return
        try:
            progress(min(1.0, max(0.0, fraction)), label)
        except Exception:
            pass
    return report
