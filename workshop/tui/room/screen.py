"""The room screen: where phones connect (address and QR code) and what they sent, waiting
for the facilitator to accept, edit or decline. Projected, the queue shows only how many
are waiting until the facilitator reveals it, and personal experience is never drawn."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workshop import content
from workshop.room import Submission
from workshop.room.queue import choices
from workshop.store import StoreError
from workshop.tui.room.edit import EditSubmissionScreen
from workshop.tui.room.host import RoomArrived, RoomClosed, RoomHost
from workshop.tui.room.qr_widget import RoomCode
from workshop.tui.widgets.footer import KeyFooter
from workshop.tui.widgets.literal import literal

HIDDEN = "(personal experience: words hidden on the projector)"


def choice_label(sub: Submission) -> str:
    labels = dict(choices(sub.activity))
    if sub.activity == "expertise":
        short = {s["key"]: s["short"] for s in content.expertise_sources()}
        return short.get(sub.choice, sub.choice)
    if sub.activity == "concerns":
        return f"Concern: {labels[sub.choice]}" if sub.choice else "Concern"
    return labels.get(sub.choice, sub.choice).removeprefix("A ").capitalize()


def queue_prompt(sub: Submission, projected: bool) -> Text:
    text = Text()
    text.append(f"{choice_label(sub)} · {sub.minute}  ", style="bold")
    if sub.private and projected:
        text.append(HIDDEN, style="italic")
    else:
        text.append(literal(sub.text))
    return text


class RoomScreen(Screen[None]):
    """Shows one open (or just closed) room. Letter keys act on the highlighted submission."""

    DEFAULT_CSS = """
    RoomScreen #room-body { height: 1fr; }
    RoomScreen #room-where { width: auto; padding: 0 1; }
    RoomScreen #room-side { width: 1fr; padding: 0 1; }
    RoomScreen #room-queue { height: 1fr; }
    RoomScreen .room-title { text-style: bold; }
    """

    BINDINGS = [
        Binding("a,enter", "accept", "Accept", id="room.accept"),
        Binding("d,delete", "decline", "Decline", id="room.decline"),
        Binding("e", "edit", "Edit", id="room.edit"),
        Binding("u", "auto_accept", "Auto-accept", id="room.auto"),
        Binding("v", "reveal", "Show words", id="room.reveal"),
        Binding("x", "close_room", "Close room", id="room.close"),
        Binding("o", "open_room", "Open room", id="room.open"),
        Binding("escape,f12", "back", "Back", id="room.back"),
    ]

    def __init__(self, host: RoomHost) -> None:
        super().__init__()
        self.host = host
        self.revealed = False

    def compose(self) -> ComposeResult:
        yield Label("", id="room-address", classes="room-title")
        with Horizontal(id="room-body"):
            with Vertical(id="room-where"):
                yield RoomCode(id="room-code")
            with Vertical(id="room-side"):
                yield Label("", id="room-state")
                yield OptionList(id="room-queue")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _theme: self.show(), init=False)
        self.show()
        self.query_one(OptionList).focus()

    @property
    def projected(self) -> bool:
        return bool(getattr(self.app, "projector", False))

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "open_room":
            return not self.host.is_open
        if action == "close_room":
            return self.host.is_open
        if action == "reveal":
            return self.projected
        return True

    # drawing ---------------------------------------------------------------------------------

    def show(self) -> None:
        host, queue = self.host, self.host.queue
        server = host.server
        if host.is_open:
            where = f"Add your words: {server.url}"
            if server.fell_back:
                where += "  (this laptop only: no Wi-Fi or hotspot found)"
        else:
            where = "The room is closed: no phone can reach it. o opens it again."
        self.query_one("#room-address", Label).update(literal(where))
        self.query_one(RoomCode).show_address(server.url)
        waiting = len(queue)
        state = f"{waiting} waiting · {queue.received} received"
        state += " · auto-accept ON" if queue.auto_accept else " · auto-accept off"
        self.query_one("#room-state", Label).update(literal(state))
        listing = self.query_one(OptionList)
        previous = listing.highlighted_option.id if listing.highlighted_option else None
        if self.projected and not self.revealed:
            listing.set_options([Option(literal(f"{waiting} waiting. v shows the words."), id="count",
                                        disabled=True)])
            return
        listing.set_options([Option(queue_prompt(sub, self.projected), id=str(sub.number))
                             for sub in queue.pending])
        if listing.option_count:
            try:
                listing.highlighted = listing.get_option_index(previous) if previous else 0
            except Exception:  # noqa: BLE001 - that one was accepted or declined
                listing.highlighted = 0

    def on_room_arrived(self, _event: RoomArrived) -> None:
        self.show()

    def on_room_closed(self, _event: RoomClosed) -> None:
        self.show()
        self.refresh_bindings()

    def selected(self) -> Submission | None:
        if self.projected and not self.revealed:
            self.notify("Press v to show the words first.", timeout=3, markup=False)
            return None
        option = self.query_one(OptionList).highlighted_option
        if option is None or option.id in (None, "count"):
            self.notify("Nothing is waiting.", timeout=2, markup=False)
            return None
        return self.host.queue.get(int(option.id))

    # actions ---------------------------------------------------------------------------------

    def action_accept(self) -> None:
        sub = self.selected()
        if sub is None:
            return
        try:
            self.host.accept(sub.number)
        except StoreError as exc:
            self.notify(str(exc), title="Not saved", severity="error", markup=False)
            return
        self.notify("Added to the workshop (ctrl+z there undoes it).", timeout=2, markup=False)
        self.show()

    def action_decline(self) -> None:
        sub = self.selected()
        if sub is not None:
            self.host.queue.take(sub.number)
            self.notify("Declined: not added.", timeout=2, markup=False)
            self.show()

    def action_edit(self) -> None:
        sub = self.selected()
        if sub is None:
            return

        def done(result: tuple[str, str] | None) -> None:
            if result is not None and self.host.queue.edit(sub.number, result[1], result[0]) is None:
                self.notify("The words cannot be empty; use d to decline.", severity="warning", markup=False)
            self.show()

        self.app.push_screen(EditSubmissionScreen(sub, choices(sub.activity)), done)

    def action_auto_accept(self) -> None:
        queue = self.host.queue
        queue.auto_accept = not queue.auto_accept
        if queue.auto_accept and len(queue):
            try:
                self.host.accept_waiting()
            except StoreError as exc:
                self.notify(str(exc), title="Not saved", severity="error", markup=False)
        self.notify("Auto-accept on: words go straight into the workshop." if queue.auto_accept
                    else "Auto-accept off: words wait here for you.", timeout=3, markup=False)
        self.show()

    def action_reveal(self) -> None:
        self.revealed = not self.revealed
        self.show()

    async def action_close_room(self) -> None:
        await self.host.close()
        self.show()
        self.refresh_bindings()

    async def action_open_room(self) -> None:
        try:
            await self.host.open(self.host.server.host or None, 0)
        except OSError as exc:
            self.notify(f"The room could not be opened: {exc.strerror or exc}", severity="error", markup=False)
        self.show()
        self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss(None)
