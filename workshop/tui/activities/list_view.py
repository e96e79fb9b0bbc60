"""The way of working most activities share: type into an entry box, Esc to the list,
letter keys act on the highlighted item there."""

from __future__ import annotations

from typing import ClassVar

from textual.widgets import Input, OptionList

from workshop.tui.activities.base import ActivityView


class ListActivityView(ActivityView):
    """Subclasses set `LIST_CLASS` (their OptionList subclass), `LIST_ONLY` (actions that
    act on the selected item, so hidden while typing), and implement `_list()` (the list now
    in use) and `action_edit()`."""

    LIST_CLASS: ClassVar[type[OptionList]] = OptionList
    LIST_ONLY: ClassVar[frozenset[str]] = frozenset()

    def _list(self) -> OptionList:
        raise NotImplementedError

    def action_edit(self) -> None:
        raise NotImplementedError

    def list_widget(self) -> OptionList:
        return self._list()

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action in self.LIST_ONLY and isinstance(self.app.focused, Input):
            return False
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, self.LIST_CLASS):
            event.stop()
            self.action_edit()

    def action_move_selection(self, delta: int) -> None:
        """Up and down move through the list even while the cursor is in the entry box."""
        if isinstance(self.app.focused, self.LIST_CLASS):
            return
        listing = self._list()
        if delta < 0:
            listing.action_cursor_up()
        else:
            listing.action_cursor_down()

    def action_toggle_focus(self) -> None:
        if isinstance(self.app.focused, Input):
            self._list().focus()
        else:
            self.focus_entry()

    def action_type(self) -> None:
        self.focus_entry()
