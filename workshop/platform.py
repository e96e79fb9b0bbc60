"""What differs between Linux, macOS and Windows laptops, kept in one place.

Health services mostly hand out Windows laptops, planning groups bring Macs, and the team
that built Team Day works on Linux. Every call here that exists only on some systems has a
fallback, and each fallback is exercised by tests that take the call away (monkeypatch)
rather than by hoping someone tries it on the right laptop. docs/PLATFORMS.md lists what
differs and how each difference was tested.

Rules for the fallbacks: when something cannot be known (is that process still running?),
answer the way that never lets two windows write one workshop; when something cannot be
done and does not matter on that system (syncing a folder on Windows), skip it quietly;
when something fails that matters (a save), say so in words a facilitator understands.
Plain standard library only: the exporter and the store both use it.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any, Callable

WINDOWS = os.name == "nt"
MACOS = sys.platform == "darwin"

# Names Windows will not give to a file, whatever the extension or case ("con.json" is the
# console): a folder synced to a Windows laptop must not hold one.
RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", "conin$", "conout$",
                            *(f"com{n}" for n in "0123456789¹²³"), *(f"lpt{n}" for n in "0123456789¹²³")})

# Windows paths longer than this fail unless the laptop has long paths switched on, which
# managed health-service laptops rarely do.
WINDOWS_MAX_PATH = 259


# --- opening files ------------------------------------------------------------------------


def flag(name: str) -> int:
    """An `os.O_...` flag, or 0 where the system has none (O_NOFOLLOW, O_NONBLOCK and
    O_CLOEXEC are missing on Windows; O_BINARY exists only there). Looked up at each call,
    so a test can take one away."""
    return getattr(os, name, 0)


def read_flags() -> int:
    # O_BINARY: without it Windows opens in text mode, turning \r\n into \n and stopping at
    # the byte 0x1A, so a file would not read back as the bytes that were saved.
    return os.O_RDONLY | flag("O_NONBLOCK") | flag("O_CLOEXEC") | flag("O_BINARY")


def create_new_flags() -> int:
    """Create a file that must not exist yet. Without O_NOFOLLOW a link in its place still
    cannot be followed: O_CREAT | O_EXCL refuses any existing name, a dangling link too."""
    return os.O_WRONLY | os.O_CREAT | os.O_EXCL | flag("O_NOFOLLOW") | flag("O_CLOEXEC") | flag("O_BINARY")


def opens_without_blocking() -> bool:
    """Whether opening a pipe returns at once. Where it would wait for a writer instead,
    the caller looks at what the name is before opening it."""
    return flag("O_NONBLOCK") != 0


# --- durability and permissions --------------------------------------------------------------


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable. Windows cannot open a folder as a file (and its
    file systems journal the rename themselves): skipped there, and wherever opening the
    folder fails. The data itself was synced before the rename."""
    if WINDOWS:
        return
    try:
        fd = os.open(folder, os.O_RDONLY | flag("O_DIRECTORY"))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def set_mode(fd: int, path: str | Path, mode: int) -> None:
    """Give a file its permissions where the system has them. Windows knows only
    'read-only' (os.fchmod is missing before Python 3.13), FAT drives and some network
    shares know none: a file then keeps what the folder gives it, and the save goes on."""
    try:
        fchmod = getattr(os, "fchmod", None)
        if fchmod is not None and not WINDOWS:
            fchmod(fd, mode)
        elif mode & 0o200:  # never make the file read-only: the next save must replace it
            os.chmod(path, mode)
    except (OSError, NotImplementedError):
        pass


# --- replacing a file another program holds open -------------------------------------------


class FileBusyError(PermissionError):
    """The file could not be replaced, even after waiting: on Windows another program (a
    sync app, a virus checker, Word with the record open) holds it. Nothing was changed."""

    def __init__(self, path: Path, waited: float):
        self.path, self.waited = Path(path), waited
        super().__init__(errno.EACCES, f"{self.path.name} is open in another program", str(path))

    def advice(self) -> str:
        return (f"{self.path.name} is open in another program (a sync app, a virus checker, or Word) or this "
                "account may not change it")


# Pauses between tries when Windows refuses to replace a file that is open elsewhere: a
# virus checker or OneDrive usually lets go within a second. Elsewhere a refusal is final.
_BUSY_PAUSES = (0.05, 0.1, 0.2, 0.4, 0.8)


