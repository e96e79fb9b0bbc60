"""The long crash campaign: SIGKILL a writer editing a 2,000-item workshop, then an exporter
writing its record, at random instants, many times, and print the figures.

    python bench/crash_campaign.py [--kills 500] [--export-kills 100] [--seed N] [--keep DIR]

After every kill the session file must load and equal the state before or after the change
that was interrupted, and every record under its final name must be a whole .docx; the
temporary files kills leave must be swept by the next run. Exit code 0 when no torn file
was found, 1 otherwise. The CI-size versions are tests/unit/test_store_kill.py (50 kills)
and tests/reliability/test_crash_export.py (20 kills). Paste the output into
docs/RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.helpers.crash import Figures, TornFile, export_campaign, store_campaign  # noqa: E402


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}")


def run(name: str, campaign, folder: Path, kills: int, seed: int) -> tuple[Figures, float]:
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if done % 50 == 0 or done == total:
            print(f"  {name}: {done}/{total} kills, {time.perf_counter() - started:.0f} s", file=sys.stderr,
                  flush=True)

    try:
        fig = campaign(folder, kills, seed, progress=progress)
    except TornFile as exc:
        fig = exc.figures
        fig.notes.append(str(exc))
    return fig, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=500, help="kills of the store writer (default 500)")
    parser.add_argument("--export-kills", type=int, default=None,
                        help="kills of the exporter (default: a fifth of --kills, at least 20)")
    parser.add_argument("--seed", type=int, default=None, help="replay a run (default: random)")
    parser.add_argument("--keep", type=Path, default=None, help="work in DIR and keep it (default: a temp dir)")
    args = parser.parse_args(argv)
    export_kills = args.export_kills if args.export_kills is not None else max(20, args.kills // 5)
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")

    work = args.keep or Path(tempfile.mkdtemp(prefix="crash-campaign-"))
    print(f"# Crash campaign, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, seed {seed}")
    print(f"# {machine()}")
    store, store_s = run("store", store_campaign, work / "store", args.kills, seed)
    export, export_s = run("export", export_campaign, work / "export", export_kills, seed)
    print()
    print("| campaign | kills | mid-change kills | landed after | states verified | temp files left / swept "
          "| torn files | steps | time |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, fig, secs in (("store (2,000-item workshop, edits)", store, store_s),
                            ("export (2,000-item record, .docx)", export, export_s)):
        print(f"| {name} | {fig.kills} | {fig.mid_change} | {fig.landed_after} | {fig.states_verified} "
              f"| {fig.temp_files_left} / {fig.temp_files_swept} | {fig.torn} | {fig.steps} | {secs:.0f} s |")
    for fig in (store, export):
        for note in fig.notes:
            print(f"\nTORN: {note}")
    if args.keep is None and not (store.torn or export.torn):
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    elif store.torn or export.torn:
        print(f"\nThe files are kept in {work}.")
    return 1 if store.torn or export.torn else 0


if __name__ == "__main__":
    sys.exit(main())
