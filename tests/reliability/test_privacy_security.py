"""Privacy and security: private file modes whatever the umask, no network anywhere, session
names that cannot leave the sessions folder, planted symlinks that are never followed to
write, and a record that never holds what the room did not agree to share."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

from tests.helpers.sessions import build_workshop, fingerprint
from workshop import cli
from workshop.export import ExportOptions, export_record
from workshop.export.atomic import TMP_PREFIX
from workshop.history import History
from workshop.store import Session, backup_path, lock_path, read_session_file, restore_backup

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022, 0o077], ids=["umask-000", "umask-022", "umask-077"])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_every_file_we_write_is_0600_whatever_the_umask(tmp_path, umask, monkeypatch, capsys):
    """Session, backup, lock, temp files (seen as they are renamed into place), damaged copy,
    restored file, and both kinds of record."""
    seen: dict[str, int] = {}
    real_replace, real_link = os.replace, os.link

    def spy(real):
        def wrapped(src, dst, *args, **kwargs):
            seen[Path(src).name] = stat.S_IMODE(os.stat(src).st_mode)
            return real(src, dst, *args, **kwargs)
        return wrapped

    monkeypatch.setattr(os, "replace", spy(real_replace))
    monkeypatch.setattr(os, "link", spy(real_link))
    folder = tmp_path / "sessions"
    assert cli.main(["--sessions-dir", str(folder), "new", "Private day", "--no-open"]) == cli.OK
    path = Path(capsys.readouterr().out.strip())
    with Session.open(path) as session:
        session.insert("hopes_fears", kind="fear", text="sensitive")
        files = [path, backup_path(path), lock_path(path)]
        assert {p.name: mode(p) for p in files} == {p.name: 0o600 for p in files}
    for fmt in ("docx", "md"):
        out = tmp_path / f"record.{fmt}"
        assert cli.main(["export", str(path), "--format", fmt, "--out", str(out), "--include-names"]) == cli.OK
        assert mode(out) == 0o600, fmt
        export_record({"workshop": {"title": "x"}}, out, ExportOptions(fmt), overwrite=True)
        assert mode(out) == 0o600, f"{fmt}, replaced"
    path.write_bytes(b"damaged")
    damaged = restore_backup(path)
    assert mode(damaged) == 0o600 and mode(path) == 0o600
    assert mode(folder) & 0o077 == 0, "the sessions folder the app makes is private too"
    temps = {name: m for name, m in seen.items() if name.startswith(".tmp-")}
    assert any(n.startswith(TMP_PREFIX) for n in temps) and any(not n.startswith(TMP_PREFIX) for n in temps)
    assert set(temps.values()) == {0o600}, temps


NO_NETWORK = r"""
import importlib, pkgutil, socket, sys, tempfile
from pathlib import Path

attempts = []

def refuse(name):
    def fail(*args, **kwargs):
        attempts.append(name)
        raise AssertionError(f"network use: socket.{name}{args!r}")
    return fail

class NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        refuse("socket")(*args)

socket.socket = NoSocket
for name in ("create_connection", "create_server", "getaddrinfo", "gethostbyname", "gethostbyname_ex",
             "gethostbyaddr", "socketpair", "fromfd"):
    setattr(socket, name, refuse(name))

import workshop
# workshop.__main__ is `python -m workshop` itself: importing it runs the app.
modules = [m.name for m in pkgutil.walk_packages(workshop.__path__, "workshop.") if m.name != "workshop.__main__"]
for name in modules:
    importlib.import_module(name)
assert "workshop.tui.app" in sys.modules and "textual" in sys.modules

from workshop import cli
from workshop.actions import send_to_action_plan
from workshop.history import History
from workshop.store import Session
folder = Path(tempfile.mkdtemp())
assert cli.main(["--sessions-dir", str(folder), "new", "Offline day", "--no-open"]) == 0
path = folder / "offline-day.json"
with Session.open(path) as session:
    history = History(session)
    fear = history.insert("hopes_fears", kind="fear", text="See https://example.org and mailto:a@b.c")
    concern = history.insert("concerns", text="raised", from_fear=fear["id"])
    send_to_action_plan(history, "concerns", concern)
    history.insert("notes", activity="concerns", text="[a link](https://example.org) ![img](http://x/y.png)")
    history.undo(); history.redo()
assert cli.main(["check", str(path)]) == 0
for fmt in ("docx", "md"):
    assert cli.main(["export", str(path), "--format", fmt, "--out", str(folder / f"r.{fmt}")]) == 0
