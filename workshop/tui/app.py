"""The Team Day application: themes, preferences, opening workshops, the command palette."""

from __future__ import annotations

import asyncio
import os
import signal
from functools import partial
from pathlib import Path
from typing import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Hit, Hits
from textual.notifications import Notification, Notify
from textual.screen import Screen
from textual.system_commands import SystemCommandsProvider
from textual.theme import Theme

from workshop.settings import Settings
from workshop.tui.screens.kinds import OffersCommands, SavesOnClose
from workshop.store import StoreError, backup_path
from workshop.collector import hold_collecting, resume_collecting
from workshop.tui.boxes import is_typing_box
from workshop.tui.first_frame import paint_first_screen
from workshop.tui.hangup import HangUp

# Black, white and yellow: the combination that survives a washed-out projector.
PROJECTOR_THEME = Theme(
    name="team-day-projector",
    primary="#FFE066",
    secondary="#7FDBFF",
    accent="#FFE066",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    boost="#262626",
    warning="#FFB000",
    error="#FF6B6B",
    success="#7CFC7C",
    dark=True,
    variables={
        "footer-key-foreground": "#FFE066",
        "block-cursor-background": "#FFE066",
        "block-cursor-foreground": "#000000",
        "border": "#FFFFFF",
        "border-blurred": "#9A9A9A",
        "input-selection-background": "#FFE066 40%",
    },
)
DESK_THEME = "textual-dark"
# Long enough to read aloud, short enough not to sit over the work; errors stay longer.
NOTICE_SECONDS = 5.0


# Other words people use for an action (by action name), found by the palette as well.
SYNONYMS = {
    "vote": "dot, dots, score",
    "theme": "tag, group, label",
    "toggle_group": "themes, cluster",
    "cycle_sort": "order, rank",
    "toggle_sort": "order, date",
    "raise_concern": "worry, send to concerns",
    "send": "send, plan, action",
    "send_to_plan": "send, plan, action",
    "export": "Word, docx, record, save as, print",
    "toggle_projector": "projector, big, contrast, display",
    "toggle_notes": "minutes, discussion",
    "toggle_guide": "help, facilitator",
    "timer_toggle": "clock, start, pause, countdown",
    "move": "column, lane",
    "cycle_filter": "show, status",
}
# Keys that move the highlight: nobody looks for these by name.
QUIET = frozenset({"move_selection", "focus_column", "step_lane"})


