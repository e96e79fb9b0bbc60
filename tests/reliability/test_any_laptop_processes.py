"""Any laptop, part two: telling a live lock holder from a dead one without /proc (macOS,
Windows), signals Windows lacks, names Windows refuses, modules only POSIX has, and no POSIX
shell at run time. Each fallback is reached by taking the real call away."""

from __future__ import annotations

import ast
import ctypes
import getpass
import os
import pathlib
import signal
import socket
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

import workshop
from workshop import platform
from workshop.export import TargetRefused, check_target, default_export_path
from workshop.store import LockedError, Session, acquire_lock, lock_is_stale, lock_path, read_lock, release_lock
from workshop.store import slugify, unique_session_path
from workshop.tui.hangup import HangUp
from tests.unit.test_store_lock import dead_pid

PACKAGE = Path(workshop.__file__).parent


# --- no /proc (macOS, Windows, a locked-down container) ----------------------------------------


@pytest.fixture
def no_proc(monkeypatch):
    real = pathlib.Path.read_text
    asked: list[str] = []

    def read_text(self, *args, **kwargs):
        if str(self).startswith("/proc"):
            asked.append(str(self))
            raise FileNotFoundError(2, "No such file or directory", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "read_text", read_text)
    return asked


def test_without_proc_a_lock_is_judged_by_its_process_alone(saved_workshop, no_proc, tmp_path):
    lock = acquire_lock(saved_workshop)
    holder = orjson.loads(lock.read_bytes())
    assert no_proc, "/proc was never asked"
    assert holder["boot"] == "" and holder["started"] == "" and holder["pid"] == os.getpid()
    assert not lock_is_stale(holder), "this very process holds it"
    with pytest.raises(LockedError):
        Session.open(saved_workshop, fallback_read_only=False)
    release_lock(saved_workshop)

    # A lock left by a process that has ended is cleared on the next open.
    lock.write_bytes(orjson.dumps({"pid": dead_pid(), "host": socket.gethostname(), "boot": "", "started": ""}))
    with Session.open(saved_workshop) as session:
        assert not session.read_only
    # One written on a Linux laptop (boot id and start ticks) and synced here stays honoured
    # while its process number runs: nothing here can say it restarted.
    holder = {"pid": os.getppid(), "host": socket.gethostname(), "boot": "0b1c-from-linux", "started": "12345"}
    assert not lock_is_stale(holder)


# --- Windows: processes through the kernel, never os.kill ------------------------------------


class FakeKernel32:
    """What kernel32 answers about processes: `running` maps pid -> (exit code, start time)."""

    def __init__(self, running: dict[int, tuple[int, int]], denied: set[int] = frozenset()):
        self.running, self.denied, self.last_error, self.open_handles = running, denied, 0, 0

    def OpenProcess(self, access, inherit, pid):  # noqa: N802 - the Windows name
        assert access == 0x1000 and not inherit
        if pid in self.denied:
            self.last_error = 5
            return 0
        if pid not in self.running:
            self.last_error = 87
            return 0
        self.open_handles += 1
        return pid + 10_000

    def GetExitCodeProcess(self, handle, ref):  # noqa: N802
        ref._obj.value = self.running[handle - 10_000][0]
        return 1

    def GetProcessTimes(self, handle, created, *_rest):  # noqa: N802
        created._obj.value = self.running[handle - 10_000][1]
        return 1

    def CloseHandle(self, handle):  # noqa: N802
        self.open_handles -= 1
        return 1


class CheckedCall:
    """A kernel32 function as ctypes calls it: each argument must pass the `argtypes` that
    platform._kernel32 declares (a wrong pointer type raises ctypes.ArgumentError there)."""

    def __init__(self, behaviour):
        self.behaviour, self.argtypes, self.restype = behaviour, None, None

    def __call__(self, *args):
        assert self.argtypes is not None, "argtypes not declared"
        assert len(args) == len(self.argtypes)
        for argtype, arg in zip(self.argtypes, args):
            argtype.from_param(arg)
        return self.behaviour(*args)


class FakeWinDLL:
    def __init__(self, kernel: FakeKernel32):
        for name in ("OpenProcess", "GetExitCodeProcess", "GetProcessTimes", "CloseHandle"):
            setattr(self, name, CheckedCall(getattr(kernel, name)))