assert cli.main(["--sessions-dir", str(folder), "list"]) == 0
assert cli.main(["--sessions-dir", str(folder), "demo", "--no-open"]) == 0
print(f"OFFLINE OK: {len(modules)} modules imported, {len(attempts)} network attempts")
"""


def test_no_network_access_anywhere(tmp_path):
    """A fresh interpreter with every socket entry point failing the run, then every module
    under workshop imported (the screens too) and create, edit, undo, check, list, demo and
    export run."""
    result = subprocess.run([sys.executable, "-c", NO_NETWORK], capture_output=True, text=True, cwd=tmp_path,
                            timeout=120)
    assert result.returncode == 0 and "OFFLINE OK" in result.stdout, result.stdout + result.stderr
    assert ", 0 network attempts" in result.stdout


TITLES = ["../../x", "/etc/passwd", "..", ".", "con", "a/b", "~/x", "..\\..\\win", "\x00", ".hidden", "-rf"]


@pytest.mark.parametrize("title", TITLES)
def test_session_names_cannot_escape_the_sessions_folder(tmp_path, capsys, title):
    home, folder = tmp_path / "home", tmp_path / "home" / "sessions"
    home.mkdir()
    os.chdir(home)
    try:
        assert cli.main(["--sessions-dir", str(folder), "new", title, "--no-open"]) in (cli.OK, cli.USAGE)
    finally:
        os.chdir(ROOT)
    out = capsys.readouterr().out.strip()
    everything = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    if out:
        path = Path(out)
        assert path.parent == folder and path.resolve().parent == folder.resolve()
        assert not path.name.startswith((".", "-")) and path.suffix == ".json"
        assert everything == ["home", "home/sessions", f"home/sessions/{path.name}",
                              f"home/sessions/{path.name}.bak"]
    else:
        assert everything == ["home"], "a refused title leaves nothing behind"


# --- planted symlinks --------------------------------------------------------------------------


@pytest.fixture
def victim(tmp_path) -> Path:
    """Another file of the user's, outside the sessions folder, that must never be written."""
    path = tmp_path / "outside" / "victim.txt"
    path.parent.mkdir()
    path.write_bytes(b"the victim's own words\n")
    return path


def test_a_symlink_at_the_session_path_is_replaced_not_written_through(session_dir, victim):
    good = build_workshop(victim.parent / "elsewhere.json", items=2)
    before_good = fingerprint(good)
    link = session_dir / "w.json"
    link.symlink_to(good)
    with Session.open(link) as session:  # read through the link...
        session.insert("hopes_fears", kind="hope", text="saved here")
    assert fingerprint(good) == before_good  # ...but the save replaced the link itself
    assert not link.is_symlink() and read_session_file(link)["hopes_fears"]
    link.unlink()
    link.symlink_to(victim)  # a link to something that is not a workshop is refused outright
    for args in (["check", str(link)], ["export", str(link), "--out", str(session_dir / "r.md")]):
        assert cli.main(args) == cli.BAD_FILE
    assert victim.read_bytes() == b"the victim's own words\n"


@pytest.mark.parametrize("beside", ["backup", "lock"])
def test_symlinks_at_the_backup_or_lock_path_are_not_followed(saved_workshop, victim, beside):
    os.remove(backup_path(saved_workshop))
    planted = backup_path(saved_workshop) if beside == "backup" else lock_path(saved_workshop)
    planted.symlink_to(victim)
    old = 1_700_000_000
    os.utime(victim, (old, old))  # an old, unreadable "lock": stale, so it is cleared
    before = fingerprint(victim)
    with Session.open(saved_workshop) as session:
        session.insert("hopes_fears", kind="hope", text="x")
    assert fingerprint(victim) == before
    assert not planted.is_symlink() or beside == "lock"
    assert not lock_path(saved_workshop).exists()


def test_symlinks_at_predictable_temp_paths_are_not_followed(session_dir, victim, monkeypatch, capsys):
    """Temp names are random; make them predictable, plant links at them, save and export."""
    names = iter(["guess1", "guess2", "guess3", "guess4", "guess5", "guess6"] * 50)
    monkeypatch.setattr(tempfile, "_get_candidate_names", lambda: names)
    path = build_workshop(session_dir / "w.json", items=2)
    pid = os.getpid()
    for guess in ("guess1", "guess2"):
        (session_dir / f".tmp-{pid}-{guess}-w.json").symlink_to(victim)
        (session_dir / f"{TMP_PREFIX}{pid}-{guess}-r.docx.tmp").symlink_to(victim)
    before = fingerprint(victim)
    with Session.open(path) as session:
        for n in range(4):
            session.insert("hopes_fears", kind="hope", text=f"save {n}")
    assert cli.main(["export", str(path), "--out", str(session_dir / "r.docx")]) == cli.OK
    assert fingerprint(victim) == before
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    swept = session_dir / f".tmp-{dead.pid}-abcdef-w.json"  # a dead writer's "temp" that is a link
    swept.symlink_to(victim)
    with Session.open(path):
        pass
    assert not os.path.lexists(swept) and fingerprint(victim) == before, "sweeping removes the link only"


@pytest.mark.parametrize("force", [False, True])
def test_a_symlink_at_the_record_path_is_not_written_through(saved_workshop, victim, force, capsys):
    out = saved_workshop.parent / "record.docx"
    dangling = saved_workshop.parent / "new.docx"
    out.symlink_to(victim)
    dangling.symlink_to(victim.parent / "created-by-us.docx")
    before = fingerprint(victim)
    for target in (out, dangling):
        rc = cli.main(["export", str(saved_workshop), "--out", str(target), *(["--force"] if force else [])])
        assert rc == (cli.OK if force else cli.WRITE_FAILED)
    assert fingerprint(victim) == before and not (victim.parent / "created-by-us.docx").exists()
    assert out.is_symlink() != force and dangling.is_symlink() != force
