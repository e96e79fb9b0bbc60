"""The public API: atomic writes, errors a facilitator can read, progress, default paths,
and the import boundary (no Textual, no TinyDB)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import docx
import pytest

import workshop.export.atomic as atomic
import workshop.export.docx as docx_writer
from workshop.export import ExportError, ExportOptions, default_export_path, export_record

SNAP = {"workshop": {"title": "Riverside team day"},
        "concerns": [{"id": "c", "text": "A concern", "status": "open"}]}


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_writes_a_private_file_and_returns_its_path(tmp_path, fmt):
    out = tmp_path / f"r.{fmt}"
    assert export_record(SNAP, out, ExportOptions(fmt)) == out
    if fmt == "docx":
        assert docx.Document(str(out)).paragraphs[0].text == "Riverside team day"
    else:
        assert "# Riverside team day" in out.read_text("utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert _listing(tmp_path) == [out.name]


def test_an_existing_file_is_kept_unless_overwrite(tmp_path):
    out = tmp_path / "r.docx"
    out.write_bytes(b"precious")
    with pytest.raises(ExportError, match="already exists"):
        export_record(SNAP, out, ExportOptions())
    assert out.read_bytes() == b"precious"
    export_record(SNAP, out, ExportOptions(), overwrite=True)
    assert out.read_bytes().startswith(b"PK")
    assert _listing(tmp_path) == ["r.docx"]


def test_a_file_appearing_during_the_export_is_not_clobbered(tmp_path, monkeypatch):
    out = tmp_path / "r.md"
    real = atomic.write_atomic

    def racing(path, data, overwrite):
        path.write_text("someone else's")
        return real(path, data, overwrite)

    monkeypatch.setattr("workshop.export.write_atomic", racing)
    with pytest.raises(ExportError, match="already exists"):
        export_record(SNAP, out, ExportOptions("md"))
    assert out.read_text() == "someone else's" and _listing(tmp_path) == ["r.md"]


def test_a_failure_while_building_leaves_nothing(tmp_path, monkeypatch):
    def boom(self, table, width):
        raise RuntimeError("mid-build failure")

    monkeypatch.setattr(docx_writer._BodyWriter, "table", boom)
    with pytest.raises(ExportError, match="could not be built") as info:
        export_record(SNAP, tmp_path / "r.docx", ExportOptions())
    assert "Traceback" not in str(info.value)
    assert _listing(tmp_path) == []


@pytest.mark.parametrize("target", ["fsync", "replace_or_link"])
def test_a_failure_while_saving_leaves_no_temp_file(tmp_path, monkeypatch, target):
    out = tmp_path / "r.docx"
    out.write_bytes(b"old")
    full = OSError(errno.ENOSPC, "No space left on device")

    def fail(*args, **kwargs):
        raise full

    if target == "fsync":
        monkeypatch.setattr(atomic.os, "fsync", fail)
    else:
        monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(ExportError, match="disk is full"):
        export_record(SNAP, out, ExportOptions(), overwrite=True)
    assert out.read_bytes() == b"old" and _listing(tmp_path) == ["r.docx"]


def test_a_failure_while_writing_new_file_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic.os, "link", lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
    monkeypatch.setattr(atomic.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
    with pytest.raises(ExportError, match="could not be saved"):
        export_record(SNAP, tmp_path / "new.md", ExportOptions("md"))
    assert _listing(tmp_path) == []


def test_unwritable_folder_gets_a_plain_message(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.atomic.tempfile, "mkstemp", denied)
    with pytest.raises(ExportError, match="does not allow saving"):
        export_record(SNAP, tmp_path / "r.docx", ExportOptions())


def test_missing_folder_and_bad_targets(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        export_record(SNAP, tmp_path / "nope" / "r.docx", ExportOptions())
    with pytest.raises(ExportError, match="is a folder"):
        export_record(SNAP, tmp_path, ExportOptions())
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError):
        export_record(SNAP, tmp_path / "file" / "r.docx", ExportOptions())


def test_not_a_snapshot_is_an_export_error(tmp_path):
    with pytest.raises(ExportError, match="no workshop"):
        export_record(None, tmp_path / "r.docx", ExportOptions())  # type: ignore[arg-type]


def test_progress_rises_to_done_and_cannot_break_the_export(tmp_path):
    seen: list[tuple[float, str]] = []
    export_record(SNAP, tmp_path / "a.docx", ExportOptions(), progress=lambda f, label: seen.append((f, label)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(seen) >= 5
    assert all(isinstance(label, str) and label for _, label in seen)

    def broken(fraction, label):
        raise RuntimeError("the UI went away")

    assert export_record(SNAP, tmp_path / "b.docx", ExportOptions(), progress=broken).exists()


def test_default_export_path(tmp_path):
    day = date(2026, 12, 3)
    assert default_export_path(SNAP, tmp_path, today=day) == tmp_path / "riverside-team-day-2026-12-03.docx"
    assert default_export_path(SNAP, tmp_path, "md", today=day).name == "riverside-team-day-2026-12-03.md"
    odd = {"workshop": {"title": "../../etc/passwd \x00 Équipe: «Nord»"}}
    path = default_export_path(odd, tmp_path, today=day)
    assert path.parent == tmp_path and path.name == "etc-passwd-equipe-nord-2026-12-03.docx"
    assert default_export_path({}, tmp_path, today=day).name == "team-day-2026-12-03.docx"
    assert default_export_path(SNAP, tmp_path).name.endswith(f"{date.today().isoformat()}.docx")


def test_export_imports_neither_textual_nor_tinydb():
    code = ("import sys, workshop.export, workshop.export.docx, workshop.export.markdown, "
            "workshop.export.record, workshop.export.mdparse\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'tinydb'))\n"
            "print(bad)\nassert not bad")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
