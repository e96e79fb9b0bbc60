"""The box where the facilitator types items while the room talks.

Enter hands the words up and empties the box in the same step, before the next key is
read: keys typed while the item is being saved start the next item instead of joining this
one or being wiped with it. The box is emptied without asking for a frame of its own; the
owner shows it emptied as it draws the new item (`show_emptied`), so the screen changes
once, not twice a frame apart (Textual draws at most 60 frames a second, so a frame for the
empty box alone delayed the new item by up to 17 ms). A paste of several lines hands up one
item per non-empty line (Textual's own Input keeps only the first line of a paste and drops
the rest)."""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input
from textual.widgets.input import Selection

from workshop import model

PASTE_HINT = "paste several lines: one item each"
# Workshop field: words left in an entry box when the workshop closed, by activity.
ENTRY_DRAFTS = "entry_drafts"


class EntryBox(Input):
    class Entered(Message):
        """Words to add, one item each, in the order they were typed or pasted."""

        def __init__(self, entry: "EntryBox", texts: list[str]) -> None:
            super().__init__()
            self.entry = entry
            self.texts = texts

        @property
        def control(self) -> "EntryBox":
            return self.entry

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self._emptied_unseen = False

    async def _on_key(self, event: events.Key) -> None:
        # Enter is handled here, in order with the letters. As a binding it would first go
        # round the app's queue, behind letters already typed, and they would join this item.
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.action_submit()
        # Other keys: Textual goes on to Input's own handler (the next class in the MRO).

    async def action_submit(self) -> None:
        text = self.value
        if not text.strip():
            return
        self._hand_up([text])

    def _hand_up(self, texts: list[str]) -> None:
        # The value changes now, so the next key starts a new item; the redraw waits for the owner.
        self.set_reactive(Input.value, "")
        self.set_reactive(Input.selection, Selection.cursor(0))
        self._emptied_unseen = True
        self.post_message(self.Entered(self, texts))
        # Should no owner answer, the box is still shown emptied, a moment later.
        self.set_timer(0.2, self.show_emptied)

    def show_emptied(self) -> None:
        """Draw the box as it now is, after Enter emptied it without a redraw."""
        if self._emptied_unseen:
            self._emptied_unseen = False
            self._watch_value(self.value)
            self._watch_selection(self.selection)
            self.refresh(layout=True)

    def _on_paste(self, event: events.Paste) -> None:
        lines = [line for line in event.text.splitlines() if line.strip()]
        if len(lines) <= 1:
            return  # Input's own handler (next in the MRO) inserts it
        event.stop()
        event.prevent_default()
        if self.disabled:
            return
        # Words already in the box begin the first pasted line, as they would on paper.
        lines[0] = self.value + lines[0]
        self._hand_up(lines)

    def give_back(self, texts: list[str]) -> None:
        """Saving failed: put the words back in front of anything typed since, so none is lost."""
        words = " / ".join(texts)
        self.value = f"{words} {self.value}".rstrip() if self.value else words
        self.cursor_position = len(words)


def cleaned(text: str) -> str:
    """An item's words as they are stored: control characters out, spaces trimmed."""
    return model.clean_text(text).strip()


class TextField(Input):
    """A field in a dialog. The cursor goes to the end of what is there, rather than the
    whole field being selected: one letter typed on opening must not replace a title."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self._emptied_unseen = False

    def on_mount(self) -> None:
        self.cursor_position = len(self.value)
