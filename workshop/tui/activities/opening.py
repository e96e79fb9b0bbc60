"""The opening: a few pages on what peer support is, stepped through on the projector, then
the motivation questions and the team's vision statement, typed as the room agrees them.

The pages' words are content (opening.toml). The answers are notes of the `opening`
activity (`workshop.opening`), saved after a pause in typing, when the box is left, when
the page changes and when the workshop closes; each spell of typing in a box is one undo
step (Ctrl+Z once the box is left with Esc)."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static, TextArea

from workshop import content, opening
from workshop.tui.activities.base import ActivityView
from workshop.tui.widgets.debounce import Debounced
from workshop.tui.widgets.hanging import Hanging
from workshop.tui.widgets.literal import literal

MAX_POINTS = 12  # the most points a page may have (opening.toml)


class OpeningView(ActivityView):
    activity = "opening"
    can_focus = True

    SCOPED_CSS = False
    DEFAULT_CSS = """
    OpeningView #op-progress { height: 1; }
    OpeningView #op-page { height: 1fr; padding: 0 1; border: round $panel-lighten-2; }
    OpeningView:focus #op-page { border: double $primary; }
    OpeningView.-answers #op-page { height: auto; max-height: 60%; }
    OpeningView #op-boxes { height: 1fr; }
    OpeningView #op-text { margin-bottom: 1; }
    OpeningView #op-from { margin-top: 1; color: $text-muted; }
    OpeningView .op-label { height: auto; padding: 0 1; text-style: bold; }
    OpeningView #op-boxes TextArea { height: 1fr; min-height: 3; }
    .-projector OpeningView #op-page { border: heavy $foreground 60%; }
    .-projector OpeningView:focus #op-page { border: double $primary; }
    """

    BINDINGS = [
        Binding("n,right,pagedown", "page(1)", "Next page", id="op.next"),
        Binding("p,left,pageup", "page(-1)", "Previous page", id="op.previous"),
        Binding("e,enter", "write", "Write", id="op.write"),
        Binding("down", "scroll_page(1)", "Scroll down", id="op.scroll_down", show=False),
        Binding("up", "scroll_page(-1)", "Scroll up", id="op.scroll_up", show=False),
        Binding("escape", "leave", "Stop writing", id="op.leave", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        words = content.opening()
        self.pages, self.text = words["pages"], words["text"]
        self.boxes = {box["key"]: box for box in opening.boxes()}
        self.index = 0
        self._loaded = {key: "" for key in self.boxes}  # what each box showed from the file
        self._savers = {key: Debounced(self, partial(self._write, key)) for key in self.boxes}
        self._titles = {s["key"]: s["short"] for s in content.sources()}

    def compose(self) -> ComposeResult:
        read_only = self.session.read_only
        yield Label("", id="op-progress", classes="column-title")
        with VerticalScroll(id="op-page"):
            yield Static("", id="op-text")
            # Each point its own line, wrapped under its text rather than under its marker.
            for n in range(MAX_POINTS):
                yield Static("", id=f"op-point-{n}", classes="op-point")
            yield Static("", id="op-from")
        with Vertical(id="op-boxes"):
            for key, box in self.boxes.items():
                yield Label(literal(box["label"]), id=f"op-label-{key}", classes="op-label")
                yield TextArea(id=f"op-box-{key}", soft_wrap=True, tab_behavior="focus", read_only=read_only,
                               placeholder=box.get("hint", ""))
        yield Label("", id="op-hint", classes="status-line")

    def on_mount(self) -> None:
        self.reload()

    # state -----------------------------------------------------------------------------------

    def page(self) -> dict:
        return self.pages[self.index]

    def _page_boxes(self) -> list[str]:
        return [box["key"] for box in self.page().get("box", [])]

    def _box(self, key: str) -> TextArea:
        return self.query_one(f"#op-box-{key}", TextArea)

    def _typing(self) -> bool:
        focused = self.app.focused
        return isinstance(focused, TextArea) and self in focused.ancestors

    def _pending(self, key: str) -> bool:
        return self._box(key).text != self._loaded[key]

    def reload(self) -> None:
        if not self.is_mounted:
            return
        records = self.history.records("notes")
        for key, box in self.boxes.items():
            note = opening.find_answer(records, box)
            stored = (note or {}).get("text") or ""
            if self._pending(key) and self._box(key).has_focus:
                continue  # being typed: what is on screen is newer
            self._loaded[key] = stored
            self._savers[key].forget()
            if self._box(key).text != stored:
                self._box(key).load_text(stored)
        self._draw()

    # drawing ---------------------------------------------------------------------------------

    def _draw(self) -> None:
        page = self.page()
        self.query_one("#op-progress", Label).update(literal(
            f"{self.text['page_label'].format(n=self.index + 1, total=len(self.pages))} · {page['title']}"))
        # The title is on the line above the page (#op-progress), in the projector's view.
        self.query_one("#op-text", Static).update(literal(page.get("lead", ""), "bold"))
        points = page.get("points", [])[:MAX_POINTS]
        for n in range(MAX_POINTS):
            widget = self.query_one(f"#op-point-{n}", Static)
            widget.display = n < len(points)
            if n < len(points):
                widget.update(self._point(points[n]))
        names = [self._titles.get(key, key) for key in page.get("sources", [])]
        self.query_one("#op-from", Static).update(
            literal(f"{self.text['sources_label']}: {'; '.join(names)}", "italic") if names else "")
        self.query_one("#op-page", VerticalScroll).scroll_home(animate=False)
        keys = self._page_boxes()
        self.set_class(bool(keys), "-answers")
        self.query_one("#op-boxes").display = bool(keys)
        for key in self.boxes:
            self.query_one(f"#op-label-{key}").display = key in keys
            self._box(key).display = key in keys
        self.query_one("#op-hint", Label).update(self.text["keys_write" if keys else "keys_read"])
        self.refresh_bindings()

    @staticmethod
    def _point(point: dict) -> Hanging:
        term = point["term"]
        if term.isdigit():  # a numbered list: the number is the marker
            return Hanging(literal(f"{term:>2}. ", "bold"), literal(point["text"]))
        body = literal(term, "bold")
        body.append(": ")
        body.append_text(literal(point["text"]))
        return Hanging(Text("• "), body)

    def focus_entry(self) -> None:
        self.focus()

    # saving ----------------------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        key = (event.text_area.id or "").removeprefix("op-box-")
        if key in self.boxes and self._pending(key):
            self._savers[key].changed()

    def save(self, key: str) -> bool:
        """Save what is in a box now; on failure the words stay on screen, marked unsaved."""
        saver = self._savers[key]
        saver.dirty = saver.dirty or self._pending(key)
        return saver.flush()

    def _write(self, key: str) -> bool:
        if not self._pending(key) or self.session.read_only:
            return True
        typed = self._box(key).text
        # `attempt` gives None only when the save failed (and has said why on screen).
        if self.attempt(lambda: opening.save_answer(self.history, self.boxes[key], typed) or True) is None:
            return False
        self._loaded[key] = typed
        return True

    def flush(self) -> None:
        for key in self.boxes:
            self.save(key)

    def on_descendant_blur(self, event) -> None:
        key = (event.widget.id or "").removeprefix("op-box-")
        if key in self.boxes:
            self.save(key)

    # keys ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "leave":
            return self._typing()
        if self._typing():
            return False
        if action == "write":
            return bool(self._page_boxes())
        return True

    def action_page(self, delta: int) -> None:
        target = self.index + delta
        if not 0 <= target < len(self.pages):
            where = "last" if delta > 0 else "first"
            self.app.notify(f"This is the {where} page. Ctrl+N / Ctrl+B move between activities.",
                            timeout=3, markup=False)
            return
        self.flush()
        self.index = target
        self._draw()

    def action_scroll_page(self, lines: int) -> None:
        """A page taller than a small screen scrolls while the view keeps the keys."""
        self.query_one("#op-page", VerticalScroll).scroll_relative(y=lines, animate=False)

    def action_write(self) -> None:
        keys = self._page_boxes()
        if not keys:
            return
        if self.session.read_only:
            self.app.notify("This workshop is open read-only.", timeout=3, markup=False)
            return
        box = self._box(keys[0])
        box.focus()
        box.move_cursor(box.document.end)

    def action_leave(self) -> None:
        focused = self.app.focused
        if isinstance(focused, TextArea):
            key = (focused.id or "").removeprefix("op-box-")
            if key in self.boxes and not self.save(key):
                return
        self._draw()
        self.focus()


VIEW = OpeningView
