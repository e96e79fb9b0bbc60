"""A writer killed with SIGKILL at random instants never leaves a torn or half-changed file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import writer
from tests.helpers.sessions import build_workshop
from workshop.store import Session, lock_is_stale, read_lock, read_session_file

KILLS = 50
WRITER = Path(writer.__file__)


def projection(data: dict) -> dict[str, str | None]:
    """{id: text} of every hope and fear; None for a tombstone."""
    return {
        r["id"]: (None if "deleted_at" in r else r["text"])
        for r in data["hopes_fears"].values()
    }


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".tmp-"))


def run_until_killed(path: Path, first_step: int, rng: random.Random) -> list[str]:
    """Start a writer, kill it a random moment after it opened the file; return its words."""
    errors = path.with_name("writer-stderr.txt")
    with errors.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), str(first_step)],
            stdout=subprocess.PIPE, stderr=err, text=True,
        )
        ready = proc.stdout.readline().strip()
        if ready != "ready rw":
            proc.kill()
            proc.wait()
            raise AssertionError(f"writer did not open the workshop for writing: {ready!r} {errors.read_text()}")
        time.sleep(rng.uniform(0.0, 0.08))
        os.kill(proc.pid, signal.SIGKILL)
        # Read through the same buffered stream as readline(): lines it already buffered count.
        out = proc.stdout.read()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, errors.read_text()
    return out.split()


def test_sigkill_at_random_instants_leaves_the_old_or_the_new_file(session_dir: Path):
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    path = build_workshop(session_dir / "kill.json", items=writer.BASE_ITEMS, ids=writer.BASE_PREFIX)
    state = projection(read_session_file(path))
    step, interrupted, landed, temps_left = 0, 0, 0, 0
    for kill in range(KILLS):
        words = run_until_killed(path, step, rng)
        intents = [int(n) for verb, n in zip(words[::2], words[1::2]) if verb == "intent"]
        done = {int(n) for verb, n in zip(words[::2], words[1::2]) if verb == "done"}
        data = read_session_file(path)  # raises if torn or invalid
        temps_left += len(temp_files(session_dir))
        now = projection(data)
        if not intents:
            assert now == state, f"seed {seed}, kill {kill}: changed before any change began"
            continue
        last = intents[-1]
        before = state
        for n in range(step, last):
            before = writer.apply_plan(before, n)
        after = writer.apply_plan(before, last)
        assert now in (before, after), f"seed {seed}, kill {kill}: state is neither before nor after step {last}"
        if last not in done:
            interrupted += 1
            landed += now == after
        assert lock_is_stale(read_lock(path)), f"seed {seed}: the dead writer's lock should be stale"
        state, step = now, (last + 1 if now == after else last)
    # Most kills should land inside a change, or the test proves nothing.
    assert interrupted >= KILLS // 5, f"seed {seed}: only {interrupted} kills interrupted a change"
    assert step > KILLS, f"seed {seed}: the writers made too little progress ({step} steps)"
    assert temps_left > 0, f"seed {seed}: no kill left a temp file, so sweeping was not tested"

    print(f"seed {seed}: {interrupted} kills mid-change ({landed} after it), {temps_left} temp files left")
    left = temp_files(session_dir)
    with Session.open(path, fallback_read_only=False) as session:
        assert not session.read_only
        assert temp_files(session_dir) == [], f"temp files not swept: {left}"
        assert {r["id"]: r["text"] for r in session.records("hopes_fears")} == {
            rid: text for rid, text in state.items() if text is not None
        }
    assert read_lock(path) is None
    read_session_file(path.with_name(path.name + ".bak"))