@pytest.fixture
def windows(monkeypatch):
    def kill(*_args):
        pytest.fail("os.kill on Windows sends Ctrl+C to the holder's window, or ends it")

    monkeypatch.setattr(platform, "WINDOWS", True)
    monkeypatch.setattr(os, "kill", kill)
    kernel = FakeKernel32({4242: (259, 133_000_000_000_000_000), 4343: (0, 133_000_000_000_000_111)},
                          denied={4444})
    monkeypatch.setattr(ctypes, "WinDLL", lambda name, use_last_error: FakeWinDLL(kernel), raising=False)
    monkeypatch.setattr(ctypes, "get_last_error", lambda: kernel.last_error, raising=False)
    return kernel


def test_on_windows_a_lock_holder_is_looked_up_without_signalling_it(windows):
    assert platform.pid_alive(4242)  # still active
    assert not platform.pid_alive(4343)  # exited, handle still around
    assert not platform.pid_alive(4545)  # no such process
    assert platform.pid_alive(4444)  # runs under another account
    assert platform.process_start(4242) == "133000000000000000"
    assert platform.process_start(4545) == ""
    assert windows.open_handles == 0, "a process handle was left open"

    here = socket.gethostname()
    assert not lock_is_stale({"pid": 4242, "host": here, "boot": "", "started": "133000000000000000"})
    assert lock_is_stale({"pid": 4242, "host": here, "boot": "", "started": "132999999999999999"}), "a reused pid"
    assert lock_is_stale({"pid": 4545, "host": here, "boot": "", "started": ""})


def test_on_windows_a_kernel_that_cannot_be_asked_keeps_the_lock(monkeypatch):
    monkeypatch.setattr(platform, "WINDOWS", True)

    def no_kernel():
        raise OSError("kernel32 is not there")

    monkeypatch.setattr(platform, "_kernel32", no_kernel)
    assert platform.pid_alive(4242), "unsure must mean 'still open', never two writers"
    assert platform.process_start(4242) == ""


def test_without_os_kill_a_process_is_taken_to_be_running(monkeypatch):
    monkeypatch.setattr(platform, "WINDOWS", False)
    monkeypatch.delattr(os, "kill")
    assert platform.pid_alive(dead_pid())
    assert not platform.pid_alive(0)


# --- macOS: sysctl instead of /proc ----------------------------------------------------------


class FakeLibc:
    def __init__(self, boot: bytes | None, started: tuple[int, int] | None):
        self.boot, self.started = boot, started

    def sysctlbyname(self, name, buf, size_ref, _new, _newlen):
        assert name == b"kern.bootsessionuuid"
        if self.boot is None:
            return -1
        ctypes.memmove(buf, self.boot + b"\0", len(self.boot) + 1)
        return 0

    def sysctl(self, mib, count, buf, size_ref, _new, _newlen):
        assert count == 4 and list(mib)[:3] == [1, 14, 1]
        if self.started is None:
            size_ref._obj.value = 0  # no such process
            return 0
        seconds, micros = self.started
        ctypes.memmove(buf, seconds.to_bytes(8, "little") + micros.to_bytes(4, "little"), 12)
        return 0


def test_on_a_mac_restarts_and_reused_pids_are_told_by_sysctl(monkeypatch, no_proc):
    monkeypatch.setattr(platform, "MACOS", True)
    monkeypatch.setattr(platform, "_libc", lambda: FakeLibc(b"5B0F1C9E-6D7A-4F43-9E1B-2A7C8D9E0F11", (1764661234, 56)))
    assert platform.boot_id() == "5B0F1C9E-6D7A-4F43-9E1B-2A7C8D9E0F11"
    assert platform.process_start(os.getpid()) == "1764661234.000056"
    assert not no_proc, "/proc was read on a Mac"
    here = socket.gethostname()
    me = {"pid": os.getpid(), "host": here, "boot": "5B0F1C9E-6D7A-4F43-9E1B-2A7C8D9E0F11",
          "started": "1764661234.000056"}
    assert not lock_is_stale(me)
    assert lock_is_stale({**me, "boot": "11111111-2222-3333-4444-555555555555"}), "written before a restart"
    assert lock_is_stale({**me, "started": "1764000000.000001"}), "a reused pid"

    monkeypatch.setattr(platform, "_libc", lambda: FakeLibc(None, None))
    assert platform.boot_id() == "" and platform.process_start(os.getpid()) == ""


# --- signals Windows does not have ------------------------------------------------------------


def test_without_sighup_a_closed_window_is_still_caught_by_sigterm(monkeypatch):
    monkeypatch.delattr(signal, "SIGHUP")
    hangup = HangUp()
    assert hangup.signals() == (signal.SIGTERM,)
    before = signal.getsignal(signal.SIGTERM)
    hangup.install()
    try:
        assert signal.getsignal(signal.SIGTERM) == hangup._received
    finally:
        hangup.uninstall()
    assert signal.getsignal(signal.SIGTERM) == before