class PaletteCommands(SystemCommandsProvider):
    """The system commands, found by their name or by another word for them."""

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback, *_ in self.app.get_system_commands(self.screen):
            score = matcher.match(name)
            if score <= 0 and " · also: " in help_text:
                also = help_text.partition(" · also: ")[2]
                if any(query.strip().casefold() in word.strip().casefold() for word in also.split(",")):
                    score = 0.5  # below any match on the name itself
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class TeamDayApp(App[None]):
    """Runs the day: the home screen, or straight into one workshop."""

    TITLE = "Team Day"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f1", "help", "Help", id="help"),
        Binding("f4", "toggle_projector", "Projector", id="projector"),
    ]

    def __init__(self, sessions_dir: Path, open_path: Path | None = None, *,
                 exports_dir: Path | None = None, clock=None, hangup: HangUp | None = None,
                 room: dict | None = None, checked: tuple[bytes, dict] | None = None):
        super().__init__()
        # `open_path`'s bytes and data as the command line checked them a moment ago: opened
        # from those if the file still holds the same bytes (checking 2,000 items takes ~15 ms).
        self._checked_at_start = checked
        # `workshop open PATH --room`: the workshop screen opens the room once it is shown.
        self.room_request = room
        # Installed by the command line before Textual loads, so that a window closed during
        # start-up is not missed; an app made without one catches the signals once mounted.
        self.hangup = hangup
        self.sessions_dir = Path(sessions_dir)
        self.exports_dir = Path(exports_dir or os.environ.get("WORKSHOP_EXPORTS") or "exports")
        self.open_path = Path(open_path) if open_path else None
        self.settings = Settings.load(self.sessions_dir)
        # Tests inject a clock so timers and snapshots do not depend on the wall clock.
        self.clock = clock
        self.register_theme(PROJECTOR_THEME)
        self._problem_at_start: Screen | None = None
        # Work put off until the first frame is drawn (first_frame.after_first_frame).
        self._first_frame_waiting: list | None = []

    def get_driver_class(self):
        driver = super().get_driver_class()
        if driver.__name__ == "LinuxDriver" and driver.__module__ == "textual.drivers.linux_driver":
            from workshop.tui.driver import TerminalDriver

            return TerminalDriver
        return driver

    @property
    def hung_up(self) -> bool:
        """The terminal window was closed (SIGHUP), as opposed to asked to stop (SIGTERM)."""
        return self.hangup is not None and self.hangup.signum == getattr(signal, "SIGHUP", None)

    def on_mount(self) -> None:
        if self._catch_hangup():
            return  # the window closed while the app was starting: open nothing
        self.apply_projector(self.settings.projector, remember=False)
        if self._problem_at_start is not None:
            self.push_screen(self._problem_at_start)  # the file named at start-up could not be opened
            self._problem_at_start = None
        self.call_later(self._check_size)
        self.call_later(self._paint_first_screen)

    # the smallest window the day can be read in ---------------------------------------------

    def on_resize(self, _event) -> None:
        self.call_later(self._check_size)

    def push_screen(self, screen, *args, **kwargs):
        # A screen opened while the window is too small goes under the message, not over it.
        from workshop.tui.screens.too_small import TooSmallScreen

        if not isinstance(screen, TooSmallScreen) and self.screen_stack and isinstance(self.screen, TooSmallScreen):
            self.pop_screen()
            result = super().push_screen(screen, *args, **kwargs)
            self.call_later(self._check_size)
            return result
        result = super().push_screen(screen, *args, **kwargs)
        self.call_later(self._nudge_screens_below)
        return result

    def get_default_screen(self) -> Screen:
        # The first screen is the home screen, or the workshop named at start-up, itself:
        # not a screen pushed over an empty one that is laid out for nothing before the first
        # frame. The home screen is made when that workshop closes (pop_screen).
        # The collector is held from here (the app has started) until the first frame; the
        # command line holds it before Textual loads (see workshop/collector.py).
        hold_collecting()
        if self.open_path is None:
            from workshop.tui.screens.home import HomeScreen

            return HomeScreen()
        screen, opened = self._screen_for(self.open_path)
        if opened:
            # Textual loads a screen's own styles (CSS_PATH) when it is pushed or switched to,
            # not when it is the first screen.
            self._load_screen_css(screen)
            return screen
        self._problem_at_start = screen
        return super().get_default_screen()

    async def _ready(self) -> None:
        # The first screen (home, or the workshop named at start-up) composes in its own task;
        # the app takes keys only once it has (and its first focus is set), so a key pressed
        # while it opens reaches the entry box, not a screen with nothing in it yet.
        await self.screen._mounted_event.wait()
        await super()._ready()

    def pop_screen(self):
        from workshop.tui.screens.home import HomeScreen

        if len(self.screen_stack) == 1:
            # The workshop opened at start-up is the first screen: the list of workshops
            # takes its place. Textual's switch drops the top screen's result callback, which
            # only a pushed screen has; the first screen is given the empty one a push gives.
            bottom = self.screen
            bottom._push_result_callback(bottom, None)
            return self.switch_screen(HomeScreen())
        result = super().pop_screen()
        if len(self.screen_stack) == 1 and type(self.screen) is Screen and not self._exit:
            # Only the empty first screen is left (a damaged file's message, dismissed): the list.
            self.push_screen(HomeScreen())
        return result

    def _nudge_screens_below(self) -> None:
        """Work a screen had queued to run after its next refresh (a list bringing its
        highlight into view, the footer's keys) could wait for good once a dialog opened over
        it: the screen had gone quiet with a refresh due and nothing left to wake it. Each
        screen under the new one is asked to look at its queue again."""
        for below in self.screen_stack[:-1]:
            below.check_idle()

    def _check_size(self) -> None:
        from workshop.tui.screens.too_small import TooSmallScreen, too_small

        if not self.screen_stack or not self.is_running:
            return
        showing = isinstance(self.screen, TooSmallScreen)
        small = too_small(self.size.width, self.size.height)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif showing and not small:
            self.pop_screen()

    def _paint_first_screen(self) -> None:
        paint_first_screen(self)

    def _catch_hangup(self) -> bool:
        """A closed terminal window or a shutdown sends SIGHUP/SIGTERM: save what was typed and
        free the lock, as quitting would. True if one has already come."""
        if self.is_headless:
            return False
        if self.hangup is None:
            self.hangup = HangUp().install()
        self.hangup.attach(asyncio.get_running_loop(), self.terminal_closed)
        return self.hangup.received

    def terminal_closed(self) -> None:
        """The window has gone (or the computer is shutting down): save, free the files, end."""
        self.close_sessions()
        self.exit()

    # workshops ---------------------------------------------------------------------------

    def open_workshop(self, path: Path) -> bool:
        """Open `path` on top of the home screen; problems are shown, never raised."""
        screen, opened = self._screen_for(path)
        self.push_screen(screen)
        return opened

    def _screen_for(self, path: Path) -> tuple[Screen, bool]:
        """The workshop screen for `path` and True, or the screen that says why it cannot be
        opened and False."""
        from workshop.store import Session
        from workshop.tui.screens.problem import ProblemScreen
        from workshop.tui.screens.workshop import WorkshopScreen

        checked, self._checked_at_start = self._checked_at_start, None
        try:
            session = Session.open(path, checked=checked if Path(path) == self.open_path else None)
        except StoreError as exc:
            backup = backup_path(Path(path))
            return ProblemScreen(Path(path), str(exc), backup if backup.exists() else None), False
        return WorkshopScreen(session), True

    def close_sessions(self) -> None:
        """Save what is pending in every open workshop and release their files.
        Top first, so a dialog holding unsaved words saves them before its workshop closes."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, SavesOnClose):
                screen.close_session()

    async def action_quit(self) -> None:
        self.close_sessions()
        self.exit()

    def on_unmount(self) -> None:
        self.close_sessions()
        resume_collecting()  # an app that ended before its first frame leaves no collector off

    # notifications -----------------------------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """One message at a time: a new one replaces the last, so they never stack up over a
        list on the projector."""
        self.clear_notifications()
        if severity != "error":
            timeout = min(timeout if timeout is not None else NOTICE_SECONDS, NOTICE_SECONDS)
        # Posted as App.notify does; callers say whether the message is markup (see literal.py).
        self.post_message(Notify(Notification(message, title, severity, timeout, markup=markup)))

    def _on_notify(self, event) -> None:
        # Messages sent in one burst arrive together: only the last is shown.
        self.clear_notifications()
        super()._on_notify(event)

    # preferences -------------------------------------------------------------------------

    @property
    def projector(self) -> bool:
        return self.settings.projector

    def apply_projector(self, on: bool, *, remember: bool = True) -> None:
        self.settings.projector = on
        theme = PROJECTOR_THEME.name if on else DESK_THEME
        if self.theme != theme:  # a theme change restyles every widget; skip it when unchanged
            self.theme = theme
        self.set_class(on, "-projector")
        if remember and not self.settings.save(self.sessions_dir):
            self.notify("Projector mode is on, but the choice could not be remembered.", severity="warning",
                        markup=False)

    def action_toggle_projector(self) -> None:
        self.apply_projector(not self.projector)
        self.notify("Projector mode on" if self.projector else "Projector mode off", timeout=2, markup=False)

    def action_help(self) -> None:
        from workshop.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    # command palette: every key binding of the current screen is also a command -----------

    COMMANDS = {PaletteCommands}

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        seen: set[tuple[str, str]] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            # Editing keys of the box being typed in are not what anyone looks for by name.
            if is_typing_box(active.node):
                continue
            if not binding.description or not active.enabled or (binding.action, binding.description) in seen:
                continue
            seen.add((binding.action, binding.description))
            yield self._command(binding, partial(self._run_bound_action, binding.action, active.node))
        if isinstance(screen, OffersCommands):
            # The current activity's own keys (and its list's) are found by name even while
            # typing: choosing one moves to the list first, as Esc would.
            for node, listing in screen.palette_targets():
                for binding in self._named_bindings(node):
                    if (binding.action, binding.description) in seen:
                        continue
                    seen.add((binding.action, binding.description))
                    yield self._command(binding, partial(self._run_activity_action, binding.action, node, listing))
            yield from screen.palette_commands()
        yield SystemCommand("Quit", "Save and close Team Day (ctrl+q)", self.action_quit)

    def _command(self, binding: Binding, callback) -> SystemCommand:
        words = SYNONYMS.get(binding.action.split("(")[0])
        help_text = f"Key: {self.get_key_display(binding)}" + (f" · also: {words}" if words else "")
        return SystemCommand(binding.tooltip or binding.description, help_text, callback)

    @staticmethod
    def _named_bindings(node) -> Iterable[Binding]:
        for bindings in node._bindings.key_to_bindings.values():
            for binding in bindings:
                if binding.description and (binding.show or binding.id) and binding.action.split("(")[0] not in QUIET:
                    yield binding

    async def _run_activity_action(self, action: str, node, listing) -> None:
        if listing is not None and is_typing_box(self.focused):
            listing.screen.set_focus(listing)
        await self.run_action(action, node)

    async def _run_bound_action(self, action: str, node) -> None:
        await self.run_action(action, node)
