"""Activity 3: job description review. Five panes inside the activity, one key each:
the draft with flagged wording marked (D), the criteria (C), the wording check (W), the
signs of a compromised job description (S) and the example peer duties (U). Several drafts
per workshop; [ and ] switch.

Each pane is a widget (workshop/tui/widgets/jd_*.py) with its own keys; this view holds the
drafts: import, paste, edit, delete, and running the wording check."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import ContentSwitcher, Input, Label, TextArea

from workshop import model
from workshop.jd import review as jd_review
from workshop.actions import linked_action, send_to_action_plan
from workshop.jd.check import reconcile
from workshop.jd.importer import Draft, DraftImportError, draft_from_paste
from workshop.tui.activities.base import ActivityView
from workshop.tui.activities.job_description.criteria import CriteriaPane
from workshop.tui.widgets.jd_draft import DraftText, Mark
from workshop.tui.activities.job_description.flags import FlagsPane
from workshop.tui.activities.job_description.signs import SignsPane
from workshop.tui.activities.job_description.duties import DutiesPane

PANES = ("draft", "criteria", "wording", "signs", "duties")
PANE_KEY = {"draft": "D", "criteria": "C", "wording": "W", "signs": "S", "duties": "U"}
PANE_TITLE = {"draft": "Draft", "criteria": "Criteria", "wording": "Wording check", "signs": "Signs",
              "duties": "Duties"}
EMPTY = ("No draft job description yet.\n\n"
         "  I   import a file (.docx, .md or .txt)\n"
         "  P   paste the text of a draft\n\n"
         "Then walk the criteria (C), talk through the wording check (W), "
         "the signs of a compromised job description (S) and the example peer duties (U).")


class JobDescriptionView(ActivityView):
    activity = "job_description"

    SCOPED_CSS = False
    DEFAULT_CSS = """
    JobDescriptionView #jd-tabs { height: 1; padding: 0 1; width: 1fr; }
    JobDescriptionView #jd-title { height: 1; }
    JobDescriptionView #jd-panes { height: 1fr; }
    JobDescriptionView .jd-pane { height: 1fr; }
    JobDescriptionView #jd-draft { height: 1fr; background: $surface; }
    JobDescriptionView .jd-list { height: 1fr; border: none; background: $surface; }
    JobDescriptionView .jd-about { width: 1fr; height: auto; max-height: 2; padding: 0 1; color: $text-muted; }
    JobDescriptionView #jd-aid { text-style: italic; }
    .-projector JobDescriptionView { background: $background; }
    .-projector JobDescriptionView #jd-tabs { height: 2; text-style: bold; }
    .-projector JobDescriptionView .jd-list { background: $background; }
    .-projector JobDescriptionView #jd-draft { background: $background; }
    """

    BINDINGS = [
        Binding("i", "import_file", "Import file", id="jd.import"),
        Binding("p", "paste", "Paste draft", id="jd.paste"),
        Binding("e", "edit_draft", "Edit draft", id="jd.draft.edit"),
        Binding("delete", "delete_draft", "Delete draft", id="jd.draft.delete"),
        Binding("r", "recheck", "Check wording", id="jd.recheck"),
        Binding("d", "pane('draft')", "Draft", id="jd.pane.draft", show=False),
        Binding("c", "pane('criteria')", "Criteria", id="jd.pane.criteria", show=False),
        Binding("w", "pane('wording')", "Wording check", id="jd.pane.wording", show=False),
        Binding("s", "pane('signs')", "Signs of a compromised JD", id="jd.pane.signs", show=False),
        Binding("u", "pane('duties')", "Example peer duties", id="jd.pane.duties", show=False),
        Binding("right_square_bracket", "switch_draft(1)", "Next draft", id="jd.draft.next",
                key_display="]", show=False),
        Binding("left_square_bracket", "switch_draft(-1)", "Previous draft", id="jd.draft.previous",
                key_display="[", show=False),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.pane = "draft"
        self.data = jd_review.ReviewData(self.session)
        self._stale: set[str] = set(PANES)

    def compose(self) -> ComposeResult:
        yield Label("", id="jd-tabs")
        yield Label("", id="jd-title", classes="column-title")
        with ContentSwitcher(id="jd-panes", initial="jd-pane-draft"):
            yield DraftText(id="jd-pane-draft", classes="jd-pane")
            yield CriteriaPane(id="jd-pane-criteria", classes="jd-pane")
            yield FlagsPane(id="jd-pane-wording", classes="jd-pane")
            yield SignsPane(id="jd-pane-signs", classes="jd-pane")
            yield DutiesPane(id="jd-pane-duties", classes="jd-pane")
        yield Label("", id="jd-status", classes="status-line")

    def on_mount(self) -> None:
        self.reload()

    # drawing ------------------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.is_mounted:
            return
        self.data.load()
        self._stale = set(PANES)
        self._draw_heading()
        self._draw(self.pane)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        projector = self.app.has_class("-projector") if self.is_mounted else False
        if self.is_mounted and projector != getattr(self, "_projector", projector):
            self._stale = set(PANES)  # rows are spaced apart on the projector
            self.call_later(self._draw, self.pane)
        self._projector = projector

    def after_change(self, redraw: bool = False) -> None:
        """Called by the panes after they saved something."""
        self.data.load()
        self._stale = set(PANES) if redraw else set(PANES) - {self.pane}
        self._draw(self.pane)

    def _draw_heading(self) -> None:
        tabs = []
        for pane in PANES:
            label = f"{PANE_KEY[pane]} {PANE_TITLE[pane]}"
            tabs.append(f"[reverse bold]▶ {label} ◀[/]" if pane == self.pane else f"  {label}  ")
        self.query_one("#jd-tabs", Label).update(" ".join(tabs))
        draft = self.data.current
        if draft is None:
            title = "No draft yet: I imports a file, P pastes the text"
        else:
            title = f"Draft {self.data.index + 1} of {len(self.data.drafts)}: {draft['title']}"
            if len(self.data.drafts) > 1:
                title += " · [ ] switch"
        self.query_one("#jd-title", Label).update(Content(title))  # a title may hold [brackets]

    def _draw(self, pane: str) -> None:
        if pane in self._stale:
            if pane == "draft":
                self._draw_draft()
            else:
                self.query_one(f"#jd-pane-{pane}").draw()
            self._stale.discard(pane)
        self.query_one("#jd-status", Label).update(Content(self.data.status(pane)))

    def _draw_draft(self) -> None:
        view = self.query_one(DraftText)
        draft = self.data.current
        if draft is None:
            view.show(EMPTY)
            return
        marks = [Mark(start, end, row.number, row.record.get("state", "open"))
                 for row in self.data.flag_rows() if row.group is not None for start, end in row.group.spans]
        view.show(draft["text"], marks)

    # moving around ------------------------------------------------------------------------------

    def focus_entry(self) -> None:
        pane = self.query_one(f"#jd-pane-{self.pane}")
        if self.pane == "draft":
            pane.focus()
        else:
            pane.focus_list()

    def action_pane(self, pane: str) -> None:
        self.pane = pane
        self.query_one("#jd-panes", ContentSwitcher).current = f"jd-pane-{pane}"
        self._draw_heading()
        self._draw(pane)
        self.focus_entry()
        self.refresh_bindings()

    def show_mark(self, number: int) -> None:
        self.action_pane("draft")
        self.query_one(DraftText).scroll_to_mark(number)

    def action_switch_draft(self, step: int) -> None:
        if len(self.data.drafts) < 2:
            self.app.notify("There is only one draft. I imports another, P pastes one.", timeout=3, markup=False)
            return
        self.data.select(self.data.index + step)
        self._stale = set(PANES)
        self._draw_heading()
        self._draw(self.pane)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if isinstance(self.app.focused, (Input, TextArea)):
            return False
        if action in ("edit_draft", "delete_draft") and self.pane != "draft":
            return False
        if action == "recheck" and self.pane not in ("draft", "wording"):
            return False
        if action in ("edit_draft", "delete_draft", "recheck", "switch_draft") and self.data.current is None:
            return None
        return True

    def flush(self) -> None:
        """Save a note still being typed (for the screen to call before the file is closed)."""
        for pane in (CriteriaPane, SignsPane, DutiesPane):
            noted = self.query_one(pane)
            if noted.typing:
                noted.save_note()

    def _after_dialog(self, _result: object = None) -> None:
        self.after_layout(self.focus_entry)

    # drafts ---------------------------------------------------------------------------------------

    def action_import_file(self) -> None:
        from workshop.tui.screens.jd_file import ImportDraftScreen

        self.app.push_screen(ImportDraftScreen(self.add_draft), self._after_dialog)

    def action_paste(self) -> None:
        from workshop.tui.screens.jd_text import DraftTextScreen

        def save(title: str, text: str) -> bool:
            try:
                draft = draft_from_paste(text, title)
            except DraftImportError as exc:
                self.app.notify(str(exc), severity="warning", markup=False)
                return False
            return self.add_draft(draft)

        self.app.push_screen(DraftTextScreen("Paste a draft job description", save), self._after_dialog)

    def add_draft(self, draft: Draft) -> bool:
        """Save an imported or pasted draft and check its wording, as one undoable step."""
        with self.history.step("add draft"):
            record = self.attempt(self.history.insert, "job_descriptions", "add draft", title=draft.title,
                                  text=draft.text, imported_from=draft.imported_from)
            if record is None:
                return False
            self.data.load(select=record["id"])
            found = self._check(record)
        if draft.truncated:
            self.app.notify(f"The draft was very long; the first {model.MAX_TEXT:,} characters were kept.",
                            severity="warning", timeout=8, markup=False)
        self.pane = "draft"
        self.query_one("#jd-panes", ContentSwitcher).current = "jd-pane-draft"
        self.reload()
        self.app.notify(f"Added “{draft.title}”: {found}. The check is an aid to discussion.", timeout=6,
                        markup=False)
        return True

    def action_edit_draft(self) -> None:
        from workshop.tui.screens.jd_text import DraftTextScreen

        draft = self.data.current
        if draft is None:
            return

        def save(title: str, text: str) -> bool:
            changes = {"title": model.clean_line(title) or draft["title"], "text": model.clean_text(text)}
            with self.history.step("edit draft"):
                updated = self.attempt(self.history.update, "job_descriptions", draft["id"], "edit draft",
                                       **changes)
                if updated is None:
                    return False
                self.data.load()
                found = self._check(updated)
            self.reload()
            self.app.notify(f"Saved. Checked again: {found}; decisions already taken are kept.", timeout=5,
                            markup=False)
            return True

        self.app.push_screen(DraftTextScreen("Edit the draft", save, title=draft["title"], text=draft["text"]),
                             self._after_dialog)

    def action_delete_draft(self) -> None:
        from workshop.tui.screens.confirm import ConfirmScreen

        draft = self.data.current
        if draft is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                with self.history.step("delete draft"):
                    for table, record in self.data.children(draft["id"]):
                        if self.attempt(self.history.delete, table, record["id"], "delete draft") is None:
                            break
                    else:
                        self.attempt(self.history.delete, "job_descriptions", draft["id"], "delete draft")
                self.reload()
                self.app.notify(f"Deleted “{draft['title']}” and its review. Ctrl+Z brings them back.", timeout=5,
                                markup=False)
            self._after_dialog()

        self.app.push_screen(ConfirmScreen(f"Delete the draft “{draft['title']}”?",
                                           "Its ratings, wording flags and signs go with it (Ctrl+Z undoes).",
                                           deliberate="delete"),
                             answered)

    # the wording check --------------------------------------------------------------------------

    def _check(self, draft: dict) -> str:
        """Check `draft` and save what changed; decisions already taken are kept. Says what it found."""
        groups = self.data.groups_for(draft)
        saved = [f for f in self.data.all_flags() if f.get("jd_id") == draft["id"]]
        change = reconcile(saved, groups)
        if change.add:
            items = [{**fields, "jd_id": draft["id"]} for fields in change.add]
            if self.attempt(self.data.insert_flags, self.history, items) is None:
                return "the flags could not be saved"
        for rid in change.remove:
            if self.attempt(self.history.delete, "jd_flags", rid, "check wording") is None:
                break
        self.data.load()
        words = sum(1 for g in groups if g.flag.kind == "wording")
        missing = len(groups) - words
        return f"{words} wording flag{'s' * (words != 1)}, {missing} missing item{'s' * (missing != 1)}"

    def action_recheck(self) -> None:
        self.data.load()
        draft = self.data.current
        if draft is None:
            return
        with self.history.step("check wording"):
            found = self._check(draft)
        self.reload()
        self.app.notify(f"Checked: {found}. Decisions already taken are kept.", timeout=5, markup=False)

    def send(self, table: str, record: dict, **overrides) -> None:
        """Send a review item to the action plan, once, linked back to it."""
        if linked_action(self.history, table, record) is not None:
            self.app.notify("This is already in the action plan (activity 6).", timeout=3, markup=False)
            return
        if self.attempt(send_to_action_plan, self.history, table, record, **overrides) is not None:
            self.app.notify("Sent to the action plan (activity 6), linked back to this review.", timeout=4,
                            markup=False)


VIEW = JobDescriptionView