def test_with_neither_signal_installing_does_nothing(monkeypatch):
    monkeypatch.delattr(signal, "SIGHUP")
    monkeypatch.delattr(signal, "SIGTERM")
    hangup = HangUp().install()
    assert hangup.signals() == () and not hangup.received
    hangup.uninstall()


def test_on_windows_ctrl_break_saves_and_closes_like_a_closed_window(monkeypatch):
    monkeypatch.delattr(signal, "SIGHUP")
    monkeypatch.setattr(signal, "SIGBREAK", 21, raising=False)  # its number on Windows
    assert HangUp.signals() == (signal.SIGTERM, 21)


# --- names Windows refuses, paths it cannot reach, folders that ignore case ------------------


@pytest.mark.parametrize("title", ["CON", "nul", "Com1", "LPT9", "aux", "prn", "Con."])
def test_a_title_that_windows_keeps_for_a_device_still_gets_a_file(session_dir, title):
    path = unique_session_path(session_dir, title)
    assert not platform.is_reserved_name(path.name), path.name
    assert path.name.endswith("-workshop.json")
    Session.create(path, title=title).close()
    assert path.exists()


def test_reserved_names_are_known_in_any_case_and_with_any_extension():
    for name in ("CON", "con.json", "Nul.docx", "COM3.md", "lpt1 .txt", "CON.", "com¹.json"):
        assert platform.is_reserved_name(name), name
    for name in ("console.json", "concerns.md", "com10.json", "nul-workshop.json", "team-con.json"):
        assert not platform.is_reserved_name(name), name
    assert slugify("Con") == "con-workshop"
    assert default_export_path({"workshop": {"title": "NUL", "date": "2027-01-10"}}, Path("x")).name \
        == "nul-2027-01-10.docx"


def test_on_windows_a_record_is_never_written_to_a_device_name(tmp_path, monkeypatch):
    monkeypatch.setattr(platform, "WINDOWS", True)
    for name in ("con.docx", "NUL", "Com1.md"):
        with pytest.raises(TargetRefused, match="Windows keeps for a device"):
            check_target(tmp_path / name, overwrite=True)
    check_target(tmp_path / "concerns.docx", overwrite=False)


def test_temporary_files_stay_short_enough_for_windows_paths(tmp_path, monkeypatch):
    from workshop import atomic

    made: list[str] = []
    real_mkstemp = atomic.tempfile.mkstemp

    def mkstemp(**kwargs):
        fd, name = real_mkstemp(**kwargs)
        made.append(os.path.basename(name))
        return fd, name

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    target = tmp_path / ("a-workshop-title-at-the-longest-a-slug-can-be-sixty-characters-2.json.bak")
    atomic.write_file(target, b"{}", prefix=".tmp-")
    assert made and len(made[0]) <= len(".tmp-") + 7 + 1 + 8 + 1 + 24 + 5, made[0]
    assert made[0].endswith(target.name[-24:])
    # Session names themselves: a slug is at most 60 characters, so a workshop in a folder
    # 170 characters deep still fits.
    deep = Path("C:/Users/firstname.lastname/OneDrive - NHS Trust/Documents") / ("x" * 90)
    assert not platform.too_long_for_windows(deep / (slugify("t" * 500) + "-99.json.lock"))


def test_a_sessions_folder_spelled_in_another_case_still_protects_its_workshops(tmp_path, monkeypatch):
    """macOS and Windows ignore case: 'Sessions/riverside.json' is the workshop in 'sessions'."""
    real = tmp_path / "sessions"
    real.mkdir()
    other_case = tmp_path / "SESSIONS"
    real_samefile = os.path.samefile

    def samefile(a, b):  # a case-insensitive file system, simulated
        a, b = os.fspath(a), os.fspath(b)
        if a.lower() == b.lower() and os.path.exists(a.lower().replace(str(tmp_path).lower(), str(tmp_path))):
            return True
        return real_samefile(a, b)

    monkeypatch.setattr(os.path, "samefile", samefile)
    with pytest.raises(TargetRefused, match="sessions folder"):
        check_target(other_case / "new-record.json", overwrite=True, sessions_dir=real)
    assert slugify("Riverside CMHT") == slugify("RIVERSIDE cmht"), "names never differ by case alone"


# --- the account name, and modules only POSIX has ---------------------------------------------


