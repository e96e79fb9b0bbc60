"""The follow-up review: each item carried from the earlier day, how it stood then and how
it stands now.

Shown first, and only, in a workshop made by `workshop followup`. One item at a time: the
"Then" pane (as the earlier day left it) beside the "Now" pane: a status by number key
(a concern's own status follows), the date a done action or plan was done, and what
changed and what next, saved as they are typed. Every change goes through the screen's
history, so Ctrl+Z undoes it."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, Label, Static, TextArea

from workshop import content, followup, model
from workshop.tui.activities import review_panes as panes
from workshop.tui.activities.base import ActivityView
from workshop.tui.widgets.debounce import Debounced

BOXES = ("changed", "next")


class ReviewView(ActivityView):
    activity = "review"
    can_focus = True

    SCOPED_CSS = False
    DEFAULT_CSS = panes.CSS

    BINDINGS = [
        Binding("n,right", "step(1)", "Next item", id="rv.next"),
        Binding("p,left", "step(-1)", "Previous item", id="rv.previous"),
        Binding("s", "cycle_status", "Status", id="rv.status"),
        Binding("c", "write('changed')", "What changed", id="rv.changed"),
        Binding("w", "write('next')", "What next", id="rv.what_next"),
        Binding("d", "done_on", "Done on", id="rv.done_on"),
        Binding("u", "next_unreviewed", "Next to review", id="rv.unreviewed", show=False),
        *(Binding(str(n), f"set_status({n})", f"Status {n}", id=f"rv.status.{n}", show=False) for n in range(1, 5)),
        Binding("escape", "leave", "Back to the item", id="rv.leave", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.words = content.review()
        self.rows: list[dict] = []
        self.index = 0
        self._loaded = {name: "" for name in BOXES}  # what each box showed from the file
        self._editing: dict[str, str | None] = {name: None for name in BOXES}  # review id per box
        self._savers = {name: Debounced(self, partial(self._write_text, name)) for name in BOXES}
        self._done_for: str | None = None  # the review the done-on box belongs to
        self._done_loaded = ""

    def compose(self) -> ComposeResult:
        text = self.words["text"]
        read_only = self.session.read_only
        yield Label("", id="rv-progress", classes="column-title")
        with Horizontal(id="rv-panes"):
            with VerticalScroll(id="rv-then"):
                yield Static("", id="rv-then-text")
            with Vertical(id="rv-now"):
                yield Label("", id="rv-question")
                yield Label("", id="rv-choices")
                with Horizontal(id="rv-done-row"):
                    yield Label(f"{text['done_on_label']} ▸")
                    yield Input(placeholder=text["done_on_placeholder"], id="rv-done-on", select_on_focus=False,
                                disabled=read_only)
                yield Label(f"{text['changed_label']} (c)", classes="rv-label")
                yield TextArea(id="rv-changed", soft_wrap=True, tab_behavior="focus", read_only=read_only,
                               placeholder=text["changed_placeholder"])
                yield Label(f"{text['next_label']} (w)", classes="rv-label")
                yield TextArea(id="rv-next", soft_wrap=True, tab_behavior="focus", read_only=read_only,
                               placeholder=text["next_placeholder"])
        yield Label("", id="rv-hint", classes="status-line")

    def on_mount(self) -> None:
        workshop = self.session.workshop()
        follows = workshop.get("follows") or {}
        then = self.words["text"]["then_title"]
        self.query_one("#rv-then").border_title = (
            f"{then} · {followup.readable_date(follows['date'])}" if follows.get("date") else then)
        now = self.words["text"]["now_title"]
        self.query_one("#rv-now").border_title = (
            f"{now} · {followup.readable_date(workshop['date'])}" if workshop.get("date") else now)
        self.reload()

    # state -----------------------------------------------------------------------------------

    def current(self) -> dict | None:
        return self.rows[self.index] if 0 <= self.index < len(self.rows) else None

    def _statuses(self, review: dict | None) -> tuple[str, ...]:
        return followup.statuses_for(review["item_table"]) if review else ()

    def _kind(self, review: dict) -> dict:
        return next(k for k in self.words["kinds"] if k["table"] == review["item_table"])

    def _box(self, name: str) -> TextArea:
        return self.query_one(f"#rv-{name}", TextArea)

    def _typing(self) -> bool:
        focused = self.app.focused
        return isinstance(focused, (TextArea, Input)) and self in focused.ancestors

    def reload(self) -> None:
        if not self.is_mounted:
            return
        keep = self.current()
        self.rows = followup.reviews(self.session)
        ids = [r["id"] for r in self.rows]
        if keep is not None and keep["id"] in ids:
            self.index = ids.index(keep["id"])
        self.index = max(0, min(self.index, len(self.rows) - 1))
        self._draw()

    # drawing ---------------------------------------------------------------------------------

    def _draw(self) -> None:
        review = self.current()
        text = self.words["text"]
        now = self.query_one("#rv-now")
        if review is None:
            message = text["nothing_carried"] if self.session.workshop().get("follows") else text["not_a_followup"]
            self.query_one("#rv-progress", Label).update("Nothing was carried forward")
            self.query_one("#rv-then-text", Static).update(message)
            self.query_one("#rv-hint", Label).update("")
            now.display = False
            self.refresh_bindings()
            return
        now.display = True
        reviewed, total = followup.progress(self.rows)
        kind = self._kind(review)
        self.query_one("#rv-progress", Label).update(
            f"Item {self.index + 1} of {total} · {reviewed} reviewed · {kind['label']}")
        self._draw_then(review)
        self.query_one("#rv-question", Label).update(kind["question"])
        self._draw_choices(review)
        self._draw_done_on(review)
        for name in BOXES:
            if not (self._editing[name] == review["id"] and self._pending(name)):
                self._load_box(name, review)
        statuses = self._statuses(review)
        self.query_one("#rv-hint", Label).update(
            f"1-{len(statuses)} or s: status · c/w: write · n/p: next/previous · u: next to review")
        self.refresh_bindings()

    def _draw_then(self, review: dict) -> None:
        missing = followup.item_of(self.session, review) is None
        self.query_one("#rv-then-text", Static).update(panes.then_text(review, missing, self.words["text"]["item_missing"]))
        self.query_one("#rv-then", VerticalScroll).scroll_home(animate=False)

    def _draw_choices(self, review: dict) -> None:
        label = self.query_one("#rv-choices", Label)
        label.update(panes.choices_text(self.words, self._statuses(review), review, label.content_region.width or 30))

    def on_resize(self) -> None:
        self.after_layout(self._redraw_choices)

    def _redraw_choices(self) -> None:
        review = self.current()
        if review is not None and self.is_mounted:
            self._draw_choices(review)

    def _draw_done_on(self, review: dict) -> None:
        row = self.query_one("#rv-done-row")
        row.display = review["item_table"] != "concerns"
        box = self.query_one("#rv-done-on", Input)
        box.disabled = self.session.read_only or review.get("status") != "done"
        if self._done_for == review["id"] and box.value != self._done_loaded and box.has_focus:
            return  # being typed
        self._done_for = review["id"]
        self._done_loaded = review.get("done_on") or ""
        box.value = self._done_loaded
        statuses = self._statuses(review)
        key = statuses.index("done") + 1 if "done" in statuses else 0
        box.placeholder = (self.words["text"]["done_on_placeholder"] if review.get("status") == "done"
                           else self.words["text"]["done_on_hint"].format(key=key))

    def _load_box(self, name: str, review: dict) -> None:
        stored = review.get(name) or ""
        self._editing[name] = review["id"]
        self._loaded[name] = stored
        box = self._box(name)
        if box.text != stored:
            box.load_text(stored)

    def _pending(self, name: str) -> bool:
        return self._box(name).text != self._loaded[name]

    def focus_entry(self) -> None:
        self.focus()

    # saving ----------------------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        name = (event.text_area.id or "").removeprefix("rv-")
        if name not in BOXES or not self._pending(name):
            return
        self._savers[name].changed()

    def save_text(self, name: str) -> bool:
        """Save what is in a box for the item it was loaded for; on failure the words stay."""
        saver = self._savers[name]
        saver.dirty = saver.dirty or self._pending(name)
        return saver.flush()

    def _write_text(self, name: str) -> bool:
        rid = self._editing[name]
        if rid is None or not self._pending(name) or self.session.read_only:
            return True
        typed = self._box(name).text
        saved = self.attempt(followup.set_text, self.history, rid, name, typed)
        if saved is None:
            return False
        self._loaded[name] = typed
        self._replace_row(saved)
        return True

    def _save_done_on(self) -> bool:
        box = self.query_one("#rv-done-on", Input)
        rid = self._done_for
        if rid is None or box.value == self._done_loaded or self.session.read_only:
            return True
        try:
            model.parse_date(box.value)
        except ValueError as exc:
            self.app.notify(f"{exc}. The date is still in the box.", title="Not saved", severity="error",
                            timeout=8, markup=False)
            return False
        saved = self.attempt(followup.set_done_on, self.history, rid, box.value)
        if saved is None:
            return False
        self._done_loaded = saved.get("done_on") or ""
        self._replace_row(saved)
        return True

    def flush(self) -> None:
        """Save whatever is still being typed (the screen calls this before closing)."""
        for name in BOXES:
            self.save_text(name)
        self._save_done_on()

    def _replace_row(self, saved: dict) -> None:
        for n, row in enumerate(self.rows):
            if row["id"] == saved["id"]:
                self.rows[n] = saved

    def on_descendant_blur(self, event) -> None:
        widget = event.widget
        if isinstance(widget, TextArea):
            name = (widget.id or "").removeprefix("rv-")
            if name in BOXES:
                self.save_text(name)
        elif widget.id == "rv-done-on":
            self._save_done_on()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "rv-done-on":
            return
        event.stop()
        if self._save_done_on():
            self._draw()
            self.focus()

    # keys ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "leave":
            return self._typing()
        if self._typing():
            return False
        review = self.current()
        if action in ("step", "next_unreviewed"):
            return review is not None
        if review is None:
            return False if action in ("cycle_status", "set_status", "write", "done_on") else True
        if action == "set_status":
            return parameters[0] <= len(self._statuses(review))
        if action == "done_on":
            return review["item_table"] != "concerns"
        return True

    def action_step(self, delta: int) -> None:
        target = self.index + delta
        if not 0 <= target < len(self.rows):
            where = "last" if delta > 0 else "first"
            self.app.notify(f"This is the {where} item.", timeout=2, markup=False)
            return
        self._go(target)

    def _go(self, index: int) -> None:
        self.flush()
        self.index = index
        self._draw()

    def action_next_unreviewed(self) -> None:
        count = len(self.rows)
        for step in range(1, count + 1):
            n = (self.index + step) % count
            if self.rows[n].get("status", "not_reviewed") == "not_reviewed":
                self._go(n)
                return
        self.app.notify("Every item has been reviewed.", timeout=3, markup=False)

    def action_set_status(self, number: int) -> None:
        review = self.current()
        statuses = self._statuses(review)
        if review is None or not 1 <= number <= len(statuses):
            return
        self._set_status(review, statuses[number - 1])

    def action_cycle_status(self) -> None:
        review = self.current()
        if review is None:
            return
        statuses = self._statuses(review)
        now = review.get("status")
        status = statuses[(statuses.index(now) + 1) % len(statuses)] if now in statuses else statuses[0]
        self._set_status(review, status)

    def _set_status(self, review: dict, status: str) -> None:
        self.flush()
        saved = self.attempt(followup.set_status, self.history, review["id"], status)
        if saved is None:
            return
        self._replace_row(saved)
        self._draw()
        label = self.words["statuses"][status]["label"]
        if status == "done":
            self.app.notify(f"Now {label}. D: the date it was done.", timeout=3, markup=False)
        else:
            self.app.notify(f"Now {label}.", timeout=2, markup=False)

    def action_write(self, name: str) -> None:
        if self.current() is None:
            return
        if self.session.read_only:
            self.app.notify("This workshop is open read-only.", timeout=3, markup=False)
            return
        box = self._box(name)
        box.focus()
        box.move_cursor(box.document.end)

    def action_done_on(self) -> None:
        review = self.current()
        if review is None or review["item_table"] == "concerns":
            return
        if review.get("status") != "done":
            done = self._statuses(review).index("done") + 1
            self.app.notify(f"Mark it done first ({done}), then give the date.", timeout=3, markup=False)
            return
        self.query_one("#rv-done-on", Input).focus()

    def action_leave(self) -> None:
        focused = self.app.focused
        if isinstance(focused, TextArea):
            name = (focused.id or "").removeprefix("rv-")
            if name in BOXES and not self.save_text(name):
                return
        elif isinstance(focused, Input) and not self._save_done_on():
            return
        self._draw()
        self.focus()


VIEW = ReviewView
