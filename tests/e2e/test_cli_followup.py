"""`workshop followup`, run as a user would, plus the app launch checked in-process."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.e2e.test_cli import run
from tests.helpers.followup import FOLLOWUP_DATE, build_earlier
from tests.helpers.sessions import fingerprint, raw
from workshop import cli


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "riverside.json"
    build_earlier(path)
    return path


def test_followup_creates_the_review_and_prints_its_path(tmp_path: Path, earlier: Path):
    before = fingerprint(earlier)
    result = run("followup", str(earlier), "--date", FOLLOWUP_DATE, "--no-open", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    created = tmp_path / result.stdout.strip()
    assert created == tmp_path / "sessions" / "riverside-cmht-team-day-follow-up-on-1-feb-2027.json"
    assert stat.S_IMODE(created.stat().st_mode) == 0o600
    assert fingerprint(earlier) == before
    workshop = next(iter(raw(created)["workshop"].values()))
    assert workshop["follows"]["file"] == "riverside.json" and workshop["date"] == FOLLOWUP_DATE
    assert workshop["current_activity"] == "review"
    assert len(raw(created)["reviews"]) == 10
    check = run("check", str(created), cwd=tmp_path)
    assert check.returncode == 0 and "10 review items" in check.stdout


def test_followup_finds_a_name_in_the_sessions_folder(tmp_path: Path, earlier: Path):
    result = run("followup", "riverside", "--date", FOLLOWUP_DATE, "--no-open", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    again = run("followup", "riverside.json", "--date", FOLLOWUP_DATE, "--no-open", cwd=tmp_path)
    assert again.stdout.strip().endswith("riverside-cmht-team-day-follow-up-on-1-feb-2027-2.json")


@pytest.mark.parametrize("args, code, words", [
    (["--date", "3/2/2027"], 2, "'3/2/2027' is not a date; use YYYY-MM-DD"),
    (["--date", "2026-11-30"], 2, "before the workshop it follows (2026-12-03)"),
])
def test_a_bad_date_is_one_plain_line(tmp_path: Path, earlier: Path, args, code, words):
    result = run("followup", str(earlier), *args, "--no-open", cwd=tmp_path)
    assert result.returncode == code and words in result.stderr
    assert sorted(p.name for p in earlier.parent.iterdir()) == ["riverside.json", "riverside.json.bak"]


def test_a_missing_or_bad_earlier_file(tmp_path: Path):
    missing = run("followup", "nowhere.json", "--no-open", cwd=tmp_path)
    assert missing.returncode == 1 and "There is no workshop file" in missing.stderr
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = run("followup", str(bad), "--no-open", cwd=tmp_path)
    assert result.returncode == 1 and "not readable JSON" in result.stderr
    assert bad.read_text() == "{"


def test_followup_opens_the_app_on_the_new_workshop(monkeypatch, tmp_path: Path, earlier: Path):
    calls = []
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WORKSHOP_SESSIONS", raising=False)
    monkeypatch.setattr(cli, "launch_app", lambda args, path: calls.append(path) or 0)
    monkeypatch.setattr(cli, "has_terminal", lambda: True)  # as if typed in a terminal window
    assert cli.main(["followup", str(earlier), "--date", FOLLOWUP_DATE]) == 0
    assert calls == [Path("sessions") / "riverside-cmht-team-day-follow-up-on-1-feb-2027.json"]


def test_the_followup_record_renders_in_libreoffice(tmp_path: Path, earlier: Path):
    """The whole round: follow up, review an item, export with the command, render the Word file."""
    from tests.e2e.test_render_docx import _text, _to_pdf
    from workshop import followup
    from workshop.history import History
    from workshop.store import Session

    made = run("followup", str(earlier), "--date", FOLLOWUP_DATE, "--no-open", cwd=tmp_path)
    created = tmp_path / made.stdout.strip()
    with Session.open(created) as session:
        first = followup.reviews(session)[0]
        followup.set_status(History(session), first["id"], "resolved")
        followup.set_text(History(session), first["id"], "changed", "Monthly peer supervision started.")
    out = tmp_path / "record.docx"
    exported = run("export", str(created), "--out", str(out), cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    text = " ".join(_text(_to_pdf(out, tmp_path)).split())
    assert "Since Riverside CMHT team day (3 December 2026)" in text
    assert "Monthly peer supervision started." in text
    assert "Actions: done, late and dropped" in text
