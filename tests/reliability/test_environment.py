"""Environment faults: a full disk at every system call of a save and an export, a read-only
sessions folder (monkeypatched, and for real under an account chmod applies to), a missing
folder, a stale lock from a killed process, two apps on one file, the folder deleted while a
workshop is open. Each gives a clear message and loses nothing already saved."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import workshop.export.docx  # noqa: F401 - loaded before any block runs as another account
import workshop.export.markdown  # noqa: F401
import workshop.export.record  # noqa: F401
from tests.helpers.sessions import build_workshop
from tests.reliability.faults import FailingWrites, Fault, ReadOnlyFiles, unprivileged, world_readable_dir
from workshop import cli
from workshop.actions import send_to_action_plan
from workshop.export import ExportError, ExportOptions, export_record
from workshop.export.atomic import is_temp_name
from workshop.history import History
from workshop.store import ReadOnlyError, SaveError, Session, StoreError, lock_path, read_lock

SYSCALLS = ("write", "fsync", "replace")


def temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".tmp-") or is_temp_name(p.name)]


def disk_equals_memory(session: Session) -> None:
    with Session.open(session.path, read_only=True) as fresh:
        assert fresh.snapshot() == session.snapshot()


# --- a full disk ----------------------------------------------------------------------------

CHANGES = {
    "add": lambda h, ids: h.insert("hopes_fears", kind="fear", text="typed while the disk was full"),
    "edit": lambda h, ids: h.update("hopes_fears", ids["hope"], text="edited while the disk was full"),
    "delete": lambda h, ids: h.delete("hopes_fears", ids["hope"]),
    "undo": lambda h, ids: h.undo(),
    "redo": lambda h, ids: h.redo(),
    "send to action plan": lambda h, ids: send_to_action_plan(h, "concerns", h.session.get("concerns", ids["concern"])),
    "workshop details": lambda h, ids: h.update("workshop", ids["workshop"], venue="Room 3"),
}


@pytest.mark.parametrize("syscall", SYSCALLS)
@pytest.mark.parametrize("change", CHANGES)
def test_a_full_disk_at_any_call_of_any_change_loses_nothing(saved_workshop: Path, monkeypatch, syscall, change):
    session = Session.open(saved_workshop)
    history = History(session)
    ids = {"hope": session.records("hopes_fears")[0]["id"], "concern": session.records("concerns")[0]["id"],
           "workshop": session.workshop()["id"]}
    history.update("hopes_fears", ids["hope"], votes=3)  # something to undo...
    history.insert("hopes_fears", kind="hope", text="to be undone")
    history.undo()  # ...and to redo
    if change in ("add", "edit", "delete", "send to action plan", "workshop details"):
        history.redo()
    before = session.snapshot()
    with monkeypatch.context() as patch:
        Fault(patch, syscall)
        with pytest.raises(SaveError) as caught:
            CHANGES[change](history, ids)
    message = str(caught.value)
    assert message.startswith("Not saved: the disk is full.") and "Everything saved before is safe" in message
    assert session.snapshot() == before, "memory must not run ahead of the disk"
    disk_equals_memory(session)
    assert temps(saved_workshop.parent) == []
    CHANGES[change](history, ids)  # the same change once there is room again
    assert session.snapshot() != before
    disk_equals_memory(session)
    session.close()


@pytest.mark.parametrize("syscall, at", [("write", 1), ("write", 2), ("write", 3), ("fsync", 1), ("fsync", 2),
                                         ("fsync", 3), ("link", 1), ("replace", 1)])
def test_a_full_disk_while_creating_leaves_nothing(session_dir: Path, monkeypatch, syscall, at):
    """`at` > 1 lets the file be made and fails the lock or the backup that follow."""
    with monkeypatch.context() as patch:
        fault = Fault(patch, syscall, at=at)
        try:
            session = Session.create(session_dir / "new.json", title="New")
        except SaveError as exc:
            assert "disk is full" in str(exc)
            assert list(session_dir.iterdir()) == []
            return
    assert fault.hits, "the fault never fired"
    # The file was made; what failed after it (lock or backup) only costs the backup, or
    # opens read-only saying why. Either way the new file is whole.
    with session:
        assert session.workshop()["title"] == "New"
        if session.read_only:
            with pytest.raises(ReadOnlyError, match="could not be opened for writing: Not saved: the disk is full"):
                session.insert("hopes_fears", kind="hope", text="x")
    assert temps(session_dir) == []


@pytest.mark.parametrize("where, overwrite", [
    ("mkstemp", True), ("mkstemp", False), ("write", True), ("write", False), ("fsync", True), ("fsync", False),
    ("replace", True), ("link", False),  # a new record is linked into place, an old one replaced
])
def test_a_full_disk_during_an_export_leaves_the_old_record_and_no_temp_file(tmp_path, monkeypatch, where,
                                                                             overwrite):
    import workshop.export.atomic as atomic

    out = tmp_path / "record.docx"
    if overwrite:
        out.write_bytes(b"the previous record")
    snapshot = {"workshop": {"title": "Full disk day"}}
    with monkeypatch.context() as patch:
        if where == "write":
            FailingWrites(patch)
        elif where == "mkstemp":
            patch.setattr(atomic.atomic.tempfile, "mkstemp", lambda *a, **k: (_ for _ in ()).throw(
                OSError(errno.ENOSPC, "No space left on device")))
        else:
            Fault(patch, where)
            if where == "link":
                Fault(patch, "replace")  # the fallback for file systems without links fails too
        with pytest.raises(ExportError, match="disk is full"):
            export_record(snapshot, out, ExportOptions(), overwrite=overwrite)
    assert sorted(p.name for p in tmp_path.iterdir()) == (["record.docx"] if overwrite else [])
    if overwrite:
        assert out.read_bytes() == b"the previous record"
    export_record(snapshot, out, ExportOptions(), overwrite=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["record.docx"]


def test_the_command_line_on_a_full_disk(tmp_path, monkeypatch, capsys):
    path = build_workshop(tmp_path / "w.json", items=2)
    with monkeypatch.context() as patch:
        Fault(patch, "fsync")
        assert cli.main(["--sessions-dir", str(tmp_path / "s"), "new", "Day", "--no-open"]) == cli.WRITE_FAILED
        assert cli.main(["export", str(path), "--out", str(tmp_path / "r.docx")]) == cli.WRITE_FAILED
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2 and all("disk is full" in line for line in err), err
    assert list((tmp_path / "s").iterdir()) == [] and not (tmp_path / "r.docx").exists()


# --- read-only and missing folders ---------------------------------------------------------


@pytest.mark.parametrize("code, words", [(errno.EROFS, "the folder is read-only"),
                                         (errno.EACCES, "may not write to the folder")])
def test_a_read_only_folder_simulated(saved_workshop: Path, monkeypatch, capsys, code, words):
    """A read-only mount or an unwritable folder, simulated by failing every create."""
    before = saved_workshop.read_bytes()
    with monkeypatch.context() as patch:
        ReadOnlyFiles(patch, code)  # the lock and every temp file are opened for writing
        session = Session.open(saved_workshop)
        assert session.read_only and words in session.holder["reason"]
        assert session.count("hopes_fears") == 6
        with pytest.raises(ReadOnlyError) as caught:
            session.insert("hopes_fears", kind="hope", text="x")
        assert "read-only" in str(caught.value) and words in str(caught.value)
        session.close()
        assert cli.main(["check", str(saved_workshop)]) == cli.OK
        out = saved_workshop.with_name("r.docx")
        assert cli.main(["export", str(saved_workshop), "--out", str(out)]) == cli.WRITE_FAILED
        assert cli.main(["--sessions-dir", str(saved_workshop.parent), "new", "Day", "--no-open"]) == cli.WRITE_FAILED
    err = capsys.readouterr().err.splitlines()
    assert "does not allow saving" in err[0] and words in err[1], err
    assert saved_workshop.read_bytes() == before
    assert sorted(p.name for p in saved_workshop.parent.iterdir()) == ["riverside.json", "riverside.json.bak"]


def test_a_read_only_folder_for_real(monkeypatch, capsys):
    """chmod 0555 on the folder, checked by an account chmod applies to (see unprivileged())."""
    from workshop.export.labels import load_labels

    load_labels()  # read (and cached) now: the checkout may be in a folder `nobody` cannot enter
    with world_readable_dir() as root:
        folder = root / "sessions"
        folder.mkdir()
        path = build_workshop(folder / "w.json", items=3)
        os.chown(path, 65534, 65534) if os.geteuid() == 0 else None
        os.remove(folder / "w.json.bak")
        folder.chmod(0o555)
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        with unprivileged() as who:
            session = Session.open(path)
            assert session.read_only, who
            assert "may not write to the folder" in session.holder["reason"]
            with pytest.raises(ReadOnlyError, match="may not write to the folder"):
                session.update_workshop(title="Renamed")
            assert session.count("hopes_fears") == 3
            session.close()
            assert cli.main(["check", str(path)]) == cli.OK
            assert cli.main(["export", str(path), "--format", "md", "--out", str(folder / "r.md")]) == cli.WRITE_FAILED
            assert cli.main(["--sessions-dir", str(folder), "new", "Day", "--no-open"]) == cli.WRITE_FAILED
        err = capsys.readouterr().err.splitlines()
        assert "does not allow saving" in err[0] and "may not write to the folder" in err[1], err
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before
        assert sorted(os.listdir(folder)) == ["w.json"]
        print(f"read-only folder checked as {who}")


def test_missing_folders(tmp_path, capsys):
    with pytest.raises(StoreError, match="does not exist"):
        Session.create(tmp_path / "gone" / "w.json", title="x")
    with pytest.raises(StoreError, match="There is no workshop file"):
        Session.open(tmp_path / "gone" / "w.json")
    path = build_workshop(tmp_path / "w.json", items=1)
    assert cli.main(["export", str(path), "--out", str(tmp_path / "gone" / "r.docx")]) == cli.WRITE_FAILED
    assert cli.main(["check", str(tmp_path / "gone" / "w.json")]) == cli.BAD_FILE
    err = capsys.readouterr().err
    assert "gone does not exist" in err and "There is no workshop file" in err
    assert not (tmp_path / "gone").exists()
    assert cli.main(["--sessions-dir", str(tmp_path / "made" / "here"), "new", "Day", "--no-open"]) == cli.OK
    assert (tmp_path / "made" / "here" / "day.json").exists()
    assert (tmp_path / "made" / "here").stat().st_mode & 0o077 == 0, "a new sessions folder is private"


def test_the_folder_deleted_while_a_workshop_is_open(tmp_path):
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = build_workshop(folder / "w.json", items=3)
    session = Session.open(path)
    history = History(session)
    kept = history.insert("hopes_fears", kind="hope", text="saved before the folder went")
    shutil.rmtree(folder)
    with pytest.raises(SaveError) as caught:
        history.insert("hopes_fears", kind="fear", text="typed after it went")
    message = str(caught.value)
    assert "the folder no longer exists" in message and "This window still holds everything" in message
    assert "Everything saved before is safe" not in message, "untrue: the file went with the folder"
    assert session.get("hopes_fears", kept["id"])["text"] == "saved before the folder went"
    snapshot = session.snapshot()
    export_record(snapshot, tmp_path / "rescued.md", ExportOptions("md"))  # the record can still be saved elsewhere
    folder.mkdir()
    history.insert("hopes_fears", kind="fear", text="typed once the folder was back")
    session.close()
    with Session.open(path) as again:
        texts = [r["text"] for r in again.records("hopes_fears")]
        assert "saved before the folder went" in texts and "typed once the folder was back" in texts
        assert len(texts) == 5
        assert "typed after it went" not in texts  # refused, and said so


# --- locks: a killed holder, a live one ---------------------------------------------------------

HOLDER = ("import sys, time\nfrom workshop.store import Session\n"
          "s = Session.open(sys.argv[1], fallback_read_only=False)\nprint('ready', flush=True)\ntime.sleep(120)\n")


def start_holder(path: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


def test_two_apps_on_one_file_then_the_first_is_killed(saved_workshop: Path):
    holder = start_holder(saved_workshop)
    try:
        second = Session.open(saved_workshop)
        assert second.read_only and second.holder["pid"] == holder.pid
        with pytest.raises(ReadOnlyError) as caught:
            second.insert("hopes_fears", kind="hope", text="not saved")
        message = str(caught.value)
        assert "open in another Team Day window" in message and "close it there" in message
        assert second.holder["host"] in message
        second.close()
        assert read_lock(saved_workshop)["pid"] == holder.pid, "a reader must not drop the writer's lock"
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    # The holder died without releasing: its lock is stale, detected and cleared on the next open.
    assert lock_path(saved_workshop).exists()
    with Session.open(saved_workshop, fallback_read_only=False) as third:
        assert not third.read_only and read_lock(saved_workshop)["pid"] == os.getpid()
        third.insert("hopes_fears", kind="hope", text="saved after the stale lock was cleared")
    assert not lock_path(saved_workshop).exists()


def test_a_pipe_in_place_of_the_lock_neither_hangs_nor_is_trusted(saved_workshop: Path):
    """Reading a lock that is a named pipe used to block for ever; now it is an unreadable
    lock: respected while fresh (read-only), cleared once old."""
    lock = lock_path(saved_workshop)
    os.mkfifo(lock)

    def expired(signum, frame):
        raise AssertionError("opening hung on a pipe in place of the lock")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(10)
    try:
        with Session.open(saved_workshop) as session:
            assert session.read_only and session.holder == {}
        old = 1_700_000_000
        os.utime(lock, (old, old))
        with Session.open(saved_workshop) as session:
            assert not session.read_only
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert not lock.exists()
