"""Autosave of a 2,000-item workshop against writing and fsyncing the same bytes.

Each round does one `Session.update` (validate, serialise, temp file, fsync, replace, fsync
the folder) and, interleaved with it, a plain `os.write` + `fsync` + `os.replace` of the
bytes the session just wrote (and, for reference, the same plus an fsync of the folder).
Prints the medians, the ratio, the machine and the date; exits 1 if over the budget (DESIGN.md:
within 1.5x of writing and fsyncing the same bytes, taken here as the whole atomic write the
store also does: temporary file, fsync, replace, fsync of the folder).

    python bench/bench_autosave.py [--items 2000] [--rounds 200] [--dir DIR]

Run it on the disk the sessions live on (`--dir`): a RAM disk makes fsync free and the
ratio meaningless.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from workshop.store import Session

BUDGET = 1.5  # times an atomic write of the same bytes


def build(folder: Path, items: int) -> tuple[Session, list[str]]:
    session = Session.create(folder / "bench.json", title="Benchmark team day", team="Riverside CMHT")
    kinds = ("hope", "fear")
    records = session.insert_many(
        "hopes_fears",
        (
            {
                "kind": kinds[i % 2],
                "text": f"Item {i}: the team hopes the peer worker is valued for what they bring, {i}",
                "theme": f"theme {i % 12}",
                "votes": i % 5,
            }
            for i in range(items)
        ),
    )
    return session, [r["id"] for r in records]


def plain_write(path: Path, data: bytes, *, sync_folder: bool = False) -> None:
    tmp = path.with_name(path.name + ".plain-tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    if sync_folder:
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--dir", type=Path, default=None, help="folder to write in (default: a temp folder)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        folder = Path(tmp)
        session, ids = build(folder, args.items)
        plain = folder / "plain.json"
        store_ms: list[float] = []
        plain_ms: list[float] = []
        folder_ms: list[float] = []
        try:
            for n in range(args.rounds):
                rid = ids[(n * 7919) % len(ids)]
                start = time.perf_counter()
                session.update("hopes_fears", rid, text=f"Edited in round {n}", votes=n % 9)
                store_ms.append((time.perf_counter() - start) * 1000)
                data = session.path.read_bytes()
                start = time.perf_counter()
                plain_write(plain, data)
                plain_ms.append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                plain_write(plain, data, sync_folder=True)
                folder_ms.append((time.perf_counter() - start) * 1000)
            size = session.path.stat().st_size
        finally:
            session.close()

    store, base = statistics.median(store_ms), statistics.median(plain_ms)
    whole = statistics.median(folder_ms)
    uname = platform.uname()
    print(f"autosave benchmark, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {uname.system} {uname.release} {uname.machine}, {cpu_model()}, {os.cpu_count()} CPUs")
    print(f"python:  {platform.python_implementation()} {platform.python_version()}")
    print(f"file:    {args.items} items, {size / 1024:.0f} KiB, {args.rounds} rounds, interleaved")
    print(f"Session.update           median {store:7.2f} ms  (p90 {_p90(store_ms):.2f} ms)")
    print(f"write+fsync+replace      median {base:7.2f} ms  (p90 {_p90(plain_ms):.2f} ms)")
    print(f"  ... + fsync of folder  median {whole:7.2f} ms  (what the store also does)")
    print(f"ratio                    {store / whole:7.2f}x  (Session.update / the same atomic write)")
    verdict = "within" if store / whole <= BUDGET else "OVER"
    print(f"budget:  {BUDGET}x: {verdict}")
    return 0 if verdict == "within" else 1


def _p90(values: list[float]) -> float:
    return statistics.quantiles(values, n=10)[-1]


if __name__ == "__main__":
    sys.exit(main())
