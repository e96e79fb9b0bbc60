"""The facilitator is told when another program changed the open workshop's file, and where
that version was kept."""

from __future__ import annotations

from tests.tui.helpers import make_app
from tests.tui.settling import until
from tests.tui.test_fast_typing import open_entry, type_fast
from tests.unit.test_changed_elsewhere import replace_from_elsewhere


async def test_typing_after_a_change_elsewhere_keeps_it_and_says_where(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_entry(pilot, "hopes_fears")
        theirs = replace_from_elsewhere(workshop_file, "Changed on the other laptop")
        type_fast(app, "Typed here")
        await until(pilot, lambda: any("Another program changed" in n.message for n in app._notifications),
                    "the facilitator is told")
        message = next(n.message for n in app._notifications if "Another program changed" in n.message)
    kept = [p for p in workshop_file.parent.glob("*.json") if "conflicted copy from another program" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == theirs
    assert kept[0].name in message
