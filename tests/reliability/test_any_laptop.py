"""Any laptop: every call that exists only on Linux or POSIX has a fallback, and each is tried
here by taking the call away, so Windows and macOS behaviour is tested on the Linux machine
that runs the suite. docs/PLATFORMS.md lists them.

Saving, locking and opening go through the real store and real files in tmp_path; only the
missing call is simulated.
"""

from __future__ import annotations

import errno
import os
import stat
import threading
from pathlib import Path

import pytest

from workshop import atomic, platform
from workshop.history import History
from workshop.store import LockedError, SaveError, Session, SessionFileError, acquire_lock, lock_path
from workshop.store import read_session_file, release_lock


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".tmp-"))


# --- O_NOFOLLOW, O_NONBLOCK, O_BINARY -------------------------------------------------------


def test_without_o_nofollow_a_lock_is_still_taken_and_a_planted_link_is_not_followed(saved_workshop, monkeypatch,
                                                                                     tmp_path):
    monkeypatch.delattr(os, "O_NOFOLLOW")
    lock = acquire_lock(saved_workshop)
    assert stat.S_IMODE(lock.stat().st_mode) == 0o600
    release_lock(saved_workshop)
    assert not lock.exists()

    # A link in the lock's place, pointing where nothing is: O_CREAT | O_EXCL must refuse it
    # rather than create the file it points to.
    elsewhere = tmp_path / "elsewhere.txt"
    lock_path(saved_workshop).symlink_to(elsewhere)
    with pytest.raises(LockedError):
        acquire_lock(saved_workshop)
    assert not elsewhere.exists()


def test_without_o_nonblock_a_pipe_in_place_of_a_workshop_is_refused_without_waiting(session_dir, monkeypatch):
    monkeypatch.delattr(os, "O_NONBLOCK")
    pipe = session_dir / "pipe.json"
    os.mkfifo(pipe)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_session_file(pipe)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # free the reader before failing, so the run can end
        with open(pipe, "wb"):
            pass
        pytest.fail("reading a pipe waited for a writer")
    assert isinstance(outcome[0], SessionFileError) and "a pipe" in str(outcome[0])


def test_files_are_opened_as_bytes_where_windows_would_translate_them(monkeypatch):
    monkeypatch.setattr(os, "O_BINARY", 0x8000, raising=False)
    assert platform.read_flags() & 0x8000
    assert platform.create_new_flags() & 0x8000
    monkeypatch.delattr(os, "O_BINARY")
    assert platform.read_flags() == os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC


# --- syncing the folder and file modes -------------------------------------------------------


def test_a_folder_that_cannot_be_opened_does_not_stop_a_save(saved_workshop, monkeypatch):
    real_open = os.open
    refused: list[str] = []

    def open_no_folders(path, flags, *args, **kwargs):
        if os.path.isdir(path):
            refused.append(os.fspath(path))
            raise PermissionError(errno.EACCES, "Access is denied", os.fspath(path))  # as on Windows
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_no_folders)
    with Session.open(saved_workshop) as session:
        session.insert("concerns", text="Will they be supervised by a peer?")
    assert refused, "the folder sync was not attempted"
    texts = [c["text"] for c in read_session_file(saved_workshop)["concerns"].values()]
    assert "Will they be supervised by a peer?" in texts


def test_on_windows_the_folder_is_not_opened_at_all(tmp_path, monkeypatch):
    monkeypatch.setattr(platform, "WINDOWS", True)
    monkeypatch.setattr(os, "open", lambda *a, **k: pytest.fail("a folder was opened on Windows"))
    platform.fsync_dir(tmp_path)


def test_without_fchmod_a_file_still_gets_its_mode_and_a_refusal_does_not_stop_the_save(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "fchmod")
    target = tmp_path / "shared.txt"
    atomic.write_file(target, b"one", prefix=".tmp-", mode=0o644)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644

    def no_modes(*_a, **_k):
        raise OSError(errno.EPERM, "Operation not permitted")  # FAT sticks, some network shares

    monkeypatch.setattr(os, "chmod", no_modes)
    atomic.write_file(target, b"two", prefix=".tmp-", mode=0o640)
    assert target.read_bytes() == b"two"
    assert temp_files(tmp_path) == []


def test_on_windows_a_file_is_never_made_read_only(tmp_path, monkeypatch):
    monkeypatch.setattr(platform, "WINDOWS", True)
    changed: list[int] = []
    monkeypatch.setattr(os, "chmod", lambda _p, mode: changed.append(mode))
    monkeypatch.setattr(os, "fchmod", lambda *_a: pytest.fail("fchmod on Windows"), raising=False)
    platform.set_mode(0, tmp_path / "x", 0o444)
    platform.set_mode(0, tmp_path / "x", 0o644)
    assert changed == [0o644]


# --- replacing a file another program holds open (Windows) ------------------------------------


