"""`workshop merge A B --out C`: in-process through `cli.main`, and once as a user runs it."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tests.e2e.test_cli import run
from tests.helpers.copies import edit, find, two_copies, use_clock
from tests.helpers.sessions import fingerprint, raw
from workshop import cli
from workshop.store import Session, backup_path


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    return use_clock(monkeypatch)


@pytest.fixture
def copies(tmp_path: Path) -> tuple[Path, Path]:
    """Two laptops' copies: a changed the concern's response, b too, later, and added a fear."""
    def build(session: Session) -> None:
        session.insert("concerns", text="Without supervision we set them up to fail.")
    a, b = two_copies(tmp_path, build)
    rid = edit(a, lambda s: find(s, "concerns")["id"])
    edit(a, lambda s: s.update("concerns", rid, response="Weekly peer supervision"))
    edit(b, lambda s: s.update("concerns", rid, response="Monthly group supervision"))
    edit(b, lambda s: s.insert("hopes_fears", kind="fear", text="Burnout in the first year"))
    return a, b


@pytest.fixture
def launched(monkeypatch) -> list:
    calls: list = []
    monkeypatch.setattr(cli, "launch_app", lambda args, path: calls.append(path) or 0)
    monkeypatch.setattr(cli, "has_terminal", lambda: True)  # as if typed in a terminal window
    return calls


def lines(text: str) -> list[str]:
    return text.strip().splitlines()


def test_merge_writes_c_prints_a_summary_and_opens_it(tmp_path: Path, copies, capsys, launched):
    a, b = copies
    before = fingerprint(a), fingerprint(b)
    out = tmp_path / "merged.json"
    assert cli.main(["merge", str(a), str(b), "--out", str(out)]) == 0
    printed = lines(capsys.readouterr().out)
    assert printed[0] == str(out)
    assert printed[1] == (
        "Merged: 1 the same in both, 0 changed only in laptop-a/day.json, 1 only in laptop-b/day.json, "
        f"1 changed in both; 1 conflict to review in the merge log. See them with: workshop open {out}, then "
        "“Merge log” in the command palette (ctrl+p).")
    assert launched == [out]
    assert (fingerprint(a), fingerprint(b)) == before
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    log = next(iter(raw(out)["merge_log"].values()))
    assert log["files"] == ["laptop-a/day.json", "laptop-b/day.json"]
    assert [c["field"] for c in log["conflicts"]] == ["response"]
    assert cli.main(["check", str(out)]) == 0
    assert "1 merge logged" in capsys.readouterr().out


def test_without_out_the_merge_goes_to_the_sessions_folder(tmp_path: Path, copies, capsys, launched):
    a, b = copies
    sessions = tmp_path / "sessions"
    assert cli.main(["--sessions-dir", str(sessions), "merge", str(a), str(b), "--no-open"]) == 0
    printed = lines(capsys.readouterr().out)
    assert printed[0] == str(sessions / "riverside-cmht-team-day-merged.json")
    assert launched == []
    assert cli.main(["--sessions-dir", str(sessions), "merge", str(a), str(b), "--no-open"]) == 0
    assert lines(capsys.readouterr().out)[0].endswith("riverside-cmht-team-day-merged-2.json")


def test_names_in_the_sessions_folder_are_found(tmp_path: Path, copies, capsys, launched):
    a, b = copies
    folder = a.parent
    b_here = folder / "day-from-b.json"
    b_here.write_bytes(b.read_bytes())
    assert cli.main(["--sessions-dir", str(folder), "merge", "day", "day-from-b", "--out",
                     str(tmp_path / "c.json"), "--no-open"]) == 0
    assert "1 only in day-from-b.json" in capsys.readouterr().out


def test_identical_copies_say_so(tmp_path: Path, capsys, launched):
    a, b = two_copies(tmp_path)
    assert cli.main(["merge", str(a), str(b), "--out", str(tmp_path / "c.json"), "--no-open"]) == 0
    assert lines(capsys.readouterr().out)[1] == (
        "The two copies are identical: nothing to merge (laptop-a/day.json and laptop-b/day.json).")
    assert raw(tmp_path / "c.json") == raw(a)


@pytest.mark.parametrize("case, code, words", [
    ("different", 2, "These are two different workshops, not copies of one:"),
    ("exists", 2, "already exists; choose another name (or add --force to replace it)."),
    ("same as a", 2, "is one of the copies being merged (or its backup or lock)"),
    ("backup of b", 2, "is one of the copies being merged (or its backup or lock)"),
    ("no folder", 2, "does not exist; nothing was written."),
    ("missing", 1, "There is no workshop file at"),
    ("damaged", 1, "day.json cannot be opened: it is not readable JSON"),
])
def test_refusals_are_one_plain_line_and_write_nothing(tmp_path: Path, copies, capsys, launched,
                                                       case, code, words):
    a, b = copies
    out = tmp_path / "c.json"
    if case == "different":
        b = tmp_path / "other.json"
        Session.create(b, title="Northside day").close()
    elif case == "exists":
        out.write_text("someone's notes")
    elif case == "same as a":
        out = a
    elif case == "backup of b":
        edit(b, lambda s: None)
        out = backup_path(b)
    elif case == "no folder":
        out = tmp_path / "nowhere" / "c.json"
    elif case == "missing":
        b = tmp_path / "missing.json"
    elif case == "damaged":
        b.write_bytes(b"{\"workshop\": ")
    before = {p: fingerprint(p) for p in (a, b, out) if p.exists()}
    assert cli.main(["merge", str(a), str(b), "--out", str(out), "--no-open"]) == code
    captured = capsys.readouterr()
    assert captured.out == "" and words in captured.err
    assert len(captured.err.strip().splitlines()) == 1 and captured.err.startswith("workshop: ")
    assert {p: fingerprint(p) for p in before} == before
    if case not in ("exists", "same as a", "backup of b"):
        assert not out.exists()
    assert launched == []


def test_force_replaces_c(tmp_path: Path, copies, capsys, launched):
    a, b = copies
    out = tmp_path / "c.json"
    out.write_text("old merge")
    assert cli.main(["merge", str(a), str(b), "--out", str(out), "--force", "--no-open"]) == 0
    assert cli.main(["check", str(out)]) == 0


def test_merge_as_a_user_runs_it(tmp_path: Path, copies):
    a, b = copies
    result = run("merge", str(a), str(b), "--out", "c.json", "--no-open", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert lines(result.stdout)[0] == "c.json" and "1 conflict to review" in result.stdout
    check = run("check", "c.json", cwd=tmp_path)
    assert check.returncode == 0 and "1 hope or fear, 1 concern" in check.stdout
    usage = run("merge", str(a), cwd=tmp_path)
    assert usage.returncode == 2 and "the following arguments are required: B" in usage.stderr
