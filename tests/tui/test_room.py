"""The room from the facilitator's keyboard: open it, see what phones sent, accept, edit,
decline or auto-accept, with the projector showing only a count until revealed. Phones are
real HTTP clients on the loopback address, in the app's own event loop."""

from __future__ import annotations

from pathlib import Path

import aiohttp
import pytest
from textual.widgets import Input, OptionList

from tests.room.helpers import listening, send
from tests.tui.helpers import make_app
from tests.tui.settling import until
from workshop.store import Session
from workshop.tui.room.screen import HIDDEN, RoomScreen


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Tests never listen on a real network: the laptop's address is the loopback one."""
    monkeypatch.setattr("workshop.room.server.local_address", lambda: ("127.0.0.1", True))


def stored(path: Path, table: str) -> list[dict]:
    with Session.open(path, read_only=True) as session:
        return session.records(table)


def queue_lines(app) -> list[str]:
    listing = app.screen.query_one("#room-queue", OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def open_room(pilot) -> RoomScreen:
    await pilot.press("f12")
    await until(pilot, lambda: isinstance(pilot.app.screen, RoomScreen), "the room screen")
    return pilot.app.screen


async def phones(url: str, *items: tuple[str, str, str]) -> None:
    async with aiohttp.ClientSession() as client:
        for activity, choice, text in items:
            assert (await send(client, url, text, choice, activity)).status == 303


async def test_the_facilitator_accepts_one_and_declines_another_and_undo_takes_it_back(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_room(pilot)
        url = screen.host.server.url
        assert url.startswith("http://127.0.0.1:") and url in str(screen.query_one("#room-address").render())
        await phones(url, ("hopes_fears", "hope", "Fewer [b]readmissions"), ("hopes_fears", "fear", "Tokenism"))
        await until(pilot, lambda: len(queue_lines(app)) == 2, "two waiting")
        assert "Fewer [b]readmissions" in queue_lines(app)[0] and "Hope" in queue_lines(app)[0]
        await pilot.press("a")
        await pilot.pause()
        assert len(queue_lines(app)) == 1 and "Tokenism" in queue_lines(app)[0]
        await pilot.press("d")
        await pilot.pause()
        assert queue_lines(app) == []
        [hope] = stored(workshop_file, "hopes_fears")
        assert (hope["kind"], hope["text"], hope["from_room"], hope.get("author_role")) == (
            "hope", "Fewer [b]readmissions", True, None)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, RoomScreen), "back to the workshop")
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert stored(workshop_file, "hopes_fears") == []
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert [r["text"] for r in stored(workshop_file, "hopes_fears")] == ["Fewer [b]readmissions"]


async def test_projected_the_queue_shows_a_count_and_never_personal_experience(workshop_file):
    app = make_app(workshop_file.parent, workshop_file, projector=True)
    async with app.run_test(size=(120, 40)) as pilot:
        pilot.app.screen.show_activity("expertise")
        await pilot.pause()
        screen = await open_room(pilot)
        await phones(screen.host.server.url, ("expertise", "lived", "My own recovery story"),
                     ("expertise", "life", "Fluent in Polish"))
        await until(pilot, lambda: len(screen.host.queue) == 2, "two waiting")
        assert queue_lines(app) == ["2 waiting. v shows the words."]
        await pilot.press("a")  # nothing to accept until the words are shown
        await pilot.pause()
        assert len(screen.host.queue) == 2
        await pilot.press("v")
        await pilot.pause()
        lines = queue_lines(app)
        assert HIDDEN in lines[0] and "recovery story" not in "".join(lines)
        assert "Fluent in Polish" in lines[1]
        await pilot.press("a")
        await pilot.pause()
        [lived] = stored(workshop_file, "expertise")
        assert (lived["source"], lived["in_record"], lived["from_room"]) == ("lived", False, True)
        shown = "\n".join(str(w.render()) for w in app.screen.query("Label, Static"))
        assert "recovery story" not in shown


async def test_auto_accept_adds_words_as_they_arrive(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(120, 40)) as pilot:
        pilot.app.screen.show_activity("concerns")
        await pilot.pause()
        screen = await open_room(pilot)
        url = screen.host.server.url
        await phones(url, ("concerns", "boundaries", "Knowing people from the ward"))
        await until(pilot, lambda: len(screen.host.queue) == 1, "one waiting")
        await pilot.press("u")  # turning it on accepts what waits, too
        await pilot.pause()
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, RoomScreen), "back to the workshop")
        await phones(url, ("concerns", "", "Who covers sick leave?"))
        await until(pilot, lambda: len(stored(workshop_file, "concerns")) == 2, "both added")
        records = {r["text"]: r for r in stored(workshop_file, "concerns")}
        assert records["Knowing people from the ward"]["category"] == "boundaries"
        assert records["Who covers sick leave?"]["category"] is None
        assert all(r["from_room"] and r["status"] == "open" for r in records.values())
        await until(pilot, lambda: "Who covers sick leave?" in str(
            [app.screen.views["concerns"]._list().get_option_at_index(i).prompt
             for i in range(app.screen.views["concerns"]._list().option_count)]), "shown in the log")


async def test_edit_before_accepting(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_room(pilot)
        await phones(screen.host.server.url, ("hopes_fears", "hope", "peer workrs lead groups"))
        await until(pilot, lambda: len(queue_lines(app)) == 1, "one waiting")
        await pilot.press("e")
        await pilot.pause()
        field = app.screen.query_one("#room-edit-text", Input)
        field.value = "Peer workers lead groups"
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, RoomScreen), "the edit closed")
        await pilot.press("a")
        await pilot.pause()
    assert [r["text"] for r in stored(workshop_file, "hopes_fears")] == ["Peer workers lead groups"]


async def test_the_room_closes_with_its_key_and_with_the_workshop(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_room(pilot)
        port = screen.host.server.port
        assert listening(port)
        await pilot.press("x")
        await until(pilot, lambda: not screen.host.is_open, "closed")
        assert not listening(port)
        assert "closed" in str(screen.query_one("#room-address").render())
        await pilot.press("o")
        await until(pilot, lambda: screen.host.is_open, "open again")
        port = screen.host.server.port
        assert listening(port)
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, RoomScreen), "back to the workshop")
        await pilot.press("ctrl+w")
        await until(pilot, lambda: not listening(port), "closed with the workshop")


async def test_open_with_room_asked_on_the_command_line(workshop_file):
    app = make_app(workshop_file.parent, workshop_file)
    app.room_request = {"host": "127.0.0.1", "port": 0}
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, RoomScreen), "the room screen")
        assert app.screen.host.server.url.startswith("http://127.0.0.1:")
