"""What the caller chooses, and the one error the caller needs to catch."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("docx", "md", "csv")  # csv: one spreadsheet per activity table (spreadsheet.py)
STATUSES = ("draft", "final")


class ExportError(Exception):
    """An export that did not happen; str(error) is a message for a facilitator."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    format: str = "docx"  # "docx" | "md" | "csv"
    include_names: bool = False  # names of people who agreed to be named
    include_lived: bool = False  # lived-experience entries marked shareable
    status: str = "draft"  # "draft" | "final", shown on the cover

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ExportError(f"Unknown export format '{self.format}': use docx, md or csv.")
        if self.status not in STATUSES:
            raise ExportError(f"Unknown record status '{self.status}': use draft or final.")
