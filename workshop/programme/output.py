"""Rendering and writing the programme: .docx, .md or .csv bytes, written through the
export's guard and its one atomic writer."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from workshop.export.atomic import write_atomic
from workshop.export.guard import check_target
from workshop.export.options import ExportError, ExportOptions

from .facts import Facts, work_out
from .reading import Gathered, Skipped, Workshop, gather

FORMATS = ("docx", "md", "csv")


def default_name(today) -> str:
    return f"programme-{today.isoformat()}"


def render(gathered: Gathered, format: str = "docx", options: ExportOptions | None = None,
           now: datetime | None = None) -> bytes:
    if format not in FORMATS:
        raise ExportError(f"Unknown programme format '{format}': use docx, md or csv.")
    options = options or ExportOptions()
    facts = work_out(gathered)
    if format == "csv":
        from .sheet import write_csv
        return write_csv(facts)
    from .record import build
    record, _report = build(facts, options, now)
    if format == "md":
        from workshop.export.markdown import write_markdown
        return write_markdown(record).encode("utf-8")
    from workshop.export.docx import write_docx
    return write_docx(record)


def write_programme(gathered: Gathered, out: Path, format: str = "docx", options: ExportOptions | None = None,
                    *, overwrite: bool = False, sessions_dir: Path | None = None) -> Path:
    """Write the programme to `out` atomically; never over a workshop (export/guard.py).
    Raises ExportError in one sentence; never leaves a partial file."""
    out = Path(out).expanduser()
    # Never over a workshop: neither in the sessions folder nor in any folder read.
    for folder in dict.fromkeys([*([sessions_dir] if sessions_dir else []), *gathered.folders]):
        check_target(out, overwrite, sessions_dir=folder)
    try:
        data = render(gathered, format, options)
    except ExportError:
        raise
    except MemoryError as exc:
        raise ExportError("The computer ran out of memory while building the programme.") from exc
    except Exception as exc:  # noqa: BLE001 - a bug must still reach the coordinator as a sentence
        raise ExportError(f"The programme could not be built ({type(exc).__name__}: {exc}). "
                          "Nothing was saved; please report this.") from exc
    write_atomic(out, data, overwrite)
    return out