@pytest.mark.parametrize("error", [ImportError("No module named 'pwd'"), OSError("No username set"), KeyError(1000)])
def test_a_lock_is_taken_when_the_account_name_cannot_be_found(saved_workshop, monkeypatch, error):
    def getuser():
        raise error

    monkeypatch.setattr(getpass, "getuser", getuser)
    acquire_lock(saved_workshop)
    assert read_lock(saved_workshop)["user"] == ""
    release_lock(saved_workshop)
    assert not lock_path(saved_workshop).exists()


def test_every_module_imports_without_the_modules_only_posix_has():
    """termios, tty, fcntl, pwd, grp, resource and pty do not exist on Windows. Only the
    terminal driver built on Textual's Linux driver may need them, and the app asks for it
    only when Textual picked that driver."""
    code = (
        "import sys, pkgutil, importlib, workshop\n"
        "for name in ('termios', 'tty', 'fcntl', 'pwd', 'grp', 'resource', 'pty'):\n"
        "    sys.modules[name] = None\n"
        "names = [n for _f, n, _p in pkgutil.walk_packages(workshop.__path__, 'workshop.')\n"
        "         if n not in ('workshop.tui.driver', 'workshop.__main__')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "from workshop.tui.app import TeamDayApp\n"
        "import textual.app\n"
        "from textual.driver import Driver\n"
        "class Windows(Driver): pass\n"
        "textual.app.App.get_driver_class = lambda self: Windows\n"
        "assert TeamDayApp.get_driver_class(object.__new__(TeamDayApp)) is Windows\n"
        "assert 'workshop.tui.driver' not in sys.modules\n"
        "print(len(names))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 50


def test_nothing_runs_a_shell_or_another_program_at_run_time():
    """A POSIX shell is not there on Windows: the package never starts one (nor any program)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
                if any(n and n.split(".")[0] in {"subprocess", "pty", "pexpect"} for n in names):
                    found.append(f"{path.name}:{node.lineno} imports {names}")
            elif isinstance(node, ast.Attribute) and node.attr in {"system", "popen", "spawnl", "spawnv",
                                                                     "execv", "execvp", "startfile"}:
                found.append(f"{path.name}:{node.lineno} calls os.{node.attr}")
            elif isinstance(node, ast.keyword) and node.arg == "shell":
                found.append(f"{path.name}:{node.lineno} shell=")
    scripts = [p.name for p in PACKAGE.rglob("*") if p.suffix in {".sh", ".bash"}]
    assert found == [] and scripts == []


def test_a_title_a_windows_pipe_cannot_hold_does_not_stop_workshop_list(session_dir, monkeypatch):
    """Windows writes to a pipe in cp1252: 'Cwm Taf → Ŵyl' cannot be written there."""
    import io

    from tests.helpers.sessions import build_workshop
    from workshop import cli

    build_workshop(session_dir / "cwm-taf.json", items=1, title="Cwm Taf → Ŵyl team day")
    raw = io.BytesIO()
    pipe = io.TextIOWrapper(raw, encoding="cp1252", errors="strict", write_through=True)
    monkeypatch.setattr(sys, "stdout", pipe)
    assert cli.main(["--sessions-dir", str(session_dir), "list"]) == cli.OK
    assert "Cwm Taf ? ?yl team day" in raw.getvalue().decode("cp1252")


def test_every_text_read_and_write_names_its_encoding():
    """Without one, Windows reads and writes text in cp1252: a guide's dash or a Welsh name
    would come back as other letters."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            keywords = {k.arg for k in node.keywords}
            if name in {"read_text", "write_text"} and "encoding" not in keywords and len(node.args) < 1 + (
                    name == "write_text"):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} {name}")
            elif name == "open" and isinstance(func, ast.Name):
                mode = node.args[1].value if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) else "r"
                if "b" not in str(mode) and "encoding" not in keywords:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} open")
    assert found == []


def test_the_install_token_lives_where_each_system_keeps_an_accounts_data(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "AppData" / "Local"))
    assert platform.data_home() == tmp_path / ".local" / "share"
    monkeypatch.setattr(platform, "MACOS", True)
    assert platform.data_home() == tmp_path / "Library" / "Application Support"
    monkeypatch.setattr(platform, "MACOS", False)
    monkeypatch.setattr(platform, "WINDOWS", True)
    assert platform.data_home() == tmp_path / "AppData" / "Local", "the local folder: it does not roam"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "chosen"))
    assert platform.data_home() == tmp_path / "chosen"
