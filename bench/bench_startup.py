"""Start to first screen: Team Day against a minimal Textual app, run side by side.

Each run is a fresh `python` process (imports included) that starts the app headless and
exits as soon as the first screen has been painted. Runs alternate between the two so that
machine noise hits both alike; the result is the ratio of medians.

    python bench/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Label

class Minimal(App):
    def compose(self):
        yield Label("Hello")
        yield Footer()

    def on_mount(self):
        self.call_after_refresh(self.exit)

Minimal().run(headless=True)
"""

TEAM_DAY = """
import sys
from pathlib import Path
from workshop.tui.app import TeamDayApp

class Timed(TeamDayApp):
    def on_mount(self):
        super().on_mount()
        self.call_after_refresh(lambda: self.call_after_refresh(self.exit))

folder = Path(sys.argv[1])
target = Path(sys.argv[2]) if len(sys.argv) > 2 else None
Timed(sessions_dir=folder, open_path=target).run(headless=True)
"""


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.platform()}; {cpu}; Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()

    from workshop.demo import create_demo

    folder = Path(tempfile.mkdtemp())
    demo = create_demo(folder)
    # Textual finds an app's CSS beside the file that defines it, so each app gets a file.
    minimal, team_day = folder / "minimal_app.py", folder / "team_day_app.py"
    minimal.write_text(MINIMAL)
    team_day.write_text(TEAM_DAY)
    cases = {
        "minimal Textual app": [sys.executable, str(minimal)],
        "Team Day home screen": [sys.executable, str(team_day), str(folder)],
        "Team Day demo workshop": [sys.executable, str(team_day), str(folder), str(demo)],
    }
    for args in cases.values():  # warm the file cache and byte-code
        timed(args)
    results: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(options.runs):
        for name, args in cases.items():
            results[name].append(timed(args))

    base = statistics.median(results["minimal Textual app"])
    print(f"date: {date.today()}  machine: {machine()}  runs: {options.runs}")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:26} median {median * 1000:7.1f} ms   ratio {median / base:5.2f}x")


if __name__ == "__main__":
    main()
