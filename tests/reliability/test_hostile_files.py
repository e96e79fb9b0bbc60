"""Hostile session files (tests/reliability/hostile.py builds the corpus) through `workshop
check`, `Session.open` and `workshop export`: never a traceback, never a changed or deleted
input, always a one-line message naming the file and what is wrong, a documented exit code.

Every input goes through the command line in-process (cli.main, as `python -m workshop` runs
it) and through Session.open; a sample also runs as real subprocesses.
"""

from __future__ import annotations

import os
import signal
import stat
from contextlib import contextmanager
from pathlib import Path

import orjson
import pytest

from tests.e2e.test_cli import run
from tests.reliability.hostile import Case, base_file, corpus
from workshop import cli
from workshop.store import Session, StoreError, backup_path, lock_path, read_session_file

EXIT_CODES = {0, 1, 2, 3, 4}  # documented in cli.py, README.md and `workshop --help`
TRIED: dict[str, int] = {}


def fingerprint(path: Path) -> tuple:
    """What must not change: the entry itself (not followed) and, for a file, its bytes."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        return ("link", os.readlink(path), info.st_mtime_ns)
    if stat.S_ISREG(info.st_mode):
        return ("file", path.read_bytes(), info.st_mtime_ns, stat.S_IMODE(info.st_mode))
    if stat.S_ISDIR(info.st_mode):
        return ("dir", sorted(os.listdir(path)), info.st_mtime_ns)
    return ("other", stat.S_IFMT(info.st_mode), info.st_mtime_ns)


def one_line(err: str, path: Path, case: Case, rc: int) -> str:
    assert "Traceback" not in err, f"{case.name}: {err}"
    assert "unexpected error" not in err, f"{case.name}: {err}"
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("workshop: "), f"{case.name}: {err!r}"
    assert path.name in lines[0], f"{case.name}: the message does not name the file: {err}"
    for word in case.words:
        assert word in lines[0], f"{case.name}: {word!r} not in {err}"
    assert rc in EXIT_CODES - {0}
    return lines[0]


def check_in_process(case: Case, path: Path, out: Path, capsys) -> bool:
    """`workshop check` and `workshop export` on the input; returns whether it was accepted."""
    rc = cli.main(["check", str(path)])
    captured = capsys.readouterr()
    assert rc in (0, 1), f"{case.name}: check exit code {rc}"
    if rc:
        one_line(captured.err, path, case, rc)
        assert not captured.out
    else:
        assert captured.out.startswith("ok: "), f"{case.name}: {captured}"
    exported = cli.main(["export", str(path), "--format", "md", "--out", str(out)])
    captured = capsys.readouterr()
    if exported:
        one_line(captured.err, path, case, exported)
        assert not out.exists()
    else:
        assert out.read_text("utf-8").startswith("**Confidential")
    assert (rc == 0) == (exported == 0), f"{case.name}: check said {rc}, export said {exported}"
    return rc == 0


def open_in_process(case: Case, path: Path, before: tuple, accepted: bool) -> None:
    """Session.open for writing: a refused file is left exactly as it was, without a lock or a
    backup; an accepted one keeps every record (only missing workshop defaults are filled in)."""
    try:
        session = Session.open(path, fallback_read_only=False)
    except StoreError as exc:
        assert not accepted, f"{case.name}: check accepted it, open refused it: {exc}"
        assert path.name in str(exc) or str(path) in str(exc), f"{case.name}: {exc}"
        assert fingerprint(path) == before, f"{case.name}: a refused file was changed"
        assert not os.path.lexists(lock_path(path)) and not os.path.lexists(backup_path(path))
        return
    assert accepted, f"{case.name}: check refused it, open accepted it"
    session.close()
    assert not os.path.lexists(lock_path(path))
    if before[0] == "file" and path.read_bytes() != before[1]:
        old, new = orjson.loads(before[1]), read_session_file(path)
        assert {t: v for t, v in new.items() if t != "workshop"} == {t: v for t, v in old.items() if t != "workshop"}
        (old_ws,), (new_ws,) = old["workshop"].values(), new["workshop"].values()
        # Filling in a missing default is a change by this copy: it bumps `versions` too.
        assert all(new_ws[k] == v for k, v in old_ws.items() if k not in ("updated_at", "versions")), case.name


@contextmanager
def watchdog(case: Case, seconds: int = 20):
    """A read that blocks (a pipe, a device) fails the test instead of hanging it."""
    def expired(signum, frame):
        raise AssertionError(f"{case.family}: {case.name} hung for {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def cases(tmp_path_factory) -> list[Case]:
    scratch = tmp_path_factory.mktemp("hostile-scratch")
    return corpus(base_file(scratch), scratch)


def test_every_hostile_file_is_refused_cleanly_or_opened_whole(cases, tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("WORKSHOP_SESSIONS", raising=False)
    monkeypatch.chdir(tmp_path)
    outcomes = {True: 0, False: 0}
    for i, case in enumerate(cases):
        folder = tmp_path / f"{i:04d}"
        folder.mkdir()
        path = folder / "input.json"
        case.make(path)
        before = fingerprint(path)
        with watchdog(case):
            accepted = check_in_process(case, path, folder / "record.md", capsys)
            if case.valid is not None:
                assert accepted == case.valid, f"{case.family}: {case.name} was {'accepted' if accepted else 'refused'}"
            assert fingerprint(path) == before, f"{case.name}: check or export changed the input"
            open_in_process(case, path, before, accepted)
        outcomes[accepted] += 1
        TRIED[case.family] = TRIED.get(case.family, 0) + 1
    total = sum(TRIED.values())
    print(f"\nhostile files: {total} inputs ({outcomes[False]} refused, {outcomes[True]} opened): "
          + ", ".join(f"{family} {n}" for family, n in TRIED.items()))
    assert total >= 900 and outcomes[False] >= 400 and outcomes[True] >= 50


SAMPLE = ("cut at 1 of", "flip #3", "hopes_fears.votes = 'text'", "5 MB of text", "10,000 levels of [ ]",
          "300 levels in a field", "record number twice", "schema_version 0", "schema_version missing",
          "schema_version 3", "non-UTF-8 bytes", "a folder", "a named pipe", "a symlink to /dev/zero")


def test_a_sample_through_real_subprocesses(cases, tmp_path):
    """The same through `python -m workshop check` and `export`, as a facilitator would."""
    picked = [c for c in cases if c.name in SAMPLE or c.name.startswith(SAMPLE[0])]
    assert len(picked) == len(SAMPLE), [c.name for c in picked]
    for i, case in enumerate(picked):
        path = tmp_path / f"{i:02d}.json"
        case.make(path)
        before = fingerprint(path)
        checked = run("check", str(path), cwd=tmp_path)
        exported = run("export", str(path), "--format", "docx", "--out", str(tmp_path / f"{i:02d}.docx"),
                       cwd=tmp_path)
        for result in (checked, exported):
            assert result.returncode in EXIT_CODES, f"{case.name}: {result.returncode}"
            if result.returncode:
                one_line(result.stderr, path, case, result.returncode)
        assert (checked.returncode == 0) == (exported.returncode == 0), case.name
        assert fingerprint(path) == before, f"{case.name}: changed by a subprocess"
    TRIED["subprocess sample"] = len(picked)


def test_export_over_the_workshop_file_itself_is_refused(tmp_path, capsys):
    """`--out` naming the session (or its backup) with `--force` would destroy it."""
    from tests.helpers.sessions import build_workshop

    path = build_workshop(tmp_path / "w.json", items=2)
    with Session.open(path):
        pass  # leaves a backup
    for target in (path, backup_path(path), tmp_path / "." / "w.json", Path(os.path.relpath(path))):
        before = fingerprint(path), fingerprint(backup_path(path))
        rc = cli.main(["export", str(path), "--format", "md", "--out", str(target), "--force"])
        err = capsys.readouterr().err
        assert rc == cli.USAGE and "is the workshop file" in err, err
        assert (fingerprint(path), fingerprint(backup_path(path))) == before
    link = tmp_path / "link.md"
    link.symlink_to(path)
    assert cli.main(["export", str(path), "--format", "md", "--out", str(link), "--force"]) == cli.USAGE
    assert read_session_file(path)


def test_a_file_at_the_deepest_allowed_nesting_opens_saves_and_reopens(tmp_path):
    """The limit is where saving still works: the deepest file accepted can be saved again,
    and a value deeper than that is refused when set, not written and then refused on open."""
    from tests.helpers.sessions import build_workshop, raw, write_raw
    from workshop import model

    path = build_workshop(tmp_path / "deep.json", items=1)
    data = raw(path)
    deep: list = []
    for _ in range(model.MAX_DEPTH - 4):
        deep = [deep]
    next(iter(data["hopes_fears"].values()))["x_deep"] = deep
    write_raw(path, data)
    assert model.nesting(data) == model.MAX_DEPTH
    with Session.open(path) as session:
        session.insert("hopes_fears", kind="hope", text="saved beside a deep value")
        with pytest.raises(StoreError, match="nested more than"):
            session.insert("hopes_fears", kind="hope", text="x", x_deeper=[deep])
    assert read_session_file(path)["hopes_fears"]["2"]["text"] == "saved beside a deep value"


def test_a_file_far_too_large_is_refused_without_being_read(tmp_path, capsys):
    """A 600 MB file (sparse, so the test is cheap) is refused from its size alone."""
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(600 * 1024 * 1024)
    assert cli.main(["check", str(path)]) == cli.BAD_FILE
    assert "far larger than any workshop file" in capsys.readouterr().err
    with pytest.raises(StoreError, match="far larger"):
        Session.open(path)
