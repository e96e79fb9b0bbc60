"""Export of a 2,000-item workshop to .docx, side by side with pandoc converting the same
content (our Markdown record of it) to .docx.

    python bench/bench_export.py [--items 2000] [--runs 7] [--pandoc-runs 5] [--reader gfm]

Each side runs several times; medians are compared. "warm" is a second or later export in
a running app (modules loaded); "cold" is a fresh Python process that imports everything,
loads the snapshot from JSON and exports, timed from outside like pandoc. The target is a
ratio of at most 0.3 against pandoc. Paste the output into docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_workshop import make_snapshot  # noqa: E402

from workshop.export import ExportOptions, export_record  # noqa: E402

OPTIONS = dict(include_names=True, include_lived=True)  # everything that can be in the record
_COLD = """
import json, sys
from pathlib import Path
sys.path.insert(0, {root!r})
from workshop.export import ExportOptions, export_record
snap = json.loads(Path({snap!r}).read_text("utf-8"))
export_record(snap, Path({out!r}), ExportOptions(include_names=True, include_lived=True), overwrite=True)
"""


def machine() -> list[str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "unknown"
    try:
        uname = subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip()
    except OSError:
        uname = " ".join(platform.uname())
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.splitlines()[0]

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    return [
        f"date:    {date.today().isoformat()}",
        f"uname:   {uname}",
        f"cpu:     {cpu} ({shutil.os.cpu_count()} logical CPUs)",
        f"python:  {sys.version.split()[0]} ({platform.python_implementation()}); "
        f"python-docx {version('python-docx')}, lxml {version('lxml')}, markdown-it-py {version('markdown-it-py')}",
        f"pandoc:  {pandoc}",
    ]


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def row(label: str, times: list[float]) -> str:
    ms = [t * 1000 for t in times]
    return f"{label:<38} {statistics.median(ms):>9.0f} {min(ms):>8.0f} {max(ms):>8.0f} {len(ms):>5}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pandoc-runs", type=int, default=5)
    parser.add_argument("--reader", default="gfm", help="pandoc reader for the Markdown (gfm or markdown)")
    args = parser.parse_args()
    if not shutil.which("pandoc"):
        print("pandoc is not installed (apt-get install pandoc); nothing to compare against.", file=sys.stderr)
        return 2

    snap = make_snapshot(args.items, args.seed)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        docx_out, md_out, pandoc_out = tmp / "record.docx", tmp / "record.md", tmp / "pandoc.docx"
        snap_file = tmp / "snapshot.json"
        snap_file.write_text(json.dumps(snap), "utf-8")

        first = timed(lambda: export_record(snap, docx_out, ExportOptions(**OPTIONS), overwrite=True), 1)
        warm = timed(lambda: export_record(snap, docx_out, ExportOptions(**OPTIONS), overwrite=True), args.runs)
        md = timed(lambda: export_record(snap, md_out, ExportOptions("md", **OPTIONS), overwrite=True), args.runs)
        script = _COLD.format(root=str(ROOT), snap=str(snap_file), out=str(tmp / "cold.docx"))
        cold = timed(lambda: subprocess.run([sys.executable, "-c", script], check=True), args.runs)
        pandoc = timed(lambda: subprocess.run(
            ["pandoc", "-f", args.reader, "-t", "docx", "-o", str(pandoc_out), str(md_out)], check=True),
            args.pandoc_runs)

        items = sum(len(v) for v in snap.values() if isinstance(v, list))
        print("Team Day: export of a workshop to .docx, against pandoc on the same content")
        print(*machine(), sep="\n")
        print(f"workshop: {items} items (make_snapshot({args.items}, seed={args.seed})); "
              f"our .docx {docx_out.stat().st_size // 1024} KB, Markdown {md_out.stat().st_size // 1024} KB, "
              f"pandoc's .docx {pandoc_out.stat().st_size // 1024} KB")
        print()
        print(f"{'':<38} {'median ms':>9} {'min':>8} {'max':>8} {'runs':>5}")
        print(row("team-day .docx, warm (in the app)", warm))
        print(row("team-day .docx, cold (new process)", cold))
        print(row("team-day .docx, first in process", first))
        print(row("team-day .md (for email)", md))
        print(row(f"pandoc -f {args.reader} -t docx (same content)", pandoc))
        p = statistics.median(pandoc)
        print()
        print(f"ratio warm / pandoc: {statistics.median(warm) / p:.3f}   "
              f"cold / pandoc: {statistics.median(cold) / p:.3f}   (target: <= 0.3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
