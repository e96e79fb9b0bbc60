"""Commands that show the app, run from a script or a pipe (no terminal): they do what needs no
screen, say what they made and end, or say in one line why they cannot; they never hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.copies import edit, two_copies
from tests.helpers.followup import FOLLOWUP_DATE, build_earlier
from tests.helpers.sessions import build_workshop, fingerprint
from workshop.store import lock_path, read_session_file

ROOT = Path(__file__).resolve().parents[2]


def run_piped(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """As a script runs it: standard input, output and error all pipes. A hang fails the test."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKSHOP_")}
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run([sys.executable, "-m", "workshop", *args], cwd=cwd, env=env, stdin=subprocess.PIPE,
                            capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr and "\x1b" not in result.stdout + result.stderr, result
    return result


def test_new_creates_the_workshop_prints_its_path_and_ends(tmp_path: Path):
    result = run_piped("new", "Scripted day", cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr
    path = tmp_path / result.stdout.strip()
    assert path == tmp_path / "sessions" / "scripted-day.json"
    assert read_session_file(path) and not lock_path(path).exists()


def test_followup_creates_the_review_prints_its_path_and_ends(tmp_path: Path):
    (tmp_path / "sessions").mkdir()
    earlier = tmp_path / "sessions" / "riverside.json"
    build_earlier(earlier)
    result = run_piped("followup", str(earlier), "--date", FOLLOWUP_DATE, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    created = tmp_path / result.stdout.strip()
    assert created.name == "riverside-cmht-team-day-follow-up-on-1-feb-2027.json" and read_session_file(created)


def test_merge_writes_the_merged_copy_prints_it_and_ends(tmp_path: Path):
    a, b = two_copies(tmp_path, lambda session: session.insert("concerns", text="Supervision"))
    edit(b, lambda s: s.insert("hopes_fears", kind="fear", text="Burnout in the first year"))
    result = run_piped("merge", str(a), str(b), "--out", str(tmp_path / "merged.json"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    printed = result.stdout.strip().splitlines()
    assert printed[0] == str(tmp_path / "merged.json") and printed[1].startswith("Merged:")
    assert read_session_file(tmp_path / "merged.json")


@pytest.mark.parametrize("command", [["open", "sessions/riverside.json"], ["demo"], []],
                         ids=["open", "demo", "home screen"])
def test_open_demo_and_the_home_screen_say_they_need_a_terminal(tmp_path: Path, command: list[str]):
    (tmp_path / "sessions").mkdir()
    path = build_workshop(tmp_path / "sessions" / "riverside.json", items=2)
    before = fingerprint(path)
    result = run_piped(*command, cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "needs a terminal" in result.stderr, result.stderr
    made = sorted(p.name for p in (tmp_path / "sessions").iterdir())
    assert fingerprint(path) == before and made == ["riverside.json", "riverside.json.bak"], made


def test_no_open_and_other_commands_are_unchanged(tmp_path: Path):
    created = run_piped("new", "Day", "--no-open", cwd=tmp_path)
    assert created.returncode == 0
    assert run_piped("demo", "--no-open", cwd=tmp_path).returncode == 0
    assert run_piped("check", created.stdout.strip(), cwd=tmp_path).stdout.startswith('ok: "Day"')
