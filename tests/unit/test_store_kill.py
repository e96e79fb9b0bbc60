"""A writer killed with SIGKILL at random instants never leaves a torn or half-changed file.

The campaign itself is in tests/helpers/crash.py; bench/crash_campaign.py runs it 500 times.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.helpers.crash import store_campaign

KILLS = 50


def test_sigkill_at_random_instants_leaves_the_old_or_the_new_file(session_dir: Path):
    seed = int.from_bytes(os.urandom(4), "big")
    fig = store_campaign(session_dir, KILLS, seed)
    # Most kills should land inside a change, or the test proves nothing.
    assert fig.mid_change >= KILLS // 5, f"seed {seed}: only {fig.mid_change} kills interrupted a change"
    assert fig.steps > KILLS, f"seed {seed}: the writers made too little progress ({fig.steps} steps)"
    assert fig.temp_files_left > 0, f"seed {seed}: no kill left a temp file, so sweeping was not tested"
    assert fig.torn == 0 and fig.states_verified == KILLS
    print(f"seed {seed}: {fig.line('store')}")
