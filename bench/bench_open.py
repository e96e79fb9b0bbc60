"""Open a 2,000-item workshop and show each activity: the busiest must appear within 1 s.

For each activity the workshop file is set to resume there, then a fresh app opens it
(validation, backup, lock, composing all six views) and the time to the first painted
frame of that activity is taken. Imports are warmed first: this measures opening a
workshop, not starting Python (bench_startup.py does that).

    python bench/bench_open.py [--items 2000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.make_workshop import make_snapshot  # noqa: E402
from workshop import content  # noqa: E402
from workshop.store import Session  # noqa: E402
from workshop.tui.app import TeamDayApp  # noqa: E402

BUDGET_S = 1.0
META = ("id", "created_at", "updated_at")


def build(folder: Path, items: int) -> Path:
    snapshot = make_snapshot(n_items=items, seed=0)
    fields = {k: v for k, v in snapshot["workshop"].items() if k not in META}
    session = Session.create(folder / "busy.json", **fields)
    for table, records in snapshot.items():
        if table != "workshop" and isinstance(records, list) and records:
            session.insert_many(table, [{k: v for k, v in r.items() if k not in META} for r in records])
    session.close()
    return folder / "busy.json"


async def open_at(path: Path, activity: str) -> float:
    with Session.open(path) as session:
        session.update_workshop(current_activity=activity)
    started = time.perf_counter()
    app = TeamDayApp(sessions_dir=path.parent, open_path=path, exports_dir=path.parent)
    async with app.run_test(size=(120, 40)) as pilot:
        while type(app.screen).__name__ != "WorkshopScreen":
            await pilot.pause(0.01)
        await pilot.pause()
        elapsed = time.perf_counter() - started
    return elapsed


async def run(items: int, repeats: int) -> dict[str, list[float]]:
    folder = Path(tempfile.mkdtemp())
    path = build(folder, items)
    await open_at(path, "hopes_fears")  # warm imports and caches
    results: dict[str, list[float]] = {key: [] for key in content.ACTIVITY_KEYS}
    for _ in range(repeats):
        for key in content.ACTIVITY_KEYS:
            results[key].append(await open_at(path, key))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    results = asyncio.run(run(options.items, options.repeats))
    print(f"date: {date.today()}  machine: {platform.platform()}  Python {platform.python_version()}"
          f"  items: {options.items}")
    worst = 0.0
    for key, times in results.items():
        median = statistics.median(times)
        worst = max(worst, median)
        print(f"{key:16} open and show: median {median * 1000:7.1f} ms")
    print(f"busiest: {worst * 1000:.1f} ms (budget {BUDGET_S * 1000:.0f} ms)")
    sys.exit(0 if worst <= BUDGET_S else 1)


if __name__ == "__main__":
    main()
