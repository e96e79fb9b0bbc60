"""The organisation template's extra prompts for an activity, in a strip above it.

Shown only in a workshop whose template adds prompts for that activity, so the screen of
any other workshop is unchanged. A template keeps one activity's prompts to 200 characters
in all (`workshop.template`), so the strip fits in three lines at 80 columns; it also shows
in projector mode, where the guide (and its own prompts) is hidden."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class TemplatePrompts(Static):
    DEFAULT_CSS = """
    TemplatePrompts {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $boost;
        overflow-y: auto;
    }
    """

    def __init__(self, prompts: list[str], *, id: str | None = None) -> None:
        super().__init__(self.render_prompts(prompts), id=id)
        self.prompts = list(prompts)

    @staticmethod
    def render_prompts(prompts: list[str]) -> Text:
        text = Text()
        text.append("Also ask ▸ ", style="bold")
        for n, prompt in enumerate(prompts):
            if n:
                text.append("  ·  ")
            text.append(prompt)  # Text, never markup: these are an organisation's own words
        return text
