"""Per-folder preferences (projector mode) kept beside the sessions they apply to.

Kept in the sessions folder rather than the home directory so a facilitator's laptop and a
test's tmp folder each remember their own choice. No Textual here.
"""

from __future__ import annotations

from pathlib import Path

import orjson

from workshop.store.io import atomic_write_bytes

FILE_NAME = ".team-day-settings.json"


class Settings:
    # A plain class: a dataclass compiles its methods each time the app starts (see
    # content.Activity), and this one is read before the first frame.
    __slots__ = ("projector",)

    def __init__(self, projector: bool = False) -> None:
        self.projector = projector

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Settings) and other.projector == self.projector

    def __repr__(self) -> str:
        return f"Settings(projector={self.projector!r})"

    @classmethod
    def load(cls, folder: Path) -> "Settings":
        try:
            data = orjson.loads((folder / FILE_NAME).read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        return cls(projector=data.get("projector") is True)

    def save(self, folder: Path) -> bool:
        """Returns False if it could not be written; a preference is never worth an error."""
        try:
            atomic_write_bytes(folder / FILE_NAME, orjson.dumps({"projector": self.projector}))
        except OSError:
            return False
        return True
