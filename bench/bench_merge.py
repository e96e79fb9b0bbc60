"""Merging two 2,000-item copies edited apart, against reading and checking both copies.

Builds one workshop of `--items` hopes and fears, copies it to a second path (a second
laptop, as far as the version counts are concerned), changes `--edits` items on each copy
(a quarter of them on both, so there are conflicts), then times `merge.merge_files` and,
interleaved with it, `read_session_file` of both copies: the least any merge must do.
Prints medians, the ratio, the machine and the date.

    python bench/bench_merge.py [--items 2000] [--edits 200] [--rounds 15] [--dir DIR]
"""

from __future__ import annotations

import argparse
import platform
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from workshop import merge
from workshop.store import Session, read_session_file


def build(folder: Path, items: int, edits: int) -> tuple[Path, Path]:
    a, b = folder / "laptop-a.json", folder / "laptop-b.json"
    with Session.create(a, title="Benchmark team day", team="Riverside CMHT") as session:
        records = session.insert_many("hopes_fears", (
            {"kind": ("hope", "fear")[i % 2], "text": f"Item {i}: the team hopes the peer worker is valued, {i}",
             "theme": f"theme {i % 12}", "votes": i % 5}
            for i in range(items)
        ))
    shutil.copyfile(a, b)
    ids = [r["id"] for r in records]
    both = edits // 4
    with Session.open(a) as session:
        for n, rid in enumerate(ids[:edits]):
            session.update("hopes_fears", rid, text=f"Changed on laptop A ({n})")
    with Session.open(b) as session:
        for n, rid in enumerate(ids[edits - both: 2 * edits - both]):
            session.update("hopes_fears", rid, votes=100 + n)
    return a, b


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as scratch:
        folder = Path(scratch)
        a, b = build(folder, args.items, args.edits)
        merge_ms, read_ms = [], []
        conflicts = 0
        for n in range(args.rounds):
            out = folder / f"merged-{n}.json"
            start = time.perf_counter()
            result = merge.merge_files(a, b, out)
            merge_ms.append((time.perf_counter() - start) * 1000)
            conflicts = len(result.conflicts)
            start = time.perf_counter()
            read_session_file(a)
            read_session_file(b)
            read_ms.append((time.perf_counter() - start) * 1000)
            out.unlink()
        size = a.stat().st_size
    m, r = statistics.median(merge_ms), statistics.median(read_ms)
    print(f"date:     {date.today().isoformat()}")
    print(f"machine:  {' '.join(platform.uname())}")
    print(f"python:   {sys.version.split()[0]}")
    print(f"copies:   {args.items} items each ({size // 1024} KiB), {args.edits} edits on each, "
          f"{args.edits // 4} items edited on both -> {conflicts} conflicts")
    print(f"merge:    median {m:.1f} ms (read both, merge, write the result atomically)")
    print(f"read:     median {r:.1f} ms (read and check both copies only)")
    print(f"ratio:    {m / r:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
