"""An export killed with SIGKILL at random instants, and just as it writes the file, never
leaves a partial record under the final name; the temporary files a kill leaves are clearly
named and the next export sweeps them. (The store's own kill campaign is
tests/unit/test_store_kill.py; bench/crash_campaign.py runs both at length.)"""

from __future__ import annotations

import os
import time
from pathlib import Path

from tests.helpers.crash import export_campaign, export_temp_files, record_is_complete
from workshop.export import ExportOptions, export_record
from workshop.export.atomic import TMP_PREFIX, is_temp_name, sweep_temp_files

KILLS = 20


def test_sigkill_during_export_never_leaves_a_partial_record(tmp_path: Path):
    seed = int.from_bytes(os.urandom(4), "big")
    fig = export_campaign(tmp_path, KILLS, seed)
    print(f"seed {seed}: {fig.line('export')}")
    assert fig.torn == 0
    assert fig.steps >= KILLS // 2, f"seed {seed}: the exporters made too little progress"
    assert fig.mid_change >= 1, f"seed {seed}: no kill landed while the record was being written"
    assert fig.states_verified > 0
    assert fig.temp_files_left > 0, f"seed {seed}: no kill left a temp file, so sweeping was not tested"


def test_a_partial_zip_is_not_taken_for_a_record(tmp_path: Path):
    """The campaign's judge must be able to fail: a record cut short is caught."""
    out = export_record({"workshop": {"title": "Whole"}}, tmp_path / "r.docx", ExportOptions())
    assert record_is_complete(out)
    blob = out.read_bytes()
    for cut in (len(blob) // 3, len(blob) - 30):
        out.write_bytes(blob[:cut])
        assert not record_is_complete(out)


def test_temp_files_of_dead_or_long_gone_exports_are_swept_and_live_ones_kept(tmp_path: Path):
    import subprocess
    import sys

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    names = {
        "dead": f"{TMP_PREFIX}{dead.pid}-abc123-r.docx.tmp",
        "mine": f"{TMP_PREFIX}{os.getpid()}-abc123-r.docx.tmp",
        "live": f"{TMP_PREFIX}1-abc123-r.docx.tmp",  # pid 1 always runs
        "reused": f"{TMP_PREFIX}1-old999-r.docx.tmp",  # a live pid, but hours old: reused
        "other": ".r.docx.notours.tmp",
    }
    for name in names.values():
        (tmp_path / name).write_bytes(b"partial")
    old = time.time() - 3 * 3600
    os.utime(tmp_path / names["reused"], (old, old))
    assert all(is_temp_name(n) for k, n in names.items() if k != "other")
    assert sweep_temp_files(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([names["mine"], names["live"], names["other"]])
    export_record({"workshop": {"title": "x"}}, tmp_path / "x.md", ExportOptions("md"))
    assert export_temp_files(tmp_path) == sorted([names["mine"], names["live"]])


def test_store_temp_files_of_a_reused_pid_are_swept_once_old(tmp_path: Path):
    """A killed writer's pid can be taken by another program before the next open; its temp
    file then looked alive for ever. Now an hour-old one goes whatever its pid says."""
    from workshop.store import sweep_temp_files as sweep_store

    old, fresh = tmp_path / ".tmp-1-abc-w.json", tmp_path / ".tmp-1-def-w.json"  # pid 1 always runs
    for path in (old, fresh):
        path.write_bytes(b"partial")
    hours_ago = time.time() - 2 * 3600
    os.utime(old, (hours_ago, hours_ago))
    assert sweep_store(tmp_path) == 1
    assert not old.exists() and fresh.exists()
