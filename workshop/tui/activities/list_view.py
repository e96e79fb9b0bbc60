"""The way of working most activities share: type into an entry box, Esc to the list,
letter keys act on the highlighted item there."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual.widgets import Input, OptionList

from workshop.tui.activities.base import ActivityView


class ListActivityView(ActivityView):
    """Subclasses set `LIST_CLASS` (their OptionList subclass), `LIST_ONLY` (actions that
    act on the selected item, so hidden while typing), and implement `_list()` (the list now
    in use) and `action_edit()`."""

    LIST_CLASS: ClassVar[type[OptionList]] = OptionList
    LIST_ONLY: ClassVar[frozenset[str]] = frozenset()

    _by_id: dict[str, dict[str, Any]] = {}

    def _list(self) -> OptionList:
        raise NotImplementedError

    def _app_today(self) -> date | None:
        """The day the app says it is, if it says (what counts as overdue depends on it)."""
        getter = getattr(self.app, "today", None)
        return getter() if callable(getter) else None

    def selected(self) -> dict | None:
        option = self._list().highlighted_option
        if option is None or option.id is None:
            return None
        return self._by_id.get(option.id)

    def select_record(self, rid: str) -> None:
        listing = self._list()
        try:
            listing.highlighted = listing.get_option_index(rid)
        except Exception:  # noqa: BLE001 - not there any more
            return
        listing.focus()

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


class RowsFitWidth:
    """For lists whose rows are laid out for the width and theme (columns, spacing in
    projector mode): lay them out again when either changes."""

    def on_mount(self) -> None:
        self.reload()
        # Projector mode switches the theme; rows are spaced apart there. The app sets its
        # -projector class just after the theme, so look once both are done.
        self.watch(self.app, "theme", lambda _theme: self.after_layout(self._fill), init=False)

    def on_resize(self) -> None:
        if self._layout_width() != self._width:
            self._fill()
