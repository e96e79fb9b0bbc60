"""At 80 columns the footer leaves out the last keys that do not fit rather than cutting
through them, and always keeps Help (which lists every key) and Quit."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from tests.tui.helpers import make_app
from workshop.tui.widgets.footer import KEPT, dropped, key_width


def test_the_last_keys_go_first_and_help_and_quit_stay():
    keys = [("new", "n", "New"), ("open", "o", "Open"), ("teams", "p", "Teams"), ("quit", "^q", "Quit"),
            ("help", "f1", "Help"), ("projector", "f4", "Projector")]
    assert dropped(keys, 200, compact=False) == frozenset()
    left_out = dropped(keys, 40, compact=False)
    shown = [k for n, k in enumerate(keys) if n not in left_out]
    assert {"quit", "help"} <= {action for action, _, _ in shown}
    assert sum(key_width(k, d, False) for _, k, d in shown) <= 40 - 13
    assert 5 in left_out and 2 in left_out, "Projector and Teams go before Open and New"
    assert KEPT == {"help", "quit"}


async def test_the_home_footer_at_80_columns_shows_help_and_quit_whole(workshop_file):
    app = make_app(workshop_file.parent)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = {key.action: key for key in app.screen.query(FooterKey)}
        assert "help" in keys and "quit" in keys
        right = max(key.region.right for key in keys.values())
        assert right <= 80 and all(key.region.width > 0 for key in keys.values())
