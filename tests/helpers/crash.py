"""The crash campaigns: a writer or an exporter killed with SIGKILL at random instants.

Shared by the CI-size tests (tests/unit/test_store_kill.py, tests/reliability/test_crash_export.py)
and the long run (bench/crash_campaign.py). Each campaign returns its figures and raises
`TornFile` at the first state that is neither the old nor the new one.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tests.helpers import exporter, writer
from tests.helpers.sessions import build_workshop
from workshop.export.atomic import is_temp_name
from workshop.store import Session, StoreError, backup_path, lock_is_stale, read_lock, read_session_file

WRITER = Path(writer.__file__)
EXPORTER = Path(exporter.__file__)


class TornFile(AssertionError):
    """A kill left a file that is neither the old nor the new one."""

    def __init__(self, message: str, figures: "Figures"):
        super().__init__(message)
        self.figures = figures


@dataclass
class Figures:
    kills: int = 0
    mid_change: int = 0  # kills that landed inside a change (store) or inside the save (export)
    landed_after: int = 0  # of those, how many left the new state
    states_verified: int = 0  # files read back and checked after a kill
    temp_files_left: int = 0  # temporary files the kills left behind...
    temp_files_swept: int = 0  # ...and how many of them the next run removed
    torn: int = 0
    steps: int = 0  # changes or exports started, over all runs
    notes: list[str] = field(default_factory=list)

    def line(self, what: str) -> str:
        return (f"{what}: {self.kills} kills, {self.mid_change} mid-change ({self.landed_after} after it), "
                f"{self.states_verified} states verified, {self.temp_files_left} temp files left and "
                f"{self.temp_files_swept} swept, {self.torn} torn files, {self.steps} steps")


def _words(out: str) -> tuple[list[int], set[int], set[int]]:
    words = out.split()
    pairs = list(zip(words[::2], words[1::2]))
    intents = [int(n) for verb, n in pairs if verb == "intent"]
    saving = {int(n) for verb, n in pairs if verb == "saving"}
    done = {int(n) for verb, n in pairs if verb == "done"}
    return intents, saving, done


def _count_temps(fig: Figures, before: list[str], now: list[str]) -> list[str]:
    """Count the temporary files that appeared since the last look, and those that went."""
    fig.temp_files_left += len(set(now) - set(before))
    fig.temp_files_swept += len(set(before) - set(now))
    return now


def _mtime(path: Path) -> int | None:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return None


# --- the store -------------------------------------------------------------------------------


def projection(data: dict) -> dict[str, str | None]:
    """{id: text} of every hope and fear; None for a tombstone."""
    return {r["id"]: (None if "deleted_at" in r else r["text"]) for r in data["hopes_fears"].values()}


def store_temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".tmp-") and not is_temp_name(p.name))


def _until_written(stdout) -> list[str]:
    """What a held victim prints up to "written N" (its temporary file is then on disk)."""
    lines = []
    for line in stdout:
        lines.append(line)
        if line.startswith("written"):
            break
    return lines


def run_writer_until_killed(path: Path, first_step: int, rng: random.Random, max_delay: float = 0.08,
                            held: bool = False) -> str:
    """Start a writer, kill it a random moment after it opened the file (or, `held`, while
    its first save waits with the temporary file written); return what it printed."""
    errors = path.with_name("writer-stderr.txt")
    with errors.open("wb") as err:
        proc = subprocess.Popen([sys.executable, str(WRITER), str(path), str(first_step)]
                                + (["hold"] if held else []),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True)
        ready = proc.stdout.readline().strip()
        if ready != "ready rw":
            proc.kill()
            proc.wait()
            raise AssertionError(f"writer did not open the workshop for writing: {ready!r} {errors.read_text()}")
        lines = []
        if held:
            lines = _until_written(proc.stdout)
        else:
            time.sleep(rng.uniform(0.0, max_delay))
        os.kill(proc.pid, signal.SIGKILL)
        # Read through the same buffered stream as readline(): lines it already buffered count.
        out = "".join(lines) + proc.stdout.read()
        proc.wait()
        proc.stdin.close()
    assert proc.returncode == -signal.SIGKILL, errors.read_text()
    return out


def store_campaign(folder: Path, kills: int, seed: int, *, progress=None) -> Figures:
    """Kill a writer editing a 2,000-item workshop `kills` times (every tenth held with its
    temporary file written, so that sweeping is always tested); after each kill the file must
    load and equal the state before or after the interrupted change."""
    rng = random.Random(seed)
    fig = Figures()
    path = build_workshop(folder / "kill.json", items=writer.BASE_ITEMS, ids=writer.BASE_PREFIX)
    state = projection(read_session_file(path))
    step, left_before = 0, []
    for kill in range(kills):
        intents, _, done = _words(run_writer_until_killed(path, step, rng, held=kill % 10 == 9))
        fig.kills += 1
        # The writer just killed opened the file first, so it swept what the one before left.
        left_before = _count_temps(fig, left_before, store_temp_files(folder))
        try:
            data = read_session_file(path)
        except StoreError as exc:
            fig.torn += 1
            raise TornFile(f"seed {seed}, kill {kill}: the file does not load: {exc}", fig) from None
        now = projection(data)
        fig.states_verified += 1
        if not intents:
            if now != state:
                fig.torn += 1
                raise TornFile(f"seed {seed}, kill {kill}: changed before any change began", fig)
            continue
        last = intents[-1]
        fig.steps += len(intents)
        before = state
        for n in range(step, last):
            before = writer.apply_plan(before, n)
        after = writer.apply_plan(before, last)
        if now not in (before, after):
            fig.torn += 1
            raise TornFile(f"seed {seed}, kill {kill}: state is neither before nor after step {last}", fig)
        if last not in done:
            fig.mid_change += 1
            fig.landed_after += now == after
        assert lock_is_stale(read_lock(path)), f"seed {seed}: the dead writer's lock should be stale"
        state, step = now, (last + 1 if now == after else last)
        if progress:
            progress(kill + 1, kills)
    with Session.open(path, fallback_read_only=False) as session:
        assert not session.read_only
        _count_temps(fig, left_before, store_temp_files(folder))
        assert store_temp_files(folder) == [], f"seed {seed}: temp files not swept: {store_temp_files(folder)}"
        assert fig.temp_files_swept == fig.temp_files_left
        live = {r["id"]: r["text"] for r in session.records("hopes_fears")}
        assert live == {rid: text for rid, text in state.items() if text is not None}, f"seed {seed}"
    assert read_lock(path) is None
    read_session_file(backup_path(path))
    return fig


# --- the exporter ------------------------------------------------------------------------------


def export_temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if is_temp_name(p.name))


def record_is_complete(path: Path) -> bool:
    """A whole .docx: every member of the zip is intact and the body is well-formed XML."""
    try:
        with zipfile.ZipFile(path) as package:
            if package.testzip() is not None:
                return False
            body = package.read("word/document.xml")
            package.read("[Content_Types].xml")
        etree.fromstring(body, etree.XMLParser(huge_tree=True))
    except (OSError, zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        return False
    return True


def run_exporter_until_killed(folder: Path, first_step: int, rng: random.Random, *, aimed: bool,
                              held: bool = False, max_delay: float = 1.2) -> str:
    """Start an exporter and kill it: at a random instant (`aimed` False), a few
    milliseconds after it starts writing the finished file (`aimed` True), or (`held`) while
    it waits with its temporary file written but not yet in place."""
    errors = folder / "exporter-stderr.txt"
    with errors.open("wb") as err:
        proc = subprocess.Popen([sys.executable, str(EXPORTER), str(folder), str(first_step)]
                                + (["hold"] if held else []),
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True)
        ready = proc.stdout.readline().strip()
        if ready != "ready":
            proc.kill()
            proc.wait()
            raise AssertionError(f"exporter did not start: {ready!r} {errors.read_text()}")
        lines = []
        if held:
            lines = _until_written(proc.stdout)
            os.kill(proc.pid, signal.SIGKILL)
        elif aimed:
            for line in proc.stdout:  # wait for the save to begin, then strike within it
                lines.append(line)
                if line.startswith("saving"):
                    time.sleep(rng.uniform(0.0, 0.004))
                    break
            os.kill(proc.pid, signal.SIGKILL)
        else:
            timer = threading.Timer(rng.uniform(0.0, max_delay), os.kill, (proc.pid, signal.SIGKILL))
            timer.start()
            timer.join()
        out = "".join(lines) + proc.stdout.read()
        proc.wait()
        proc.stdin.close()
    assert proc.returncode == -signal.SIGKILL, errors.read_text()
    return out


def export_campaign(folder: Path, kills: int, seed: int, *, progress=None) -> Figures:
    """Kill an exporter of a 2,000-item workshop `kills` times (half at random instants, half
    aimed at the save, and of those every second one held with its temporary file written, so
    that sweeping is always tested). No record may ever be partial under its final name;
    temporary files left by a kill are swept by the next export into the folder."""
    rng = random.Random(seed)
    fig = Figures()
    step, left_before = 0, []
    for kill in range(kills):
        replaced = _mtime(folder / "record.docx")
        intents, saving, done = _words(run_exporter_until_killed(folder, step, rng, aimed=kill % 2 == 1,
                                                                    held=kill % 4 == 3))
        fig.kills += 1
        left_before = _count_temps(fig, left_before, export_temp_files(folder))
        for record in sorted(folder.glob("record*.docx")):
            fig.states_verified += 1
            if not record_is_complete(record):
                fig.torn += 1
                raise TornFile(f"seed {seed}, kill {kill}: {record.name} is partial", fig)
        if intents:
            last = intents[-1]
            fig.steps += len(intents)
            if last in saving and last not in done:
                fig.mid_change += 1
                out, overwrite = exporter.target(folder, last)
                fig.landed_after += _mtime(out) != (replaced if overwrite else None)
            step = last + 1
        if progress:
            progress(kill + 1, kills)
    # The next export, in this (live) process, sweeps what the last kill left.
    from workshop.export import ExportOptions, export_record

    export_record({"workshop": {"title": "After the kills"}}, folder / "after.md", ExportOptions("md"),
                  overwrite=True)
    _count_temps(fig, left_before, export_temp_files(folder))
    assert export_temp_files(folder) == [], f"seed {seed}: temp files not swept: {export_temp_files(folder)}"
    assert fig.temp_files_swept == fig.temp_files_left
    return fig