def busy_pauses() -> tuple[float, ...]:
    return _BUSY_PAUSES if WINDOWS else ()


def replace(src: str | Path, dst: str | Path, *, sleep: Callable[[float], None] | None = None) -> None:
    """`os.replace`, tried again for a moment while another program holds `dst` open
    (Windows). If it never lets go: FileBusyError, and `src` and `dst` are as they were."""
    pauses = busy_pauses()
    waited = 0.0
    for pause in (*pauses, None):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if pause is None:
                if pauses:
                    raise FileBusyError(Path(dst), waited) from None
                raise
        (sleep or time.sleep)(pause)
        waited += pause


# --- names -----------------------------------------------------------------------------------


def is_reserved_name(name: str) -> bool:
    """Whether Windows refuses `name` as a file name: CON, NUL, COM1... with any extension,
    in any case, and with trailing dots or spaces, which Windows drops."""
    stem = name.split(".", 1)[0].rstrip(" .").lower()
    return stem in RESERVED_NAMES


def too_long_for_windows(path: Path) -> bool:
    return len(str(Path(path).absolute())) > WINDOWS_MAX_PATH


def path_too_long(exc: OSError) -> bool:
    """Whether Windows refused a path for its length. It says 'not found' then, which would
    send the facilitator looking for a folder that is there."""
    if not WINDOWS:
        return False
    names = (exc.filename, getattr(exc, "filename2", None))
    return any(isinstance(n, (str, os.PathLike)) and too_long_for_windows(Path(n)) for n in names)


PATH_TOO_LONG = ("the folder's path is longer than Windows allows (260 characters); choose a folder nearer "
                 "the top of the drive, or a shorter name")


def explain_refusal(exc: OSError) -> str | None:
    """What a facilitator needs to hear about a write refused for a reason only some systems
    have, or None for the ordinary reasons (a full disk, a read-only folder)."""
    if isinstance(exc, FileBusyError):
        return f"{exc.advice()}; close it there or wait a moment, then try again"
    if path_too_long(exc):
        return PATH_TOO_LONG
    return None


# --- where an account keeps its own data ------------------------------------------------------


def data_home() -> Path:
    """The folder for this account's own small files (the install token). XDG_DATA_HOME
    wins everywhere (the tests use it). Windows: the local, not the roaming, application data,
    so two laptops of one roaming profile still tell themselves apart."""
    given = os.environ.get("XDG_DATA_HOME")
    if given:
        return Path(given)
    if WINDOWS and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"])
    if MACOS:
        return Path(os.path.expanduser("~")) / "Library" / "Application Support"
    return Path(os.path.expanduser("~")) / ".local" / "share"


# --- the console -------------------------------------------------------------------------------


