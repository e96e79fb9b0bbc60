"""Three sources of expertise, driven through the real app with the Pilot."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from textual.widgets import Checkbox, Input, TextArea

from tests.tui.helpers import make_app
from workshop.store import Session
from workshop.tui.screens.expertise_edit import EditExpertiseScreen, MoveLaneScreen
from workshop.tui.screens.expertise_gaps import GapsScreen
from workshop.tui.widgets.balance_chart import BalanceChart


def stored(path: Path, table: str = "expertise") -> list[dict]:
    with Session.open(path, read_only=True) as session:
        return session.records(table)


def view(app):
    return app.screen.views["expertise"]


def prompts(app, lane: str) -> list[str]:
    listing = view(app)._list(lane)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def open_expertise(pilot) -> None:
    pilot.app.screen.show_activity("expertise")
    await pilot.pause()


async def add(pilot, text: str) -> None:
    await pilot.press(*text)
    await pilot.press("enter")
    await pilot.pause()


def seed(path: Path, *rows: dict) -> None:
    with Session.open(path) as session:
        session.insert_many("expertise", list(rows))


async def test_entry_box_focused_and_entries_go_to_the_current_lane(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "ex-input"
        await add(pilot, "Football coaching")
        await pilot.press("tab")
        await add(pilot, "Own counselling")
        await pilot.press("tab")
        await add(pilot, "Housing law")
        await pilot.press("tab")  # wraps round to the first lane
        assert view(app).kind == "life"
        assert app.focused.value == ""
    rows = {r["source"]: r for r in stored(workshop_file)}
    assert rows["life"]["text"] == "Football coaching" and rows["life"]["in_record"] is True
    assert rows["lived"]["text"] == "Own counselling" and rows["lived"]["in_record"] is False
    assert rows["professional"]["in_record"] is True
    assert all(r["holder"] is None for r in rows.values()), "entries are anonymous by default"


async def test_the_screen_says_nobody_is_asked_to_disclose(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        note = str(app.screen.query_one("#ex-lived-note").render())
        assert "Nobody is asked to disclose" in note
        await pilot.press("tab")
        prompt = str(app.screen.query_one("#ex-prompt").render())
        assert "Share only what you choose to" in prompt


async def test_private_words_hidden_until_shown_and_shareable_toggle(workshop_file):
    seed(workshop_file, {"source": "lived", "text": "Caring for a parent"})
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        assert prompts(app, "lived") == ["[private] (words hidden)"]
        await pilot.press("tab", "escape", "v")
        await pilot.pause()
        assert prompts(app, "lived") == ["[private] Caring for a parent"]
        await pilot.press("v", "p")
        await pilot.pause()
        assert prompts(app, "lived") == ["[shareable] Caring for a parent"]
        assert stored(workshop_file)[0]["in_record"] is True
        assert stored(workshop_file)[0]["in_record_chosen"] is True
        await pilot.press("p")
        await pilot.pause()
        assert prompts(app, "lived") == ["[private] (words hidden)"]
    assert stored(workshop_file)[0]["in_record"] is False


async def test_count_without_words(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        await pilot.press("escape", "n")
        await pilot.pause()
        assert view(app).kind == "lived"
        assert prompts(app, "lived") == ["[private] (counted, not described)"]
        await pilot.press("p")  # nothing to share: refused
        await pilot.press("m")  # a count stays in its lane: no dialog
        await pilot.pause()
        assert not isinstance(app.screen, MoveLaneScreen)
        assert "Lived (fewer than 3)" in str(app.screen.query_one("#ex-title-lived").render())
    rows = stored(workshop_file)
    assert [(r["source"], r["text"], r["in_record"]) for r in rows] == [("lived", "", False)]


async def test_edit_holder_and_text(workshop_file):
    seed(workshop_file, {"source": "professional", "text": "CBT"})
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        await pilot.press("tab", "tab", "escape", "e")
        await pilot.pause()
        assert isinstance(app.screen, EditExpertiseScreen)
        app.screen.query_one("#expertise-text", Input).value = "CBT skills"
        app.screen.query_one("#expertise-holder", Input).value = "Sam"
        await pilot.press("enter")
        await pilot.pause()
        assert "(Sam)" in prompts(app, "professional")[0]
        await pilot.press("enter")  # Enter on the list edits too
        await pilot.pause()
        app.screen.query_one("#expertise-text", Input).value = "   "
        await pilot.press("enter")  # empty words are refused; the dialog stays
        await pilot.pause()
        assert isinstance(app.screen, EditExpertiseScreen)
        await pilot.press("escape")
        await pilot.pause()
    row = stored(workshop_file)[0]
    assert (row["text"], row["holder"], row["in_record"]) == ("CBT skills", "Sam", True)


async def test_edit_of_personal_experience_offers_no_name(workshop_file):
    seed(workshop_file, {"source": "lived", "text": "Bereavement"})
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        await pilot.press("tab", "escape", "e")
        await pilot.pause()
        assert not app.screen.query("#expertise-holder")
        box = app.screen.query_one("#expertise-shareable", Checkbox)
        assert box.value is False
        box.value = True
        await pilot.press("enter")
        await pilot.pause()
    row = stored(workshop_file)[0]
    assert row["in_record"] is True and row["in_record_chosen"] is True and row["holder"] is None


async def test_delete_undo_redo(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        await add(pilot, "First")
        await add(pilot, "Second")
        await pilot.press("escape", "d")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["First"]
        assert prompts(app, "life") == ["First"]
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["First", "Second"]
        assert prompts(app, "life") == ["First", "Second"]
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file)] == ["First"]


async def test_move_into_personal_experience_makes_private_unless_chosen(workshop_file):
    seed(workshop_file, {"source": "life", "text": "Grew up abroad", "holder": "Ana"})
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        await pilot.press("escape", "m")
        await pilot.pause()
        assert isinstance(app.screen, MoveLaneScreen)
        await pilot.press("2")
        await pilot.pause()
        row = stored(workshop_file)[0]
        assert (row["source"], row["in_record"], row["holder"]) == ("lived", False, None)
        assert view(app).kind == "lived"
        # Someone marks it shareable, it goes to another lane and comes back: the choice stands.
        await pilot.press("p", "m", "3")
        await pilot.pause()
        assert stored(workshop_file)[0]["source"] == "professional"
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("down", "enter")  # arrows and Enter work too: Life, then down to Lived
        await pilot.pause()
        row = stored(workshop_file)[0]
        assert (row["source"], row["in_record"]) == ("lived", True)
        await pilot.press("ctrl+z")  # undo the move
        await pilot.pause()
        assert stored(workshop_file)[0]["source"] == "professional"
        assert prompts(app, "professional") == ["Grew up abroad"]


async def test_move_lane_dialog_cancel_changes_nothing(workshop_file):
    seed(workshop_file, {"source": "life", "text": "Allotment"})
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        await pilot.press("escape", "m")
        await pilot.pause()
        await pilot.press("1")  # the lane it is in: ignored
        await pilot.press("escape")
        await pilot.pause()
    assert stored(workshop_file)[0]["source"] == "life"


async def test_balance_chart_counts_and_toggle(workshop_file):
    seed(workshop_file,
         {"source": "life", "text": "a"}, {"source": "life", "text": "b"},
         {"source": "lived", "text": ""}, {"source": "professional", "text": "c"})
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_expertise(pilot)
        chart = app.screen.query_one(BalanceChart)
        assert chart.display, "shown on a tall screen"
        # One personal-experience entry: a small number, shown without its count or a bar.
        assert chart.rows == [("Life", 2, ""), ("Lived", "fewer than 3", ""), ("Professional", 1, "")]
        drawn = str(chart.render()).splitlines()
        assert drawn[0].startswith("Life") and drawn[0].rstrip().endswith("2") and "█" in drawn[0]
        assert abs(drawn[0].count("█") - 2 * drawn[2].count("█")) <= 1  # half a cell may round
        assert drawn[1].rstrip().endswith("fewer than 3") and "█" not in drawn[1]
        await pilot.press("escape", "b")
        await pilot.pause()
        assert not chart.display
        await add(pilot, "")  # Enter on an empty box adds nothing
        await pilot.press("escape", "b")
        await pilot.pause()
        assert chart.display


async def test_chart_starts_hidden_on_a_small_screen(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        chart = app.screen.query_one(BalanceChart)
        assert not chart.display
        await pilot.press("escape", "b")
        await pilot.pause()
        assert chart.display


async def test_typing_letters_goes_into_the_box_not_to_actions(workshop_file):
    seed(workshop_file, {"source": "life", "text": "Keep me"})
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        await add(pilot, "dance and music")  # d, e, m, n, p... are all letters here
    assert [r["text"] for r in stored(workshop_file)] == ["Keep me", "dance and music"]


async def test_gaps_note_saved_apart_from_discussion_notes(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        await pilot.press("escape", "g")
        await pilot.pause()
        assert isinstance(app.screen, GapsScreen)
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"Someone under 25")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, GapsScreen)
        assert "gaps note (written)" in str(app.screen.query_one("#ex-status").render())
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press(*"We talked")
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("escape", "g")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "Someone under 25"
        await pilot.press("escape")
        await pilot.pause()
    notes = {(n["activity"], n["kind"]): n["text"] for n in stored(workshop_file, "notes")}
    assert notes == {("expertise", "gaps"): "Someone under 25", ("expertise", "discussion"): "We talked"}


async def test_gaps_note_saved_when_quitting_with_it_open(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        await pilot.press("escape", "g")
        await pilot.pause()
        await pilot.press(*"Languages")
        await pilot.press("ctrl+q")  # at once, before the pause in typing that saves
        await pilot.pause()
    notes = [n for n in stored(workshop_file, "notes") if n["kind"] == "gaps"]
    assert [n["text"] for n in notes] == ["Languages"]


async def test_persistence_across_reopen(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        await add(pilot, "Welsh speaker")
        await pilot.press("escape", "e")
        await pilot.pause()
        app.screen.query_one("#expertise-holder", Input).value = "Rhian"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.current == "expertise"
        assert prompts(app, "life") == ["Welsh speaker  (Rhian)"]
        assert prompts(app, "lived") == ["[private] (counted, not described)"]


async def test_failed_save_keeps_the_words_in_the_box(workshop_file, monkeypatch):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        real = os.replace

        def disk_full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", disk_full)
        await add(pilot, "Words to keep")
        assert app.focused.value == "Words to keep"
        monkeypatch.setattr(os, "replace", real)
        await pilot.press("enter")
        await pilot.pause()
        assert app.focused.value == ""
    assert [r["text"] for r in stored(workshop_file)] == ["Words to keep"]


async def test_five_hundred_entries_reload_without_redrawing_unchanged_lanes(workshop_file):
    seed(workshop_file, *({"source": source, "text": f"{source} entry {n} " * 3}
                          for source, count in (("life", 200), ("lived", 150), ("professional", 150))
                          for n in range(count)))
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_expertise(pilot)
        view(app)._shown.clear()  # every lane redrawn, as on arrival
        view(app).reload()
        shown = dict(view(app)._shown)
        assert set(shown) == {"life", "lived", "professional"}
        view(app).reload()  # nothing changed: every lane keeps what it shows
        assert all(view(app)._shown[lane] is shown[lane] for lane in shown)
        await add(pilot, "One more")
        assert "Life (201)" in str(app.screen.query_one("#ex-title-life").render())
        await pilot.press("escape", "up", "up", "d")
        await pilot.pause()
        assert "Life (200)" in str(app.screen.query_one("#ex-title-life").render())
    assert len(stored(workshop_file)) == 500


def drawn(app) -> str:
    """The text on screen, as the projector would show it."""
    import re
    from html import unescape

    return unescape(re.sub(r"<[^>]+>", "", app.export_screenshot())).replace("\xa0", " ")


async def test_personal_experience_is_typed_unseen_and_never_projected(workshop_file):
    seed(workshop_file, {"source": "life", "text": "PRIVATELIFE", "in_record": False})
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_expertise(pilot)
        entry = app.screen.query_one("#ex-input", Input)
        assert not entry.password, "the other lanes are typed in the open"
        await pilot.press("tab")
        assert view(app).kind == "lived" and entry.password
        await pilot.press(*"SECRETWORDS")
        await pilot.pause()
        assert entry.value == "SECRETWORDS" and "SECRETWORDS" not in drawn(app)
        await pilot.press("tab")  # the words stay hidden in another lane until Enter
        await pilot.pause()
        assert view(app).kind == "professional" and entry.password
        await pilot.press("shift+tab")
        await pilot.pause()
        await pilot.press("f9")  # the facilitator looks
        await pilot.pause()
        assert not entry.password and "SECRETWORDS" in drawn(app)
        await pilot.press("f4")  # projector on: hidden again, and the key is refused
        await pilot.pause()
        assert entry.password and "SECRETWORDS" not in drawn(app)
        await pilot.press("f9")
        await pilot.pause()
        assert entry.password and "SECRETWORDS" not in drawn(app)
        await pilot.press("enter")
        await pilot.pause()
        assert entry.value == "" and entry.password
        await pilot.press("escape", "v")  # showing private words is refused on the projector
        await pilot.pause()
        text = drawn(app)
        assert "SECRETWORDS" not in text and "PRIVATELIFE" not in text
        assert "(words hidden)" in text
        await pilot.press("f4")  # projector off: the private life entry is the facilitator's to see
        await pilot.pause()
        assert "PRIVATELIFE" in drawn(app) and "SECRETWORDS" not in drawn(app)
    assert [(r["source"], r["text"], r["in_record"]) for r in stored(workshop_file)][1] == ("lived", "SECRETWORDS", False)
