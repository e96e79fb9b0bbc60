"""How quick the heavy, non-saving work of the day is, against a bare baseline.

Times the job-description wording check of a 50,000-character draft (against one
`str.lower()` + `str.count()` pass over the same text, the least any scan must do) and
reports medians and the ratio, with the machine and the date. These used to be timed
assertions in the tests; timing belongs here, where noise can be seen and compared.

    python bench/bench_views.py [--rounds 15]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from datetime import date

from workshop.jd.check import check_wording, group_flags

PARAGRAPH = ("The postholder will support service users and patients on the ward to manage their "
             "symptoms, attend the MDT, and hold a caseload of complex cases with stakeholders. ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    text = (PARAGRAPH * (50_000 // len(PARAGRAPH) + 1))[:50_000]
    check_ms, scan_ms = [], []
    flags = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        flags = check_wording(text)
        group_flags(flags)
        check_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        lowered = text.lower()
        sum(lowered.count(word) for word in ("patients", "service users", "symptoms", "caseload", "mdt"))
        scan_ms.append((time.perf_counter() - start) * 1000)
    c, s = statistics.median(check_ms), statistics.median(scan_ms)
    print(f"date:    {date.today().isoformat()}")
    print(f"machine: {' '.join(platform.uname())}")
    print(f"python:  {sys.version.split()[0]}")
    print(f"wording check of 50,000 characters ({len(flags)} flags): median {c:.1f} ms")
    print(f"bare lower+count scan of the same text: median {s:.2f} ms (ratio {c / s:.0f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