def console_never_fails() -> None:
    """Windows writes to a pipe or a file in its old code page (cp1252), and so does a
    terminal set to ASCII: a title in Welsh, or with an arrow, would stop `workshop list`
    with an error. Characters the console cannot hold are shown as '?' instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is None or getattr(stream, "errors", "strict") != "strict":
            continue
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError, TypeError):
            pass


# --- signals ---------------------------------------------------------------------------------


def termination_signals() -> tuple[int, ...]:
    """The signals that mean 'the window closed' (SIGHUP), 'the computer is shutting down'
    (SIGTERM) or, on Windows, Ctrl+Break (SIGBREAK). Windows has no SIGHUP: closing a console
    window ends the process there within seconds, after every entered item was saved."""
    return tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM", "SIGBREAK") if hasattr(signal, name))


# --- processes: is the holder of a lock still running? -----------------------------------


def pid_alive(pid: int) -> bool:
    """Whether process `pid` runs on this computer. When that cannot be told, True: a lock
    is then kept (the facilitator is told who holds it) rather than taken from a live window."""
    if pid <= 0:
        return False
    if WINDOWS:
        # Never os.kill there: with 0 it sends Ctrl+C to the holder's console, with any
        # other number it ends the holder outright.
        return _windows_pid_alive(pid)
    kill = getattr(os, "kill", None)
    if kill is None:
        return True
    try:
        kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, under another account
    except (OverflowError, OSError):
        return False
    return True


def boot_id() -> str:
    """Something that changes each time the computer starts, or "" where nothing is found
    (a lock is then judged by its process alone)."""
    if MACOS:
        return _mac_boot_session()
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def process_start(pid: int) -> str:
    """When `pid` started, to tell it from a later process given the same number; "" where
    it cannot be found. Linux: clock ticks since boot; Windows and macOS: the start time."""
    try:
        if WINDOWS:
            return _windows_process_start(pid)
        if MACOS:
            return _mac_process_start(pid)
    except Exception:  # noqa: BLE001 - a foreign call that fails (ctypes.ArgumentError too) must not stop an open
        return ""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    try:
        return stat.rsplit(")", 1)[1].split()[19]
    except IndexError:
        return ""


# Windows: ask the kernel about the process by handle. Tests replace `_kernel32` with a fake.
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_STILL_ACTIVE = 259
_ERROR_ACCESS_DENIED = 5


def _kernel32() -> Any:
    import ctypes
    from ctypes import wintypes

    k32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    k32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    k32.OpenProcess.restype = wintypes.HANDLE
    k32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    # A FILETIME is two little-endian 32-bit halves: the same bytes as one 64-bit number.
    k32.GetProcessTimes.argtypes = (wintypes.HANDLE, *[ctypes.POINTER(ctypes.c_ulonglong)] * 4)
    k32.CloseHandle.argtypes = (wintypes.HANDLE,)
    return k32


def _last_error() -> int:
    import ctypes

    return ctypes.get_last_error()  # type: ignore[attr-defined]


def _windows_pid_alive(pid: int) -> bool:
    import ctypes

    try:
        k32 = _kernel32()
        handle = k32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            return _last_error() == _ERROR_ACCESS_DENIED  # it runs, under another account
        try:
            code = ctypes.c_ulong(0)
            if not k32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == _STILL_ACTIVE
        finally:
            k32.CloseHandle(handle)
    except Exception:  # noqa: BLE001 - unsure: the holder keeps its lock
        return True


def _windows_process_start(pid: int) -> str:
    import ctypes

    k32 = _kernel32()
    handle = k32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        return ""
    try:
        created, ended, kernel, user = (ctypes.c_ulonglong(0) for _ in range(4))
        if not k32.GetProcessTimes(handle, *(ctypes.byref(t) for t in (created, ended, kernel, user))):
            return ""
        return str(created.value)  # a FILETIME: 100 ns steps since 1601
    finally:
        k32.CloseHandle(handle)


# macOS: the kernel's own answers through sysctl. Tests replace `_libc` with a fake.
_KINFO_PROC_SIZE = 648  # sizeof(struct kinfo_proc) on 64-bit macOS
_CTL_KERN, _KERN_PROC, _KERN_PROC_PID = 1, 14, 1


def _libc() -> Any:
    import ctypes
    import ctypes.util

    return ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)


def _mac_boot_session() -> str:
    """kern.bootsessionuuid: a new uuid each time the Mac starts."""
    import ctypes

    try:
        buf = ctypes.create_string_buffer(64)
        size = ctypes.c_size_t(len(buf))
        if _libc().sysctlbyname(b"kern.bootsessionuuid", buf, ctypes.byref(size), None, ctypes.c_size_t(0)) != 0:
            return ""
        return buf.value.decode("ascii", "replace").strip()
    except Exception:  # noqa: BLE001 - no boot id: locks are judged by their process alone
        return ""


def _mac_process_start(pid: int) -> str:
    """kinfo_proc.kp_proc.p_starttime (a timeval at the very start of the structure)."""
    import ctypes

    mib = (ctypes.c_int * 4)(_CTL_KERN, _KERN_PROC, _KERN_PROC_PID, pid)
    buf = ctypes.create_string_buffer(_KINFO_PROC_SIZE)
    size = ctypes.c_size_t(len(buf))
    if _libc().sysctl(mib, 4, buf, ctypes.byref(size), None, ctypes.c_size_t(0)) != 0 or size.value == 0:
        return ""
    seconds = int.from_bytes(buf.raw[0:8], "little", signed=True)
    micros = int.from_bytes(buf.raw[8:12], "little", signed=True)
    return f"{seconds}.{micros:06d}" if seconds > 0 else ""
