"""`workshop export --out F [--force]`: what may never be replaced, said in one sentence."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tests.e2e.test_cli import run
from tests.helpers.sessions import build_workshop, fingerprint
from workshop.store import Session, backup_path, read_session_file


def _workshop(home: Path) -> Path:
    (home / "sessions").mkdir()
    path = build_workshop(home / "sessions" / "riverside.json", items=2)
    with Session.open(path):
        pass  # leaves a backup
    return path


def test_the_workshop_and_its_backup_are_refused_with_or_without_force(tmp_path: Path):
    path = _workshop(tmp_path)
    other = build_workshop(tmp_path / "sessions" / "other.json", items=1)
    before = [fingerprint(p) for p in (path, backup_path(path), other)]
    for out in ("sessions/riverside.json", "sessions/../sessions/riverside.json.bak", "sessions/other.json",
                "sessions/riverside.json.lock", "sessions/tomorrow.json"):
        for force in ([], ["--force"]):
            result = run("export", "sessions/riverside.json", "--format", "md", "--out", out, *force, cwd=tmp_path)
            assert result.returncode == 2, (out, result.stderr)
            assert "choose another name" in result.stderr and not result.stdout
    assert [fingerprint(p) for p in (path, backup_path(path), other)] == before
    assert read_session_file(path) and not (tmp_path / "sessions" / "tomorrow.json").exists()


def test_special_files_are_refused_even_with_force(tmp_path: Path):
    path = _workshop(tmp_path)
    fifo = tmp_path / "pipe.docx"
    os.mkfifo(fifo)
    null = tmp_path / "null.docx"
    null.symlink_to(os.devnull)
    for out, words in ((fifo, "is a named pipe"), (null, "leads to a device"), (tmp_path, "is a folder")):
        result = run("export", str(path), "--out", str(out), "--force", cwd=tmp_path)
        assert result.returncode == 2 and words in result.stderr, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and null.is_symlink()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_an_existing_record_names_the_option_that_replaces_it(tmp_path: Path):
    path = _workshop(tmp_path)
    out = tmp_path / "record.md"
    out.write_text("last week's record")
    result = run("export", str(path), "--format", "md", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 4 and "already exists; use --force to replace it" in result.stderr
    assert out.read_text() == "last week's record"
    assert run("export", str(path), "--format", "md", "--out", str(out), "--force", cwd=tmp_path).returncode == 0
    assert "Riverside" in out.read_text()


def test_a_second_export_on_the_same_day_is_kept_beside_the_first(tmp_path: Path):
    path = _workshop(tmp_path)
    written = []
    for _ in range(3):
        result = run("export", str(path), "--format", "md", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        written.append(Path(result.stdout.strip()))
    first = written[0]
    assert [p.name for p in written] == [first.name, f"{first.stem}-2.md", f"{first.stem}-3.md"]
    assert all(p.parent == Path("exports") and (tmp_path / p).is_file() for p in written)
