"""Work to the first drawn frame, counted in instructions: a measure the machine's noise
cannot move.

On a shared virtual machine the wall-clock figures of bench_tmux.py drift by a third between
launches a minute apart, so a change worth a few per cent cannot be seen in them without very
long runs. Here each app runs once under valgrind (callgrind) in the same tmux pane as
bench_tmux.py, with the same files and the same stopwatch hook; the process ends at the first
frame that shows what the measure waits for (every workshop for "home"; both counts and the
items for "open"), and callgrind reports how many instructions it ran to get there. The ratio
Team Day / minimal app is the figure to compare with the budgets; it leaves out waiting (disk
syncs, the terminal), which bench_tmux.py includes.

Needs tmux and valgrind. Each launch takes 10 to 30 seconds under valgrind.

    python bench/bench_instructions.py [--only open,home] [--repeats 2]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import bench_tmux as tmux_bench  # noqa: E402

# Ends the process at the first frame holding every expected word (see bench_tmux.HOOK).
STOP = r'''
import os
import sys
import runpy

import paint_hook

_WORDS = [w for w in os.environ.get("BENCH_WORDS", "").split("|") if w]
_seen = set()
_hooked = paint_hook.hooked


def hooked(driver_class):
    class Stop(_hooked(driver_class)):
        def write(self, data):
            super().write(data)
            _seen.update(w for w in _WORDS if w in data)
            if len(_seen) == len(_WORDS):
                os._exit(0)

    return Stop


paint_hook.hooked = hooked
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
'''


def count(bench: tmux_bench.Bench, app: str, case: str) -> int:
    words = bench.titles if case == "home" else ["Hopes (1000)", "Fears (1000)", tmux_bench.ITEM_WORD]
    log, env = bench._env(words)
    command, _ = bench._command(app, case)
    out = bench.root / f"callgrind-{bench.runs}.out"
    stop = bench.root / "stop_at_first_frame.py"
    valgrind = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}"]
    tmux_bench.launch([*valgrind, command[0], str(stop), *command[1:]], env)
    deadline = time.monotonic() + 300
    while not tmux_bench.pane_dead():
        if time.monotonic() > deadline:
            raise RuntimeError(f"{app} {case}: no complete frame under valgrind in 5 minutes")
        time.sleep(0.2)
    found = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE) if out.exists() else None
    if found is None:
        raise RuntimeError(f"{app} {case}: callgrind wrote no count")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="open,home")
    parser.add_argument("--repeats", type=int, default=2, help="launches per app and case (median taken)")
    options = parser.parse_args()
    for tool in ("tmux", "valgrind"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed")
    root = Path(tempfile.mkdtemp(prefix="bench-instructions-"))
    bench = tmux_bench.Bench(root)
    (root / "stop_at_first_frame.py").write_text(STOP)
    tmux_bench.start_server()
    print(f"machine: {tmux_bench.machine()}", flush=True)
    try:
        for app in ("minimal", "team"):  # compile byte-code, warm the file cache
            bench.first_draw(app, "open")
            bench.first_draw(app, "home")
        for case in options.only.split(","):
            counts: dict[str, list[int]] = {"team": [], "minimal": []}
            for _ in range(options.repeats):
                for app in ("minimal", "team"):
                    counts[app].append(count(bench, app, case))
            team, minimal = statistics.median(counts["team"]), statistics.median(counts["minimal"])
            budget = tmux_bench.BUDGETS[case]
            print(f"{case:6} Team Day {team / 1e9:6.3f} G instructions  minimal {minimal / 1e9:6.3f} G  "
                  f"ratio {team / minimal:5.2f}x (budget {budget}x: {'within' if team / minimal <= budget else 'OVER'})",
                  flush=True)
    finally:
        tmux_bench.stop_server()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "")
    main()
