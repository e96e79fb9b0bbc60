"""Operations on many records: one save per step against one save per record.

A 2,000-item workshop gets a draft job description of 50,000 characters whose wording check
finds about 2,000 flags. Timed, each run side by side in the same process:
- check: saving the flags the check found (insert 2,000 records);
- delete: deleting the draft's flags (2,000 tombstones);
- undo: undoing that deletion (2,000 records brought back).
"per record" is how the app saved before steps were batched: every record its own atomic
save of the whole file. "one step" is how it saves now: `History.step`, one atomic save.

    python bench/bench_bulk.py [--rounds 3] [--dir DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_startup import machine  # noqa: E402
from tests.helpers.sessions import build_workshop  # noqa: E402
from workshop.history import History  # noqa: E402
from workshop.jd.check import check_wording  # noqa: E402
from workshop.store import Session  # noqa: E402

PARAGRAPH = ("The postholder will support service users and patients on the ward to manage their "
             "symptoms, attend the MDT, and hold a caseload of complex cases with stakeholders. ")


def flags_for(jd_id: str) -> list[dict]:
    text = (PARAGRAPH * (50_000 // len(PARAGRAPH) + 1))[:50_000]
    found = check_wording(text)
    return [{"jd_id": jd_id, "phrase": f.phrase, "reason": f.reason, "suggestion": f.suggestion,
             "state": "open"} for f in found][:2000]


def run(path: Path, batched: bool) -> dict[str, float]:
    times: dict[str, float] = {}
    with Session.open(path) as session:
        history = History(session)
        jd = session.insert("job_descriptions", title="Draft", text="…")
        items = flags_for(jd["id"])
        start = time.perf_counter()
        if batched:
            records = history.insert_many("jd_flags", items, "check wording")
        else:
            records = [history.insert("jd_flags", "check wording", **item) for item in items]
        times["check"] = time.perf_counter() - start
        ids = [r["id"] for r in records]
        start = time.perf_counter()
        if batched:
            history.delete_many("jd_flags", ids, "delete draft")
        else:
            for rid in ids:
                history.delete("jd_flags", rid, "delete draft")
        times["delete"] = time.perf_counter() - start
        start = time.perf_counter()
        if batched:
            history.undo()
        else:
            for _ in ids[:50]:  # one step per record: 50 undos is the history's limit
                history.undo()
        times["undo"] = time.perf_counter() - start
        times["flags"] = len(ids)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-bulk-", dir=args.dir))
    results: dict[bool, list[dict[str, float]]] = {True: [], False: []}
    for n in range(args.rounds):
        for batched in (False, True):
            path = build_workshop(folder / f"w{n}-{int(batched)}.json", items=2000)
            results[batched].append(run(path, batched))
    print(f"date:    {date.today().isoformat()}")
    print(f"machine: {machine()}; {os.cpu_count()} cores; load {os.getloadavg()[0]:.1f}")
    flags = int(results[True][0]["flags"])
    for what in ("check", "delete", "undo"):
        per = statistics.median(r[what] for r in results[False])
        one = statistics.median(r[what] for r in results[True])
        note = " (50 of the records: the history keeps 50 steps)" if what == "undo" else ""
        print(f"{what:7} {flags} flags: per record {per * 1000:8.0f} ms{note}   one step {one * 1000:6.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
