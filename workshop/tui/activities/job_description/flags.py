"""The wording-check pane of the job description review: each flag, accepted or dismissed
by the room with one key. The check is an aid to discussion; it decides nothing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from workshop.jd import review as jd_review
from workshop.jd.check import MISSING_PREFIX
from workshop.tui.activities.base import ActivityView
from workshop.tui.activities.job_description.noted import NO_DRAFT
from workshop.tui.widgets.end_stop import EndStopList
from workshop.tui.widgets.jd_rows import flag_prompt, group_header, spaced

AID = "An aid to discussion: it decides nothing. The room reads each flag and accepts (A) or dismisses (X) it."


class FlagsPane(Vertical):
    BINDINGS = [
        Binding("a", "decide('accepted')", "Accept", id="jd.flag.accept"),
        Binding("x", "decide('dismissed')", "Dismiss", id="jd.flag.dismiss"),
        Binding("g", "show_in_draft", "Show in draft", id="jd.flag.show"),
        Binding("t", "send", "To action plan", id="jd.flag.send"),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[jd_review.FlagRow] = []

    def compose(self) -> ComposeResult:
        yield Label(AID, id="jd-aid", classes="jd-about")
        yield EndStopList(id="jd-flags", classes="jd-list")

    @property
    def view(self) -> ActivityView:
        return self.query_ancestor(ActivityView)

    @property
    def data(self) -> jd_review.ReviewData:
        return self.view.data

    @property
    def listing(self) -> OptionList:
        return self.query_one(OptionList)

    def focus_list(self) -> None:
        self.listing.focus()

    def draw(self) -> None:
        listing = self.listing
        keep = listing.highlighted_option.id if listing.highlighted_option else None
        if self.data.current is None:
            self.rows = []
            listing.set_options([Option(NO_DRAFT, disabled=True)])
            return
        self.rows = self.data.flag_rows()
        if not self.rows:
            listing.set_options([Option("No flags saved for this draft. R checks the wording.", disabled=True)])
            return
        options: list[Option] = []
        wording = [r for r in self.rows if not r.missing]
        missing = [r for r in self.rows if r.missing]
        for title, rows in (("Wording to talk about", wording), ("Missing from the draft", missing)):
            if rows:
                options.append(Option(group_header(title, str(len(rows))), disabled=True))
                wide = self.app.has_class("-projector")
                options.extend(Option(spaced(flag_prompt(r), wide), id=r.record["id"]) for r in rows)
        listing.set_options(options)
        index = None
        if keep is not None:
            try:
                index = listing.get_option_index(keep)
            except Exception:  # noqa: BLE001 - it went away
                index = None
        listing.highlighted = index if index is not None else 1

    def row(self) -> jd_review.FlagRow | None:
        option = self.listing.highlighted_option
        if option is None or option.id is None:
            self.app.notify("No flag selected.", timeout=2, markup=False)
            return None
        return next((r for r in self.rows if r.record["id"] == option.id), None)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        return True if self.rows else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_show_in_draft()

    def action_decide(self, state: str) -> None:
        row = self.row()
        if row is None:
            return
        new = "open" if row.record.get("state", "open") == state else state
        label = {"accepted": "accept flag", "dismissed": "dismiss flag", "open": "reopen flag"}[new]
        view = self.view
        if view.attempt(view.history.update, "jd_flags", row.record["id"], label, state=new) is not None:
            view.after_change(redraw=True)

    def action_show_in_draft(self) -> None:
        row = self.row()
        if row is None:
            return
        if row.group is None or not row.group.spans:
            what = "is about missing content" if row.missing else "is no longer in the draft"
            self.app.notify(f"Flag ⟨{row.number}⟩ {what}, so there is nothing to show.", timeout=3, markup=False)
            return
        self.view.show_mark(row.number)

    def action_send(self) -> None:
        """Send an accepted change to the action plan; an open flag is accepted on the way."""
        row = self.row()
        if row is None:
            return
        record = row.record
        if record.get("state") == "dismissed":
            self.app.notify("This flag was dismissed. Accept it first (A) to send it to the action plan.", timeout=4,
                            markup=False)
            return
        overrides = {}
        if row.missing:
            title = str(record.get("phrase", "")).removeprefix(MISSING_PREFIX)
            overrides = {"task": "Job description: add missing content",
                         "what": f"{title}: {record.get('suggestion', '')}"}
        view = self.view
        with view.history.step("send to action plan"):
            if record.get("state") != "accepted":
                if view.attempt(view.history.update, "jd_flags", record["id"], "accept flag", state="accepted") is None:
                    return
            view.send("jd_flags", record, **overrides)
        view.after_change(redraw=True)
