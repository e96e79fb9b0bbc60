"""Export the record: choose what goes in, then write it in a worker thread."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, ProgressBar, RadioButton, RadioSet

from workshop.export import (
    ExportError,
    ExportOptions,
    TargetExists,
    TargetRefused,
    check_target,
    default_export_path,
    export_record,
    export_spreadsheets,
    first_free_name,
    privacy_report,
)
from workshop.store import Session
from workshop.tui.widgets.literal import literal


class ExportScreen(ModalScreen[Path | None]):
    DEFAULT_CSS = """
    ExportScreen #export-privacy {
        width: 100%;
    }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+e", "export", "Export now", id="export.go", priority=True),
    ]

    class Progress(Message):
        def __init__(self, fraction: float, label: str) -> None:
            super().__init__()
            self.fraction, self.label = fraction, label

    class Finished(Message):
        def __init__(self, path: Path | None, error: str | None, files: int = 0) -> None:
            super().__init__()
            self.path, self.error, self.files = path, error, files

    class PrivacyChecked(Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.busy = False

    @property
    def exports_dir(self) -> Path:
        return getattr(self.app, "exports_dir", None) or Path("exports")

    @property
    def kept_safe(self) -> dict:
        """What no record may be written over: this workshop, its companions, the sessions folder."""
        return {"workshop_file": self.session.path, "sessions_dir": getattr(self.app, "sessions_dir", None)}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label("Export the record", classes="dialog-title")
            with RadioSet(id="export-format"):
                yield RadioButton("Word document (.docx)", value=True, id="format-docx")
                yield RadioButton("Markdown (.md), for email", id="format-md")
                yield RadioButton("Spreadsheets (.csv), one per activity, for Excel", id="format-csv")
            yield Checkbox("Include names of attendees who agreed to be named", id="export-names")
            yield Checkbox("Include personal-experience entries marked shareable", id="export-lived")
            # What the record will replace, shown before writing so the text can be fixed first.
            yield Label("Checking names in the record…", id="export-privacy")
            yield Label("Save as", id="export-save-as")
            yield Input(str(self._default_path("docx")), id="export-path")
            yield ProgressBar(total=1.0, show_eta=False, id="export-progress")
            yield Label("Enter or Ctrl+E exports · Esc cancels", id="export-status", classes="dialog-help")

    def on_mount(self) -> None:
        self.query_one("#export-progress").display = False
        self.query_one("#export-path", Input).focus()
        self._check_privacy()

    def _options(self) -> ExportOptions:
        return ExportOptions(
            format=self._format(),
            include_names=self.query_one("#export-names", Checkbox).value,
            include_lived=self.query_one("#export-lived", Checkbox).value,
        )

    def _check_privacy(self) -> None:
        self.check_privacy(self.session.snapshot(), self._options())

    @work(thread=True, exclusive=True, group="export-privacy")
    def check_privacy(self, snapshot: dict, options: ExportOptions) -> None:
        try:
            text = " ".join(privacy_report(snapshot, options).sentences())
        except ExportError as exc:
            text = str(exc)
        if not get_current_worker().is_cancelled:
            self.post_message(self.PrivacyChecked(text))

    def on_export_screen_privacy_checked(self, event: PrivacyChecked) -> None:
        self.query_one("#export-privacy", Label).update(literal(event.text))

    def on_checkbox_changed(self, _event: Checkbox.Changed) -> None:
        self._check_privacy()

    def _default_path(self, fmt: str) -> Path:
        if fmt == "csv":  # several files: the folder they go in, each named after the workshop
            return self.exports_dir
        # A second export on the same day gets -2, -3 … rather than a question about replacing.
        return first_free_name(default_export_path(self.session.snapshot(), self.exports_dir, format=fmt))

    def _format(self) -> str:
        if self.query_one("#format-csv", RadioButton).value:
            return "csv"
        return "md" if self.query_one("#format-md", RadioButton).value else "docx"

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        what = "the spreadsheets" if self._format() == "csv" else "the record"
        self.query_one("#export-privacy", Label).update(f"Checking names in {what}…")
        self.query_one("#export-path", Input).value = str(self._default_path(self._format()))
        self.query_one("#export-save-as", Label).update("Save in folder" if self._format() == "csv" else "Save as")
        self._check_privacy()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_export(self, overwrite: bool = False) -> None:
        if self.busy:
            return
        typed = self.query_one("#export-path", Input).value.strip()
        out = Path(typed).expanduser() if typed else self._default_path(self._format())
        if self._format() == "csv":
            self._export_spreadsheets(out)
            return
        try:
            check_target(out, overwrite, **self.kept_safe)
        except TargetExists:
            from workshop.tui.screens.confirm import ConfirmScreen

            def answered(yes: bool | None) -> None:
                if yes:
                    self.action_export(overwrite=True)

            self.app.push_screen(ConfirmScreen(f"{out.name} already exists. Replace it?"), answered)
            return
        except TargetRefused as exc:
            self._refused(str(exc))
            return
        except ExportError:
            pass  # a missing folder is created by the worker; anything else it reports itself
        options = self._options()
        self.busy = True
        self.query_one("#export-progress").display = True
        self.query_one("#export-status", Label).update("Exporting…")
        # The worker gets a copy of the data: the store stays on this thread.
        self.run_export(self.session.snapshot(), out, options, overwrite, self.kept_safe)

    @work(thread=True, exclusive=True)
    def run_export(self, snapshot: dict, out: Path, options: ExportOptions, overwrite: bool, kept_safe: dict) -> None:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            path = export_record(
                snapshot, out, options, overwrite=overwrite, **kept_safe,
                progress=lambda fraction, label: self.post_message(self.Progress(fraction, label)),
            )
        except TargetExists as exc:  # it appeared while the record was being built
            self.post_message(self.Finished(None, f"{exc.path.name} appeared meanwhile in {exc.path.parent}; "
                                                  "press Enter to be asked whether to replace it."))
        except ExportError as exc:
            self.post_message(self.Finished(None, str(exc)))
        except OSError as exc:
            self.post_message(self.Finished(None, f"The record could not be written: {exc.strerror}."))
        else:
            self.post_message(self.Finished(path, None))

    def _export_spreadsheets(self, folder: Path) -> None:
        """CSV: a set of files, numbered as a set when names are taken, so nothing is replaced
        and there is nothing to ask."""
        if folder.exists() and not folder.is_dir():
            self._refused(f"{folder} is a file; spreadsheets are saved in a folder. Type the folder's name.")
            return
        self.busy = True
        self.query_one("#export-status", Label).update("Exporting…")
        self.run_spreadsheets(self.session.snapshot(), folder, self._options(), self.kept_safe)

    @work(thread=True, exclusive=True)
    def run_spreadsheets(self, snapshot: dict, folder: Path, options: ExportOptions, kept_safe: dict) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            paths = export_spreadsheets(snapshot, folder, options, free_names=True, **kept_safe)
        except ExportError as exc:
            self.post_message(self.Finished(None, str(exc)))
        except OSError as exc:
            self.post_message(self.Finished(None, f"The spreadsheets could not be written: {exc.strerror}."))
        else:
            self.post_message(self.Finished(folder, None, len(paths)))

    def on_export_screen_progress(self, event: Progress) -> None:
        self.query_one("#export-progress", ProgressBar).update(progress=event.fraction)
        self.query_one("#export-status", Label).update(literal(event.label))

    def _refused(self, message: str) -> None:
        self.query_one("#export-status", Label).update(literal(message))
        self.app.notify(message, title="Not exported", severity="error", timeout=12, markup=False)

    def on_export_screen_finished(self, event: Finished) -> None:
        self.busy = False
        if event.error:
            self.query_one("#export-progress").display = False
            self.query_one("#export-status", Label).update(literal(event.error))
            self.app.notify(event.error, title="Export failed", severity="error", timeout=12, markup=False)
            return
        if event.files:
            self.app.notify(f"Saved {event.files} spreadsheets (one per activity) in {event.path}", title="Exported",
                            timeout=12, markup=False)
        else:
            self.app.notify(f"Saved the record as {event.path}", title="Exported", timeout=12, markup=False)
        self.dismiss(event.path)

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)
