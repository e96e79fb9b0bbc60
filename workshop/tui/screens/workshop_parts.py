"""Two parts of the workshop screen, kept apart so the screen itself reads as the day's
running order: the timer's keys and memory (`KeepsTimer`), and the screens it opens over
itself (`OpensDialogs`). Both are mixed into `WorkshopScreen`, whose session, history, views
and agenda they use."""

from __future__ import annotations

from workshop import content
from workshop.store import StoreError
from workshop.tui.widgets.notes import NotesPanel
from workshop.tui.widgets.timer import ActivityTimer

TIMER_FIELD = "timer"  # each activity's countdown, kept for the next opening (docs/FORMAT.md)


class KeepsTimer:
    """The countdown's keys, and its state kept in the workshop (not an undo step)."""


    def action_timer_toggle(self) -> None:
        self.query_one(ActivityTimer).toggle()

    def action_timer_reset(self) -> None:
        self.query_one(ActivityTimer).reset()

    def action_timer_adjust(self, minutes: int) -> None:
        self.query_one(ActivityTimer).adjust(minutes)

    def on_activity_timer_changed(self, event: ActivityTimer.Changed) -> None:
        event.stop()
        self._keep_timer(event.state)

    def _keep_timer(self, state: dict) -> None:
        if self.session.read_only or self.session.closed:
            return
        if state == (self.session.workshop().get(TIMER_FIELD) or {}):
            return
        try:
            self.history.remember(**{TIMER_FIELD: state})
        except StoreError:
            pass  # the countdown goes on on screen; only its memory for the next opening is lost

    def on_activity_timer_finished(self, event: ActivityTimer.Finished) -> None:
        title = content.activity(event.activity).title
        self.notify(f"Time is up for {title}.", title="Timer", severity="warning", timeout=15, markup=False)


class OpensDialogs:
    """Details, sources, the merge log and the export, each over the workshop."""


    def action_details(self) -> None:
        from workshop.tui.screens.details import DetailsScreen

        def done(_result: object) -> None:
            workshop = self.session.workshop()
            timer = self.query_one(ActivityTimer)
            for key, minutes in workshop.get("timeboxes", {}).items():
                timer.set_timebox(key, minutes)
            self.refresh_agenda()

        self.app.push_screen(DetailsScreen(self.session, self.history), done)

    def action_about(self) -> None:
        from workshop.tui.screens.about import AboutScreen

        self.app.push_screen(AboutScreen())

    def action_merge_log(self) -> None:
        from workshop.tui.screens.merge_log import MergeLogScreen

        self.query_one(NotesPanel).flush()

        def done(changed: bool | None) -> None:
            if changed:  # a conflict was settled the other way: show the records as they are now
                for view in self.views.values():
                    view.reload()
                self.refresh_agenda()

        self.app.push_screen(MergeLogScreen(self.history), done)

    def action_export(self) -> None:
        from workshop.tui.screens.export import ExportScreen

        self.query_one(NotesPanel).flush()
        self.app.push_screen(ExportScreen(self.session))
