"""`workshop export PATH --format csv [--out DIR]`, as a coordinator runs it."""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

from tests.e2e.test_cli import run
from workshop.store import Session


def seeded(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "riverside.json"
    with Session.create(path, title="Riverside CMHT team day", date="2026-12-03") as session:
        session.insert("participants", name="Morag Ellison", role="Nurse", name_in_record=False)
        session.insert("concerns", text="=cmd|' /C calc'!A0", response="Morag Ellison will ask HR")
        session.insert("expertise", source="lived", text="PRIVATE LIVED ENTRY", in_record=True)
    return path


def test_export_csv_into_a_folder(tmp_path: Path):
    path = seeded(tmp_path / "sessions")
    result = run("export", str(path), "--format", "csv", "--out", "sheets", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = [Path(tmp_path, line) for line in result.stdout.splitlines()]
    assert len(written) == 8 and all(p.parent == tmp_path / "sheets" for p in written)
    assert "1 name of a person who took part was replaced" in result.stderr
    concerns = next(p for p in written if p.name == "riverside-cmht-team-day-2026-12-03-concerns.csv")
    assert concerns.read_bytes().startswith(codecs.BOM_UTF8)
    with open(concerns, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][0] == "'=cmd|' /C calc'!A0"
    assert "Morag" not in rows[1][4] and "will ask HR" in rows[1][4]
    text = "".join(p.read_text("utf-8-sig") for p in written)
    assert "PRIVATE LIVED ENTRY" not in text and "Ellison" not in text
    again = run("export", str(path), "--format", "csv", "--out", "sheets", cwd=tmp_path)
    assert again.returncode == 4 and "--force" in again.stderr
    assert run("export", str(path), "--format", "csv", "--out", "sheets", "--force", cwd=tmp_path).returncode == 0


def test_export_csv_to_the_exports_folder_numbers_a_second_set(tmp_path: Path):
    path = seeded(tmp_path / "sessions")
    first = run("export", str(path), "--format", "csv", cwd=tmp_path).stdout.splitlines()
    second = run("export", str(path), "--format", "csv", cwd=tmp_path).stdout.splitlines()
    assert all(line.startswith("exports/") for line in first + second)
    assert all(line.endswith("-2.csv") for line in second) and len(set(first + second)) == 16


def test_export_csv_out_naming_a_file_is_refused(tmp_path: Path):
    path = seeded(tmp_path / "sessions")
    (tmp_path / "notes.txt").write_text("mine")
    result = run("export", str(path), "--format", "csv", "--out", "notes.txt", cwd=tmp_path)
    assert result.returncode == 2 and "names the folder" in result.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"
