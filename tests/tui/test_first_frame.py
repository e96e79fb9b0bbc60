"""Start-up: the cycle collector waits for the first frame and is always back on after it,
and whatever was set aside at start-up is handed back when the workshop closes."""

from __future__ import annotations

import gc

from tests.tui.helpers import make_app
from tests.tui.settling import until


async def test_the_collector_is_back_on_once_the_workshop_is_drawn_and_thawed_when_it_closes(workshop_file):
    assert gc.isenabled()
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await until(pilot, gc.isenabled, "the collector runs again after the first frame")
        assert gc.get_freeze_count() > 0, "what start-up made is set aside"
        await pilot.press("ctrl+w")
        await until(pilot, lambda: type(app.screen).__name__ == "HomeScreen", "back on the home screen")
        assert gc.get_freeze_count() == 0, "the closed workshop's objects can be collected"
    assert gc.isenabled()


async def test_an_app_that_ends_before_its_first_frame_leaves_the_collector_on(workshop_file, monkeypatch):
    import workshop.tui.app as app_module

    monkeypatch.setattr(app_module, "paint_first_screen", lambda app: None)  # no first frame comes
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)):
        # Not `pilot.pause()`: it waits for the app to be ready, and an app that never draws its
        # first frame never is (the footer's keys wait for that frame).
        assert not gc.isenabled(), "held while the first frame has not been drawn"
    assert gc.isenabled()


def test_the_command_line_holds_the_collector_while_the_app_runs_and_always_gives_it_back(tmp_path, monkeypatch):
    import argparse

    import pytest

    import workshop.tui.app as app_module
    from workshop import cli

    seen = []

    class Failing:
        def __init__(self, **kwargs):
            pass

        def run(self):
            seen.append(gc.isenabled())
            raise RuntimeError("the app could not start")

    monkeypatch.setattr(app_module, "TeamDayApp", Failing)
    args = argparse.Namespace(sessions_dir=str(tmp_path), exports_dir=str(tmp_path), hangup=None, room=False,
                              host=None, port=None)
    with pytest.raises(RuntimeError):
        cli.launch_app(args, None)
    assert seen == [False], "held while Textual loads and the app starts"
    assert gc.isenabled(), "given back however the app ended"
