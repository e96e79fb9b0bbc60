"""The programme across 200 workshops of 2,000 items, side by side with its floor: reading
and checking (validating) the same files, as `workshop check` does. Target: at most 1.5x.

    python bench/bench_programme.py [--workshops 200] [--items 2000] [--rounds 5] [--format docx]

The workshops are written once into a temporary folder, as the store saves them (one in
five a follow-up review of another, and forty teams). Each round times the floor, then the
programme, one after the other, so both see the same machine load; the ratio of the medians
is reported for processor time (the target: this process's own work, which other programs
on a shared machine disturb least) and for elapsed time. Paste the output into
docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_startup import machine  # noqa: E402
from bench.make_workshop import make_snapshot  # noqa: E402
from workshop.export import ExportOptions  # noqa: E402
from workshop.programme import gather, render  # noqa: E402
from workshop.store import dumps, read_session_file  # noqa: E402

TARGET = 1.5
TEAMS = 40


def as_file(snapshot: dict) -> dict:
    """A snapshot in the file's shape: each table a map of record numbers to records."""
    data: dict = {}
    for table, rows in snapshot.items():
        rows = rows if isinstance(rows, list) else [rows]
        data[table] = {str(i + 1): row for i, row in enumerate(rows)}
    data.setdefault("reviews", {})
    return data


def build(folder: Path, workshops: int, items: int) -> list[Path]:
    base = make_snapshot(n_items=items, seed=0)
    paths, ids = [], []
    for i in range(workshops):
        snap = {t: ([dict(r) for r in rows] if isinstance(rows, list) else dict(rows)) for t, rows in base.items()}
        ws = snap["workshop"]
        ws["id"] = f"{i:032x}"
        ws["team"] = f"Team {i % TEAMS + 1}"
        ws["title"] = f"Team {i % TEAMS + 1} day {i // TEAMS + 1}"
        ws["date"] = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
        for table, rows in snap.items():  # ids are unique within a file; make them differ across files too
            if isinstance(rows, list):
                for row in rows:
                    row["id"] = f"{i:04x}{row['id'][4:]}"
        if i % 5 == 4 and ids:
            earlier = ids[-1]
            ws["follows"] = {"id": earlier, "title": f"Earlier day {i}", "date": "2026-01-01"}
            snap["reviews"] = [{"id": f"{i:04x}r{n:027x}", "created_at": ws["created_at"],
                                "updated_at": ws["created_at"], "item_table": "actions", "item_id": a["id"],
                                "origin_id": a["id"], "then": {"by_when": a.get("by_when")},
                                "status": ("done", "not_reviewed", "in_progress", "dropped")[n % 4], "position": n}
                               for n, a in enumerate(snap["actions"][:50])]
        ids.append(ws["id"])
        path = folder / f"workshop-{i:03d}.json"
        path.write_bytes(dumps(as_file(snap)))
        paths.append(path)
    read_session_file(paths[-1])  # the files must be valid, or the floor measures refusals
    return paths


def floor(paths: list[Path]) -> None:
    for path in paths:
        read_session_file(path)


def programme(folder: Path, fmt: str) -> int:
    return len(render(gather([folder], ExportOptions(), date(2026, 12, 2)), fmt))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workshops", type=int, default=200)
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--format", choices=("docx", "md", "csv"), default="docx")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        paths = build(folder, args.workshops, args.items)
        size = sum(p.stat().st_size for p in paths)
        print(f"built {len(paths)} workshops of {args.items} items ({size / 2**20:.0f} MB) "
              f"in {time.perf_counter() - started:.1f} s")
        programme(folder, args.format)  # warm: imports and content loaded once, as in a running app
        times: dict[str, list[tuple[float, float]]] = {"floor": [], "programme": []}
        out_size = 0
        for _ in range(args.rounds):
            for name in ("floor", "programme"):
                wall, cpu = time.perf_counter(), time.process_time()
                if name == "floor":
                    floor(paths)
                else:
                    out_size = programme(folder, args.format)
                times[name].append((time.process_time() - cpu, time.perf_counter() - wall))
    print(f"date:      {date.today().isoformat()}")
    print(f"machine:   {machine()}")
    print(f"files:     {args.workshops} workshops of {args.items} items, {size / 2**20:.0f} MB; "
          f"programme as {args.format}, {out_size / 1024:.0f} KB")
    for i, kind in enumerate(("processor", "elapsed")):
        f = statistics.median(t[i] for t in times["floor"])
        p = statistics.median(t[i] for t in times["programme"])
        ratios = sorted(b[i] / a[i] for a, b in zip(times["floor"], times["programme"]))
        runs = "; ".join(f"{a[i]:.2f}/{b[i]:.2f}" for a, b in zip(times["floor"], times["programme"]))
        verdict = (f" (target <= {TARGET}x: {'within' if p / f <= TARGET else 'OVER'})" if kind == "processor" else "")
        print(f"{kind + ':':10} floor {f:.2f} s, programme {p:.2f} s, ratio {p / f:.2f}x{verdict}; "
              f"per round {ratios[0]:.2f} to {ratios[-1]:.2f} (floor/programme s: {runs})")


if __name__ == "__main__":
    main()
