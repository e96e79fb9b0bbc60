"""Organisation templates: a TOML file that adapts the day to one organisation.

A template may set the local title of the peer role, the timeboxes, extra prompts per
activity, extra dual-role situations, extra common concerns with responses and extra
wording for the job-description check (docs/TEMPLATES.md). `load_template` reads and checks
one; every mistake is refused with the file, the line and the reason in plain words, and
`Template.workshop_fields()` gives what `Session.create` needs, including a self-contained
copy of the extras: a workshop never reads its template file again, so it shows the same
content when reopened on a laptop that has never seen the template (`workshop.template.customise`).

Plain Python: no Textual, no TinyDB.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workshop.template.checker import _Checker, _read, _syntax, tomllib
from workshop.template.lines import Path_, key_lines, locate  # noqa: F401 - re-exported for tests
from workshop.template.spec import (  # noqa: F401 - the public names of a template, as `workshop.template`
    FORMAT, KEY_PREFIX, LIMITS, MAX_BYTES, MAX_ENTRIES, MAX_LISTED, MAX_MINUTES, MAX_PROMPT_CHARS, TABLE_KEYS,
    TOP_KEYS, WHAT, Template, TemplateError,
)


def load_template(path: Path | str) -> Template:
    """Read and check a template file. Raises TemplateError naming the file, the line and
    the reason; nothing else escapes for a bad, missing or unreadable file."""
    path = Path(path)
    return parse_template(_read(path), path.name)


def parse_template(text: str, name: str = "template.toml") -> Template:
    """Check the text of a template file; `name` is how messages name the file."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax(exc, text, name) from None
    return _Checker(text, name).template(data)


# --- templates in a folder ---------------------------------------------------------------------


@dataclass(frozen=True)
class FoundTemplate:
    """A template file in a folder: its template, or why it cannot be used."""

    path: Path
    template: Template | None = None
    problem: str | None = None

    @property
    def label(self) -> str:
        if self.template is not None:
            return self.template.name
        return f"Cannot be used: {self.problem}"


def find_templates(folder: Path | str) -> list[FoundTemplate]:
    """The `*.toml` files in `folder`, by file name, each loaded or with its problem.
    A missing folder has none."""
    folder = Path(folder)
    try:
        paths = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".toml" and not p.name.startswith("."))
    except OSError:
        return []
    found = []
    for path in paths[:MAX_LISTED]:
        try:
            found.append(FoundTemplate(path, template=load_template(path)))
        except TemplateError as exc:
            found.append(FoundTemplate(path, problem=str(exc)))
    return found