def flaky_replace(monkeypatch, refusals: int | None) -> tuple[dict[str, int], list[float]]:
    """os.replace refused `refusals` times (None: always), as Windows refuses while a sync
    app, a virus checker or Word holds the target open."""
    real_replace = os.replace
    calls = {"n": 0}

    def replace(src, dst):
        calls["n"] += 1
        if refusals is None or calls["n"] <= refusals:
            raise PermissionError(errno.EACCES, "The process cannot access the file", os.fspath(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    pauses: list[float] = []
    monkeypatch.setattr(platform.time, "sleep", pauses.append)
    return calls, pauses


def test_a_save_waits_for_a_program_that_lets_go_of_the_file(saved_workshop, monkeypatch):
    session = Session.open(saved_workshop)
    try:
        with monkeypatch.context() as patched:
            patched.setattr(platform, "WINDOWS", True)
            calls, pauses = flaky_replace(patched, refusals=2)
            History(session).insert("concerns", text="Who covers when they are off sick?")
    finally:
        session.close()
    assert calls["n"] == 3 and len(pauses) == 2
    texts = [c["text"] for c in read_session_file(saved_workshop)["concerns"].values()]
    assert "Who covers when they are off sick?" in texts
    assert temp_files(saved_workshop.parent) == []


def test_a_file_held_open_for_good_is_reported_plainly_and_nothing_saved_is_lost(saved_workshop, monkeypatch):
    before = saved_workshop.read_bytes()
    session = Session.open(saved_workshop)
    history = History(session)
    try:
        with monkeypatch.context() as patched:
            patched.setattr(platform, "WINDOWS", True)
            calls, pauses = flaky_replace(patched, refusals=None)
            with pytest.raises(SaveError) as caught:
                history.insert("concerns", text="Typed while OneDrive held the file")
            message = str(caught.value)
            assert "is open in another program" in message and "Everything saved before is safe" in message
            assert "try again" in message
            assert 0.5 < sum(pauses) < 3.0, "gave up too soon, or kept the room waiting"
            assert saved_workshop.read_bytes() == before
            assert temp_files(saved_workshop.parent) == []
        # Once the other program lets go, the same window saves again.
        history.insert("concerns", text="Typed after it let go")
    finally:
        session.close()
    texts = [c["text"] for c in read_session_file(saved_workshop)["concerns"].values()]
    assert "Typed after it let go" in texts and "Typed while OneDrive held the file" not in texts


def test_off_windows_a_refused_replace_is_final_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(platform, "WINDOWS", False)
    calls, pauses = flaky_replace(monkeypatch, refusals=None)
    with pytest.raises(PermissionError) as caught:
        platform.replace(tmp_path / "a", tmp_path / "b")
    assert not isinstance(caught.value, platform.FileBusyError)
    assert calls["n"] == 1 and pauses == []


def test_a_record_open_in_word_is_reported_and_the_old_record_kept(saved_workshop, tmp_path, monkeypatch):
    from workshop.export import ExportError, ExportOptions, export_record

    snapshot = Session.open(saved_workshop, read_only=True).snapshot()
    out = tmp_path / "record.md"
    out.write_text("the record circulated yesterday", encoding="utf-8")
    monkeypatch.setattr(platform, "WINDOWS", True)
    flaky_replace(monkeypatch, refusals=None)
    with pytest.raises(ExportError) as caught:
        export_record(snapshot, out, ExportOptions(format="md"), overwrite=True)
    assert "record.md could not be saved" in str(caught.value) and "Word" in str(caught.value)
    assert "already there is unchanged" in str(caught.value)
    assert out.read_text(encoding="utf-8") == "the record circulated yesterday"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []


# --- hard links (FAT sticks, network shares, systems without os.link) ----------------------


@pytest.mark.parametrize("how", ["missing", "einval", "winerror"])
def test_a_new_file_is_created_without_hard_links(tmp_path, monkeypatch, how):
    if how == "missing":
        monkeypatch.delattr(os, "link")
    else:
        def no_links(*_a):
            exc = OSError(errno.EINVAL if how == "einval" else errno.EIO, "no links here")
            if how == "winerror":
                exc.winerror = 1  # ERROR_INVALID_FUNCTION, as Windows says on a FAT drive
            raise exc
        monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "new.json"
    atomic.write_file(target, b"{}", prefix=".tmp-", replace=False)
    assert target.read_bytes() == b"{}"
    with pytest.raises(FileExistsError):
        atomic.write_file(target, b"[]", prefix=".tmp-", replace=False)
    assert target.read_bytes() == b"{}" and temp_files(tmp_path) == []


# --- paths longer than Windows allows --------------------------------------------------------


def test_a_path_too_long_for_windows_is_named_as_such_not_as_a_missing_folder(tmp_path, monkeypatch):
    from workshop.export import ExportError, ExportOptions, export_record
    from workshop.store import save_error_message

    monkeypatch.setattr(platform, "WINDOWS", True)
    deep = tmp_path / ("a-folder-synced-by-onedrive-" * 4) / ("and-another-one-inside-" * 4)
    deep.mkdir(parents=True)
    real_mkstemp = atomic.tempfile.mkstemp

    def mkstemp(**kwargs):  # what Windows does past 260 characters without long paths
        name = os.path.join(kwargs["dir"], kwargs["prefix"] + "x" + kwargs["suffix"])
        if len(name) > platform.WINDOWS_MAX_PATH:
            raise FileNotFoundError(errno.ENOENT, "The system cannot find the path specified", name)
        return real_mkstemp(**kwargs)

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    with pytest.raises(OSError) as caught:
        atomic.write_file(deep / "riverside-cmht-team-day.json", b"{}", prefix=".tmp-")
    message = save_error_message(caught.value)
    assert "longer than Windows allows" in message and "no longer exists" not in message
    with pytest.raises(ExportError, match="longer than Windows allows"):
        export_record({"workshop": {"title": "Riverside"}}, deep / "riverside-2027-01-10.md", ExportOptions("md"))
    monkeypatch.setattr(platform, "WINDOWS", False)
    assert "no longer exists" in save_error_message(caught.value)
