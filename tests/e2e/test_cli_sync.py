"""`workshop list` shows a sync engine's conflict copies under their workshop, and
`workshop merge WORKSHOP COPY` merges one in, leaving the copy as it was."""

from __future__ import annotations

import socket
from pathlib import Path

import orjson
import pytest

from tests.e2e.test_cli import run
from tests.helpers.copies import use_clock
from tests.unit.test_sync_conflicts import make_folder
from workshop import cli
from workshop.store import Session, lock_path


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return use_clock(monkeypatch)


def test_list_shows_copies_from_two_engines_under_their_workshop(tmp_path: Path, capsys):
    make_folder(tmp_path / "sessions")
    assert cli.main(["--sessions-dir", str(tmp_path / "sessions"), "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.rstrip().endswith(" riverside.json"))
    under = sorted(lines[at + 1:at + 3])
    assert under[0].startswith("  ↳ conflict copy from LAPTOP-7 ") and under[0].endswith("riverside-LAPTOP-7.json")
    assert under[1].startswith("  ↳ conflict copy from Syncthing (2026-12-03 09:15)")
    namesake = next(line for line in lines if line.rstrip().endswith("riverside-team.json"))
    assert namesake.startswith("Riverside team (another worksho") and "HF 0" in namesake
    assert any("workshop merge WORKSHOP COPY (for example: workshop merge riverside.json riverside" in line
               for line in lines)


def test_merge_workshop_copy_merges_in_place_and_keeps_the_copy(tmp_path: Path, capsys):
    workshop, onedrive, syncthing = make_folder(tmp_path / "sessions")
    copies = {p: p.read_bytes() for p in (onedrive, syncthing)}
    folder = ["--sessions-dir", str(tmp_path / "sessions")]
    assert cli.main([*folder, "merge", "riverside", onedrive.name, "--no-open"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == str(workshop)
    assert "1 only in riverside-LAPTOP-7.json" in out[1]
    assert out[2].startswith("riverside-LAPTOP-7.json is kept as it was")
    assert cli.main([*folder, "merge", "riverside", syncthing.name, "--no-open"]) == 0
    assert "1 conflict to review in the merge log" in capsys.readouterr().out
    assert cli.main([*folder, "merge", "riverside", onedrive.name, "--no-open"]) == 0
    assert "nothing was changed" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in copies} == copies
    assert cli.main([*folder, "list"]) == 0
    listed = capsys.readouterr().out
    assert "↳ conflict copy from LAPTOP-7, merged" in listed and "can be set aside" in listed
    assert sorted(p.name for p in (tmp_path / "sessions").glob("*merged*")) == []
    with Session.open(workshop, read_only=True) as session:
        assert len(session.records("merge_log")) == 2
        assert len(session.records("hopes_fears")) == 1


def test_merge_of_a_workshop_held_on_another_computer_is_refused(tmp_path: Path):
    workshop, onedrive, _ = make_folder(tmp_path / "sessions")
    host = socket.gethostname() + "-office"
    lock_path(workshop).write_bytes(orjson.dumps({"pid": 4242, "host": host, "user": "dev",
                                                  "since": "2026-12-03T09:30:00.000Z"}))
    blob = workshop.read_bytes()
    result = run("merge", str(workshop), str(onedrive), "--no-open", cwd=tmp_path)
    assert result.returncode == cli.LOCKED
    assert f"on another computer (dev on {host} since 09:30 UTC)" in result.stderr
    assert "to take over" in result.stderr
    assert workshop.read_bytes() == blob and lock_path(workshop).exists()


def test_with_out_a_copy_is_merged_into_a_new_file_as_before(tmp_path: Path, capsys):
    workshop, onedrive, _ = make_folder(tmp_path / "sessions")
    blob = workshop.read_bytes()
    out = tmp_path / "c.json"
    assert cli.main(["merge", str(workshop), str(onedrive), "--out", str(out), "--no-open"]) == 0
    assert out.exists() and workshop.read_bytes() == blob
