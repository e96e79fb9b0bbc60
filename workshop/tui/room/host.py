"""The workshop screen's side of the room: it opens and closes the server, and turns
accepted submissions into records through the same History as typed items (one undo step
each, marked `from_room`). The WorkshopScreen inherits HostsRoom; the server's callbacks
only post messages, so nothing here runs inside a request."""

from __future__ import annotations

import asyncio

from textual.binding import Binding
from textual.message import Message

from workshop import content
from workshop.history import History
from workshop.room import RoomQueue, Submission, record_for
from workshop.room.limits import RoomLimits
from workshop.store import StoreError

ROOM_BINDING = Binding("f12", "room", "Room", id="room")


class RoomArrived(Message):
    """Words came in from a phone (which words is not said: the notice may be projected)."""


class RoomClosed(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class RoomHost:
    """The queue and the server of one open workshop."""

    def __init__(self, history: History, post, current_activity, limits: RoomLimits = RoomLimits()) -> None:
        from workshop.room.server import RoomServer  # only now: the web server is slow to load

        self.history = history
        self.queue = RoomQueue()
        title = history.workshop().get("title") or ""
        self.server = RoomServer(self.queue, current_activity=current_activity, limits=limits,
                                 on_submission=lambda _sub: post(RoomArrived()),
                                 on_closed=lambda reason: post(RoomClosed(reason)),
                                 workshop_title=title)

    @property
    def is_open(self) -> bool:
        return self.server.is_open

    async def open(self, host: str | None = None, port: int = 0) -> str:
        return await self.server.open(host, port)

    async def close(self, reason: str = "") -> None:
        await self.server.close(reason)

    def accept(self, number: int) -> Submission | None:
        """Add one submission as a record: one step, one save. Raises StoreError (the
        submission goes back in the queue)."""
        sub = self.queue.take(number)
        if sub is None:
            return None
        table, fields = record_for(sub)
        title = content.activity(sub.activity).title.lower()
        try:
            self.history.insert_many(table, [fields], f"add from the room to {title}")
        except StoreError:
            self.queue.put_back(sub)
            raise
        return sub

    def accept_waiting(self) -> int:
        """Accept everything waiting (auto-accept): each its own step, in arrival order."""
        done = 0
        for sub in self.queue.pending:
            self.accept(sub.number)
            done += 1
        return done


class HostsRoom:
    """Mixed into the WorkshopScreen: F12 opens the room and shows its screen."""

    room: RoomHost | None = None

    def _room_host(self) -> RoomHost:
        if self.room is None:
            self.room = RoomHost(self.history, self.post_message, lambda: self.current,
                                 getattr(self.app, "room_limits", RoomLimits()))
        return self.room

    async def open_room(self, host: str | None = None, port: int = 0) -> bool:
        if self.session.read_only:
            self.notify("The room cannot be opened on a read-only workshop.", severity="warning", markup=False)
            return False
        room = self._room_host()
        try:
            await room.open(host, port)
        except OSError as exc:
            self.notify(f"The room could not be opened: {exc.strerror or exc}", severity="error", markup=False)
            return False
        if room.server.fell_back:
            self.notify("No Wi-Fi or hotspot was found: only this laptop can reach the room. "
                        "See docs/ROOM.md.", severity="warning", timeout=10, markup=False)
        return True

    async def action_room(self) -> None:
        from workshop.tui.room.screen import RoomScreen

        room = self._room_host()
        if not room.is_open and not await self.open_room():
            return
        self.app.push_screen(RoomScreen(room), lambda _result: self.room_changed())

    def open_room_if_asked(self) -> None:
        """`workshop open PATH --room` asked for the room: open it with the workshop."""
        asked, self.app.room_request = getattr(self.app, "room_request", None), None
        if asked is not None:
            self.run_worker(self.action_room_at(asked.get("host"), asked.get("port") or 0), exclusive=False)

    async def action_room_at(self, host: str | None, port: int) -> None:
        from workshop.tui.room.screen import RoomScreen

        if await self.open_room(host, port):
            self.app.push_screen(RoomScreen(self._room_host()), lambda _result: self.room_changed())

    def room_changed(self) -> None:
        """Records were added from the room: show them as they are now."""
        for view in self.views.values():
            view.reload()
        self.refresh_agenda()

    def on_room_arrived(self, _event: RoomArrived) -> None:
        room = self.room
        if room is None:
            return
        if room.queue.auto_accept:
            try:
                room.accept_waiting()
            except StoreError as exc:
                self.notify(str(exc), title="Not saved", severity="error", markup=False)
            self.room_changed()
        self._tell_room_screen(RoomArrived())
        if self.app.screen is self and len(room.queue):
            self.notify(f"Room: {len(room.queue)} waiting (F12 to see)", timeout=3, markup=False)

    def on_room_closed(self, event: RoomClosed) -> None:
        self._tell_room_screen(RoomClosed(event.reason))
        if event.reason:
            self.notify(f"The room closed: {event.reason}.", timeout=6, markup=False)

    def _tell_room_screen(self, message: Message) -> None:
        from workshop.tui.room.screen import RoomScreen

        if isinstance(self.app.screen, RoomScreen):
            self.app.screen.post_message(message)

    def close_room(self) -> None:
        """The workshop is closing: stop listening now (the close finishes in the loop)."""
        if self.room is not None and self.room.is_open:
            asyncio.get_running_loop().create_task(self.room.close())
